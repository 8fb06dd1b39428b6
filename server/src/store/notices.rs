//! Reminders sent to units, and the notices read by each user. A unit's notices are read
//! from what already happened: its reports' returns and acceptances (in `mutations`) and
//! the reminders sent to it.

use crate::db::{from_millis, millis};
use crate::store::rows::{self, Row, Statement};
use app::api::NoticeKind;
use app::domain::reminder_rule::ReminderRule;
use app::sync::{ChangeKind, Recorded};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// One reminder to write: to `unit_code`, about a period, sent by `sent_by`.
pub struct NewReminder<'a> {
    pub plan_id: &'a str,
    pub period_code: &'a str,
    pub unit_code: &'a str,
    pub rule: ReminderRule,
    pub day: NaiveDate,
    pub sent_by: &'a str,
    pub body: &'a str,
}

/// Writes the reminder unless the unit already had one by the same rule that day; whether
/// it was written.
pub async fn remind(
    conn: &mut AnyConnection,
    r: &NewReminder<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO reminders (plan_id, period_code, unit_code, rule, day, sent_by, body, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (plan_id, period_code, unit_code, rule, day) DO NOTHING",
    )
    .bind(r.plan_id)
    .bind(r.period_code)
    .bind(r.unit_code)
    .bind(r.rule.as_str())
    .bind(day_text(r.day))
    .bind(r.sent_by)
    .bind(r.body)
    .bind(millis(now))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The units already reminded for the period by `rule` on `day`.
pub async fn reminded(
    conn: &mut AnyConnection,
    plan_id: &str,
    period_code: &str,
    rule: ReminderRule,
    day: NaiveDate,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT unit_code FROM reminders
         WHERE plan_id = $1 AND period_code = $2 AND rule = $3 AND day = $4",
    )
    .bind(plan_id)
    .bind(period_code)
    .bind(rule.as_str())
    .bind(day_text(day))
    .fetch_all(conn)
    .await
}

/// How many reminders each of `units` was sent for the period, and the day of the last.
pub async fn tallies(
    conn: &mut AnyConnection,
    plan_id: &str,
    period_code: &str,
    units: &[&str],
) -> Result<HashMap<String, (u32, NaiveDate)>, sqlx::Error> {
    if units.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT unit_code, COUNT(*), MAX(day) FROM reminders
         WHERE plan_id = $1 AND period_code = $2 GROUP BY unit_code",
    )
    .bind(plan_id)
    .bind(period_code)
    .fetch_all(conn)
    .await?;
    let wanted: HashSet<&str> = units.iter().copied().collect();
    Ok(rows
        .into_iter()
        .filter(|(unit, _, _)| wanted.contains(unit.as_str()))
        .filter_map(|(unit, count, last)| {
            Some((unit, (u32::try_from(count).ok()?, parse_day(&last)?)))
        })
        .collect())
}

/// A notice as stored events give it, before it is worded for the page.
pub struct NoticeRow {
    pub id: String,
    pub kind: NoticeKind,
    pub plan_id: String,
    pub period_code: String,
    pub unit_code: String,
    pub text: String,
    pub by_username: String,
    pub at: DateTime<Utc>,
    pub read: bool,
}

/// The ids of the notices `username` has read since `since` (a notice is read after it
/// was given: older marks are of notices no longer listed).
pub async fn read_by(
    conn: &mut AnyConnection,
    username: &str,
    since: DateTime<Utc>,
) -> Result<HashSet<String>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT notice_id FROM notice_reads WHERE username = $1 AND read_at >= $2",
    )
    .bind(username)
    .bind(millis(since))
    .fetch_all(conn)
    .await?
    .into_iter()
    .collect())
}

/// The notices of `unit_code` since `since` that someone's action or a reminder gave,
/// marked read by `read`.
pub async fn of_unit(
    conn: &mut AnyConnection,
    unit_code: &str,
    read: &HashSet<String>,
    since: DateTime<Utc>,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    let mut rows = events(conn, Some(unit_code), since).await?;
    for row in &mut rows {
        row.read = read.contains(&row.id);
    }
    Ok(rows)
}

