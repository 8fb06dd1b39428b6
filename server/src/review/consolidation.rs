use super::period_tree::{period_tree, PeriodTree};
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store;
use app::api::{Basis, ConsolidatedUnit, ConsolidationView};
use app::domain::plan::Period;
use app::domain::rollup::{rollup, Child, Rollup};
use app::domain::rules::Values;
use app::domain::synthesis::{starting_draft, Material, Passage};
use app::domain::template::{FieldKind, Template};
use app::domain::value::Value;
use std::collections::BTreeMap;

/// A unit's consolidation for one period: see [`rollup`]; with the starting draft of the
/// unit's own report, compared with the same period of the year before.
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
    let (units, result) = gathered(db, catalog, &template, &tree, basis).await?;
    let before = year_before(db, catalog, actor, &tree, basis).await?;

    let mut passages: BTreeMap<String, Vec<Passage>> = BTreeMap::new();
    for u in units.iter().filter(|u| u.included) {
        let kind = u.kind;
        for (code, value) in &u.values {
            if let (Some(kind), Value::Text(text)) = (kind, value) {
                passages.entry(code.clone()).or_default().push(Passage {
                    unit: u.unit_name.clone(),
                    kind,
                    text: text.clone(),
                });
            }
        }
    }
    let draft = starting_draft(&Material {
        template: &template,
        totals: &result.values,
        before: before.as_ref(),
        reported: units.iter().filter(|u| u.included).count(),
        expected: units.len(),
        passages: &passages,
    });
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
        before,
        narratives: result.narratives,
        draft,
    })
}

/// The nearest reporting units below the tree's root, with the values of those `basis`
/// includes, and their rollup.
async fn gathered(
    db: &Db,
    catalog: &Catalog,
    template: &Template,
    tree: &PeriodTree<'_>,
    basis: Basis,
) -> AppResult<(Vec<ConsolidatedUnit>, Rollup)> {
    let below = tree.root.reporting_below();
    let included: Vec<&str> = below
        .iter()
        .filter(|n| n.own.is_some_and(|s| basis.includes(s)))
        .map(|n| n.code.as_str())
        .collect();
    let mut values = store::reports::current_values(
        &mut *db.acquire().await?,
        tree.plan.id(),
        &tree.period.code,
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
                kind: catalog.tree.get(&n.code).map(|u| u.kind),
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
    let result = rollup(template, &children);
    Ok((units, result))
}

/// The sums of the same period of the year before (the same issuer's plan of that year,
/// its period of the same kind) over the same unit's subtree, when there is one and
/// anything was reported in it.
async fn year_before(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    tree: &PeriodTree<'_>,
    basis: Basis,
) -> AppResult<Option<Values>> {
    let Some((plan, period)) = same_period_a_year_before(catalog, tree.plan, &tree.period) else {
        return Ok(None);
    };
    let root = tree.root.code.as_str();
    // A unit that did not exist then, or is out of the reader's reach in that plan, has
    // nothing to compare with.
    let before = match period_tree(db, catalog, actor, plan.id(), &period.code, Some(root)).await {
        Ok(before) => before,
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let template = catalog.template_of(plan)?;
    let (units, result) = gathered(db, catalog, &template, &before, basis).await?;
    Ok(units.iter().any(|u| u.included).then_some(result.values))
}

fn same_period_a_year_before<'c>(
    catalog: &'c Catalog,
    plan: &CatalogPlan,
    period: &Period,
) -> Option<(&'c CatalogPlan, &'c Period)> {
    let now = &plan.stored.plan;
    catalog.plans.iter().find_map(|p| {
        let was = &p.stored.plan;
        if was.issuer != now.issuer || was.year + 1 != now.year {
            return None;
        }
        let same = was.periods.iter().find(|q| q.kind == period.kind)?;
        Some((p, same))
    })
}
