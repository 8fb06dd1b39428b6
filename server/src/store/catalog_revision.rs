//! The catalog revision: moved on by every write of org units or plans, so that the copy a
//! server holds in memory (`crate::catalog`) knows when to reload.

use sqlx::{Any, AnyConnection, Executor};

pub async fn revision<'e>(db: impl Executor<'e, Database = Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT revision FROM catalog_revision WHERE id = 1")
        .fetch_one(db)
        .await
}

/// Call inside the transaction that writes units or plans.
pub async fn bump(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(())
}
