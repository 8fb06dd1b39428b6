//! Field values, parsed once from what a user typed into typed values.

use super::evaluation::Points;
use super::task::TaskProgress;
use crate::format::Numbers;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// The most a count may be.
pub const MAX_COUNT: u64 = 1_000_000_000;
/// The most a narrative may hold, in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 100 * 1024;

/// A percentage 0..=100 with up to two decimals, stored as hundredths so that it
/// compares and sums exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Percent(u32);

/// In the API's document: a number from 0 to 100.
#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for Percent {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::Number)
            .minimum(Some(0))
            .maximum(Some(100))
            .into()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for Percent {}

impl Percent {
    pub fn from_hundredths(h: u32) -> Option<Percent> {
        (h <= 10_000).then_some(Percent(h))
    }
    pub fn hundredths(self) -> u32 {
        self.0
    }
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl TryFrom<f64> for Percent {
    type Error = String;
    fn try_from(v: f64) -> Result<Self, String> {
        let h = (v * 100.0).round();
        if !(0.0..=10_000.0).contains(&h) || (v * 100.0 - h).abs() > 1e-6 {
            return Err(format!(
                "{v} không phải tỷ lệ 0–100 với tối đa 2 chữ số thập phân"
            ));
        }
        Ok(Percent(h as u32))
    }
}

impl From<Percent> for f64 {
    fn from(p: Percent) -> f64 {
        p.as_f64()
    }
}

/// A value as stored and synced: `{"kind":"count","value":39055}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Value {
    Text(String),
    Count(u64),
    Percent(Percent),
    /// A plan task's progress: stored beside the fields under the slot `task:<code>`.
    Task(TaskProgress),
    /// A file on the report: stored under the slot `file:<sha256>`.
    File(crate::domain::attachment::Attachment),
    /// An evaluation's points: what a unit claims or a reviewer decides for a criterion.
    Points(crate::domain::evaluation::Points),
}

impl Value {
    /// The number a rule or formula reads; narratives have none.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Text(_) => None,
            Value::Count(n) => Some(*n as f64),
            Value::Percent(p) => Some(p.as_f64()),
            Value::Points(p) => Some(f64::from(*p)),
            Value::Task(_) | Value::File(_) => None,
        }
    }
}

/// Why an entered value was refused. Its message names the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    NotACount {
        label: String,
    },
    CountTooLarge {
        label: String,
    },
    NotAPercent {
        label: String,
    },
    TextTooLong {
        label: String,
    },
    DirectionControl {
        label: String,
    },
    Derived {
        label: String,
    },
    WrongKind {
        label: String,
    },
    TooManyChars {
        label: String,
        most: usize,
    },
    NotADate {
        label: String,
    },
    /// Points outside 0..`max`, or not in steps of `step`.
    NotPoints {
        label: String,
        max: Points,
        step: Option<Points>,
    },
}

/// The decimals a percentage may have.
pub const PERCENT_PLACES: usize = 2;

/// In Vietnamese, as a report's history records it.
impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl std::error::Error for ValueError {}

