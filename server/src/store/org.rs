use crate::db::{self, Db};
use app::domain::org::{OrgKind, OrgTree, OrgUnit, Span};
use chrono::NaiveDate;
use sqlx::{Any, AnyConnection, Executor};

type Row = (
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
);

const COLUMNS: &str = "code, parent_code, kind, name, valid_from, valid_until";

fn unit((code, parent_code, kind, name, from, until): Row) -> Result<OrgUnit, sqlx::Error> {
    let bad = |what: &str| sqlx::Error::Decode(format!("org unit {code}: {what}").into());
    let kind = OrgKind::parse(&kind).ok_or_else(|| bad(&format!("kind {kind}")))?;
    let day = |d: Option<String>| {
        d.map(|d| {
            d.parse::<NaiveDate>()
                .map_err(|_| bad(&format!("date {d}")))
        })
        .transpose()
    };
    Ok(OrgUnit {
        from: day(from)?,
        until: day(until)?,
        code,
        parent_code,
        kind,
        name,
    })
}

/// Every unit, in Vietnamese collation order.
pub async fn all<'e>(db: impl Executor<'e, Database = Any>) -> Result<Vec<OrgUnit>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM org_units ORDER BY sort_order, code"
    ))
    .fetch_all(db)
    .await?;
    rows.into_iter().map(unit).collect()
}

/// The span of every unit's subtree, as stored.
/// The span of a unit's subtree as stored now; `None` for an unknown unit. Read by each
/// query over a subtree, not taken from the catalog: an import renumbers every unit, and a
/// catalog copy may be up to [`CHECK_EVERY`](crate::catalog::CHECK_EVERY) older than the
/// rows the query reads.
pub async fn span<'e>(
    db: impl Executor<'e, Database = Any>,
    code: &str,
) -> Result<Option<Span>, sqlx::Error> {
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT tree_pos, tree_end FROM org_units WHERE code = $1")
            .bind(code)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(pos, end)| Span { pos, end }))
}

pub async fn get(db: &Db, code: &str) -> Result<Option<OrgUnit>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM org_units WHERE code = $1"))
            .bind(code)
            .fetch_optional(db)
            .await?;
    row.map(unit).transpose()
}

/// Writes every unit, given in Vietnamese collation order, with its position in
/// that order and its [`Span`]; parents first, so that the foreign key holds on every insert.
pub async fn save(conn: &mut AnyConnection, units: &[OrgUnit]) -> Result<(), sqlx::Error> {
    let tree = OrgTree::new(units.to_vec())
        .map_err(|e| sqlx::Error::Protocol(format!("org tree: {e}")))?;
    let order: std::collections::HashMap<&str, i64> = units
        .iter()
        .zip(0..)
        .map(|(u, i)| (u.code.as_str(), i))
        .collect();
    for (u, span) in tree.spans() {
        upsert(&mut *conn, u, order[u.code.as_str()], span).await?;
    }
    super::catalog_revision::bump(conn).await
}

/// Numbers the units stored before spans existed (their `tree_pos` is 0). Cheap when there
/// is nothing to do: run at every start.
pub async fn number_if_needed(db: &Db) -> Result<(), sqlx::Error> {
    let unnumbered: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM org_units WHERE tree_pos = 0")
        .fetch_one(db)
        .await?;
    if unnumbered > 0 {
        let mut tx = db::begin_write(db).await?;
        let units = all(&mut *tx).await?;
        save(&mut tx, &units).await?;
        tx.commit().await?;
    }
    Ok(())
}

async fn upsert(
    conn: &mut AnyConnection,
    u: &OrgUnit,
    sort_order: i64,
    span: Span,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO org_units (code, parent_code, kind, name, valid_from, valid_until,
             sort_order, tree_pos, tree_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, kind = excluded.kind,
             name = excluded.name, valid_from = excluded.valid_from,
             valid_until = excluded.valid_until, sort_order = excluded.sort_order,
             tree_pos = excluded.tree_pos, tree_end = excluded.tree_end",
    )
    .bind(&u.code)
    .bind(&u.parent_code)
    .bind(u.kind.as_str())
    .bind(&u.name)
    .bind(u.from.map(|d| d.to_string()))
    .bind(u.until.map(|d| d.to_string()))
    .bind(sort_order)
    .bind(span.pos)
    .bind(span.end)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes the dates of units already stored.
pub async fn set_dates(conn: &mut AnyConnection, units: &[&OrgUnit]) -> Result<(), sqlx::Error> {
    for u in units {
        sqlx::query("UPDATE org_units SET valid_from = $1, valid_until = $2 WHERE code = $3")
            .bind(u.from.map(|d| d.to_string()))
            .bind(u.until.map(|d| d.to_string()))
            .bind(&u.code)
            .execute(&mut *conn)
            .await?;
    }
    super::catalog_revision::bump(conn).await
}
