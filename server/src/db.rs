//! The database: SQLite or PostgreSQL behind one pool, chosen by the URL, and the
//! connection that sync transactions write through.

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Transaction};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

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

/// Which database a URL names: the few statements that differ are chosen by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Backend {
        if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    /// From a connection's `backend_name()`.
    pub fn of_name(name: &str) -> Backend {
        if name.eq_ignore_ascii_case("sqlite") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }
}

/// Connections of the main pool.
const READERS: u32 = 16;
/// How long a SQLite statement waits for another process's write lock before failing.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 10_000;
/// The sync writer's page cache: the indexes it inserts into (mutation ids, slots) are
/// probed at random; with SQLite's default 2 MiB, most probes read a page from the system.
const WRITER_CACHE_KIB: u32 = 16 * 1024;
/// How often the sync writer's log is copied into the SQLite database.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// The file of a `sqlite://PATH` URL.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("sqlite://")?;
    Some(path.split('?').next().unwrap_or(path).into())
}

/// A SQLite URL with its folder created and `mode=rwc`, so that a new file is made.
fn sqlite_url(url: &str) -> Result<String, DbError> {
    let Some(file) = sqlite_file(url) else {
        return Ok(url.to_string());
    };
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| DbError::Folder(dir.display().to_string(), e))?;
    }
    Ok(if url.contains('?') {
        url.to_string()
    } else {
        format!("{url}?mode=rwc")
    })
}

/// What a pool's connections are for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Reading,
    /// The one connection sync transactions write through: checked at every use by its
    /// errors, not before; on SQLite it leaves checkpoints to [`Writer::checkpoint`].
    SyncWriting,
}

async fn pool(url: &str, max_connections: u32, purpose: Purpose) -> Result<Db, DbError> {
    install_default_drivers();
    let backend = Backend::of(url);
    let url = match backend {
        Backend::Sqlite => sqlite_url(url)?,
        Backend::Postgres => url.to_string(),
    };
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .test_before_acquire(purpose == Purpose::Reading)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // An acknowledged write survives a power cut: WAL, and the log synced at
                    // every commit. Readers go on while a sync writes.
                    sqlx::query("PRAGMA journal_mode = WAL")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA synchronous = FULL")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query(&format!("PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"))
                        .execute(&mut *conn)
                        .await?;
                    if purpose == Purpose::SyncWriting {
                        sqlx::query("PRAGMA wal_autocheckpoint = 0")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query(&format!("PRAGMA cache_size = -{WRITER_CACHE_KIB}"))
                            .execute(&mut *conn)
                            .await?;
                    }
                }
                Ok(())
            })
        })
        .connect(&url)
        .await
        .map_err(DbError::Connect)
}

/// Connects, creating a SQLite file and its folder when missing, and brings the schema up
/// to date.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    // Every sync request reads its session and its pull through these: with 8, requests
    // queued for a connection at 500 clients.
    let pool = pool(url, READERS, Purpose::Reading).await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// One connection to a database as it is, its schema left alone: to look before a
/// restore.
pub async fn inspect(url: &str) -> Result<sqlx::AnyConnection, DbError> {
    use sqlx::Connection;
    install_default_drivers();
    sqlx::AnyConnection::connect(url)
        .await
        .map_err(DbError::Connect)
}

/// Where sync transactions run.
///
/// SQLite lets one connection write at a time, and a connection that finds the lock taken
/// sleeps and polls (up to 100 ms a time), which under a deadline's load made pushes wait
/// seconds and sometimes time out. So on SQLite every sync transaction of this process goes
/// through one connection, handed out in arrival order, and takes the write lock when it
/// begins (`BEGIN IMMEDIATE`): waiting is a queue, not a poll. PostgreSQL writes
/// concurrently: transactions share the main pool and lock only the reports they change.
///
/// A SQLite commit that fills the log past a threshold copies it into the database and
/// syncs that too, inside the commit: under load, one push in a few waited for it. The
/// writer's connection leaves that to [`Writer::checkpoint`], which copies what it can from
/// a reading connection, beside the writes.
#[derive(Clone)]
pub struct Writer {
    pool: Db,
    backend: Backend,
    readers: Db,
    last_checkpoint: Arc<Mutex<Instant>>,
}

impl Writer {
    /// The writer for the database of `db`, which `url` names.
    pub async fn new(url: &str, db: &Db) -> Result<Writer, DbError> {
        let backend = Backend::of(url);
        let pool = match backend {
            Backend::Sqlite => {
                let pool = pool(url, 1, Purpose::SyncWriting).await?;
                // Connect now: a first push should not wait for it.
                drop(pool.acquire().await.map_err(DbError::Connect)?);
                pool
            }
            Backend::Postgres => db.clone(),
        };
        Ok(Writer {
            pool,
            backend,
            readers: db.clone(),
            last_checkpoint: Arc::new(Mutex::new(Instant::now())),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// After a commit: on SQLite, at most once a second, copies the log into the database
    /// (a passive checkpoint: it waits for no one) from a reading connection, beside the
    /// writes.
    pub fn checkpoint(&self) {
        if self.backend != Backend::Sqlite {
            return;
        }
        {
            let mut last = self
                .last_checkpoint
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if last.elapsed() < CHECKPOINT_EVERY {
                return;
            }
            *last = Instant::now();
        }
        let readers = self.readers.clone();
        tokio::spawn(async move {
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&readers)
                .await
            {
                tracing::warn!(error = %e, "checkpoint of the SQLite log failed");
            }
        });
    }

    /// A connection to write through, kept by a writer from one transaction to the next.
    pub async fn connection(&self) -> Result<PoolConnection<Any>, sqlx::Error> {
        self.pool.acquire().await
    }

    pub async fn begin<'c>(
        &self,
        conn: &'c mut AnyConnection,
    ) -> Result<Transaction<'c, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => conn.begin().await,
        }
    }
}

/// Begins a transaction that writes. On SQLite it takes the write lock as it begins
/// (`BEGIN IMMEDIATE`), waiting its turn behind another writer for up to the busy timeout:
/// a transaction begun by reading fails at once, whatever the timeout, when another writer
/// commits before its first write (`SQLITE_BUSY_SNAPSHOT`).
pub async fn begin_write(db: &Db) -> Result<Transaction<'static, Any>, sqlx::Error> {
    if db.connect_options().database_url.scheme() == "sqlite" {
        db.begin_with("BEGIN IMMEDIATE").await
    } else {
        db.begin().await
    }
}

/// Whether a failed transaction may succeed if run again: it lost a race with another
/// (a lock wait, a deadlock, a row another transaction inserted first).
pub fn is_transient(e: &sqlx::Error) -> bool {
    is_busy(e) || matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Whether a statement failed because the database was busy rather than wrong: a lock not
/// had in time (SQLite's write lock past its busy timeout, a PostgreSQL lock wait, a
/// serialization failure or deadlock) or no connection free in time. Sent again later, the
/// same request may succeed.
pub fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => match db.code().as_deref() {
            // PostgreSQL: serialization failure, deadlock, lock not available.
            Some("55P03" | "40001" | "40P01") => true,
            // SQLite: SQLITE_BUSY and SQLITE_LOCKED, with their extended codes.
            Some(code) => code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6)),
            None => false,
        },
        _ => false,
    }
}

/// How long to wait before running a transaction again after a lost race.
pub fn retry_pause(attempt: u32) -> Duration {
    Duration::from_millis(5 << attempt.min(6))
}

/// Milliseconds since the epoch, the unit of every time column.
pub fn millis(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp_millis()
}

pub fn from_millis(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
