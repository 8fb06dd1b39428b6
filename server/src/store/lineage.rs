//! The recorded lineage of units.

use super::catalog_revision;
use app::domain::lineage::{Change, LineageEvent};
use sqlx::{Any, AnyConnection, Executor};

type Row = (String, String, String, String, String);

fn event(
    (effective, old_code, old_name, new_code, change): Row,
) -> Result<LineageEvent, sqlx::Error> {
    let bad = |what: String| {
        sqlx::Error::Decode(format!("lineage {old_code} → {new_code}: {what}").into())
    };
    Ok(LineageEvent {
        effective: effective
            .parse()
            .map_err(|_| bad(format!("date {effective}")))?,
        change: Change::parse(&change).ok_or_else(|| bad(format!("change {change}")))?,
        old_code,
        old_name,
        new_code,
    })
}

/// Every event, oldest first.
pub async fn all<'e>(
    db: impl Executor<'e, Database = Any>,
) -> Result<Vec<LineageEvent>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT effective, old_code, old_name, new_code, change FROM org_lineage
         ORDER BY effective, new_code, old_code",
    )
    .fetch_all(db)
    .await?;
    rows.into_iter().map(event).collect()
}

/// Records events, replacing the name and kind of change of those already recorded.
pub async fn save(conn: &mut AnyConnection, events: &[LineageEvent]) -> Result<(), sqlx::Error> {
    for e in events {
        sqlx::query(
            "INSERT INTO org_lineage (effective, old_code, old_name, new_code, change)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (old_code, new_code, effective)
             DO UPDATE SET old_name = excluded.old_name, change = excluded.change",
        )
        .bind(e.effective.to_string())
        .bind(&e.old_code)
        .bind(&e.old_name)
        .bind(&e.new_code)
        .bind(e.change.as_str())
        .execute(&mut *conn)
        .await?;
    }
    catalog_revision::bump(conn).await
}
