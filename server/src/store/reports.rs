use crate::db::from_millis;
use app::domain::rules::Values;
use app::domain::status::ReportStatus;
use app::domain::value::Value;
use chrono::{DateTime, Utc};
use sqlx::{Any, Executor};

/// The stable id of a unit's report for a period.
pub fn report_id(plan_id: &str, period_code: &str, unit_code: &str) -> String {
    format!("{plan_id}/{period_code}/{unit_code}")
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    pub id: String,
    pub plan_id: String,
    pub period_code: String,
    pub unit_code: String,
    pub status: ReportStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    pub return_comment: Option<String>,
}

type Raw = (
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

fn decode(
    (id, plan_id, period_code, unit_code, status, submitted_at, on_time, return_comment): Raw,
) -> Result<ReportRow, sqlx::Error> {
    let status = ReportStatus::parse(&status)
        .ok_or_else(|| sqlx::Error::Decode(format!("report {id}: status {status}").into()))?;
    Ok(ReportRow {
        id,
        plan_id,
        period_code,
        unit_code,
        status,
        submitted_at: submitted_at.map(from_millis),
        on_time: on_time.map(|v| v != 0),
        return_comment,
    })
}

const COLUMNS: &str =
    "id, plan_id, period_code, unit_code, status, submitted_at, on_time, return_comment";

pub async fn get<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
) -> Result<Option<ReportRow>, sqlx::Error> {
    let row: Option<Raw> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM reports WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    row.map(decode).transpose()
}

/// Every report of a plan.
pub async fn of_plan<'e>(
    db: impl Executor<'e, Database = Any>,
    plan_id: &str,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let rows: Vec<Raw> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM reports WHERE plan_id = $1"))
            .bind(plan_id)
            .fetch_all(db)
            .await?;
    rows.into_iter().map(decode).collect()
}

pub async fn values<'e>(
    db: impl Executor<'e, Database = Any>,
    report_id: &str,
) -> Result<Values, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT field_code, value FROM report_values WHERE report_id = $1")
            .bind(report_id)
            .fetch_all(db)
            .await?;
    rows.into_iter()
        .map(|(code, json)| {
            let v: Value =
                serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            Ok((code, v))
        })
        .collect()
}
