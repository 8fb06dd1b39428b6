//! Sign-in checks, cookie sessions, and the signed-in user as an extractor.

use crate::db::{millis, Db};
use crate::error::AppError;
use crate::passwords::Hashing;
use crate::settings::Settings;
use app::api::Role;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Session tokens are stored hashed: a copy of the table opens no session.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signed-in user, as every handler sees them.
#[derive(Clone, Debug)]
pub struct Actor {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_code: String,
    pub scope_code: String,
}

/// Whether `password` is the user's: their account, or `None` for a wrong password or an
/// unknown user (which costs the same time). A closed account is refused only after its
/// password matched, so that the refusal tells a guesser nothing.
pub async fn check_password(
    db: &Db,
    hashing: &Hashing,
    username: &str,
    password: &str,
) -> Result<Option<SignedIn>, AppError> {
    let stored: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT password_hash, active, must_change_password FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(db)
    .await?;
    let (hash, active, must_change) = match stored {
        Some((hash, active, must_change)) => (Some(hash), active != 0, must_change != 0),
        None => (None, false, false),
    };
    if !hashing.verify(password, hash).await? {
        return Ok(None);
    }
    if !active {
        return Err(AppError::AccountClosed);
    }
    Ok(actor_of(db, username)
        .await?
        .map(|actor| SignedIn(actor, must_change)))
}

/// A signed-in user, whether or not a reset password still waits to be changed (the
/// bool): what the password change and "who am I" take. Every other handler takes an
/// [`Actor`], which refuses the user until the password is changed.
#[derive(Clone, Debug)]
pub struct SignedIn(pub Actor, pub bool);

/// How sessions live: the cookie's attributes, and when a session ends.
#[derive(Clone, Debug)]
pub struct Sessions {
    secure: bool,
    idle: chrono::Duration,
    lifetime: chrono::Duration,
}

/// A session's last use is written at most this often: a request in between reads it
/// without writing.
const TOUCH_EVERY_MS: i64 = 60_000;

impl Sessions {
    pub fn new(settings: &Settings) -> Sessions {
        Sessions {
            secure: settings.secure_cookies(),
            idle: settings.session_idle(),
            lifetime: settings.session_lifetime(),
        }
    }

    pub fn secure(&self) -> bool {
        self.secure
    }

