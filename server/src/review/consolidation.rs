use super::period_tree::period_tree;
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db::Db;
use crate::error::AppResult;
use crate::store;
use app::api::{Basis, ConsolidatedUnit, ConsolidationView};
use app::domain::rollup::{rollup, Child};
use app::domain::rules::Values;
use app::domain::template::FieldKind;

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
