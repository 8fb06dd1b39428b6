//! A plan made in the page: what the plan editor leaves as it is (who issues it, who the
//! reports go to, the template, the year, where it is issued and who signs), and its form.
//! Checked here, every bad field named, before the server checks the units and the store.

use super::field_error::FieldError;
use super::plan::{Plan, Signer, Upward};
use super::plan_form::{clean, text, PlanForm};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewPlan {
    /// The issuing unit's code.
    pub issuer: String,
    /// The code of the unit the reports go to (the issuer's own office for home affairs,
    /// as Phòng Nội vụ for a district).
    pub reports_to: String,
    /// The template's id; new reports start on its latest version.
    pub template: String,
    pub year: i32,
    /// The place named before the date ("Gò Vấp, ngày 10 tháng 3 năm 2023").
    pub place: String,
    pub signer: Signer,
    pub form: PlanForm,
}

impl NewPlan {
    /// The plan, or every bad field named. The plan's kind is its number's symbol
    /// ("KH" of 847/KH-UBND); a number without one is refused as asking for "KH".
    pub fn apply(&self) -> Result<Plan, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, value) in [
            ("issuer", &self.issuer),
            ("reports_to", &self.reports_to),
            ("template", &self.template),
        ] {
            if value.trim().is_empty() {
                errors.push(FieldError::new(field, "Hãy chọn một mục.", "Choose one."));
            }
        }
        if !(2000..=2100).contains(&self.year) {
            errors.push(FieldError::new(
                "year",
                "Năm phải từ 2000 đến 2100.",
                "The year must be from 2000 to 2100.",
            ));
        }
        text(&mut errors, "place", &self.place, ("Địa danh", "The place"));
        text(
            &mut errors,
            "signer.title",
            &self.signer.title,
            ("Chức vụ người ký", "The signer's title"),
        );
        text(
            &mut errors,
            "signer.name",
            &self.signer.name,
            ("Họ tên người ký", "The signer's name"),
        );
        let number = self.form.number.trim();
        let kind = number
            .split_once('/')
            .and_then(|(_, symbol)| symbol.split('-').next())
            .filter(|kind| !kind.is_empty())
            .unwrap_or("KH");
        let skeleton = Plan {
            number: number.to_string(),
            issuer: self.issuer.trim().to_string(),
            issued_on: self.form.issued_on,
            place: clean(&self.place),
            year: self.year,
            kind: kind.to_string(),
            title: String::new(),
            template: self.template.trim().to_string(),
            reports_to: self.reports_to.trim().to_string(),
            signer: Signer {
                // Empty when the head signs in their own name.
                capacity: clean(&self.signer.capacity),
                title: clean(&self.signer.title),
                name: clean(&self.signer.name),
            },
            bases: Vec::new(),
            periods: Vec::new(),
            sections: Vec::new(),
            // The form's.
            reminder_hour: None,
            upward: Upward::default(),
        };
        match self.form.apply(&skeleton) {
            Ok(plan) if errors.is_empty() => Ok(plan),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Period, PeriodKind};
    use crate::domain::plan_form::SectionForm;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn new_plan() -> NewPlan {
        NewPlan {
            issuer: "HCM.GV".into(),
            reports_to: "HCM.GV.PNV".into(),
            template: "dan-van-chinh-quyen".into(),
            year: 2027,
            place: " Gò Vấp ".into(),
            signer: Signer {
                capacity: "KT. CHỦ TỊCH".into(),
                title: "PHÓ CHỦ TỊCH".into(),
                name: "Đào Thị My Thư".into(),
            },
            form: PlanForm {
                number: "12/KH-UBND".into(),
                title: "Công tác dân vận chính quyền năm 2027".into(),
                issued_on: day(2027, 1, 15),
                template_version: 1,
                periods: vec![Period {
                    code: "2027-N".into(),
                    label: "Báo cáo năm 2027".into(),
                    kind: PeriodKind::Nam,
                    due_before: day(2027, 11, 5),
                    data_range: None,
                    signed_copy_required: false,
                    evaluation: None,
                }],
                sections: vec![SectionForm {
                    title: "Nhiệm vụ chung".into(),
                    assignees: vec!["wards".into()],
                    tasks: vec!["Triển khai kế hoạch".into()],
                }],
                reminder_hour: Some(7),
                // As typed in the form: a line per body, blank ones and spaces dropped.
                upward: Upward {
                    to: vec![" Ủy ban nhân dân Thành phố Hồ Chí Minh ".into(), "".into()],
                    copies: vec!["Sở Nội vụ".into(), "  ".into()],
                    filed: " VT, PNV ".into(),
                },
            },
        }
    }

    #[test]
    fn a_whole_form_makes_the_plan_its_number_gives_the_kind() {
        let plan = new_plan().apply().unwrap();
        assert_eq!(plan.id(), "12-KH-UBND-2027");
        assert_eq!(plan.kind, "KH");
        assert_eq!(plan.place, "Gò Vấp");
        assert_eq!(plan.reminder_hour, Some(7));
        assert_eq!(
            plan.upward,
            Upward {
                to: vec!["Ủy ban nhân dân Thành phố Hồ Chí Minh".into()],
                copies: vec!["Sở Nội vụ".into()],
                filed: "VT, PNV".into(),
            }
        );
        assert_eq!(plan.reports_to, "HCM.GV.PNV");
        assert_eq!(plan.periods.len(), 1);
        assert_eq!(plan.tasks()[0].code, "1.1");
    }

    #[test]
    fn every_missing_part_is_named_with_the_forms_own() {
        let mut new = new_plan();
        new.issuer.clear();
        new.reports_to = " ".into();
        new.year = 1999;
        new.place.clear();
        new.signer.name.clear();
        new.form.title.clear();
        new.form.periods.clear();
        let fields: Vec<String> = new
            .apply()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "issuer",
                "reports_to",
                "year",
                "place",
                "signer.name",
                "title",
                "periods"
            ]
        );
    }

    #[test]
    fn a_number_without_a_symbol_is_refused_as_the_editor_refuses_it() {
        let mut new = new_plan();
        new.form.number = "12".into();
        let errors = new.apply().unwrap_err();
        assert_eq!(errors[0].field, "number");
        assert!(errors[0].message.vi.contains("ký hiệu KH"));
    }
}
