//! Plans (Kế hoạch): tasks assigned to units and reporting periods with deadlines.

use super::org::{OrgTree, OrgUnit};
use crate::format::{date, ict};
use crate::lang::{Lang, Text};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Signer {
    pub capacity: String,
    pub title: String,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Quy,
    SauThang,
    ChinThang,
    Nam,
}

impl PeriodKind {
    /// What a period of this kind is called.
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, PeriodKind::Quy) => "Quý",
            (Lang::Vi, PeriodKind::SauThang) => "6 tháng",
            (Lang::Vi, PeriodKind::ChinThang) => "9 tháng",
            (Lang::Vi, PeriodKind::Nam) => "Năm",
            (Lang::En, PeriodKind::Quy) => "Quarter",
            (Lang::En, PeriodKind::SauThang) => "Six months",
            (Lang::En, PeriodKind::ChinThang) => "Nine months",
            (Lang::En, PeriodKind::Nam) => "Year",
        }
    }

    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Quy,
        PeriodKind::SauThang,
        PeriodKind::ChinThang,
        PeriodKind::Nam,
    ];

    /// As plan files and forms write it.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Quy => "quy",
            PeriodKind::SauThang => "sau_thang",
            PeriodKind::ChinThang => "chin_thang",
            PeriodKind::Nam => "nam",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub code: String,
    pub label: String,
    pub kind: PeriodKind,
    /// The report is on time when received before 00:00 (ICT) of this day.
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub due_before: NaiveDate,
    /// The days the report's figures cover, when the plan states them (Nghị định
    /// 09/2019/NĐ-CP: from 15/12 of the year before to 14/6 for six months).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_range: Option<DataRange>,
    /// The signed copy of the report must be attached before it is submitted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed_copy_required: bool,
    /// The period is the year's evaluation: its "report" is each unit's self-assessment
    /// against a criteria set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<EvaluationOf>,
}

/// What an evaluation period scores: a criteria set, and the plan's annual period whose
/// report and timeliness its computed criteria read (none for an evaluation that stands
/// alone: its computed criteria then have no report to read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvaluationOf {
    /// The criteria set's id; its newest version when the plan was imported.
    pub criteria: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_of: Option<String>,
}

/// First and last day of the data a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DataRange {
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub from: NaiveDate,
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub to: NaiveDate,
}

impl DataRange {
    /// As Nghị định 09/2019/NĐ-CP words it: "Số liệu tính từ ngày 15/12/2025 đến ngày
    /// 14/06/2026".
    pub fn text(&self) -> String {
        format!(
            "Số liệu tính từ ngày {} đến ngày {}",
            date(self.from),
            date(self.to)
        )
    }
}

impl Period {
    /// The first instant that is late: 00:00 of `due_before` in Asia/Ho_Chi_Minh.
    pub fn deadline(&self) -> DateTime<Utc> {
        deadline_of(self.due_before)
    }

    pub fn is_on_time(&self, received: DateTime<Utc>) -> bool {
        received < self.deadline()
    }

    /// Whether `unit` exists on this period's deadline, the first condition for owing a
    /// report: a ward abolished before it owes none, one created before it does.
    pub fn covers(&self, unit: &OrgUnit) -> bool {
        unit.exists_on(self.due_before)
    }
}

pub fn deadline_of(due_before: NaiveDate) -> DateTime<Utc> {
    ict()
        .from_local_datetime(&due_before.and_time(chrono::NaiveTime::MIN))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| unreachable!("a fixed offset maps every local time once"))
}

/// Calendar days from `now` to the deadline, in Vietnam: positive while time is left,
/// negative once overdue. The day of `due_before` itself is already one day overdue.
pub fn days_left(due_before: NaiveDate, now: DateTime<Utc>) -> i64 {
    let today = now.with_timezone(&ict()).date_naive();
    (due_before - today).num_days()
}

/// A plan task with a code stable within its plan (`"2.5"`: section 2, task 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Task {
    pub code: String,
    pub section: String,
    pub text: String,
}

/// A checked plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PlanFile", into = "PlanFile")]
pub struct Plan {
    pub number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub place: String,
    pub year: i32,
    pub kind: String,
    pub title: String,
    pub template: String,
    pub reports_to: String,
    pub signer: Signer,
    pub bases: Vec<String>,
    pub periods: Vec<Period>,
    pub sections: Vec<TaskSection>,
    /// The hour (0–23, Asia/Ho_Chi_Minh) at which automatic reminders go out to the units
    /// that have not reported (see `reminder_rule`); none when `None`.
    pub reminder_hour: Option<u8>,
    /// Where the issuer's own report goes, as its document names it.
    pub upward: Upward,
}

