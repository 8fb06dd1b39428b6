use crate::access::ensure_can_read_unit;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::store::{self, reports::report_id};
use app::api::{ApiError, ReportView};
use app::domain::status::ReportStatus;
use axum::extract::{Path, State};
use axum::Json;

/// A unit's report for a period, with its template and the unit's plan tasks.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path)),
    responses((status = 200, body = ReportView), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code, unit_code)): Path<(String, String, String)>,
) -> AppResult<Json<ReportView>> {
    let db = &state.db;
    ensure_can_read_unit(db, &actor, &unit_code).await?;
    let stored = store::plans::get(db, &plan_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("kế hoạch {plan_id}")))?;
    let period = stored
        .plan
        .period(&period_code)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("kỳ báo cáo {period_code}")))?;
    let unit = store::org::get(db, &unit_code)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("đơn vị {unit_code}")))?;
    let task_codes = store::plans::tasks_of(db, &plan_id, &unit_code).await?;
    if task_codes.is_empty() {
        return Err(AppError::NotFound(format!(
            "báo cáo của {} trong kế hoạch {}",
            unit.name, stored.plan.number
        )));
    }
    let template = store::templates::get(db, &stored.plan.template, stored.template_version)
        .await?
        .ok_or_else(|| {
            AppError::Internal(format!(
                "plan {plan_id} refers to missing template {}",
                stored.plan.template
            ))
        })?;
    let tasks = stored
        .plan
        .tasks()
        .into_iter()
        .filter(|t| task_codes.contains(&t.code))
        .collect();
    let id = report_id(&plan_id, &period_code, &unit_code);
    let report = store::reports::get(db, &id).await?;
    let values = store::reports::values(db, &id).await?;
    Ok(Json(ReportView {
        plan_id,
        plan_number: stored.plan.number.clone(),
        plan_title: stored.plan.title.clone(),
        period,
        unit,
        template,
        tasks,
        status: report
            .as_ref()
            .map(|r| r.status)
            .unwrap_or(ReportStatus::Nhap),
        values,
        submitted_at: report.as_ref().and_then(|r| r.submitted_at),
        on_time: report.as_ref().and_then(|r| r.on_time),
        return_comment: report.and_then(|r| r.return_comment),
    }))
}
