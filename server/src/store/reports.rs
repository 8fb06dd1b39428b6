//! Reports: their workflow row and the versions of their slots.

use super::json::{self, Column::*, Json};
use super::rows::{self, Row, Statement};
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
    /// The number of its last change (the change clock's).
    pub seq: i64,
    /// The place in its history of its last recorded mutation.
    pub positions: i64,
    /// The template version it was started on; `None` for a row written by hand, which
    /// follows its plan's.
    pub template_version: Option<u32>,
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
    i64,
    Option<i64>,
);

const COLUMNS: &str = "plan_id, period_code, unit_code, status, submitted_at, \
                       device_submitted_at, on_time, return_comment, seq, positions, template_version";

fn decode(
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

/// The reports of a plan written by the given units, every period.
pub async fn of_units(
    conn: &mut AnyConnection,
    plan_id: &str,
    units: &[&str],
) -> Result<Vec<ReportRow>, sqlx::Error> {
    if units.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Raw> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reports WHERE plan_id = $1 AND unit_code IN {units}",
        units = Json::of(conn).list(2)
    ))
    .bind(plan_id)
    .bind(json::encode(units)?)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(decode).collect()
}

/// How many reports of a plan stand where, for each period: counts of (period, standing)
/// over the reports of the units in `subtree` (`None`: every report of the plan), leaving
/// out the reports `except` (by id). Reports in draft are not counted. With the units
/// expected, this makes a tally without reading a row per unit: a country's home page
/// reads tens of rows, not hundreds of thousands.
pub async fn period_counts(
    conn: &mut AnyConnection,
    plan_id: &str,
    subtree: Option<Span>,
    except: &[String],
) -> Result<Vec<(String, Standing, u32)>, sqlx::Error> {
    // A whole plan is one range of the (plan, period, status, on_time) index; a subtree is
    // probed unit by unit.
    let counted: Vec<CountRow> = match subtree {
        None => {
            sqlx::query_as(
                "SELECT period_code, status, on_time, COUNT(*) FROM reports
                 WHERE plan_id = $1 AND status <> 'nhap'
                 GROUP BY period_code, status, on_time",
            )
            .bind(plan_id)
            .fetch_all(&mut *conn)
            .await?
        }
        Some(span) => {
            sqlx::query_as(&format!(
                "SELECT r.period_code, r.status, r.on_time, COUNT(*)
                 FROM org_units sub CROSS JOIN reports r
                 WHERE {in_subtree} AND r.plan_id = $1 AND r.unit_code = sub.code
                   AND r.status <> 'nhap'
                 GROUP BY r.period_code, r.status, r.on_time",
                in_subtree = super::in_subtree(2)
            ))
            .bind(plan_id)
            .bind(span.pos)
            .bind(span.end)
            .persistent(false)
            .fetch_all(&mut *conn)
            .await?
        }
    };
    let left_out: Vec<CountRow> = if except.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as(&format!(
            "SELECT period_code, status, on_time, COUNT(*) FROM reports
             WHERE id IN {ids} AND status <> 'nhap'
             GROUP BY period_code, status, on_time",
            ids = Json::of(conn).list(1)
        ))
        .bind(json::encode(except)?)
        .fetch_all(&mut *conn)
        .await?
    };
    let mut counts: HashMap<(String, String, Option<i64>), i64> = HashMap::new();
    for (period, status, on_time, n) in counted {
        *counts.entry((period, status, on_time)).or_default() += n;
    }
    for (period, status, on_time, n) in left_out {
        *counts.entry((period, status, on_time)).or_default() -= n;
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|((period, status, on_time), n)| {
            let status = ReportStatus::parse(&status)
                .ok_or_else(|| sqlx::Error::Decode(format!("report status {status}").into()))?;
            let standing = Standing::of(status, on_time.map(|v| v != 0));
            Ok((period, standing, u32::try_from(n).unwrap_or(u32::MAX)))
        })
        .collect()
}

/// A count of reports by period, status and timeliness.
type CountRow = (String, String, Option<i64>, i64);

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

/// The first `limit` reports of one unit changed after `cursor`, oldest change first.
pub async fn changed_of_unit(
    conn: &mut AnyConnection,
    unit: &str,
    cursor: i64,
    limit: usize,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let rows: Vec<Raw> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reports WHERE unit_code = $1 AND seq > $2 ORDER BY seq LIMIT $3"
    ))
    .bind(unit)
    .bind(cursor)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(decode).collect()
}

/// The reports changed after `cursor` among those named by id and those of `units`,
/// oldest change first.
pub async fn changed_among(
    conn: &mut AnyConnection,
    ids: &[String],
    units: &[&str],
    cursor: i64,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let json = Json::of(conn);
    let rows: Vec<Raw> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reports
         WHERE (id IN {ids} OR unit_code IN {units}) AND seq > $3 ORDER BY seq",
        ids = json.list(1),
        units = json.list(2)
    ))
    .bind(json::encode(ids)?)
    .bind(json::encode(units)?)
    .bind(cursor)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(decode).collect()
}

