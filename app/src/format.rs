//! Number and date formatting: `1.234.567`, `1.234,5`, `99,10%` in Vietnamese, `1,234.5`
//! in English; dates day first in both (`05/05/2023`), times in Vietnam's zone.

use crate::lang::Lang;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};

/// Vietnam's time zone. It has had no daylight saving since 1975, so a fixed offset is exact.
pub fn ict() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| unreachable!("+07:00 is a valid offset"))
}

/// How a language writes numbers: Vietnamese `1.234,5`, English `1,234.5`. Official
/// documents (the DOCX) are Vietnamese whatever the reader's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbers {
    Vietnamese,
    English,
}

impl Numbers {
    /// How `lang` writes numbers.
    pub fn of(lang: Lang) -> Numbers {
        match lang {
            Lang::Vi => Numbers::Vietnamese,
            Lang::En => Numbers::English,
        }
    }

    /// Between thousands.
    pub fn group(self) -> char {
        match self {
            Numbers::Vietnamese => '.',
            Numbers::English => ',',
        }
    }

    /// Before the decimals.
    pub fn decimal_mark(self) -> char {
        match self {
            Numbers::Vietnamese => ',',
            Numbers::English => '.',
        }
    }

    /// An integer with its thousands grouped.
    pub fn integer(self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.group());
            }
            out.push(c);
        }
        out
    }

    /// A decimal with exactly `places` decimals, rounded half away from zero. Computed in
    /// integers: core's formatting with a precision is a large function of its own.
    pub fn decimal(self, v: f64, places: u32) -> String {
        let scale = 10u64.pow(places);
        // Saturates far beyond any figure a report holds.
        let scaled = (v.abs() * scale as f64).round() as u64;
        let sign = if v < 0.0 && scaled > 0 { "-" } else { "" };
        let whole = self.integer(scaled / scale);
        if places == 0 {
            format!("{sign}{whole}")
        } else {
            let (frac, width) = (scaled % scale, places as usize);
            format!("{sign}{whole}{}{frac:0width$}", self.decimal_mark())
        }
    }

    /// A ratio (0.991) as a percentage with two decimals (`99,10%`).
    pub fn ratio_as_percent(self, ratio: f64) -> String {
        format!("{}%", self.decimal(ratio * 100.0, 2))
    }

    /// A percentage in hundredths (9950) as typed back: `99,5`; whole numbers without
    /// decimals.
    pub fn hundredths(self, h: u32) -> String {
        let mark = self.decimal_mark();
        match h % 100 {
            0 => self.integer(u64::from(h / 100)),
            f if f % 10 == 0 => format!("{}{mark}{}", h / 100, f / 10),
            f => format!("{}{mark}{:02}", h / 100, f),
        }
    }
}

/// A size in megabytes (of 1.048.576 bytes) with at most one decimal: `20 MB`, `3,2 MB`.
pub fn megabytes(bytes: u64, lang: Lang) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let tenths = (mb * 10.0).round();
    let places = if tenths % 10.0 == 0.0 { 0 } else { 1 };
    format!("{} MB", Numbers::of(lang).decimal(tenths / 10.0, places))
}

/// Whether `c` is a bidirectional embedding, override or isolate control (U+202A–U+202E,
/// U+2066–U+2069): invisible characters that reverse the text after them, in a page or a
/// document, up to the end of its paragraph.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text without direction controls: names, narratives and plan texts are Vietnamese,
/// written left to right, and none of them may turn the text around them.
pub fn without_direction_controls(s: &str) -> String {
    s.chars().filter(|c| !is_direction_control(*c)).collect()
}

/// The text with its first letter upper-case: a phrase made the start of a sentence.
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The text with its first letter lower-case: a name made part of a phrase.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `05/05/2023`. Written out rather than through chrono's strftime, whose parser would
/// add to the wasm.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// The pattern a date field shows while empty.
pub const DATE_PATTERN: &str = "dd/mm/yyyy";

