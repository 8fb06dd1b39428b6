//! Vietnamese number and date formatting: `1.234.567`, `1.234,5`, `99,10%`, `05/05/2023`.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};

/// Vietnam's time zone. It has had no daylight saving since 1975, so a fixed offset is exact.
pub fn ict() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| unreachable!("+07:00 is a valid offset"))
}

/// An integer with `.` between thousands.
pub fn integer(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A non-negative decimal with exactly `places` decimals after a `,`.
pub fn decimal(v: f64, places: usize) -> String {
    let text = format!("{:.*}", places, v.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let whole = integer(whole.parse().unwrap_or(0));
    let sign = if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole},{frac}")
    }
}

/// A ratio (0.991) as a percentage with two decimals (`99,10%`).
pub fn ratio_as_percent(ratio: f64) -> String {
    format!("{}%", decimal(ratio * 100.0, 2))
}

/// A percentage in hundredths (9950) as typed back: `99,5`; whole numbers without decimals.
pub fn hundredths(h: u32) -> String {
    match h % 100 {
        0 => integer(u64::from(h / 100)),
        f if f % 10 == 0 => format!("{},{}", h / 100, f / 10),
        f => format!("{},{:02}", h / 100, f),
    }
}

// Written out rather than through chrono's strftime, whose parser would add to the wasm.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
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
    use super::*;

    #[test]
    fn groups_thousands_with_dots() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1_234), "1.234");
        assert_eq!(integer(1_234_567), "1.234.567");
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(-0.001, 2), "0,00");
    }

    #[test]
    fn percentages() {
        assert_eq!(ratio_as_percent(39_055.0 / 39_409.0), "99,10%");
        assert_eq!(ratio_as_percent(1.0), "100,00%");
        assert_eq!(hundredths(9950), "99,5");
        assert_eq!(hundredths(9945), "99,45");
        assert_eq!(hundredths(10000), "100");
        assert_eq!(hundredths(905), "9,05");
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
