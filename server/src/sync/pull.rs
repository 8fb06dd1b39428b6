//! A pull: the reports the actor may see that changed after the device's cursor.

use crate::access::visible_root;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::AppResult;
use crate::store::{self, reports};
use app::sync::{ReportState, PULL_PAGE};

/// A page of the reports the actor may see changed after a cursor.
pub struct Pulled {
    pub reports: Vec<ReportState>,
    pub cursor: i64,
    pub more: bool,
}

/// The reports the actor may see changed after `cursor`, whole, oldest change first, at
/// most [`PULL_PAGE`] of them, and the cursor to ask from next.
pub async fn pull(db: &Db, actor: &Actor, cursor: i64) -> AppResult<Pulled> {
    let mut conn = db.acquire().await?;
    let mut rows = match store::org::span(&mut *conn, visible_root(actor)).await? {
        Some(span) => reports::changed_in_subtree(&mut *conn, span, cursor, PULL_PAGE + 1).await?,
        None => Vec::new(),
    };
    let more = rows.len() > PULL_PAGE;
    rows.truncate(PULL_PAGE);
    let next = rows
        .iter()
        .map(|r| r.seq)
        .max()
        .unwrap_or(cursor)
        .max(cursor);
    Ok(Pulled {
        reports: reports::states(&mut conn, rows).await?,
        cursor: next,
        more,
    })
}
