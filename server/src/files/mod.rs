//! The content of reports' files: where it is kept and how it arrives. With SQLite (one
//! server process) the content is a folder beside the database; with PostgreSQL it is in
//! the database, so that several server processes share it. Either way a file is named by
//! the SHA-256 its content must have, arrives as a resumable upload in chunks (see
//! `app::api::files`), is checked against that name once whole, and is recorded in the
//! `files` table only then: a report may attach it from that moment.

mod folder;
mod in_database;

pub use folder::{digest_of, Folder};

use crate::db::{Backend, Db};
use crate::error::AppError;
use crate::store::files::{self as rows, StoredFile};
use app::api::UploadStatus;
use app::domain::attachment::{FileHash, FileRefusal, FileType, SNIFF_BYTES};
use app::lang::Text;
use axum::body::{Body, Bytes};
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

/// An upload no chunk reached for this long is abandoned: its bytes are removed.
pub const ABANDONED_AFTER: chrono::Duration = chrono::Duration::days(7);

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("file storage: {0}")]
    Io(#[from] std::io::Error),
}

impl From<FileError> for AppError {
    fn from(e: FileError) -> AppError {
        match e {
            FileError::Db(e) => e.into(),
            FileError::Io(e) => AppError::Internal(format!("file storage: {e}")),
        }
    }
}

/// Where the content is.
#[derive(Clone, Debug)]
pub enum Content {
    Folder(Folder),
    Database,
}

impl Content {
    /// The content's place for a database: the folder `files` beside a SQLite database
    /// (unless `folder` names another), PostgreSQL itself.
    pub fn for_database(url: &str, folder: Option<PathBuf>) -> Content {
        match Backend::of(url) {
            Backend::Postgres => Content::Database,
            Backend::Sqlite => {
                let beside = crate::db::sqlite_file(url)
                    .and_then(|f| f.parent().map(|d| d.join("files")))
                    .unwrap_or_else(|| PathBuf::from("data/files"));
                Content::Folder(Folder::new(folder.unwrap_or(beside)))
            }
        }
    }
}

/// A chunk of an upload, as a request carries it.
pub struct Chunk {
    /// Where it starts in the file.
    pub offset: u64,
    /// The whole file's length.
    pub length: u64,
    pub bytes: Bytes,
}

pub struct FileStore {
    db: Db,
    content: Content,
    /// The files this process is receiving a chunk of: one chunk of a file at a time.
    receiving: Mutex<HashSet<FileHash>>,
}

