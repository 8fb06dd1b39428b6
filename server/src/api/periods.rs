use crate::access::visible_root;
use crate::auth::Actor;
use crate::error::AppResult;
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, PeriodOverview, PlanOverview, UnitStatus};
use app::domain::status::ReportStatus;
use axum::extract::State;
use axum::Json;
use std::collections::HashMap;

/// The reporting periods of every plan for the units the user sees, with each unit's status.
#[utoipa::path(get, path = "/api/v1/periods", tag = "reports",
    responses((status = 200, body = Vec<PlanOverview>), (status = 401, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
) -> AppResult<Json<Vec<PlanOverview>>> {
    let db = &state.db;
    let catalog = state.catalog().await?;
    let mut out = Vec::new();
    for plan in &catalog.plans {
        let plan_units = catalog.reporting_in(plan, visible_root(&actor));
        if plan_units.is_empty() {
            continue;
        }
        let stored = &plan.stored;
        let reports: HashMap<(String, String), store::reports::ReportRow> =
            store::reports::of_plan(db, &stored.id)
                .await?
                .into_iter()
                .map(|r| ((r.key.period_code.clone(), r.key.unit_code.clone()), r))
                .collect();
        let periods = stored
            .plan
            .periods
            .iter()
            .map(|period| PeriodOverview {
                period: period.clone(),
                units: plan_units
                    .iter()
                    .map(|u| {
                        let report = reports.get(&(period.code.clone(), u.code.clone()));
                        UnitStatus {
                            unit_code: u.code.clone(),
                            unit_name: u.name.clone(),
                            unit_kind: u.kind,
                            status: report.map(|r| r.status).unwrap_or(ReportStatus::Nhap),
                            submitted_at: report.and_then(|r| r.submitted_at),
                            on_time: report.and_then(|r| r.on_time),
                        }
                    })
                    .collect(),
            })
            .collect();
        out.push(PlanOverview {
            plan_id: stored.id.clone(),
            number: stored.plan.number.clone(),
            year: stored.plan.year,
            title: stored.plan.title.clone(),
            periods,
        });
    }
    Ok(Json(out))
}
