//! What became of a pushed mutation: the answer a device reads and the record the
//! history keeps.

use super::refusal::RefusalCode;
use serde::{Deserialize, Serialize};

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
    pub code: Option<RefusalCode>,
    /// In Vietnamese, for people: set for `rejected` and `conflict`.
    pub message: Option<String>,
}