/// Where the issuer's own report (the consolidation it signs) goes: “Kính gửi” and “Nơi
/// nhận”. Empty, it is addressed to the issuer's governing body in the tree, if any, and
/// filed in the archive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Upward {
    /// “Kính gửi”: the bodies the report is addressed to.
    #[serde(default)]
    pub to: Vec<String>,
    /// “Nơi nhận” after “Như trên”: who else receives it.
    #[serde(default)]
    pub copies: Vec<String>,
    /// “Lưu: VT, PNV”: where the issuer files it; the archive (VT) when empty.
    #[serde(default)]
    pub filed: String,
}

impl Upward {
    pub fn is_empty(&self) -> bool {
        self == &Upward::default()
    }
}

/// The hour of automatic reminders of a plan that names none: the start of a working day.
pub const DEFAULT_REMINDER_HOUR: u8 = 8;

fn default_reminder_hour() -> Option<u8> {
    Some(DEFAULT_REMINDER_HOUR)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSection {
    pub title: String,
    pub assignees: Vec<Assignee>,
    pub tasks: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Assignee {
    Wards,
    Agencies,
    Unit(String),
}

impl From<String> for Assignee {
    fn from(s: String) -> Self {
        match s.as_str() {
            "wards" => Assignee::Wards,
            "agencies" => Assignee::Agencies,
            _ => Assignee::Unit(s),
        }
    }
}

impl From<Assignee> for String {
    fn from(a: Assignee) -> String {
        match a {
            Assignee::Wards => "wards".into(),
            Assignee::Agencies => "agencies".into(),
            Assignee::Unit(code) => code,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("không đọc được TOML: {0}")]
    Toml(String),
    #[error("kỳ báo cáo “{0}” bị trùng")]
    DuplicatePeriod(String),
    #[error("kế hoạch không có kỳ báo cáo nào")]
    NoPeriods,
    #[error("không có đơn vị “{0}” trong cây đơn vị")]
    UnknownUnit(String),
    #[error("số hiệu “{number}” không phải của loại văn bản “{kind}” (như 847/{kind}-UBND)")]
    KindNotInNumber { number: String, kind: String },
    #[error("giờ nhắc tự động {0} không phải từ 0 đến 23")]
    ReminderHour(u8),
    #[error(
        "kỳ đánh giá “{period}” chấm theo kỳ “{year_of}”, không phải một kỳ báo cáo của kế hoạch"
    )]
    EvaluationOf { period: String, year_of: String },
}

impl PlanError {
    pub fn text(&self) -> Text {
        let en = match self {
            PlanError::Toml(e) => format!("not readable as TOML: {e}"),
            PlanError::DuplicatePeriod(code) => format!("the period “{code}” is listed twice"),
            PlanError::NoPeriods => "the plan has no reporting period".to_string(),
            PlanError::UnknownUnit(code) => format!("there is no unit “{code}” in the tree"),
            PlanError::KindNotInNumber { number, kind } => format!(
                "the number “{number}” is not of the document kind “{kind}” (as in 847/{kind}-UBND)"
            ),
            PlanError::ReminderHour(hour) => {
                format!("the hour of automatic reminders, {hour}, is not from 0 to 23")
            }
            PlanError::EvaluationOf { period, year_of } => format!(
                "the evaluation period “{period}” scores the period “{year_of}”, which is no reporting period of the plan"
            ),
        };
        Text::new(self.to_string(), en)
    }
}

impl Plan {
    pub fn from_toml(text: &str) -> Result<Plan, PlanError> {
        // No text of a plan may turn the text around it in a page or a document.
        let text = crate::format::without_direction_controls(text);
        let file: PlanFile = toml::from_str(&text).map_err(|e| PlanError::Toml(e.to_string()))?;
        Plan::try_from(file)
    }

    /// A stable identifier: the number and year (`847-KH-UBND-2023`).
    pub fn id(&self) -> String {
        format!("{}-{}", self.number.replace('/', "-"), self.year)
    }

    pub fn tasks(&self) -> Vec<Task> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(si, s)| {
                s.tasks.iter().enumerate().map(move |(ti, text)| Task {
                    code: format!("{}.{}", si + 1, ti + 1),
                    section: s.title.clone(),
                    text: text.clone(),
                })
            })
            .collect()
    }

    pub fn period(&self, code: &str) -> Option<&Period> {
        self.periods.iter().find(|p| p.code == code)
    }

    /// Expands assignees against the tree: unit code → codes of the tasks it must report on.
    /// `wards` and `agencies` mean the issuer's direct children of that kind that exist on
    /// one of the plan's deadlines at least; which periods each owes is [`Period::covers`].
    pub fn assignments(&self, tree: &OrgTree) -> Result<BTreeMap<String, Vec<String>>, PlanError> {
        for unit in [&self.issuer, &self.reports_to] {
            if tree.get(unit).is_none() {
                return Err(PlanError::UnknownUnit(unit.clone()));
            }
        }
        let during_plan = |u: &OrgUnit| self.periods.iter().any(|p| p.covers(u));
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (si, section) in self.sections.iter().enumerate() {
            let mut units = Vec::new();
            for a in &section.assignees {
                match a {
                    Assignee::Wards => units.extend(
                        tree.children(&self.issuer)
                            .filter(|u| u.kind.is_ward() && during_plan(u))
                            .map(|u| u.code.clone()),
                    ),
                    Assignee::Agencies => units.extend(
                        tree.children(&self.issuer)
                            .filter(|u| u.kind.is_agency() && during_plan(u))
                            .map(|u| u.code.clone()),
                    ),
                    Assignee::Unit(code) => {
                        if tree.get(code).is_none() {
                            return Err(PlanError::UnknownUnit(code.clone()));
                        }
                        units.push(code.clone());
                    }
                }
            }
            for unit in units {
                let tasks = out.entry(unit).or_default();
                for ti in 0..section.tasks.len() {
                    let code = format!("{}.{}", si + 1, ti + 1);
                    if !tasks.contains(&code) {
                        tasks.push(code);
                    }
                }
            }
        }
        Ok(out)
    }

    /// The same plan for another year: the year replaced in dates, period codes and labels
    /// and the title. The demo uses it so that a deadline is always ahead.
    pub fn rolled_to(&self, year: i32) -> Plan {
        let from = self.year.to_string();
        let to = year.to_string();
        let shift = |d: NaiveDate| d.with_year_clamped(year - self.year);
        Plan {
            year,
            issued_on: shift(self.issued_on),
            title: self.title.replace(&from, &to),
            periods: self
                .periods
                .iter()
                .map(|p| Period {
                    code: p.code.replace(&from, &to),
                    label: p.label.replace(&from, &to),
                    kind: p.kind,
                    due_before: shift(p.due_before),
                    data_range: p.data_range.map(|r| DataRange {
                        from: shift(r.from),
                        to: shift(r.to),
                    }),
                    signed_copy_required: p.signed_copy_required,
                    evaluation: p.evaluation.as_ref().map(|e| EvaluationOf {
                        criteria: e.criteria.clone(),
                        year_of: e.year_of.as_ref().map(|y| y.replace(&from, &to)),
                    }),
                })
                .collect(),
            sections: self
                .sections
                .iter()
                .map(|s| TaskSection {
                    title: s.title.clone(),
                    assignees: s.assignees.clone(),
                    tasks: s.tasks.iter().map(|t| t.replace(&from, &to)).collect(),
                })
                .collect(),
            ..self.clone()
        }
    }
}

