//! A report's workflow row, as every read and write of reports decodes it.

use crate::db::from_millis;
use crate::store::json::{self, Json};
use app::domain::status::ReportStatus;
use app::sync::ReportKey;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    pub key: ReportKey,
    pub status: ReportStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub device_submitted_at: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    pub return_comment: Option<String>,
    /// The number of its last change (the change clock's).
    pub seq: i64,
    /// The place in its history of its last recorded mutation.
    pub positions: i64,
    /// The template version it was started on; `None` for a row written by hand, which
    /// follows its plan's.
    pub template_version: Option<u32>,
}

pub(super) type Raw = (
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
    i64,
    Option<i64>,
);

pub(super) const COLUMNS: &str = "plan_id, period_code, unit_code, status, submitted_at, \
                       device_submitted_at, on_time, return_comment, seq, positions, template_version";

pub(super) fn decode(
    (
        plan_id,
        period_code,
        unit_code,
        status,
        submitted,
        device_submitted,
        on_time,
        comment,
        seq,
        positions,
        template_version,
    ): Raw,
) -> Result<ReportRow, sqlx::Error> {
    let status = ReportStatus::parse(&status)
        .ok_or_else(|| sqlx::Error::Decode(format!("report status {status}").into()))?;
    Ok(ReportRow {
        key: ReportKey {
            plan_id,
            period_code,
            unit_code,
        },
        status,
        submitted_at: submitted.map(from_millis),
        device_submitted_at: device_submitted.map(from_millis),
        on_time: on_time.map(|v| v != 0),
        return_comment: comment,
        seq,
        positions,
        template_version: template_version.and_then(|v| u32::try_from(v).ok()),
    })
}

/// The rows of the given reports that exist.
pub(super) async fn select(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<Vec<ReportRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM reports WHERE id IN {}",
        Json::of(conn).list(1)
    );
    let rows: Vec<Raw> = sqlx::query_as(&sql)
        .bind(json::encode(ids)?)
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(decode).collect()
}
