//! The results of the year's evaluation over a subtree: the ranking, and the same as a
//! spreadsheet and as the DOCX list annexed to the province's decision.

use super::exports::failed;
use super::query::ApiQuery;
use crate::auth::Actor;
use crate::error::AppResult;
use crate::export::{docx, file_name, xlsx, Download, DOCX, XLSX};
use crate::language::RequestLanguage;
use crate::review::evaluation_results;
use crate::state::AppState;
use app::api::{ApiError, UnitQuery};
use app::document::evaluation_list::evaluation_list;
use app::domain::evaluation::EvaluationResults;
use app::i18n::texts;
use axum::extract::{Path, State};
use axum::Json;

async fn results(
    state: &AppState,
    actor: &Actor,
    (plan_id, period_code): (&str, &str),
    query: &UnitQuery,
) -> AppResult<EvaluationResults> {
    let catalog = state.catalog().await?;
    evaluation_results(
        &state.db,
        &catalog,
        actor,
        (plan_id, period_code),
        query.unit.as_deref(),
    )
    .await
}

/// Each unit's line in an evaluation period of a subtree (points by criterion, totals,
/// grade, place, earlier results), ranked units first.
#[utoipa::path(get, path = "/api/v1/evaluations/{plan_id}/{period_code}", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, body = EvaluationResults), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<Json<EvaluationResults>> {
    Ok(Json(
        results(&state, &actor, (&plan_id, &period_code), &query).await?,
    ))
}

/// The results as a spreadsheet: points and totals as numbers.
#[utoipa::path(get, path = "/api/v1/evaluations/{plan_id}/{period_code}/xlsx", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, description = "XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn xlsx(
    State(state): State<AppState>,
    actor: Actor,
    RequestLanguage(lang): RequestLanguage,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<Download> {
    let view = results(&state, &actor, (&plan_id, &period_code), &query).await?;
    let bytes = xlsx::evaluation(&view, texts(lang)).map_err(|e| failed("evaluation xlsx", e))?;
    Ok(Download {
        filename: file_name("xep-loai", &[&plan_id, &period_code], "xlsx"),
        content_type: XLSX,
        bytes,
    })
}

/// "Danh sách xếp loại": the graded units by place, as a DOCX to annex to the decision
/// (Nghị định 30/2020/NĐ-CP), in Vietnamese whatever the page's language.
#[utoipa::path(get, path = "/api/v1/evaluations/{plan_id}/{period_code}/docx", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, description = "DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn docx(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<Download> {
    let view = results(&state, &actor, (&plan_id, &period_code), &query).await?;
    let catalog = state.catalog().await?;
    let issuer = catalog
        .plan(&plan_id)
        .and_then(|p| catalog.tree.get(&p.stored.plan.issuer))
        .map_or_else(String::new, |u| u.name.clone());
    let list = evaluation_list(&view, &issuer);
    let bytes = docx::list(&list).map_err(|e| failed("evaluation docx", e))?;
    Ok(Download {
        filename: file_name("danh-sach-xep-loai", &[&plan_id, &period_code], "docx"),
        content_type: DOCX,
        bytes,
    })
}
