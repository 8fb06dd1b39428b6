use super::progress::UnitQuery;
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::review::{expected_in, subtree_root};
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, TimelinessColumn, TimelinessRow, TimelinessView};
use app::domain::org::OrgTree;
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
    let root = subtree_root(db, &actor, query.unit.as_deref()).await?;
    let expected: HashSet<(String, String)> = expected_in(db, root).await?.into_iter().collect();
    let plan_ids: HashSet<&str> = expected.iter().map(|(p, _)| p.as_str()).collect();
    let units: HashSet<&str> = expected.iter().map(|(_, u)| u.as_str()).collect();

    let mut columns = Vec::new();
    let mut standings: HashMap<(String, String, String), Standing> = HashMap::new();
    for stored in store::plans::all(db).await? {
        if !plan_ids.contains(stored.id.as_str()) {
            continue;
        }
        for r in store::reports::of_plan(db, &stored.id).await? {
            let k = r.key;
            standings.insert(
                (k.plan_id, k.period_code, k.unit_code),
                Standing::of(r.status, r.on_time),
            );
        }
        columns.extend(stored.plan.periods.iter().map(|period| TimelinessColumn {
            plan_id: stored.id.clone(),
            plan_number: stored.plan.number.clone(),
            period: period.clone(),
        }));
    }
    columns.sort_by_key(|c| c.period.due_before);

    let tree = OrgTree::new(store::org::subtree(db, root).await?)
        .map_err(|e| AppError::Internal(format!("org tree: {e}")))?;
    let unit = store::org::get(db, root)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("đơn vị {root}")))?;
    let rows = tree
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
                        .contains(&(c.plan_id.clone(), u.code.clone()))
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
