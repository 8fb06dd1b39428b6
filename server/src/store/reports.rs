//! Reports: their workflow row and the versions of their slots.

use crate::db::{from_millis, millis};
use app::domain::org::Span;
use app::domain::progress::Standing;
use app::domain::rules::Values;
use app::domain::status::ReportStatus;
use app::domain::value::Value;
use app::sync::{ReportKey, ReportState, SlotState, SlotVersion};
use chrono::{DateTime, Utc};
use sqlx::{Any, AnyConnection, Executor};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    pub key: ReportKey,
    pub status: ReportStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub device_submitted_at: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    pub return_comment: Option<String>,
    pub seq: i64,
}

type Raw = (
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
);

const COLUMNS: &str = "plan_id, period_code, unit_code, status, submitted_at, \
                       device_submitted_at, on_time, return_comment, seq";

fn decode(
    (plan_id, period_code, unit_code, status, submitted, device_submitted, on_time, comment, seq): Raw,
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
    })
}

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

/// Where each report of one period of a plan in a subtree stands, by unit.
///
/// A country has thousands of them, and sqlx's SQLite driver hands rows over one by one
/// between threads (about 5 µs each, more than the query itself), so they come packed in
/// one string: a line per report, `status on_time unit_code` (unit codes hold no line
/// breaks: the import refuses them).
pub async fn standings<'e>(
    db: impl Executor<'e, Database = Any>,
    plan_id: &str,
    period_code: &str,
    subtree: Span,
) -> Result<HashMap<String, Standing>, sqlx::Error> {
    let packed: Option<String> = sqlx::query_scalar(&format!(
        "SELECT string_agg(status || ' ' || COALESCE(CAST(on_time AS TEXT), '-') || ' ' || unit_code, '\n')
         FROM org_units sub CROSS JOIN reports
         WHERE {in_subtree} AND reports.unit_code = sub.code AND plan_id = $1 AND period_code = $2",
        in_subtree = super::in_subtree(3)
    ))
    .bind(plan_id)
    .bind(period_code)
    .bind(subtree.pos)
    .bind(subtree.end)
    .persistent(false)
    .fetch_one(db)
    .await?;
    let bad = |line: &str| sqlx::Error::Decode(format!("report standing “{line}”").into());
    packed
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let (Some(status), Some(on_time), Some(unit)) =
                (parts.next(), parts.next(), parts.next())
            else {
                return Err(bad(line));
            };
            let status = ReportStatus::parse(status).ok_or_else(|| bad(line))?;
            let on_time = match on_time {
                "-" => None,
                v => Some(v != "0"),
            };
            Ok((unit.to_string(), Standing::of(status, on_time)))
        })
        .collect()
}

/// The first `limit` reports of a subtree changed after `cursor`, oldest change first.
/// Every change has a number of its own, so a page never ends inside one.
pub async fn changed_in_subtree<'e>(
    db: impl Executor<'e, Database = Any>,
    subtree: Span,
    cursor: i64,
    limit: usize,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let rows: Vec<Raw> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM org_units sub CROSS JOIN reports
         WHERE {in_subtree} AND reports.unit_code = sub.code AND seq > $3 ORDER BY seq LIMIT $4",
        in_subtree = super::in_subtree(1)
    ))
    .bind(subtree.pos)
    .bind(subtree.end)
    .bind(cursor)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .persistent(false)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(decode).collect()
}

