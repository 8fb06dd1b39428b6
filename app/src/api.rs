//! The JSON API's shapes, shared by the server (which documents them in OpenAPI) and the
//! browser client.

pub use crate::domain::account::{AccountInput, Role};
pub use crate::domain::field_error::{FieldError, FieldMessage};
pub use crate::domain::new_plan::NewPlan;
use crate::domain::org::{OrgKind, OrgUnit};
use crate::domain::plan::{Period, Task};
pub use crate::domain::plan_form::{PlanForm, SectionForm};
use crate::domain::progress::{ProgressNode, Standing, Tally};
use crate::domain::rollup::Paragraph;
use crate::domain::rules::Values;
use crate::domain::status::ReportStatus;
use crate::domain::task_progress::TaskRow;
use crate::domain::template::Template;
use crate::domain::value::Value;
use crate::i18n::Lang;
use crate::sync::ReportState;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every error the API returns: a stable code for programs and a message for people, in
/// the language the request asks for (its `lang` cookie, else `Accept-Language`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// The bad fields of a refused form (`invalid`), each with its message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldMessage>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Who may write a unit's report (fields, tasks, submission): its own staff, and a reviewer
/// for the unit at the root of their scope, whose report consolidates the subtree. The server
/// enforces it; the browser only uses it to offer the right controls.
pub fn may_edit_report(role: Role, own_unit: &str, scope: &str, unit: &str) -> bool {
    own_unit == unit || (role != Role::NhapLieu && scope == unit)
}

/// Who may accept or return a unit's report: a reviewer or admin, for the units below the
/// root of their scope they can read, never their own unit's (their own report, and their
/// scope's, are reviewed one level up).
pub fn may_review_report(role: Role, own_unit: &str, scope: &str, unit: &str) -> bool {
    role != Role::NhapLieu && scope != unit && own_unit != unit
}

/// The signed-in user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit: OrgUnit,
    /// The root of the subtree a reviewer or admin sees; a ward user's own unit.
    pub scope: OrgUnit,
    /// A reset password: the user must choose a new one before anything else.
    #[serde(default)]
    pub must_change_password: bool,
}

/// The language a user chooses for every device they sign in on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LanguageChoice {
    pub language: Lang,
}

/// Facts about this deployment that the login page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SiteInfo {
    /// Demo mode: the login page lists the demo accounts.
    pub demo_accounts: Vec<DemoAccount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemoAccount {
    pub username: String,
    pub description: String,
}

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
    #[cfg_attr(feature = "ssr", schema(value_type = crate::domain::template::TemplateFile))]
    pub template: Template,
    pub tasks: Vec<Task>,
    pub state: ReportState,
    /// Who receives the report when it is submitted (the unit that reviews it), by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver: Option<String>,
    /// For a draft written on an older template version than its plan's: the version it
    /// is offered the move to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer_template: Option<u32>,
    /// With `newer_template`: the labels of the fields that hold a value in the draft and
    /// are not in the newer version (their values stay stored, no longer shown or counted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped_fields: Vec<String>,
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
    /// `set_field`, `set_task`, `resolve`, `submit`, `return` or `accept`.
    pub kind: String,
    pub slot: Option<String>,
    pub old_value: Option<Value>,
    pub new_value: Option<Value>,
    pub comment: Option<String>,
    /// `applied`, `conflict` or `superseded`.
    pub outcome: String,
}

/// A staff account of a unit, to call or remind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub username: String,
    pub display_name: String,
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
    /// Per narrative field, the included units' paragraphs.
    pub narratives: BTreeMap<String, Vec<Paragraph>>,
}

/// A report's path in the API (under `/api/v1`).
pub fn report_api_path(key: &crate::sync::ReportKey) -> String {
    format!(
        "/reports/{}/{}/{}",
        key.plan_id, key.period_code, key.unit_code
    )
}

/// The query that names the unit a review page shows (its subtree root).
pub const UNIT_QUERY: &str = "don-vi";
/// The query that names a consolidation's basis.
pub const BASIS_QUERY: &str = "co-so";

fn with_query(path: String, pairs: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.map(|v| {
                let v =
                    percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC);
                format!("{k}={v}")
            })
        })
        .collect();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The progress of a subtree in the API; `None`: the caller's whole subtree.
