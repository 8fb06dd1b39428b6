//! What every way of writing a plan in the administration pages shares: its assignees
//! checked against the scope, the refusal of a number another plan of the year has, and a
//! new plan stored, logged and answered as a line of the plans page.

use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::import;
use crate::state::AppState;
use crate::store::admin_log::{self, Action};
use crate::store::plans;
use app::api::{AdminAction, AdminPlan, FieldError};
use app::domain::org::OrgTree;
use app::domain::plan::{Assignee, Plan};
use app::lang::Text;
use sqlx::{Any, Transaction};

/// Every unit named as an assignee exists and lies in the administrator's scope.
pub(super) fn check_assignees(
    catalog: &Catalog,
    actor: &Actor,
    plan: &Plan,
    errors: &mut Vec<FieldError>,
) {
    for (i, section) in plan.sections.iter().enumerate() {
        for assignee in &section.assignees {
            let Assignee::Unit(code) = assignee else {
                continue;
            };
            let (vi, en) = match catalog.tree.get(code) {
                None => (
                    format!("Không có đơn vị “{code}”."),
                    format!("There is no unit “{code}”."),
                ),
                Some(unit) if !catalog.tree.is_within(code, &actor.scope_code) => (
                    format!("{} nằm ngoài phạm vi bạn quản trị.", unit.name),
                    format!("{} is outside the scope you administer.", unit.name),
                ),
                Some(_) => continue,
            };
            errors.push(FieldError::new(&format!("sections.{i}.assignees"), vi, en));
        }
    }
}

/// Another plan has this plan's number and year (its id), inside the transaction.
pub(super) async fn number_taken(
    tx: &mut Transaction<'static, Any>,
    plan: &Plan,
) -> AppResult<Option<Text>> {
    Ok(plans::get(&mut **tx, &plan.id()).await?.map(|_| {
        Text::new(
            format!("Đã có kế hoạch {} năm {}.", plan.number, plan.year),
            format!("Plan {} of {} exists already.", plan.number, plan.year),
        )
    }))
}

/// Where a new plan comes from.
pub(super) enum Origin<'a> {
    /// Written in the new plan's form.
    Form,
    /// Rolled forward from the plan with this id.
    RolledFrom(&'a str),
}

/// Stores a new plan checked by its handler, in the scope of the administrator, logs it and
/// commits; answers it as the plans page lists it.
pub(super) async fn store_new(
    state: &AppState,
    catalog: &Catalog,
    mut tx: Transaction<'static, Any>,
    actor: &Actor,
    plan: &Plan,
    origin: Origin<'_>,
) -> AppResult<AdminPlan> {
    let id = plan.id();
    // A refusal here is the form's fault in the part the origin lets the user change.
    let (action, from, name, field) = match origin {
        Origin::Form => (AdminAction::CreatePlan, None, "kế hoạch", "sections"),
        Origin::RolledFrom(from) => (AdminAction::RollForwardPlan, Some(from), "biểu mẫu", "year"),
    };
    let scope = import::Scope::Subtree(&actor.scope_code);
    import::store_plan_within(&mut tx, scope, name, plan)
        .await
        .map_err(|e| {
            AppError::Invalid(vec![FieldError {
                field: field.into(),
                message: e.message,
            }])
        })?;
    let stored = plans::get(&mut *tx, &id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("plan {id} not written")))?;
    let entry = Action {
        username: &actor.username,
        action,
        target: &id,
        unit_code: &plan.issuer,
        before: from.map(str::to_string),
        after: Some(format!("{} · {}", plan.number, plan.title)),
    };
    admin_log::record(&mut tx, &entry, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(
        admin = actor.username,
        plan = id,
        from,
        "plan stored: {}",
        action.as_str()
    );
    Ok(summary(
        &catalog.tree,
        &id,
        &stored.plan,
        stored.template_version,
    ))
}

/// A plan as the plans page lists it.
pub(super) fn summary(tree: &OrgTree, id: &str, plan: &Plan, template_version: u32) -> AdminPlan {
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
