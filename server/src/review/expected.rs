//! Who owes whom a report: the units of a subtree expected for a plan's period.

use crate::catalog::{Catalog, CatalogPlan};
use app::domain::org::OrgUnit;
use app::domain::plan::Period;

/// The units expected to report on `plan` for `period` in the subtree of `root`, as the
/// root sees them: see [`owes_to`]. The units are those that existed on the period's
/// deadline, so a past period is consolidated over the tree as it was then.
pub fn expected_in<'c>(
    catalog: &'c Catalog,
    plan: &CatalogPlan,
    period: &Period,
    root: &str,
) -> Vec<&'c OrgUnit> {
    catalog
        .tree
        .subtree(root)
        .into_iter()
        .filter(|u| owes_to(plan, period, root, u))
        .collect()
}

/// Whether `unit`, in the subtree of `root`, owes `root` a report on `plan` for `period`:
/// a plan's issuer owes its own report to the level above, so not to itself.
pub fn owes_to(plan: &CatalogPlan, period: &Period, root: &str, unit: &OrgUnit) -> bool {
    plan.assigns(&unit.code) && assigned_owes_to(plan, period, root, unit)
}

/// [`owes_to`] for a unit known to be one the plan assigns: no lookup, for loops over a
/// country's units and periods.
pub(crate) fn assigned_owes_to(
    plan: &CatalogPlan,
    period: &Period,
    root: &str,
    unit: &OrgUnit,
) -> bool {
    plan.owes(unit, period) && !(unit.code == root && plan.stored.plan.issuer == root)
}