    /// `__Host-` makes the browser refuse the cookie unless it is Secure, for this host
    /// only and for the whole site: no subdomain or plain-HTTP page can plant or read it.
    fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-baocao_session"
        } else {
            "baocao_session"
        }
    }

    fn cookie(&self, value: String, max_age: cookie::time::Duration) -> Cookie<'static> {
        Cookie::build((self.cookie_name(), value))
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .path("/")
            .max_age(max_age)
            .build()
    }

    /// Opens a session for `username`, ending the one the browser held (if any), and
    /// drops every expired session; returns the cookie to set.
    pub async fn open(
        &self,
        db: &Db,
        jar: &CookieJar,
        username: &str,
    ) -> Result<Cookie<'static>, AppError> {
        let now = chrono::Utc::now();
        self.end(db, jar).await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(millis(now))
            .bind(millis(now - self.idle))
            .execute(db)
            .await?;
        let mut raw = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut raw);
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
        sqlx::query(
            "INSERT INTO sessions (token_hash, username, expires_at, last_seen_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(username)
        .bind(millis(now + self.lifetime))
        .bind(millis(now))
        .execute(db)
        .await?;
        let max_age = cookie::time::Duration::seconds(self.lifetime.num_seconds());
        Ok(self.cookie(token, max_age))
    }

    /// Ends the browser's session; returns the cookie that clears it, with the same
    /// attributes (a browser ignores a `__Host-` cookie set without them), and whose
    /// session it was.
    pub async fn close(
        &self,
        db: &Db,
        jar: &CookieJar,
    ) -> Result<(Cookie<'static>, Option<String>), AppError> {
        let username = self.end(db, jar).await?;
        let cookie = self.cookie(String::new(), cookie::time::Duration::ZERO);
        Ok((cookie, username))
    }

    async fn end(&self, db: &Db, jar: &CookieJar) -> Result<Option<String>, AppError> {
        let Some(c) = jar.get(self.cookie_name()) else {
            return Ok(None);
        };
        let username =
            sqlx::query_scalar("DELETE FROM sessions WHERE token_hash = $1 RETURNING username")
                .bind(token_hash(c.value()))
                .fetch_optional(db)
                .await?;
        Ok(username)
    }

    /// Ends every other session of `username` than the browser's (after a change of
    /// password: a session opened with the old one must not outlive it).
    pub async fn end_others(
        &self,
        conn: &mut sqlx::AnyConnection,
        jar: &CookieJar,
        username: &str,
    ) -> Result<(), AppError> {
        let own = jar
            .get(self.cookie_name())
            .map(|c| token_hash(c.value()))
            .unwrap_or_default();
        sqlx::query("DELETE FROM sessions WHERE username = $1 AND token_hash <> $2")
            .bind(username)
            .bind(own)
            .execute(conn)
            .await?;
        Ok(())
    }

    /// The user of a live session, its last use noted; `None` without one. The session of
    /// a closed account is refused as such, so that its open pages can say why.
    async fn user(&self, db: &Db, jar: &CookieJar) -> Result<Option<SignedIn>, AppError> {
        let Some(token) = jar.get(self.cookie_name()) else {
            return Ok(None);
        };
        let hash = token_hash(token.value());
        let now = millis(chrono::Utc::now());
        type Row = (String, String, String, String, String, i64, i64, i64);
        let row: Option<Row> = sqlx::query_as(
            "SELECT u.username, u.display_name, u.role, u.unit_code, u.scope_code, s.last_seen_at,
                    u.must_change_password, u.active
             FROM sessions s JOIN users u ON u.username = s.username
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3",
        )
        .bind(&hash)
        .bind(now)
        .bind(now - self.idle.num_milliseconds())
        .fetch_optional(db)
        .await?;
        let Some((
            username,
            display_name,
            role,
            unit_code,
            scope_code,
            last_seen,
            must_change,
            active,
        )) = row
        else {
            return Ok(None);
        };
        if active == 0 {
            return Err(AppError::AccountClosed);
        }
        if now - last_seen >= TOUCH_EVERY_MS {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(&hash)
                .execute(db)
                .await?;
        }
        let actor = actor((username, display_name, role, unit_code, scope_code))?;
        Ok(Some(SignedIn(actor, must_change != 0)))
    }
}

type ActorRow = (String, String, String, String, String);

async fn actor_of(db: &Db, username: &str) -> Result<Option<Actor>, AppError> {
    let row: Option<ActorRow> = sqlx::query_as(
        "SELECT username, display_name, role, unit_code, scope_code FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(db)
    .await?;
    row.map(actor).transpose()
}

fn actor(
    (username, display_name, role, unit_code, scope_code): ActorRow,
) -> Result<Actor, AppError> {
    let role = Role::parse(&role)
        .ok_or_else(|| AppError::Internal(format!("user {username} has role {role}")))?;
    Ok(Actor {
        username,
        display_name,
        role,
        unit_code,
        scope_code,
    })
}

impl<S> FromRequestParts<S> for SignedIn
where
    S: Send + Sync,
    Db: FromRef<S>,
    Arc<Sessions>: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        Arc::<Sessions>::from_ref(state)
            .user(&Db::from_ref(state), &jar)
            .await?
            .ok_or(AppError::Unauthorized)
    }
}

impl<S> FromRequestParts<S> for Actor
where
    S: Send + Sync,
    Db: FromRef<S>,
    Arc<Sessions>: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match SignedIn::from_request_parts(parts, state).await? {
            SignedIn(_, true) => Err(AppError::PasswordChangeRequired),
            SignedIn(actor, false) => Ok(actor),
        }
    }
}
