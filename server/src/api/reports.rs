use super::query::ApiQuery;
use crate::access::{ensure_can_edit_unit, ensure_can_read_unit};
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::review::year_figures;
use crate::state::AppState;
use crate::store;
use crate::sync::context;
use app::api::{
    ApiError, Deferred, EvaluationView, HistoryPage, ReportView, HISTORY_PAGE, HISTORY_PAGE_MAX,
};
use app::document::Letterhead;
use app::lang::Text;
use app::sync::{ReportKey, ReportState, Slot};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;

type KeyPath = Path<(String, String, String)>;

/// The report's context, once the actor may read the unit's reports (the one read rule).
pub(super) async fn readable(
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
    let id = key.id();
    let started_on = store::reports::template_versions(&mut *state.db.acquire().await?, &[&id])
        .await?
        .remove(&id);
    context(&catalog, &key, started_on)?.ok_or_else(|| {
        AppError::NotFound(Text::new(
            format!("báo cáo {}", key.id()),
            format!("report {}", key.id()),
        ))
    })
}

/// A unit's report for a period, with the template version it is written on and the
/// unit's plan tasks.
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
    let catalog = state.catalog().await?;
    let (newer_template, dropped_fields) = newer_for(&catalog, &ctx, &report_state)?;
    let receiver = receiver_of(&catalog, &ctx.key.plan_id, &ctx.unit.code);
    let former = catalog.as_former(&ctx.unit);
    let plan = catalog.plan(&ctx.key.plan_id).map(|p| &p.stored.plan);
    let letterhead = plan.and_then(|plan| Letterhead::new(plan, &ctx.unit, &catalog.tree));
    let evaluation = match &ctx.criteria {
        Some(set) => {
            let plan = catalog.plan_or_404(&ctx.key.plan_id)?;
            let mut years = year_figures(&mut conn, plan, &ctx.period, &[&ctx.unit]).await?;
            let view = EvaluationView {
                criteria: set.as_ref().clone(),
                year: years.remove(&ctx.unit.code).unwrap_or_default(),
            };
            let deferred = Deferred::new(&view)
                .map_err(|e| AppError::Internal(format!("evaluation view: {e}")))?;
            Some(deferred)
        }
        None => None,
    };
    Ok(Json(ReportView {
        plan_id: ctx.key.plan_id.clone(),
        plan_number: ctx.plan_number,
        plan_title: ctx.plan_title,
        period: ctx.period,
        unit: ctx.unit,
        former,
        template: Deferred::new(ctx.template.as_ref())
            .map_err(|e| AppError::Internal(format!("template: {e}")))?,
        tasks: ctx.tasks,
        state: report_state,
        receiver,
        letterhead,
        consolidates: ctx.consolidates,
        evaluation,
        newer_template,
        dropped_fields,
        file_limits: state.settings.file_limits(),
    }))
}

/// The unit a report goes to: the plan's reviewing unit; for the report of the plan's own
/// issuer (or of that reviewing unit), which consolidates the others, the level above: the
/// bodies the plan addresses it to, else the issuer's governing body.
fn receiver_of(catalog: &Catalog, plan_id: &str, unit: &str) -> Option<String> {
    let plan = &catalog.plan(plan_id)?.stored.plan;
    if unit == plan.issuer && !plan.upward.to.is_empty() {
        return Some(plan.upward.to.join("; "));
    }
    let to = if unit == plan.issuer || unit == plan.reports_to {
        catalog.tree.get(&plan.issuer)?.parent_code.as_deref()?
    } else {
        plan.reports_to.as_str()
    };
    catalog.tree.get(to).map(|u| u.name.clone())
}

/// The newer version a draft may move to: its plan's, when the draft was started on an
/// older one; with the labels of the fields holding values that the new version drops.
fn newer_for(
    catalog: &Catalog,
    ctx: &crate::sync::ReportContext,
    report: &ReportState,
) -> AppResult<(Option<u32>, Vec<String>)> {
    let plan = catalog.plan_or_404(&ctx.key.plan_id)?;
    if !report.status.is_editable() || plan.stored.template_version <= ctx.template.version {
        return Ok((None, Vec::new()));
    }
    let newer = catalog.template_of(plan)?;
    let dropped = report
        .values()
        .keys()
        .filter_map(|slot| match Slot::parse(slot) {
            Slot::Field(code) if newer.field(&code).is_none() => {
                ctx.template.field(&code).map(|f| f.label.clone())
            }
            _ => None,
        })
        .collect();
    Ok((Some(newer.version), dropped))
}

/// Moves a draft to its plan's template version `version`, keeping every value: those of
/// fields the new version still has show as they were. Refused (409) once the report is
/// submitted, or when the plan's version is no longer the one offered.
#[utoipa::path(post, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}/template/{version}", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path),
        ("version" = u32, Path)),
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn move_template(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code, unit_code, version)): Path<(String, String, String, String)>,
) -> AppResult<StatusCode> {
    let version: u32 = version.parse().map_err(|_| {
        AppError::BadRequest(Text::new(
            "version: phải là số phiên bản mẫu (1, 2, …).",
            "version: must be a template version number (1, 2, …).",
        ))
    })?;
    let key = (plan_id, period_code, unit_code);
    let ctx = readable(&state, &actor, key).await?;
    let catalog = state.catalog().await?;
    ensure_can_edit_unit(&catalog.tree, &actor, &ctx.key.unit_code)?;
    let plan = catalog.plan_or_404(&ctx.key.plan_id)?;
    if version != plan.stored.template_version {
        return Err(AppError::Conflict(Text::new(
            format!(
                "Kế hoạch dùng mẫu báo cáo phiên bản {}, không phải {}: hãy tải lại trang.",
                plan.stored.template_version, version
            ),
            format!(
                "The plan uses template version {}, not {}: reload the page.",
                plan.stored.template_version, version
            ),
        )));
    }
    if version <= ctx.template.version {
        return Ok(StatusCode::NO_CONTENT);
    }
    let mut conn = state.db.acquire().await?;
    if !store::reports::move_template(&mut conn, &ctx.key.id(), version, Utc::now()).await? {
        return Err(AppError::Conflict(Text::new(
            "Chỉ báo cáo đang soạn hoặc bị trả lại mới chuyển sang mẫu mới được.",
            "Only a draft or returned report can move to the new template.",
        )));
    }
    tracing::info!(
        user = actor.username,
        report = ctx.key.id(),
        from = ctx.template.version,
        to = version,
        "report moved to a new template version"
    );
    Ok(StatusCode::NO_CONTENT)
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
        return Err(AppError::BadRequest(Text::new(
            format!("limit: từ 1 đến {HISTORY_PAGE_MAX}."),
            format!("limit: from 1 to {HISTORY_PAGE_MAX}."),
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
