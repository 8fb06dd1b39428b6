//! A plan's period over a subtree: every unit that owes a report there, with where it
//! stands, after checking that the actor may read the subtree.

use super::expected::expected_in;
use crate::access::{ensure_can_read_unit, reads_subtree, visible_root};
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
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
