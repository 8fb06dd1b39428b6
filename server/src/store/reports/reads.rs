//! The reads of reports for the home page, review and the pull: by unit, by subtree,
//! by change number. None of them reads slot versions.

use super::row::{decode, Raw, ReportRow, COLUMNS};
use crate::store::json::{self, Json};
use app::domain::org::Span;
use app::domain::progress::Standing;
use app::domain::status::ReportStatus;
use sqlx::{Any, AnyConnection, Executor};
use std::collections::HashMap;

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
                in_subtree = crate::store::in_subtree(2)
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
        in_subtree = crate::store::in_subtree(3)
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
