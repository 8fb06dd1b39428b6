use super::json::{self, Json};
use app::api::Role;
use sqlx::{Any, AnyConnection, Executor};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_code: String,
    pub scope_code: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A user with the stored password hash.
pub async fn get<'e>(
    db: impl Executor<'e, Database = Any>,
    username: &str,
) -> Result<Option<(UserRow, String)>, sqlx::Error> {
    type WithHash = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
    );
    let row: Option<WithHash> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, password_hash FROM users WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(db)
    .await?;
    Ok(row.map(
        |(username, display_name, role, unit, scope, email, phone, hash)| {
            let row = (username, display_name, role, unit, scope, email, phone);
            (user(row), hash)
        },
    ))
}

/// Every account's password hash, by username.
pub async fn hashes<'e>(
    db: impl Executor<'e, Database = Any>,
) -> Result<std::collections::HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT username, password_hash FROM users")
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn upsert<'e>(
    db: impl Executor<'e, Database = Any>,
    u: &UserRow,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (username, display_name, password_hash, role, unit_code, scope_code,
             email, phone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name,
             password_hash = excluded.password_hash, role = excluded.role,
             unit_code = excluded.unit_code, scope_code = excluded.scope_code,
             email = excluded.email, phone = excluded.phone",
    )
    .bind(&u.username)
    .bind(&u.display_name)
    .bind(password_hash)
    .bind(&u.role)
    .bind(&u.unit_code)
    .bind(&u.scope_code)
    .bind(&u.email)
    .bind(&u.phone)
    .execute(db)
    .await?;
    Ok(())
}

/// The staff (role `nhap_lieu`) of the given units with open accounts, by username: whom a
/// reminder names.
pub async fn staff_of(
    conn: &mut AnyConnection,
    units: &[&str],
) -> Result<Vec<UserRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE role = $1 AND active = 1 AND unit_code IN {}",
        Json::of(conn).list(2)
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(Role::NhapLieu.as_str())
        .bind(json::encode(units)?)
        .fetch_all(conn)
        .await?;
    let mut staff: Vec<UserRow> = rows.into_iter().map(user).collect();
    staff.sort_by(|a, b| a.username.cmp(&b.username));
    Ok(staff)
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

const COLUMNS: &str = "username, display_name, role, unit_code, scope_code, email, phone";

fn user((username, display_name, role, unit_code, scope_code, email, phone): Row) -> UserRow {
    UserRow {
        username,
        display_name,
        role,
        unit_code,
        scope_code,
        email,
        phone,
    }
}

/// The language the user chose, if they chose one.
pub async fn language<'e>(
    db: impl Executor<'e, Database = Any>,
    username: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT language FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(db)
            .await?;
    Ok(row.and_then(|(language,)| language))
}

pub async fn set_language<'e>(
    db: impl Executor<'e, Database = Any>,
    username: &str,
    language: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET language = $1 WHERE username = $2")
        .bind(language)
        .bind(username)
        .execute(db)
        .await?;
    Ok(())
}
