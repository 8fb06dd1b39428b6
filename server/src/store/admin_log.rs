//! "Nhật ký quản trị": every administrator's action, written in the transaction of the
//! action itself.

use crate::db::{from_millis, millis};
use app::api::{AdminAction, AdminLogEntry};
use chrono::{DateTime, Utc};
use sqlx::{Any, AnyConnection, Executor};

/// One action, before it is written.
pub struct Action<'a> {
    pub username: &'a str,
    pub action: AdminAction,
    pub target: &'a str,
    /// The unit the target belongs to.
    pub unit_code: &'a str,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub async fn record(
    conn: &mut AnyConnection,
    action: &Action<'_>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO admin_log (id, at, username, action, target, unit_code, before_value, after_value)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(format!("{:032x}", rand::random::<u128>()))
    .bind(millis(at))
    .bind(action.username)
    .bind(action.action.as_str())
    .bind(action.target)
    .bind(action.unit_code)
    .bind(action.before.as_deref())
    .bind(action.after.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

type Row = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// Which entries to read; every field set narrows the list.
#[derive(Debug, Default)]
pub struct Filter {
    pub username: Option<String>,
    pub action: Option<String>,
    pub target: Option<String>,
}

/// The newest entries first, at most `limit`, with the unit each concerns.
pub async fn recent<'e>(
    db: impl Executor<'e, Database = Any>,
    filter: &Filter,
    limit: u32,
) -> Result<Vec<(String, AdminLogEntry)>, sqlx::Error> {
    let wanted = [
        ("username", &filter.username),
        ("action", &filter.action),
        ("target", &filter.target),
    ];
    let mut conditions = Vec::new();
    for (column, value) in &wanted {
        if value.is_some() {
            conditions.push(format!("{column} = ${}", conditions.len() + 1));
        }
    }
    let sql = format!(
        "SELECT at, username, action, target, unit_code, before_value, after_value
         FROM admin_log {} ORDER BY at DESC, id LIMIT ${}",
        if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        },
        conditions.len() + 1
    );
    let mut query = sqlx::query_as::<_, Row>(&sql);
    for value in wanted.iter().filter_map(|(_, v)| v.as_ref()) {
        query = query.bind(value);
    }
    let rows = query.bind(i64::from(limit)).fetch_all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(at, username, action, target, unit, before, after)| {
            let entry = AdminLogEntry {
                at: from_millis(at),
                username,
                action: AdminAction::parse(&action),
                target,
                target_name: None,
                before,
                after,
            };
            (unit, entry)
        })
        .collect())
}
