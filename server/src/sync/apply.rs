//! Applying pushes in memory: each mutation in order, to the reports as they were read at
//! the start of the transaction, through the shared merge. Several pushes written in one
//! transaction are applied one after the other, each seeing what the ones before it did,
//! exactly as if they had come one at a time. Nothing here touches the store; what it
//! produces (the changed slots and report rows, the audit entries, the new bases) is
//! written in one go by [`super::push`].

use super::context::ReportContext;
use crate::db::{from_millis, millis};
use crate::store::files::StoredFile;
use crate::store::mutations::{Answered, Entry, Named};
use app::domain::attachment::{FileHash, FileLimits};
use app::domain::evaluation::{Assessment, CriteriaSet, YearFigures};
use app::domain::rules::{blocks_submission, check};
use app::domain::status::WorkflowAction;
use app::domain::value::Value;
use app::lang::{Lang, Text};
use app::sync::merge::{Placement, MAX_CONFLICTS};
use app::sync::refusal::Refusal;
use app::sync::{
    Change, Mutation, MutationResult, Outcome, Recorded, ReportState, Slot, SlotVersion,
};
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the store held when the transaction began, for the reports and ids of its pushes.
#[derive(Debug, Default)]
pub struct Stored {
    /// The pushes' ids already received, with what was answered then.
    pub answered: HashMap<String, Answered>,
    /// The pushes' ids that a stored write names as a base, with that write's slot: a write
    /// of that slot with such an id arrives already replaced.
    pub named: HashSet<Named>,
    /// The reports the pushes may change, by id, as stored. A report missing here has no
    /// row yet: it starts as a blank draft.
    pub reports: HashMap<String, ReportState>,
    /// The files the pushes attach whose content is stored.
    pub files: HashMap<FileHash, StoredFile>,
}

/// A report after the pushes: its state and what of it must be written.
#[derive(Debug)]
pub struct Touched {
    pub state: ReportState,
    /// The slots whose versions changed.
    pub slots: BTreeSet<String>,
    /// The slots that held versions in the store.
    pub stored_slots: BTreeSet<String>,
    /// The index in [`Changes::entries`] of its last change; `None`: the report is
    /// unchanged.
    pub last_entry: Option<usize>,
}

/// What the pushes changed, ready to be written.
#[derive(Debug)]
pub struct Changes<'a> {
    /// One audit entry per mutation received for the first time, in order; each is given
    /// its change number when written.
    pub entries: Vec<Entry<'a>>,
    /// `(write, base)`: which versions each applied write replaced.
    pub bases: Vec<(&'a str, &'a str)>,
    pub reports: HashMap<String, Touched>,
}

/// Applies pushes one after another to what was stored.
pub struct Applier<'a> {
    answered: HashMap<String, Answered>,
    run: Run<'a>,
}

impl<'a> Applier<'a> {
    pub fn new(stored: Stored, limits: FileLimits, now: DateTime<Utc>) -> Applier<'a> {
        let reports = stored
            .reports
            .into_iter()
            .map(|(id, state)| {
                let touched = Touched {
                    stored_slots: state.slots.keys().cloned().collect(),
                    state,
                    slots: BTreeSet::new(),
                    last_entry: None,
                };
                (id, touched)
            })
            .collect();
        Applier {
            answered: stored.answered,
            run: Run {
                named: stored.named,
                files: stored.files,
                limits,
                now,
                changes: Changes {
                    entries: Vec::new(),
                    bases: Vec::new(),
                    reports,
                },
            },
        }
    }

    /// Applies one push of `username`: `checked[i]` is the report context of `batch[i]`
    /// when it passed the static checks, else why it was refused. One result per mutation.
    pub fn push(
        &mut self,
        username: &'a str,
        lang: Lang,
        batch: &'a [Mutation],
        checked: &[Result<&ReportContext, Refusal>],
    ) -> Vec<MutationResult> {
        let mut results = Vec::with_capacity(batch.len());
        for (m, checked) in batch.iter().zip(checked) {
            // An id seen before, in an earlier push or earlier in this one, gets the
            // answer it got then and changes nothing.
            if let Some(before) = self.answered.get(&m.id) {
                results.push(repeat(m, username, lang, before));
                continue;
            }
            let applied = match checked {
                Ok(ctx) => self.run.one(username, m, ctx),
                Err(refusal) if !refusal.is_recorded() => {
                    results.push(MutationResult {
                        id: m.id.clone(),
                        outcome: Outcome::Rejected,
                        code: Some(refusal.code),
                        message: Some(refusal.message.get(lang).to_string()),
                    });
                    continue;
                }
                Err(refusal) => Err(refusal.clone()),
            };
            let (result, entry) = match applied {
                Ok(entry) => (
                    MutationResult {
                        id: m.id.clone(),
                        outcome: entry.outcome.answered(),
                        code: None,
                        message: entry.message.as_ref().map(|t| t.get(lang).to_string()),
                    },
                    entry,
                ),
                Err(r) => (
                    MutationResult {
                        id: m.id.clone(),
                        outcome: Outcome::Rejected,
                        code: Some(r.code),
                        message: Some(r.message.get(lang).to_string()),
                    },
                    Entry::refusal(username, m, r.code, r.message),
                ),
            };
            let changes = &mut self.run.changes;
            if result.outcome != Outcome::Rejected {
                if let Some(t) = changes.reports.get_mut(&m.report.id()) {
                    t.last_entry = Some(changes.entries.len());
                }
            }
            self.answered.insert(
                m.id.clone(),
                Answered {
                    username: username.to_string(),
                    outcome: result.outcome,
                    code: result.code,
                    message: entry.message.clone(),
                },
            );
            changes.entries.push(entry);
            results.push(result);
        }
        results
    }

    pub fn finish(self) -> Changes<'a> {
        self.run.changes
    }
}

