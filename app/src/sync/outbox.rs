//! A device's queue of mutations the server has not yet answered. It lives in browser
//! storage and is written before the page shows a change as saved.

use super::change::{Change, Mutation};
use super::key::{ReportKey, Slot};
use super::outcome::{MutationResult, Outcome};
use super::refusal::RefusalCode;
use crate::domain::value::Value;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many refused mutations are kept for the user to read.
const KEEP_REJECTED: usize = 50;
/// The most JSON a push carries (past its first mutation): half the server's limit of
/// 2 MB a request, with room for the rest of the request.
pub const BATCH_BYTES: usize = 1024 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub pending: Vec<Pending>,
    pub rejected: Vec<Rejected>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub mutation: Mutation,
    /// Once sent, a mutation may have been applied even if no answer came back: it is
    /// never changed again, only resent.
    pub sent: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub mutation: Mutation,
    pub code: RefusalCode,
    pub message: String,
}

/// Who makes a change, from which device, when.
#[derive(Clone, Debug)]
pub struct Author {
    pub user: String,
    pub device_id: String,
    pub now: DateTime<Utc>,
}

impl Outbox {
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// The pending mutations of one report, oldest first: read in place, as every
    /// keystroke's redraw reads them.
    pub fn for_report<'a>(&'a self, report: &'a ReportKey) -> impl Iterator<Item = &'a Mutation> {
        self.pending
            .iter()
            .map(|p| &p.mutation)
            .filter(move |m| &m.report == report)
    }

    /// Records an edit of a slot. An unsent edit of the same slot that only unsent edits
    /// of other slots follow in the report's queue never left the device, and nothing
    /// queued after it depends on it (edits of different slots commute), so it is
    /// overwritten in place: typing through a whole form keeps one mutation a field.
    /// Otherwise a new mutation is queued, based on this device's own pending edit of the
    /// slot if there is one (the server will have it first), else on `server_base`.
    pub fn edit(
        &mut self,
        new_id: impl FnOnce() -> String,
        author: &Author,
        report: &ReportKey,
        slot: &Slot,
        value: Option<Value>,
        server_base: Vec<String>,
    ) {
        let mut own = None;
        let mut in_place = true;
        for (at, p) in self.pending.iter().enumerate().rev() {
            let m = &p.mutation;
            if &m.report != report {
                continue;
            }
            let edit = matches!(m.change, Change::SetField { .. } | Change::SetTask { .. });
            if m.change.writes(slot) {
                own = Some(at);
                in_place &= edit && !p.sent;
                break;
            }
            in_place &= edit && !p.sent;
        }
        match own {
            Some(at) if in_place => {
                let last = &mut self.pending[at].mutation;
                let base = match &mut last.change {
                    Change::SetField { base, .. } | Change::SetTask { base, .. } => {
                        std::mem::take(base)
                    }
                    _ => server_base,
                };
                last.change = change_for(slot, value, base);
                last.device_time = author.now;
            }
            Some(at) => {
                let base = vec![self.pending[at].mutation.id.clone()];
                self.queue(new_id(), author, report, change_for(slot, value, base));
            }
            None => self.queue(
                new_id(),
                author,
                report,
                change_for(slot, value, server_base),
            ),
        }
    }

    /// Queues any other change: a resolution or a workflow step.
    pub fn queue(&mut self, id: String, author: &Author, report: &ReportKey, change: Change) {
        self.pending.push(Pending {
            mutation: Mutation {
                id,
                report: report.clone(),
                user: author.user.clone(),
                device_id: author.device_id.clone(),
                device_time: author.now,
                change,
            },
            sent: false,
        });
    }

