//! Files in PostgreSQL (the `file_chunks` table): the chunks as they arrived, each from
//! its byte `start` on, for an upload under way and for a stored file alike. Several
//! server processes share them, and `pg_dump` carries them.

use app::domain::attachment::FileHash;
use axum::body::{Body, Bytes};
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

/// The bytes an upload holds.
pub async fn received(db: &AnyPool, hash: &FileHash) -> Result<u64, sqlx::Error> {
    let received: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(octet_length(bytes)), 0) AS BIGINT)
         FROM file_chunks WHERE sha256 = $1",
    )
    .bind(hash.as_str())
    .fetch_one(db)
    .await?;
    Ok(u64::try_from(received).unwrap_or(0))
}

/// Keeps a chunk starting at `offset`, where the upload's bytes end. Two processes
/// receiving the same chunk at once keep it once: the content is named by its hash, so
/// both hold the same bytes, and a false one fails the check at the end.
pub async fn append(
    db: &AnyPool,
    hash: &FileHash,
    offset: u64,
    bytes: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO file_chunks (sha256, start, bytes) VALUES ($1, $2, $3)
         ON CONFLICT (sha256, start) DO NOTHING",
    )
    .bind(hash.as_str())
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .bind(bytes)
    .execute(db)
    .await?;
    Ok(())
}

/// The chunk that starts at `start`, if any.
async fn chunk(db: &AnyPool, hash: &FileHash, start: u64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("SELECT bytes FROM file_chunks WHERE sha256 = $1 AND start = $2")
        .bind(hash.as_str())
        .bind(i64::try_from(start).unwrap_or(i64::MAX))
        .fetch_optional(db)
        .await
}

/// The SHA-256 of an upload's bytes, read a chunk at a time.
pub async fn digest(db: &AnyPool, hash: &FileHash) -> Result<FileHash, sqlx::Error> {
    let mut hasher = Sha256::new();
    let mut start = 0;
    while let Some(bytes) = chunk(db, hash, start).await? {
        if bytes.is_empty() {
            break;
        }
        hasher.update(&bytes);
        start += bytes.len() as u64;
    }
    Ok(FileHash::of_digest(&hasher.finalize()))
}

/// A file's whole content.
pub async fn read(db: &AnyPool, hash: &FileHash) -> Result<Vec<u8>, sqlx::Error> {
    let mut bytes = Vec::new();
    while let Some(chunk) = chunk(db, hash, bytes.len() as u64).await? {
        if chunk.is_empty() {
            break;
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Removes an upload's bytes.
pub async fn discard(db: &AnyPool, hash: &FileHash) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM file_chunks WHERE sha256 = $1")
        .bind(hash.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// A stored file's content, read a chunk at a time as it is sent.
pub fn open(db: AnyPool, hash: FileHash) -> Body {
    let chunks = futures_util::stream::try_unfold(0u64, move |start| {
        let (db, hash) = (db.clone(), hash.clone());
        async move {
            Ok::<_, sqlx::Error>(match chunk(&db, &hash, start).await? {
                Some(bytes) if !bytes.is_empty() => {
                    let next = start + bytes.len() as u64;
                    Some((Bytes::from(bytes), next))
                }
                _ => None,
            })
        }
    });
    Body::from_stream(chunks)
}
