//! Files in a folder (with SQLite): each at `<root>/<first two hex digits>/<sha256>`, and
//! each upload under way at `<root>/uploads/<sha256>` until its last chunk arrives, its
//! content is checked and it moves (an atomic rename) to its place.

use app::domain::attachment::FileHash;
use axum::body::Body;
use sha2::{Digest, Sha256};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Bytes read at once while hashing a file.
const READ_BLOCK: usize = 64 * 1024;

#[derive(Clone, Debug)]
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: PathBuf) -> Folder {
        Folder { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where a stored file is.
    pub fn path(&self, hash: &FileHash) -> PathBuf {
        let name = hash.as_str();
        self.root.join(&name[..2]).join(name)
    }

    fn part(&self, hash: &FileHash) -> PathBuf {
        self.root.join("uploads").join(hash.as_str())
    }

    /// The bytes an upload holds.
    pub async fn received(&self, hash: &FileHash) -> std::io::Result<u64> {
        match tokio::fs::metadata(self.part(hash)).await {
            Ok(meta) => Ok(meta.len()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(0),
            Err(e) => Err(e),
        }
    }

    /// Writes a chunk at `offset`, where the upload's bytes end.
    pub async fn append(&self, hash: &FileHash, offset: u64, bytes: &[u8]) -> std::io::Result<()> {
        let part = self.part(hash);
        let bytes = bytes.to_vec();
        blocking(move || {
            if let Some(dir) = part.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&part)?;
            file.seek(SeekFrom::Start(offset))?;
            file.write_all(&bytes)
        })
        .await
    }

    /// The SHA-256 of an upload's bytes.
    pub async fn digest(&self, hash: &FileHash) -> std::io::Result<FileHash> {
        let part = self.part(hash);
        blocking(move || digest_of(&part)).await
    }

    /// Moves a checked upload to its place, on disk for good before the file is recorded
    /// as stored.
    pub async fn keep(&self, hash: &FileHash) -> std::io::Result<()> {
        let (part, path) = (self.part(hash), self.path(hash));
        blocking(move || {
            std::fs::File::open(&part)?.sync_all()?;
            let dir = path.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir)?;
            std::fs::rename(&part, &path)?;
            std::fs::File::open(dir)?.sync_all()
        })
        .await
    }

    /// Removes an upload's bytes.
    pub async fn discard(&self, hash: &FileHash) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.part(hash)).await {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// A stored file's content, read as it is sent.
    pub async fn open(&self, hash: &FileHash) -> std::io::Result<Body> {
        let file = tokio::fs::File::open(self.path(hash)).await?;
        Ok(Body::from_stream(tokio_util::io::ReaderStream::new(file)))
    }
}

/// The SHA-256 of a file's bytes, read a block at a time.
pub fn digest_of(path: &Path) -> std::io::Result<FileHash> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0; READ_BLOCK];
    loop {
        let n = file.read(&mut block)?;
        if n == 0 {
            break;
        }
        hasher.update(&block[..n]);
    }
    Ok(FileHash::of_digest(&hasher.finalize()))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(std::io::Error::other)?
}
