//! The versions of report slots: read whole into report states, replaced by a push, and
//! their current values for a consolidation.

use super::row::{select, ReportRow};
use crate::db::{from_millis, millis};
use crate::store::json::{self, Column::*, Json};
use crate::store::rows::{self, Row, Statement};
use app::domain::rules::Values;
use app::domain::value::Value;
use app::sync::{ReportKey, ReportState, SlotState, SlotVersion};
use sqlx::AnyConnection;
use std::collections::{BTreeMap, HashMap};

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