trait ShiftYears {
    fn with_year_clamped(self, years: i32) -> NaiveDate;
}

impl ShiftYears for NaiveDate {
    /// Moves by whole years; 29 February becomes 28 February in a common year.
    fn with_year_clamped(self, years: i32) -> NaiveDate {
        use chrono::Datelike;
        let year = self.year() + years;
        NaiveDate::from_ymd_opt(year, self.month(), self.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month(), self.day() - 1))
            .unwrap_or(self)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    number: String,
    issuer: String,
    issued_on: NaiveDate,
    place: String,
    year: i32,
    kind: String,
    title: String,
    template: String,
    reports_to: String,
    signer: Signer,
    #[serde(default)]
    bases: Vec<String>,
    periods: Vec<Period>,
    sections: Vec<TaskSection>,
    /// Absent: at [`DEFAULT_REMINDER_HOUR`]; `null` (JSON only): no automatic reminders.
    #[serde(default = "default_reminder_hour")]
    reminder_hour: Option<u8>,
    #[serde(default, skip_serializing_if = "Upward::is_empty")]
    upward: Upward,
}

impl TryFrom<PlanFile> for Plan {
    type Error = PlanError;
    fn try_from(f: PlanFile) -> Result<Plan, PlanError> {
        if f.periods.is_empty() {
            return Err(PlanError::NoPeriods);
        }
        // "847/KH-UBND": the kind is the symbol's first part.
        let symbol = f.number.split_once('/').map(|(_, symbol)| symbol);
        if symbol.and_then(|s| s.split('-').next()) != Some(f.kind.as_str()) {
            return Err(PlanError::KindNotInNumber {
                number: f.number,
                kind: f.kind,
            });
        }
        if let Some(hour) = f.reminder_hour.filter(|h| *h > 23) {
            return Err(PlanError::ReminderHour(hour));
        }
        let mut seen = std::collections::HashSet::new();
        for p in &f.periods {
            if !seen.insert(&p.code) {
                return Err(PlanError::DuplicatePeriod(p.code.clone()));
            }
        }
        // An evaluation reads the report of another period, one that is no evaluation.
        for p in &f.periods {
            let Some(year_of) = p.evaluation.as_ref().and_then(|e| e.year_of.as_ref()) else {
                continue;
            };
            let reported = f
                .periods
                .iter()
                .any(|r| &r.code == year_of && r.evaluation.is_none());
            if !reported {
                return Err(PlanError::EvaluationOf {
                    period: p.code.clone(),
                    year_of: year_of.clone(),
                });
            }
        }
        Ok(Plan {
            number: f.number,
            issuer: f.issuer,
            issued_on: f.issued_on,
            place: f.place,
            year: f.year,
            kind: f.kind,
            title: f.title,
            template: f.template,
            reports_to: f.reports_to,
            signer: f.signer,
            bases: f.bases,
            periods: f.periods,
            sections: f.sections,
            reminder_hour: f.reminder_hour,
            upward: f.upward,
        })
    }
}

