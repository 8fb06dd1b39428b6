//! The one rule engine: derived fields and validation rules over a report's values.
//! The browser runs it on every keystroke; the server runs it again on submit.

use super::template::{FieldKind, Severity, Template};
use super::value::Value;
use std::collections::BTreeMap;

/// A report's entered values by field code.
pub type Values = BTreeMap<String, Value>;

/// One problem found in a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The fields the message should stand beside.
    pub fields: Vec<String>,
    pub message: String,
    /// In English, when the template gives its words in English.
    pub message_en: Option<String>,
}

/// The number a field contributes to formulas: entered counts and percents, empty as 0,
/// derived fields computed (and `None` when not applicable).
fn number_of(template: &Template, values: &Values, code: &str, depth: u8) -> Option<f64> {
    let field = template.field(code)?;
    match &field.kind {
        FieldKind::Derived(expr) if depth < 8 => {
            expr.eval(&|c| number_of(template, values, c, depth + 1))
        }
        FieldKind::Derived(_) => None,
        _ => Some(values.get(code).and_then(Value::number).unwrap_or(0.0)),
    }
}

/// A derived field's value as a ratio (0.991 for 99,1%), or `None` when not applicable
/// (for instance a zero denominator).
pub fn derived_ratio(template: &Template, values: &Values, code: &str) -> Option<f64> {
    match &template.field(code)?.kind {
        FieldKind::Derived(_) => number_of(template, values, code, 0),
        _ => None,
    }
}

/// The error that keeps a derived field from being shown: a rule one of its inputs breaks.
/// A rate computed from figures known to be wrong (137,50% beside "the solved exceed the
/// received") is a number nobody can use; the page shows "—" and this error instead.
pub fn blocking_error(template: &Template, values: &Values, code: &str) -> Option<Finding> {
    let FieldKind::Derived(expr) = &template.field(code)?.kind else {
        return None;
    };
    let inputs = expr.fields();
    check_rules(template, values).into_iter().find(|f| {
        f.severity == Severity::Error && f.fields.iter().any(|c| inputs.contains(&c.as_str()))
    })
}

/// Every rule that does not hold, and every required field left empty.
pub fn check(template: &Template, values: &Values) -> Vec<Finding> {
    let mut findings = Vec::new();
    for field in template.fields() {
        let empty = match values.get(&field.code) {
            None => true,
            Some(Value::Text(t)) => t.trim().is_empty(),
            Some(_) => false,
        };
        if field.required && empty && !matches!(field.kind, FieldKind::Derived(_)) {
            findings.push(Finding {
                severity: Severity::Error,
                fields: vec![field.code.clone()],
                message: format!("{}: chưa nhập (bắt buộc).", field.label),
                message_en: field
                    .label_en
                    .as_ref()
                    .map(|label| format!("{label}: not entered (required).")),
            });
        }
    }
    findings.extend(check_rules(template, values));
    findings
}

/// Only the template's rules, without the required-field check: what the page shows
/// while the user is still typing.
pub fn check_rules(template: &Template, values: &Values) -> Vec<Finding> {
    template
        .rules()
        .filter_map(|rule| {
            let lookup = |c: &str| number_of(template, values, c, 0);
            let (left, right) = (rule.left.eval(&lookup)?, rule.right.eval(&lookup)?);
            (!rule.holds(left, right)).then(|| Finding {
                severity: rule.severity,
                fields: rule.fields().into_iter().map(str::to_string).collect(),
                message: rule.message.clone(),
                message_en: rule.message_en.clone(),
            })
        })
        .collect()
}

/// Whether findings allow submission: warnings do, errors do not.
pub fn blocks_submission(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::tests::demo;
    use crate::format::Numbers;

    fn values(pairs: &[(&str, u64)]) -> Values {
        pairs
            .iter()
            .map(|(c, n)| (c.to_string(), Value::Count(*n)))
            .collect()
    }

    #[test]
    fn rate_is_recomputed_exactly() {
        let t = demo();
        let v = values(&[("hs_dung_han", 39_055), ("hs_tre_han", 354)]);
        let r = derived_ratio(&t, &v, "ty_le_dung_han").unwrap();
        assert_eq!(Numbers::Vietnamese.ratio_as_percent(r), "99,10%");
    }

    #[test]
    fn zero_denominator_is_not_applicable() {
        let t = demo();
        let v = values(&[("don_da_giai_quyet", 0)]);
        assert_eq!(derived_ratio(&t, &v, "ty_le_giai_quyet_don"), None);
    }

    #[test]
    fn an_error_rule_names_its_fields_and_blocks() {
        let t = demo();
        let v = values(&[("tcd_luot", 3), ("tcd_lanh_dao_luot", 5)]);
        let findings = check_rules(&t, &v);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].fields, vec!["tcd_lanh_dao_luot", "tcd_luot"]);
        assert!(blocks_submission(&findings));
    }

    #[test]
    fn a_rate_of_figures_that_break_a_rule_is_not_shown() {
        let t = demo();
        let v = values(&[
            ("don_tiep_nhan", 10),
            ("don_thuoc_tham_quyen", 8),
            ("don_da_giai_quyet", 11),
        ]);
        let error = blocking_error(&t, &v, "ty_le_giai_quyet_don").expect("blocked");
        assert!(error.fields.contains(&"don_da_giai_quyet".to_string()));
        let fine = values(&[
            ("don_tiep_nhan", 10),
            ("don_thuoc_tham_quyen", 8),
            ("don_da_giai_quyet", 7),
        ]);
        assert_eq!(blocking_error(&t, &fine, "ty_le_giai_quyet_don"), None);
        assert_eq!(
            blocking_error(&t, &v, "don_da_giai_quyet"),
            None,
            "not derived"
        );
    }

    #[test]
    fn a_warning_does_not_block() {
        let t = demo();
        let v = values(&[("don_tiep_nhan", 1), ("don_vuot_cap", 2)]);
        let findings = check_rules(&t, &v);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert!(!blocks_submission(&findings));
    }

    #[test]
    fn sums_on_the_left_of_a_rule() {
        let t = demo();
        let v = values(&[
            ("don_tiep_nhan", 3),
            ("don_khieu_nai", 2),
            ("don_to_cao", 2),
        ]);
        let msgs: Vec<_> = check_rules(&t, &v).into_iter().map(|f| f.message).collect();
        assert_eq!(
            msgs,
            vec!["Tổng số đơn theo phân loại không được lớn hơn tổng số đơn tiếp nhận."]
        );
    }

    #[test]
    fn findings_carry_the_template_s_english() {
        let t = demo();
        let found = check(&t, &values(&[("tcd_luot", 1), ("tcd_lanh_dao_luot", 2)]));
        let rule = found
            .iter()
            .find(|f| f.fields.contains(&"tcd_lanh_dao_luot".to_string()));
        assert_eq!(
            rule.and_then(|f| f.message_en.as_deref()),
            Some("Visits received by leaders cannot exceed all citizen reception visits.")
        );
        let required = found.iter().find(|f| f.fields == ["uu_diem"]);
        assert_eq!(
            required.and_then(|f| f.message_en.as_deref()),
            Some("Strengths: not entered (required).")
        );
    }

    #[test]
    fn empty_required_fields_are_listed_by_label() {
        let t = demo();
        let findings = check(&t, &Values::new());
        let required = t.fields().filter(|f| f.required).count();
        assert_eq!(findings.len(), required);
        assert!(findings
            .iter()
            .any(|f| f.message == "Số lượt tiếp công dân: chưa nhập (bắt buộc)."));
    }
}
