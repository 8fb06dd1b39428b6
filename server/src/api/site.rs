use crate::error::AppResult;
use crate::state::AppState;
use crate::store;
use app::api::{DemoAccount, SiteInfo};
use axum::extract::State;
use axum::Json;

/// What the login page needs to know about this deployment.
#[utoipa::path(get, path = "/api/v1/site", tag = "site", responses((status = 200, body = SiteInfo)))]
pub async fn info(State(state): State<AppState>) -> AppResult<Json<SiteInfo>> {
    // The demo's own accounts only: a real account must never be listed, even on a
    // database that also holds real ones.
    let demo_accounts = if state.settings.demo {
        let demo = crate::demo::usernames();
        store::accounts::all(&state.db)
            .await?
            .into_iter()
            .filter(|u| u.active && demo.contains(&u.username))
            .map(|u| DemoAccount {
                username: u.username,
                description: u.display_name,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Json(SiteInfo { demo_accounts }))
}
