//! Accounts as their administrators manage them: open or closed, and whether a reset
//! password waits to be changed.

use app::domain::account::{AccountFields, AccountInput};
use sqlx::{Any, AnyConnection, Executor};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRow {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_code: String,
    pub scope_code: String,
    pub active: bool,
    pub must_change_password: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    Option<String>,
    Option<String>,
);

const COLUMNS: &str =
    "username, display_name, role, unit_code, scope_code, active, must_change_password, email, phone";

fn account(
    (username, display_name, role, unit_code, scope_code, active, must_change, email, phone): Row,
) -> AccountRow {
    AccountRow {
        username,
        display_name,
        role,
        unit_code,
        scope_code,
        active: active != 0,
        must_change_password: must_change != 0,
        email,
        phone,
    }
}

pub async fn get<'e>(
    db: impl Executor<'e, Database = Any>,
    username: &str,
) -> Result<Option<AccountRow>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE username = $1"))
            .bind(username)
            .fetch_optional(db)
            .await?;
    Ok(row.map(account))
}

/// Every account, by username: a province has a few thousand (the administration list,
/// the demo's login page).
pub async fn all<'e>(
    db: impl Executor<'e, Database = Any>,
) -> Result<Vec<AccountRow>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM users ORDER BY username"))
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(account).collect())
}

/// Opens or closes an account. A closed account's sessions are refused at their next
/// request (as closed, which its open pages tell the user); reopening it ends them, so
/// that it starts from a new sign-in.
pub async fn set_active(
    conn: &mut AnyConnection,
    username: &str,
    active: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET active = $1 WHERE username = $2")
        .bind(i64::from(active))
        .bind(username)
        .execute(&mut *conn)
        .await?;
    if active {
        end_sessions(conn, username).await?;
    }
    Ok(())
}

/// Ends every session of an account: closed, or its password reset.
pub async fn end_sessions(conn: &mut AnyConnection, username: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE username = $1")
        .bind(username)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets a password (its hash), and whether it must be changed at the next sign-in.
pub async fn set_password(
    conn: &mut AnyConnection,
    username: &str,
    password_hash: &str,
    must_change: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, must_change_password = $2 WHERE username = $3",
    )
    .bind(password_hash)
    .bind(i64::from(must_change))
    .bind(username)
    .execute(conn)
    .await?;
    Ok(())
}

/// A new account, with the hash of its first password.
pub async fn insert(
    conn: &mut AnyConnection,
    account: &AccountFields,
    password_hash: &str,
    must_change: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (username, display_name, password_hash, role, unit_code, scope_code,
             active, must_change_password, email, phone)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9)",
    )
    .bind(&account.username)
    .bind(&account.display_name)
    .bind(password_hash)
    .bind(account.role.as_str())
    .bind(&account.unit_code)
    .bind(&account.scope_code)
    .bind(i64::from(must_change))
    .bind(account.email.as_ref().map(|e| e.as_str()))
    .bind(account.phone.as_ref().map(|p| p.as_str()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Changes an account's name, role, unit, scope, e-mail and phone (not its username).
pub async fn update(conn: &mut AnyConnection, account: &AccountFields) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET display_name = $1, role = $2, unit_code = $3, scope_code = $4,
             email = $5, phone = $6
         WHERE username = $7",
    )
    .bind(&account.display_name)
    .bind(account.role.as_str())
    .bind(&account.unit_code)
    .bind(&account.scope_code)
    .bind(account.email.as_ref().map(|e| e.as_str()))
    .bind(account.phone.as_ref().map(|p| p.as_str()))
    .bind(&account.username)
    .execute(conn)
    .await?;
    Ok(())
}

impl AccountRow {
    /// The row as an administrator's form holds it.
    pub fn input(&self) -> AccountInput {
        AccountInput {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role.clone(),
            unit_code: self.unit_code.clone(),
            scope_code: self.scope_code.clone(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
        }
    }
}
