//! Documents kept one row per version, `(id, version, title, body)` with the body as JSON:
//! report templates and evaluation criteria sets. A stored version is never changed (the
//! key refuses it), so what was written or scored on it reads as it was.

use app::domain::evaluation::CriteriaSet;
use app::domain::template::Template;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::{Any, AnyConnection, Executor};

pub trait Versioned: Serialize + DeserializeOwned + Clone + PartialEq {
    /// Its table: a constant, never input.
    const TABLE: &'static str;
    fn id(&self) -> &str;
    fn version(&self) -> u32;
    fn set_version(&mut self, version: u32);
    fn title(&self) -> &str;
}

/// Both kinds name their id, version and title the same way.
macro_rules! versioned {
    ($kind:ty, $table:literal) => {
        impl Versioned for $kind {
            const TABLE: &'static str = $table;
            fn id(&self) -> &str {
                &self.id
            }
            fn version(&self) -> u32 {
                self.version
            }
            fn set_version(&mut self, version: u32) {
                self.version = version;
            }
            fn title(&self) -> &str {
                &self.title
            }
        }
    };
}

versioned!(Template, "templates");
versioned!(CriteriaSet, "criteria_sets");

fn decode<T: Versioned>(body: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(body).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub async fn get<'e, T: Versioned>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
    version: u32,
) -> Result<Option<T>, sqlx::Error> {
    let sql = format!(
        "SELECT body FROM {} WHERE id = $1 AND version = $2",
        T::TABLE
    );
    let body: Option<String> = sqlx::query_scalar(&sql)
        .bind(id)
        .bind(i64::from(version))
        .fetch_optional(db)
        .await?;
    body.as_deref().map(decode).transpose()
}

/// The newest version.
pub async fn latest<'e, T: Versioned>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
) -> Result<Option<T>, sqlx::Error> {
    let sql = format!(
        "SELECT body FROM {} WHERE id = $1 ORDER BY version DESC LIMIT 1",
        T::TABLE
    );
    let body: Option<String> = sqlx::query_scalar(&sql).bind(id).fetch_optional(db).await?;
    body.as_deref().map(decode).transpose()
}

/// Every version of every document.
pub async fn all<'e, T: Versioned>(
    db: impl Executor<'e, Database = Any>,
) -> Result<Vec<T>, sqlx::Error> {
    let sql = format!("SELECT body FROM {}", T::TABLE);
    let bodies: Vec<String> = sqlx::query_scalar(&sql).fetch_all(db).await?;
    bodies.iter().map(|b| decode(b)).collect()
}

/// Writes a new version; servers reload their catalog.
pub async fn insert<T: Versioned>(conn: &mut AnyConnection, doc: &T) -> Result<(), sqlx::Error> {
    let body = serde_json::to_string(doc).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let sql = format!(
        "INSERT INTO {} (id, version, title, body) VALUES ($1, $2, $3, $4)",
        T::TABLE
    );
    sqlx::query(&sql)
        .bind(doc.id())
        .bind(i64::from(doc.version()))
        .bind(doc.title())
        .bind(body)
        .execute(&mut *conn)
        .await?;
    super::catalog_revision::bump(conn).await
}
