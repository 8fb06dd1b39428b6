//! A pull: the reports the actor may see that changed after the device's cursor.

use crate::access::visible_root;
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db::Db;
use crate::error::AppResult;
use crate::store::reports;
use app::sync::{ReportKey, ReportState, PULL_PAGE};
use std::collections::HashMap;

/// A page of the reports the actor may see changed after a cursor.
pub struct Pulled {
    pub reports: Vec<ReportState>,
    pub cursor: i64,
    pub more: bool,
}

/// The reports the actor may see changed after `cursor`, whole, oldest change first, at
/// most [`PULL_PAGE`] of them, and the cursor to ask from next. `known` holds reports as a
/// push has just committed them: those still at that change are not read again.
pub async fn pull(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    cursor: i64,
    known: Vec<ReportState>,
) -> AppResult<Pulled> {
    let mut conn = db.acquire().await?;
    let mut rows = match catalog.span(visible_root(actor)) {
        Some(span) => reports::changed_in_subtree(&mut *conn, span, cursor, PULL_PAGE + 1).await?,
        None => Vec::new(),
    };
    let more = rows.len() > PULL_PAGE;
    rows.truncate(PULL_PAGE);
    let next = rows.iter().map(|r| r.seq).fold(cursor, i64::max);
    let mut known: HashMap<(ReportKey, i64), ReportState> = known
        .into_iter()
        .map(|s| ((s.report.clone(), s.seq), s))
        .collect();
    let (held, unread): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|r| known.contains_key(&(r.key.clone(), r.seq)));
    let mut states = reports::states(&mut conn, unread).await?;
    states.extend(
        held.into_iter()
            .filter_map(|r| known.remove(&(r.key, r.seq))),
    );
    // Oldest change first, as the rows came.
    states.sort_by_key(|s| s.seq);
    Ok(Pulled {
        reports: states,
        cursor: next,
        more,
    })
}
