//! Backups an operator can put back: SQLite's own consistent copy of the live database
//! (`VACUUM INTO`, while the server runs), PostgreSQL's `pg_dump` in its custom format.
//! A restore goes into a new database only (a SQLite file that does not exist yet, an
//! empty PostgreSQL database), so that it can never overwrite data by mistake; the
//! migrations then bring an older backup up to date.
//!
//! Reports' files go with them: with PostgreSQL they are in the database; with SQLite the
//! backup `FILE` has the folder `FILE.files` beside it, holding the files its database
//! names (in the same layout as the server's folder), each checked against its SHA-256
//! before a restore puts it back.

use crate::db::{self, Backend};
use crate::files::{digest_of, Content, Folder};
use app::domain::attachment::FileHash;
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
    #[error("the file {0} of the database is missing from {1} or damaged")]
    MissingFile(FileHash, PathBuf),
}

/// The folder of a SQLite backup's files, beside it.
pub fn files_beside(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".files");
    PathBuf::from(name)
}

/// Writes a consistent copy of the database at `database_url` to `file`, which must not
/// exist, with the reports' files kept in `content`.
pub async fn backup(database_url: &str, content: &Content, file: &Path) -> Result<(), BackupError> {
    if file.exists() || files_beside(file).exists() {
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
            match content {
                Content::Folder(folder) => copy_files(file, folder).await,
                Content::Database => Ok(()),
            }
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

/// Restores `file` (made by [`backup`]) into the new database at `database_url`, whose
/// reports' files are kept in `content`.
pub async fn restore(
    database_url: &str,
    content: &Content,
    file: &Path,
) -> Result<(), BackupError> {
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
            let hashes = check_sqlite_backup(file).await?;
            // The files first: a restore cut short leaves no database, and is run again.
            if let Content::Folder(folder) = content {
                restore_files(file, &hashes, folder)?;
            }
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

/// Copies the files the backup `file` names from `folder` to the folder beside it. A file
/// is never changed once stored (it is named by its content), so a link does as well as a
/// copy where the two folders share a disk.
async fn copy_files(file: &Path, folder: &Folder) -> Result<(), BackupError> {
    let hashes = check_sqlite_backup(file).await?;
    let target = Folder::new(files_beside(file));
    for hash in &hashes {
        let (from, to) = (folder.path(hash), target.path(hash));
        let dir = to.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| BackupError::File(dir.into(), e))?;
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).map_err(|e| BackupError::File(from.clone(), e))?;
        }
    }
    Ok(())
}

/// Puts back the files the backup `file` names, each checked against its name.
fn restore_files(file: &Path, hashes: &[FileHash], folder: &Folder) -> Result<(), BackupError> {
    let source = Folder::new(files_beside(file));
    for hash in hashes {
        let from = source.path(hash);
        if digest_of(&from).ok().as_ref() != Some(hash) {
            return Err(BackupError::MissingFile(hash.clone(), source.root().into()));
        }
        let to = folder.path(hash);
        let dir = to.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| BackupError::File(dir.into(), e))?;
        let staged = to.with_extension("restoring");
        std::fs::copy(&from, &staged).map_err(|e| BackupError::File(staged.clone(), e))?;
        std::fs::rename(&staged, &to).map_err(|e| BackupError::File(to.clone(), e))?;
    }
    Ok(())
}

/// Whether `file` is a SQLite database holding baocao's tables; the files it names.
async fn check_sqlite_backup(file: &Path) -> Result<Vec<FileHash>, BackupError> {
    let not_backup = |why: String| BackupError::NotBackup(file.to_path_buf(), why);
    // Immutable: read as it is, no log or lock files made beside it.
    let url = format!("sqlite://{}?mode=ro&immutable=true", file.display());
    let mut db = db::inspect(&url)
        .await
        .map_err(|e| not_backup(e.to_string()))?;
    let reports: Result<i64, _> = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(&mut db)
        .await;
    if let Err(e) = reports {
        db.close().await?;
        return Err(not_backup(e.to_string()));
    }
    // A backup older than files on reports names none.
    let has_files: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'files'",
    )
    .fetch_one(&mut db)
    .await?;
    let hashes = if has_files > 0 {
        crate::store::files::all(&mut db).await?
    } else {
        Vec::new()
    };
    db.close().await?;
    Ok(hashes)
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
