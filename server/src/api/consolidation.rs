use super::query::ApiQuery;
use crate::auth::Actor;
use crate::error::AppResult;
use crate::review::consolidation_view;
use crate::state::AppState;
use app::api::{ApiError, ConsolidationQuery, ConsolidationView};
use axum::extract::{Path, State};
use axum::Json;

/// A unit's consolidated report for one period: the figures of the nearest reporting units
/// below it summed (rates recomputed by the reader from the sums), one row per unit, and
/// their narratives gathered under each field as the draft of the unit's own report.
#[utoipa::path(get, path = "/api/v1/consolidation/{plan_id}/{period_code}", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ConsolidationQuery),
    responses((status = 200, body = ConsolidationView), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ConsolidationQuery>,
) -> AppResult<Json<ConsolidationView>> {
    let basis = query.basis.unwrap_or_default();
    let catalog = state.catalog().await?;
    let view = consolidation_view(
        &state.db,
        &catalog,
        &actor,
        &plan_id,
        &period_code,
        query.unit.as_deref(),
        basis,
    );
    Ok(Json(view.await?))
}
