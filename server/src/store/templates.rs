//! Report templates, one row per version.

use app::domain::template::Template;
use sqlx::{Any, AnyConnection, Executor};

fn decode(body: &str) -> Result<Template, sqlx::Error> {
    serde_json::from_str(body).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub async fn get<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
    version: u32,
) -> Result<Option<Template>, sqlx::Error> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM templates WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(i64::from(version))
            .fetch_optional(db)
            .await?;
    body.as_deref().map(decode).transpose()
}

/// The newest version of a template.
pub async fn latest<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
) -> Result<Option<Template>, sqlx::Error> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body FROM templates WHERE id = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    body.as_deref().map(decode).transpose()
}

/// Every version of every template.
pub async fn all<'e>(db: impl Executor<'e, Database = Any>) -> Result<Vec<Template>, sqlx::Error> {
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM templates")
        .fetch_all(db)
        .await?;
    bodies.iter().map(|b| decode(b)).collect()
}

/// Writes a new template version (a stored one is never changed: the key refuses it);
/// servers reload their catalog.
pub async fn insert(conn: &mut AnyConnection, t: &Template) -> Result<(), sqlx::Error> {
    let body = serde_json::to_string(t).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query("INSERT INTO templates (id, version, title, body) VALUES ($1, $2, $3, $4)")
        .bind(&t.id)
        .bind(i64::from(t.version))
        .bind(&t.title)
        .bind(body)
        .execute(&mut *conn)
        .await?;
    super::catalog_revision::bump(conn).await
}
