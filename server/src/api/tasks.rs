use super::query::ApiQuery;
use crate::auth::Actor;
use crate::error::AppResult;
use crate::review::period_tree;
use crate::state::AppState;
use crate::store;
use app::api::{ApiError, TaskProgressView, UnitQuery};
use app::domain::task_progress::task_progress;
use app::sync::Slot;
use axum::extract::{Path, State};
use axum::Json;

/// Plan progress: for each task of the plan, what the assigned units of the subtree report
/// in the reports in hand, unit by unit.
#[utoipa::path(get, path = "/api/v1/task-progress/{plan_id}/{period_code}", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, body = TaskProgressView), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<Json<TaskProgressView>> {
    let db = &state.db;
    let catalog = state.catalog().await?;
    let unit = query.unit.as_deref();
    let tree = period_tree(db, &catalog, &actor, &plan_id, &period_code, unit).await?;
    let units = tree.root.walk();
    let assigned: Vec<(String, String, Vec<String>)> = units
        .iter()
        .filter_map(|n| {
            let tasks = tree.plan.assignments.get(&n.code)?;
            Some((n.code.clone(), n.name.clone(), tasks.clone()))
        })
        .collect();
    let in_hand: Vec<&str> = units
        .iter()
        .filter(|n| n.own.is_some_and(|s| s.in_hand()))
        .map(|n| n.code.as_str())
        .collect();
    let values = store::reports::current_values(
        &mut *db.acquire().await?,
        &plan_id,
        &period_code,
        &in_hand,
        Slot::TASK_PREFIX,
    )
    .await?;
    // A report in hand with nothing written still counts as in hand.
    let values = in_hand
        .iter()
        .map(|u| (u.to_string(), values.get(*u).cloned().unwrap_or_default()))
        .collect();
    Ok(Json(TaskProgressView {
        plan_id,
        period_code,
        unit_code: tree.root.code.clone(),
        tasks: task_progress(&tree.plan.stored.plan.tasks(), &assigned, &values),
    }))
}
