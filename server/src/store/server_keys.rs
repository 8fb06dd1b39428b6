//! Keys the server makes once and keeps in the database, so that every server process on
//! it, and every restart, signs with the same one.

use sqlx::AnyConnection;

/// The key stored as `name`; when there is none yet, `made` is stored and returned. Of
/// servers starting at once, the first to write wins and the others read its key.
pub async fn get_or_make(
    conn: &mut AnyConnection,
    name: &str,
    made: &str,
) -> Result<String, sqlx::Error> {
    sqlx::query(
        "INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(made)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("SELECT value FROM server_keys WHERE name = $1")
        .bind(name)
        .fetch_one(conn)
        .await
}
