//! Evaluation criteria sets, one row per version.

use app::domain::evaluation::CriteriaSet;
use sqlx::{Any, AnyConnection, Executor};

fn decode(body: &str) -> Result<CriteriaSet, sqlx::Error> {
    serde_json::from_str(body).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub async fn get<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
    version: u32,
) -> Result<Option<CriteriaSet>, sqlx::Error> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM criteria_sets WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(i64::from(version))
            .fetch_optional(db)
            .await?;
    body.as_deref().map(decode).transpose()
}

/// The newest version of a set.
pub async fn latest<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
) -> Result<Option<CriteriaSet>, sqlx::Error> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body FROM criteria_sets WHERE id = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    body.as_deref().map(decode).transpose()
}

/// Writes a new version (a stored one is never changed: the key refuses it).
pub async fn insert(conn: &mut AnyConnection, set: &CriteriaSet) -> Result<(), sqlx::Error> {
    let body = serde_json::to_string(set).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query("INSERT INTO criteria_sets (id, version, title, body) VALUES ($1, $2, $3, $4)")
        .bind(&set.id)
        .bind(i64::from(set.version))
        .bind(&set.title)
        .bind(body)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