impl From<Plan> for PlanFile {
    fn from(p: Plan) -> PlanFile {
        PlanFile {
            number: p.number,
            issuer: p.issuer,
            issued_on: p.issued_on,
            place: p.place,
            year: p.year,
            kind: p.kind,
            title: p.title,
            template: p.template,
            reports_to: p.reports_to,
            signer: p.signer,
            bases: p.bases,
            periods: p.periods,
            sections: p.sections,
            reminder_hour: p.reminder_hour,
            upward: p.upward,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::org::{OrgKind, OrgUnit};

    pub const DEMO: &str = include_str!("../../../server/demo/plan-847-KH-UBND-2023.toml");
    const ORG: &str = include_str!("../../../server/demo/org-units.csv");

    pub fn tree() -> OrgTree {
        let units = ORG
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let c: Vec<&str> = l.split(',').collect();
                let parent = (!c[1].is_empty()).then_some(c[1]);
                OrgUnit::new(c[0], parent, OrgKind::parse(c[2]).unwrap(), c[3])
            })
            .collect();
        OrgTree::new(units).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn deadline_is_midnight_in_vietnam() {
        let plan = Plan::from_toml(DEMO).unwrap();
        let p = plan.period("2023-6T").unwrap();
        assert_eq!(p.deadline(), at("2023-05-04T17:00:00Z"));
        assert!(p.is_on_time(at("2023-05-04T23:59:59+07:00")));
        assert!(!p.is_on_time(at("2023-05-05T00:00:00+07:00")));
        assert!(!p.is_on_time(at("2023-05-05T00:00:01+07:00")));
        assert_eq!(p.due_before, NaiveDate::from_ymd_opt(2023, 5, 5).unwrap());
    }

    #[test]
    fn days_left_counts_vietnamese_calendar_days() {
        let due = NaiveDate::from_ymd_opt(2023, 5, 5).unwrap();
        assert_eq!(days_left(due, at("2023-05-02T10:00:00+07:00")), 3);
        // 23:30 UTC on 4 May is already 5 May in Vietnam.
        assert_eq!(days_left(due, at("2023-05-04T23:30:00Z")), 0);
        assert_eq!(days_left(due, at("2023-05-07T08:00:00+07:00")), -2);
    }

    #[test]
    fn expands_wards_agencies_and_codes() {
        let plan = Plan::from_toml(DEMO).unwrap();
        let a = plan.assignments(&tree()).unwrap();
        // 16 wards and 5 agencies of Gò Vấp; nothing from Phú Nhuận.
        assert_eq!(a.len(), 21);
        assert!(!a.keys().any(|k| k.starts_with("HCM.PN")));
        assert_eq!(a["HCM.GV.P01"].len(), 13 + 6);
        assert_eq!(a["HCM.GV.VP"].len(), 13 + 6 + 3);
        assert_eq!(plan.tasks().len(), 13 + 6 + 3 + 2 + 1 + 1 + 1);
    }

    #[test]
    fn a_ward_abolished_before_a_plan_is_not_assigned() {
        let mut units: Vec<OrgUnit> = tree().subtree("HCM.GV").into_iter().cloned().collect();
        let ended = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
        units
            .iter_mut()
            .find(|u| u.code == "HCM.GV.P03")
            .unwrap()
            .until = Some(ended);
        let mut parents = vec![OrgUnit::new("HCM", None, OrgKind::ThanhPho, "HCM")];
        parents.extend(units);
        let tree = OrgTree::new(parents).unwrap();
        let plan = Plan::from_toml(DEMO).unwrap();
        // It still owes the first half of 2023, not the year.
        assert!(plan.assignments(&tree).unwrap().contains_key("HCM.GV.P03"));
        let p03 = tree.get("HCM.GV.P03").unwrap();
        assert!(plan.period("2023-6T").unwrap().covers(p03));
        assert!(!plan.period("2023-N").unwrap().covers(p03));
        let later = plan.rolled_to(2024);
        assert!(!later.assignments(&tree).unwrap().contains_key("HCM.GV.P03"));
        assert!(later.assignments(&tree).unwrap().contains_key("HCM.GV.P01"));
    }

    #[test]
    fn unknown_assignee_is_named() {
        let text = DEMO.replace("assignees = [\"HCM.GV.VP\"]", "assignees = [\"HCM.GV.XX\"]");
        let plan = Plan::from_toml(&text).unwrap();
        assert_eq!(
            plan.assignments(&tree()).unwrap_err(),
            PlanError::UnknownUnit("HCM.GV.XX".into())
        );
    }

    #[test]
    fn rolls_forward_to_another_year() {
        let plan = Plan::from_toml(DEMO).unwrap().rolled_to(2027);
        assert_eq!(plan.id(), "847-KH-UBND-2027");
        let p = &plan.periods[0];
        assert_eq!(
            (p.code.as_str(), p.label.as_str()),
            ("2027-6T", "Báo cáo 6 tháng đầu năm 2027")
        );
        assert_eq!(p.due_before, NaiveDate::from_ymd_opt(2027, 5, 5).unwrap());
        assert!(plan.title.contains("năm 2027"));
    }

    #[test]
    fn a_period_may_state_its_data_range() {
        let text = DEMO.replace(
            "due_before = \"2023-05-05\"",
            "due_before = \"2023-05-05\"\ndata_range = { from = \"2022-12-15\", to = \"2023-06-14\" }",
        );
        let plan = Plan::from_toml(&text).unwrap().rolled_to(2026);
        let range = plan.periods[0].data_range.unwrap();
        assert_eq!(
            range.text(),
            "Số liệu tính từ ngày 15/12/2025 đến ngày 14/06/2026"
        );
        assert_eq!(plan.periods[1].data_range, None);
    }

    #[test]
    fn the_kind_is_the_number_s() {
        let text = DEMO.replace("kind = \"KH\"", "kind = \"QĐ\"");
        assert!(matches!(
            Plan::from_toml(&text).unwrap_err(),
            PlanError::KindNotInNumber { .. }
        ));
    }

    #[test]
    fn duplicate_periods_are_refused() {
        let text = DEMO.replace("code = \"2023-N\"", "code = \"2023-6T\"");
        assert_eq!(
            Plan::from_toml(&text).unwrap_err(),
            PlanError::DuplicatePeriod("2023-6T".into())
        );
    }

    #[test]
    fn an_evaluation_scores_a_reporting_period_or_stands_alone() {
        let city = include_str!("../../../server/demo/plan-hcm-dan-van-chinh-quyen-2026.toml");
        let plan = Plan::from_toml(city).unwrap();
        let evaluation = plan.period("2026-DG").and_then(|p| p.evaluation.clone());
        assert_eq!(evaluation.and_then(|e| e.year_of), Some("2026-N".into()));
        // Rolled to another year, it scores that year's report.
        let next = plan.rolled_to(2027);
        let rolled = next.period("2027-DG").and_then(|p| p.evaluation.clone());
        assert_eq!(rolled.and_then(|e| e.year_of), Some("2027-N".into()));
        // Standing alone, it reads no report; naming a period the plan lacks is refused.
        let alone = city.replace(", year_of = \"2026-N\"", "");
        let plan = Plan::from_toml(&alone).unwrap();
        let evaluation = plan.period("2026-DG").and_then(|p| p.evaluation.clone());
        assert_eq!(evaluation.map(|e| e.year_of), Some(None));
        let wrong = city.replace("year_of = \"2026-N\"", "year_of = \"2026-Q4\"");
        assert_eq!(
            Plan::from_toml(&wrong).unwrap_err(),
            PlanError::EvaluationOf {
                period: "2026-DG".into(),
                year_of: "2026-Q4".into()
            }
        );
    }
}
