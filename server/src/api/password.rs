//! A user's own change of password: the current one, then a new one that the policy
//! accepts ([`app::domain::password`]). It also ends a reset's demand for a change, and
//! the user's other sessions.

use super::json::ApiJson;
use crate::auth::SignedIn;
use crate::client_ip::ClientIp;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::accounts;
use crate::throttle;
use app::api::{ApiError, PasswordChange};
use app::domain::password;
use app::lang::Text;
use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use chrono::Utc;

#[utoipa::path(post, path = "/api/v1/password", tag = "session", request_body = PasswordChange,
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 429, body = ApiError)))]
pub async fn change(
    State(state): State<AppState>,
    ClientIp(address): ClientIp,
    SignedIn(actor, _): SignedIn,
    jar: CookieJar,
    ApiJson(change): ApiJson<PasswordChange>,
) -> AppResult<StatusCode> {
    // The current password is guessed here as at the login: the same throttle.
    let now = Utc::now();
    throttle::check(&state.db, &actor.username, address, now)
        .await?
        .map_err(AppError::TooManyAttempts)?;
    let checked = crate::auth::check_password(
        &state.db,
        &state.hashing,
        &actor.username,
        &change.current_password,
    );
    if checked.await?.is_none() {
        throttle::failed(&state.db, &actor.username, address, now).await?;
        return Err(AppError::BadRequest(Text::new(
            "Mật khẩu hiện tại không đúng.",
            "The current password is wrong.",
        )));
    }
    password::check_new(
        &actor.username,
        &change.current_password,
        &change.new_password,
    )
    .map_err(|e| AppError::BadRequest(e.text()))?;
    let hash = state.hashing.hash(&change.new_password).await?;
    let mut tx = db::begin_write(&state.db).await?;
    accounts::set_password(&mut tx, &actor.username, &hash, false).await?;
    state
        .sessions
        .end_others(&mut tx, &jar, &actor.username)
        .await?;
    tx.commit().await?;
    tracing::info!(account = actor.username, %address, "password changed");
    Ok(StatusCode::NO_CONTENT)
}
