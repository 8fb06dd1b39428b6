//! Who may write and who may review a unit's report: the rule the server enforces and the
//! browser follows to offer the right controls.

use super::account::Role;

/// Who may write a unit's report (fields, tasks, submission): its own staff, and a reviewer
/// for the unit at the root of their scope, whose report consolidates the subtree. The server
/// enforces it; the browser only uses it to offer the right controls.
pub fn may_edit_report(role: Role, own_unit: &str, scope: &str, unit: &str) -> bool {
    own_unit == unit || (role != Role::NhapLieu && scope == unit)
}

/// Who may accept or return a unit's report: a reviewer or admin, for the units below the
/// root of their scope they can read, never their own unit's (their own report, and their
/// scope's, are reviewed one level up).
pub fn may_review_report(role: Role, own_unit: &str, scope: &str, unit: &str) -> bool {
    role != Role::NhapLieu && scope != unit && own_unit != unit
}
