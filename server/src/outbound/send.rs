//! Sending the messages that wait: taken with a lease, so that two servers never send the
//! same one at once, marked sent or, on failure, left for a later try.

use super::mail::Mailer;
use super::push::Pusher;
use crate::db::{self, Db};
use crate::error::AppResult;
use crate::store::{self, deliveries::Delivery};
use app::api::Channel;
use chrono::{DateTime, Duration, Utc};

/// How long a server holds the messages it took: more than sending a batch can take (each
/// exchange times out after 30 s).
const LEASE_MINUTES: i64 = 15;

/// Messages taken at a time.
const BATCH: i64 = 20;

/// What carries a channel's messages.
#[derive(Clone, Copy)]
pub enum Courier<'a> {
    Mail(&'a Mailer),
    Push(&'a Pusher),
}

impl Courier<'_> {
    pub fn channel(self) -> Channel {
        match self {
            Courier::Mail(_) => Channel::Email,
            Courier::Push(_) => Channel::Push,
        }
    }

    async fn carry(self, db: &Db, d: &Delivery) -> Result<(), String> {
        match self {
            Courier::Mail(mailer) => mailer.send(&d.address, &d.subject, &d.body).await,
            Courier::Push(pusher) => pusher.send(db, &d.username, &d.body).await,
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// Sends the messages that wait for `courier`, batch after batch, as server `me`.
pub async fn send_waiting(
    db: &Db,
    courier: Courier<'_>,
    me: &str,
    now: DateTime<Utc>,
) -> AppResult<Sent> {
    let mut done = Sent::default();
    loop {
        let mut tx = db::begin_write(db).await?;
        let lease = Duration::minutes(LEASE_MINUTES);
        let batch =
            store::deliveries::claim(&mut tx, courier.channel(), me, now, lease, BATCH).await?;
        tx.commit().await?;
        if batch.is_empty() {
            return Ok(done);
        }
        for message in &batch {
            let outcome = courier.carry(db, message).await;
            let mut tx = db::begin_write(db).await?;
            match outcome {
                Ok(()) => {
                    store::deliveries::sent(&mut tx, message, me, Utc::now()).await?;
                    done.sent += 1;
                }
                Err(error) => {
                    tracing::warn!(to = message.username, "not sent: {error}");
                    store::deliveries::failed(&mut tx, message, me, &error, Utc::now()).await?;
                    done.failed += 1;
                }
            }
            tx.commit().await?;
        }
    }
}
