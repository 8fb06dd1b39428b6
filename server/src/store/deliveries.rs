//! Notices to send outside the app, one per channel, user and notice: written once by the
//! key, however many servers collect them; sent by the server that holds a row's lease.

use crate::db::{from_millis, millis};
use app::api::{Channel, NoticeKind};
use chrono::{DateTime, Duration, Utc};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};
use std::collections::HashMap;

/// A notice to send to one user by one channel.
pub struct Delivery {
    pub channel: Channel,
    pub username: String,
    pub notice_id: String,
    /// The mail's address; empty for a push, which goes to every device the user has when
    /// it is sent.
    pub address: String,
    /// The mail's subject, or the push notification's title.
    pub subject: String,
    /// The mail's text, or the push message ([`app::api::PushMessage`] as JSON).
    pub body: String,
    /// The tries so far, this one included once claimed.
    pub attempts: i64,
}

/// Writes the delivery unless it exists; whether it was written.
pub async fn add(
    conn: &mut AnyConnection,
    d: &Delivery,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO deliveries (channel, username, notice_id, address, subject, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (channel, username, notice_id) DO NOTHING",
    )
    .bind(d.channel.as_str())
    .bind(&d.username)
    .bind(&d.notice_id)
    .bind(&d.address)
    .bind(&d.subject)
    .bind(&d.body)
    .bind(millis(now))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes up to `limit` deliveries of `channel` that wait and that no other server holds,
/// for `lease`: another server takes them again only once the lease ran out (this one
/// stopped before marking them).
pub async fn claim(
    conn: &mut AnyConnection,
    channel: Channel,
    me: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Delivery>, sqlx::Error> {
    // The lease is checked again on the row as it is when updated: of two servers that
    // picked the same rows, the second finds them leased and leaves them.
    let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
        "UPDATE deliveries SET claimed_by = $1, lease_until = $2, attempts = attempts + 1
         WHERE channel = $3 AND sent_at IS NULL AND failed_at IS NULL
           AND (lease_until IS NULL OR lease_until <= $4)
           AND (channel, username, notice_id) IN (
               SELECT channel, username, notice_id FROM deliveries
               WHERE channel = $3 AND sent_at IS NULL AND failed_at IS NULL
                 AND (lease_until IS NULL OR lease_until <= $4)
               ORDER BY created_at LIMIT $5)
         RETURNING username, notice_id, address, subject, body, attempts",
    )
    .bind(me)
    .bind(millis(now + lease))
    .bind(channel.as_str())
    .bind(millis(now))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(username, notice_id, address, subject, body, attempts)| Delivery {
                channel,
                username,
                notice_id,
                address,
                subject,
                body,
                attempts,
            },
        )
        .collect())
}

/// Binds a claimed delivery's key and the server holding it, as the statement's last four
/// parameters (`channel`, `username`, `notice_id`, `claimed_by`).
fn held<'q>(
    query: Query<'q, Any, AnyArguments<'q>>,
    d: &'q Delivery,
    me: &'q str,
) -> Query<'q, Any, AnyArguments<'q>> {
    query
        .bind(d.channel.as_str())
        .bind(&d.username)
        .bind(&d.notice_id)
        .bind(me)
}

/// Marks a claimed delivery sent.
pub async fn sent(
    conn: &mut AnyConnection,
    d: &Delivery,
    me: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "UPDATE deliveries SET sent_at = $1, claimed_by = NULL, lease_until = NULL, last_error = NULL
         WHERE channel = $2 AND username = $3 AND notice_id = $4 AND claimed_by = $5",
    )
    .bind(millis(now));
    held(query, d, me).execute(conn).await?;
    Ok(())
}

/// How many times a delivery is tried before it is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// Records a failed try: tried again after a pause that doubles each time (1 minute, 2,
/// 4… up to an hour), or given up after [`MAX_ATTEMPTS`].
pub async fn failed(
    conn: &mut AnyConnection,
    d: &Delivery,
    me: &str,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let pause = Duration::minutes(1 << (d.attempts - 1).clamp(0, 6));
    let given_up = (d.attempts >= MAX_ATTEMPTS).then(|| millis(now));
    let query = sqlx::query(
        "UPDATE deliveries SET claimed_by = NULL, lease_until = $1, failed_at = $2, last_error = $3
         WHERE channel = $4 AND username = $5 AND notice_id = $6 AND claimed_by = $7",
    )
    .bind(millis(now + pause))
    .bind(given_up)
    .bind(error);
    held(query, d, me).execute(conn).await?;
    Ok(())
}

/// How many deliveries of `channel` wait, and how many were given up.
pub async fn counts(conn: &mut AnyConnection, channel: Channel) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0)
         FROM deliveries WHERE channel = $1",
    )
    .bind(channel.as_str())
    .fetch_one(conn)
    .await
}

/// Up to when `channel` collected notices; `None` before its first collection.
pub async fn collected_to(
    conn: &mut AnyConnection,
    channel: Channel,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let at: Option<i64> =
        sqlx::query_scalar("SELECT collected_to FROM delivery_cursors WHERE channel = $1")
            .bind(channel.as_str())
            .fetch_optional(conn)
            .await?;
    Ok(at.map(from_millis))
}

/// Moves `channel`'s collection forward to `to`, never back (another server may have gone
/// further meanwhile).
pub async fn set_collected_to(
    conn: &mut AnyConnection,
    channel: Channel,
    to: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO delivery_cursors (channel, collected_to) VALUES ($1, $2)
         ON CONFLICT (channel) DO UPDATE SET collected_to = excluded.collected_to
         WHERE delivery_cursors.collected_to < excluded.collected_to",
    )
    .bind(channel.as_str())
    .bind(millis(to))
    .execute(conn)
    .await?;
    Ok(())
}

/// The kinds of notice `username` turned off for `channel`.
pub async fn opted_out(
    conn: &mut AnyConnection,
    username: &str,
    channel: Channel,
) -> Result<Vec<NoticeKind>, sqlx::Error> {
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM notice_opt_outs WHERE username = $1 AND channel = $2")
            .bind(username)
            .bind(channel.as_str())
            .fetch_all(conn)
            .await?;
    Ok(kinds.iter().map(|k| NoticeKind::parse(k)).collect())
}

/// The kinds of notice each user turned off for `channel`, by username.
pub async fn opted_out_by_user(
    conn: &mut AnyConnection,
    channel: Channel,
) -> Result<HashMap<String, Vec<NoticeKind>>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT username, kind FROM notice_opt_outs WHERE channel = $1")
            .bind(channel.as_str())
            .fetch_all(conn)
            .await?;
    let mut off: HashMap<String, Vec<NoticeKind>> = HashMap::new();
    for (username, kind) in rows {
        off.entry(username)
            .or_default()
            .push(NoticeKind::parse(&kind));
    }
    Ok(off)
}

/// Sets the kinds of notice `username` does not want by `channel`.
pub async fn set_opted_out(
    conn: &mut AnyConnection,
    username: &str,
    channel: Channel,
    kinds: &[NoticeKind],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM notice_opt_outs WHERE username = $1 AND channel = $2")
        .bind(username)
        .bind(channel.as_str())
        .execute(&mut *conn)
        .await?;
    for kind in kinds {
        sqlx::query("INSERT INTO notice_opt_outs (username, channel, kind) VALUES ($1, $2, $3)")
            .bind(username)
            .bind(channel.as_str())
            .bind(kind.as_str())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
