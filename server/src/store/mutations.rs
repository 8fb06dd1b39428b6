//! The record of every mutation received, the bases of writes, and the change clock.

use super::json::{self, Json};
use super::rows::{self, Row, Statement};
use crate::db::{from_millis, millis};
use app::api::HistoryEntry;
use app::domain::value::Value;
use app::lang::Text;
use app::sync::refusal::RefusalCode;
use app::sync::{ChangeKind, Mutation, Outcome, Recorded, Slot};
use chrono::{DateTime, Utc};
use sqlx::{Any, AnyConnection, Executor};
use std::collections::{HashMap, HashSet};

/// Hands out `count` change numbers and returns the first. The clock row stays locked
/// until the transaction ends, so numbers are handed out in commit order and a pull's
/// cursor never passes a change that is not yet visible. Take it last, just before the
/// commit: transactions then overlap in everything but this.
pub async fn advance_clock(conn: &mut AnyConnection, count: usize) -> Result<i64, sqlx::Error> {
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    let last: i64 =
        sqlx::query_scalar("UPDATE sync_clock SET seq = seq + $1 WHERE id = 1 RETURNING seq")
            .bind(count)
            .fetch_one(conn)
            .await?;
    Ok(last - count + 1)
}

/// The last change number handed out and committed: the clock's row is locked from the
/// moment a transaction takes numbers until it commits, so every change up to this one
/// is visible.
pub async fn clock(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT seq FROM sync_clock WHERE id = 1")
        .fetch_one(conn)
        .await
}

/// What was answered the first time a mutation id arrived.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered {
    /// The account that sent it.
    pub username: String,
    pub outcome: Outcome,
    pub code: Option<RefusalCode>,
    /// As worded then, in both languages (the English is the Vietnamese for mutations
    /// stored before the English was).
    pub message: Option<Text>,
}

/// What the store knows of a push's ids.
#[derive(Debug, Default)]
pub struct Seen {
    /// The ids received before, with what was answered.
    pub answered: HashMap<String, Answered>,
    /// The write ids that a stored write names as a base, each with the slot of the write
    /// that names it: a later write of that slot with that id arrives already replaced.
    pub named: HashSet<Named>,
}

/// A version id named as a base, and the report and slot of the write that named it. A base
/// replaces only versions of its own write's slot: a write of another report or slot with
/// that id is not touched, whoever named it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Named {
    pub id: String,
    pub report_id: String,
    pub slot: String,
}

type SeenRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// What the store knows of `ids` (every mutation) and `write_ids` (the writes among them),
/// in one query.
pub async fn seen(
    conn: &mut AnyConnection,
    ids: &[&str],
    write_ids: &[&str],
) -> Result<Seen, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Seen::default());
    }
    let json = Json::of(conn);
    let sql = format!(
        "SELECT id, username, outcome, code, message, message_en, NULL, NULL FROM mutations
         WHERE id IN {}
         UNION ALL
         SELECT DISTINCT b.base_id, NULL, NULL, NULL, NULL, NULL, m.report_id, m.slot
         FROM write_bases b JOIN mutations m ON m.id = b.write_id
         WHERE b.base_id IN {}",
        json.list(1),
        json.list(2)
    );
    let rows: Vec<SeenRow> = sqlx::query_as(&sql)
        .bind(json::encode(ids)?)
        .bind(json::encode(write_ids)?)
        .fetch_all(conn)
        .await?;
    let mut seen = Seen::default();
    for (id, username, outcome, code, message, message_en, report_id, slot) in rows {
        match (username, outcome) {
            (Some(username), Some(outcome)) => {
                let message = message.map(|vi| {
                    let en = message_en.unwrap_or_else(|| vi.clone());
                    Text::new(vi, en)
                });
                let answered = Answered {
                    username,
                    outcome: Recorded::parse(&outcome).answered(),
                    code: code.as_deref().map(RefusalCode::parse),
                    message,
                };
                seen.answered.insert(id, answered);
            }
            _ => {
                if let (Some(report_id), Some(slot)) = (report_id, slot) {
                    seen.named.insert(Named {
                        id,
                        report_id,
                        slot,
                    });
                }
            }
        }
    }
    Ok(seen)
}

/// Records which versions each write replaced: `(write, base)`.
pub async fn add_bases(
    conn: &mut AnyConnection,
    pairs: &[(&str, &str)],
) -> Result<(), sqlx::Error> {
    rows::insert(
        conn,
        "INSERT INTO write_bases (write_id, base_id)",
        "ON CONFLICT DO NOTHING",
        pairs,
    )
    .await
}

impl Row for (&str, &str) {
    const COLUMNS: usize = 2;
    fn bind<'q>(&'q self, statement: Statement<'q>) -> Statement<'q> {
        statement.bind(self.0).bind(self.1)
    }
}