    /// The next batch to push, marked as sent: at most `max` mutations and, past the
    /// first, `max_bytes` of JSON, so that a push of long narratives stays under the
    /// server's limit on a request's size.
    pub fn take_batch(&mut self, max: usize, max_bytes: usize) -> Vec<Mutation> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        for p in self.pending.iter_mut().take(max) {
            let size = serde_json::to_string(&p.mutation).map_or(0, |json| json.len());
            if !batch.is_empty() && bytes + size > max_bytes {
                break;
            }
            bytes += size;
            p.sent = true;
            batch.push(p.mutation.clone());
        }
        batch
    }

    /// Applies the server's answers: answered mutations leave the queue, refused ones are
    /// kept aside with their reason.
    pub fn settle(&mut self, results: &[MutationResult]) {
        for r in results {
            let Some(at) = self.pending.iter().position(|p| p.mutation.id == r.id) else {
                continue;
            };
            let done = self.pending.remove(at);
            if r.outcome == Outcome::Rejected {
                self.rejected.push(Rejected {
                    mutation: done.mutation,
                    code: r.code.unwrap_or(RefusalCode::Unknown),
                    message: r.message.clone().unwrap_or_default(),
                });
            }
        }
        let excess = self.rejected.len().saturating_sub(KEEP_REJECTED);
        self.rejected.drain(..excess);
    }

    /// Adds mutations from a backup file. They may have reached the server already, so
    /// they count as sent; the server ignores those it has applied.
    pub fn restore(&mut self, user: &str, mutations: Vec<Mutation>) -> usize {
        let mut added = 0;
        for m in mutations {
            if m.user == user && !self.pending.iter().any(|p| p.mutation.id == m.id) {
                self.pending.push(Pending {
                    mutation: m,
                    sent: true,
                });
                added += 1;
            }
        }
        added
    }
}

