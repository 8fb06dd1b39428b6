//! The points a computed criterion gives itself from the unit's year: the figures of its
//! annual report (ratio, threshold) and how its reports of the year arrived (timeliness),
//! with the figures used, which the unit sees and cannot change.

use super::criteria::{Criterion, Scoring};
use super::points::Points;
use crate::domain::rules::Values;
use crate::domain::value::Value;
use serde::{Deserialize, Serialize};

/// What the year gives the computed criteria of one unit.
pub struct Year<'a> {
    /// The unit's annual report, as submitted; `None` if it sent none.
    pub report: Option<&'a Values>,
    /// How each report the unit owed that year arrived.
    pub reports: &'a [Arrival],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    OnTime,
    Late,
    Missing,
}

/// A computed criterion's points and what they come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Computed {
    pub points: Points,
    pub basis: Basis,
}

/// The figures a computed criterion used; `None` where the report holds no figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    Ratio {
        numerator: Option<u64>,
        denominator: Option<u64>,
    },
    Count {
        value: Option<u64>,
    },
    Reports {
        on_time: usize,
        late: usize,
        missing: usize,
    },
}

fn count(year: &Year, code: &str) -> Option<u64> {
    match year.report?.get(code) {
        Some(Value::Count(n)) => Some(*n),
        _ => None,
    }
}

/// `max × part / whole`, to the nearest hundredth of a point (halves up), at most `max`.
fn pro_rata(max: Points, part: u128, whole: u128) -> Points {
    if whole == 0 {
        return max;
    }
    let h = u128::from(max.hundredths());
    let share = (2 * h * part + whole) / (2 * whole);
    Points::from_hundredths(u32::try_from(share.min(h)).unwrap_or(max.hundredths()))
}

