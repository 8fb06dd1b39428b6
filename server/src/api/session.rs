use super::json::ApiJson;
use crate::auth::{self, Actor, SignedIn};
use crate::client_ip::ClientIp;
use crate::error::{AppError, AppResult};
use crate::language;
use crate::state::AppState;
use crate::store;
use crate::throttle;
use app::api::{ApiError, LanguageChoice, LoginRequest, Me};
use app::domain::account::MAX_USERNAME;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use std::net::IpAddr;

/// Signs in and sets the session cookie, replacing the browser's session if it had one.
/// Failed attempts are counted per account and per address; past the limit the answer is
/// 429 until the oldest counted failure is 15 minutes old.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 429, body = ApiError)))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(address): ClientIp,
    jar: CookieJar,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<(CookieJar, Json<Me>)> {
    let (jar, me) = sign_in(&state, address, jar, &req).await?;
    Ok((jar, Json(me)))
}

/// The sign-in page's form sent as a plain form: what a browser does when the page is
/// submitted before its app has loaded (a bad connection). Signed in, the browser goes on
/// to the page the app would open; refused, back to the sign-in page with the reason's code,
/// which the page words (the attempt counts all the same).
pub async fn login_form(
    State(state): State<AppState>,
    ClientIp(address): ClientIp,
    jar: CookieJar,
    Form(req): Form<LoginRequest>,
) -> Response {
    match sign_in(&state, address, jar, &req).await {
        Ok((jar, me)) => {
            let next = if me.must_change_password {
                "/doi-mat-khau"
            } else {
                "/"
            };
            (jar, Redirect::to(next)).into_response()
        }
        Err(AppError::Internal(cause)) => AppError::Internal(cause).into_response(),
        Err(e) => Redirect::to(&format!("/dang-nhap?loi={}", e.code().as_str())).into_response(),
    }
}

/// Checks the password, counting failures, and opens a session.
async fn sign_in(
    state: &AppState,
    address: IpAddr,
    jar: CookieJar,
    req: &LoginRequest,
) -> AppResult<(CookieJar, Me)> {
    let username = req.username.trim();
    // No account has a longer name: refused before it is counted, logged or hashed against.
    if username.chars().count() > MAX_USERNAME {
        return Err(AppError::BadCredentials);
    }
    let now = Utc::now();
    if let Err(wait) = throttle::check(&state.db, username, address, now).await? {
        tracing::warn!(account = username, %address, "login refused: too many failures");
        return Err(AppError::TooManyAttempts(wait));
    }
    let checked = auth::check_password(&state.db, &state.hashing, username, &req.password);
    let Some(SignedIn(actor, must_change_password)) = checked.await? else {
        throttle::failed(&state.db, username, address, now).await?;
        tracing::warn!(account = username, %address, "login failed");
        return Err(AppError::BadCredentials);
    };
    throttle::succeeded(&state.db, username).await?;
    let cookie = state
        .sessions
        .open(&state.db, &jar, &actor.username)
        .await?;
    tracing::info!(account = actor.username, %address, "login");
    let me = me_of(state, &actor, must_change_password).await?;
    let jar = language::at_sign_in(
        &state.db,
        state.sessions.secure(),
        jar.add(cookie),
        &actor.username,
    )
    .await?;
    Ok((jar, me))
}

/// Signs out. Local drafts on the device are untouched.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    ClientIp(address): ClientIp,
    jar: CookieJar,
) -> AppResult<(CookieJar, StatusCode)> {
    let (cookie, username) = state.sessions.close(&state.db, &jar).await?;
    if let Some(account) = username {
        tracing::info!(account, %address, "logout");
    }
    Ok((jar.add(cookie), StatusCode::NO_CONTENT))
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = ApiError)))]
pub async fn me(
    State(state): State<AppState>,
    SignedIn(actor, must_change_password): SignedIn,
) -> AppResult<Json<Me>> {
    Ok(Json(me_of(&state, &actor, must_change_password).await?))
}

/// Remembers the user's language for every device they sign in on, and makes it this
/// browser's (the `lang` cookie).
#[utoipa::path(put, path = "/api/v1/me/language", tag = "session", request_body = LanguageChoice,
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn set_language(
    State(state): State<AppState>,
    SignedIn(actor, _): SignedIn,
    jar: CookieJar,
    ApiJson(choice): ApiJson<LanguageChoice>,
) -> AppResult<(CookieJar, StatusCode)> {
    store::users::set_language(&state.db, &actor.username, choice.language.code()).await?;
    let cookie = language::cookie(choice.language, state.sessions.secure());
    Ok((jar.add(cookie), StatusCode::NO_CONTENT))
}

async fn me_of(state: &AppState, actor: &Actor, must_change_password: bool) -> AppResult<Me> {
    let missing = |code: &str| {
        AppError::Internal(format!(
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
        must_change_password,
    })
}
