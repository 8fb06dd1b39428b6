//! Backups an operator can put back: SQLite's own consistent copy of the live database
//! (`VACUUM INTO`, while the server runs), PostgreSQL's `pg_dump` in its custom format.
//! A restore goes into a new database only (a SQLite file that does not exist yet, an
//! empty PostgreSQL database), so that it can never overwrite data by mistake; the
//! migrations then bring an older backup up to date.

use crate::db::{self, Backend};
use sqlx::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("{0}: {1}")]
    File(PathBuf, std::io::Error),
    #[error("{0} already exists: choose a new file")]
    Exists(PathBuf),
    #[error("the database {0} is not empty: restore into a new database")]
    NotEmpty(String),
    #[error("{0} is not a baocao backup: {1}")]
    NotBackup(PathBuf, String),
    #[error("{0} failed: {1}")]
    Tool(&'static str, String),
}

/// Writes a consistent copy of the database at `database_url` to `file`, which must not
/// exist.
pub async fn backup(database_url: &str, file: &Path) -> Result<(), BackupError> {
    if file.exists() {
        return Err(BackupError::Exists(file.to_path_buf()));
    }
    match Backend::of(database_url) {
        Backend::Sqlite => {
            let path = file
                .to_str()
                .ok_or_else(|| BackupError::NotBackup(file.to_path_buf(), "not UTF-8".into()))?;
            let db = db::connect(database_url).await?;
            // One read transaction: the copy is the database as of one moment, while
            // writes go on.
            sqlx::query("VACUUM INTO $1")
                .bind(path)
                .execute(&db)
                .await?;
            db.close().await;
            Ok(())
        }
        Backend::Postgres => run(
            "pg_dump",
            Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(file)
                .arg("--dbname")
                .arg(database_url),
        ),
    }
}

/// Restores `file` (made by [`backup`]) into the new database at `database_url`.
pub async fn restore(database_url: &str, file: &Path) -> Result<(), BackupError> {
    if !file.is_file() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        return Err(BackupError::File(file.to_path_buf(), missing));
    }
    match Backend::of(database_url) {
        Backend::Sqlite => {
            let target = db::sqlite_file(database_url)
                .ok_or_else(|| BackupError::NotEmpty(database_url.to_string()))?;
            if target.exists() {
                return Err(BackupError::NotEmpty(target.display().to_string()));
            }
            check_sqlite_backup(file).await?;
            if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| BackupError::File(dir.into(), e))?;
            }
            // Copied beside the target, then renamed: a crash leaves no half database.
            let staged = target.with_extension("restoring");
            std::fs::copy(file, &staged).map_err(|e| BackupError::File(staged.clone(), e))?;
            std::fs::rename(&staged, &target).map_err(|e| BackupError::File(target.clone(), e))?;
        }
        Backend::Postgres => {
            let mut db = db::inspect(database_url).await?;
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_one(&mut db)
            .await?;
            db.close().await?;
            if tables > 0 {
                return Err(BackupError::NotEmpty(redacted(database_url)));
            }
            run(
                "pg_restore",
                Command::new("pg_restore")
                    .args([
                        "--no-owner",
                        "--single-transaction",
                        "--exit-on-error",
                        "--dbname",
                    ])
                    .arg(database_url)
                    .arg(file),
            )?;
        }
    }
    // Brings a backup of an older version up to date, and proves it opens.
    db::connect(database_url).await?.close().await;
    Ok(())
}

/// Whether `file` is a SQLite database holding baocao's tables.
async fn check_sqlite_backup(file: &Path) -> Result<(), BackupError> {
    let not_backup = |why: String| BackupError::NotBackup(file.to_path_buf(), why);
    // Immutable: read as it is, no log or lock files made beside it.
    let url = format!("sqlite://{}?mode=ro&immutable=true", file.display());
    let mut db = db::inspect(&url)
        .await
        .map_err(|e| not_backup(e.to_string()))?;
    let reports: Result<i64, _> = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(&mut db)
        .await;
    db.close().await?;
    reports.map(|_| ()).map_err(|e| not_backup(e.to_string()))
}

fn run(tool: &'static str, command: &mut Command) -> Result<(), BackupError> {
    let out = command
        .output()
        .map_err(|e| BackupError::Tool(tool, format!("{e} (is PostgreSQL's client installed?)")))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool(
            tool,
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    }
}

/// A PostgreSQL URL without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, _)), Some((_, host))) => format!("{scheme}://…@{host}"),
        _ => url.to_string(),
    }
}
