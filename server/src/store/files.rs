//! The files stored for reports (the `files` table, one row once a file's whole content is
//! stored and checked) and the uploads under way (the `uploads` table).

use app::domain::attachment::{FileHash, FileType};
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// A file whose content the server holds, or an upload's announced length and type.
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
        if let Some(file) = row.as_ref().and_then(described) {
            found.insert(hash.clone(), file);
        }
    }
    Ok(found)
}

/// Records a file whose whole content is stored; a second record of it is a no-op.
pub async fn insert(
    conn: &mut AnyConnection,
    hash: &FileHash,
    file: StoredFile,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO files (sha256, size, file_type, stored_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(hash.as_str())
    .bind(size_column(file.size))
    .bind(file.file_type.as_str())
    .bind(now.timestamp_millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// Every stored file's hash: what a backup's content must hold.
pub async fn all(conn: &mut AnyConnection) -> Result<Vec<FileHash>, sqlx::Error> {
    let hashes: Vec<String> = sqlx::query_scalar("SELECT sha256 FROM files ORDER BY sha256")
        .fetch_all(conn)
        .await?;
    Ok(hashes.iter().filter_map(|h| FileHash::parse(h)).collect())
}

/// The upload under way of a file: its announced length and the type its first chunk
/// showed.
pub async fn upload(
    conn: &mut AnyConnection,
    hash: &FileHash,
) -> Result<Option<StoredFile>, sqlx::Error> {
    let row = sqlx::query("SELECT size, file_type FROM uploads WHERE sha256 = $1")
        .bind(hash.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(row.as_ref().and_then(described))
}

/// Starts (or starts over) the upload of a file.
pub async fn start_upload(
    conn: &mut AnyConnection,
    hash: &FileHash,
    file: StoredFile,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO uploads (sha256, size, file_type, touched_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO UPDATE
         SET size = excluded.size, file_type = excluded.file_type, touched_at = excluded.touched_at",
    )
    .bind(hash.as_str())
    .bind(size_column(file.size))
    .bind(file.file_type.as_str())
    .bind(now.timestamp_millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// Notes that a chunk arrived, so that the upload is not taken for abandoned.
pub async fn touch_upload(
    conn: &mut AnyConnection,
    hash: &FileHash,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE uploads SET touched_at = $2 WHERE sha256 = $1")
        .bind(hash.as_str())
        .bind(now.timestamp_millis())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn end_upload(conn: &mut AnyConnection, hash: &FileHash) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM uploads WHERE sha256 = $1")
        .bind(hash.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// The uploads no chunk reached since `before`.
pub async fn abandoned(
    conn: &mut AnyConnection,
    before: DateTime<Utc>,
) -> Result<Vec<FileHash>, sqlx::Error> {
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT sha256 FROM uploads WHERE touched_at < $1 ORDER BY sha256")
            .bind(before.timestamp_millis())
            .fetch_all(conn)
            .await?;
    Ok(hashes.iter().filter_map(|h| FileHash::parse(h)).collect())
}

fn described(row: &sqlx::any::AnyRow) -> Option<StoredFile> {
    let size: i64 = row.try_get("size").ok()?;
    let file_type: String = row.try_get("file_type").ok()?;
    Some(StoredFile {
        size: u64::try_from(size).ok()?,
        file_type: FileType::parse(&file_type)?,
    })
}

/// Sizes are far below `i64::MAX` (the per-file limit checks them first).
fn size_column(size: u64) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX)
}

/// A file a report of a period attaches now.
pub struct AttachedFile {
    pub unit_code: String,
    pub hash: FileHash,
    pub attachment: app::domain::attachment::Attachment,
}

/// The files the reports of a period attach now, of the units in `subtree`, in the tree's
/// order and, within a report, in the order they were attached.
pub async fn attached_in(
    conn: &mut AnyConnection,
    plan_id: &str,
    period_code: &str,
    subtree: app::domain::org::Span,
) -> Result<Vec<AttachedFile>, sqlx::Error> {
    use app::domain::value::Value;
    use app::sync::Slot;
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT r.unit_code, v.slot, v.value
         FROM org_units sub CROSS JOIN reports r CROSS JOIN slot_versions v
         WHERE {in_subtree} AND r.unit_code = sub.code AND r.plan_id = $1 AND r.period_code = $2
           AND v.report_id = r.id AND v.is_current = 1 AND v.slot LIKE 'file:%'
         ORDER BY sub.tree_pos, v.written_at, v.slot",
        in_subtree = crate::store::in_subtree(3)
    ))
    .bind(plan_id)
    .bind(period_code)
    .bind(subtree.pos)
    .bind(subtree.end)
    .persistent(false)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(unit_code, slot, value)| {
            let Slot::File(hash) = Slot::parse(&slot) else {
                return None;
            };
            match serde_json::from_str(value.as_deref()?).ok()? {
                Value::File(attachment) => Some(AttachedFile {
                    unit_code,
                    hash,
                    attachment,
                }),
                _ => None,
            }
        })
        .collect())
}