pub fn progress_api_path(plan_id: &str, period_code: &str, unit: Option<&str>) -> String {
    with_query(
        format!("/progress/{plan_id}/{period_code}"),
        &[("unit", unit)],
    )
}

/// The timeliness grid's data: `page` from 1, `q` a name typed with or without diacritics.
pub fn timeliness_api_path(unit: Option<&str>, page: Option<&str>, q: Option<&str>) -> String {
    with_query(
        "/timeliness".to_string(),
        &[("unit", unit), ("page", page), ("q", q)],
    )
}

/// The timeliness grid page of a subtree.
pub fn timeliness_path(unit: Option<&str>) -> String {
    timeliness_page_path(unit, None, None)
}

/// A page of the timeliness grid, filtered or not.
pub fn timeliness_page_path(unit: Option<&str>, page: Option<&str>, q: Option<&str>) -> String {
    with_query(
        TIMELINESS_ROUTE.to_string(),
        &[(UNIT_QUERY, unit), (PAGE_QUERY, page), (FILTER_QUERY, q)],
    )
}

/// The timeliness grid's address.
pub const TIMELINESS_ROUTE: &str = "/dung-han";

/// The page of the timeliness grid, in its address and in the API's.
pub const PAGE_QUERY: &str = "page";
/// The name filter of the timeliness grid.
pub const FILTER_QUERY: &str = "q";

pub fn task_progress_api_path(plan_id: &str, period_code: &str, unit: Option<&str>) -> String {
    with_query(
        format!("/task-progress/{plan_id}/{period_code}"),
        &[("unit", unit)],
    )
}

pub fn consolidation_api_path(
    plan_id: &str,
    period_code: &str,
    unit: Option<&str>,
    basis: Basis,
) -> String {
    with_query(
        format!("/consolidation/{plan_id}/{period_code}"),
        &[("unit", unit), ("basis", Some(basis.as_str()))],
    )
}

/// The address of an export of an API resource: `/api/v1{path}/{format}`, query kept.
pub fn export_url(api_path: &str, format: &str) -> String {
    match api_path.split_once('?') {
        Some((path, query)) => format!("/api/v1{path}/{format}?{query}"),
        None => format!("/api/v1{api_path}/{format}"),
    }
}

/// The wasm build a page needs beyond the ward's, by its address: `admin` under
/// `/quan-tri`, `review` on the review pages (the ward's build has neither, see
/// `pages/elsewhere.rs`; the offline shell's script makes the same choice).
pub fn build_for_path(path: &str) -> Option<&'static str> {
    let under = |root: &str| {
        path.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if under("/quan-tri") {
        Some("admin")
    } else if under("/tien-do") || under("/tong-hop") || under(TIMELINESS_ROUTE) {
        Some("review")
    } else {
        None
    }
}

/// The progress page of a subtree.
pub fn progress_path(plan_id: &str, period_code: &str, unit: Option<&str>) -> String {
    with_query(
        format!("/tien-do/{plan_id}/{period_code}"),
        &[(UNIT_QUERY, unit)],
    )
}

/// The consolidation page of a unit.
pub fn consolidation_path(plan_id: &str, period_code: &str, unit: &str, basis: Basis) -> String {
    with_query(
        format!("/tong-hop/{plan_id}/{period_code}"),
        &[
            (UNIT_QUERY, Some(unit)),
            (BASIS_QUERY, Some(basis.as_str())),
        ],
    )
}

/// The path of a report page.
pub fn report_path(plan_id: &str, period_code: &str, unit_code: &str) -> String {
    format!("/bao-cao/{plan_id}/{period_code}/{unit_code}")
}

/// An account as its administrator sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Account {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_code: String,
    pub unit_name: String,
    /// The root of what a reviewer or administrator sees.
    pub scope_code: String,
    /// A closed account cannot sign in; its reports and history stay.
    pub active: bool,
    /// A reset password waits to be replaced at the next sign-in.
    pub must_change_password: bool,
}

/// A new account and its first password, shown once to the administrator; the user
/// chooses their own at the first sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewAccount {
    pub account: Account,
    pub password: String,
}

/// A change to an account: its fields as the administrator read them, and as they want
/// them. The server refuses it (409) if someone else changed the account in between.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AccountEdit {
    pub before: AccountInput,
    pub after: AccountInput,
}

