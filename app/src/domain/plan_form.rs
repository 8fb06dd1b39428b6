//! A plan as its administrators edit it in the page: the number, title and dates, the
//! periods with their deadlines and data ranges, the task sections with their assignees,
//! and the template version new reports start on. Checked here, every bad field named
//! (`periods.1.due_before`), before the server checks what needs the store.

use super::field_error::FieldError;
use super::plan::{Assignee, DataRange, Period, PeriodKind, Plan, TaskSection, Upward};
use crate::format::date;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanForm {
    pub number: String,
    pub title: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub issued_on: NaiveDate,
    pub template_version: u32,
    pub periods: Vec<Period>,
    pub sections: Vec<SectionForm>,
    /// The hour of automatic reminders (0–23), or none.
    pub reminder_hour: Option<u8>,
    /// Where the issuer's own report goes: “Kính gửi” and “Nơi nhận”.
    #[serde(default)]
    pub upward: Upward,
}

/// A section of tasks: `assignees` are unit codes, or `wards` / `agencies` for every
/// ward or agency directly under the issuer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SectionForm {
    pub title: String,
    pub assignees: Vec<String>,
    pub tasks: Vec<String>,
}

/// The earliest `due_before` that leaves the unit one working day (Monday to Friday) after
/// the last day of its figures. Public holidays are not known to baocao: a plan whose
/// deadline falls after one is the issuer's judgement.
pub fn earliest_deadline(data_end: NaiveDate) -> NaiveDate {
    let mut day = data_end;
    loop {
        day = day.succ_opt().unwrap_or(day);
        if day.weekday().num_days_from_monday() < 5 {
            // Reports are on time before 00:00 of `due_before`: the working day is whole.
            return day.succ_opt().unwrap_or(day);
        }
    }
}

/// A text as the plan keeps it: trimmed, without direction controls.
pub(super) fn clean(s: &str) -> String {
    crate::format::without_direction_controls(s.trim())
}

/// The longest title, label or task text taken.
const MAX_TEXT: usize = 2_000;

/// The most bodies “Kính gửi” and “Nơi nhận” name together.
const MAX_RECIPIENTS: usize = 30;

impl PlanForm {
    pub fn of(plan: &Plan, template_version: u32) -> PlanForm {
        PlanForm {
            number: plan.number.clone(),
            title: plan.title.clone(),
            issued_on: plan.issued_on,
            template_version,
            periods: plan.periods.clone(),
            sections: plan
                .sections
                .iter()
                .map(|s| SectionForm {
                    title: s.title.clone(),
                    assignees: s.assignees.iter().cloned().map(String::from).collect(),
                    tasks: s.tasks.clone(),
                })
                .collect(),
            reminder_hour: plan.reminder_hour,
            upward: plan.upward.clone(),
        }
    }

    /// A new period after the last: the same kind, a year on, for the admin to change.
    pub fn blank_period(&self) -> Period {
        let last = self.periods.last();
        Period {
            code: String::new(),
            label: String::new(),
            kind: last.map_or(PeriodKind::Nam, |p| p.kind),
            due_before: last.map_or(self.issued_on, |p| p.due_before),
            data_range: None,
            signed_copy_required: last.is_some_and(|p| p.signed_copy_required),
            evaluation: None,
        }
    }

