//! Plans, for their administrators: the plans issued in the scope, and a plan rolled
//! forward to another year (its dates, period codes and labels moved; a new number).

use super::json::ApiJson;
use crate::access::ensure_admin_of;
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::import;
use crate::startup::AppState;
use crate::store::admin_log::{self, Action};
use app::api::{AdminPlan, ApiError, FieldError, RollForward};
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
