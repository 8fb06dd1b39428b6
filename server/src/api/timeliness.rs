use super::progress::UnitQuery;
use crate::auth::Actor;
use crate::error::AppResult;
use crate::review::{expected_in, subtree_root};
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, TimelinessColumn, TimelinessRow, TimelinessView};
use app::domain::progress::Standing;
use axum::extract::{Query, State};
use axum::Json;
use std::collections::{HashMap, HashSet};

/// For each unit of a subtree, its standing in every reporting period of every plan that
/// expected a report of it: on time, late, returned or missing, as a compact grid.
#[utoipa::path(get, path = "/api/v1/timeliness", tag = "review", params(UnitQuery),
    responses((status = 200, body = TimelinessView), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Query(query): Query<UnitQuery>,
) -> AppResult<Json<TimelinessView>> {
    let db = &state.db;
    let catalog = state.catalog().await?;
    let root = subtree_root(&catalog, &actor, query.unit.as_deref())?;
    let unit = catalog.unit_or_404(root)?.clone();
    let mut expected: HashSet<(&str, &str)> = HashSet::new();
    let mut columns = Vec::new();
    let mut standings: HashMap<(String, String, String), Standing> = HashMap::new();
    for plan in &catalog.plans {
        let units = expected_in(&catalog, plan, root);
        if units.is_empty() {
            continue;
        }
        expected.extend(units.iter().map(|u| (plan.id(), u.code.as_str())));
        for r in store::reports::of_plan(db, plan.id()).await? {
            let k = r.key;
            standings.insert(
                (k.plan_id, k.period_code, k.unit_code),
                Standing::of(r.status, r.on_time),
            );
        }
        columns.extend(
            plan.stored
                .plan
                .periods
                .iter()
                .map(|period| TimelinessColumn {
                    plan_id: plan.id().to_string(),
                    plan_number: plan.stored.plan.number.clone(),
                    period: period.clone(),
                }),
        );
    }
    columns.sort_by_key(|c| c.period.due_before);
    let units: HashSet<&str> = expected.iter().map(|(_, u)| *u).collect();

    let rows = catalog
        .tree
        .subtree(root)
        .into_iter()
        .filter(|u| units.contains(u.code.as_str()))
        .map(|u| TimelinessRow {
            unit_code: u.code.clone(),
            unit_name: u.name.clone(),
            cells: columns
                .iter()
                .map(|c| {
                    expected
                        .contains(&(c.plan_id.as_str(), u.code.as_str()))
                        .then(|| {
                            let key = (c.plan_id.clone(), c.period.code.clone(), u.code.clone());
                            standings.get(&key).copied().unwrap_or(Standing::Missing)
                        })
                })
                .collect(),
        })
        .collect();
    Ok(Json(TimelinessView {
        unit,
        columns,
        rows,
    }))
}
