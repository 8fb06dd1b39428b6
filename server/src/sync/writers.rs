//! Where pushes wait to be written. A few writers (one on SQLite, which writes one
//! transaction at a time; several on PostgreSQL) each take every push that is waiting, up
//! to a bound, and write them in one transaction: under a deadline's load, the fixed cost of
//! a transaction (its statements, the change clock, the sync to disk) is paid once for many
//! pushes. Each push is answered once its transaction has committed.

use super::push::{self, Push, Written};
use crate::db::{is_transient, retry_pause, Backend, Writer};
use crate::error::{AppError, AppResult};
use app::domain::attachment::FileLimits;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex, OwnedSemaphorePermit, Semaphore};

/// Writers on PostgreSQL, which writes concurrently; SQLite has one.
const POSTGRES_WRITERS: usize = 4;
/// A transaction takes waiting pushes until it holds this many mutations…
const GROUP_MUTATIONS: usize = 2_000;
/// …or this many pushes.
const GROUP_PUSHES: usize = 64;
/// How many times a transaction that lost a race with another is run again.
const ATTEMPTS: u32 = 5;

struct Job {
    push: Push,
    reply: oneshot::Sender<AppResult<Written>>,
}

type Queue = Arc<Mutex<mpsc::Receiver<Job>>>;

/// Sync requests handled at once; the others wait for a turn before their body is read.
/// Twice a full transaction's worth keeps the writers busy; more would only hold parsed
/// requests in memory while they queue (at 500 clients, 300 MB instead of 160).
const TURNS: usize = 2 * GROUP_PUSHES;

/// The queue of pushes and its writers.
#[derive(Clone)]
pub struct Writers {
    queue: mpsc::Sender<Job>,
    turns: Arc<Semaphore>,
}

/// A sync request's turn: held from before its body is read until it is answered.
pub struct Turn(#[allow(dead_code)] OwnedSemaphorePermit);

/// Extracted before the session and the body: a request waits for its turn with its body
/// still unread.
impl<S: Send + Sync> FromRequestParts<S> for Turn
where
    Writers: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(_: &mut Parts, state: &S) -> Result<Self, AppError> {
        Writers::from_ref(state).turn().await
    }
}

impl Writers {
    /// Starts the writers: SQLite's on a thread of its own, PostgreSQL's on the runtime this
    /// is called from.
    /// `limits` bound the files the pushes attach.
    pub fn start(writer: Writer, limits: FileLimits) -> std::io::Result<Writers> {
        let (queue, waiting) = mpsc::channel(1024);
        let waiting: Queue = Arc::new(Mutex::new(waiting));
        match writer.backend() {
            // Every push waits for the one SQLite writer. On the shared runtime it waited
            // its turn behind request handlers at each of its statements; on its own thread
            // the system wakes it as soon as a statement is done.
            Backend::Sqlite => {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                std::thread::Builder::new()
                    .name("sync-writer".into())
                    .spawn(move || runtime.block_on(run(writer, waiting, limits)))?;
            }
            // Its connections belong to the shared runtime.
            Backend::Postgres => {
                for _ in 0..POSTGRES_WRITERS {
                    tokio::spawn(run(writer.clone(), waiting.clone(), limits));
                }
            }
        }
        Ok(Writers {
            queue,
            turns: Arc::new(Semaphore::new(TURNS)),
        })
    }

    /// Waits for a turn to handle a sync request.
    pub async fn turn(&self) -> AppResult<Turn> {
        let permit = self.turns.clone().acquire_owned().await;
        permit
            .map(Turn)
            .map_err(|_| AppError::Internal("the sync turns have closed".into()))
    }

    /// Writes a push; what became of it, once committed.
    pub async fn push(&self, push: Push) -> AppResult<Written> {
        if push.batch.is_empty() {
            return Ok(Written::default());
        }
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job { push, reply })
            .await
            .map_err(|_| AppError::Internal("the sync writers have stopped".into()))?;
        answer
            .await
            .map_err(|_| AppError::Internal("a sync writer dropped a push".into()))?
    }
}

async fn run(writer: Writer, waiting: Queue, limits: FileLimits) {
    // Kept from one transaction to the next; dropped (and replaced) after an error.
    let mut kept: Option<PoolConnection<Any>> = None;
    loop {
        let group = {
            let mut waiting = waiting.lock().await;
            let Some(first) = waiting.recv().await else {
                return;
            };
            let mut size = first.push.batch.len();
            let mut group = vec![first];
            while size < GROUP_MUTATIONS && group.len() < GROUP_PUSHES {
                let Ok(job) = waiting.try_recv() else {
                    break;
                };
                size += job.push.batch.len();
                group.push(job);
            }
            group
        };
        let conn = match kept.take() {
            Some(conn) => conn,
            None => match writer.connection().await {
                Ok(conn) => conn,
                Err(e) => {
                    for job in group {
                        let cause = format!("no connection to write a push through: {e}");
                        let _ = job.reply.send(Err(AppError::Internal(cause)));
                    }
                    continue;
                }
            },
        };
        // In a task of its own: should writing ever panic, its pushes fail, not the writer.
        let writer = writer.clone();
        let task = tokio::spawn(async move {
            let mut conn = conn;
            let healthy = write_group(&writer, &mut conn, group, limits).await;
            healthy.then_some(conn)
        });
        match task.await {
            Ok(conn) => kept = conn,
            Err(e) => tracing::error!(error = %e, "a sync writer's transaction panicked"),
        }
    }
}

/// Writes a group of pushes and answers each; whether the connection is still fit to use.
async fn write_group(
    writer: &Writer,
    conn: &mut AnyConnection,
    group: Vec<Job>,
    limits: FileLimits,
) -> bool {
    let (pushes, replies): (Vec<Push>, Vec<_>) =
        group.into_iter().map(|j| (j.push, j.reply)).unzip();
    let written = with_retries(writer, conn, &pushes, limits).await;
    writer.checkpoint();
    match written {
        Ok(written) => {
            for (reply, written) in replies.into_iter().zip(written) {
                // A client that went away is answered by its next sync: ids apply once.
                let _ = reply.send(Ok(written));
            }
            true
        }
        Err(e) if pushes.len() > 1 => {
            // One push's data must not fail the others: each is written alone.
            tracing::warn!(error = %e, pushes = pushes.len(), "a grouped sync transaction failed; writing its pushes one by one");
            let mut healthy = true;
            for (push, reply) in pushes.iter().zip(replies) {
                let written = with_retries(writer, conn, std::slice::from_ref(push), limits)
                    .await
                    .map(|mut w| w.pop().unwrap_or_default());
                healthy &= written.is_ok();
                let _ = reply.send(written.map_err(AppError::from));
            }
            healthy
        }
        Err(e) => {
            if let Some(reply) = replies.into_iter().next() {
                let _ = reply.send(Err(AppError::from(e)));
            }
            false
        }
    }
}

async fn with_retries(
    writer: &Writer,
    conn: &mut AnyConnection,
    pushes: &[Push],
    limits: FileLimits,
) -> Result<Vec<Written>, sqlx::Error> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match push::write(writer, conn, pushes, limits).await {
            Err(e) if attempt < ATTEMPTS && is_transient(&e) => {
                tracing::debug!(attempt, error = %e, "a sync transaction lost a race; running it again");
                tokio::time::sleep(retry_pause(attempt)).await;
            }
            done => return done,
        }
    }
}
