//! A unit's reports: the home page's plans and periods, one report, and its history.

use super::deferred::Deferred;
use crate::document::Letterhead;
use crate::domain::evaluation::{CriteriaSet, YearFigures};
use crate::domain::org::{OrgKind, OrgUnit};
use crate::domain::plan::{Period, Task};
use crate::domain::progress::Tally;
use crate::domain::status::ReportStatus;
use crate::domain::template::Template;
use crate::domain::value::Value;
use crate::sync::{ChangeKind, Recorded, ReportState, Slot};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One unit's report status for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitStatus {
    pub unit_code: String,
    pub unit_name: String,
    pub unit_kind: OrgKind,
    pub status: ReportStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    /// Set when the unit no longer exists and its report is history of the user's unit.
    pub former: Option<FormerUnit>,
    /// Whether the report was ever written: a former unit's that was not is no draft.
    #[serde(default)]
    pub started: bool,
}

/// A unit whose history the user's unit carries on, as the lineage names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FormerUnit {
    /// "Phường 1, Quận Gò Vấp".
    pub name: String,
    pub from: Option<NaiveDate>,
    /// The day it ceased: merged, split or abolished.
    pub until: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PeriodOverview {
    pub period: Period,
    /// For reviewers: where the reports their subtree owes stand.
    pub tally: Option<Tally>,
    /// The reports of the user's own unit (for ward staff, with those of the former units
    /// it carries on; for reviewers, with their scope's own report when it owes one).
    pub units: Vec<UnitStatus>,
}

/// A plan with its periods and, for each, the visible units assigned to report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanOverview {
    pub plan_id: String,
    pub number: String,
    pub year: i32,
    pub title: String,
    pub periods: Vec<PeriodOverview>,
}

/// A report with everything needed to show it: the template, the unit's tasks, the state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportView {
    pub plan_id: String,
    pub plan_number: String,
    pub plan_title: String,
    pub period: Period,
    pub unit: OrgUnit,
    /// Set when the unit no longer exists: the name and dates it is shown under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former: Option<FormerUnit>,
    /// Decoded where the report is drawn, not where it is kept (see [`Deferred`]): the
    /// template's code stays out of the ward's first load.
    #[cfg_attr(feature = "ssr", schema(value_type = crate::domain::template::TemplateFile))]
    pub template: Deferred<Template>,
    pub tasks: Vec<Task>,
    pub state: ReportState,
    /// Who receives the report when it is submitted (the unit that reviews it), by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver: Option<String>,
    /// For a draft written on an older template version than its plan's: the version it
    /// is offered the move to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer_template: Option<u32>,
    /// Who the report is from and to, as its official document says: sent with it so a
    /// device prints the document offline. `None` for a plan whose issuer left the tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letterhead: Option<Letterhead>,
    /// With `newer_template`: the labels of the fields that hold a value in the draft and
    /// are not in the newer version (their values stay stored, no longer shown or counted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped_fields: Vec<String>,
    /// How large the report's files may be (a kept view from an older server: the
    /// defaults; the server checks again).
    #[serde(default)]
    pub file_limits: crate::domain::attachment::FileLimits,
    /// The report is its plan issuer's own: it consolidates the reports of the units below,
    /// whose passages the editor offers beside each narrative.
    #[serde(default)]
    pub consolidates: bool,
    /// For an evaluation period: the unit's self-assessment is written against this.
    /// Decoded by the report editor only (see [`Deferred`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<EvaluationView>))]
    pub evaluation: Option<Deferred<EvaluationView>>,
}

/// What a self-assessment is written against: the criteria set, and the figures of the
/// unit's year its computed criteria read (so that the device computes them offline as
/// the server does).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EvaluationView {
    pub criteria: CriteriaSet,
    pub year: YearFigures,
}

/// A page of a report's history, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryPage {
    pub entries: Vec<HistoryEntry>,
    /// Older changes remain: ask again with `before` set to this.
    pub more_before: Option<i64>,
}

/// How many changes a history page holds by default, and at most.
pub const HISTORY_PAGE: u32 = 100;

pub const HISTORY_PAGE_MAX: u32 = 500;

/// One applied change of a report, for "Lịch sử thay đổi".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// Its place in the report's history: 1 for the first change.
    pub position: i64,
    pub server_time: DateTime<Utc>,
    pub device_time: DateTime<Utc>,
    pub user: String,
    pub display_name: String,
    pub device_id: String,
    pub kind: ChangeKind,
    pub slot: Option<Slot>,
    pub old_value: Option<Value>,
    pub new_value: Option<Value>,
    pub comment: Option<String>,
    /// Never `rejected`: the history shows what changed.
    pub outcome: Recorded,
}