impl FileStore {
    pub fn new(db: Db, content: Content) -> FileStore {
        FileStore {
            db,
            content,
            receiving: Mutex::default(),
        }
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    /// Where the upload of `hash` stands.
    pub async fn status(&self, hash: &FileHash) -> Result<UploadStatus, FileError> {
        let mut conn = self.db.acquire().await?;
        if let Some(file) = rows::stored(&mut conn, [hash]).await?.get(hash) {
            return Ok(complete(file.size));
        }
        let received = match rows::upload(&mut conn, hash).await? {
            Some(_) => self.received(hash).await?,
            None => 0,
        };
        Ok(UploadStatus {
            received,
            complete: false,
        })
    }

    /// Takes a chunk of `hash`'s upload. A chunk that does not start where the bytes held
    /// end is ignored (the answer says where to go on); the first chunk shows the file's
    /// type, refused unless one a report takes; the last one completes the file, kept only
    /// if its bytes have the SHA-256 they are named by.
    pub async fn receive(&self, hash: &FileHash, chunk: Chunk) -> Result<UploadStatus, AppError> {
        let _receiving = self.claim(hash)?;
        let now = Utc::now();
        let mut conn = self.db.acquire().await?;
        if let Some(file) = rows::stored(&mut conn, [hash]).await?.get(hash) {
            return Ok(complete(file.size));
        }
        let upload = match rows::upload(&mut conn, hash).await? {
            Some(upload) if upload.size == chunk.length => upload,
            // A new upload, or one announced with another length: from the start.
            _ if chunk.offset == 0 => {
                let upload = StoredFile {
                    size: chunk.length,
                    file_type: sniff(&chunk)?,
                };
                self.discard(hash).await?;
                rows::start_upload(&mut conn, hash, upload, now).await?;
                upload
            }
            _ => return Ok(UploadStatus::default()),
        };
        let received = self.received(hash).await?;
        let end = received + chunk.bytes.len() as u64;
        if chunk.offset != received || chunk.bytes.is_empty() {
            return Ok(UploadStatus {
                received,
                complete: false,
            });
        }
        if end > upload.size {
            return Err(AppError::BadRequest(Text::new(
                "Phần tệp gửi lên vượt quá độ dài đã báo.",
                "The chunk goes past the length announced.",
            )));
        }
        self.append(hash, received, &chunk.bytes).await?;
        rows::touch_upload(&mut conn, hash, now).await?;
        if end < upload.size {
            return Ok(UploadStatus {
                received: end,
                complete: false,
            });
        }
        if self.digest(hash).await? != *hash {
            self.discard(hash).await?;
            rows::end_upload(&mut conn, hash).await?;
            return Err(AppError::Conflict(Text::new(
                "Nội dung tệp nhận được không khớp với mã của nó; tệp sẽ được gửi lại từ đầu.",
                "The file received does not match its hash; it will be sent again from the start.",
            )));
        }
        if let Content::Folder(folder) = &self.content {
            folder.keep(hash).await.map_err(FileError::from)?;
        }
        rows::insert(&mut conn, hash, upload, now).await?;
        rows::end_upload(&mut conn, hash).await?;
        tracing::info!(file = %hash, size = upload.size, "file stored");
        Ok(complete(upload.size))
    }

    /// A stored file's content, streamed.
    pub async fn open(&self, hash: &FileHash) -> Result<Body, FileError> {
        Ok(match &self.content {
            Content::Folder(folder) => folder.open(hash).await?,
            Content::Database => in_database::open(self.db.clone(), hash.clone()),
        })
    }

    /// A stored file's whole content, for one that goes into an archive.
    pub async fn read(&self, hash: &FileHash) -> Result<Vec<u8>, FileError> {
        Ok(match &self.content {
            Content::Folder(folder) => tokio::fs::read(folder.path(hash)).await?,
            Content::Database => in_database::read(&self.db, hash).await?,
        })
    }

    /// Removes the uploads no chunk reached since `now - ABANDONED_AFTER`; the number.
    pub async fn prune(&self, now: DateTime<Utc>) -> Result<usize, FileError> {
        let mut conn = self.db.acquire().await?;
        let abandoned = rows::abandoned(&mut conn, now - ABANDONED_AFTER).await?;
        let mut removed = 0;
        for hash in &abandoned {
            // One being received right now is not abandoned.
            let Ok(_receiving) = self.claim(hash) else {
                continue;
            };
            // The bytes first: an upload row without bytes only means starting over.
            self.discard(hash).await?;
            rows::end_upload(&mut conn, hash).await?;
            removed += 1;
        }
        Ok(removed)
    }

    /// Removes abandoned uploads now and every hour from now on.
    pub fn prune_hourly(self: std::sync::Arc<Self>) {
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
            loop {
                every.tick().await;
                match self.prune(Utc::now()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(uploads = n, "removed abandoned uploads"),
                    Err(e) => tracing::warn!("cannot remove abandoned uploads: {e}"),
                }
            }
        });
    }

    fn claim(&self, hash: &FileHash) -> Result<Receiving<'_>, AppError> {
        let mut receiving = self
            .receiving
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !receiving.insert(hash.clone()) {
            // Another device sends the same file at this moment: it goes on after a pause.
            return Err(AppError::Busy(format!("file {hash} is being received")));
        }
        Ok(Receiving {
            store: self,
            hash: hash.clone(),
        })
    }

    async fn received(&self, hash: &FileHash) -> Result<u64, FileError> {
        Ok(match &self.content {
            Content::Folder(folder) => folder.received(hash).await?,
            Content::Database => in_database::received(&self.db, hash).await?,
        })
    }

    async fn append(&self, hash: &FileHash, offset: u64, bytes: &[u8]) -> Result<(), FileError> {
        match &self.content {
            Content::Folder(folder) => folder.append(hash, offset, bytes).await?,
            Content::Database => in_database::append(&self.db, hash, offset, bytes).await?,
        }
        Ok(())
    }

    async fn digest(&self, hash: &FileHash) -> Result<FileHash, FileError> {
        Ok(match &self.content {
            Content::Folder(folder) => folder.digest(hash).await?,
            Content::Database => in_database::digest(&self.db, hash).await?,
        })
    }

    async fn discard(&self, hash: &FileHash) -> Result<(), FileError> {
        match &self.content {
            Content::Folder(folder) => folder.discard(hash).await?,
            Content::Database => in_database::discard(&self.db, hash).await?,
        }
        Ok(())
    }
}

/// A file this process is receiving a chunk of, until dropped.
struct Receiving<'s> {
    store: &'s FileStore,
    hash: FileHash,
}

impl Drop for Receiving<'_> {
    fn drop(&mut self) {
        let mut receiving = self
            .store
            .receiving
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        receiving.remove(&self.hash);
    }
}

fn complete(size: u64) -> UploadStatus {
    UploadStatus {
        received: size,
        complete: true,
    }
}

/// The type of the file a first chunk starts, read from its bytes.
fn sniff(chunk: &Chunk) -> Result<FileType, AppError> {
    let needed = usize::try_from(chunk.length)
        .unwrap_or(usize::MAX)
        .min(SNIFF_BYTES);
    let head = chunk.bytes.get(..needed).ok_or_else(|| {
        AppError::BadRequest(Text::new(
            format!("Phần đầu của tệp phải có ít nhất {needed} byte."),
            format!("A file's first chunk must hold at least {needed} bytes."),
        ))
    })?;
    FileType::of_content(head).ok_or(AppError::File(FileRefusal::Type))
}
