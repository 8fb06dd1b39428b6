//! The notices a unit's staff get from the calendar rather than from someone's action: a
//! report due within 7 days, an overdue one, and a new plan that assigns the unit work.
//! Each has a stable id (marked read once) and the moment it began.

use crate::api::{NoticeKind, NOTICE_DAYS};
use crate::domain::plan::deadline_of;
use crate::format::ict;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

/// How long before its deadline a report is due soon.
pub const DUE_SOON_DAYS: i64 = 7;

/// Whether a report not yet submitted, due before `due_before`, is due soon or overdue at
/// `now`, and since when. Overdue ones are listed for [`NOTICE_DAYS`], like other notices.
pub fn deadline_notice(
    due_before: NaiveDate,
    now: DateTime<Utc>,
) -> Option<(NoticeKind, DateTime<Utc>)> {
    let deadline = deadline_of(due_before);
    let soon = deadline - Duration::days(DUE_SOON_DAYS);
    if now >= deadline {
        (now - deadline <= Duration::days(NOTICE_DAYS)).then_some((NoticeKind::Overdue, deadline))
    } else {
        (now >= soon).then_some((NoticeKind::DueSoon, soon))
    }
}

/// When a plan issued on `issued_on` is news to the units it assigns work: from its day of
/// issue, for [`NOTICE_DAYS`].
pub fn new_plan_notice(issued_on: NaiveDate, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let issued = ict()
        .from_local_datetime(&issued_on.and_time(NaiveTime::MIN))
        .single()?
        .with_timezone(&Utc);
    (issued <= now && now - issued <= Duration::days(NOTICE_DAYS)).then_some(issued)
}

/// A calendar notice's id: one per kind, report and unit.
pub fn calendar_id(kind: NoticeKind, plan_id: &str, period_code: &str, unit_code: &str) -> String {
    let kind = match kind {
        NoticeKind::DueSoon => "due-soon",
        NoticeKind::Overdue => "overdue",
        _ => "new-plan",
    };
    format!("{kind}:{plan_id}:{period_code}:{unit_code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        ict()
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .expect("a time")
            .with_timezone(&Utc)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    #[test]
    fn due_soon_from_a_week_before_overdue_from_the_deadline() {
        let due = day(2026, 12, 20);
        assert_eq!(deadline_notice(due, at(2026, 12, 12, 23)), None);
        assert_eq!(
            deadline_notice(due, at(2026, 12, 13, 0)),
            Some((NoticeKind::DueSoon, at(2026, 12, 13, 0)))
        );
        assert_eq!(
            deadline_notice(due, at(2026, 12, 19, 23)),
            Some((NoticeKind::DueSoon, at(2026, 12, 13, 0)))
        );
        assert_eq!(
            deadline_notice(due, at(2026, 12, 20, 0)),
            Some((NoticeKind::Overdue, at(2026, 12, 20, 0)))
        );
        // Listed as long as other notices are, then history.
        assert!(deadline_notice(due, at(2027, 4, 19, 0)).is_some());
        assert_eq!(deadline_notice(due, at(2027, 4, 20, 1)), None);
    }

    #[test]
    fn a_plan_is_new_from_its_day_of_issue() {
        let issued = day(2026, 2, 10);
        assert_eq!(new_plan_notice(issued, at(2026, 2, 9, 23)), None);
        assert_eq!(
            new_plan_notice(issued, at(2026, 2, 10, 9)),
            Some(at(2026, 2, 10, 0))
        );
        assert_eq!(new_plan_notice(issued, at(2026, 7, 1, 0)), None);
    }

    #[test]
    fn each_kind_has_its_own_id() {
        let ids: Vec<String> = [
            NoticeKind::DueSoon,
            NoticeKind::Overdue,
            NoticeKind::NewPlan,
        ]
        .into_iter()
        .map(|k| calendar_id(k, "95-KH-UBND-2026", "2026-N", "26890"))
        .collect();
        assert_eq!(ids[0], "due-soon:95-KH-UBND-2026:2026-N:26890");
        assert_eq!(ids[1], "overdue:95-KH-UBND-2026:2026-N:26890");
        assert_eq!(ids[2], "new-plan:95-KH-UBND-2026:2026-N:26890");
    }
}
