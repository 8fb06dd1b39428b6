//! A consolidated report's figures as sentences, each compared with the same period of
//! the year before where that period's figures exist: “Số lượt tiếp công dân: 1.234 lượt,
//! tăng 12% so với cùng kỳ”. Rates are recomputed from the sums, and one whose inputs break
//! a rule is left out rather than printed wrong.

use crate::domain::rules::{blocking_error, derived_ratio, Values};
use crate::domain::template::{FieldKind, Section, Template};
use crate::domain::value::Value;
use crate::format::Numbers;

const N: Numbers = Numbers::Vietnamese;

/// “168/171 đơn vị đã gửi báo cáo”.
pub fn reported(reported: usize, expected: usize) -> String {
    format!(
        "{}/{} đơn vị đã gửi báo cáo",
        N.integer(reported as u64),
        N.integer(expected as u64)
    )
}

/// The section's figures as one sentence, or `None` when it has none entered.
pub fn section_sentence(
    template: &Template,
    section: &Section,
    now: &Values,
    before: Option<&Values>,
) -> Option<String> {
    let parts: Vec<String> = section
        .fields
        .iter()
        .filter_map(|field| {
            let unit = field
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let figure = match (&field.kind, now.get(&field.code)) {
                (FieldKind::Count, Some(Value::Count(n))) => {
                    let was = match before.and_then(|b| b.get(&field.code)) {
                        Some(Value::Count(was)) => Some(*was as f64),
                        _ => None,
                    };
                    format!("{}{unit}{}", N.integer(*n), change(*n as f64, was))
                }
                (FieldKind::Percent, Some(Value::Percent(p))) => {
                    let was = match before.and_then(|b| b.get(&field.code)) {
                        Some(Value::Percent(was)) => Some(N.hundredths(was.hundredths())),
                        _ => None,
                    };
                    format!("{}%{}", N.hundredths(p.hundredths()), same_period(was, "%"))
                }
                (FieldKind::Derived(_), _) => {
                    if blocking_error(template, now, &field.code).is_some() {
                        return None;
                    }
                    let ratio = derived_ratio(template, now, &field.code)?;
                    let was = before
                        .filter(|b| blocking_error(template, b, &field.code).is_none())
                        .and_then(|b| derived_ratio(template, b, &field.code))
                        .map(|r| N.ratio_as_percent(r));
                    format!("{}{}", N.ratio_as_percent(ratio), same_period(was, ""))
                }
                _ => return None,
            };
            Some(format!("{}: {figure}", field.label))
        })
        .collect();
    (!parts.is_empty()).then(|| format!("{}.", parts.join("; ")))
}

/// “, tăng 12% so với cùng kỳ”, “, giảm 3% …”, “, bằng cùng kỳ”; nothing without a figure
/// of the year before to compare with (or one of 0, of which no percentage is a change).
fn change(now: f64, before: Option<f64>) -> String {
    let Some(before) = before.filter(|b| *b > 0.0) else {
        return String::new();
    };
    let percent = ((now - before) / before * 100.0).round();
    if percent == 0.0 {
        ", bằng cùng kỳ".to_string()
    } else if percent > 0.0 {
        format!(", tăng {}% so với cùng kỳ", N.integer(percent as u64))
    } else {
        format!(", giảm {}% so với cùng kỳ", N.integer((-percent) as u64))
    }
}

/// “ (cùng kỳ 93,00%)”: a rate beside the year before's, which a change in percent of a
/// percentage would only confuse.
fn same_period(before: Option<String>, suffix: &str) -> String {
    before
        .map(|b| format!(" (cùng kỳ {b}{suffix})"))
        .unwrap_or_default()
}
