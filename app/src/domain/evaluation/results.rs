//! A scope's results of the year's evaluation: each unit's line (points by criterion, the
//! totals, the grade, its place), the distribution of grades and the average of each
//! criterion against its maximum. The server reads the assessments; this makes the lines,
//! the ranking and the summaries, for the page and the exports alike.

use super::assessment::{Assessment, YearFigures};
use super::criteria::CriteriaSet;
use super::grading::ranks;
use super::points::Points;
use crate::domain::plan::Period;
use crate::domain::rules::Values;
use crate::domain::status::ReportStatus;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One unit's line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResultRow {
    pub unit_code: String,
    pub unit_name: String,
    /// Where its self-assessment stands; `None` before it is started.
    pub status: Option<ReportStatus>,
    /// Each criterion's and bonus item's points as they stand (decided, else proposed).
    pub points: BTreeMap<String, Points>,
    /// The total it proposed, once submitted.
    pub proposed: Option<Points>,
    /// The total after review, once accepted and graded.
    pub total: Option<Points>,
    /// The grade's code, with the total.
    pub grade: Option<String>,
    /// Why the reviewer did not grade it.
    pub ineligible: Option<String>,
    /// Its place among the graded units: equal totals share one.
    pub rank: Option<usize>,
    /// Its results in earlier evaluations (its own, or those of the units it carries on
    /// from), oldest first.
    #[serde(default)]
    pub past: Vec<PastResult>,
}

/// A unit's result in an earlier evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PastResult {
    /// The evaluation period's label ("… năm 2025").
    pub label: String,
    /// The unit as it was then, when it was another (merged into this one since).
    pub unit_name: Option<String>,
    pub total: Option<Points>,
    pub grade: Option<String>,
}

/// The results of an evaluation period over a scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EvaluationResults {
    pub plan_id: String,
    pub plan_number: String,
    pub period: Period,
    pub criteria: CriteriaSet,
    /// The unit whose scope this is, by name.
    pub scope: String,
    /// Ranked units first, by place; then the others by name.
    pub rows: Vec<ResultRow>,
}

/// How many units have a grade (by the set's bands, from the highest), are not graded,
/// or are not assessed yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Distribution {
    pub grades: Vec<(String, String, usize)>,
    pub ineligible: usize,
    pub pending: usize,
}

/// A criterion's average over the graded units, against its maximum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Average {
    pub code: String,
    pub title: String,
    pub mean: Points,
    pub max: Points,
}

impl ResultRow {
    /// The line of a unit from its self-assessment's state: `values` are its current
    /// values, `year` the figures its computed criteria read.
    pub fn read(
        set: &CriteriaSet,
        (unit_code, unit_name): (&str, &str),
        status: Option<ReportStatus>,
        year: &YearFigures,
        values: &Values,
    ) -> ResultRow {
        let a = Assessment::read(set, year, values);
        let submitted = status.is_some_and(ReportStatus::is_submitted);
        let graded = status == Some(ReportStatus::DaTiepNhan) && a.ineligible.is_none();
        let total = graded.then(|| a.total(set));
        ResultRow {
            unit_code: unit_code.to_string(),
            unit_name: unit_name.to_string(),
            status,
            // A draft is not the unit's word yet: nothing of it is shown.
            points: a
                .items()
                .filter(|_| submitted)
                .filter_map(|i| Some((i.code.clone(), i.points()?)))
                .collect(),
            proposed: submitted.then(|| a.proposed_total(set)),
            total,
            grade: total.and_then(|t| set.grade(t)).map(|g| g.code.clone()),
            ineligible: a
                .ineligible
                .filter(|_| status == Some(ReportStatus::DaTiepNhan)),
            rank: None,
            past: Vec::new(),
        }
    }
}

impl EvaluationResults {
    /// Places the graded units by total and orders the lines: by place, then by name.
    pub fn rank(rows: &mut [ResultRow]) {
        let totals: Vec<Option<Points>> = rows.iter().map(|r| r.total).collect();
        for (row, rank) in rows.iter_mut().zip(ranks(&totals)) {
            row.rank = rank;
        }
        rows.sort_by(|a, b| {
            let place = |r: &ResultRow| r.rank.unwrap_or(usize::MAX);
            place(a)
                .cmp(&place(b))
                .then_with(|| a.unit_name.cmp(&b.unit_name))
        });
    }

    pub fn distribution(&self) -> Distribution {
        let grades = self
            .criteria
            .grades
            .iter()
            .map(|g| {
                let n = self
                    .rows
                    .iter()
                    .filter(|r| r.grade.as_deref() == Some(&g.code))
                    .count();
                (g.code.clone(), g.label.clone(), n)
            })
            .collect();
        let ineligible = self.rows.iter().filter(|r| r.ineligible.is_some()).count();
        let pending = self
            .rows
            .iter()
            .filter(|r| r.total.is_none() && r.ineligible.is_none())
            .count();
        Distribution {
            grades,
            ineligible,
            pending,
        }
    }

    /// Each criterion's and bonus item's mean over the graded units, to the hundredth
    /// (halves up); `None` while none is graded.
    pub fn averages(&self) -> Option<Vec<Average>> {
        let graded: Vec<&ResultRow> = self.rows.iter().filter(|r| r.total.is_some()).collect();
        if graded.is_empty() {
            return None;
        }
        let n = graded.len() as u64;
        let items = self
            .criteria
            .criteria
            .iter()
            .map(|c| (&c.code, &c.title, c.max))
            .chain(
                self.criteria
                    .bonus
                    .iter()
                    .map(|b| (&b.code, &b.title, b.max)),
            );
        Some(
            items
                .map(|(code, title, max)| {
                    let sum: u64 = graded
                        .iter()
                        .map(|r| u64::from(r.points.get(code).map_or(0, |p| p.hundredths())))
                        .sum();
                    let mean = u32::try_from((2 * sum + n) / (2 * n)).unwrap_or(u32::MAX);
                    Average {
                        code: code.clone(),
                        title: title.clone(),
                        mean: Points::from_hundredths(mean),
                        max,
                    }
                })
                .collect(),
        )
    }

