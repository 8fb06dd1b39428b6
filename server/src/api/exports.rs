use super::query::ApiQuery;
use super::reports::readable;
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::export::docx;
use crate::export::{file_name, xlsx, Download, DOCX, XLSX};
use crate::language::RequestLanguage;
use crate::review::{consolidation_view, progress_view};
use crate::state::AppState;
use crate::store;
use app::api::{ApiError, Basis, ConsolidationQuery, UnitQuery};
use app::document::consolidated::consolidated;
use app::document::own_report::{own_report, undated_day, Frame};
use app::document::{Letterhead, OfficialDocument};
use app::domain::org::OrgUnit;
use app::i18n::texts;
use app::sync::ReportKey;
use axum::extract::{Path, State};

/// An export that could not be written: an internal error, its cause logged once.
pub(super) fn failed(what: &str, e: impl std::fmt::Display) -> AppError {
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

/// The consolidated report as the DOCX of the unit's own report (see `report_docx`).
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
    let key = ReportKey {
        plan_id,
        period_code,
        unit_code: view.unit.code.clone(),
    };
    let own = store::reports::state(&mut *state.db.acquire().await?, &key).await?;
    let letterhead = letterhead(&catalog, &key.plan_id, &view.unit)?;
    let values = own.values();
    let frame = Frame {
        letterhead: &letterhead,
        template: &view.template,
        period: &view.period,
        values: &values,
        undated: undated_day(own.submitted_at),
    };
    docx_download(&key, &consolidated(&frame, &view))
}

/// A unit's own report as the DOCX it signs: its narratives and figures, its tasks, its
/// number, date and signer; for the report of a plan's issuer, written from its units',
/// the consolidated document (the units' figures where it has none, the annexes). Under
/// the read rule of reports.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period_code}/{unit_code}/docx", tag = "reports",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ("unit_code" = String, Path)),
    responses((status = 200, description = "DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn report_docx(
    State(state): State<AppState>,
    actor: Actor,
    Path(key): Path<(String, String, String)>,
) -> AppResult<Download> {
    let ctx = readable(&state, &actor, key).await?;
    let report = store::reports::state(&mut *state.db.acquire().await?, &ctx.key).await?;
    let catalog = state.catalog().await?;
    let letterhead = letterhead(&catalog, &ctx.key.plan_id, &ctx.unit)?;
    let values = report.values();
    let frame = Frame {
        letterhead: &letterhead,
        template: &ctx.template,
        period: &ctx.period,
        values: &values,
        undated: undated_day(report.submitted_at),
    };
    if !ctx.consolidates {
        return docx_download(&ctx.key, &own_report(&frame, &ctx.tasks));
    }
    let view = consolidation_view(
        &state.db,
        &catalog,
        &actor,
        &ctx.key.plan_id,
        &ctx.key.period_code,
        Some(&ctx.unit.code),
        Basis::default(),
    )
    .await?;
    docx_download(&ctx.key, &consolidated(&frame, &view))
}

/// A report's document as the file `bao-cao-{plan}-{period}-{unit}.docx`.
fn docx_download(key: &ReportKey, document: &OfficialDocument) -> AppResult<Download> {
    Ok(Download {
        filename: file_name(
            "bao-cao",
            &[&key.plan_id, &key.period_code, &key.unit_code],
            "docx",
        ),
        content_type: DOCX,
        bytes: docx::document(document).map_err(|e| failed("docx", e))?,
    })
}

fn letterhead(catalog: &Catalog, plan_id: &str, unit: &OrgUnit) -> AppResult<Letterhead> {
    let plan = &catalog.plan_or_404(plan_id)?.stored.plan;
    Letterhead::new(plan, unit, &catalog.tree).ok_or_else(|| failed("plan issuer", &plan.issuer))
}