/// Every unit's notices given since `since`, for sending them outside the app.
pub async fn given_since(
    conn: &mut AnyConnection,
    since: DateTime<Utc>,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    events(conn, None, since).await
}

/// The returns, acceptances and reminders since `since`, of one unit or of all; unread.
async fn events(
    conn: &mut AnyConnection,
    unit_code: Option<&str>,
    since: DateTime<Utc>,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    // The kinds are written into the statement, not bound: the collector's scan of every
    // unit reads them through a partial index on exactly these kinds.
    let of_unit = if unit_code.is_some() {
        "AND r.unit_code = $3"
    } else {
        ""
    };
    let sql = format!(
        "SELECT m.id, m.kind, r.plan_id, r.period_code, r.unit_code, m.comment, m.username,
                m.server_time
         FROM reports r JOIN mutations m ON m.report_id = r.id
         WHERE m.kind IN ('{}', '{}') AND m.outcome = $1 AND m.server_time >= $2 {of_unit}",
        ChangeKind::Return.as_str(),
        ChangeKind::Accept.as_str(),
    );
    type Raw = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        i64,
    );
    let mut query = sqlx::query_as::<_, Raw>(&sql)
        .bind(Recorded::Applied.as_str())
        .bind(millis(since));
    if let Some(unit) = unit_code {
        query = query.bind(unit);
    }
    let steps = query.fetch_all(&mut *conn).await?;
    let of_unit = if unit_code.is_some() {
        "AND unit_code = $2"
    } else {
        ""
    };
    let sql = format!(
        "SELECT plan_id, period_code, unit_code, rule, day, body, sent_by, sent_at
         FROM reminders WHERE sent_at >= $1 {of_unit}"
    );
    type Sent = (String, String, String, String, String, String, String, i64);
    let mut query = sqlx::query_as::<_, Sent>(&sql).bind(millis(since));
    if let Some(unit) = unit_code {
        query = query.bind(unit);
    }
    let reminders = query.fetch_all(&mut *conn).await?;
    let mut rows: Vec<NoticeRow> = steps
        .into_iter()
        .map(
            |(id, kind, plan_id, period_code, unit_code, comment, by, at)| NoticeRow {
                read: false,
                id,
                kind: match ChangeKind::parse(&kind) {
                    ChangeKind::Return => NoticeKind::Returned,
                    _ => NoticeKind::Accepted,
                },
                plan_id,
                period_code,
                unit_code,
                text: comment.unwrap_or_default(),
                by_username: by,
                at: from_millis(at),
            },
        )
        .collect();
    rows.extend(reminders.into_iter().map(
        |(plan_id, period_code, unit_code, rule, day, body, by, at)| NoticeRow {
            read: false,
            id: reminder_id(&plan_id, &period_code, &unit_code, &rule, &day),
            kind: NoticeKind::Reminded,
            plan_id,
            period_code,
            unit_code,
            text: body,
            by_username: by,
            at: from_millis(at),
        },
    ));
    Ok(rows)
}

/// Marks the notices read for `username`; ids read before stay as they were.
pub async fn mark_read(
    conn: &mut AnyConnection,
    username: &str,
    ids: &[String],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids.dedup();
    let at = millis(now);
    let marks: Vec<ReadMark> = ids
        .into_iter()
        .map(|id| ReadMark { username, id, at })
        .collect();
    rows::insert(
        conn,
        "INSERT INTO notice_reads (username, notice_id, read_at)",
        "ON CONFLICT (username, notice_id) DO NOTHING",
        &marks,
    )
    .await
}

/// One notice read by one user.
struct ReadMark<'a> {
    username: &'a str,
    id: &'a str,
    at: i64,
}

impl Row for ReadMark<'_> {
    const COLUMNS: usize = 3;
    fn bind<'q>(&'q self, statement: Statement<'q>) -> Statement<'q> {
        statement.bind(self.username).bind(self.id).bind(self.at)
    }
}

/// A reminder's notice id: the reminder's key.
fn reminder_id(plan_id: &str, period_code: &str, unit_code: &str, rule: &str, day: &str) -> String {
    format!("reminder:{plan_id}:{period_code}:{unit_code}:{rule}:{day}")
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}
