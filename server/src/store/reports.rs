//! Reports: their workflow row and the versions of their slots.

use super::Params;
use crate::db::{from_millis, millis, Backend};
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

/// Creates the rows of the reports that have none yet (blank drafts); returns the ids of
/// those it created.
pub async fn create_missing(
    conn: &mut AnyConnection,
    keys: &[&ReportKey],
    now: DateTime<Utc>,
) -> Result<Vec<String>, sqlx::Error> {
    let mut created = Vec::new();
    for chunk in keys.chunks(1000) {
        let sql = format!(
            "INSERT INTO reports (id, plan_id, period_code, unit_code, status, updated_at)
             VALUES {} ON CONFLICT (id) DO NOTHING RETURNING id",
            Params::of(conn).rows(6, chunk.len())
        );
        let mut query = sqlx::query_scalar(&sql);
        for key in chunk {
            query = query
                .bind(key.id())
                .bind(&key.plan_id)
                .bind(&key.period_code)
                .bind(&key.unit_code)
                .bind(ReportStatus::Nhap.as_str())
                .bind(millis(now));
        }
        created.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(created)
}

/// The rows of the given reports. On PostgreSQL they stay locked until the transaction
/// ends, taken in id order so that two transactions never wait for each other; SQLite's
/// write transaction already excludes every other writer.
pub async fn lock(
    conn: &mut AnyConnection,
    backend: Backend,
    ids: &[&str],
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => " ORDER BY id FOR UPDATE",
        Backend::Sqlite => "",
    };
    select(conn, ids, lock).await
}

/// The rows of the given reports that exist.
async fn select(
    conn: &mut AnyConnection,
    ids: &[&str],
    suffix: &str,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1000) {
        let sql = format!(
            "SELECT {COLUMNS} FROM reports WHERE id IN ({}){suffix}",
            Params::of(conn).list(chunk.len())
        );
        let mut query = sqlx::query_as(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        let rows: Vec<Raw> = query.fetch_all(&mut *conn).await?;
        for row in rows {
            out.push(decode(row)?);
        }
    }
    Ok(out)
}

