//! A pull: the reports the actor may see that changed after the device's cursor. Ward
//! staff get every report of their unit; a reviewer gets the reports of their own units
//! and those the device follows, and a sign that others changed, because a subtree of a
//! province or a country is far more than a device should carry.

use crate::access::{ensure_can_read_unit, reads_subtree, visible_root};
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db::Db;
use crate::error::AppResult;
use crate::store::{self, mutations, reports};
use app::sync::{ReportKey, ReportState, PULL_PAGE};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// A page of the reports the actor may see changed after a cursor.
pub struct Pulled {
    pub reports: Vec<ReportState>,
    pub cursor: i64,
    pub more: bool,
    /// Other reports the actor may see changed too.
    pub changed_elsewhere: bool,
}

/// The reports changed after `cursor` that the actor's device should hold, whole, oldest
/// change first, and the cursor to ask from next. `known` holds reports as a push has just
/// committed them: those still at that change are not read again.
pub async fn pull(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    cursor: i64,
    follow: &[ReportKey],
    known: Vec<ReportState>,
) -> AppResult<Pulled> {
    let mut conn = db.acquire().await?;
    if reads_subtree(actor) {
        followed(&mut conn, catalog, actor, cursor, follow, known).await
    } else {
        whole_unit(&mut conn, actor, cursor, known).await
    }
}

/// Every report of the staff's unit changed after `cursor`, a page at a time: their unit's
/// alone, as the report API reads them, not those of units below it.
async fn whole_unit(
    conn: &mut AnyConnection,
    actor: &Actor,
    cursor: i64,
    known: Vec<ReportState>,
) -> AppResult<Pulled> {
    let mut rows =
        reports::changed_of_unit(&mut *conn, &actor.unit_code, cursor, PULL_PAGE + 1).await?;
    let more = rows.len() > PULL_PAGE;
    rows.truncate(PULL_PAGE);
    let next = rows.iter().map(|r| r.seq).fold(cursor, i64::max);
    Ok(Pulled {
        reports: whole(conn, rows, known).await?,
        cursor: next,
        more,
        changed_elsewhere: false,
    })
}

/// A reviewer's pull: the reports of their own unit and of their scope's root (their own
/// report to the level above), and those the device follows that they may read; the
/// cursor moves to the change clock, past the subtree's other changes, which only set
/// `changed_elsewhere`.
async fn followed(
    conn: &mut AnyConnection,
    catalog: &Catalog,
    actor: &Actor,
    cursor: i64,
    follow: &[ReportKey],
    known: Vec<ReportState>,
) -> AppResult<Pulled> {
    // The clock first: every change numbered up to it is committed, so reading the
    // followed reports afterwards misses none of them.
    let upto = mutations::clock(&mut *conn).await?.max(cursor);
    let ids: Vec<String> = follow
        .iter()
        .filter(|k| ensure_can_read_unit(catalog, actor, &k.unit_code).is_ok())
        .map(ReportKey::id)
        .collect();
    let units = [actor.unit_code.as_str(), actor.scope_code.as_str()];
    let rows = reports::changed_among(&mut *conn, &ids, &units, cursor).await?;
    let changed_elsewhere = match store::org::span(&mut *conn, visible_root(actor)).await? {
        Some(span) => reports::any_changed_in_subtree(&mut *conn, span, cursor, upto).await?,
        None => false,
    };
    Ok(Pulled {
        reports: whole(conn, rows, known).await?,
        cursor: upto,
        more: false,
        changed_elsewhere,
    })
}

/// The whole states of `rows`, reusing those a push just committed, oldest change first.
async fn whole(
    conn: &mut AnyConnection,
    rows: Vec<reports::ReportRow>,
    known: Vec<ReportState>,
) -> AppResult<Vec<ReportState>> {
    let mut known: HashMap<(ReportKey, i64), ReportState> = known
        .into_iter()
        .map(|s| ((s.report.clone(), s.seq), s))
        .collect();
    let (held, unread): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|r| known.contains_key(&(r.key.clone(), r.seq)));
    let mut states = reports::states(conn, unread).await?;
    states.extend(
        held.into_iter()
            .filter_map(|r| known.remove(&(r.key, r.seq))),
    );
    states.sort_by_key(|s| s.seq);
    Ok(states)
}
