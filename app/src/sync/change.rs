//! A change made on a device, as it travels in a push and as the history records it.

use super::key::{ReportKey, Slot};
use crate::domain::status::WorkflowAction;
use crate::domain::value::Value;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    /// Sets (or with `null`, clears) a template field, or a document part (`doc:signer`).
    /// `base` names the versions this value replaces: the ids of the writes the device had
    /// seen for the slot.
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
            (Change::SetField { field, .. }, slot) => Slot::parse(field) == *slot,
            (Change::SetTask { task, .. }, Slot::Task(code)) => task == code,
            (Change::Resolve { slot: written, .. }, slot) => written == slot,
            _ => false,
        }
    }

    /// The slot an edit writes, with the value and base it carries.
    pub fn write(&self) -> Option<(Slot, Option<Value>, &[String])> {
        match self {
            // A document part is set as a field is, under its key.
            Change::SetField { field, value, base } => {
                Some((Slot::parse(field), value.clone(), base))
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