/// One row of the audit trail, before it is given its change number.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The account that sent it (never the name the mutation claims).
    pub username: &'a str,
    pub mutation: &'a Mutation,
    pub slot: Option<String>,
    pub old_value: Option<Value>,
    pub new_value: Option<Value>,
    pub comment: Option<&'a str>,
    pub outcome: Recorded,
    pub code: Option<RefusalCode>,
    /// Both languages are stored: the report's history shows the Vietnamese (a record), an
    /// id sent again is answered in the language it is asked in.
    pub message: Option<Text>,
}

impl<'a> Entry<'a> {
    /// An applied mutation that changed no slot and carries no comment.
    pub fn of(username: &'a str, mutation: &'a Mutation) -> Entry<'a> {
        Entry {
            username,
            mutation,
            slot: None,
            old_value: None,
            new_value: None,
            comment: None,
            outcome: Recorded::Applied,
            code: None,
            message: None,
        }
    }

    pub fn refusal(
        username: &'a str,
        mutation: &'a Mutation,
        code: RefusalCode,
        message: Text,
    ) -> Entry<'a> {
        Entry {
            outcome: Recorded::Rejected,
            code: Some(code),
            message: Some(message),
            ..Entry::of(username, mutation)
        }
    }
}

/// An audit entry with its place in its report's history, as stored.
struct Numbered<'a> {
    entry: &'a Entry<'a>,
    position: i64,
    report_id: String,
    old_value: Option<String>,
    new_value: Option<String>,
    server_time: i64,
}

impl Row for Numbered<'_> {
    const COLUMNS: usize = 16;
    fn bind<'q>(&'q self, statement: Statement<'q>) -> Statement<'q> {
        let (e, m) = (self.entry, self.entry.mutation);
        statement
            .bind(m.id.as_str())
            .bind(self.position)
            .bind(self.report_id.as_str())
            .bind(m.change.kind().as_str())
            .bind(e.slot.as_deref())
            .bind(self.old_value.as_deref())
            .bind(self.new_value.as_deref())
            .bind(e.comment)
            .bind(e.outcome.as_str())
            .bind(e.code.map(RefusalCode::as_str))
            .bind(e.message.as_ref().map(|t| t.vi.as_str()))
            .bind(e.message.as_ref().map(|t| t.en.as_str()))
            .bind(e.username)
            .bind(clip(&m.device_id))
            .bind(millis(m.device_time))
            .bind(self.server_time)
    }
}

/// What a refused mutation said, cut to a length the audit keeps: the checks refuse
/// longer device ids and report keys, and their refusal is recorded all the same.
fn clip(text: &str) -> &str {
    const KEPT: usize = 200;
    match text.char_indices().nth(KEPT) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Writes audit entries, each with its place in its report's history (`positions`, in the
/// same order; 0 for a refusal, which the history leaves out).
pub async fn record(
    conn: &mut AnyConnection,
    entries: &[Entry<'_>],
    positions: &[i64],
    server_time: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let value = |v: Option<&Value>| v.map(json::encode).transpose();
    let mut rows = Vec::with_capacity(entries.len());
    for (entry, position) in entries.iter().zip(positions) {
        rows.push(Numbered {
            entry,
            position: *position,
            report_id: clip(&entry.mutation.report.id()).to_string(),
            old_value: value(entry.old_value.as_ref())?,
            new_value: value(entry.new_value.as_ref())?,
            server_time: millis(server_time),
        });
    }
    rows::insert(
        conn,
        "INSERT INTO mutations (id, position, report_id, kind, slot, old_value, new_value, comment,
             outcome, code, message, message_en, username, device_id, device_time, server_time)",
        "",
        &rows,
    )
    .await
}

type HistoryRaw = (
    i64,
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

/// A report's applied mutations before the place `before` in its history (all with
/// `None`), newest first, at most `limit`.
pub async fn history<'e>(
    db: impl Executor<'e, Database = Any>,
    report_id: &str,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows: Vec<HistoryRaw> = sqlx::query_as(
        "SELECT m.position, m.server_time, m.device_time, m.username, u.display_name,
                m.device_id, m.kind, m.slot, m.old_value, m.new_value, m.comment, m.outcome
         FROM mutations m LEFT JOIN users u ON u.username = m.username
         WHERE m.report_id = $1 AND m.outcome <> 'rejected' AND m.position < $2
         ORDER BY m.position DESC
         LIMIT $3",
    )
    .bind(report_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(i64::from(limit))
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
            |(
                position,
                at,
                device_at,
                user,
                name,
                device,
                kind,
                slot,
                old,
                new,
                comment,
                outcome,
            )| {
                Ok(HistoryEntry {
                    position,
                    server_time: from_millis(at),
                    device_time: from_millis(device_at),
                    display_name: name.unwrap_or_else(|| user.clone()),
                    user,
                    device_id: device,
                    kind: ChangeKind::parse(&kind),
                    slot: slot.map(Slot::from),
                    old_value: value(old)?,
                    new_value: value(new)?,
                    comment,
                    outcome: Recorded::parse(&outcome),
                })
            },
        )
        .collect()
}
