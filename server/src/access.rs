//! Who may see and do what: every permission check of the server is here. Checks read the
//! org tree from the catalog, in memory.

use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::error::AppError;
use app::api::Role;
use app::domain::access::{may_edit_report, may_review_report};
use app::domain::org::OrgTree;
use app::lang::Text;

/// The root of the subtree whose reports the actor may read.
pub fn visible_root(actor: &Actor) -> &str {
    match actor.role {
        Role::NhapLieu => &actor.unit_code,
        Role::TongHop | Role::Admin => &actor.scope_code,
    }
}

/// Whether the actor reads the reports of the units below their own: reviewers and
/// administrators read their subtree; ward staff only their own unit (and those it carries
/// on, see [`ensure_can_read_unit`]), whatever lies below it. Every read that lists units
/// (the pull, the home page, progress, timeliness) asks this.
pub fn reads_subtree(actor: &Actor) -> bool {
    actor.role != Role::NhapLieu
}

/// Reading a unit's reports: ward staff their own unit and the units whose history it
/// carries on (read-only: see [`ensure_can_edit_unit`]), reviewers and admins their subtree.
pub fn ensure_can_read_unit(
    catalog: &Catalog,
    actor: &Actor,
    unit_code: &str,
) -> Result<(), AppError> {
    let allowed = match actor.role {
        Role::NhapLieu => {
            actor.unit_code == unit_code || catalog.lineage.succeeds(&actor.unit_code, unit_code)
        }
        Role::TongHop | Role::Admin => catalog.tree.is_within(unit_code, &actor.scope_code),
    };
    if allowed {
        Ok(())
    } else {
        Err(reports_of(&catalog.tree, unit_code))
    }
}

/// Writing a unit's report: see [`may_edit_report`].
pub fn ensure_can_edit_unit(
    tree: &OrgTree,
    actor: &Actor,
    unit_code: &str,
) -> Result<(), AppError> {
    if may_edit_report(actor.role, &actor.unit_code, &actor.scope_code, unit_code) {
        Ok(())
    } else {
        Err(reports_of(tree, unit_code))
    }
}

/// The refusal of a unit's reports, naming the unit as people know it.
fn reports_of(tree: &OrgTree, unit_code: &str) -> AppError {
    let name = tree.name_of(unit_code);
    AppError::Forbidden(Text::new(
        format!("báo cáo của {name}"),
        format!("the reports of {name}"),
    ))
}

/// Returning or accepting a report: see [`may_review_report`]; the unit must be in the
/// actor's subtree.
pub fn ensure_can_review_unit(
    tree: &OrgTree,
    actor: &Actor,
    unit_code: &str,
) -> Result<(), AppError> {
    if may_review_report(actor.role, &actor.unit_code, &actor.scope_code, unit_code)
        && tree.is_within(unit_code, &actor.scope_code)
    {
        Ok(())
    } else {
        let name = tree.name_of(unit_code);
        Err(AppError::Forbidden(Text::new(
            format!("việc duyệt báo cáo của {name}"),
            format!("reviewing the reports of {name}"),
        )))
    }
}

/// Administering a unit (its accounts): an administrator whose scope holds it.
pub fn ensure_admin_of(tree: &OrgTree, actor: &Actor, unit_code: &str) -> Result<(), AppError> {
    if actor.role == Role::Admin && tree.is_within(unit_code, &actor.scope_code) {
        Ok(())
    } else {
        let name = tree.name_of(unit_code);
        Err(AppError::Forbidden(Text::new(
            format!("việc quản trị {name}"),
            format!("administering {name}"),
        )))
    }
}

/// Administering an account: an administrator whose scope holds both the account's unit
/// and the subtree it reviews or administers (a district's administrator may not reset the
/// password of a city reviewer seated in the district).
pub fn administers_account(
    tree: &OrgTree,
    actor: &Actor,
    unit_code: &str,
    scope_code: &str,
) -> bool {
    actor.role == Role::Admin
        && tree.is_within(unit_code, &actor.scope_code)
        && tree.is_within(scope_code, &actor.scope_code)
}

/// A plan the administrator manages: issued inside their scope.
pub fn ensure_admin_of_plan<'c>(
    catalog: &'c Catalog,
    actor: &Actor,
    id: &str,
) -> Result<&'c CatalogPlan, AppError> {
    ensure_admin_of(&catalog.tree, actor, &actor.scope_code)?;
    let plan = catalog.plan_or_404(id)?;
    ensure_admin_of(&catalog.tree, actor, &plan.stored.plan.issuer)?;
    Ok(plan)
}
