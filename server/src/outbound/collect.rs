//! From notices given to messages to send by a channel: each notice to each staff member
//! of its unit whom the channel reaches (an address, a device) and who did not turn that
//! kind off.

use super::mail::letter;
use super::push::message;
use crate::catalog::Catalog;
use crate::db::{self, Db};
use crate::error::AppResult;
use crate::notices::{worded, Senders};
use crate::store::{self, deliveries::Delivery};
use app::api::{Channel, NoticeKind};
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// How far before the last collection a collection starts again: a notice written by a
/// transaction that committed late carries an earlier time. Collected twice, it is written
/// once (the key of `deliveries`).
const OVERLAP_MINUTES: i64 = 5;

/// Someone a channel reaches: their username and, for mail, their address.
struct Recipient {
    username: String,
    address: String,
}

/// Writes the messages of `channel` for the notices given since its last collection (on
/// the first, the last few minutes: older notices are not sent); how many.
pub async fn collect(
    db: &Db,
    catalog: &Catalog,
    channel: Channel,
    link_base: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let overlap = Duration::minutes(OVERLAP_MINUTES);
    let mut conn = db.acquire().await?;
    let from = store::deliveries::collected_to(&mut conn, channel)
        .await?
        .unwrap_or(now)
        - overlap;
    let rows = store::notices::given_since(&mut conn, from).await?;
    let mut units: Vec<&str> = rows.iter().map(|r| r.unit_code.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    let reached = recipients(&mut conn, channel, &units).await?;
    let opted_out = store::deliveries::opted_out_by_user(&mut conn, channel).await?;
    let mut senders = Senders::default();
    let mut messages = Vec::new();
    for row in rows {
        let Some(recipients) = reached.get(&row.unit_code) else {
            continue;
        };
        let by = senders.name(&mut conn, catalog, &row.by_username).await?;
        let unit_name = catalog.tree.name_of(&row.unit_code).to_string();
        let Some(notice) = worded(catalog, row, by) else {
            continue;
        };
        let (subject, body) = match channel {
            Channel::Email => letter(&notice, &unit_name, link_base),
            Channel::Push => message(&notice, &unit_name),
        };
        let wants = |r: &&Recipient| {
            !opted_out
                .get(&r.username)
                .is_some_and(|off: &Vec<NoticeKind>| off.contains(&notice.kind))
        };
        for recipient in recipients.iter().filter(wants) {
            messages.push(Delivery {
                channel,
                username: recipient.username.clone(),
                notice_id: notice.id.clone(),
                address: recipient.address.clone(),
                subject: subject.clone(),
                body: body.clone(),
                attempts: 0,
            });
        }
    }
    drop(conn);
    let mut tx = db::begin_write(db).await?;
    let mut written = 0;
    for m in &messages {
        if store::deliveries::add(&mut tx, m, now).await? {
            written += 1;
        }
    }
    store::deliveries::set_collected_to(&mut tx, channel, now).await?;
    tx.commit().await?;
    Ok(written)
}

/// The staff of `units` whom `channel` reaches, by unit: those with an address for mail,
/// those with a subscribed device for push.
async fn recipients(
    conn: &mut AnyConnection,
    channel: Channel,
    units: &[&str],
) -> AppResult<HashMap<String, Vec<Recipient>>> {
    let mut by_unit: HashMap<String, Vec<Recipient>> = HashMap::new();
    match channel {
        Channel::Email => {
            for user in store::users::staff_of(conn, units).await? {
                if let Some(address) = user.email {
                    by_unit.entry(user.unit_code).or_default().push(Recipient {
                        username: user.username,
                        address,
                    });
                }
            }
        }
        Channel::Push => {
            for (unit, username) in store::push_subscriptions::subscribers_of(conn, units).await? {
                by_unit.entry(unit).or_default().push(Recipient {
                    username,
                    address: String::new(),
                });
            }
        }
    }
    Ok(by_unit)
}