/// Whether a report of the subtree changed after `cursor`, up to `upto`. Reads the
/// changes in that range only (the index on `seq`), not the subtree.
pub async fn any_changed_in_subtree(
    conn: &mut AnyConnection,
    subtree: Span,
    cursor: i64,
    upto: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM reports r JOIN org_units sub ON sub.code = r.unit_code
         WHERE r.seq > $1 AND r.seq <= $2 AND sub.tree_pos BETWEEN $3 AND $4 LIMIT 1",
    )
    .bind(cursor)
    .bind(upto)
    .bind(subtree.pos)
    .bind(subtree.end)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

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

/// The codes of a plan's periods that have reports.
pub async fn reported_periods<'e>(
    db: impl Executor<'e, Database = Any>,
    plan_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT period_code FROM reports WHERE plan_id = $1 ORDER BY period_code",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await
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

/// The rows of the given reports that exist.
async fn select(conn: &mut AnyConnection, ids: &[&str]) -> Result<Vec<ReportRow>, sqlx::Error> {
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

const VERSION_COLUMNS: &str = "report_id, slot, write_id, value, is_current, username, written_at";

type VersionRaw = (String, String, String, Option<String>, i64, String, i64);

/// The versions of every slot of the given reports, by report id.
async fn slots_of(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<HashMap<String, BTreeMap<String, SlotState>>, sqlx::Error> {
    let mut out: HashMap<String, BTreeMap<String, SlotState>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM slot_versions WHERE report_id IN {}
         ORDER BY report_id, slot, position",
        Json::of(conn).list(1)
    );
    let rows: Vec<VersionRaw> = sqlx::query_as(&sql)
        .bind(json::encode(ids)?)
        .fetch_all(conn)
        .await?;
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
    let rows = select(conn, &[&id]).await?;
    Ok(states(conn, rows)
        .await?
        .pop()
        .unwrap_or_else(|| ReportState::empty(key.clone())))
}

/// Replaces the versions of slots: `stored` names the `(report id, slot)` that hold
/// versions now, `slots` gives each changed slot's versions.
pub async fn replace_slots(
    conn: &mut AnyConnection,
    stored: &[(&str, &str)],
    slots: &[(&str, &str, &SlotState)],
) -> Result<(), sqlx::Error> {
    if !stored.is_empty() {
        let sql = format!(
            "DELETE FROM slot_versions WHERE (report_id, slot) IN ({})",
            Json::of(conn).rows(1, &[Text, Text])
        );
        sqlx::query(&sql)
            .bind(json::encode(stored)?)
            .execute(&mut *conn)
            .await?;
    }
    let mut rows = Vec::new();
    for (report, slot, state) in slots {
        let versions = state.current.iter().map(|v| (v, true));
        let versions = versions.chain(state.conflicts.iter().map(|v| (v, false)));
        for (position, (version, is_current)) in (0..).zip(versions) {
            rows.push(VersionRow {
                report,
                slot,
                version,
                value: version.value.as_ref().map(json::encode).transpose()?,
                is_current,
                position,
            });
        }
    }
    rows::insert(
        conn,
        "INSERT INTO slot_versions (report_id, slot, write_id, value, is_current, position, username, written_at)",
        "",
        &rows,
    )
    .await
}

/// One version of a slot, as stored.
struct VersionRow<'a> {
    report: &'a str,
    slot: &'a str,
    version: &'a SlotVersion,
    value: Option<String>,
    is_current: bool,
    position: i64,
}

impl Row for VersionRow<'_> {
    const COLUMNS: usize = 8;
    fn bind<'q>(&'q self, statement: Statement<'q>) -> Statement<'q> {
        statement
            .bind(self.report)
            .bind(self.slot)
            .bind(self.version.id.as_str())
            .bind(self.value.as_deref())
            .bind(i64::from(self.is_current))
            .bind(self.position)
            .bind(self.version.by.as_str())
            .bind(millis(self.version.at))
    }
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
    let sql = format!(
        "SELECT r.unit_code, v.slot, v.value FROM slot_versions v JOIN reports r ON r.id = v.report_id
         WHERE r.plan_id = $1 AND r.period_code = $2 AND v.is_current <> 0 AND v.value IS NOT NULL
           AND v.slot LIKE $3 AND r.unit_code IN {}",
        Json::of(conn).list(4)
    );
    let rows: Vec<(String, String, String)> = sqlx::query_as(&sql)
        .bind(plan_id)
        .bind(period_code)
        .bind(format!("{slot_prefix}%"))
        .bind(json::encode(units)?)
        .fetch_all(conn)
        .await?;
    let mut out: HashMap<String, Values> = HashMap::new();
    for (unit, slot, value) in rows {
        let value: Value =
            serde_json::from_str(&value).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        out.entry(unit).or_default().insert(slot, value);
    }
    Ok(out)
}
