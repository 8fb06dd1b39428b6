//! The devices where users turned push notices on.

use super::json::{self, Json};
use crate::db::millis;
use app::api::Role;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

/// A device's subscription as stored: its endpoint and the keys (base64url) messages to it
/// are encrypted to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSubscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// The most devices a user receives notices on; subscribing another forgets the oldest.
pub const MAX_DEVICES: i64 = 10;

/// Keeps `sub` for `username` (moving it from another user when the device changed
/// hands), and forgets their oldest devices beyond [`MAX_DEVICES`].
pub async fn save(
    conn: &mut AnyConnection,
    username: &str,
    sub: &StoredSubscription,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO push_subscriptions (endpoint, username, p256dh, auth, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (endpoint) DO UPDATE SET username = excluded.username,
             p256dh = excluded.p256dh, auth = excluded.auth, created_at = excluded.created_at",
    )
    .bind(&sub.endpoint)
    .bind(username)
    .bind(&sub.p256dh)
    .bind(&sub.auth)
    .bind(millis(now))
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "DELETE FROM push_subscriptions WHERE username = $1 AND endpoint NOT IN (
             SELECT endpoint FROM push_subscriptions WHERE username = $1
             ORDER BY created_at DESC, endpoint LIMIT $2)",
    )
    .bind(username)
    .bind(MAX_DEVICES)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets `username`'s device at `endpoint` (nothing when it is not theirs).
pub async fn remove(
    conn: &mut AnyConnection,
    username: &str,
    endpoint: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM push_subscriptions WHERE username = $1 AND endpoint = $2")
        .bind(username)
        .bind(endpoint)
        .execute(conn)
        .await?;
    Ok(())
}

/// Forgets the device at `endpoint`, whoever's it was: its push service said it is gone.
pub async fn gone(conn: &mut AnyConnection, endpoint: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = $1")
        .bind(endpoint)
        .execute(conn)
        .await?;
    Ok(())
}

/// `username`'s devices, oldest first.
pub async fn of_user(
    conn: &mut AnyConnection,
    username: &str,
) -> Result<Vec<StoredSubscription>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE username = $1
         ORDER BY created_at, endpoint",
    )
    .bind(username)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(endpoint, p256dh, auth)| StoredSubscription {
            endpoint,
            p256dh,
            auth,
        })
        .collect())
}

/// The staff of `units` with at least one device, as (unit, username).
pub async fn subscribers_of(
    conn: &mut AnyConnection,
    units: &[&str],
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = format!(
        "SELECT DISTINCT u.unit_code, u.username
         FROM users u JOIN push_subscriptions s ON s.username = u.username
         WHERE u.role = $1 AND u.active = 1 AND u.unit_code IN {}
         ORDER BY u.unit_code, u.username",
        Json::of(conn).list(2)
    );
    sqlx::query_as(&sql)
        .bind(Role::NhapLieu.as_str())
        .bind(json::encode(units)?)
        .fetch_all(conn)
        .await
}
