//! Uploading a report's files: resumable, in chunks, each file at an address named by the
//! SHA-256 its content must have (so a retry, a second device or a second report sending
//! the same file never stores it twice).
//!
//! The device asks where an upload stands (`GET …/uploads/{sha256}`), then sends the rest
//! one chunk at a time (`PATCH`, the body the bytes from [`UPLOAD_OFFSET`] on, with the
//! file's whole length in [`UPLOAD_LENGTH`]). Every answer is an [`UploadStatus`]; a chunk
//! that does not start where the server's copy ends is ignored and the answer says where
//! to go on, so a lost answer or a cut half way costs at most one chunk.

use serde::{Deserialize, Serialize};

/// The header naming where a chunk starts, in bytes from the file's start.
pub const UPLOAD_OFFSET: &str = "upload-offset";
/// The header naming the whole file's length, in bytes.
pub const UPLOAD_LENGTH: &str = "upload-length";
/// The most a chunk may hold: small enough for a slow connection to send within a
/// request's time, and for the server to hold many at once.
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// Where an upload stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UploadStatus {
    /// The bytes the server holds, from the start: the next chunk starts here.
    pub received: u64,
    /// The whole file is stored and checked against its SHA-256: it may be attached.
    pub complete: bool,
}
