//! The signed copies of a period's reports in a subtree, as one ZIP for the reviewer who
//! files them: each named by its unit's code and name.

use super::query::ApiQuery;
use crate::access::reads_subtree;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::export::file_name;
use crate::review::subtree_root;
use crate::state::AppState;
use crate::store;
use app::api::{ApiError, UnitQuery};
use app::domain::attachment::AttachmentKind;
use app::lang::Text;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::io::{Seek, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Every signed copy the reports of a period in the subtree attach, as one ZIP.
#[utoipa::path(get, path = "/api/v1/progress/{plan_id}/{period_code}/signed-copies", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, description = "ZIP", content_type = "application/zip"),
        (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn zip(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<Response> {
    let catalog = state.catalog().await?;
    let root = subtree_root(&catalog, &actor, query.unit.as_deref())?;
    let not_found = |vi: &str, en: &str| AppError::NotFound(Text::new(vi, en));
    let span = store::org::span(&state.db, root)
        .await?
        .ok_or_else(|| not_found("đơn vị", "the unit"))?;
    let mut conn = state.db.acquire().await?;
    let signed: Vec<_> = store::files::attached_in(&mut conn, &plan_id, &period_code, span)
        .await?
        .into_iter()
        .filter(|f| f.attachment.kind == AttachmentKind::Signed)
        .filter(|f| reads_subtree(&actor) || f.unit_code == actor.unit_code)
        .collect();
    drop(conn);
    if signed.is_empty() {
        return Err(not_found(
            "bản đã ký nào của kỳ này",
            "any signed copy for this period",
        ));
    }
    // Written to a temporary file, one file's bytes in memory at a time, then sent from it.
    let mut archive = ZipWriter::new(tempfile::tempfile().map_err(failed)?);
    let mut taken: HashMap<String, usize> = HashMap::new();
    for file in &signed {
        let unit = catalog.tree.name_of(&file.unit_code);
        let stem = format!("{} {}", file.unit_code, unit).replace(['/', '\\'], "-");
        let n = taken.entry(stem.clone()).or_default();
        *n += 1;
        let name = match *n {
            1 => format!("{stem}.{}", file.attachment.file_type.extension()),
            n => format!("{stem} ({n}).{}", file.attachment.file_type.extension()),
        };
        let bytes = state.files.read(&file.hash).await?;
        archive = tokio::task::spawn_blocking(move || {
            // Scans and photos are compressed already.
            let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
            archive.start_file(name, stored)?;
            archive.write_all(&bytes)?;
            Ok::<_, zip::result::ZipError>(archive)
        })
        .await
        .map_err(failed)?
        .map_err(failed)?;
    }
    let mut file = tokio::task::spawn_blocking(move || {
        let mut file = archive.finish()?;
        file.rewind()?;
        Ok::<_, zip::result::ZipError>(file)
    })
    .await
    .map_err(failed)?
    .map_err(failed)?;
    let length = file.seek(std::io::SeekFrom::End(0)).map_err(failed)?;
    file.rewind().map_err(failed)?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(
        tokio::fs::File::from_std(file),
    ));
    let filename = file_name("ban-da-ky", &[&plan_id, &period_code, root], "zip");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CONTENT_LENGTH, length.to_string()),
        ],
        body,
    )
        .into_response())
}

fn failed(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("signed copies archive: {e}"))
}
