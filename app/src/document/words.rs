//! How an official document words dates, figures, its subject and its place: always in
//! Vietnamese, whatever its reader's language.

use crate::domain::org::{OrgKind, OrgUnit};
use crate::domain::rules::{derived_ratio, Values};
use crate::domain::template::{Field, FieldKind, Template};
use crate::domain::value::Value;
use crate::format::{upper_first, Numbers};
use chrono::{Datelike, NaiveDate};

const OFFICIAL: Numbers = Numbers::Vietnamese;

/// "ngày 05 tháng 5 năm 2023": a leading zero for days below 10 and months 1 and 2 only.
pub fn document_date(d: NaiveDate) -> String {
    let month = match d.month() {
        m @ (1 | 2) => format!("{m:02}"),
        m => m.to_string(),
    };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

/// A figure as the document prints it: `1.234 hồ sơ` (`1.234` without `with_unit`),
/// `98,33%`; "–" when not entered.
pub fn figure(template: &Template, values: &Values, field: &Field, with_unit: bool) -> String {
    let unit = field
        .unit
        .as_deref()
        .filter(|u| with_unit && *u != "%")
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    match (&field.kind, values.get(&field.code)) {
        (FieldKind::Derived(_), _) => derived_ratio(template, values, &field.code)
            .map(|r| OFFICIAL.ratio_as_percent(r))
            .unwrap_or_else(|| "–".into()),
        (_, Some(Value::Count(n))) => format!("{}{unit}", OFFICIAL.integer(*n)),
        (_, Some(Value::Percent(p))) => format!("{}%", OFFICIAL.hundredths(p.hundredths())),
        _ => "–".into(),
    }
}

/// The period as the subject line says it: "6 tháng đầu năm 2023".
pub fn period_phrase(label: &str) -> &str {
    label.strip_prefix("Báo cáo ").unwrap_or(label)
}

/// The subject under "BÁO CÁO": the template's title without its type ("Báo cáo kết quả
/// thực hiện…" → "Kết quả thực hiện…") and the period.
pub fn subject(template: &Template, period_label: &str) -> String {
    let title = &template.title;
    let topic = title
        .strip_prefix("Báo cáo ")
        .map(upper_first)
        .unwrap_or_else(|| title.clone());
    format!("{topic} {}", period_phrase(period_label))
}

/// "Số: 12/BC-UBND", or room for the văn thư to write the number by hand.
pub fn number_line(number: Option<&str>, symbol: &str) -> String {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("Số: {n}/{symbol}"),
        None => format!("Số:        /{symbol}"),
    }
}

/// The place a commune's document is dated at: its name without its kind ("Phường Hạnh
/// Thông" → "Hạnh Thông"), except a numbered one ("Phường 1"), which is only its kind and
/// number.
pub fn place_name(unit: &OrgUnit) -> String {
    let kind = unit.kind.name(crate::lang::Lang::Vi);
    let named = matches!(unit.kind, OrgKind::Phuong | OrgKind::Xa | OrgKind::DacKhu)
        .then(|| unit.name.strip_prefix(kind))
        .flatten()
        .map(str::trim)
        .filter(|rest| !rest.is_empty() && !rest.chars().all(|c| c.is_ascii_digit()));
    named.unwrap_or(&unit.name).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_decree_says() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(document_date(d(2023, 5, 5)), "ngày 05 tháng 5 năm 2023");
        assert_eq!(document_date(d(2023, 2, 14)), "ngày 14 tháng 02 năm 2023");
        assert_eq!(document_date(d(2023, 11, 23)), "ngày 23 tháng 11 năm 2023");
    }

    #[test]
    fn a_number_or_room_for_it() {
        assert_eq!(number_line(Some(" 12 "), "BC-UBND"), "Số: 12/BC-UBND");
        assert_eq!(number_line(Some(""), "BC-UBND"), "Số:        /BC-UBND");
        assert_eq!(number_line(None, "BC-SNV"), "Số:        /BC-SNV");
    }

    #[test]
    fn a_commune_is_dated_at_its_name() {
        let at = |kind, name| place_name(&OrgUnit::new("x", None, kind, name));
        assert_eq!(at(OrgKind::Phuong, "Phường Hạnh Thông"), "Hạnh Thông");
        assert_eq!(at(OrgKind::Phuong, "Phường 1"), "Phường 1");
        assert_eq!(at(OrgKind::DacKhu, "Đặc khu Côn Đảo"), "Côn Đảo");
        assert_eq!(at(OrgKind::Quan, "Quận Gò Vấp"), "Quận Gò Vấp");
    }
}
