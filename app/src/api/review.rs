//! A reviewer's views of a subtree: who has reported, the plan's progress, timeliness
//! period after period, and the consolidation.

use super::reports::FormerUnit;
use crate::domain::org::{OrgKind, OrgUnit};
use crate::domain::plan::Period;
use crate::domain::progress::{ProgressNode, Standing};
use crate::domain::rollup::Paragraph;
use crate::domain::rules::Values;
use crate::domain::task_progress::TaskRow;
use crate::domain::template::Template;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A staff account of a unit, to call or remind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub username: String,
    pub display_name: String,
    /// As stored (digits), to call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A unit whose report the district does not have yet ("Chưa nộp").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Outstanding {
    pub unit_code: String,
    pub unit_name: String,
    /// How a letter addresses the unit: “Ủy ban nhân dân phường Hạnh Thông”.
    #[serde(default)]
    pub addressee: String,
    pub standing: Standing,
    pub staff: Vec<StaffAccount>,
    /// The reminders sent to the unit for the period, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminders: Option<super::ReminderTally>,
}

/// How many levels below the shown unit a progress view lists.
pub const PROGRESS_LEVELS: usize = 2;

/// Who has reported in a subtree for one period of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProgressView {
    pub plan_id: String,
    pub plan_number: String,
    pub plan_title: String,
    pub period: Period,
    /// The unit shown, with the units down to [`PROGRESS_LEVELS`] levels below it; deeper
    /// ones are counted in the tallies and listed by asking for their own progress.
    pub root: ProgressNode,
    /// Units missing or returned at any depth, in Vietnamese collation order.
    pub outstanding: Vec<Outstanding>,
    /// The units of the subtree whose report attaches its signed copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signed_copies: Vec<String>,
}

/// Plan progress of a subtree for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TaskProgressView {
    pub plan_id: String,
    pub period_code: String,
    pub unit_code: String,
    /// In the plan's order; tasks assigned to nobody in the subtree are left out.
    pub tasks: Vec<TaskRow>,
}

/// One reporting period of the timeliness grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelinessColumn {
    pub plan_id: String,
    pub plan_number: String,
    pub period: Period,
}

/// One unit's standing in each column; `None` where nothing was expected of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelinessRow {
    pub unit_code: String,
    pub unit_name: String,
    pub cells: Vec<Option<Standing>>,
    /// Set on a former unit's row, shown under the unit that carries on its history.
    pub former: Option<FormerUnit>,
}

/// Who reported on time, late or not at all, period after period, in a subtree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelinessView {
    pub unit: OrgUnit,
    /// Oldest deadline first.
    pub columns: Vec<TimelinessColumn>,
    /// One page of the units, in tree order, each followed by its former units' rows.
    pub rows: Vec<TimelinessRow>,
    /// From 1.
    pub page: u32,
    pub pages: u32,
    /// Units matching the filter, over every page (former units' rows not counted).
    pub units: u32,
}

/// Units a page of the timeliness grid shows.
pub const TIMELINESS_PAGE: usize = 100;

/// Which children's reports a consolidation counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Only reports the reviewer accepted.
    Accepted,
    /// Every report the district has, accepted or waiting for review.
    #[default]
    Submitted,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Accepted => "accepted",
            Basis::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        [Basis::Accepted, Basis::Submitted]
            .into_iter()
            .find(|b| b.as_str() == s)
    }

    /// Whether a report standing so is counted.
    pub fn includes(self, standing: Standing) -> bool {
        match standing {
            Standing::Accepted { .. } => true,
            Standing::Submitted { .. } => self == Basis::Submitted,
            Standing::Missing | Standing::Returned => false,
        }
    }
}

/// One child unit of a consolidation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsolidatedUnit {
    pub unit_code: String,
    pub unit_name: String,
    /// What kind of unit it is (phường, xã, cơ quan…), to filter its passages by.
    #[serde(default)]
    pub kind: Option<OrgKind>,
    pub standing: Standing,
    /// Whether its figures are in the totals (see the consolidation's `basis`).
    pub included: bool,
    /// Its counts and percents, when included; rates are recomputed by the reader.
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, crate::domain::value::Value>))]
    pub values: Values,
}

/// A unit's consolidated figures and draft narrative for one period ("tổng hợp").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsolidationView {
    pub plan_id: String,
    pub plan_number: String,
    pub plan_title: String,
    pub period: Period,
    pub unit: OrgUnit,
    pub basis: Basis,
    #[cfg_attr(feature = "ssr", schema(value_type = crate::domain::template::TemplateFile))]
    pub template: Template,
    /// The nearest reporting units below, in tree order.
    pub units: Vec<ConsolidatedUnit>,
    /// Summed counts and weighted percents of the included units.
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, crate::domain::value::Value>))]
    pub totals: Values,
    /// The same sums for the same period of the year before (the issuer's plan of that
    /// year), when anything was reported in it.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<std::collections::BTreeMap<String, crate::domain::value::Value>>))]
    pub before: Option<Values>,
    /// Per narrative field, the included units' paragraphs.
    pub narratives: BTreeMap<String, Vec<Paragraph>>,
    /// Per narrative field, the text the unit's own report starts from (see
    /// `domain::synthesis`): figures as sentences, then the passages grouped.
    #[serde(default)]
    pub draft: BTreeMap<String, String>,
}

/// The query of the progress routes: which subtree.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct UnitQuery {
    /// The unit whose subtree to show; by default the root of what the user sees.
    pub unit: Option<String>,
}

/// The query of the consolidation route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct ConsolidationQuery {
    /// The unit whose children to consolidate; by default the root of what the user sees.
    pub unit: Option<String>,
    /// `submitted` (default): every report the unit has; `accepted`: accepted ones only.
    pub basis: Option<Basis>,
}

/// The query of the timeliness route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct TimelinessQuery {
    /// The unit whose subtree to show; by default the root of what the user sees.
    pub unit: Option<String>,
    /// The page, from 1: 100 units a page.
    pub page: Option<u32>,
    /// Only units whose name (or a former unit's) contains this, diacritics ignored.
    pub q: Option<String>,
}
