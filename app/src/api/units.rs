//! Units and their lineage, for their administrators.

use crate::domain::org::OrgUnit;
use serde::{Deserialize, Serialize};

/// A unit as an administrator's form gives it: every field a string, checked by the
/// units importer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitInput {
    pub code: String,
    /// Empty for a root.
    #[serde(default)]
    pub parent_code: String,
    /// `thanh_pho`, `tinh`, `quan`, `huyen`, `thi_xa`, `phuong`, `xa`, `dac_khu` or `co_quan`.
    pub kind: String,
    pub name: String,
}

impl UnitInput {
    /// The unit as its edit form starts.
    pub fn of(u: &OrgUnit) -> UnitInput {
        UnitInput {
            code: u.code.clone(),
            parent_code: u.parent_code.clone().unwrap_or_default(),
            kind: u.kind.as_str().to_string(),
            name: u.name.clone(),
        }
    }

    /// Every field without its surrounding spaces.
    pub fn trimmed(&self) -> UnitInput {
        UnitInput {
            code: self.code.trim().to_string(),
            parent_code: self.parent_code.trim().to_string(),
            kind: self.kind.trim().to_string(),
            name: self.name.trim().to_string(),
        }
    }
}

/// A change to a unit: as the administrator read it, and as they want it. Refused (409)
/// if someone else changed the unit in between.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitEdit {
    pub before: UnitInput,
    pub after: UnitInput,
}

/// What became of a unit on a date, as a form gives it (one line of a lineage file).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineageInput {
    /// `2025-07-01`.
    pub effective: String,
    pub old_code: String,
    pub new_code: String,
    /// `merge`, `split`, `rename`, `move` or `abolish`.
    pub change: String,
}

/// A unit for its administrator: where it sits, what is below it, what lineage records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitDetail {
    pub unit: OrgUnit,
    pub parent_name: Option<String>,
    pub children: Vec<OrgUnit>,
    pub events: Vec<crate::domain::lineage::LineageEvent>,
    /// The names of the units the events lead to, by code.
    #[serde(default)]
    pub successor_names: std::collections::BTreeMap<String, String>,
}
