//! The sync protocol shared by the browser and the server: mutations, their results, the
//! state of a report as the server knows it, and the one merge function both sides run.
//! The protocol is described with examples in `docs/sync.md`.

pub mod merge;
pub mod outbox;
pub mod refusal;

use crate::domain::rules::Values;
use crate::domain::status::{ReportStatus, WorkflowAction};
use crate::domain::value::Value;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The most mutations one push may carry.
pub const MAX_BATCH: usize = 500;
/// The most reports one pull returns; `more` says to ask again.
pub const PULL_PAGE: usize = 200;
/// The most reports a device may follow in one request.
pub const MAX_FOLLOW: usize = 2_000;
/// The most bytes one sync request body may have.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// The longest mutation or version id taken.
pub const MAX_ID: usize = 64;
/// The longest device id taken; devices make UUIDs.
pub const MAX_DEVICE_ID: usize = 100;
/// The longest code in a report key (plan id, period code, unit code).
pub const MAX_KEY_PART: usize = 64;
/// The most versions one write may name as its bases.
pub const MAX_BASES: usize = 100;

/// Which report a mutation concerns.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportKey {
    pub plan_id: String,
    pub period_code: String,
    pub unit_code: String,
}

impl ReportKey {
    /// The report's stable id, `plan/period/unit`.
    pub fn id(&self) -> String {
        format!("{}/{}/{}", self.plan_id, self.period_code, self.unit_code)
    }
}

/// A place in a report that holds one value: a template field or a plan task. Sent and
/// stored as its key: the field's code, or `task:` and the task's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Slot {
    Field(String),
    Task(String),
}

impl Slot {
    pub const TASK_PREFIX: &'static str = "task:";

    pub fn parse(s: &str) -> Slot {
        match s.strip_prefix(Self::TASK_PREFIX) {
            Some(code) => Slot::Task(code.to_string()),
            None => Slot::Field(s.to_string()),
        }
    }
}

impl From<String> for Slot {
    fn from(key: String) -> Slot {
        Slot::parse(&key)
    }
}

impl From<&str> for Slot {
    fn from(key: &str) -> Slot {
        Slot::parse(key)
    }
}

impl From<Slot> for String {
    fn from(slot: Slot) -> String {
        slot.to_string()
    }
}

/// In the API's document: its key, a string.
#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for Slot {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new().schema_type(Type::String).into()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for Slot {}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slot::Field(code) => f.write_str(code),
            Slot::Task(code) => write!(f, "{}{code}", Self::TASK_PREFIX),
        }
    }
}

/// One change made on a device, queued in its outbox until the server answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Mutation {
    /// Generated on the device; the server applies a given id at most once.
    pub id: String,
    pub report: ReportKey,
    /// The user who made the change; the server refuses mutations of anyone but the caller.
    pub user: String,
    pub device_id: String,
    /// The device's clock when the change was made.
    pub device_time: DateTime<Utc>,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Sets (or with `null`, clears) a template field. `base` names the versions this
    /// value replaces: the ids of the writes the device had seen for the field.
    SetField {
        field: String,
        value: Option<Value>,
        base: Vec<String>,
    },
    /// Sets a plan task's status and note.
    SetTask {
        task: String,
        progress: crate::domain::task::TaskProgress,
        base: Vec<String>,
    },
    /// Ends a conflict on a slot: `base` lists every version shown (current and
    /// conflicting), `value` is the one chosen or the merged text.
    Resolve {
        slot: Slot,
        value: Option<Value>,
        base: Vec<String>,
    },
    Submit,
    Return {
        comment: String,
    },
    Accept,
}

/// Which kind of change a mutation is, as its `kind` names it and the history records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    SetField,
    SetTask,
    Resolve,
    Submit,
    Return,
    Accept,
    /// A kind of a newer server than this build.
    #[serde(other)]
    Unknown,
}

impl ChangeKind {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::SetField => "set_field",
            ChangeKind::SetTask => "set_task",
            ChangeKind::Resolve => "resolve",
            ChangeKind::Submit => "submit",
            ChangeKind::Return => "return",
            ChangeKind::Accept => "accept",
            ChangeKind::Unknown => "unknown",
        }
    }

    pub fn parse(stored: &str) -> ChangeKind {
        crate::code::read(stored, ChangeKind::Unknown)
    }

    /// The workflow step it is, if it is one.
    pub fn workflow(self) -> Option<WorkflowAction> {
        match self {
            ChangeKind::Submit => Some(WorkflowAction::Submit),
            ChangeKind::Return => Some(WorkflowAction::Return),
            ChangeKind::Accept => Some(WorkflowAction::Accept),
            _ => None,
        }
    }
}