fn change_for(slot: &Slot, value: Option<Value>, base: Vec<String>) -> Change {
    match (slot, value) {
        (Slot::Task(task), Some(Value::Task(progress))) => Change::SetTask {
            task: task.clone(),
            progress,
            base,
        },
        (slot, value) => Change::SetField {
            field: slot.to_string(),
            value,
            base,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ReportKey {
        ReportKey {
            plan_id: "p".into(),
            period_code: "k".into(),
            unit_code: "u".into(),
        }
    }

    fn author() -> Author {
        Author {
            user: "a".into(),
            device_id: "d".into(),
            now: DateTime::UNIX_EPOCH,
        }
    }

    fn text(s: &str) -> Option<Value> {
        Some(Value::Text(s.into()))
    }

    fn base_of(m: &Mutation) -> Vec<String> {
        m.change
            .write()
            .map(|(_, _, b)| b.to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn keystrokes_before_a_push_make_one_mutation() {
        let mut o = Outbox::default();
        let slot = Slot::Field("x".into());
        for (i, s) in ["a", "ab", "abc"].into_iter().enumerate() {
            o.edit(
                || format!("m{i}"),
                &author(),
                &key(),
                &slot,
                text(s),
                vec!["s1".into()],
            );
        }
        assert_eq!(o.len(), 1);
        let m = &o.pending[0].mutation;
        assert_eq!(m.id, "m0");
        assert_eq!(m.change.write().map(|w| w.1), Some(text("abc")));
        assert_eq!(base_of(m), vec!["s1".to_string()]);
    }

    #[test]
    fn an_edit_after_a_push_is_new_and_based_on_the_sent_one() {
        let mut o = Outbox::default();
        let slot = Slot::Field("x".into());
        o.edit(|| "m0".into(), &author(), &key(), &slot, text("a"), vec![]);
        assert_eq!(o.take_batch(10, BATCH_BYTES).len(), 1);
        o.edit(
            || "m1".into(),
            &author(),
            &key(),
            &slot,
            text("ab"),
            vec!["ignored".into()],
        );
        assert_eq!(o.len(), 2);
        assert_eq!(base_of(&o.pending[1].mutation), vec!["m0".to_string()]);
        // The sent one was not touched.
        assert_eq!(
            o.pending[0].mutation.change.write().map(|w| w.1),
            Some(text("a"))
        );
    }

    #[test]
    fn typing_through_a_form_twice_keeps_one_mutation_a_field() {
        let mut o = Outbox::default();
        let mut ids = 0..;
        for round in ["a", "ab"] {
            for field in ["x", "y", "z"] {
                let id = ids.next().unwrap_or_default();
                o.edit(
                    || format!("m{id}"),
                    &author(),
                    &key(),
                    &Slot::Field(field.into()),
                    text(round),
                    vec![format!("s-{field}")],
                );
            }
        }
        let kept: Vec<_> = o
            .pending
            .iter()
            .map(|p| {
                (
                    p.mutation.id.as_str(),
                    p.mutation.change.write().and_then(|w| w.1),
                )
            })
            .collect();
        assert_eq!(
            kept,
            vec![("m0", text("ab")), ("m1", text("ab")), ("m2", text("ab"))]
        );
        assert_eq!(base_of(&o.pending[0].mutation), vec!["s-x".to_string()]);
    }

    #[test]
    fn an_edit_after_a_submit_or_a_push_of_the_report_is_new() {
        for step in ["submit", "push"] {
            let mut o = Outbox::default();
            let x = Slot::Field("x".into());
            let y = Slot::Field("y".into());
            o.edit(|| "m0".into(), &author(), &key(), &x, text("a"), vec![]);
            o.edit(|| "m1".into(), &author(), &key(), &y, text("b"), vec![]);
            match step {
                "submit" => o.queue("m2".into(), &author(), &key(), Change::Submit),
                _ => {
                    o.take_batch(1, BATCH_BYTES);
                }
            }
            o.edit(|| "m3".into(), &author(), &key(), &x, text("ab"), vec![]);
            let last = o.pending.last().map(|p| &p.mutation);
            assert_eq!(last.map(|m| m.id.as_str()), Some("m3"), "{step}");
            assert_eq!(last.map(base_of), Some(vec!["m0".to_string()]), "{step}");
            assert_eq!(
                o.pending[0].mutation.change.write().and_then(|w| w.1),
                text("a")
            );
        }
    }

    #[test]
    fn long_narratives_go_in_pushes_under_the_size_limit_none_left_out() {
        let mut o = Outbox::default();
        let long = "a".repeat(90 * 1024);
        for i in 0..30 {
            let slot = Slot::Field(format!("f{i}"));
            o.edit(
                || format!("m{i}"),
                &author(),
                &key(),
                &slot,
                text(&long),
                vec![],
            );
        }
        let mut pushed = Vec::new();
        loop {
            let batch = o.take_batch(100, BATCH_BYTES);
            if batch.is_empty() {
                break;
            }
            let size = serde_json::to_string(&batch).unwrap().len();
            assert!(size <= BATCH_BYTES + 64, "{size}");
            let answers: Vec<MutationResult> = batch
                .iter()
                .map(|m| MutationResult {
                    id: m.id.clone(),
                    outcome: Outcome::Applied,
                    code: None,
                    message: None,
                })
                .collect();
            o.settle(&answers);
            pushed.extend(batch.into_iter().map(|m| m.id));
        }
        let all: Vec<String> = (0..30).map(|i| format!("m{i}")).collect();
        assert_eq!(pushed, all, "in order, each once");
        // Halved after a proxy's 413, a count limit still leaves a long one to go alone.
        o.edit(
            || "big".into(),
            &author(),
            &key(),
            &Slot::Field("x".into()),
            text(&long),
            vec![],
        );
        assert_eq!(o.take_batch(1, 10).len(), 1);
    }

    #[test]
    fn settling_removes_answered_and_keeps_refusals() {
        let mut o = Outbox::default();
        let slot = Slot::Field("x".into());
        o.edit(|| "m0".into(), &author(), &key(), &slot, text("a"), vec![]);
        o.queue("m1".into(), &author(), &key(), Change::Submit);
        o.take_batch(10, BATCH_BYTES);
        o.settle(&[
            MutationResult {
                id: "m0".into(),
                outcome: Outcome::Applied,
                code: None,
                message: None,
            },
            MutationResult {
                id: "m1".into(),
                outcome: Outcome::Rejected,
                code: Some(RefusalCode::Incomplete),
                message: Some("thiếu".into()),
            },
        ]);
        assert!(o.is_empty());
        assert_eq!(o.rejected.len(), 1);
        assert_eq!(o.rejected[0].message, "thiếu");
    }

    #[test]
    fn restoring_a_backup_skips_what_is_queued_and_other_users() {
        let mut o = Outbox::default();
        let slot = Slot::Field("x".into());
        o.edit(|| "m0".into(), &author(), &key(), &slot, text("a"), vec![]);
        let mut other = o.pending[0].mutation.clone();
        other.id = "m9".into();
        other.user = "b".into();
        let backup = vec![o.pending[0].mutation.clone(), other];
        assert_eq!(o.restore("a", backup), 0);
    }
}