/// The answer to an id received before.
/// A refusal is repeated as it was worded then, in the language asked now.
fn repeat(m: &Mutation, username: &str, lang: Lang, before: &Answered) -> MutationResult {
    if before.username != username {
        let taken = Refusal::id_taken();
        return MutationResult {
            id: m.id.clone(),
            outcome: Outcome::Rejected,
            code: Some(taken.code),
            message: Some(taken.message.get(lang).to_string()),
        };
    }
    if before.outcome == Outcome::Rejected {
        return MutationResult {
            id: m.id.clone(),
            outcome: Outcome::Rejected,
            code: before.code,
            message: before.message.as_ref().map(|t| t.get(lang).to_string()),
        };
    }
    MutationResult {
        id: m.id.clone(),
        outcome: Outcome::AlreadyApplied,
        code: None,
        message: None,
    }
}

struct Run<'a> {
    named: HashSet<Named>,
    files: HashMap<FileHash, StoredFile>,
    limits: FileLimits,
    now: DateTime<Utc>,
    changes: Changes<'a>,
}

impl<'a> Run<'a> {
    /// One mutation that passed the static checks. A refusal leaves every report as it was:
    /// never half a mutation.
    fn one(
        &mut self,
        username: &'a str,
        m: &'a Mutation,
        ctx: &ReportContext,
    ) -> Result<Entry<'a>, Refusal> {
        let entry = Entry::of(username, m);
        match m.change.write() {
            Some((slot, value, base)) => self.write(entry, ctx, slot, value, base),
            None => self.workflow(entry, ctx),
        }
    }

    fn touched(&mut self, m: &Mutation) -> &mut Touched {
        self.changes
            .reports
            .entry(m.report.id())
            .or_insert_with(|| Touched {
                state: ReportState::empty(m.report.clone()),
                slots: BTreeSet::new(),
                stored_slots: BTreeSet::new(),
                last_entry: None,
            })
    }

    fn write(
        &mut self,
        entry: Entry<'a>,
        ctx: &ReportContext,
        slot: Slot,
        value: Option<Value>,
        base: &'a [String],
    ) -> Result<Entry<'a>, Refusal> {
        let m = entry.mutation;
        let slot_key = slot.to_string();
        let report_id = m.report.id();
        let named = |id: &str| Named {
            id: id.to_string(),
            report_id: report_id.clone(),
            slot: slot_key.clone(),
        };
        let superseded = self.named.contains(&named(&m.id));
        let now = self.now;
        let file = match (&slot, &value) {
            (Slot::File(hash), Some(Value::File(file))) => {
                let stored = self.files.get(hash).map(|f| (f.size, f.file_type));
                Some((file, stored))
            }
            _ => None,
        };
        let limits = self.limits;
        let touched = self.touched(m);
        let status = touched.state.status;
        // The reviewer decides a self-assessment while it is submitted, before accepting
        // it; the unit writes while it may edit.
        let open = match &slot {
            Slot::Score(score) if score.is_reviewers() => status.awaits_review(),
            _ => status.is_editable(),
        };
        if !open {
            return Err(Refusal::locked(status));
        }
        if let Some((file, stored)) = file {
            let attached = touched.state.file_bytes(&slot_key);
            file.admit(stored, &limits, attached)
                .map_err(|e| Refusal::file(&e))?;
        }
        let state = touched.state.slots.entry(slot_key.clone()).or_default();
        if !superseded && state.conflicts_after(base) > MAX_CONFLICTS {
            let label = ctx.slot_label(&slot);
            return Err(Refusal::too_many_conflicts(&label, MAX_CONFLICTS));
        }
        let old = state.current.as_ref().and_then(|c| c.value.clone());
        let version = SlotVersion {
            id: m.id.clone(),
            value: value.clone(),
            by: m.user.clone(),
            at: now,
        };
        let placement = state.add(version, base, superseded);
        let current_by = state.current.as_ref().map(|c| c.by.clone());
        touched.slots.insert(slot_key.clone());
        // A write that arrives later in this batch, or in a later one, and is named here
        // is already replaced.
        for b in base {
            self.named.insert(named(b));
            self.changes.bases.push((&m.id, b));
        }
        let (outcome, message) = match placement {
            Placement::Current | Placement::Same => (Recorded::Applied, None),
            Placement::Superseded => (Recorded::Superseded, None),
            Placement::Conflict => {
                let label = ctx.slot_label(&slot);
                (
                    Recorded::Conflict,
                    Some(Text::new(
                        format!(
                            "“{}” đã được {} sửa trước; giá trị của bạn được giữ lại để chọn.",
                            label.vi,
                            current_by.as_deref().unwrap_or("người khác")
                        ),
                        format!(
                            "“{}” was changed first by {}; your value is kept for a choice.",
                            label.en,
                            current_by.as_deref().unwrap_or("someone else")
                        ),
                    )),
                )
            }
        };
        Ok(Entry {
            slot: Some(slot_key),
            old_value: old,
            new_value: value,
            outcome,
            message,
            ..entry
        })
    }

    fn workflow(&mut self, entry: Entry<'a>, ctx: &ReportContext) -> Result<Entry<'a>, Refusal> {
        let m = entry.mutation;
        let action = match &m.change {
            Change::Submit => WorkflowAction::Submit,
            Change::Return { .. } => WorkflowAction::Return,
            _ => WorkflowAction::Accept,
        };
        let now = self.now;
        let state = &mut self.touched(m).state;
        let next = state
            .status
            .apply(action)
            .map_err(Refusal::invalid_transition)?;
        let old_status = Value::Text(state.status.label().to_string());
        let mut comment = None;
        match &m.change {
            Change::Submit => {
                if let Some(set) = &ctx.criteria {
                    let gaps = assessment(set, state).submit_gaps();
                    if !gaps.is_empty() {
                        return Err(Refusal::assessment_gaps(&gaps, false));
                    }
                } else {
                    let findings = check(&ctx.template, &state.values());
                    if blocks_submission(&findings) {
                        return Err(Refusal::incomplete(&findings));
                    }
                }
                if ctx.period.signed_copy_required && !state.has_signed_copy() {
                    return Err(Refusal::signed_copy_required());
                }
                state.submitted_at = Some(now);
                // To the millisecond, as stored.
                state.device_submitted_at = Some(from_millis(millis(m.device_time)));
                state.on_time = Some(ctx.period.is_on_time(now));
            }
            Change::Return { comment: c } => {
                state.return_comment = Some(c.clone());
                comment = Some(c.as_str());
            }
            _ => {
                if let Some(set) = &ctx.criteria {
                    let gaps = assessment(set, state).accept_gaps();
                    if !gaps.is_empty() {
                        return Err(Refusal::assessment_gaps(&gaps, true));
                    }
                }
            }
        }
        state.status = next;
        Ok(Entry {
            old_value: Some(old_status),
            new_value: Some(Value::Text(next.label().to_string())),
            comment,
            ..entry
        })
    }
}

