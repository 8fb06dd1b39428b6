//! What a reviewer reads of one period of a plan: who in a subtree was expected to report,
//! and where each report stands.

use crate::access::{ensure_can_read_unit, visible_root};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::plans::StoredPlan;
use app::domain::org::OrgTree;
use app::domain::plan::Period;
use app::domain::progress::{progress, ProgressNode, Standing};
use std::collections::HashMap;

pub struct PeriodTree {
    pub plan: StoredPlan,
    pub period: Period,
    pub root: ProgressNode,
}

/// The progress tree of `unit`'s subtree (by default the root of what the actor sees),
/// after checking the actor may read it.
pub async fn period_tree(
    db: &Db,
    actor: &Actor,
    plan_id: &str,
    period_code: &str,
    unit: Option<&str>,
) -> AppResult<PeriodTree> {
    let root = subtree_root(db, actor, unit).await?;
    let plan = store::plans::get(db, plan_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("kế hoạch {plan_id}")))?;
    let period = plan
        .plan
        .period(period_code)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("kỳ báo cáo {period_code}")))?;

    let reports: HashMap<String, Standing> = store::reports::of_period(db, plan_id, period_code)
        .await?
        .into_iter()
        .map(|r| (r.key.unit_code, Standing::of(r.status, r.on_time)))
        .collect();
    let expected: HashMap<String, Standing> = expected_in(db, root)
        .await?
        .into_iter()
        .filter(|(p, _)| p == plan_id)
        .map(|(_, unit)| {
            let standing = reports.get(&unit).copied().unwrap_or(Standing::Missing);
            (unit, standing)
        })
        .collect();
    let tree = OrgTree::new(store::org::all(db).await?)
        .map_err(|e| AppError::Internal(format!("org tree: {e}")))?;
    let root = progress(&tree, root, &expected)
        .ok_or_else(|| AppError::NotFound(format!("đơn vị {root}")))?;
    Ok(PeriodTree { plan, period, root })
}

/// The unit a review page shows: `unit` when the actor may read it, else the root of what
/// the actor sees.
pub async fn subtree_root<'a>(
    db: &Db,
    actor: &'a Actor,
    unit: Option<&'a str>,
) -> AppResult<&'a str> {
    match unit {
        Some(unit) => {
            ensure_can_read_unit(db, actor, unit).await?;
            Ok(unit)
        }
        None => Ok(visible_root(actor)),
    }
}

/// The (plan, unit) reports expected in the subtree of `root`, as the root sees them: a
/// plan's issuer owes its own report to the level above, so not to itself.
pub async fn expected_in(db: &Db, root: &str) -> AppResult<Vec<(String, String)>> {
    let issuers = store::plans::issuers(db).await?;
    Ok(store::plans::assigned_in_subtree(db, root)
        .await?
        .into_iter()
        .filter(|(plan, unit)| !(unit == root && issuers.get(plan) == Some(unit)))
        .collect())
}
