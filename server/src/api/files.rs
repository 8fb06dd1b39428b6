//! A report's files: uploads in chunks (see `app::api::files`) and downloads. Uploading
//! follows the rule of writing the report (its unit's staff, while it is a draft or
//! returned); downloading the read rule of reports, and only a file the report attaches.

use super::reports::readable;
use crate::access::ensure_can_edit_unit;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::files::Chunk;
use crate::state::AppState;
use crate::store;
use app::api::{ApiError, UploadStatus, UPLOAD_LENGTH, UPLOAD_OFFSET};
use app::domain::attachment::{Attachment, FileHash};
use app::domain::value::Value;
use app::lang::Text;
use app::sync::refusal::Refusal;
use app::sync::{ReportState, Slot};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

type FilePath = Path<(String, String, String, String)>;

/// Where the upload of a file stands: the bytes the server holds of it.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}/uploads/{sha256}", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path), ("sha256" = String, Path)),
    responses((status = 200, body = UploadStatus), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn upload_status(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code, unit_code, sha)): FilePath,
) -> AppResult<Json<UploadStatus>> {
    let hash = file_hash(&sha)?;
    writable(&state, &actor, (plan_id, period_code, unit_code)).await?;
    Ok(Json(state.files.status(&hash).await?))
}

/// A chunk of a file: the bytes from `Upload-Offset` on, of a file of `Upload-Length`
/// bytes in all, at most 1 MiB. One that does not start where the server's bytes end is
/// ignored; the answer says where they end.
#[utoipa::path(patch, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}/uploads/{sha256}", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path), ("sha256" = String, Path),
        ("upload-offset" = u64, Header), ("upload-length" = u64, Header)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = UploadStatus), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 413, body = ApiError), (status = 415, body = ApiError), (status = 503, body = ApiError)))]
pub async fn upload_chunk(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code, unit_code, sha)): FilePath,
    headers: HeaderMap,
    bytes: Bytes,
) -> AppResult<Json<UploadStatus>> {
    let hash = file_hash(&sha)?;
    let chunk = Chunk {
        offset: number_header(&headers, UPLOAD_OFFSET)?,
        length: number_header(&headers, UPLOAD_LENGTH)?,
        bytes,
    };
    let report = writable(&state, &actor, (plan_id, period_code, unit_code)).await?;
    // Refused before any byte is kept: a file too large, or one the report has no room for.
    let others = report.file_bytes(&Slot::File(hash.clone()).to_string());
    state
        .settings
        .file_limits()
        .admit(chunk.length, others)
        .map_err(AppError::File)?;
    Ok(Json(state.files.receive(&hash, chunk).await?))
}

/// A file the report attaches, as a download under the name it had on the device.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}/files/{sha256}", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path), ("sha256" = String, Path)),
    responses((status = 200, description = "the file's bytes"), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn download(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code, unit_code, sha)): FilePath,
) -> AppResult<Response> {
    let hash = file_hash(&sha)?;
    let ctx = readable(&state, &actor, (plan_id, period_code, unit_code)).await?;
    let report = store::reports::state(&mut *state.db.acquire().await?, &ctx.key).await?;
    let attachment = attached(&report, &hash).ok_or_else(|| {
        AppError::NotFound(Text::new(
            format!("tệp {hash} trong báo cáo"),
            format!("file {hash} on the report"),
        ))
    })?;
    let body = state.files.open(&hash).await?;
    Ok(as_download(attachment, body))
}

/// The report, once the actor may write it and it may be written.
async fn writable(
    state: &AppState,
    actor: &Actor,
    key: (String, String, String),
) -> AppResult<ReportState> {
    let ctx = readable(state, actor, key).await?;
    let catalog = state.catalog().await?;
    ensure_can_edit_unit(&catalog.tree, actor, &ctx.key.unit_code)?;
    let report = store::reports::state(&mut *state.db.acquire().await?, &ctx.key).await?;
    if !report.status.is_editable() {
        return Err(AppError::Conflict(Refusal::locked(report.status).message));
    }
    Ok(report)
}

/// The attachment a report's slot for `hash` holds now.
pub(super) fn attached<'r>(report: &'r ReportState, hash: &FileHash) -> Option<&'r Attachment> {
    let slot = report.slots.get(&Slot::File(hash.clone()).to_string())?;
    match slot.current.as_ref()?.value.as_ref()? {
        Value::File(attachment) => Some(attachment),
        _ => None,
    }
}

/// The bytes as a download: never shown in the browser, whatever they hold.
fn as_download(attachment: &Attachment, body: Body) -> Response {
    let name = utf8_percent_encode(&attachment.name, NON_ALPHANUMERIC);
    let fallback = format!("tep.{}", attachment.file_type.extension());
    let disposition = format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{name}");
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                attachment.file_type.mime().to_string(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CONTENT_LENGTH, attachment.size.to_string()),
        ],
        body,
    )
        .into_response();
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn file_hash(sha: &str) -> AppResult<FileHash> {
    FileHash::parse(sha).ok_or_else(|| {
        AppError::BadRequest(Text::new(
            "Mã tệp phải là SHA-256 (64 chữ số hệ 16, viết thường).",
            "A file is named by its SHA-256 (64 lowercase hex digits).",
        ))
    })
}

fn number_header(headers: &HeaderMap, name: &str) -> AppResult<u64> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            AppError::BadRequest(Text::new(
                format!("Thiếu tiêu đề {name} (số byte)."),
                format!("The header {name} (a number of bytes) is missing."),
            ))
        })
}
