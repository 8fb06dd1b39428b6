use super::query::ApiQuery;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::export::docx::{self, ReportDocument};
use crate::export::{file_name, xlsx, Download, DOCX, XLSX};
use crate::language::RequestLanguage;
use crate::review::{consolidation_view, progress_view};
use crate::state::AppState;
use crate::store;
use app::api::{ApiError, ConsolidationQuery, UnitQuery};
use app::format::ict;
use app::i18n::texts;
use app::sync::ReportKey;
use axum::extract::{Path, State};

fn failed(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("{what}: {e}"))
}

/// The progress table as a spreadsheet: one row per unit at every level, and the units
/// still outstanding on a second sheet.
#[utoipa::path(get, path = "/api/v1/progress/{plan_id}/{period_code}/xlsx", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, description = "XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn progress_xlsx(
    State(state): State<AppState>,
    actor: Actor,
    RequestLanguage(lang): RequestLanguage,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<Download> {
    let catalog = state.catalog().await?;
    let view = progress_view(
        &state.db,
        &catalog,
        &actor,
        &plan_id,
        &period_code,
        query.unit.as_deref(),
    )
    .await?;
    Ok(Download {
        filename: file_name(
            "tien-do",
            &[&plan_id, &period_code, &view.root.code],
            "xlsx",
        ),
        content_type: XLSX,
        bytes: xlsx::progress(&view, texts(lang)).map_err(|e| failed("progress xlsx", e))?,
    })
}

/// The consolidated figures as a spreadsheet: the totals, and one row per unit below.
#[utoipa::path(get, path = "/api/v1/consolidation/{plan_id}/{period_code}/xlsx", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ConsolidationQuery),
    responses((status = 200, description = "XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn consolidation_xlsx(
    State(state): State<AppState>,
    actor: Actor,
    RequestLanguage(lang): RequestLanguage,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ConsolidationQuery>,
) -> AppResult<Download> {
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
    )
    .await?;
    Ok(Download {
        filename: file_name(
            "tong-hop",
            &[&plan_id, &period_code, &view.unit.code],
            "xlsx",
        ),
        content_type: XLSX,
        bytes: xlsx::consolidation(&view, texts(lang))
            .map_err(|e| failed("consolidation xlsx", e))?,
    })
}

/// The consolidated report as a DOCX draft of the unit's official report: its own narrative
/// where written, else the units' narratives, with the consolidated figures.
#[utoipa::path(get, path = "/api/v1/consolidation/{plan_id}/{period_code}/docx", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ConsolidationQuery),
    responses((status = 200, description = "DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn consolidation_docx(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ConsolidationQuery>,
) -> AppResult<Download> {
    let db = &state.db;
    let basis = query.basis.unwrap_or_default();
    let catalog = state.catalog().await?;
    let view = consolidation_view(
        db,
        &catalog,
        &actor,
        &plan_id,
        &period_code,
        query.unit.as_deref(),
        basis,
    )
    .await?;
    let plan = &catalog.plan_or_404(&plan_id)?.stored.plan;
    let issuer = catalog
        .tree
        .get(&plan.issuer)
        .ok_or_else(|| failed("plan issuer", &plan.issuer))?;
    let parent = view
        .unit
        .parent_code
        .as_deref()
        .and_then(|code| catalog.tree.get(code));
    // The issuer's own report goes up to its governing body; the others go where the
    // plan says (an agency that collects them reports to the issuer).
    let recipient = if view.unit.code == plan.issuer {
        parent
    } else {
        catalog
            .tree
            .get(&plan.reports_to)
            .filter(|to| to.code != view.unit.code)
            .or(Some(issuer))
    };
    let key = ReportKey {
        plan_id: plan_id.clone(),
        period_code: period_code.clone(),
        unit_code: view.unit.code.clone(),
    };
    let own = store::reports::state(&mut *db.acquire().await?, &key)
        .await?
        .values();
    let doc = ReportDocument {
        view: &view,
        plan,
        issuer,
        parent,
        recipient,
        own: &own,
        today: chrono::Utc::now().with_timezone(&ict()).date_naive(),
    };
    Ok(Download {
        filename: file_name(
            "bao-cao",
            &[&plan_id, &period_code, &view.unit.code],
            "docx",
        ),
        content_type: DOCX,
        bytes: docx::report(&doc).map_err(|e| failed("consolidation docx", e))?,
    })
}
