use crate::db::Db;
use app::domain::org::{OrgKind, OrgUnit};
use sqlx::{Any, Executor};

type Row = (String, Option<String>, String, String);

fn unit((code, parent_code, kind, name): Row) -> Result<OrgUnit, sqlx::Error> {
    let kind = OrgKind::parse(&kind)
        .ok_or_else(|| sqlx::Error::Decode(format!("org unit {code}: kind {kind}").into()))?;
    Ok(OrgUnit {
        code,
        parent_code,
        kind,
        name,
    })
}

/// Every unit, in Vietnamese collation order.
pub async fn all<'e>(db: impl Executor<'e, Database = Any>) -> Result<Vec<OrgUnit>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT code, parent_code, kind, name FROM org_units ORDER BY sort_order, code",
    )
    .fetch_all(db)
    .await?;
    rows.into_iter().map(unit).collect()
}

/// The units of the subtree of `root`, in Vietnamese collation order; `root` comes back
/// without its parent, as the root of a tree of its own.
pub async fn subtree<'e>(
    db: impl Executor<'e, Database = Any>,
    root: &str,
) -> Result<Vec<OrgUnit>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{subtree}
         SELECT o.code, CASE WHEN o.code = $1 THEN NULL ELSE o.parent_code END, o.kind, o.name
         FROM org_units o JOIN sub ON sub.code = o.code ORDER BY o.sort_order, o.code",
        subtree = super::subtree(1)
    ))
    .bind(root)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(unit).collect()
}

pub async fn get(db: &Db, code: &str) -> Result<Option<OrgUnit>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as("SELECT code, parent_code, kind, name FROM org_units WHERE code = $1")
            .bind(code)
            .fetch_optional(db)
            .await?;
    row.map(unit).transpose()
}

pub async fn upsert<'e>(
    db: impl Executor<'e, Database = Any>,
    u: &OrgUnit,
    sort_order: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO org_units (code, parent_code, kind, name, sort_order) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, kind = excluded.kind,
             name = excluded.name, sort_order = excluded.sort_order",
    )
    .bind(&u.code)
    .bind(&u.parent_code)
    .bind(u.kind.as_str())
    .bind(&u.name)
    .bind(sort_order)
    .execute(db)
    .await?;
    Ok(())
}