/// The points of a computed criterion; `None` for one people score.
pub fn computed(c: &Criterion, year: &Year) -> Option<Computed> {
    let max = c.max;
    Some(match &c.scoring {
        Scoring::Manual { .. } | Scoring::Reviewer { .. } => return None,
        Scoring::Ratio {
            numerator,
            denominator,
            full_at,
            when_zero,
        } => {
            let (n, d) = (count(year, numerator), count(year, denominator));
            let points = match (n, d) {
                // Nothing arose: the set says what that is worth.
                (_, Some(0)) => *when_zero,
                // The ratio reaches `full_at` for full points: n/d ÷ full_at.
                (Some(n), Some(d)) => pro_rata(
                    max,
                    u128::from(n) * 10_000,
                    u128::from(d) * u128::from(*full_at),
                ),
                _ => Points::ZERO,
            };
            Computed {
                points,
                basis: Basis::Ratio {
                    numerator: n,
                    denominator: d,
                },
            }
        }
        Scoring::Threshold { field, steps } => {
            let value = count(year, field);
            let reached = steps
                .iter()
                .rev()
                .find(|s| value.is_some_and(|v| v >= s.at));
            Computed {
                points: reached.map_or(Points::ZERO, |s| s.points),
                basis: Basis::Count { value },
            }
        }
        Scoring::Timeliness { late_share } => {
            let of = |a: Arrival| year.reports.iter().filter(|r| **r == a).count();
            let (on_time, late, missing) =
                (of(Arrival::OnTime), of(Arrival::Late), of(Arrival::Missing));
            // Each report owed is worth its share; a year that owed none loses nothing.
            let earned = on_time as u128 * 10_000 + late as u128 * u128::from(*late_share);
            Computed {
                points: pro_rata(max, earned, year.reports.len() as u128 * 10_000),
                basis: Basis::Reports {
                    on_time,
                    late,
                    missing,
                },
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evaluation::criteria::tests::demo_set;

    fn p(n: f64) -> Points {
        Points::try_from(n).expect("points")
    }

    fn report(pairs: &[(&str, u64)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::Count(*v)))
            .collect()
    }

    fn points(code: &str, report: Option<&Values>, reports: &[Arrival]) -> Computed {
        let set = demo_set();
        let c = set.criterion(code).expect("criterion");
        computed(c, &Year { report, reports }).expect("computed")
    }

    #[test]
    fn a_ratio_is_full_at_its_target_and_pro_rata_below() {
        // 15 points at 90% solved or more.
        let full = report(&[("don_da_giai_quyet", 95), ("don_thuoc_tham_quyen", 100)]);
        assert_eq!(points("don_thu", Some(&full), &[]).points, p(15.0));
        // 45/50 = 90%: exactly the target.
        let at = report(&[("don_da_giai_quyet", 45), ("don_thuoc_tham_quyen", 50)]);
        assert_eq!(points("don_thu", Some(&at), &[]).points, p(15.0));
        // 60%: 60/90 of 15 = 10.
        let below = report(&[("don_da_giai_quyet", 60), ("don_thuoc_tham_quyen", 100)]);
        let c = points("don_thu", Some(&below), &[]);
        assert_eq!(c.points, p(10.0));
        assert_eq!(
            c.basis,
            Basis::Ratio {
                numerator: Some(60),
                denominator: Some(100)
            }
        );
        // 1/3 of 98%: 15 × 0,3333/0,98 = 5,10 (to the hundredth).
        let third = report(&[("hs_dung_han", 1), ("hs_tiep_nhan", 3)]);
        assert_eq!(
            points("cai_cach_hanh_chinh", Some(&third), &[]).points,
            p(5.1)
        );
    }

    #[test]
    fn a_zero_denominator_gives_what_the_set_says_and_no_report_nothing() {
        let none_arose = report(&[("don_da_giai_quyet", 0), ("don_thuoc_tham_quyen", 0)]);
        assert_eq!(points("don_thu", Some(&none_arose), &[]).points, p(15.0));
        let c = points("don_thu", None, &[]);
        assert_eq!(c.points, Points::ZERO);
        assert_eq!(
            c.basis,
            Basis::Ratio {
                numerator: None,
                denominator: None
            }
        );
    }

    #[test]
    fn a_threshold_gives_the_highest_step_reached() {
        // Steps: 1 → 5, 2 → 8, 3 → 10.
        for (models, expected) in [(0, 0.0), (1, 5.0), (2, 8.0), (3, 10.0), (7, 10.0)] {
            let r = report(&[("mo_hinh_dvk", models)]);
            assert_eq!(
                points("dan_van_kheo", Some(&r), &[]).points,
                p(expected),
                "{models}"
            );
        }
        assert_eq!(points("dan_van_kheo", None, &[]).points, Points::ZERO);
    }

    #[test]
    fn late_reports_earn_their_share_and_missing_ones_nothing() {
        use Arrival::*;
        // 15 points over two reports, a late one worth half its share.
        assert_eq!(points("bao_cao", None, &[OnTime, OnTime]).points, p(15.0));
        assert_eq!(points("bao_cao", None, &[OnTime, Late]).points, p(11.25));
        assert_eq!(points("bao_cao", None, &[OnTime, Missing]).points, p(7.5));
        assert_eq!(
            points("bao_cao", None, &[Missing, Missing]).points,
            Points::ZERO
        );
        // Three owed: one late is 15 × (2 + 0,5)/3 = 12,5.
        let c = points("bao_cao", None, &[OnTime, Late, OnTime]);
        assert_eq!(c.points, p(12.5));
        assert_eq!(
            c.basis,
            Basis::Reports {
                on_time: 2,
                late: 1,
                missing: 0
            }
        );
        assert_eq!(points("bao_cao", None, &[]).points, p(15.0));
    }

    #[test]
    fn people_score_manual_and_reviewer_criteria() {
        let set = demo_set();
        let year = Year {
            report: None,
            reports: &[],
        };
        for code in ["lanh_dao", "cap_tren"] {
            assert_eq!(computed(set.criterion(code).expect("c"), &year), None);
        }
    }
}
