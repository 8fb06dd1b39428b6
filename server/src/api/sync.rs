use crate::api::json::ApiJson;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::sync;
use app::api::ApiError;
use app::sync::{SyncRequest, SyncResponse, MAX_BATCH};
use axum::extract::State;
use axum::Json;
use chrono::Utc;

/// Pushes the device's mutations, then pulls the visible reports changed since `cursor`, a
/// page at a time.
/// Idempotent: a mutation id is applied at most once. See `docs/sync.md`.
#[utoipa::path(post, path = "/api/v1/sync", tag = "sync", request_body = SyncRequest,
    responses((status = 200, body = SyncResponse), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 413, body = ApiError)))]
pub async fn sync(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(request): ApiJson<SyncRequest>,
) -> AppResult<Json<SyncResponse>> {
    if request.mutations.len() > MAX_BATCH {
        return Err(AppError::PayloadTooLarge);
    }
    let catalog = state.catalog().await?;
    let push = sync::Push::prepare(&catalog, &actor, request.mutations)?;
    let written = state.sync.push(push).await?;
    let pulled = sync::pull(&state.db, &actor, request.cursor, written.reports).await?;
    Ok(Json(SyncResponse {
        results: written.results,
        reports: pulled.reports,
        cursor: pulled.cursor,
        more: pulled.more,
        server_time: Utc::now(),
    }))
}
