//! The write path of a push: report rows claimed, their workflow fields saved, rows
//! moved to another template version or deleted.

use super::row::{decode, Raw, ReportRow, COLUMNS};
use crate::db::millis;
use crate::store::json::{self, Column::*, Json};
use crate::store::rows::{self, Row, Statement};
use app::domain::status::ReportStatus;
use app::sync::{ReportKey, ReportState};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// The rows of the given reports, creating those that have none (blank drafts, change
/// number 0, started on the template version given with the key), in one statement. On
/// PostgreSQL each row stays locked until the transaction ends (the upsert's update takes
/// the lock; `keys` in id order, so that two transactions never wait for each other);
/// SQLite's write transaction already excludes every other writer.
pub async fn claim(
    conn: &mut AnyConnection,
    keys: &[(&ReportKey, u32)],
    now: DateTime<Utc>,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let draft = ReportStatus::Nhap.as_str();
    let rows: Vec<(String, &str, &str, &str, &str, i64, u32)> = keys
        .iter()
        .map(|(k, version)| {
            (
                k.id(),
                &*k.plan_id,
                &*k.period_code,
                &*k.unit_code,
                draft,
                millis(now),
                *version,
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO reports (id, plan_id, period_code, unit_code, status, updated_at, template_version)
         {} ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING {COLUMNS}",
        Json::of(conn).rows(1, &[Text, Text, Text, Text, Text, Int, Int])
    );
    let rows: Vec<Raw> = sqlx::query_as(&sql)
        .bind(json::encode(&rows)?)
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(decode).collect()
}

/// The template version each of the given reports was started on, for those that exist
/// and record one (a row without follows its plan's).
pub async fn template_versions(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<HashMap<String, u32>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, template_version FROM reports
         WHERE id IN {} AND template_version IS NOT NULL",
        Json::of(conn).list(1)
    );
    let rows: Vec<(String, i64)> = sqlx::query_as(&sql)
        .bind(json::encode(ids)?)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, v)| Some((id, u32::try_from(v).ok()?)))
        .collect())
}

/// Moves a report that its unit can still edit to another template version; false when
/// there is no such report or it is no longer editable.
pub async fn move_template(
    conn: &mut AnyConnection,
    id: &str,
    version: u32,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE reports SET template_version = $1, updated_at = $2
         WHERE id = $3 AND status IN ($4, $5)",
    )
    .bind(i64::from(version))
    .bind(millis(now))
    .bind(id)
    .bind(ReportStatus::Nhap.as_str())
    .bind(ReportStatus::BiTraLai.as_str())
    .execute(conn)
    .await?;
    Ok(moved.rows_affected() == 1)
}

/// Deletes report rows (created in this transaction, then left unchanged).
pub async fn delete(conn: &mut AnyConnection, ids: &[&str]) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!("DELETE FROM reports WHERE id IN {}", Json::of(conn).list(1));
    sqlx::query(&sql)
        .bind(json::encode(ids)?)
        .execute(conn)
        .await?;
    Ok(())
}

/// A report as a transaction leaves it.
pub struct Changed<'a> {
    pub state: &'a ReportState,
    /// The number of its last change.
    pub seq: i64,
    /// The place in its history of its last recorded mutation.
    pub positions: i64,
}

/// Writes reports' workflow fields and numbers.
pub async fn save(
    conn: &mut AnyConnection,
    reports: &[Changed<'_>],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let rows: Vec<Saved> = reports
        .iter()
        .map(|report| Saved {
            report,
            id: report.state.report.id(),
            now: millis(now),
        })
        .collect();
    // Every row exists: the upsert is an update of many rows in a few statements.
    rows::insert(
        conn,
        "INSERT INTO reports (id, plan_id, period_code, unit_code, status, submitted_at,
             device_submitted_at, on_time, return_comment, seq, positions, updated_at)",
        "ON CONFLICT (id) DO UPDATE SET status = excluded.status,
             submitted_at = excluded.submitted_at, device_submitted_at = excluded.device_submitted_at,
             on_time = excluded.on_time, return_comment = excluded.return_comment,
             seq = excluded.seq, positions = excluded.positions, updated_at = excluded.updated_at",
        &rows,
    )
    .await
}

struct Saved<'a> {
    report: &'a Changed<'a>,
    id: String,
    now: i64,
}

impl Row for Saved<'_> {
    const COLUMNS: usize = 12;
    fn bind<'q>(&'q self, statement: Statement<'q>) -> Statement<'q> {
        let (s, k) = (self.report.state, &self.report.state.report);
        statement
            .bind(self.id.as_str())
            .bind(k.plan_id.as_str())
            .bind(k.period_code.as_str())
            .bind(k.unit_code.as_str())
            .bind(s.status.as_str())
            .bind(s.submitted_at.map(millis))
            .bind(s.device_submitted_at.map(millis))
            .bind(s.on_time.map(i64::from))
            .bind(s.return_comment.as_deref())
            .bind(self.report.seq)
            .bind(self.report.positions)
            .bind(self.now)
    }
}
