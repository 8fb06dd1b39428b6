use super::expected::assigned_owes_to;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db::Db;
use crate::error::AppResult;
use crate::store;
use app::domain::org::OrgUnit;
use app::domain::plan::Period;
use app::domain::progress::{Standing, Tally};
use app::sync::ReportKey;
use std::collections::HashMap;

/// Where the reports `root`'s subtree owes on each period of `plan` stand, by period code,
/// for the periods it owes any. Counted, not listed: see [`store::reports::period_counts`].
pub async fn period_tallies(
    db: &Db,
    catalog: &Catalog,
    plan: &CatalogPlan,
    root: &str,
    subtree: &[&OrgUnit],
) -> AppResult<HashMap<String, Tally>> {
    let mut conn = db.acquire().await?;
    let Some(span) = store::org::span(&mut *conn, root).await? else {
        return Ok(HashMap::new());
    };
    // The units the plan assigns, looked up once: a country has thousands.
    let assigned: Vec<&OrgUnit> = subtree
        .iter()
        .copied()
        .filter(|u| plan.assigns(&u.code))
        .collect();
    let owed: Vec<(&Period, usize)> = plan
        .stored
        .plan
        .periods
        .iter()
        .map(|period| {
            let n = assigned
                .iter()
                .filter(|u| assigned_owes_to(plan, period, root, u))
                .count();
            (period, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    if owed.is_empty() {
        return Ok(HashMap::new());
    }
    // Reports of the subtree that it is not owed: the root issuer's own, and those of
    // units that no longer existed on a period's deadline.
    let except: Vec<String> = owed
        .iter()
        .flat_map(|(period, _)| {
            assigned
                .iter()
                .filter(|u| !assigned_owes_to(plan, period, root, u))
                .map(|u| {
                    ReportKey {
                        plan_id: plan.id().to_string(),
                        period_code: period.code.clone(),
                        unit_code: u.code.clone(),
                    }
                    .id()
                })
        })
        .collect();
    let whole = covers_plan(catalog, plan, root);
    let counted =
        store::reports::period_counts(&mut conn, plan.id(), (!whole).then_some(span), &except)
            .await?;
    let mut counts: HashMap<String, Vec<(Standing, u32)>> = HashMap::new();
    for (period, standing, n) in counted {
        counts.entry(period).or_default().push((standing, n));
    }
    Ok(owed
        .into_iter()
        .map(|(period, n)| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let tally = Tally::of_counts(n, counts.remove(&period.code).unwrap_or_default());
            (period.code.clone(), tally)
        })
        .collect())
}

/// Whether every unit the plan assigns (and its issuer) is in `root`'s subtree: then the
/// subtree's reports of the plan are all of them.
fn covers_plan(catalog: &Catalog, plan: &CatalogPlan, root: &str) -> bool {
    let within = |code: &str| catalog.tree.is_within(code, root);
    within(&plan.stored.plan.issuer) && plan.assignments.keys().all(|u| within(u))
}