    /// `plan` with this form's fields, or every bad field named. The plan's year, issuer,
    /// template and signer stay as they are: another year is a plan rolled forward.
    pub fn apply(&self, plan: &Plan) -> Result<Plan, Vec<FieldError>> {
        let mut errors = Vec::new();
        let number = self.number.trim();
        let kind = number
            .split_once('/')
            .and_then(|(_, symbol)| symbol.split('-').next());
        if let Some(error) = number_error(number) {
            errors.push(error);
        } else if kind != Some(plan.kind.as_str()) {
            errors.push(FieldError::new(
                "number",
                format!(
                    "Số kế hoạch phải có ký hiệu {} (như 847/{}-UBND).",
                    plan.kind, plan.kind
                ),
                format!(
                    "The plan number needs the symbol {} (as in 847/{}-UBND).",
                    plan.kind, plan.kind
                ),
            ));
        }
        text(
            &mut errors,
            "title",
            &self.title,
            ("Tên kế hoạch", "The plan's title"),
        );
        if self.periods.is_empty() {
            errors.push(FieldError::new(
                "periods",
                "Kế hoạch cần ít nhất một kỳ báo cáo.",
                "A plan needs at least one reporting period.",
            ));
        }
        for (i, p) in self.periods.iter().enumerate() {
            let code = p.code.trim();
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                errors.push(FieldError::new(
                    &format!("periods.{i}.code"),
                    "Mã kỳ gồm chữ cái không dấu, chữ số và dấu - (ví dụ 6T-2023).",
                    "A period code has unaccented letters, digits and - (for example 6T-2023).",
                ));
            } else if self.periods[..i].iter().any(|q| q.code.trim() == code) {
                errors.push(FieldError::new(
                    &format!("periods.{i}.code"),
                    format!("Mã kỳ {code} bị trùng."),
                    format!("The period code {code} is used twice."),
                ));
            }
            text(
                &mut errors,
                &format!("periods.{i}.label"),
                &p.label,
                ("Tên kỳ", "The period's name"),
            );
            if let Some(r) = p.data_range {
                if r.from > r.to {
                    errors.push(FieldError::new(
                        &format!("periods.{i}.data_range"),
                        "Ngày bắt đầu số liệu phải trước ngày kết thúc.",
                        "The figures' first day must come before their last.",
                    ));
                } else if p.due_before < earliest_deadline(r.to) {
                    let (end, earliest) = (date(r.to), date(earliest_deadline(r.to)));
                    errors.push(FieldError::new(
                        &format!("periods.{i}.due_before"),
                        format!("Hạn nộp phải để ít nhất một ngày làm việc sau ngày chốt số liệu {end} (Nghị định 09/2019/NĐ-CP, Điều 8 khoản 5): chọn hạn từ {earliest} trở đi."),
                        format!("The deadline must leave at least one working day after the figures end on {end} (Decree 09/2019/ND-CP, Article 8(5)): choose {earliest} or later."),
                    ));
                }
            }
        }
        if self.reminder_hour.is_some_and(|h| h > 23) {
            errors.push(FieldError::new(
                "reminder_hour",
                "Giờ nhắc tự động từ 0 đến 23.",
                "The hour of automatic reminders is from 0 to 23.",
            ));
        }
        let upward = &self.upward;
        let mut texts = upward
            .to
            .iter()
            .chain(&upward.copies)
            .chain([&upward.filed]);
        if upward.to.len() + upward.copies.len() > MAX_RECIPIENTS
            || texts.any(|t| t.chars().count() > MAX_TEXT)
        {
            errors.push(FieldError::new(
                "upward",
                "Tối đa 30 nơi nhận, mỗi nơi không quá 2.000 ký tự.",
                "At most 30 recipients, each of at most 2,000 characters.",
            ));
        }
        if self.sections.is_empty() {
            errors.push(FieldError::new(
                "sections",
                "Kế hoạch cần ít nhất một nhóm nhiệm vụ.",
                "A plan needs at least one group of tasks.",
            ));
        }
        for (i, s) in self.sections.iter().enumerate() {
            text(
                &mut errors,
                &format!("sections.{i}.title"),
                &s.title,
                ("Tên nhóm nhiệm vụ", "The group's title"),
            );
            if s.assignees.is_empty() {
                errors.push(FieldError::new(
                    &format!("sections.{i}.assignees"),
                    "Chọn ít nhất một đơn vị thực hiện.",
                    "Choose at least one unit to carry it out.",
                ));
            }
            if s.tasks.is_empty() {
                errors.push(FieldError::new(
                    &format!("sections.{i}.tasks"),
                    "Nhóm cần ít nhất một nhiệm vụ.",
                    "A group needs at least one task.",
                ));
            }
            for (j, task) in s.tasks.iter().enumerate() {
                text(
                    &mut errors,
                    &format!("sections.{i}.tasks.{j}"),
                    task,
                    ("Nhiệm vụ", "A task"),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Plan {
            number: number.to_string(),
            title: clean(&self.title),
            issued_on: self.issued_on,
            periods: self
                .periods
                .iter()
                .map(|p| Period {
                    code: p.code.trim().to_string(),
                    label: clean(&p.label),
                    kind: p.kind,
                    due_before: p.due_before,
                    data_range: p.data_range.map(|r| DataRange {
                        from: r.from,
                        to: r.to,
                    }),
                    signed_copy_required: p.signed_copy_required,
                    // Not in the form: an evaluation period comes from a plan file.
                    evaluation: p.evaluation.clone(),
                })
                .collect(),
            sections: self
                .sections
                .iter()
                .map(|s| TaskSection {
                    title: clean(&s.title),
                    assignees: s.assignees.iter().cloned().map(Assignee::from).collect(),
                    tasks: s.tasks.iter().map(|t| clean(t)).collect(),
                })
                .collect(),
            reminder_hour: self.reminder_hour,
            upward: Upward {
                to: lines(&self.upward.to),
                copies: lines(&self.upward.copies),
                filed: clean(&self.upward.filed),
            },
            ..plan.clone()
        })
    }
}

/// The non-empty lines of a list, each as the plan keeps a text.
fn lines(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect()
}

/// What is wrong with a plan number (trimmed), as the `number` field's error. The number
/// makes the plan's id, which goes into every report's address.
pub fn number_error(number: &str) -> Option<FieldError> {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.');
    (number.is_empty() || !number.chars().all(plain)).then(|| {
        FieldError::new(
            "number",
            "Số kế hoạch gồm chữ cái không dấu, chữ số và / - . (ví dụ 120/KH-UBND).",
            "A plan number has unaccented letters, digits and / - . (for example 120/KH-UBND).",
        )
    })
}

/// A text field that may be neither empty nor too long; `name` is what it is, in
/// Vietnamese and English.
pub(super) fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, name: (&str, &str)) {
    let (vi, en) = name;
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(
            field,
            format!("{vi} không được để trống."),
            format!("{en} may not be empty."),
        ));
    } else if value.chars().count() > MAX_TEXT {
        errors.push(FieldError::new(
            field,
            format!("{vi} tối đa {MAX_TEXT} ký tự."),
            format!("{en} has at most {MAX_TEXT} characters."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan::from_toml(include_str!(
            "../../../server/demo/plan-847-KH-UBND-2023.toml"
        ))
        .expect("demo plan")
    }

    #[test]
    fn an_unchanged_form_gives_the_plan_back() {
        let plan = plan();
        assert_eq!(PlanForm::of(&plan, 1).apply(&plan), Ok(plan));
    }

    #[test]
    fn every_bad_field_is_named() {
        let plan = plan();
        let mut form = PlanForm::of(&plan, 1);
        form.number = "12/CV-UBND".into();
        form.title = "  ".into();
        form.periods[1].code = form.periods[0].code.clone();
        let due = form.periods[0].due_before;
        let day_before = due.pred_opt().expect("a day before");
        form.periods[0].data_range = Some(DataRange {
            from: due,
            to: day_before,
        });
        form.sections[0].tasks.push(String::new());
        form.sections[1].assignees.clear();
        form.reminder_hour = Some(24);
        let errors = form.apply(&plan).expect_err("refused");
        // Each worded in English too: no letter outside ASCII.
        for e in &errors {
            let english = &e.message.en;
            assert!(
                !english.chars().any(|c| c.is_alphabetic() && !c.is_ascii()),
                "{english}"
            );
        }
        let fields: Vec<String> = errors.into_iter().map(|e| e.field).collect();
        let last = form.sections[0].tasks.len() - 1;
        assert_eq!(
            fields,
            [
                "number".to_string(),
                "title".into(),
                "periods.0.data_range".into(),
                "periods.1.code".into(),
                "reminder_hour".into(),
                format!("sections.0.tasks.{last}"),
                "sections.1.assignees".into(),
            ]
        );
    }

    #[test]
    fn a_deadline_leaves_a_working_day_after_the_figures_end() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        // Figures to Friday 12/06: Monday 15/06 is the working day, due before 16/06.
        assert_eq!(earliest_deadline(day(6, 12)), day(6, 16));
        // To Sunday 14/06: the same Monday.
        assert_eq!(earliest_deadline(day(6, 14)), day(6, 16));
        // To Monday 15/06: Tuesday.
        assert_eq!(earliest_deadline(day(6, 15)), day(6, 17));

        let plan = plan();
        let mut form = PlanForm::of(&plan, 1);
        form.periods[0].data_range = Some(DataRange {
            from: day(1, 1),
            to: day(6, 12),
        });
        form.periods[0].due_before = day(6, 15);
        let errors = form.apply(&plan).expect_err("too early");
        assert_eq!(errors[0].field, "periods.0.due_before");
        assert_eq!(
            errors[0].message.vi,
            "Hạn nộp phải để ít nhất một ngày làm việc sau ngày chốt số liệu 12/06/2026 \
             (Nghị định 09/2019/NĐ-CP, Điều 8 khoản 5): chọn hạn từ 16/06/2026 trở đi."
        );
        form.periods[0].due_before = day(6, 16);
        let mut changed = plan.clone();
        changed.periods[0].due_before = day(6, 16);
        changed.periods[0].data_range = form.periods[0].data_range;
        assert_eq!(form.apply(&plan), Ok(changed));
    }

    #[test]
    fn a_changed_deadline_and_task_reach_the_plan() {
        let plan = plan();
        let mut form = PlanForm::of(&plan, 1);
        form.periods[0].due_before = NaiveDate::from_ymd_opt(2023, 5, 10).expect("date");
        form.sections[0].tasks.push(" Tổ chức đối thoại ".into());
        let edited = form.apply(&plan).expect("valid");
        assert_eq!(edited.periods[0].due_before.to_string(), "2023-05-10");
        assert_eq!(
            edited.sections[0].tasks.last().map(String::as_str),
            Some("Tổ chức đối thoại")
        );
        assert_eq!(edited.year, plan.year);
        assert_eq!(edited.signer, plan.signer);
    }
}
