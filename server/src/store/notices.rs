//! Reminders sent to units, and the notices read by each user. A unit's notices are read
//! from what already happened: its reports' returns and acceptances (in `mutations`) and
//! the reminders sent to it.

use crate::db::{from_millis, millis};
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

/// The ids of the notices `username` has read.
pub async fn read_by(
    conn: &mut AnyConnection,
    username: &str,
) -> Result<HashSet<String>, sqlx::Error> {
    Ok(
        sqlx::query_scalar::<_, String>("SELECT notice_id FROM notice_reads WHERE username = $1")
            .bind(username)
            .fetch_all(conn)
            .await?
            .into_iter()
            .collect(),
    )
}

/// The notices of `unit_code` since `since` that someone's action or a reminder gave,
/// marked read by `read`.
pub async fn of_unit(
    conn: &mut AnyConnection,
    unit_code: &str,
    read: &HashSet<String>,
    since: DateTime<Utc>,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    type Raw = (String, String, String, String, Option<String>, String, i64);
    let steps: Vec<Raw> = sqlx::query_as(
        "SELECT m.id, m.kind, r.plan_id, r.period_code, m.comment, m.username, m.server_time
         FROM reports r JOIN mutations m ON m.report_id = r.id
         WHERE r.unit_code = $1 AND m.kind IN ($3, $4) AND m.outcome = $5
           AND m.server_time >= $2",
    )
    .bind(unit_code)
    .bind(millis(since))
    .bind(ChangeKind::Return.as_str())
    .bind(ChangeKind::Accept.as_str())
    .bind(Recorded::Applied.as_str())
    .fetch_all(&mut *conn)
    .await?;
    type Sent = (String, String, String, String, String, String, i64);
    let reminders: Vec<Sent> = sqlx::query_as(
        "SELECT plan_id, period_code, rule, day, body, sent_by, sent_at FROM reminders
         WHERE unit_code = $1 AND sent_at >= $2",
    )
    .bind(unit_code)
    .bind(millis(since))
    .fetch_all(&mut *conn)
    .await?;
    let mut rows: Vec<NoticeRow> = steps
        .into_iter()
        .map(
            |(id, kind, plan_id, period_code, comment, by, at)| NoticeRow {
                read: read.contains(&id),
                id,
                kind: match ChangeKind::parse(&kind) {
                    ChangeKind::Return => NoticeKind::Returned,
                    _ => NoticeKind::Accepted,
                },
                plan_id,
                period_code,
                unit_code: unit_code.to_string(),
                text: comment.unwrap_or_default(),
                by_username: by,
                at: from_millis(at),
            },
        )
        .collect();
    rows.extend(
        reminders
            .into_iter()
            .map(|(plan_id, period_code, rule, day, body, by, at)| {
                let id = reminder_id(&plan_id, &period_code, unit_code, &rule, &day);
                NoticeRow {
                    read: read.contains(&id),
                    id,
                    kind: NoticeKind::Reminded,
                    plan_id,
                    period_code,
                    unit_code: unit_code.to_string(),
                    text: body,
                    by_username: by,
                    at: from_millis(at),
                }
            }),
    );
    Ok(rows)
}

/// Marks the notices read for `username`; ids read before stay as they were.
pub async fn mark_read(
    conn: &mut AnyConnection,
    username: &str,
    ids: &[String],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query(
            "INSERT INTO notice_reads (username, notice_id, read_at) VALUES ($1, $2, $3)
             ON CONFLICT (username, notice_id) DO NOTHING",
        )
        .bind(username)
        .bind(id)
        .bind(millis(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
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
