//! The database: SQLite or PostgreSQL behind one pool, chosen by the URL.

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::AnyPool;
use std::path::Path;

pub type Db = AnyPool;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot number the org tree: {0}")]
    Number(sqlx::Error),
}

/// Connects, creating a SQLite file and its folder when missing, and brings the schema up
/// to date.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    install_default_drivers();
    let url = if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or(path);
        if let Some(dir) = Path::new(file)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbError::Folder(dir.display().to_string(), e))?;
        }
        if path.contains('?') {
            url.to_string()
        } else {
            format!("{url}?mode=rwc")
        }
    } else {
        url.to_string()
    };
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        .connect(&url)
        .await
        .map_err(DbError::Connect)?;
    if url.starts_with("sqlite:") {
        // WAL lets readers proceed while a sync writes.
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&pool)
            .await
            .map_err(DbError::Connect)?;
    }
    sqlx::migrate!("./migrations").run(&pool).await?;
    crate::store::org::number_if_needed(&pool)
        .await
        .map_err(DbError::Number)?;
    Ok(pool)
}

/// Milliseconds since the epoch, the unit of every time column.
pub fn millis(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp_millis()
}

pub fn from_millis(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
