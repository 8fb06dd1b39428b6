//! A unit's total, its grade, and the scope's ranking: the criteria's points (each within
//! its maximum), the bonus up to its cap, the whole never above the scale.

use super::criteria::{CriteriaSet, Grade};
use super::points::Points;
use std::collections::BTreeMap;

/// The points of a unit's criteria and bonus items, by code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub criteria: BTreeMap<String, Points>,
    pub bonus: BTreeMap<String, Points>,
}

impl CriteriaSet {
    /// The total of `scores`: each criterion's points (at most its maximum; codes the
    /// set lacks count nothing), the bonus (at most `bonus_max`), at most the scale.
    pub fn total(&self, scores: &Scores) -> Points {
        let capped =
            |points: Option<&Points>, max: Points| points.map_or(Points::ZERO, |p| (*p).min(max));
        let criteria: Points = self
            .criteria
            .iter()
            .map(|c| capped(scores.criteria.get(&c.code), c.max))
            .sum();
        let bonus: Points = self
            .bonus
            .iter()
            .map(|b| capped(scores.bonus.get(&b.code), b.max))
            .sum();
        (criteria + bonus.min(self.bonus_max)).min(self.scale)
    }

    /// The band `total` falls in: the first from the top whose minimum it reaches.
    pub fn grade(&self, total: Points) -> Option<&Grade> {
        self.grades.iter().find(|g| total >= g.min)
    }
}

/// Each unit's place by total, highest first; equal totals share a place and the next
/// place skips as many (1, 2, 2, 4). Units without a total (not graded) have none.
pub fn ranks(totals: &[Option<Points>]) -> Vec<Option<usize>> {
    totals
        .iter()
        .map(|own| own.map(|own| 1 + totals.iter().flatten().filter(|t| **t > own).count()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evaluation::criteria::tests::demo_set;

    fn p(n: f64) -> Points {
        Points::try_from(n).expect("points")
    }

    fn scores(criteria: &[(&str, f64)], bonus: &[(&str, f64)]) -> Scores {
        let map =
            |pairs: &[(&str, f64)]| pairs.iter().map(|(c, n)| (c.to_string(), p(*n))).collect();
        Scores {
            criteria: map(criteria),
            bonus: map(bonus),
        }
    }

    #[test]
    fn the_total_caps_the_bonus_and_the_scale() {
        let set = demo_set();
        let nearly = [
            ("lanh_dao", 10.0),
            ("tuyen_truyen", 10.0),
            ("don_thu", 15.0),
            ("cai_cach_hanh_chinh", 15.0),
            ("dan_chu_co_so", 15.0),
            ("dan_van_kheo", 10.0),
            ("bao_cao", 15.0),
            ("cap_tren", 7.5),
        ];
        assert_eq!(set.total(&scores(&nearly, &[])), p(97.5));
        // 5 bonus points on 97,5: the scale's 100, not 102,5.
        assert_eq!(set.total(&scores(&nearly, &[("sang_kien", 5.0)])), p(100.0));
        // A criterion given more than its maximum counts its maximum; an unknown code
        // nothing.
        let over = scores(&[("lanh_dao", 12.0), ("khac", 50.0)], &[("sang_kien", 9.0)]);
        assert_eq!(set.total(&over), p(15.0));
    }

    #[test]
    fn grades_go_by_the_bands() {
        let set = demo_set();
        let code = |n: f64| set.grade(p(n)).map(|g| g.code.as_str());
        assert_eq!(code(100.0), Some("tot"));
        assert_eq!(code(90.0), Some("tot"));
        assert_eq!(code(89.99), Some("kha"));
        // The commune moved from 87 to 78 at review: still "khá"; 69,5 is "trung bình".
        assert_eq!(code(78.0), Some("kha"));
        assert_eq!(code(69.5), Some("trung_binh"));
        assert_eq!(code(0.0), Some("yeu"));
    }

    #[test]
    fn ties_share_a_place() {
        let totals = [
            Some(p(87.0)),
            Some(p(92.5)),
            None,
            Some(p(87.0)),
            Some(p(60.0)),
        ];
        assert_eq!(ranks(&totals), [Some(2), Some(1), None, Some(2), Some(4)]);
        assert_eq!(ranks(&[]), Vec::<Option<usize>>::new());
    }
}