impl ValueError {
    /// The refusal in `lang`, naming the field by its label and quoting the limit.
    pub fn message(&self, lang: Lang) -> String {
        let numbers = Numbers::of(lang);
        let most = numbers.integer(MAX_COUNT);
        let kb = MAX_TEXT_BYTES / 1024;
        let example = numbers.integer(1234);
        let percent = format!("99{}5", numbers.decimal_mark());
        match (lang, self) {
            (Lang::Vi, ValueError::NotACount { label }) => {
                format!("{label}: phải là số nguyên không âm (ví dụ {example}).")
            }
            (Lang::En, ValueError::NotACount { label }) => {
                format!("{label}: must be a whole number, not negative (for example {example}).")
            }
            (Lang::Vi, ValueError::CountTooLarge { label }) => {
                format!("{label}: không được lớn hơn {most}.")
            }
            (Lang::En, ValueError::CountTooLarge { label }) => format!("{label}: at most {most}."),
            (Lang::Vi, ValueError::NotAPercent { label }) => format!(
                "{label}: phải là tỷ lệ từ 0 đến 100, tối đa {PERCENT_PLACES} chữ số thập phân (ví dụ {percent})."
            ),
            (Lang::En, ValueError::NotAPercent { label }) => format!(
                "{label}: must be a percentage from 0 to 100 with at most {PERCENT_PLACES} decimals (for example {percent})."
            ),
            (Lang::Vi, ValueError::TextTooLong { label }) => {
                format!("{label}: nội dung quá dài (tối đa {kb} KB).")
            }
            (Lang::En, ValueError::TextTooLong { label }) => {
                format!("{label}: too long (at most {kb} KB).")
            }
            (Lang::Vi, ValueError::DirectionControl { label }) => format!(
                "{label}: có ký tự ẩn đảo chiều chữ (U+202A–U+202E, U+2066–U+2069); hãy xóa chúng."
            ),
            (Lang::En, ValueError::DirectionControl { label }) => format!(
                "{label}: has hidden characters that reverse the text (U+202A–U+202E, U+2066–U+2069); remove them."
            ),
            (Lang::Vi, ValueError::Derived { label }) => {
                format!("{label}: là chỉ tiêu tính tự động, không nhập được.")
            }
            (Lang::En, ValueError::Derived { label }) => {
                format!("{label}: is computed automatically and cannot be entered.")
            }
            (Lang::Vi, ValueError::WrongKind { label }) => {
                format!("{label}: giá trị không đúng loại của trường.")
            }
            (Lang::En, ValueError::WrongKind { label }) => {
                format!("{label}: not a value of this field's kind.")
            }
            (Lang::Vi, ValueError::TooManyChars { label, most }) => {
                format!("{label}: tối đa {most} ký tự.")
            }
            (Lang::En, ValueError::TooManyChars { label, most }) => {
                format!("{label}: at most {most} characters.")
            }
            (Lang::Vi, ValueError::NotADate { label }) => {
                format!("{label}: phải là ngày dạng dd/mm/yyyy (ví dụ 03/05/2023).")
            }
            (Lang::En, ValueError::NotADate { label }) => {
                format!("{label}: must be a date as dd/mm/yyyy (for example 03/05/2023).")
            }
            (Lang::Vi, ValueError::NotPoints { label, max, step }) => {
                let max = max.shown(numbers);
                match step {
                    Some(step) => format!(
                        "{label}: phải là số điểm từ 0 đến {max}, theo bước {}.",
                        step.shown(numbers)
                    ),
                    None => format!(
                        "{label}: phải là số điểm từ 0 đến {max}, tối đa 2 chữ số thập phân."
                    ),
                }
            }
            (Lang::En, ValueError::NotPoints { label, max, step }) => {
                let max = max.shown(numbers);
                match step {
                    Some(step) => format!(
                        "{label}: must be points from 0 to {max}, in steps of {}.",
                        step.shown(numbers)
                    ),
                    None => format!(
                        "{label}: must be points from 0 to {max}, with at most 2 decimals."
                    ),
                }
            }
        }
    }

    /// The same refusal naming its field by `label` (the field's English, say).
    pub fn named(&self, label: &str) -> ValueError {
        let label = label.to_string();
        match self {
            ValueError::NotACount { .. } => ValueError::NotACount { label },
            ValueError::CountTooLarge { .. } => ValueError::CountTooLarge { label },
            ValueError::NotAPercent { .. } => ValueError::NotAPercent { label },
            ValueError::TextTooLong { .. } => ValueError::TextTooLong { label },
            ValueError::DirectionControl { .. } => ValueError::DirectionControl { label },
            ValueError::Derived { .. } => ValueError::Derived { label },
            ValueError::WrongKind { .. } => ValueError::WrongKind { label },
            ValueError::TooManyChars { most, .. } => {
                ValueError::TooManyChars { label, most: *most }
            }
            ValueError::NotADate { .. } => ValueError::NotADate { label },
            ValueError::NotPoints { max, step, .. } => ValueError::NotPoints {
                label,
                max: *max,
                step: *step,
            },
        }
    }
}

/// Parses a count as a user types it: digits, optionally grouped by the language's
/// thousands mark or spaces (`39.055` in Vietnamese, `39,055` in English, `39 055`).
pub fn parse_count(input: &str, label: &str, numbers: Numbers) -> Result<u64, ValueError> {
    let group = numbers.group();
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}') && *c != group)
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValueError::NotACount {
            label: label.to_string(),
        });
    }
    let n: u64 = digits.parse().map_err(|_| ValueError::CountTooLarge {
        label: label.to_string(),
    })?;
    check_count(n, label)
}

pub fn check_count(n: u64, label: &str) -> Result<u64, ValueError> {
    if n > MAX_COUNT {
        return Err(ValueError::CountTooLarge {
            label: label.to_string(),
        });
    }
    Ok(n)
}

