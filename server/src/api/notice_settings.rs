//! What reaches the signed-in user outside the app: their choices per kind of notice, and
//! for administrators, whether the server sends mail at all.

use super::json::ApiJson;
use crate::access::ensure_admin_of;
use crate::auth::Actor;
use crate::db;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store;
use app::api::{ApiError, Channel, MailStatus, NoticeKind, NoticeSettings, NoticeSettingsChange};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// The user's address, whether mail is sent, and the kinds they turned off.
#[utoipa::path(get, path = "/api/v1/notices/settings", tag = "reports",
    responses((status = 200, body = NoticeSettings), (status = 401, body = ApiError)))]
pub async fn get(State(state): State<AppState>, actor: Actor) -> AppResult<Json<NoticeSettings>> {
    let mut conn = state.db.acquire().await?;
    let email = store::users::get(&mut *conn, &actor.username)
        .await?
        .and_then(|(user, _)| user.email);
    let email_off = store::deliveries::opted_out(&mut conn, &actor.username, Channel::Email)
        .await?
        .into_iter()
        .filter(|k| NoticeKind::SENT.contains(k))
        .collect();
    Ok(Json(NoticeSettings {
        email,
        email_available: state.mailer.is_some(),
        email_off,
    }))
}

/// Sets the kinds of notice the user does not want by mail (the others are sent).
#[utoipa::path(put, path = "/api/v1/notices/settings", tag = "reports",
    request_body = NoticeSettingsChange,
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 413, body = ApiError), (status = 503, body = ApiError)))]
pub async fn set(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(change): ApiJson<NoticeSettingsChange>,
) -> AppResult<StatusCode> {
    let mut off: Vec<NoticeKind> = change
        .email_off
        .into_iter()
        .filter(|k| NoticeKind::SENT.contains(k))
        .collect();
    off.sort_by_key(|k| k.as_str());
    off.dedup();
    let mut tx = db::begin_write(&state.db).await?;
    store::deliveries::set_opted_out(&mut tx, &actor.username, Channel::Email, &off).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether mail is on, its sender, and the mails waiting or given up.
#[utoipa::path(get, path = "/api/v1/admin/mail", tag = "admin",
    responses((status = 200, body = MailStatus), (status = 401, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn mail_status(
    State(state): State<AppState>,
    actor: Actor,
) -> AppResult<Json<MailStatus>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let mut conn = state.db.acquire().await?;
    let (waiting, given_up) = store::deliveries::counts(&mut conn, Channel::Email).await?;
    Ok(Json(MailStatus {
        enabled: state.mailer.is_some(),
        sender: state.mailer.as_ref().map(|m| m.sender()),
        waiting,
        given_up,
    }))
}
