//! What a mutation is about: a report, and a place in it that holds one value.

use crate::domain::attachment::FileHash;
use crate::domain::document_part::DocumentPart;
use serde::{Deserialize, Serialize};
use std::fmt;

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

/// A place in a report that holds one value: a template field, a plan task, a part of the
/// report as a signed document, a file, why a consolidated figure differs from the sum
/// of the units' (its correction's reason), or a place in a self-assessment. Sent and
/// stored as its key: the field's code, `task:` and the task's, `doc:` and the part's name,
/// `file:` and the file's SHA-256, `why:` and the field's code, or a [`ScoreSlot`]'s.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Slot {
    Field(String),
    Task(String),
    Document(DocumentPart),
    File(FileHash),
    Correction(String),
    Score(ScoreSlot),
}

/// A place in a unit's self-assessment (an evaluation period's report), by criterion or
/// bonus item code: the points the unit claims and its remark (`claim:`, `remark:`), the
/// points the reviewer decides and why they differ (`decision:`, `reason:`), and the
/// reviewer's "not graded" with its reason (`ineligible:reason`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScoreSlot {
    Claim(String),
    Remark(String),
    Decision(String),
    Reason(String),
    Ineligible,
}

impl ScoreSlot {
    const INELIGIBLE: &'static str = "ineligible:reason";

    fn parse(s: &str) -> Option<ScoreSlot> {
        if s == Self::INELIGIBLE {
            return Some(ScoreSlot::Ineligible);
        }
        let (prefix, code) = s.split_once(':').filter(|(_, code)| !code.is_empty())?;
        let code = code.to_string();
        match prefix {
            "claim" => Some(ScoreSlot::Claim(code)),
            "remark" => Some(ScoreSlot::Remark(code)),
            "decision" => Some(ScoreSlot::Decision(code)),
            "reason" => Some(ScoreSlot::Reason(code)),
            _ => None,
        }
    }

    /// Written by the level above while it reviews, not by the unit.
    pub fn is_reviewers(&self) -> bool {
        matches!(
            self,
            ScoreSlot::Decision(_) | ScoreSlot::Reason(_) | ScoreSlot::Ineligible
        )
    }

    /// The criterion or bonus item it is about; `None` for the unit's whole grade.
    pub fn code(&self) -> Option<&str> {
        match self {
            ScoreSlot::Claim(c)
            | ScoreSlot::Remark(c)
            | ScoreSlot::Decision(c)
            | ScoreSlot::Reason(c) => Some(c),
            ScoreSlot::Ineligible => None,
        }
    }
}

impl fmt::Display for ScoreSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self {
            ScoreSlot::Claim(_) => "claim:",
            ScoreSlot::Remark(_) => "remark:",
            ScoreSlot::Decision(_) => "decision:",
            ScoreSlot::Reason(_) => "reason:",
            ScoreSlot::Ineligible => return f.write_str(Self::INELIGIBLE),
        };
        write!(f, "{prefix}{}", self.code().unwrap_or_default())
    }
}

impl Slot {
    pub const TASK_PREFIX: &'static str = "task:";
    pub const DOCUMENT_PREFIX: &'static str = "doc:";
    pub const FILE_PREFIX: &'static str = "file:";
    pub const CORRECTION_PREFIX: &'static str = "why:";

    /// A key names a task, a document part, a file or a correction by its prefix; anything
    /// else is a field's code (template codes hold no colon), so an unknown part or a
    /// malformed hash is refused as a field.
    pub fn parse(s: &str) -> Slot {
        if let Some(code) = s.strip_prefix(Self::TASK_PREFIX) {
            return Slot::Task(code.to_string());
        }
        if let Some(code) = s.strip_prefix(Self::CORRECTION_PREFIX) {
            return Slot::Correction(code.to_string());
        }
        if let Some(hash) = s.strip_prefix(Self::FILE_PREFIX).and_then(FileHash::parse) {
            return Slot::File(hash);
        }
        if let Some(score) = ScoreSlot::parse(s) {
            return Slot::Score(score);
        }
        match s
            .strip_prefix(Self::DOCUMENT_PREFIX)
            .and_then(DocumentPart::parse)
        {
            Some(part) => Slot::Document(part),
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
            Slot::Document(part) => write!(f, "{}{}", Self::DOCUMENT_PREFIX, part.as_str()),
            Slot::File(hash) => write!(f, "{}{hash}", Self::FILE_PREFIX),
            Slot::Correction(code) => write!(f, "{}{code}", Self::CORRECTION_PREFIX),
            Slot::Score(score) => score.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_its_key() {
        for (key, slot) in [
            ("tong_so", Slot::Field("tong_so".into())),
            ("task:1.2", Slot::Task("1.2".into())),
            ("doc:signed_on", Slot::Document(DocumentPart::SignedOn)),
            (
                &format!("file:{}", "0a".repeat(32)),
                Slot::File(FileHash::parse(&"0a".repeat(32)).unwrap()),
            ),
            ("why:tong_so", Slot::Correction("tong_so".into())),
            (
                "claim:lanh_dao",
                Slot::Score(ScoreSlot::Claim("lanh_dao".into())),
            ),
            (
                "remark:lanh_dao",
                Slot::Score(ScoreSlot::Remark("lanh_dao".into())),
            ),
            (
                "decision:bao_cao",
                Slot::Score(ScoreSlot::Decision("bao_cao".into())),
            ),
            (
                "reason:bao_cao",
                Slot::Score(ScoreSlot::Reason("bao_cao".into())),
            ),
            ("ineligible:reason", Slot::Score(ScoreSlot::Ineligible)),
        ] {
            assert_eq!(Slot::parse(key), slot);
            assert_eq!(slot.to_string(), key);
        }
        // An unknown part is no document part: it is refused as an unknown field.
        assert_eq!(Slot::parse("doc:stamp"), Slot::Field("doc:stamp".into()));
        assert_eq!(Slot::parse("file:../x"), Slot::Field("file:../x".into()));
        assert_eq!(Slot::parse("claim:"), Slot::Field("claim:".into()));
    }
}
