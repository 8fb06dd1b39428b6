use app::domain::plan::Plan;
use sqlx::{Any, AnyConnection, Executor};
use std::collections::BTreeMap;

/// A stored plan with the template version it was imported against.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPlan {
    pub id: String,
    pub plan: Plan,
    pub template_version: u32,
}

fn decode(id: String, body: &str, template_version: i64) -> Result<StoredPlan, sqlx::Error> {
    let plan = serde_json::from_str(body).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(StoredPlan {
        id,
        plan,
        template_version: u32::try_from(template_version).unwrap_or(0),
    })
}

pub async fn get<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
) -> Result<Option<StoredPlan>, sqlx::Error> {
    let row: Option<(String, String, i64)> =
        sqlx::query_as("SELECT id, body, template_version FROM plans WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    row.map(|(id, body, v)| decode(id, &body, v)).transpose()
}

pub async fn all<'e>(
    db: impl Executor<'e, Database = Any>,
) -> Result<Vec<StoredPlan>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, body, template_version FROM plans ORDER BY year DESC, id")
            .fetch_all(db)
            .await?;
    rows.into_iter()
        .map(|(id, body, v)| decode(id, &body, v))
        .collect()
}

/// Writes a plan with its periods and expanded assignments, replacing what was there.
pub async fn upsert(
    conn: &mut AnyConnection,
    plan: &Plan,
    template_version: u32,
    assignments: &BTreeMap<String, Vec<String>>,
) -> Result<(), sqlx::Error> {
    let id = plan.id();
    let body = serde_json::to_string(plan).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO plans (id, number, year, issuer, title, template_id, template_version, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, year = excluded.year, issuer = excluded.issuer,
             title = excluded.title, template_id = excluded.template_id,
             template_version = excluded.template_version, body = excluded.body",
    )
    .bind(&id)
    .bind(&plan.number)
    .bind(i64::from(plan.year))
    .bind(&plan.issuer)
    .bind(&plan.title)
    .bind(&plan.template)
    .bind(i64::from(template_version))
    .bind(body)
    .execute(&mut *conn)
    .await?;
    // A period taken out of the plan goes; the editor keeps every period with reports.
    let stored: Vec<String> = sqlx::query_scalar("SELECT code FROM periods WHERE plan_id = $1")
        .bind(&id)
        .fetch_all(&mut *conn)
        .await?;
    for code in stored.iter().filter(|c| plan.period(c).is_none()) {
        sqlx::query("DELETE FROM periods WHERE plan_id = $1 AND code = $2")
            .bind(&id)
            .bind(code)
            .execute(&mut *conn)
            .await?;
    }
    for p in &plan.periods {
        sqlx::query(
            "INSERT INTO periods (plan_id, code, label, due_before) VALUES ($1, $2, $3, $4)
             ON CONFLICT (plan_id, code) DO UPDATE SET label = excluded.label, due_before = excluded.due_before",
        )
        .bind(&id)
        .bind(&p.code)
        .bind(&p.label)
        .bind(p.due_before.to_string())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM assignments WHERE plan_id = $1")
        .bind(&id)
        .execute(&mut *conn)
        .await?;
    for (unit, tasks) in assignments {
        for task in tasks {
            sqlx::query(
                "INSERT INTO assignments (plan_id, unit_code, task_code) VALUES ($1, $2, $3)",
            )
            .bind(&id)
            .bind(unit)
            .bind(task)
            .execute(&mut *conn)
            .await?;
        }
    }
    super::catalog_revision::bump(conn).await
}

/// The (unit, task) assignments of one plan, by unit.
pub async fn assignments<'e>(
    db: impl Executor<'e, Database = Any>,
    plan_id: &str,
) -> Result<BTreeMap<String, Vec<String>>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT unit_code, task_code FROM assignments WHERE plan_id = $1")
            .bind(plan_id)
            .fetch_all(db)
            .await?;
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (unit, task) in rows {
        out.entry(unit).or_default().push(task);
    }
    Ok(out)
}

/// Removes a plan that has no reports, with its periods and assignments: a plan whose
/// number changed is stored under its new id.
pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<(), sqlx::Error> {
    for table in ["assignments", "periods"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE plan_id = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM plans WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    super::catalog_revision::bump(conn).await
}
