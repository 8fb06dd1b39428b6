//! Plans, for their administrators: the plans issued in the scope, a new plan, and a plan
//! rolled forward to another year (its dates, period codes and labels moved; a new number).

use super::json::ApiJson;
use super::plan_editor::check_assignees;
use crate::access::ensure_admin_of;
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::import;
use crate::startup::AppState;
use crate::store::admin_log::{self, Action};
use app::api::{AdminPlan, ApiError, FieldError, NewPlan, RollForward, TemplateChoice};
use app::domain::org::OrgTree;
use app::domain::plan_form::number_error;
use app::lang::Text;
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
    let id = plan.id();
    let mut tx = db::begin_write(&state.db).await?;
    if crate::store::plans::get(&mut *tx, &id).await?.is_some() {
        errors.push(FieldError::new(
            "number",
            format!("Đã có kế hoạch {} năm {}.", plan.number, plan.year),
            format!("Plan {} of {} exists already.", plan.number, plan.year),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let scope = import::Scope::Subtree(&actor.scope_code);
    import::store_plan_within(&mut tx, scope, "kế hoạch", &plan)
        .await
        .map_err(|e| {
            AppError::Invalid(vec![FieldError {
                field: "sections".into(),
                message: e.message,
            }])
        })?;
    let stored = crate::store::plans::get(&mut *tx, &id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("plan {id} not written")))?;
    let action = Action {
        username: &actor.username,
        action: "create_plan",
        target: &id,
        unit_code: &plan.issuer,
        before: None,
        after: Some(format!("{} · {}", plan.number, plan.title)),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(admin = actor.username, plan = id, "plan created");
    Ok((
        StatusCode::CREATED,
        Json(summary(
            &catalog.tree,
            &id,
            &stored.plan,
            stored.template_version,
        )),
    ))
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
    let source = administered(&catalog, &actor, &id)?;
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
    let new_id = plan.id();
    let mut tx = db::begin_write(&state.db).await?;
    if crate::store::plans::get(&mut *tx, &new_id).await?.is_some() {
        return Err(AppError::Conflict(Text::new(
            format!("Đã có kế hoạch {} năm {}.", plan.number, plan.year),
            format!("Plan {} of {} exists already.", plan.number, plan.year),
        )));
    }
    let scope = import::Scope::Subtree(&actor.scope_code);
    import::store_plan_within(&mut tx, scope, "biểu mẫu", &plan)
        .await
        .map_err(|e| {
            AppError::Invalid(vec![FieldError {
                field: "year".into(),
                message: e.message,
            }])
        })?;
    let stored = crate::store::plans::get(&mut *tx, &new_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("plan {new_id} not written")))?;
    let action = Action {
        username: &actor.username,
        action: "roll_forward_plan",
        target: &new_id,
        unit_code: &plan.issuer,
        before: Some(id.clone()),
        after: Some(format!("{} · {}", plan.number, plan.title)),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(
        admin = actor.username,
        from = id,
        plan = new_id,
        "plan rolled forward"
    );
    Ok((
        StatusCode::CREATED,
        Json(summary(
            &catalog.tree,
            &new_id,
            &stored.plan,
            stored.template_version,
        )),
    ))
}

/// A plan the administrator manages: issued inside their scope.
pub(super) fn administered<'c>(
    catalog: &'c Catalog,
    actor: &Actor,
    id: &str,
) -> AppResult<&'c CatalogPlan> {
    ensure_admin_of(&catalog.tree, actor, &actor.scope_code)?;
    let plan = catalog.plan_or_404(id)?;
    ensure_admin_of(&catalog.tree, actor, &plan.stored.plan.issuer)?;
    Ok(plan)
}

fn summary(
    tree: &OrgTree,
    id: &str,
    plan: &app::domain::plan::Plan,
    template_version: u32,
) -> AdminPlan {
    AdminPlan {
        id: id.to_string(),
        number: plan.number.clone(),
        year: plan.year,
        title: plan.title.clone(),
        issuer_name: tree.name_of(&plan.issuer).to_string(),
        template: format!("{} v{template_version}", plan.template),
        periods: plan.periods.clone(),
    }
}
