//! What a reviewer reads of a plan: who in a subtree owes a report for a period and where
//! each stands (`progress`), their figures rolled up (`consolidation`), and the counts a
//! home page shows (`tallies`).

mod consolidation;
mod progress;
mod tallies;

pub use consolidation::consolidation_view;
pub use progress::progress_view;
pub use tallies::period_tallies;

use crate::access::{ensure_can_read_unit, reads_subtree, visible_root};
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
use app::domain::org::OrgUnit;
use app::domain::plan::Period;
use app::domain::progress::{progress, ProgressNode, Standing};
use app::lang::Text;
use std::collections::HashMap;

pub struct PeriodTree<'c> {
    pub plan: &'c CatalogPlan,
    pub period: Period,
    pub root: ProgressNode,
}

/// The progress tree of `unit`'s subtree (by default the root of what the actor sees),
/// after checking the actor may read it.
pub async fn period_tree<'c>(
    db: &Db,
    catalog: &'c Catalog,
    actor: &Actor,
    plan_id: &str,
    period_code: &str,
    unit: Option<&str>,
) -> AppResult<PeriodTree<'c>> {
    let root = subtree_root(catalog, actor, unit)?;
    let plan = catalog.plan_or_404(plan_id)?;
    let period = plan
        .stored
        .plan
        .period(period_code)
        .cloned()
        .ok_or_else(|| {
            AppError::NotFound(Text::new(
                format!("kỳ báo cáo {period_code}"),
                format!("reporting period {period_code}"),
            ))
        })?;
    let span = store::org::span(db, root).await?.ok_or_else(|| {
        AppError::NotFound(Text::new(format!("đơn vị {root}"), format!("unit {root}")))
    })?;
    let mut reports = store::reports::standings(db, plan_id, period_code, span).await?;
    let expected: HashMap<String, Standing> = expected_in(catalog, plan, &period, root)
        .into_iter()
        // Ward staff read their own unit's report, whatever lies below their unit: the
        // same rule as the report API and the pull.
        .filter(|unit| reads_subtree(actor) || unit.code == actor.unit_code)
        .map(|unit| {
            let standing = reports.remove(&unit.code).unwrap_or(Standing::Missing);
            (unit.code.clone(), standing)
        })
        .collect();
    let root = progress(&catalog.tree, root, &expected).ok_or_else(|| {
        AppError::NotFound(Text::new(format!("đơn vị {root}"), format!("unit {root}")))
    })?;
    Ok(PeriodTree { plan, period, root })
}

/// The unit a review page shows: `unit` when the actor may read it, else the root of what
/// the actor sees.
pub fn subtree_root<'a>(
    catalog: &Catalog,
    actor: &'a Actor,
    unit: Option<&'a str>,
) -> AppResult<&'a str> {
    match unit {
        Some(unit) => {
            ensure_can_read_unit(catalog, actor, unit)?;
            Ok(unit)
        }
        None => Ok(visible_root(actor)),
    }
}

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
    period.covers(unit) && !(unit.code == root && plan.stored.plan.issuer == root)
}
