//! Login throttling: failed logins are counted per account and per client address over a
//! window; past a limit, further attempts are refused before the password is checked, so
//! that a password cannot be guessed and a burst cannot keep the hashing busy.
//!
//! Counts live in the database (`login_failures`), so every server process on one database
//! counts the same attempts: N processes do not allow N times the guesses.

use crate::db::{self, from_millis, millis, Db};
use chrono::{DateTime, Utc};
use std::net::IpAddr;
use std::time::Duration;

/// How long a failure counts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures of one account within the window before it is refused.
pub const PER_ACCOUNT: i64 = 5;
/// Failures from one address within the window, whatever the accounts.
pub const PER_ADDRESS: i64 = 20;

fn account_key(account: &str) -> String {
    format!("account:{}", account.to_lowercase())
}

fn address_key(address: IpAddr) -> String {
    format!("address:{address}")
}

fn window_start(now: DateTime<Utc>) -> i64 {
    millis(now) - i64::try_from(WINDOW.as_millis()).unwrap_or(i64::MAX)
}

/// `Err(wait)` when the account or the address has failed too often: the time until its
/// oldest counted failure leaves the window.
pub async fn check(
    db: &Db,
    account: &str,
    address: IpAddr,
    now: DateTime<Utc>,
) -> Result<Result<(), Duration>, sqlx::Error> {
    let counts: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT key, COUNT(*), MIN(at) FROM login_failures
         WHERE key IN ($1, $2) AND at > $3 GROUP BY key",
    )
    .bind(account_key(account))
    .bind(address_key(address))
    .bind(window_start(now))
    .fetch_all(db)
    .await?;
    let wait = counts
        .into_iter()
        .filter(|(key, count, _)| {
            let limit = if key.starts_with("account:") {
                PER_ACCOUNT
            } else {
                PER_ADDRESS
            };
            *count >= limit
        })
        .map(|(_, _, oldest)| {
            (from_millis(oldest) + WINDOW - now)
                .to_std()
                .unwrap_or_default()
        })
        .max();
    Ok(wait.map_or(Ok(()), Err))
}

/// Counts a failure of `account` from `address`, and forgets failures that left the window.
pub async fn failed(
    db: &Db,
    account: &str,
    address: IpAddr,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db::begin_write(db).await?;
    sqlx::query("DELETE FROM login_failures WHERE at <= $1")
        .bind(window_start(now))
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2), ($3, $4)")
        .bind(account_key(account))
        .bind(millis(now))
        .bind(address_key(address))
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// A success clears the account's count (not the address's: one right password must not
/// buy another twenty guesses at other accounts).
pub async fn succeeded(db: &Db, account: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(account_key(account))
        .execute(db)
        .await?;
    Ok(())
}
