use super::json::ApiJson;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::language::RequestLanguage;
use crate::state::AppState;
use crate::sync;
use app::api::ApiError;
use app::sync::{SyncRequest, SyncResponse, MAX_BATCH, MAX_FOLLOW};
use axum::extract::State;
use axum::Json;
use chrono::Utc;

/// Pushes the device's mutations, then pulls the reports changed since `cursor` that the
/// device should hold: a ward's, a page at a time; a reviewer's own and followed ones.
/// Idempotent: a mutation id is applied at most once. See `docs/sync.md`.
#[utoipa::path(post, path = "/api/v1/sync", tag = "sync", request_body = SyncRequest,
    responses((status = 200, body = SyncResponse), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 413, body = ApiError)))]
pub async fn sync(
    State(state): State<AppState>,
    _turn: sync::Turn,
    actor: Actor,
    RequestLanguage(lang): RequestLanguage,
    ApiJson(request): ApiJson<SyncRequest>,
) -> AppResult<Json<SyncResponse>> {
    if request.mutations.len() > MAX_BATCH || request.follow.len() > MAX_FOLLOW {
        return Err(AppError::PayloadTooLarge);
    }
    let catalog = state.catalog().await?;
    let push = sync::Push::prepare(catalog.clone(), &actor, lang, request.mutations)?;
    let written = state.sync.push(push).await?;
    let pulled = sync::pull(
        &state.db,
        &catalog,
        &actor,
        request.cursor,
        &request.follow,
        written.reports,
    )
    .await?;
    Ok(Json(SyncResponse {
        results: written.results,
        reports: pulled.reports,
        cursor: pulled.cursor,
        more: pulled.more,
        changed_elsewhere: pulled.changed_elsewhere,
        server_time: Utc::now(),
    }))
}
