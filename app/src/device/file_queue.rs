//! Files waiting on this device to be uploaded, in the browser's IndexedDB (localStorage's
//! few megabytes cannot hold them). Each is kept under its user, as drafts are, so a file
//! survives a reload, a closed tab, a sign-out and a restart, and only its own user sends
//! it. A file leaves the queue once the server holds it and its attachment is in the
//! outbox, which then carries it like any other change.

use crate::domain::attachment::{Attachment, FileHash};
use crate::sync::ReportKey;
use idb::{Database, DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

const DATABASE: &str = "baocao-files";
const STORE: &str = "queued";
const VERSION: u32 = 1;

/// A file chosen for a report, waiting to be uploaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedFile {
    pub report: ReportKey,
    pub hash: FileHash,
    pub attachment: Attachment,
    /// When it was chosen (milliseconds since the epoch): the queue's order.
    pub queued_at: i64,
}

impl QueuedFile {
    fn key(&self, user: &str) -> String {
        format!("{user}\u{1f}{}\u{1f}{}", self.report.id(), self.hash)
    }
}

/// Why the queue could not be read or written.
#[derive(Debug)]
pub struct QueueError(pub String);

impl<E: std::fmt::Display> From<E> for QueueError {
    fn from(e: E) -> QueueError {
        QueueError(e.to_string())
    }
}

async fn open() -> Result<Database, QueueError> {
    let mut request = Factory::new()?.open(DATABASE, Some(VERSION))?;
    request.on_upgrade_needed(|event| {
        let Ok(database) = event.database() else {
            return;
        };
        if !database.store_names().iter().any(|s| s == STORE) {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("key")));
            let _ = database.create_object_store(STORE, params);
        }
    });
    Ok(request.await?)
}

fn set(object: &js_sys::Object, name: &str, value: &JsValue) -> Result<(), QueueError> {
    js_sys::Reflect::set(object, &name.into(), value)
        .map(drop)
        .map_err(|_| QueueError(format!("cannot set {name}")))
}

fn get(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &name.into()).ok()
}

/// Keeps a file with its bytes; true once the browser has written it.
pub async fn add(user: &str, file: &QueuedFile, bytes: &web_sys::Blob) -> Result<(), QueueError> {
    let record = js_sys::Object::new();
    set(&record, "key", &file.key(user).into())?;
    set(&record, "user", &user.into())?;
    set(&record, "meta", &serde_json::to_string(file)?.into())?;
    set(&record, "bytes", bytes)?;
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadWrite)?;
    transaction.object_store(STORE)?.put(&record, None)?.await?;
    transaction.commit()?.await?;
    database.close();
    Ok(())
}

/// The user's queued files, oldest first.
pub async fn list(user: &str) -> Result<Vec<QueuedFile>, QueueError> {
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadOnly)?;
    let records = transaction
        .object_store(STORE)?
        .get_all(None, None)?
        .await?;
    database.close();
    let mut files: Vec<QueuedFile> = records
        .iter()
        .filter(|r| get(r, "user").and_then(|u| u.as_string()).as_deref() == Some(user))
        .filter_map(|r| serde_json::from_str(&get(r, "meta")?.as_string()?).ok())
        .collect();
    files.sort_by_key(|f| f.queued_at);
    Ok(files)
}

/// A queued file's bytes.
pub async fn bytes(user: &str, file: &QueuedFile) -> Result<Option<web_sys::Blob>, QueueError> {
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadOnly)?;
    let key = JsValue::from(file.key(user));
    let record = transaction.object_store(STORE)?.get(key)?.await?;
    database.close();
    Ok(record
        .and_then(|r| get(&r, "bytes"))
        .and_then(|b| b.dyn_into().ok()))
}

pub async fn remove(user: &str, file: &QueuedFile) -> Result<(), QueueError> {
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadWrite)?;
    let key = JsValue::from(file.key(user));
    transaction.object_store(STORE)?.delete(key)?.await?;
    transaction.commit()?.await?;
    database.close();
    Ok(())
}
