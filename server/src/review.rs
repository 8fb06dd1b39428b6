//! What a reviewer reads of one period of a plan: who in a subtree was expected to report,
//! and where each report stands.

use crate::access::{ensure_can_read_unit, visible_root};
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
use app::api::{
    Basis, ConsolidatedUnit, ConsolidationView, Outstanding, ProgressView, StaffAccount,
};
use app::domain::org::collation::VietnameseCollator;
use app::domain::org::OrgUnit;
use app::domain::plan::Period;
use app::domain::progress::{progress, ProgressNode, Standing};
use app::domain::rollup::{rollup, Child};
use app::domain::rules::Values;
use app::domain::template::FieldKind;
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
        .ok_or_else(|| AppError::NotFound(format!("kỳ báo cáo {period_code}")))?;
    let span = catalog
        .span(root)
        .ok_or_else(|| AppError::NotFound(format!("đơn vị {root}")))?;
    let mut reports = store::reports::standings(db, plan_id, period_code, span).await?;
    let expected: HashMap<String, Standing> = expected_in(catalog, plan, &period, root)
        .into_iter()
        .map(|unit| {
            let standing = reports.remove(&unit.code).unwrap_or(Standing::Missing);
            (unit.code.clone(), standing)
        })
        .collect();
    let root = progress(&catalog.tree, root, &expected)
        .ok_or_else(|| AppError::NotFound(format!("đơn vị {root}")))?;
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
pub fn assigned_owes_to(plan: &CatalogPlan, period: &Period, root: &str, unit: &OrgUnit) -> bool {
    period.covers(unit) && !(unit.code == root && plan.stored.plan.issuer == root)
}

/// Who has reported in a subtree for one period, with the units still outstanding.
pub async fn progress_view(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    plan_id: &str,
    period_code: &str,
    unit: Option<&str>,
) -> AppResult<ProgressView> {
    let tree = period_tree(db, catalog, actor, plan_id, period_code, unit).await?;
    let root = tree.root;

    let nodes = root.outstanding();
    let codes: Vec<&str> = nodes.iter().map(|n| n.code.as_str()).collect();
    let mut staff: HashMap<String, Vec<StaffAccount>> = HashMap::new();
    for user in store::users::staff_of(&mut *db.acquire().await?, &codes).await? {
        staff.entry(user.unit_code).or_default().push(StaffAccount {
            username: user.username,
            display_name: user.display_name,
        });
    }
    let mut outstanding: Vec<Outstanding> = nodes
        .into_iter()
        .filter_map(|node| {
            Some(Outstanding {
                unit_code: node.code.clone(),
                unit_name: node.name.clone(),
                standing: node.own?,
                staff: staff.remove(&node.code).unwrap_or_default(),
            })
        })
        .collect();
    let collator = VietnameseCollator::new();
    outstanding.sort_by(|a, b| collator.compare(&a.unit_name, &b.unit_name));

    Ok(ProgressView {
        plan_id: plan_id.to_string(),
        plan_number: tree.plan.stored.plan.number.clone(),
        plan_title: tree.plan.stored.plan.title.clone(),
        period: tree.period,
        root,
        outstanding,
    })
}

/// A unit's consolidation for one period: see [`rollup`].
pub async fn consolidation_view(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    plan_id: &str,
    period_code: &str,
    unit: Option<&str>,
    basis: Basis,
) -> AppResult<ConsolidationView> {
    let tree = period_tree(db, catalog, actor, plan_id, period_code, unit).await?;
    let template = catalog.template_of(tree.plan)?;
    let unit = catalog.unit_or_404(&tree.root.code)?.clone();

    let below = tree.root.reporting_below();
    let included: Vec<&str> = below
        .iter()
        .filter(|n| n.own.is_some_and(|s| basis.includes(s)))
        .map(|n| n.code.as_str())
        .collect();
    let mut values = store::reports::current_values(
        &mut *db.acquire().await?,
        plan_id,
        period_code,
        &included,
        "",
    )
    .await?;
    let units: Vec<ConsolidatedUnit> = below
        .iter()
        .filter_map(|n| {
            let standing = n.own?;
            let included = basis.includes(standing);
            let values = if included {
                values.remove(&n.code).unwrap_or_default()
            } else {
                Values::new()
            };
            Some(ConsolidatedUnit {
                unit_code: n.code.clone(),
                unit_name: n.name.clone(),
                standing,
                included,
                values,
            })
        })
        .collect();
    let children: Vec<Child> = units
        .iter()
        .filter(|u| u.included)
        .map(|u| Child {
            unit: &u.unit_name,
            values: &u.values,
        })
        .collect();
    let result = rollup(&template, &children);
    // The rows carry figures only: narratives are in `narratives`, tasks are not rolled up.
    let units = units
        .into_iter()
        .map(|mut u| {
            u.values.retain(|code, _| {
                template
                    .field(code)
                    .is_some_and(|f| !matches!(f.kind, FieldKind::Text))
            });
            u
        })
        .collect();

    Ok(ConsolidationView {
        plan_id: plan_id.to_string(),
        plan_number: tree.plan.stored.plan.number.clone(),
        plan_title: tree.plan.stored.plan.title.clone(),
        period: tree.period,
        unit,
        basis,
        template: template.as_ref().clone(),
        units,
        totals: result.values,
        narratives: result.narratives,
    })
}
