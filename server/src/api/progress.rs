use super::query::ApiQuery;
use crate::auth::Actor;
use crate::error::AppResult;
use crate::review::progress_view;
use crate::state::AppState;
use app::api::{ApiError, ProgressView, UnitQuery, PROGRESS_LEVELS};
use axum::extract::{Path, State};
use axum::Json;

/// Who has reported in a subtree for one period: a tally per unit down to two levels below
/// the shown unit (deeper ones through `unit`), and the units at any depth whose report the
/// district does not have yet, with their staff accounts.
#[utoipa::path(get, path = "/api/v1/progress/{plan_id}/{period_code}", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, body = ProgressView), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<Json<ProgressView>> {
    let catalog = state.catalog().await?;
    let mut view = progress_view(
        &state.db,
        &catalog,
        &actor,
        &plan_id,
        &period_code,
        query.unit.as_deref(),
    )
    .await?;
    view.root.prune(PROGRESS_LEVELS);
    Ok(Json(view))
}
