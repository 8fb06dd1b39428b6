//! What a mutation is about: a report, and a place in it that holds one value.

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
