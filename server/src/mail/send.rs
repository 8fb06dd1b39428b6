//! Sending the mails that wait: taken with a lease, so that two servers never send the
//! same one at once, marked sent or, on failure, left for a later try.

use super::mailer::Mailer;
use crate::db::{self, Db};
use crate::error::AppResult;
use crate::store;
use app::api::Channel;
use chrono::{DateTime, Duration, Utc};

/// How long a server holds the mails it took: more than sending a batch can take (each
/// exchange times out after 30 s).
const LEASE_MINUTES: i64 = 15;

/// Mails taken at a time.
const BATCH: i64 = 20;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// Sends the mails that wait, batch after batch, as server `me`.
pub async fn send_waiting(
    db: &Db,
    mailer: &Mailer,
    me: &str,
    now: DateTime<Utc>,
) -> AppResult<Sent> {
    let mut done = Sent::default();
    loop {
        let mut tx = db::begin_write(db).await?;
        let lease = Duration::minutes(LEASE_MINUTES);
        let batch =
            store::deliveries::claim(&mut tx, Channel::Email, me, now, lease, BATCH).await?;
        tx.commit().await?;
        if batch.is_empty() {
            return Ok(done);
        }
        for mail in &batch {
            let outcome = mailer.send(&mail.address, &mail.subject, &mail.body).await;
            let mut tx = db::begin_write(db).await?;
            match outcome {
                Ok(()) => {
                    store::deliveries::sent(&mut tx, mail, me, Utc::now()).await?;
                    done.sent += 1;
                }
                Err(error) => {
                    tracing::warn!(to = mail.username, "mail not sent: {error}");
                    store::deliveries::failed(&mut tx, mail, me, &error, Utc::now()).await?;
                    done.failed += 1;
                }
            }
            tx.commit().await?;
        }
    }
}
