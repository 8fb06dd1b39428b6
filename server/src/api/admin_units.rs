//! The units an administrator may put an account in: the scope's subtree, searched by
//! name as people type it (with or without diacritics) or by code.

use super::query::ApiQuery;
use crate::access::ensure_admin_of;
use crate::auth::Actor;
use crate::error::AppResult;
use crate::state::AppState;
use app::api::ApiError;
use app::domain::org::OrgUnit;
use app::fold;
use axum::extract::State;
use axum::Json;

/// The most units one search answers: a picker shows a short list to choose from.
const MAX_MATCHES: usize = 30;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitSearch {
    /// Part of a name (diacritics optional) or the start of a code; empty for the first units.
    #[serde(default)]
    q: String,
}

/// Units of the administrator's scope matching `q`, parents before children, at most 30.
#[utoipa::path(get, path = "/api/v1/admin/units", tag = "admin", params(UnitSearch),
    responses((status = 200, body = Vec<OrgUnit>), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn search(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(search): ApiQuery<UnitSearch>,
) -> AppResult<Json<Vec<OrgUnit>>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let typed = fold::fold(&search.q);
    // A code typed whole comes first: the picker finds a chosen unit's name by its code.
    let exact = catalog
        .tree
        .get(search.q.trim())
        .filter(|u| catalog.tree.is_within(&u.code, &actor.scope_code));
    let found = exact
        .into_iter()
        .chain(
            catalog
                .tree
                .subtree(&actor.scope_code)
                .into_iter()
                .filter(|u| exact.is_none_or(|e| e.code != u.code))
                .filter(|u| {
                    typed.is_empty()
                        || fold::fold(&u.name).contains(&typed)
                        || u.code.to_lowercase().starts_with(&typed)
                }),
        )
        .take(MAX_MATCHES)
        .cloned()
        .collect();
    Ok(Json(found))
}