    /// A grade's label by its code.
    pub fn grade_label(&self, code: &str) -> Option<&str> {
        self.criteria
            .grades
            .iter()
            .find(|g| g.code == code)
            .map(|g| g.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evaluation::criteria::tests::demo_set;
    use crate::domain::value::Value;
    use crate::sync::{ScoreSlot, Slot};

    fn p(n: f64) -> Points {
        Points::try_from(n).expect("points")
    }

    /// A unit that claims `claimed` on every manual criterion, has its reviewer give
    /// `reviewer` and sent an annual report meeting every ratio with `models` models.
    fn unit(code: &str, status: ReportStatus, claimed: f64, reviewer: f64) -> ResultRow {
        let set = demo_set();
        let mut values = Values::new();
        let mut put = |slot: ScoreSlot, n: f64| {
            values.insert(Slot::Score(slot).to_string(), Value::Points(p(n)));
        };
        for c in ["lanh_dao", "tuyen_truyen", "dan_chu_co_so"] {
            put(ScoreSlot::Claim(c.into()), claimed);
        }
        put(ScoreSlot::Decision("cap_tren".into()), reviewer);
        let year = YearFigures {
            report: Some(
                [
                    ("don_thuoc_tham_quyen", 0),
                    ("hs_tiep_nhan", 0),
                    ("mo_hinh_dvk", 3),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), Value::Count(v)))
                .collect(),
            ),
            reports: Vec::new(),
        };
        ResultRow::read(&set, (code, code), Some(status), &year, &values)
    }

    #[test]
    fn graded_units_are_ranked_with_ties_and_the_rest_follow() {
        use ReportStatus::*;
        // Computed: 15 + 15 (nothing arose) + 10 (three models) + 15 (no report owed).
        let mut rows = vec![
            unit("C", DaTiepNhan, 8.0, 9.0),  // 24 + 55 + 9 = 88
            unit("A", DaTiepNhan, 10.0, 5.0), // 30 + 55 + 5 = 90
            unit("D", DaNop, 10.0, 10.0),     // not reviewed yet
            unit("B", DaTiepNhan, 8.0, 9.0),  // 88
        ];
        EvaluationResults::rank(&mut rows);
        let line = |r: &ResultRow| (r.unit_code.clone(), r.rank, r.total, r.grade.clone());
        let lines: Vec<_> = rows.iter().map(line).collect();
        assert_eq!(
            lines,
            [
                ("A".into(), Some(1), Some(p(90.0)), Some("tot".into())),
                ("B".into(), Some(2), Some(p(88.0)), Some("kha".into())),
                ("C".into(), Some(2), Some(p(88.0)), Some("kha".into())),
                ("D".into(), None, None, None),
            ]
        );
        // The unit not reviewed yet proposes its total (the reviewer's own criterion not
        // in it).
        assert_eq!(rows[3].proposed, Some(p(85.0)));
        let results = EvaluationResults {
            plan_id: "p".into(),
            plan_number: "1/KH-UBND".into(),
            period: Period {
                code: "DG".into(),
                label: "Đánh giá".into(),
                kind: crate::domain::plan::PeriodKind::Nam,
                due_before: chrono::NaiveDate::from_ymd_opt(2027, 1, 10).expect("date"),
                data_range: None,
                signed_copy_required: false,
                evaluation: None,
            },
            criteria: demo_set(),
            scope: "Thành phố".into(),
            rows,
        };
        let d = results.distribution();
        assert_eq!(
            d.grades
                .iter()
                .map(|(code, _, n)| (code.as_str(), *n))
                .collect::<Vec<_>>(),
            [("tot", 1), ("kha", 2), ("trung_binh", 0), ("yeu", 0)]
        );
        assert_eq!((d.ineligible, d.pending), (0, 1));
        let averages = results.averages().expect("graded units");
        let lanh_dao = &averages[0];
        // (10 + 8 + 8) / 3 = 8,666… → 8,67.
        assert_eq!((lanh_dao.mean, lanh_dao.max), (p(8.67), p(10.0)));
    }

    #[test]
    fn a_unit_not_graded_has_no_place_and_counts_as_such() {
        let set = demo_set();
        let mut values = Values::new();
        let reason = set.ineligible.reasons[1].clone();
        let slot = Slot::Score(ScoreSlot::Ineligible).to_string();
        values.insert(slot, Value::Text(reason.clone()));
        let status = Some(ReportStatus::DaTiepNhan);
        let year = YearFigures::default();
        let mut rows = vec![
            ResultRow::read(&set, ("X", "X"), status, &year, &values),
            unit("A", ReportStatus::DaTiepNhan, 10.0, 5.0),
        ];
        EvaluationResults::rank(&mut rows);
        assert_eq!(rows[0].unit_code, "A");
        let x = &rows[1];
        assert_eq!((x.rank, x.total, x.grade.as_deref()), (None, None, None));
        assert_eq!(x.ineligible.as_deref(), Some(reason.as_str()));
        // Submitted, it still proposed its total.
        assert!(x.proposed.is_some());
    }
}