impl Change {
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::SetField { .. } => ChangeKind::SetField,
            Change::SetTask { .. } => ChangeKind::SetTask,
            Change::Resolve { .. } => ChangeKind::Resolve,
            Change::Submit => ChangeKind::Submit,
            Change::Return { .. } => ChangeKind::Return,
            Change::Accept => ChangeKind::Accept,
        }
    }

    /// Whether this change writes `slot` (without copying its value).
    pub fn writes(&self, slot: &Slot) -> bool {
        match (self, slot) {
            (Change::SetField { field, .. }, Slot::Field(code)) => field == code,
            (Change::SetTask { task, .. }, Slot::Task(code)) => task == code,
            (Change::Resolve { slot: written, .. }, slot) => written == slot,
            _ => false,
        }
    }

    /// The slot an edit writes, with the value and base it carries.
    pub fn write(&self) -> Option<(Slot, Option<Value>, &[String])> {
        match self {
            Change::SetField { field, value, base } => {
                Some((Slot::Field(field.clone()), value.clone(), base))
            }
            Change::SetTask {
                task,
                progress,
                base,
            } => Some((
                Slot::Task(task.clone()),
                Some(Value::Task(progress.clone())),
                base,
            )),
            Change::Resolve { slot, value, base } => Some((slot.clone(), value.clone(), base)),
            Change::Submit | Change::Return { .. } | Change::Accept => None,
        }
    }
}

/// What became of one mutation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Applied now. For an edit, its value is current (or was already replaced by a later
    /// edit that had seen it).
    Applied,
    /// This id was applied before: nothing changed this time.
    AlreadyApplied,
    /// Kept as a conflict on its slot: another device changed the same value first.
    Conflict,
    /// Refused; `code` and `message` say why. Nothing changed.
    Rejected,
}

/// What a mutation did, as a report's history records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recorded {
    Applied,
    /// Kept as a conflict on its slot.
    Conflict,
    /// A write that arrived after the write that replaced it.
    Superseded,
    Rejected,
    /// An outcome of a newer server than this build.
    #[serde(other)]
    Unknown,
}

impl Recorded {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Recorded::Applied => "applied",
            Recorded::Conflict => "conflict",
            Recorded::Superseded => "superseded",
            Recorded::Rejected => "rejected",
            Recorded::Unknown => "unknown",
        }
    }

    pub fn parse(stored: &str) -> Recorded {
        crate::code::read(stored, Recorded::Unknown)
    }

    /// What a mutation recorded so is answered when its id comes again.
    pub fn answered(self) -> Outcome {
        match self {
            Recorded::Conflict => Outcome::Conflict,
            Recorded::Rejected => Outcome::Rejected,
            Recorded::Applied | Recorded::Superseded | Recorded::Unknown => Outcome::Applied,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MutationResult {
    pub id: String,
    pub outcome: Outcome,
    /// Stable, for programs: set for `rejected`.
    pub code: Option<refusal::RefusalCode>,
    /// In Vietnamese, for people: set for `rejected` and `conflict`.
    pub message: Option<String>,
}

/// One push-and-pull exchange.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncRequest {
    /// The `cursor` of the last response this device received; 0 the first time.
    pub cursor: i64,
    pub mutations: Vec<Mutation>,
    /// The reports this device keeps to show offline. A reviewer's pull sends these and
    /// their own units' reports, not every report of their subtree (a country's is
    /// hundreds of thousands); at most [`MAX_FOLLOW`].
    #[serde(default)]
    pub follow: Vec<ReportKey>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncResponse {
    /// One result per pushed mutation, in order.
    pub results: Vec<MutationResult>,
    /// The reports the caller may see that changed after the request's cursor (including
    /// through this push), whole, oldest change first: at most [`PULL_PAGE`] of them.
    pub reports: Vec<ReportState>,
    pub cursor: i64,
    /// More changed reports wait after `cursor`: sync again.
    #[serde(default)]
    pub more: bool,
    /// Reports the caller may see changed that this answer does not carry (a reviewer's
    /// subtree): pages that show them should read them again.
    #[serde(default)]
    pub changed_elsewhere: bool,
    pub server_time: DateTime<Utc>,
}

/// One version of a slot's value: who wrote it and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotVersion {
    /// The id of the mutation that wrote it.
    pub id: String,
    pub value: Option<Value>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A slot's current value and the versions that conflict with it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotState {
    pub current: Option<SlotVersion>,
    /// In order of arrival.
    pub conflicts: Vec<SlotVersion>,
}

/// A report as the server holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportState {
    pub report: ReportKey,
    pub status: ReportStatus,
    /// When the server received the submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The device's clock when the user pressed "Nộp báo cáo".
    pub device_submitted_at: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    pub return_comment: Option<String>,
    /// Keyed by slot (`field_code` or `task:<code>`).
    pub slots: BTreeMap<String, SlotState>,
    /// The change number of the report's last change.
    pub seq: i64,
}

impl ReportState {
    pub fn empty(report: ReportKey) -> ReportState {
        ReportState {
            report,
            status: ReportStatus::Nhap,
            submitted_at: None,
            device_submitted_at: None,
            on_time: None,
            return_comment: None,
            slots: BTreeMap::new(),
            seq: 0,
        }
    }

    /// The current values, as the rule engine reads them.
    pub fn values(&self) -> Values {
        self.slots
            .iter()
            .filter_map(|(slot, s)| Some((slot.clone(), s.current.as_ref()?.value.clone()?)))
            .collect()
    }
}
