//! Reading and writing the domain's tables. One module per table group.

pub mod accounts;
pub mod admin_log;
pub mod catalog_revision;
pub mod deliveries;
pub mod files;
pub mod json;
pub mod lineage;
pub mod mutations;
pub mod notices;
pub mod org;
pub mod plans;
pub mod push_subscriptions;
pub mod reports;
pub mod rows;
pub mod server_keys;
pub mod users;
pub mod versions;

use crate::db::{self, Db, DbError};

/// Opens the store: connects (creating a SQLite file when missing), brings the schema up to
/// date, and numbers the units stored before subtree spans existed.
pub async fn open(url: &str) -> Result<Db, DbError> {
    let db = db::connect(url).await?;
    org::number_if_needed(&db).await.map_err(DbError::Number)?;
    Ok(db)
}

/// `sub.tree_pos BETWEEN $n AND $n+1`: the `org_units` row `sub` is in the subtree whose
/// [`Span`](app::domain::org::Span) (from [`org::span`]) is bound as those two parameters.
/// One index range, the same on both databases.
///
/// Join a table to it as `org_units sub CROSS JOIN t WHERE t.unit_code = sub.code AND …`:
/// SQLite then walks the subtree first and probes `t` by index once per unit, whatever its
/// statistics say (a district's few units, not every row of a period). Run such queries
/// with `.persistent(false)`: PostgreSQL then plans each with the span's values (a hash
/// join for a country, index probes for a district) instead of settling on one generic
/// plan for every size.
pub fn in_subtree(n: u8) -> String {
    format!("sub.tree_pos BETWEEN ${n} AND ${}", n + 1)
}
