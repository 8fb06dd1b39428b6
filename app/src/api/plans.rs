//! Plans, for their administrators: listed, made, edited and rolled forward.

use crate::domain::plan::Period;
use crate::domain::plan_form::PlanForm;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A plan as its administrator lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminPlan {
    pub id: String,
    pub number: String,
    pub year: i32,
    pub title: String,
    pub issuer_name: String,
    /// The template and the version its reports are written on.
    pub template: String,
    pub periods: Vec<Period>,
}

/// A plan opened for editing: its form, and what the page needs beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanEditor {
    pub id: String,
    pub year: i32,
    pub issuer_name: String,
    pub template: String,
    /// The versions new reports may start on: the plan's and the newer ones.
    pub template_versions: Vec<u32>,
    /// The codes of the periods that have reports: they stay, under the same code, and
    /// once any report exists the number stays and tasks are only added.
    pub reported_periods: Vec<String>,
    /// The names of the units the assignees name, by code.
    pub unit_names: BTreeMap<String, String>,
    /// The units the plan asks reports of: those a changed deadline reaches.
    #[serde(default)]
    pub assigned_units: u32,
    pub form: PlanForm,
}

/// A plan's form as it was read and as saved: refused (409) when someone else saved it
/// in between.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanEdit {
    pub before: PlanForm,
    pub after: PlanForm,
}

/// A template a new plan may be written on: new reports start on its latest version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TemplateChoice {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// The English title, when the template gives one.
    pub title_en: Option<String>,
}

/// The plan of another year made from a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RollForward {
    pub year: i32,
    /// The new plan's number ("120/KH-UBND").
    pub number: String,
}
