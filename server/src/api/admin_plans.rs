//! Plans, for their administrators: the plans issued in the scope, a new plan, and a plan
//! rolled forward to another year (its dates, period codes and labels moved; a new number).

use super::json::ApiJson;
use super::plan_writes::{check_assignees, number_taken, store_new, summary, Origin};
use crate::access::{ensure_admin_of, ensure_admin_of_plan};
use crate::auth::Actor;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use app::api::{AdminPlan, ApiError, FieldError, NewPlan, RollForward, TemplateChoice};
use app::domain::plan_form::number_error;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

/// The plans whose issuer lies in the administrator's scope, newest year first.
#[utoipa::path(get, path = "/api/v1/admin/plans", tag = "admin",
    responses((status = 200, body = Vec<AdminPlan>), (status = 401, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn list(State(state): State<AppState>, actor: Actor) -> AppResult<Json<Vec<AdminPlan>>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    Ok(Json(
        catalog
            .plans
            .iter()
            .filter(|p| {
                catalog
                    .tree
                    .is_within(&p.stored.plan.issuer, &actor.scope_code)
            })
            .map(|p| {
                summary(
                    &catalog.tree,
                    &p.stored.id,
                    &p.stored.plan,
                    p.stored.template_version,
                )
            })
            .collect(),
    ))
}

/// The templates a new plan may be written on, each at its latest version.
#[utoipa::path(get, path = "/api/v1/admin/templates", tag = "admin",
    responses((status = 200, body = Vec<TemplateChoice>), (status = 401, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn templates(
    State(state): State<AppState>,
    actor: Actor,
) -> AppResult<Json<Vec<TemplateChoice>>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    Ok(Json(
        catalog
            .latest_templates()
            .into_iter()
            .map(|t| TemplateChoice {
                id: t.id.clone(),
                version: t.version,
                title: t.title.clone(),
                title_en: t.title_en.clone(),
            })
            .collect(),
    ))
}

/// Makes a new plan, issued by a unit of the administrator's scope, its reports going to
/// another, on the latest version of a template. Refused (422) naming every bad field,
/// units outside the scope, and a number and year another plan has.
#[utoipa::path(post, path = "/api/v1/admin/plans", tag = "admin", request_body = NewPlan,
    responses((status = 201, body = AdminPlan), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(new): ApiJson<NewPlan>,
) -> AppResult<(StatusCode, Json<AdminPlan>)> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let (plan, mut errors) = match new.apply() {
        Ok(plan) => (Some(plan), Vec::new()),
        Err(errors) => (None, errors),
    };
    for (field, code) in [("issuer", &new.issuer), ("reports_to", &new.reports_to)] {
        let code = code.trim();
        if !code.is_empty() && !catalog.tree.is_within(code, &actor.scope_code) {
            // Whether a unit outside the scope exists is not told.
            errors.push(FieldError::new(
                field,
                format!("Không có đơn vị “{code}” trong phạm vi bạn quản trị."),
                format!("There is no unit “{code}” in the scope you administer."),
            ));
        }
    }
    if !new.template.trim().is_empty() && catalog.template_versions(new.template.trim()).is_empty()
    {
        errors.push(FieldError::new(
            "template",
            "Chưa có mẫu báo cáo này: hãy nhập mẫu trước.",
            "There is no such report template: import it first.",
        ));
    }
    let Some(plan) = plan.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    check_assignees(&catalog, &actor, &plan, &mut errors);
    let mut tx = db::begin_write(&state.db).await?;
    if let Some(taken) = number_taken(&mut tx, &plan).await? {
        errors.push(FieldError {
            field: "number".into(),
            message: taken,
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let stored = store_new(&state, &catalog, tx, &actor, &plan, Origin::Form).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

/// Makes the plan of another year from a plan: the same tasks and assignees, its dates,
/// period codes and labels moved to that year, under the number given. Refused (409) if
/// that year's plan with that number exists.
#[utoipa::path(post, path = "/api/v1/admin/plans/{id}/roll-forward", tag = "admin",
    params(("id" = String, Path)), request_body = RollForward,
    responses((status = 201, body = AdminPlan), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn roll_forward(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RollForward>,
) -> AppResult<(StatusCode, Json<AdminPlan>)> {
    let catalog = state.catalog().await?;
    let source = ensure_admin_of_plan(&catalog, &actor, &id)?;
    let number = request.number.trim();
    let mut errors: Vec<FieldError> = number_error(number).into_iter().collect();
    if !(2000..=2100).contains(&request.year) || request.year == source.stored.plan.year {
        errors.push(FieldError::new(
            "year",
            format!(
                "Năm phải từ 2000 đến 2100 và khác năm của kế hoạch ({}).",
                source.stored.plan.year
            ),
            format!(
                "The year must be from 2000 to 2100 and other than the plan's ({}).",
                source.stored.plan.year
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut plan = source.stored.plan.rolled_to(request.year);
    plan.number = number.to_string();
    let mut tx = db::begin_write(&state.db).await?;
    if let Some(taken) = number_taken(&mut tx, &plan).await? {
        return Err(AppError::Conflict(taken));
    }
    let origin = Origin::RolledFrom(&id);
    let stored = store_new(&state, &catalog, tx, &actor, &plan, origin).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}