/// A self-assessment as its gaps read it: they concern what people scored, so the year's
/// figures, which give the computed criteria, are not needed.
fn assessment(set: &CriteriaSet, state: &ReportState) -> Assessment {
    Assessment::read(set, &YearFigures::default(), &state.values())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::attachment::{Attachment, AttachmentKind, FileType};
    use app::domain::org::{OrgKind, OrgUnit};
    use app::domain::plan::{Period, PeriodKind};
    use app::domain::status::ReportStatus;
    use app::domain::template::Template;
    use app::sync::refusal::RefusalCode;
    use app::sync::ReportKey;
    use chrono::NaiveDate;
    use std::sync::Arc;

    fn ctx() -> ReportContext {
        let template =
            Template::from_toml(include_str!("../../demo/template-dan-van-chinh-quyen.toml"))
                .expect("demo template");
        ReportContext {
            key: key(),
            plan_number: "1/KH-UBND".into(),
            plan_title: "Kế hoạch".into(),
            period: Period {
                code: "P".into(),
                label: "Kỳ".into(),
                kind: PeriodKind::SauThang,
                due_before: NaiveDate::from_ymd_opt(2999, 1, 1).expect("date"),
                data_range: None,
                signed_copy_required: false,
                evaluation: None,
            },
            unit: OrgUnit::new("U", None, OrgKind::Phuong, "Phường U"),
            template: Arc::new(template),
            tasks: Vec::new(),
            consolidates: false,
            criteria: None,
        }
    }

    fn key() -> ReportKey {
        ReportKey {
            plan_id: "plan".into(),
            period_code: "P".into(),
            unit_code: "U".into(),
        }
    }

    fn set(id: &str, field: &str, n: u64, base: &[&str]) -> Mutation {
        Mutation {
            id: id.into(),
            report: key(),
            user: "u".into(),
            device_id: "d".into(),
            device_time: Utc::now(),
            change: Change::SetField {
                field: field.into(),
                value: Some(Value::Count(n)),
                base: base.iter().map(|b| b.to_string()).collect(),
            },
        }
    }

    fn submit(id: &str) -> Mutation {
        Mutation {
            change: Change::Submit,
            ..set(id, "tcd_luot", 0, &[])
        }
    }

    fn checked_all(batch: &[Mutation]) -> Vec<Result<&'static ReportContext, Refusal>> {
        let ctx: &'static ReportContext = Box::leak(Box::new(ctx()));
        batch.iter().map(|_| Ok(ctx)).collect()
    }

    /// One push of user `u`.
    fn run(batch: &[Mutation], stored: Stored) -> (Vec<Outcome>, Vec<MutationResult>, Changes<'_>) {
        let mut applier = Applier::new(stored, FileLimits::default(), Utc::now());
        let results = applier.push("u", Lang::Vi, batch, &checked_all(batch));
        let outcomes = results.iter().map(|r| r.outcome).collect();
        (outcomes, results, applier.finish())
    }

    fn hash(n: u8) -> FileHash {
        FileHash::of_digest(&[n; 32])
    }

    fn attach(id: &str, file: u8, size: u64) -> Mutation {
        Mutation {
            change: Change::SetField {
                field: Slot::File(hash(file)).to_string(),
                value: Some(Value::File(Attachment {
                    kind: AttachmentKind::Evidence,
                    name: "Biên bản.pdf".into(),
                    size,
                    file_type: FileType::Pdf,
                    criterion: None,
                })),
                base: Vec::new(),
            },
            ..set(id, "tcd_luot", 0, &[])
        }
    }

    fn with_files(files: &[(u8, u64)]) -> Stored {
        Stored {
            files: files
                .iter()
                .map(|&(n, size)| {
                    let file_type = FileType::Pdf;
                    (hash(n), StoredFile { size, file_type })
                })
                .collect(),
            ..Stored::default()
        }
    }

    fn run_limited(batch: &[Mutation], stored: Stored, limits: FileLimits) -> Vec<MutationResult> {
        let mut applier = Applier::new(stored, limits, Utc::now());
        applier.push("u", Lang::Vi, batch, &checked_all(batch))
    }

    #[test]
    fn a_file_is_attached_only_once_its_content_is_stored_as_described() {
        let results = run_limited(
            &[attach("a", 1, 10)],
            with_files(&[]),
            FileLimits::default(),
        );
        assert_eq!(results[0].code, Some(RefusalCode::FileRefused));
        // Described with another size than the content stored.
        let results = run_limited(
            &[attach("a", 1, 11)],
            with_files(&[(1, 10)]),
            FileLimits::default(),
        );
        assert_eq!(results[0].code, Some(RefusalCode::FileRefused));
        let results = run_limited(
            &[attach("a", 1, 10)],
            with_files(&[(1, 10)]),
            FileLimits::default(),
        );
        assert_eq!(results[0].outcome, Outcome::Applied);
    }

    #[test]
    fn a_report_s_files_stay_within_its_limit_and_a_removal_makes_room() {
        let limits = FileLimits {
            per_file: 10,
            per_report: 15,
        };
        let stored = || with_files(&[(1, 10), (2, 5), (3, 6), (4, 11)]);
        let remove = |id: &str, file: u8, base: &str| Mutation {
            change: Change::SetField {
                field: Slot::File(hash(file)).to_string(),
                value: None,
                base: vec![base.to_string()],
            },
            ..set(id, "tcd_luot", 0, &[])
        };
        let results = run_limited(&[attach("big", 4, 11)], stored(), limits);
        assert_eq!(results[0].code, Some(RefusalCode::FileRefused));
        let batch = [
            attach("a", 1, 10),
            attach("b", 2, 5),
            attach("c", 3, 6),
            remove("d", 2, "b"),
            attach("e", 3, 6),
            // The same file again counts once.
            attach("f", 1, 10),
        ];
        let results = run_limited(&batch, stored(), limits);
        let codes: Vec<_> = results.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            [
                None,
                None,
                Some(RefusalCode::FileRefused),
                None,
                Some(RefusalCode::FileRefused),
                None
            ]
        );
        let batch = [attach("a", 1, 10), remove("b", 1, "a"), attach("c", 3, 6)];
        let results = run_limited(&batch, stored(), limits);
        let outcomes: Vec<_> = results.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, [Outcome::Applied; 3], "{results:?}");
    }

    #[test]
    fn a_file_can_neither_be_attached_nor_removed_once_submitted() {
        let mut stored = with_files(&[(1, 10), (2, 10)]);
        let mut state = ReportState::empty(key());
        state.status = ReportStatus::DaNop;
        stored.reports.insert(key().id(), state);
        let results = run_limited(&[attach("a", 2, 10)], stored, FileLimits::default());
        assert_eq!(results[0].code, Some(RefusalCode::Locked));
    }

    #[test]
    fn a_repeat_within_a_batch_is_already_applied_and_recorded_once() {
        let batch = [set("a", "tcd_luot", 1, &[]), set("a", "tcd_luot", 1, &[])];
        let (outcomes, _, a) = run(&batch, Stored::default());
        assert_eq!(outcomes, [Outcome::Applied, Outcome::AlreadyApplied]);
        assert_eq!(a.entries.len(), 1);
        let t = &a.reports[&key().id()];
        assert_eq!(t.last_entry, Some(0));
        assert_eq!(t.slots.iter().collect::<Vec<_>>(), ["tcd_luot"]);
    }

    #[test]
    fn a_write_named_earlier_in_the_batch_arrives_superseded() {
        // b (based on a) arrives before a.
        let batch = [
            set("b", "tcd_luot", 2, &["a"]),
            set("a", "tcd_luot", 1, &[]),
        ];
        let (outcomes, _, a) = run(&batch, Stored::default());
        assert_eq!(outcomes, [Outcome::Applied, Outcome::Applied]);
        assert_eq!(a.entries[1].outcome, Recorded::Superseded);
        let slot = &a.reports[&key().id()].state.slots["tcd_luot"];
        assert_eq!(slot.current.as_ref().map(|c| c.id.as_str()), Some("b"));
        assert!(slot.conflicts.is_empty());
        assert_eq!(a.bases, [("b", "a")]);
    }

    #[test]
    fn a_base_replaces_only_its_own_slot() {
        // b names ids that writes of another slot and another report use later: they are
        // not replaced by it.
        let mut elsewhere = set("x", "tcd_luot", 1, &[]);
        elsewhere.report.unit_code = "V".into();
        let batch = [
            set("b", "tcd_luot", 2, &["a", "x"]),
            set("a", "don_tiep_nhan", 1, &[]),
            elsewhere,
        ];
        let (outcomes, _, a) = run(&batch, Stored::default());
        assert_eq!(outcomes, [Outcome::Applied; 3]);
        assert_eq!(a.entries[1].outcome, Recorded::Applied);
        assert_eq!(a.entries[2].outcome, Recorded::Applied);
        let other = &a.reports[&batch[2].report.id()].state.slots["tcd_luot"];
        assert_eq!(other.current.as_ref().map(|c| c.id.as_str()), Some("x"));
    }

    #[test]
    fn a_base_stored_earlier_replaces_a_later_write_of_its_slot_only() {
        let mut stored = Stored::default();
        stored.named.insert(Named {
            id: "a".into(),
            report_id: key().id(),
            slot: "tcd_luot".into(),
        });
        let batch = [
            set("a", "don_tiep_nhan", 1, &[]),
            set("a2", "tcd_luot", 1, &[]),
        ];
        let (_, _, a) = run(&batch, stored);
        assert_eq!(a.entries[0].outcome, Recorded::Applied, "another slot");
        let mut stored = Stored::default();
        stored.named.insert(Named {
            id: "a".into(),
            report_id: key().id(),
            slot: "tcd_luot".into(),
        });
        let batch = [set("a", "tcd_luot", 1, &[])];
        let (_, _, a) = run(&batch, stored);
        assert_eq!(a.entries[0].outcome, Recorded::Superseded, "its own slot");
    }

    #[test]
    fn a_refused_mutation_changes_nothing_and_the_rest_apply() {
        let batch = [
            set("a", "tcd_luot", 1, &[]),
            submit("s"),
            set("b", "don_tiep_nhan", 2, &[]),
        ];
        let (outcomes, results, a) = run(&batch, Stored::default());
        assert_eq!(
            outcomes,
            [Outcome::Applied, Outcome::Rejected, Outcome::Applied]
        );
        assert_eq!(results[1].code, Some(RefusalCode::Incomplete));
        let t = &a.reports[&key().id()];
        assert_eq!(t.state.status, ReportStatus::Nhap);
        assert_eq!(t.state.submitted_at, None);
        assert_eq!(t.last_entry, Some(2), "the refusal is not a change");
        assert_eq!(a.entries.len(), 3, "the refusal is recorded");
    }

    #[test]
    fn conflicts_on_a_slot_are_capped_and_a_resolution_makes_room() {
        // Every write after the first saw nothing: each one more conflict.
        let mut batch: Vec<Mutation> = (0..=MAX_CONFLICTS + 1)
            .map(|i| set(&format!("w{i}"), "tcd_luot", i as u64, &[]))
            .collect();
        let all: Vec<String> = (0..=MAX_CONFLICTS).map(|i| format!("w{i}")).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        batch.push(set("fix", "tcd_luot", 7, &all));
        batch.push(set("after", "tcd_luot", 8, &[]));
        let (outcomes, results, a) = run(&batch, Stored::default());
        assert_eq!(outcomes[0], Outcome::Applied);
        assert!(outcomes[1..=MAX_CONFLICTS]
            .iter()
            .all(|o| *o == Outcome::Conflict));
        assert_eq!(
            outcomes[MAX_CONFLICTS + 1],
            Outcome::Rejected,
            "one too many"
        );
        assert_eq!(
            results[MAX_CONFLICTS + 1].code,
            Some(RefusalCode::TooManyConflicts)
        );
        assert_eq!(
            outcomes[MAX_CONFLICTS + 2],
            Outcome::Applied,
            "the resolution"
        );
        assert_eq!(outcomes[MAX_CONFLICTS + 3], Outcome::Conflict, "room again");
        let slot = &a.reports[&key().id()].state.slots["tcd_luot"];
        assert_eq!(slot.conflicts.len(), 1);
    }

    #[test]
    fn a_statically_refused_mutation_is_recorded_with_its_reason() {
        let batch = [set("a", "tcd_luot", 1, &[])];
        let checked = [Err(Refusal::forbidden(Text::new(
            "Không được.",
            "Not allowed.",
        )))];
        let mut applier = Applier::new(Stored::default(), FileLimits::default(), Utc::now());
        let results = applier.push("u", Lang::Vi, &batch, &checked);
        let a = applier.finish();
        assert_eq!(results[0].outcome, Outcome::Rejected);
        assert_eq!(a.entries[0].code, Some(RefusalCode::Forbidden));
        assert_eq!(a.entries[0].username, "u");
        assert!(a.reports.is_empty());
    }

    #[test]
    fn ids_answered_before_get_the_same_answer() {
        let mut stored = Stored::default();
        for (id, user, outcome, code) in [
            ("a", "u", Outcome::Applied, None),
            ("r", "u", Outcome::Rejected, Some(RefusalCode::Locked)),
            ("x", "someone", Outcome::Applied, None),
        ] {
            stored.answered.insert(
                id.into(),
                Answered {
                    username: user.into(),
                    outcome,
                    code,
                    message: None,
                },
            );
        }
        let batch = [
            set("a", "tcd_luot", 1, &[]),
            set("r", "tcd_luot", 1, &[]),
            set("x", "tcd_luot", 1, &[]),
        ];
        let (outcomes, results, a) = run(&batch, stored);
        assert_eq!(
            outcomes,
            [
                Outcome::AlreadyApplied,
                Outcome::Rejected,
                Outcome::Rejected
            ]
        );
        assert_eq!(results[1].code, Some(RefusalCode::Locked));
        assert_eq!(results[2].code, Some(RefusalCode::IdTaken));
        assert!(a.entries.is_empty());
    }

    /// Every required field filled, so that the report may be submitted.
    fn filled() -> Vec<Mutation> {
        ctx()
            .template
            .fields()
            .filter(|f| f.required)
            .filter_map(|f| {
                use app::domain::template::FieldKind;
                let value = match f.kind {
                    FieldKind::Text => Value::Text("Có.".into()),
                    FieldKind::Count => Value::Count(0),
                    _ => return None,
                };
                Some(Mutation {
                    change: Change::SetField {
                        field: f.code.clone(),
                        value: Some(value),
                        base: Vec::new(),
                    },
                    ..set(&format!("f-{}", f.code), "", 0, &[])
                })
            })
            .collect()
    }

    #[test]
    fn a_submitted_report_refuses_edits_after_the_submit() {
        let mut batch = filled();
        let fields = batch.len();
        batch.push(submit("s"));
        batch.push(set("late", "tcd_luot", 9, &[]));
        let (_, results, a) = run(&batch, Stored::default());
        assert_eq!(results[fields].outcome, Outcome::Applied);
        assert_eq!(results[fields + 1].code, Some(RefusalCode::Locked));
        let t = &a.reports[&key().id()];
        assert_eq!(t.state.status, ReportStatus::DaNop);
        assert_eq!(t.state.on_time, Some(true));
    }

    #[test]
    fn a_period_that_requires_the_signed_copy_takes_the_report_only_with_it() {
        let mut required = ctx();
        required.period.signed_copy_required = true;
        let required: &'static ReportContext = Box::leak(Box::new(required));
        let signed = |id: &str| {
            let mut m = attach(id, 2, 10);
            if let Change::SetField {
                value: Some(Value::File(a)),
                ..
            } = &mut m.change
            {
                a.kind = AttachmentKind::Signed;
            }
            m
        };
        let push = |batch: &[Mutation]| {
            let contexts = batch.iter().map(|_| Ok(required)).collect::<Vec<_>>();
            let mut applier = Applier::new(
                with_files(&[(1, 10), (2, 10)]),
                FileLimits::default(),
                Utc::now(),
            );
            applier.push("u", Lang::Vi, batch, &contexts)
        };
        // Evidence is not the signed copy.
        let mut batch = filled();
        batch.push(attach("e", 1, 10));
        batch.push(submit("s"));
        let results = push(&batch);
        assert_eq!(
            results.last().and_then(|r| r.code),
            Some(RefusalCode::SignedCopyRequired)
        );
        batch.insert(batch.len() - 1, signed("c"));
        let results = push(&batch);
        assert_eq!(
            results.last().map(|r| r.outcome),
            Some(Outcome::Applied),
            "{results:?}"
        );
    }

    #[test]
    fn pushes_in_one_transaction_follow_each_other() {
        let first = [set("a", "tcd_luot", 1, &[])];
        let mut second = [set("b", "tcd_luot", 2, &[]), set("a", "tcd_luot", 1, &[])];
        for m in &mut second {
            m.user = "v".into();
        }
        let mut applier = Applier::new(Stored::default(), FileLimits::default(), Utc::now());
        let one = applier.push("u", Lang::Vi, &first, &checked_all(&first));
        let two = applier.push("v", Lang::Vi, &second, &checked_all(&second));
        assert_eq!(one[0].outcome, Outcome::Applied);
        assert_eq!(
            two[0].outcome,
            Outcome::Conflict,
            "it sees the first push's write"
        );
        assert_eq!(two[1].code, Some(RefusalCode::IdTaken), "and its ids");
        let a = applier.finish();
        let who: Vec<&str> = a.entries.iter().map(|e| e.username).collect();
        assert_eq!(who, ["u", "v"]);
        assert_eq!(a.reports[&key().id()].last_entry, Some(1));
    }
}
