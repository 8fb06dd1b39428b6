use crate::auth::{self, Actor};
use crate::error::AppResult;
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, LoginRequest, Me};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use axum_extra::extract::CookieJar;

/// Signs in and sets the session cookie.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 401, body = ApiError)))]
pub async fn login(
    State(state): State<AppState>,
    jar: CookieJar,
    Json(req): Json<LoginRequest>,
) -> AppResult<(CookieJar, Json<Me>)> {
    let (actor, cookie) = auth::login(
        &state.db,
        &state.hashing,
        req.username.trim(),
        &req.password,
        state.settings.secure_cookies,
    )
    .await?;
    let me = me_of(&state, &actor).await?;
    Ok((jar.add(cookie), Json(me)))
}

/// Signs out. Local drafts on the device are untouched.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
) -> AppResult<(CookieJar, StatusCode)> {
    let cookie = auth::logout(&state.db, &jar).await?;
    Ok((jar.add(cookie), StatusCode::NO_CONTENT))
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = ApiError)))]
pub async fn me(State(state): State<AppState>, actor: Actor) -> AppResult<Json<Me>> {
    Ok(Json(me_of(&state, &actor).await?))
}

async fn me_of(state: &AppState, actor: &Actor) -> AppResult<Me> {
    let missing = |code: &str| {
        crate::error::AppError::Internal(format!(
            "user {} refers to missing unit {code}",
            actor.username
        ))
    };
    let unit = store::org::get(&state.db, &actor.unit_code)
        .await?
        .ok_or_else(|| missing(&actor.unit_code))?;
    let scope_code = crate::access::visible_root(actor);
    let scope = store::org::get(&state.db, scope_code)
        .await?
        .ok_or_else(|| missing(scope_code))?;
    Ok(Me {
        username: actor.username.clone(),
        display_name: actor.display_name.clone(),
        role: actor.role,
        unit,
        scope,
    })
}