impl Account {
    /// The account as its edit form starts.
    pub fn input(&self) -> AccountInput {
        AccountInput {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role.as_str().to_string(),
            unit_code: self.unit_code.clone(),
            scope_code: self.scope_code.clone(),
        }
    }
}

/// A user's own change of password.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// A password made by a reset: shown once to the administrator, to be changed by the user
/// at their next sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OneTimePassword {
    pub password: String,
}

/// One administrator's action ("Nhật ký quản trị").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminLogEntry {
    pub at: DateTime<Utc>,
    /// The administrator.
    pub username: String,
    /// `create`, `update`, `deactivate`, `activate` or `reset_password`.
    pub action: String,
    /// What it was done to: an account's username, a unit's or a plan's code.
    pub target: String,
    /// What people read for `target` when it is a unit or a plan: its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a file is imported as: the same files as `server import`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// `code,parent_code,kind,name[,valid_from,valid_until]`
    OrgUnits,
    /// `effective,old_code,old_name,new_code,change`
    Lineage,
    /// `username,display_name,role,unit_code,scope_code,password`
    Users,
    /// A plan (TOML).
    Plan,
    /// A report template (TOML).
    Template,
}

impl ImportKind {
    pub const ALL: [ImportKind; 5] = [
        ImportKind::OrgUnits,
        ImportKind::Lineage,
        ImportKind::Users,
        ImportKind::Plan,
        ImportKind::Template,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::OrgUnits => "org_units",
            ImportKind::Lineage => "lineage",
            ImportKind::Users => "users",
            ImportKind::Plan => "plan",
            ImportKind::Template => "template",
        }
    }

    pub fn parse(s: &str) -> Option<ImportKind> {
        ImportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A file sent for import, as its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportFile {
    pub file_name: String,
    pub text: String,
}

/// What an import does to one record of its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportChange {
    Created,
    Updated,
    /// A unit put under another parent.
    Moved,
    Unchanged,
}

/// One record of an imported file and what the import does to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportItem {
    /// Its line in a CSV file; none for a plan or a template.
    pub line: Option<u64>,
    /// Its code, username or id.
    pub key: String,
    /// What people call it.
    pub label: String,
    /// The units it concerns (an administrator may import only within their scope).
    pub units: Vec<String>,
    pub change: ImportChange,
}

/// What an import did, or would do: counted, and record by record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub moved: usize,
    pub unchanged: usize,
    pub items: Vec<ImportItem>,
}

impl ImportSummary {
    /// Records one record given what was stored before (`None`: new).
    pub fn count<T: PartialEq>(&mut self, item: ImportItem, before: Option<&T>, after: &T) {
        let change = match before {
            None => ImportChange::Created,
            Some(b) if b == after => ImportChange::Unchanged,
            Some(_) => ImportChange::Updated,
        };
        self.push(ImportItem { change, ..item });
    }

    pub fn push(&mut self, item: ImportItem) {
        match item.change {
            ImportChange::Created => self.created += 1,
            ImportChange::Updated => self.updated += 1,
            ImportChange::Moved => self.moved += 1,
            ImportChange::Unchanged => self.unchanged += 1,
        }
        self.items.push(item);
    }
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} mới, {} cập nhật, {} chuyển đơn vị cấp trên, {} không đổi",
            self.created, self.updated, self.moved, self.unchanged
        )
    }
}

/// Why a file cannot be imported: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

/// A file's preview: what importing it would change, or why it cannot be imported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    pub summary: Option<ImportSummary>,
    /// Why the file cannot be imported: every problem, in line order, up to
    /// [`MAX_IMPORT_PROBLEMS`].
    #[serde(default)]
    pub problems: Vec<ImportProblem>,
}

/// The most problems a refused file's preview names: enough to mend a file in one go.
pub const MAX_IMPORT_PROBLEMS: usize = 100;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_names_the_build_that_has_it() {
        let cases = [
            ("/", None),
            ("/bao-cao/p/k/u", None),
            ("/dang-nhap", None),
            ("/tien-do/p/k", Some("review")),
            ("/tong-hop/p/k", Some("review")),
            (TIMELINESS_ROUTE, Some("review")),
            ("/dung-hanh", None),
            ("/quan-tri", Some("admin")),
            ("/quan-tri/don-vi/79", Some("admin")),
            ("/quan-trix", None),
        ];
        for (path, build) in cases {
            assert_eq!(build_for_path(path), build, "{path}");
        }
    }
}
