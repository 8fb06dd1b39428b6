//! From notices given to mails to send: each notice to each staff member of its unit who
//! has an address and did not turn that kind off.

use super::letter::letter;
use crate::catalog::Catalog;
use crate::db::{self, Db};
use crate::error::AppResult;
use crate::notices::{worded, Senders};
use crate::store::{self, deliveries::Delivery};
use app::api::{Channel, NoticeKind};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// How far before the last collection a collection starts again: a notice written by a
/// transaction that committed late carries an earlier time. Collected twice, it is written
/// once (the key of `deliveries`).
const OVERLAP_MINUTES: i64 = 5;

/// Writes the mails of the notices given since the last collection (on the first, the last
/// few minutes: older notices are not mailed); how many.
pub async fn collect(
    db: &Db,
    catalog: &Catalog,
    link_base: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let overlap = Duration::minutes(OVERLAP_MINUTES);
    let mut conn = db.acquire().await?;
    let from = store::deliveries::collected_to(&mut conn, Channel::Email)
        .await?
        .unwrap_or(now)
        - overlap;
    let rows = store::notices::given_since(&mut conn, from).await?;
    let mut units: Vec<&str> = rows.iter().map(|r| r.unit_code.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    let mut staff: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for user in store::users::staff_of(&mut conn, &units).await? {
        if let Some(email) = user.email {
            staff
                .entry(user.unit_code)
                .or_default()
                .push((user.username, email));
        }
    }
    let mut opted_out: HashMap<String, Vec<NoticeKind>> = HashMap::new();
    for (username, _) in staff.values().flatten() {
        let kinds = store::deliveries::opted_out(&mut conn, username, Channel::Email).await?;
        opted_out.insert(username.clone(), kinds);
    }
    let mut senders = Senders::default();
    let mut mails = Vec::new();
    for row in rows {
        let Some(recipients) = staff.get(&row.unit_code) else {
            continue;
        };
        let by = senders.name(&mut conn, catalog, &row.by_username).await?;
        let unit_name = catalog.tree.name_of(&row.unit_code).to_string();
        let Some(notice) = worded(catalog, row, by) else {
            continue;
        };
        let (subject, body) = letter(&notice, &unit_name, link_base);
        for (username, email) in recipients {
            let off = opted_out
                .get(username)
                .is_some_and(|k| k.contains(&notice.kind));
            if !off {
                mails.push(Delivery {
                    channel: Channel::Email,
                    username: username.clone(),
                    notice_id: notice.id.clone(),
                    address: email.clone(),
                    subject: subject.clone(),
                    body: body.clone(),
                });
            }
        }
    }
    drop(conn);
    let mut tx = db::begin_write(db).await?;
    let mut written = 0;
    for mail in &mails {
        if store::deliveries::add(&mut tx, mail, now).await? {
            written += 1;
        }
    }
    store::deliveries::set_collected_to(&mut tx, Channel::Email, now).await?;
    tx.commit().await?;
    Ok(written)
}