/// A date as a person types it: day, month, year (`02/10/2027`, `2/10/2027`, `02.10.2027`,
/// `02-10-2027`), whatever the browser's language; `None` for anything else. Never read
/// month first: "02/10/2027" is the 2nd of October in Vietnam.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().split(['/', '.', '-']);
    let mut next = |max_len: usize| {
        parts
            .next()
            .filter(|p| (1..=max_len).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (day, month, year) = (next(2)?, next(2)?, next(4)?);
    if parts.next().is_some() || year < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

fn clock(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// A moment as Vietnam reads it: `14:05 05/05/2023`.
pub fn date_time(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&ict()).naive_local();
    format!("{} {}", clock(local.time()), date(local.date()))
}

/// "14:05" for a time today in Vietnam, else with its date.
pub fn time_of_day(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&ict());
    if local.date_naive() == Utc::now().with_timezone(&ict()).date_naive() {
        clock(local.time())
    } else {
        date_time(t)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_megabytes_with_one_decimal_at_most() {
        assert_eq!(megabytes(20 * 1024 * 1024, Lang::Vi), "20 MB");
        assert_eq!(megabytes(3_355_443, Lang::Vi), "3,2 MB");
        assert_eq!(megabytes(3_355_443, Lang::En), "3.2 MB");
        assert_eq!(megabytes(0, Lang::Vi), "0 MB");
    }

    #[test]
    fn dates_are_read_day_first() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date("02/10/2027"), d(2027, 10, 2));
        assert_eq!(parse_date(" 2/10/2027 "), d(2027, 10, 2));
        assert_eq!(parse_date("02.10.2027"), d(2027, 10, 2));
        assert_eq!(parse_date("31/12/2026"), d(2026, 12, 31));
        for bad in [
            "",
            "2027-10-02",
            "31/02/2027",
            "02/13/2027",
            "02/10/27",
            "02/10/2027/1",
            "a/b/c",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(
            parse_date(&date(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())),
            d(2025, 7, 1)
        );
    }

    use super::*;

    #[test]
    fn groups_thousands_with_dots() {
        let vi = Numbers::Vietnamese;
        assert_eq!(vi.integer(0), "0");
        assert_eq!(vi.integer(999), "999");
        assert_eq!(vi.integer(1_234), "1.234");
        assert_eq!(vi.integer(1_234_567), "1.234.567");
        assert_eq!(vi.decimal(1234.5, 1), "1.234,5");
        assert_eq!(vi.decimal(-0.001, 2), "0,00");
    }

    #[test]
    fn decimals_round_half_away_from_zero() {
        let vi = Numbers::Vietnamese;
        assert_eq!(vi.decimal(0.125, 2), "0,13");
        assert_eq!(vi.decimal(-2.5, 0), "-3");
        assert_eq!(vi.decimal(1_234_567.05, 1), "1.234.567,1");
        assert_eq!(vi.decimal(7.0, 2), "7,00");
    }

    #[test]
    fn english_groups_with_commas_and_marks_decimals_with_a_point() {
        let en = Numbers::English;
        assert_eq!(en.integer(1_234_567), "1,234,567");
        assert_eq!(en.decimal(1234.5, 1), "1,234.5");
        assert_eq!(en.ratio_as_percent(39_055.0 / 39_409.0), "99.10%");
        assert_eq!(en.hundredths(9950), "99.5");
        assert_eq!(en.hundredths(905), "9.05");
    }

    #[test]
    fn percentages() {
        let vi = Numbers::Vietnamese;
        assert_eq!(vi.ratio_as_percent(39_055.0 / 39_409.0), "99,10%");
        assert_eq!(vi.ratio_as_percent(1.0), "100,00%");
        assert_eq!(vi.hundredths(9950), "99,5");
        assert_eq!(vi.hundredths(9945), "99,45");
        assert_eq!(vi.hundredths(10000), "100");
        assert_eq!(vi.hundredths(905), "9,05");
    }

    #[test]
    fn dates_are_day_first() {
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2023, 5, 5).unwrap()),
            "05/05/2023"
        );
        let t = DateTime::parse_from_rfc3339("2023-05-04T07:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_time(t), "14:05 04/05/2023");
    }
}
