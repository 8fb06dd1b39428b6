use super::progress::UnitQuery;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::review::period_tree;
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, Basis, ConsolidatedUnit, ConsolidationView};
use app::domain::rollup::{rollup, Child};
use app::domain::rules::Values;
use app::domain::template::FieldKind;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct BasisQuery {
    /// `submitted` (default): every report the unit has; `accepted`: accepted ones only.
    basis: Option<Basis>,
}

/// A unit's consolidated report for one period: the figures of the nearest reporting units
/// below it summed (rates recomputed by the reader from the sums), one row per unit, and
/// their narratives gathered under each field as the draft of the unit's own report.
#[utoipa::path(get, path = "/api/v1/consolidation/{plan_id}/{period_code}", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery, BasisQuery),
    responses((status = 200, body = ConsolidationView), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    Query(unit): Query<UnitQuery>,
    Query(query): Query<BasisQuery>,
) -> AppResult<Json<ConsolidationView>> {
    let db = &state.db;
    let basis = query.basis.unwrap_or_default();
    let tree = period_tree(db, &actor, &plan_id, &period_code, unit.unit.as_deref()).await?;
    let stored = &tree.plan;
    let template = store::templates::get(db, &stored.plan.template, stored.template_version)
        .await?
        .ok_or_else(|| AppError::Internal(format!("plan {plan_id} has no template")))?;
    let unit = store::org::get(db, &tree.root.code)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("đơn vị {}", tree.root.code)))?;

    let below = tree.root.reporting_below();
    let included: Vec<&str> = below
        .iter()
        .filter(|n| n.own.is_some_and(|s| basis.includes(s)))
        .map(|n| n.code.as_str())
        .collect();
    let mut values = store::reports::current_values(db, &plan_id, &period_code, &included).await?;
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

    Ok(Json(ConsolidationView {
        plan_id,
        plan_number: stored.plan.number.clone(),
        plan_title: stored.plan.title.clone(),
        period: tree.period,
        unit,
        basis,
        template,
        units,
        totals: result.values,
        narratives: result.narratives,
    }))
}
