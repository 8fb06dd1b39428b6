use crate::auth::Actor;
use crate::error::AppResult;
use crate::review::period_tree;
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, Outstanding, ProgressView, StaffAccount};
use app::domain::org::collation::VietnameseCollator;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct UnitQuery {
    /// The unit whose subtree to show; by default the root of what the user sees.
    pub unit: Option<String>,
}

/// Who has reported in a subtree for one period: a tally per unit at every level, and the
/// units whose report the district does not have yet with their staff accounts.
#[utoipa::path(get, path = "/api/v1/progress/{plan_id}/{period_code}", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path), UnitQuery),
    responses((status = 200, body = ProgressView), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    Query(query): Query<UnitQuery>,
) -> AppResult<Json<ProgressView>> {
    let db = &state.db;
    let tree = period_tree(db, &actor, &plan_id, &period_code, query.unit.as_deref()).await?;
    let root = tree.root;

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
        plan_number: tree.plan.plan.number,
        plan_title: tree.plan.plan.title,
        period: tree.period,
        root,
        outstanding,
    }))
}
