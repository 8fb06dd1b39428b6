//! Who may see and do what: every permission check of the server is here.

use crate::auth::Actor;
use crate::db::Db;
use crate::error::AppError;
use crate::store;
use app::api::{may_edit_report, may_review_report, Role};

/// The root of the subtree whose reports the actor may read.
pub fn visible_root(actor: &Actor) -> &str {
    match actor.role {
        Role::NhapLieu => &actor.unit_code,
        Role::TongHop | Role::Admin => &actor.scope_code,
    }
}

/// Reading a unit's reports: ward staff their own unit, reviewers and admins their subtree.
pub async fn ensure_can_read_unit(db: &Db, actor: &Actor, unit_code: &str) -> Result<(), AppError> {
    let allowed = match actor.role {
        Role::NhapLieu => actor.unit_code == unit_code,
        Role::TongHop | Role::Admin => {
            store::org::is_within(db, unit_code, &actor.scope_code).await?
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "báo cáo của đơn vị {unit_code}"
        )))
    }
}

/// Writing a unit's report: see [`may_edit_report`].
pub fn ensure_can_edit_unit(actor: &Actor, unit_code: &str) -> Result<(), AppError> {
    if may_edit_report(actor.role, &actor.unit_code, &actor.scope_code, unit_code) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "báo cáo của đơn vị {unit_code}"
        )))
    }
}

/// Returning or accepting a report: see [`may_review_report`]; the unit must be in the
/// actor's subtree.
pub async fn ensure_can_review_unit(
    db: &Db,
    actor: &Actor,
    unit_code: &str,
) -> Result<(), AppError> {
    let allowed = may_review_report(actor.role, &actor.scope_code, unit_code)
        && store::org::is_within(db, unit_code, &actor.scope_code).await?;
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "việc duyệt báo cáo của đơn vị {unit_code}"
        )))
    }
}
