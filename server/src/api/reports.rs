use super::query::ApiQuery;
use crate::access::ensure_can_read_unit;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::store;
use crate::sync::context;
use app::api::{ApiError, HistoryPage, ReportView, HISTORY_PAGE, HISTORY_PAGE_MAX};
use app::sync::ReportKey;
use axum::extract::{Path, State};
use axum::Json;

type KeyPath = Path<(String, String, String)>;

async fn readable(
    state: &AppState,
    actor: &Actor,
    (plan_id, period_code, unit_code): (String, String, String),
) -> AppResult<crate::sync::ReportContext> {
    let catalog = state.catalog().await?;
    ensure_can_read_unit(&catalog, actor, &unit_code)?;
    let key = ReportKey {
        plan_id,
        period_code,
        unit_code,
    };
    context(&catalog, &key)?.ok_or_else(|| AppError::NotFound(format!("báo cáo {}", key.id())))
}

/// A unit's report for a period, with its template and the unit's plan tasks.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path)),
    responses((status = 200, body = ReportView), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path(key): KeyPath,
) -> AppResult<Json<ReportView>> {
    let ctx = readable(&state, &actor, key).await?;
    let mut conn = state.db.acquire().await?;
    let report_state = store::reports::state(&mut conn, &ctx.key).await?;
    Ok(Json(ReportView {
        plan_id: ctx.key.plan_id.clone(),
        plan_number: ctx.plan_number,
        plan_title: ctx.plan_title,
        period: ctx.period,
        unit: ctx.unit,
        template: ctx.template.as_ref().clone(),
        tasks: ctx.tasks,
        state: report_state,
    }))
}

/// Which page of a history: the changes before `before` (the newest without), at most
/// `limit` (100 by default, 500 at most).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    before: Option<i64>,
    limit: Option<u32>,
}

/// The applied changes of a report, newest first ("Lịch sử thay đổi"), a page at a time.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}/history", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path), HistoryQuery),
    responses((status = 200, body = HistoryPage), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn history(
    State(state): State<AppState>,
    actor: Actor,
    Path(key): KeyPath,
    ApiQuery(page): ApiQuery<HistoryQuery>,
) -> AppResult<Json<HistoryPage>> {
    let limit = page.limit.unwrap_or(HISTORY_PAGE);
    if !(1..=HISTORY_PAGE_MAX).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit: từ 1 đến {HISTORY_PAGE_MAX}."
        )));
    }
    let ctx = readable(&state, &actor, key).await?;
    // One more than asked says whether older changes remain.
    let mut entries =
        store::mutations::history(&state.db, &ctx.key.id(), page.before, limit + 1).await?;
    let more = entries.len() > limit as usize;
    entries.truncate(limit as usize);
    let more_before = more.then(|| entries.last().map(|e| e.position)).flatten();
    Ok(Json(HistoryPage {
        entries,
        more_before,
    }))
}