/// Deletes report rows (created in this transaction, then left unchanged).
pub async fn delete(conn: &mut AnyConnection, ids: &[&str]) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(1000) {
        let sql = format!(
            "DELETE FROM reports WHERE id IN ({})",
            Params::of(conn).list(chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Writes a report's workflow fields and the number of its last change.
pub async fn save_row(
    conn: &mut AnyConnection,
    state: &ReportState,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE reports SET status = $2, submitted_at = $3, device_submitted_at = $4, on_time = $5,
             return_comment = $6, seq = $7, updated_at = $8 WHERE id = $1",
    )
    .bind(state.report.id())
    .bind(state.status.as_str())
    .bind(state.submitted_at.map(millis))
    .bind(state.device_submitted_at.map(millis))
    .bind(state.on_time.map(i64::from))
    .bind(&state.return_comment)
    .bind(seq)
    .bind(millis(now))
    .execute(conn)
    .await?;
    Ok(())
}

const VERSION_COLUMNS: &str = "report_id, slot, write_id, value, is_current, username, written_at";

type VersionRaw = (String, String, String, Option<String>, i64, String, i64);

/// The versions of every slot of the given reports, by report id.
async fn slots_of(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<HashMap<String, BTreeMap<String, SlotState>>, sqlx::Error> {
    let mut out: HashMap<String, BTreeMap<String, SlotState>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM slot_versions WHERE report_id IN ({})
             ORDER BY report_id, slot, position",
            Params::of(conn).list(chunk.len())
        );
        let mut query = sqlx::query_as(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        let rows: Vec<VersionRaw> = query.fetch_all(&mut *conn).await?;
        for (report, slot, id, value, is_current, by, at) in rows {
            let value = value
                .as_deref()
                .map(serde_json::from_str::<Value>)
                .transpose()
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            let version = SlotVersion {
                id,
                value,
                by,
                at: from_millis(at),
            };
            let state = out.entry(report).or_default().entry(slot).or_default();
            if is_current != 0 {
                state.current = Some(version);
            } else {
                state.conflicts.push(version);
            }
        }
    }
    Ok(out)
}

/// The whole state of each report of `rows`, in the same order.
pub async fn states(
    conn: &mut AnyConnection,
    rows: Vec<ReportRow>,
) -> Result<Vec<ReportState>, sqlx::Error> {
    let ids: Vec<String> = rows.iter().map(|r| r.key.id()).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut slots = slots_of(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .zip(ids)
        .map(|(row, id)| ReportState {
            slots: slots.remove(id).unwrap_or_default(),
            report: row.key,
            status: row.status,
            submitted_at: row.submitted_at,
            device_submitted_at: row.device_submitted_at,
            on_time: row.on_time,
            return_comment: row.return_comment,
            seq: row.seq,
        })
        .collect())
}

/// A report's whole state; a blank draft when nothing was written yet.
pub async fn state(conn: &mut AnyConnection, key: &ReportKey) -> Result<ReportState, sqlx::Error> {
    let id = key.id();
    let rows = select(conn, &[&id], "").await?;
    Ok(states(conn, rows)
        .await?
        .pop()
        .unwrap_or_else(|| ReportState::empty(key.clone())))
}

/// Replaces the versions of the given slots: `(report id, slot, versions)`.
pub async fn replace_slots(
    conn: &mut AnyConnection,
    slots: &[(&str, &str, &SlotState)],
) -> Result<(), sqlx::Error> {
    let mut by_report: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (report, slot, _) in slots {
        by_report.entry(report).or_default().push(slot);
    }
    for (report, names) in &by_report {
        for chunk in names.chunks(500) {
            let mut p = Params::of(conn);
            let sql = format!(
                "DELETE FROM slot_versions WHERE report_id = {} AND slot IN ({})",
                p.one(),
                p.list(chunk.len())
            );
            let mut query = sqlx::query(&sql).bind(*report);
            for slot in chunk {
                query = query.bind(*slot);
            }
            query.execute(&mut *conn).await?;
        }
    }
    let mut rows = Vec::new();
    for (report, slot, state) in slots {
        let versions = state.current.iter().map(|v| (v, true));
        let versions = versions.chain(state.conflicts.iter().map(|v| (v, false)));
        for (position, (v, is_current)) in versions.enumerate() {
            let value = v
                .value
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            rows.push((*report, *slot, v, value, is_current, position));
        }
    }
    for chunk in rows.chunks(1000) {
        let sql = format!(
            "INSERT INTO slot_versions (report_id, slot, write_id, value, is_current, position, username, written_at)
             VALUES {}",
            Params::of(conn).rows(8, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for (report, slot, v, value, is_current, position) in chunk {
            query = query
                .bind(*report)
                .bind(*slot)
                .bind(&v.id)
                .bind(value.clone())
                .bind(i64::from(*is_current))
                .bind(i64::try_from(*position).unwrap_or(i64::MAX))
                .bind(&v.by)
                .bind(millis(v.at));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The current values of the given units' reports for one period, by unit: the slots whose
/// name starts with `slot_prefix` (`""` for all).
pub async fn current_values(
    conn: &mut AnyConnection,
    plan_id: &str,
    period_code: &str,
    units: &[&str],
    slot_prefix: &str,
) -> Result<HashMap<String, Values>, sqlx::Error> {
    let mut out: HashMap<String, Values> = HashMap::new();
    // Bounded statements: a country has thousands of reports in hand.
    for chunk in units.chunks(1000) {
        let mut p = Params::of(conn);
        let sql = format!(
            "SELECT r.unit_code, v.slot, v.value FROM slot_versions v JOIN reports r ON r.id = v.report_id
             WHERE r.plan_id = {} AND r.period_code = {} AND v.is_current <> 0 AND v.value IS NOT NULL
               AND v.slot LIKE {} AND r.unit_code IN ({})",
            p.one(),
            p.one(),
            p.one(),
            p.list(chunk.len())
        );
        let mut query = sqlx::query_as(&sql)
            .bind(plan_id)
            .bind(period_code)
            .bind(format!("{slot_prefix}%"));
        for unit in chunk {
            query = query.bind(*unit);
        }
        let rows: Vec<(String, String, String)> = query.fetch_all(&mut *conn).await?;
        for (unit, slot, value) in rows {
            let value: Value =
                serde_json::from_str(&value).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            out.entry(unit).or_default().insert(slot, value);
        }
    }
    Ok(out)
}