/// Creates the report's row (a draft) if it has none yet.
pub async fn ensure(
    conn: &mut AnyConnection,
    key: &ReportKey,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO reports (id, plan_id, period_code, unit_code, status, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
    )
    .bind(key.id())
    .bind(&key.plan_id)
    .bind(&key.period_code)
    .bind(&key.unit_code)
    .bind(ReportStatus::Nhap.as_str())
    .bind(millis(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes a report's workflow fields and marks it changed at `seq`.
pub async fn save_row(
    conn: &mut AnyConnection,
    row: &ReportRow,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE reports SET status = $2, submitted_at = $3, device_submitted_at = $4, on_time = $5,
             return_comment = $6, seq = $7, updated_at = $8 WHERE id = $1",
    )
    .bind(row.key.id())
    .bind(row.status.as_str())
    .bind(row.submitted_at.map(millis))
    .bind(row.device_submitted_at.map(millis))
    .bind(row.on_time.map(i64::from))
    .bind(&row.return_comment)
    .bind(row.seq)
    .bind(millis(now))
    .execute(conn)
    .await?;
    Ok(())
}

type VersionRaw = (String, String, Option<String>, i64, String, i64);

fn version_of((_, id, value, _, by, at): &VersionRaw) -> Result<SlotVersion, sqlx::Error> {
    let value = value
        .as_deref()
        .map(serde_json::from_str::<Value>)
        .transpose()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(SlotVersion {
        id: id.clone(),
        value,
        by: by.clone(),
        at: from_millis(*at),
    })
}

fn gather(rows: &[VersionRaw]) -> Result<BTreeMap<String, SlotState>, sqlx::Error> {
    let mut slots: BTreeMap<String, SlotState> = BTreeMap::new();
    for row in rows {
        let state = slots.entry(row.0.clone()).or_default();
        if row.3 != 0 {
            state.current = Some(version_of(row)?);
        } else {
            state.conflicts.push(version_of(row)?);
        }
    }
    Ok(slots)
}

const VERSION_COLUMNS: &str = "slot, write_id, value, is_current, username, written_at";

/// One slot's versions.
pub async fn slot(
    conn: &mut AnyConnection,
    report_id: &str,
    slot: &str,
) -> Result<SlotState, sqlx::Error> {
    let rows: Vec<VersionRaw> = sqlx::query_as(&format!(
        "SELECT {VERSION_COLUMNS} FROM slot_versions WHERE report_id = $1 AND slot = $2 ORDER BY position"
    ))
    .bind(report_id)
    .bind(slot)
    .fetch_all(conn)
    .await?;
    Ok(gather(&rows)?.remove(slot).unwrap_or_default())
}

/// Replaces one slot's versions.
pub async fn save_slot(
    conn: &mut AnyConnection,
    report_id: &str,
    slot: &str,
    state: &SlotState,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM slot_versions WHERE report_id = $1 AND slot = $2")
        .bind(report_id)
        .bind(slot)
        .execute(&mut *conn)
        .await?;
    let versions = state.current.iter().map(|v| (v, true));
    let versions = versions.chain(state.conflicts.iter().map(|v| (v, false)));
    for (position, (v, is_current)) in versions.enumerate() {
        let value = v
            .value
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        sqlx::query(
            "INSERT INTO slot_versions (report_id, slot, write_id, value, is_current, position, username, written_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(report_id)
        .bind(slot)
        .bind(&v.id)
        .bind(value)
        .bind(i64::from(is_current))
        .bind(position as i64)
        .bind(&v.by)
        .bind(millis(v.at))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A report's whole state; a blank draft when nothing was written yet.
pub async fn state(conn: &mut AnyConnection, key: &ReportKey) -> Result<ReportState, sqlx::Error> {
    let id = key.id();
    let Some(row) = get(&mut *conn, &id).await? else {
        return Ok(ReportState::empty(key.clone()));
    };
    let rows: Vec<VersionRaw> = sqlx::query_as(&format!(
        "SELECT {VERSION_COLUMNS} FROM slot_versions WHERE report_id = $1 ORDER BY slot, position"
    ))
    .bind(&id)
    .fetch_all(conn)
    .await?;
    Ok(ReportState {
        report: row.key,
        status: row.status,
        submitted_at: row.submitted_at,
        device_submitted_at: row.device_submitted_at,
        on_time: row.on_time,
        return_comment: row.return_comment,
        slots: gather(&rows)?,
        seq: row.seq,
    })
}

/// The current values of the given units' reports for one period, by unit: the slots whose
/// name starts with `slot_prefix` (`""` for all).
pub async fn current_values<'e>(
    db: impl Executor<'e, Database = Any> + Copy,
    plan_id: &str,
    period_code: &str,
    units: &[&str],
    slot_prefix: &str,
) -> Result<HashMap<String, Values>, sqlx::Error> {
    let mut out: HashMap<String, Values> = HashMap::new();
    // Bounded statements: a country has thousands of reports in hand.
    for chunk in units.chunks(1000) {
        let sql = format!(
            "SELECT r.unit_code, v.slot, v.value FROM slot_versions v JOIN reports r ON r.id = v.report_id
             WHERE r.plan_id = $1 AND r.period_code = $2 AND v.is_current <> 0 AND v.value IS NOT NULL
               AND v.slot LIKE $3 AND r.unit_code IN ({})",
            super::placeholders(4, chunk.len())
        );
        let mut query = sqlx::query_as(&sql)
            .bind(plan_id)
            .bind(period_code)
            .bind(format!("{slot_prefix}%"));
        for unit in chunk {
            query = query.bind(*unit);
        }
        let rows: Vec<(String, String, String)> = query.fetch_all(db).await?;
        for (unit, slot, value) in rows {
            let value: Value =
                serde_json::from_str(&value).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            out.entry(unit).or_default().insert(slot, value);
        }
    }
    Ok(out)
}
