use crate::access::{ensure_can_read_unit, visible_root};
use crate::auth::Actor;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, Outstanding, ProgressView, StaffAccount};
use app::domain::org::collation::VietnameseCollator;
use app::domain::org::OrgTree;
use app::domain::progress::{progress, Standing};
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ProgressQuery {
    /// The unit whose subtree to show; by default the root of what the user sees.
    unit: Option<String>,
}

/// Who has reported in a subtree for one period: a tally per unit at every level, and the
/// units whose report the district does not have yet with their staff accounts.
#[utoipa::path(get, path = "/api/v1/progress/{plan_id}/{period_code}", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), ProgressQuery),
    responses((status = 200, body = ProgressView), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    Query(query): Query<ProgressQuery>,
) -> AppResult<Json<ProgressView>> {
    let db = &state.db;
    let root = match &query.unit {
        Some(unit) => {
            ensure_can_read_unit(db, &actor, unit).await?;
            unit.as_str()
        }
        None => visible_root(&actor),
    };
    let stored = store::plans::get(db, &plan_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("kế hoạch {plan_id}")))?;
    let period = stored
        .plan
        .period(&period_code)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("kỳ báo cáo {period_code}")))?;

    let reports: HashMap<String, Standing> = store::reports::of_period(db, &plan_id, &period_code)
        .await?
        .into_iter()
        .map(|r| (r.key.unit_code, Standing::of(r.status, r.on_time)))
        .collect();
    let expected: HashMap<String, Standing> = store::plans::assigned_in_subtree(db, root)
        .await?
        .into_iter()
        .filter(|(plan, _)| *plan == plan_id)
        .map(|(_, unit)| {
            let standing = reports.get(&unit).copied().unwrap_or(Standing::Missing);
            (unit, standing)
        })
        .collect();
    let tree = OrgTree::new(store::org::all(db).await?)
        .map_err(|e| AppError::Internal(format!("org tree: {e}")))?;
    let root = progress(&tree, root, &expected)
        .ok_or_else(|| AppError::NotFound(format!("đơn vị {root}")))?;

    let mut staff: HashMap<String, Vec<StaffAccount>> = HashMap::new();
    for user in store::users::staff_in_subtree(db, &root.code).await? {
        staff.entry(user.unit_code).or_default().push(StaffAccount {
            username: user.username,
            display_name: user.display_name,
        });
    }
    let mut outstanding: Vec<Outstanding> = root
        .outstanding()
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

    Ok(Json(ProgressView {
        plan_id,
        plan_number: stored.plan.number,
        plan_title: stored.plan.title,
        period,
        root,
        outstanding,
    }))
}