/// Parses a percentage: `99,5`, `99.5`, `100`, with an optional trailing `%` (at most
/// 100, so no thousands mark: either mark is the decimal one in both languages).
pub fn parse_percent(input: &str, label: &str) -> Result<Percent, ValueError> {
    let err = || ValueError::NotAPercent {
        label: label.to_string(),
    };
    let s = input.trim().trim_end_matches('%').trim();
    parse_hundredths(s)
        .and_then(Percent::from_hundredths)
        .ok_or_else(err)
}

/// `95`, `95,5` or `95.25` (either mark: a phone's keypad may offer only one) as
/// hundredths; at most three whole digits and [`PERCENT_PLACES`] decimals.
pub fn parse_hundredths(s: &str) -> Option<u32> {
    let (whole, frac) = s.split_once([',', '.']).unwrap_or((s, ""));
    let all_digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 3
        || frac.len() > PERCENT_PLACES
        || !all_digits(whole)
        || !all_digits(frac)
    {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let frac: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    Some(whole * 100 + frac)
}

pub fn check_text(text: &str, label: &str) -> Result<(), ValueError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(ValueError::TextTooLong {
            label: label.to_string(),
        });
    }
    // What a device types has them removed (`Field::parse_input`): only a forged or an
    // old client's write carries one.
    if text.chars().any(crate::format::is_direction_control) {
        return Err(ValueError::DirectionControl {
            label: label.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VI: Numbers = Numbers::Vietnamese;
    const EN: Numbers = Numbers::English;

    #[test]
    fn counts_follow_the_language_s_thousands_mark() {
        assert_eq!(parse_count("39,055", "x", EN), Ok(39055));
        assert_eq!(parse_count("39 055", "x", EN), Ok(39055));
        // A Vietnamese decimal comma is no thousands mark: never read as 15.
        assert!(parse_count("1,5", "x", VI).is_err());
        assert!(parse_count("1.5", "x", EN).is_err());
    }

    #[test]
    fn counts_accept_vietnamese_grouping() {
        assert_eq!(parse_count("39.055", "x", VI), Ok(39055));
        assert_eq!(parse_count("39 055", "x", VI), Ok(39055));
        assert_eq!(parse_count("0", "x", VI), Ok(0));
        assert_eq!(parse_count("1.000.000.000", "x", VI), Ok(1_000_000_000));
    }

    #[test]
    fn counts_refuse_fractions_negatives_and_overflow_naming_the_field() {
        let e = parse_count("1,5", "Số lượt tiếp công dân", VI).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Số lượt tiếp công dân: phải là số nguyên không âm (ví dụ 1.234)."
        );
        assert!(parse_count("-3", "x", VI).is_err());
        assert!(parse_count("", "x", VI).is_err());
        assert_eq!(
            parse_count("1000000001", "x", VI),
            Err(ValueError::CountTooLarge { label: "x".into() })
        );
        assert!(parse_count("99999999999999999999999", "x", VI).is_err());
    }

    #[test]
    fn percents_accept_comma_or_dot_with_two_decimals() {
        assert_eq!(
            parse_percent("99,5", "x").map(Percent::hundredths),
            Ok(9950)
        );
        assert_eq!(
            parse_percent("99.45", "x").map(Percent::hundredths),
            Ok(9945)
        );
        assert_eq!(
            parse_percent("100%", "x").map(Percent::hundredths),
            Ok(10000)
        );
        assert!(parse_percent("100,01", "x").is_err());
        assert!(parse_percent("99,456", "x").is_err());
        assert!(parse_percent("abc", "x").is_err());
    }

    #[test]
    fn text_limit_is_100_kb() {
        assert!(check_text(&"a".repeat(MAX_TEXT_BYTES), "x").is_ok());
        assert!(check_text(&"a".repeat(MAX_TEXT_BYTES + 1), "x").is_err());
    }

    #[test]
    fn a_text_that_reverses_what_follows_is_refused() {
        for control in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            let text = format!("Tổ dân phố {control}9 số");
            assert_eq!(
                check_text(&text, "x"),
                Err(ValueError::DirectionControl { label: "x".into() })
            );
            assert_eq!(
                crate::format::without_direction_controls(&text),
                "Tổ dân phố 9 số"
            );
        }
        // Marks that only say which way a letter runs are kept.
        assert!(check_text("a\u{200E}b", "x").is_ok());
    }

    #[test]
    fn values_serialize_tagged() {
        let v = Value::Percent(Percent::from_hundredths(9910).unwrap());
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"kind":"percent","value":99.1}"#);
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), v);
        assert!(serde_json::from_str::<Value>(r#"{"kind":"percent","value":101}"#).is_err());
    }
}
