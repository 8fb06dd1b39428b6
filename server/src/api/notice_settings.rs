//! What reaches the signed-in user outside the app: their choices per kind of notice and
//! channel, their devices' push subscriptions, and for administrators, whether the server
//! sends mail at all.

use super::json::ApiJson;
use crate::access::ensure_admin_of;
use crate::auth::Actor;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::outbound::push::{Subscription, SubscriptionError};
use crate::state::AppState;
use crate::store;
use app::api::{
    ApiError, Channel, MailStatus, NoticeKind, NoticeSettings, NoticeSettingsChange, PushEndpoint,
    PushSubscriptionInput,
};
use app::lang::Text;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use sqlx::AnyConnection;

/// The user's address, whether mail is sent, the server's push key, the user's devices,
/// and the kinds they turned off by each channel.
#[utoipa::path(get, path = "/api/v1/notices/settings", tag = "reports",
    responses((status = 200, body = NoticeSettings), (status = 401, body = ApiError)))]
pub async fn get(State(state): State<AppState>, actor: Actor) -> AppResult<Json<NoticeSettings>> {
    let mut conn = state.db.acquire().await?;
    let email = store::users::get(&mut *conn, &actor.username)
        .await?
        .and_then(|(user, _)| user.email);
    let email_off = turned_off(&mut conn, &actor.username, Channel::Email).await?;
    let push_off = turned_off(&mut conn, &actor.username, Channel::Push).await?;
    let push_endpoints = store::push_subscriptions::of_user(&mut conn, &actor.username)
        .await?
        .into_iter()
        .map(|s| s.endpoint)
        .collect();
    Ok(Json(NoticeSettings {
        email,
        email_available: state.mailer.is_some(),
        email_off,
        push_key: state.pusher.public_key(),
        push_off,
        push_endpoints,
    }))
}

/// The kinds among those sent that `username` turned off for `channel`.
async fn turned_off(
    conn: &mut AnyConnection,
    username: &str,
    channel: Channel,
) -> AppResult<Vec<NoticeKind>> {
    Ok(store::deliveries::opted_out(conn, username, channel)
        .await?
        .into_iter()
        .filter(|k| NoticeKind::SENT.contains(k))
        .collect())
}

/// Sets the kinds of notice the user does not want by mail and pushed (the others are
/// sent).
#[utoipa::path(put, path = "/api/v1/notices/settings", tag = "reports",
    request_body = NoticeSettingsChange,
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 413, body = ApiError), (status = 503, body = ApiError)))]
pub async fn set(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(change): ApiJson<NoticeSettingsChange>,
) -> AppResult<StatusCode> {
    let mut tx = db::begin_write(&state.db).await?;
    for (channel, off) in [
        (Channel::Email, change.email_off),
        (Channel::Push, change.push_off),
    ] {
        let mut off: Vec<NoticeKind> = off
            .into_iter()
            .filter(|k| NoticeKind::SENT.contains(k))
            .collect();
        off.sort_by_key(|k| k.as_str());
        off.dedup();
        store::deliveries::set_opted_out(&mut tx, &actor.username, channel, &off).await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Keeps this device's push subscription: notices are pushed to it from now on. Sent
/// again each time the device opens the notices page, which brings back a subscription
/// the server dropped or the browser renewed.
#[utoipa::path(put, path = "/api/v1/notices/push", tag = "reports",
    request_body = PushSubscriptionInput,
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 413, body = ApiError), (status = 503, body = ApiError)))]
pub async fn subscribe(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(input): ApiJson<PushSubscriptionInput>,
) -> AppResult<StatusCode> {
    let sub = Subscription::parse(
        &input.endpoint,
        &input.keys.p256dh,
        &input.keys.auth,
        state.pusher.services(),
    )
    .map_err(refusal)?;
    let mut tx = db::begin_write(&state.db).await?;
    store::push_subscriptions::save(&mut tx, &actor.username, &sub.stored, Utc::now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Forgets this device: nothing is pushed to it any more.
#[utoipa::path(delete, path = "/api/v1/notices/push", tag = "reports",
    request_body = PushEndpoint,
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 413, body = ApiError), (status = 503, body = ApiError)))]
pub async fn unsubscribe(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(device): ApiJson<PushEndpoint>,
) -> AppResult<StatusCode> {
    let mut tx = db::begin_write(&state.db).await?;
    store::push_subscriptions::remove(&mut tx, &actor.username, &device.endpoint).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

fn refusal(e: SubscriptionError) -> AppError {
    AppError::BadRequest(match e {
        SubscriptionError::Service => Text::new(
            "Máy chủ không gửi thông báo đẩy qua dịch vụ của trình duyệt này.",
            "The server does not push through this browser's push service.",
        ),
        _ => Text::new(
            "Thông tin đăng ký nhận thông báo đẩy không hợp lệ.",
            "The push subscription is not valid.",
        ),
    })
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
