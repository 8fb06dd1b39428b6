//! The results of an evaluation period over a subtree: each unit's line from its
//! self-assessment, ranked, with its results in earlier evaluations (its own, and those of
//! the units it carries on from since they were merged).

use super::expected::expected_in;
use super::period_tree::subtree_root;
use super::year::year_figures;
use crate::access::reads_subtree;
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
use app::domain::evaluation::{CriteriaSet, EvaluationResults, PastResult, ResultRow};
use app::domain::org::OrgUnit;
use app::domain::plan::Period;
use app::domain::status::ReportStatus;
use app::lang::Text;
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The results of `period_code`, an evaluation period of `plan_id`, over `unit`'s subtree
/// (by default the root of what the actor sees), after checking the actor may read it.
pub async fn evaluation_results(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    (plan_id, period_code): (&str, &str),
    unit: Option<&str>,
) -> AppResult<EvaluationResults> {
    let root = subtree_root(catalog, actor, unit)?;
    let plan = catalog.plan_or_404(plan_id)?;
    let not_found = || {
        AppError::NotFound(Text::new(
            format!("kỳ đánh giá {period_code}"),
            format!("evaluation period {period_code}"),
        ))
    };
    let period = plan
        .stored
        .plan
        .period(period_code)
        .cloned()
        .ok_or_else(not_found)?;
    let set = plan.criteria_of(&period).cloned().ok_or_else(not_found)?;
    // Ward staff read their own unit's line: the one read rule of review pages.
    let units: Vec<&OrgUnit> = expected_in(catalog, plan, &period, root)
        .into_iter()
        .filter(|u| reads_subtree(actor) || u.code == actor.unit_code)
        .collect();
    let mut conn = db.acquire().await?;
    let mut rows: Vec<ResultRow> = lines(&mut conn, plan, &period, &set, &units)
        .await?
        .into_values()
        .collect();
    add_past(&mut conn, catalog, &period, &mut rows).await?;
    EvaluationResults::rank(&mut rows);
    Ok(EvaluationResults {
        plan_id: plan_id.to_string(),
        plan_number: plan.stored.plan.number.clone(),
        period,
        criteria: set.as_ref().clone(),
        scope: catalog
            .tree
            .get(root)
            .map_or_else(|| root.to_string(), |u| u.name.clone()),
        rows,
    })
}

/// The lines of `units` in one evaluation period, by unit code.
async fn lines(
    conn: &mut AnyConnection,
    plan: &CatalogPlan,
    period: &Period,
    set: &CriteriaSet,
    units: &[&OrgUnit],
) -> Result<HashMap<String, ResultRow>, sqlx::Error> {
    let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
    let statuses: HashMap<String, ReportStatus> = store::reports::of_units(conn, plan.id(), &codes)
        .await?
        .into_iter()
        .filter(|r| r.key.period_code == period.code)
        .map(|r| (r.key.unit_code, r.status))
        .collect();
    let mut values =
        store::reports::current_values(conn, plan.id(), &period.code, &codes, "").await?;
    let years = year_figures(conn, plan, period, units).await?;
    Ok(units
        .iter()
        .map(|u| {
            let row = ResultRow::read(
                set,
                (&u.code, &u.name),
                statuses.get(&u.code).copied(),
                &years.get(&u.code).cloned().unwrap_or_default(),
                &values.remove(&u.code).unwrap_or_default(),
            );
            (u.code.clone(), row)
        })
        .collect())
}

/// Adds to each row the results of the earlier evaluation periods of every plan, of its
/// unit and of the units it carries on from, oldest first.
async fn add_past(
    conn: &mut AnyConnection,
    catalog: &Catalog,
    period: &Period,
    rows: &mut [ResultRow],
) -> Result<(), sqlx::Error> {
    let mut earlier: Vec<(&CatalogPlan, &Period, &Arc<CriteriaSet>)> = catalog
        .periods()
        .filter(|(_, p)| p.due_before < period.due_before)
        .filter_map(|(plan, p)| Some((plan, p, plan.criteria_of(p)?)))
        .collect();
    earlier.sort_by_key(|(_, p, _)| p.due_before);
    for (plan, past, set) in earlier {
        // (the row's index, the unit that owed the earlier evaluation)
        let owners: Vec<(usize, &OrgUnit)> = rows
            .iter()
            .enumerate()
            .flat_map(|(i, row)| {
                let own = catalog.tree.get(&row.unit_code).map(|u| (i, u));
                let former = catalog
                    .former_units(&row.unit_code)
                    .into_iter()
                    .map(move |(u, _)| (i, u));
                own.into_iter().chain(former)
            })
            .filter(|(_, u)| plan.expects(u, past))
            .collect();
        if owners.is_empty() {
            continue;
        }
        let mut seen = HashSet::new();
        let units: Vec<&OrgUnit> = owners
            .iter()
            .map(|(_, u)| *u)
            .filter(|u| seen.insert(&u.code))
            .collect();
        let lines = lines(conn, plan, past, set, &units).await?;
        for (i, unit) in owners {
            let Some(line) = lines.get(&unit.code).filter(|l| l.status.is_some()) else {
                continue;
            };
            let row = &mut rows[i];
            row.past.push(PastResult {
                label: past.label.clone(),
                unit_name: (unit.code != row.unit_code).then(|| unit.name.clone()),
                total: line.total,
                grade: line.grade.clone(),
            });
        }
    }
    Ok(())
}
