//! The files stored for reports (the `files` table): what is known of a file once its
//! whole content is stored.

use app::domain::attachment::{FileHash, FileType};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// A file whose content the server holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredFile {
    pub size: u64,
    pub file_type: FileType,
}

/// Those of `hashes` stored, by hash. A row of a type this build does not know is left
/// out: such a file is not one a report takes.
pub async fn stored<'h>(
    conn: &mut AnyConnection,
    hashes: impl IntoIterator<Item = &'h FileHash>,
) -> Result<HashMap<FileHash, StoredFile>, sqlx::Error> {
    let mut found = HashMap::new();
    for hash in hashes {
        let row = sqlx::query("SELECT size, file_type FROM files WHERE sha256 = $1")
            .bind(hash.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else { continue };
        let size: i64 = row.try_get("size")?;
        let file_type: String = row.try_get("file_type")?;
        if let (Ok(size), Some(file_type)) = (u64::try_from(size), FileType::parse(&file_type)) {
            found.insert(hash.clone(), StoredFile { size, file_type });
        }
    }
    Ok(found)
}
