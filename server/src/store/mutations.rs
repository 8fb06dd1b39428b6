//! The record of every mutation received, the bases of writes, and the change clock.

use crate::db::{from_millis, millis};
use app::api::HistoryEntry;
use app::domain::value::Value;
use app::sync::{Mutation, Outcome};
use chrono::{DateTime, Utc};
use sqlx::{Any, AnyConnection, Executor};

/// Takes the next change number. Its row lock is held until the transaction ends, which
/// orders every sync transaction (see the migration).
pub async fn next_seq(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("UPDATE sync_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq")
        .fetch_one(conn)
        .await
}

/// What was answered the first time a mutation id arrived.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered {
    pub username: String,
    pub outcome: Outcome,
    pub code: Option<String>,
    pub message: Option<String>,
}

pub fn outcome_code(o: Outcome) -> &'static str {
    match o {
        Outcome::Applied => "applied",
        Outcome::AlreadyApplied => "already_applied",
        Outcome::Conflict => "conflict",
        Outcome::Rejected => "rejected",
    }
}

fn parse_outcome(s: &str) -> Outcome {
    match s {
        "conflict" => Outcome::Conflict,
        "rejected" => Outcome::Rejected,
        _ => Outcome::Applied,
    }
}

pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Answered>, sqlx::Error> {
    let row: Option<(String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT username, outcome, code, message FROM mutations WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(username, outcome, code, message)| Answered {
        username,
        outcome: parse_outcome(&outcome),
        code,
        message,
    }))
}

/// One row of the audit trail.
pub struct Record<'a> {
    pub mutation: &'a Mutation,
    pub seq: i64,
    pub slot: Option<String>,
    pub old_value: Option<&'a Value>,
    pub new_value: Option<&'a Value>,
    pub comment: Option<&'a str>,
    /// `superseded` for a write that arrived after its successor.
    pub outcome: &'a str,
    pub code: Option<&'a str>,
    pub message: Option<&'a str>,
    pub server_time: DateTime<Utc>,
}

fn json(v: Option<&Value>) -> Result<Option<String>, sqlx::Error> {
    v.map(serde_json::to_string)
        .transpose()
        .map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub async fn record(conn: &mut AnyConnection, r: &Record<'_>) -> Result<(), sqlx::Error> {
    let m = r.mutation;
    sqlx::query(
        "INSERT INTO mutations (id, seq, report_id, kind, slot, old_value, new_value, comment,
             outcome, code, message, username, device_id, device_time, server_time)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&m.id)
    .bind(r.seq)
    .bind(m.report.id())
    .bind(kind_of(&m.change))
    .bind(&r.slot)
    .bind(json(r.old_value)?)
    .bind(json(r.new_value)?)
    .bind(r.comment)
    .bind(r.outcome)
    .bind(r.code)
    .bind(r.message)
    .bind(&m.user)
    .bind(&m.device_id)
    .bind(millis(m.device_time))
    .bind(millis(r.server_time))
    .execute(conn)
    .await?;
    Ok(())
}

pub fn kind_of(c: &app::sync::Change) -> &'static str {
    use app::sync::Change::*;
    match c {
        SetField { .. } => "set_field",
        SetTask { .. } => "set_task",
        Resolve { .. } => "resolve",
        Submit => "submit",
        Return { .. } => "return",
        Accept => "accept",
    }
}

/// Whether a known write names `id` as a base (so `id` arrives already replaced).
pub async fn is_named(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM write_bases WHERE base_id = $1")
        .bind(id)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub async fn add_bases(
    conn: &mut AnyConnection,
    write_id: &str,
    bases: &[String],
) -> Result<(), sqlx::Error> {
    for base in bases {
        sqlx::query(
            "INSERT INTO write_bases (write_id, base_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(write_id)
        .bind(base)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

type HistoryRaw = (
    i64,
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// A report's applied mutations, newest first.
pub async fn history<'e>(
    db: impl Executor<'e, Database = Any>,
    report_id: &str,
) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows: Vec<HistoryRaw> = sqlx::query_as(
        "SELECT m.server_time, m.device_time, m.username, u.display_name, m.device_id, m.kind,
                m.slot, m.old_value, m.new_value, m.comment, m.outcome
         FROM mutations m LEFT JOIN users u ON u.username = m.username
         WHERE m.report_id = $1 AND m.outcome <> 'rejected'
         ORDER BY m.seq DESC",
    )
    .bind(report_id)
    .fetch_all(db)
    .await?;
    let value = |s: Option<String>| -> Result<Option<Value>, sqlx::Error> {
        s.as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))
    };
    rows.into_iter()
        .map(
            |(at, device_at, user, name, device, kind, slot, old, new, comment, outcome)| {
                Ok(HistoryEntry {
                    server_time: from_millis(at),
                    device_time: from_millis(device_at),
                    display_name: name.unwrap_or_else(|| user.clone()),
                    user,
                    device_id: device,
                    kind,
                    slot,
                    old_value: value(old)?,
                    new_value: value(new)?,
                    comment,
                    outcome,
                })
            },
        )
        .collect()
}
