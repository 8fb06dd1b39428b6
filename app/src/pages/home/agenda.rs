//! What a home page shows first. A season's work is the report due next; plans long over
//! and the reports of units that no longer exist are history, kept but folded away.

use crate::api::{PlanOverview, UnitStatus};
use crate::domain::plan::{days_left, Period};
use chrono::{DateTime, Utc};

/// A plan is over, for the home page, when its last period's deadline passed more than
/// a year ago: last season's plan stays in view until the next season's is under way.
const OVER_AFTER_DAYS: i64 = 365;

/// A home page's content, in the order it is shown.
#[derive(Debug, Default, PartialEq)]
pub struct Agenda {
    /// The unit's own report it owes first (overdue first), taken out of `running`.
    pub next: Option<NextDue>,
    pub running: Vec<PlanOverview>,
    /// Plans that are over and, for ward staff, the reports of their former units.
    pub history: Vec<PlanOverview>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NextDue {
    pub plan: PlanOverview,
    pub period: Period,
    pub unit: UnitStatus,
}

pub fn is_over(plan: &PlanOverview, now: DateTime<Utc>) -> bool {
    plan.periods
        .iter()
        .all(|p| days_left(p.period.due_before, now) < -OVER_AFTER_DAYS)
}

/// Sorts `plans` for a home page. `ward`: the user writes their unit's reports only;
/// a reviewer's own reports stay beside their subtree's summary.
pub fn agenda(plans: Vec<PlanOverview>, ward: bool, now: DateTime<Utc>) -> Agenda {
    let mut agenda = Agenda::default();
    for plan in plans {
        if is_over(&plan, now) {
            agenda.history.push(plan);
            continue;
        }
        if !ward {
            agenda.running.push(plan);
            continue;
        }
        // A running plan's former units' reports are history of the unit.
        let (mut current, mut former) = (plan.clone(), plan);
        for (c, f) in current.periods.iter_mut().zip(former.periods.iter_mut()) {
            c.units.retain(|u| u.former.is_none());
            f.units.retain(|u| u.former.is_some());
        }
        former.periods.retain(|p| !p.units.is_empty());
        if !former.periods.is_empty() {
            agenda.history.push(former);
        }
        agenda.running.push(current);
    }
    if ward {
        agenda.next = take_next(&mut agenda.running);
        for plan in &mut agenda.running {
            plan.periods.retain(|p| !p.units.is_empty());
        }
        agenda.running.retain(|p| !p.periods.is_empty());
    }
    agenda
}

/// Removes the report owed first from `running` and returns it.
fn take_next(running: &mut [PlanOverview]) -> Option<NextDue> {
    let (plan_at, period_at, unit_at) = running
        .iter()
        .enumerate()
        .flat_map(|(i, plan)| {
            plan.periods.iter().enumerate().flat_map(move |(j, p)| {
                p.units
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| !u.status.is_submitted())
                    .map(move |(k, _)| (i, j, k))
            })
        })
        .min_by_key(|&(i, j, _)| running[i].periods[j].period.due_before)?;
    let plan = &mut running[plan_at];
    let unit = plan.periods[period_at].units.remove(unit_at);
    Some(NextDue {
        period: plan.periods[period_at].period.clone(),
        plan: PlanOverview {
            periods: Vec::new(),
            ..plan.clone()
        },
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{FormerUnit, PeriodOverview};
    use crate::domain::org::OrgKind;
    use crate::domain::plan::PeriodKind;
    use crate::domain::status::ReportStatus;
    use chrono::{NaiveDate, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, 3, 0, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn unit(code: &str, status: ReportStatus, former: bool) -> UnitStatus {
        UnitStatus {
            unit_code: code.into(),
            unit_name: code.into(),
            unit_kind: OrgKind::Phuong,
            status,
            submitted_at: None,
            on_time: None,
            former: former.then(|| FormerUnit {
                name: format!("{code}, Quận Gò Vấp"),
                from: None,
                until: Some(day(2025, 7, 1)),
            }),
            started: false,
        }
    }

    fn plan(id: &str, periods: &[(&str, NaiveDate, Vec<UnitStatus>)]) -> PlanOverview {
        PlanOverview {
            plan_id: id.into(),
            number: id.into(),
            year: 2026,
            title: id.into(),
            periods: periods
                .iter()
                .map(|(code, due, units)| PeriodOverview {
                    period: Period {
                        code: (*code).into(),
                        label: (*code).into(),
                        kind: PeriodKind::Nam,
                        due_before: *due,
                        data_range: None,
                        signed_copy_required: false,
                        evaluation: None,
                    },
                    tally: None,
                    units: units.clone(),
                })
                .collect(),
        }
    }

    fn codes(plans: &[PlanOverview]) -> Vec<String> {
        plans
            .iter()
            .flat_map(|p| {
                p.periods.iter().flat_map(move |o| {
                    o.units
                        .iter()
                        .map(move |u| format!("{} {} {}", p.plan_id, o.period.code, u.unit_code))
                })
            })
            .collect()
    }

    #[test]
    fn a_ward_sees_its_earliest_unsent_report_first_and_its_history_folded() {
        use ReportStatus::*;
        let plans = vec![
            // Three years over: history.
            plan(
                "847",
                &[("2023-N", day(2023, 11, 5), vec![unit("HT", Nhap, false)])],
            ),
            plan(
                "95",
                &[
                    ("2026-6T", day(2026, 5, 5), vec![unit("HT", DaNop, false)]),
                    (
                        "2026-N",
                        day(2026, 12, 15),
                        vec![unit("HT", Nhap, false), unit("P1", Nhap, true)],
                    ),
                    ("2027-6T", day(2027, 5, 5), vec![unit("HT", Nhap, false)]),
                ],
            ),
        ];
        let agenda = agenda(plans, true, now());
        let next = agenda.next.expect("a report is due");
        assert_eq!(
            (next.plan.plan_id.as_str(), next.period.code.as_str()),
            ("95", "2026-N")
        );
        assert_eq!(next.unit.unit_code, "HT");
        assert_eq!(codes(&agenda.running), ["95 2026-6T HT", "95 2027-6T HT"]);
        assert_eq!(codes(&agenda.history), ["847 2023-N HT", "95 2026-N P1"]);
    }

    #[test]
    fn an_overdue_report_comes_before_one_still_in_time() {
        use ReportStatus::*;
        let plans = vec![plan(
            "95",
            &[
                ("2026-N", day(2026, 12, 15), vec![unit("HT", Nhap, false)]),
                (
                    "2026-6T",
                    day(2026, 5, 5),
                    vec![unit("HT", BiTraLai, false)],
                ),
            ],
        )];
        let next = agenda(plans, true, now()).next.expect("due");
        assert_eq!(next.period.code, "2026-6T");
    }

    #[test]
    fn nothing_is_due_when_every_report_is_in() {
        let plans = vec![plan(
            "95",
            &[(
                "2026-N",
                day(2026, 12, 15),
                vec![unit("HT", ReportStatus::DaTiepNhan, false)],
            )],
        )];
        let agenda = agenda(plans, true, now());
        assert_eq!(agenda.next, None);
        assert_eq!(codes(&agenda.running), ["95 2026-N HT"]);
    }

    #[test]
    fn a_reviewer_keeps_last_seasons_plan_and_folds_older_ones() {
        let plans = vec![
            plan("847", &[("2023-N", day(2023, 11, 5), vec![])]),
            plan("2025", &[("2025-N", day(2025, 12, 15), vec![])]),
        ];
        let agenda = agenda(plans, false, now());
        assert_eq!(agenda.next, None);
        let ids = |ps: &[PlanOverview]| ps.iter().map(|p| p.plan_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&agenda.running), ["2025"]);
        assert_eq!(ids(&agenda.history), ["847"]);
    }
}
