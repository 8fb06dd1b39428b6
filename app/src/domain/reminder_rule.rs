//! When reminders go out: by a reviewer's hand, or automatically 7 days and 1 day before a
//! period's deadline and the day after it passed, at the plan's hour (Asia/Ho_Chi_Minh).
//! Stored with each reminder: a unit gets one reminder per rule and day, so one automatic
//! reminder per rule and period.

use crate::domain::plan::deadline_of;
use crate::format::ict;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};

/// Why a reminder went out; stored as [`ReminderRule::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReminderRule {
    /// Sent by a reviewer (đôn đốc), at most once a day.
    ByHand,
    WeekBefore,
    DayBefore,
    DayAfter,
}

/// How long the day-after reminder may still go out when the server was down at its hour:
/// a week later it is no longer news to the unit.
const LATE_DAYS: u64 = 7;

impl ReminderRule {
    pub const AUTOMATIC: [ReminderRule; 3] = [
        ReminderRule::WeekBefore,
        ReminderRule::DayBefore,
        ReminderRule::DayAfter,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderRule::ByHand => "manual",
            ReminderRule::WeekBefore => "before-7",
            ReminderRule::DayBefore => "before-1",
            ReminderRule::DayAfter => "after-1",
        }
    }

    /// The day an automatic rule goes out for a report due before `due_before` (on time
    /// when received before 00:00 of that day): a week before, the last day, and the first
    /// day late.
    fn day(self, due_before: NaiveDate) -> Option<NaiveDate> {
        match self {
            ReminderRule::ByHand => None,
            ReminderRule::WeekBefore => due_before.checked_sub_days(Days::new(7)),
            ReminderRule::DayBefore => due_before.checked_sub_days(Days::new(1)),
            ReminderRule::DayAfter => Some(due_before),
        }
    }
}

/// The automatic reminder due at `now` for a report due before `due_before`, when a plan
/// sends them at `hour`: the rule and its day (the reminder's key). Each rule holds from its
/// hour until the next one's, so a server that was down at the hour sends it when back, and
/// a rule overtaken by the next is not sent late.
pub fn due_rule(
    due_before: NaiveDate,
    hour: u8,
    now: DateTime<Utc>,
) -> Option<(ReminderRule, NaiveDate)> {
    let at = |day: NaiveDate, hour: u8| -> Option<DateTime<Utc>> {
        let time = NaiveTime::from_hms_opt(u32::from(hour), 0, 0)?;
        let local = ict().from_local_datetime(&day.and_time(time)).single()?;
        Some(local.with_timezone(&Utc))
    };
    let deadline = deadline_of(due_before);
    let mut rules = ReminderRule::AUTOMATIC
        .into_iter()
        .filter_map(|rule| {
            let day = rule.day(due_before)?;
            Some((rule, day, at(day, hour)?))
        })
        .peekable();
    while let Some((rule, day, from)) = rules.next() {
        let until = match (rule, rules.peek()) {
            // The last day's reminder is pointless once the deadline passed.
            (ReminderRule::DayBefore, _) => deadline,
            (_, Some((_, _, next))) => *next,
            (_, None) => from.checked_add_days(Days::new(LATE_DAYS))?,
        };
        if from <= now && now < until {
            return Some((rule, day));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ict_at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        ict()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("a valid time")
            .with_timezone(&Utc)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid day")
    }

    /// Plan 847: the six-month report is due before 05/05/2023; reminders at 08:00.
    const HOUR: u8 = 8;

    fn due() -> NaiveDate {
        day(2023, 5, 5)
    }

    #[test]
    fn a_week_before_from_the_plans_hour_until_the_last_days() {
        assert_eq!(due_rule(due(), HOUR, ict_at(2023, 4, 28, 7, 59)), None);
        assert_eq!(
            due_rule(due(), HOUR, ict_at(2023, 4, 28, 8, 0)),
            Some((ReminderRule::WeekBefore, day(2023, 4, 28)))
        );
        // A server down that morning still sends it in the days that follow.
        assert_eq!(
            due_rule(due(), HOUR, ict_at(2023, 5, 3, 23, 0)),
            Some((ReminderRule::WeekBefore, day(2023, 4, 28)))
        );
    }

    #[test]
    fn the_last_day_until_midnight_then_the_first_late_day() {
        assert_eq!(
            due_rule(due(), HOUR, ict_at(2023, 5, 4, 8, 0)),
            Some((ReminderRule::DayBefore, day(2023, 5, 4)))
        );
        assert_eq!(
            due_rule(due(), HOUR, ict_at(2023, 5, 4, 23, 59)),
            Some((ReminderRule::DayBefore, day(2023, 5, 4)))
        );
        // Late from 00:00 of 05/05, reminded at the plan's hour of that day.
        assert_eq!(due_rule(due(), HOUR, ict_at(2023, 5, 5, 7, 0)), None);
        assert_eq!(
            due_rule(due(), HOUR, ict_at(2023, 5, 5, 8, 0)),
            Some((ReminderRule::DayAfter, day(2023, 5, 5)))
        );
    }

    #[test]
    fn a_late_reminder_goes_out_within_a_week_only() {
        assert_eq!(
            due_rule(due(), HOUR, ict_at(2023, 5, 12, 7, 59)),
            Some((ReminderRule::DayAfter, day(2023, 5, 5)))
        );
        assert_eq!(due_rule(due(), HOUR, ict_at(2023, 5, 12, 8, 0)), None);
        assert_eq!(due_rule(due(), HOUR, ict_at(2026, 12, 7, 8, 0)), None);
    }

    #[test]
    fn an_hour_outside_the_day_sends_nothing() {
        assert_eq!(due_rule(due(), 24, ict_at(2023, 5, 4, 12, 0)), None);
    }

    #[test]
    fn each_rule_has_a_code_of_its_own() {
        let codes: std::collections::HashSet<&str> = [ReminderRule::ByHand]
            .into_iter()
            .chain(ReminderRule::AUTOMATIC)
            .map(ReminderRule::as_str)
            .collect();
        assert_eq!(codes.len(), 4);
    }
}
