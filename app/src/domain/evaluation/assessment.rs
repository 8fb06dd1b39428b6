//! A unit's self-assessment and the reviewer's decision on it, read from the values of its
//! report (an evaluation period's): what each criterion and bonus item stands at, the
//! totals and grade, and what still stands in the way of submitting or accepting it. The
//! device shows this as the unit types; the server checks the same before it takes a
//! submission or an acceptance.

use super::criteria::{CriteriaSet, Scoring};
use super::grading::Scores;
use super::points::Points;
use super::scoring::{computed, Arrival, Computed, Year};
use crate::domain::rules::Values;
use crate::domain::value::Value;
use crate::lang::Text;
use crate::sync::{ScoreSlot, Slot};
use serde::{Deserialize, Serialize};

/// What the unit's year gives the computed criteria, as the server reads it and sends it
/// with the self-assessment (so that the device computes offline what the server does).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct YearFigures {
    /// The figures of the unit's annual report; `None` when it sent none.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub report: Option<Values>,
    /// How each other report the unit owed under the plan arrived.
    pub reports: Vec<Arrival>,
}

/// Who gives an item its first points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The unit claims them.
    Unit,
    /// They come from the year's figures.
    Computed(Computed),
    /// The reviewer alone gives them.
    Reviewer,
}

/// A criterion or bonus item of one unit's assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub code: String,
    pub title: String,
    pub max: Points,
    /// The points are given in these steps.
    pub step: Option<Points>,
    /// Claimed above 0 only with a document attached.
    pub evidence: bool,
    pub bonus: bool,
    pub source: Source,
    /// What the unit claims, or what the year's figures give.
    pub proposed: Option<Points>,
    /// What the reviewer decided.
    pub decided: Option<Points>,
    /// Whether the reviewer wrote why the decision differs.
    pub reasoned: bool,
    /// The files attached as its evidence.
    pub files: usize,
}

impl Item {
    /// Where it stands: decided, else proposed.
    pub fn points(&self) -> Option<Points> {
        self.decided.or(self.proposed)
    }

    /// The reviewer decided otherwise than proposed.
    pub fn differs(&self) -> bool {
        self.decided.is_some() && self.decided != self.proposed.or(Some(Points::ZERO))
    }

    /// Whether `points` may be given: within 0..max, by the step.
    pub fn takes(&self, points: Points) -> bool {
        points.fits(self.max, self.step)
    }
}

/// Something that keeps an assessment from being submitted or accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The unit has not scored a criterion it scores.
    Unclaimed { code: String, title: String },
    /// Points claimed without the evidence the criterion asks for.
    NoEvidence { code: String, title: String },
    /// The reviewer has not given a criterion only the reviewer gives.
    Undecided { code: String, title: String },
    /// Decided otherwise than proposed, with no reason written.
    NoReason { code: String, title: String },
}

impl Gap {
    pub fn code(&self) -> &str {
        match self {
            Gap::Unclaimed { code, .. }
            | Gap::NoEvidence { code, .. }
            | Gap::Undecided { code, .. }
            | Gap::NoReason { code, .. } => code,
        }
    }

    pub fn text(&self) -> Text {
        match self {
            Gap::Unclaimed { title, .. } => Text::new(
                format!("Chưa tự chấm: {title}"),
                format!("Not scored yet: {title}"),
            ),
            Gap::NoEvidence { title, .. } => Text::new(
                format!("Cần đính kèm tài liệu minh chứng để tự chấm trên 0 điểm: {title}"),
                format!("Attach evidence to claim more than 0 points: {title}"),
            ),
            Gap::Undecided { title, .. } => Text::new(
                format!("Chưa cho điểm: {title}"),
                format!("No points given yet: {title}"),
            ),
            Gap::NoReason { title, .. } => Text::new(
                format!("Ghi lý do điểm thẩm định khác điểm tự chấm: {title}"),
                format!("Write why the decided points differ from the proposal: {title}"),
            ),
        }
    }
}

/// One unit's assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub criteria: Vec<Item>,
    pub bonus: Vec<Item>,
    /// The reviewer's reason for not grading the unit.
    pub ineligible: Option<String>,
}

fn points_of(values: &Values, slot: ScoreSlot) -> Option<Points> {
    match values.get(&Slot::Score(slot).to_string()) {
        Some(Value::Points(p)) => Some(*p),
        _ => None,
    }
}

fn text_of(values: &Values, slot: ScoreSlot) -> Option<String> {
    match values.get(&Slot::Score(slot).to_string()) {
        Some(Value::Text(t)) if !t.trim().is_empty() => Some(t.clone()),
        _ => None,
    }
}

impl Assessment {
    /// The assessment the report's `values` hold, against `set`, with `year`'s figures.
    pub fn read(set: &CriteriaSet, year: &YearFigures, values: &Values) -> Assessment {
        let files = |code: &str| {
            values
                .values()
                .filter(|v| matches!(v, Value::File(f) if f.criterion.as_deref() == Some(code)))
                .count()
        };
        let decided = |code: &str| points_of(values, ScoreSlot::Decision(code.to_string()));
        let reasoned = |code: &str| text_of(values, ScoreSlot::Reason(code.to_string())).is_some();
        let claimed = |code: &str| points_of(values, ScoreSlot::Claim(code.to_string()));
        let figures = Year {
            report: year.report.as_ref(),
            reports: &year.reports,
        };
        let criteria = set
            .criteria
            .iter()
            .map(|c| {
                let (source, proposed) = match &c.scoring {
                    Scoring::Manual { .. } => (Source::Unit, claimed(&c.code)),
                    Scoring::Reviewer { .. } => (Source::Reviewer, None),
                    _ => match computed(c, &figures) {
                        Some(done) => {
                            let points = done.points;
                            (Source::Computed(done), Some(points))
                        }
                        None => (Source::Unit, claimed(&c.code)),
                    },
                };
                Item {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    max: c.max,
                    step: c.scoring.step(),
                    evidence: c.evidence,
                    bonus: false,
                    source,
                    proposed,
                    decided: decided(&c.code),
                    reasoned: reasoned(&c.code),
                    files: files(&c.code),
                }
            })
            .collect();
        let bonus = set
            .bonus
            .iter()
            .map(|b| Item {
                code: b.code.clone(),
                title: b.title.clone(),
                max: b.max,
                step: None,
                evidence: b.evidence,
                bonus: true,
                source: Source::Unit,
                proposed: claimed(&b.code),
                decided: decided(&b.code),
                reasoned: reasoned(&b.code),
                files: files(&b.code),
            })
            .collect();
        Assessment {
            criteria,
            bonus,
            ineligible: text_of(values, ScoreSlot::Ineligible),
        }
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.criteria.iter().chain(&self.bonus)
    }

    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items().find(|i| i.code == code)
    }

    fn scores(&self, points: impl Fn(&Item) -> Option<Points>) -> Scores {
        let map = |items: &[Item]| {
            items
                .iter()
                .filter_map(|i| Some((i.code.clone(), points(i)?)))
                .collect()
        };
        Scores {
            criteria: map(&self.criteria),
            bonus: map(&self.bonus),
        }
    }

    /// The total the unit proposes (its claims and the computed points).
    pub fn proposed_total(&self, set: &CriteriaSet) -> Points {
        set.total(&self.scores(|i| i.proposed))
    }

    /// The total as reviewed: decided points, else proposed.
    pub fn total(&self, set: &CriteriaSet) -> Points {
        set.total(&self.scores(Item::points))
    }

    /// What keeps the unit from submitting: a criterion it scores left unscored, points
    /// claimed without the evidence asked for.
    pub fn submit_gaps(&self) -> Vec<Gap> {
        let mut gaps = Vec::new();
        for item in self.items().filter(|i| i.source == Source::Unit) {
            let (code, title) = (item.code.clone(), item.title.clone());
            match item.proposed {
                None if !item.bonus => gaps.push(Gap::Unclaimed { code, title }),
                Some(p) if p > Points::ZERO && item.evidence && item.files == 0 => {
                    gaps.push(Gap::NoEvidence { code, title })
                }
                _ => {}
            }
        }
        gaps
    }

    /// What keeps the reviewer from accepting: a criterion only the reviewer gives left
    /// without points, a decision that differs from the proposal (or overrides a computed
    /// criterion) without a reason. A unit not graded needs neither.
    pub fn accept_gaps(&self) -> Vec<Gap> {
        if self.ineligible.is_some() {
            return Vec::new();
        }
        let mut gaps = Vec::new();
        for item in self.items() {
            let (code, title) = (item.code.clone(), item.title.clone());
            // A computed criterion decided at all is overridden: its figures gave its
            // points, so the decision always says why (and the check needs no figures).
            let needs_reason = match item.source {
                Source::Unit => item.differs(),
                Source::Computed(_) => item.decided.is_some(),
                Source::Reviewer => false,
            };
            if item.source == Source::Reviewer && item.decided.is_none() {
                gaps.push(Gap::Undecided { code, title });
            } else if needs_reason && !item.reasoned {
                gaps.push(Gap::NoReason { code, title });
            }
        }
        gaps
    }
}

impl ScoreSlot {
    /// What a person calls it: "Tự chấm: <criterion>", "Điểm thẩm định: <criterion>"; the
    /// criterion by its code when the set is not known.
    pub fn label(&self, set: Option<&CriteriaSet>) -> Text {
        let (vi, en) = match self {
            ScoreSlot::Claim(_) => ("Tự chấm", "Self-assessed"),
            ScoreSlot::Remark(_) => ("Giải trình", "Remark"),
            ScoreSlot::Decision(_) => ("Điểm thẩm định", "Decided points"),
            ScoreSlot::Reason(_) => ("Lý do điểm thẩm định", "Reason for the decision"),
            ScoreSlot::Ineligible => {
                let label = set.map_or("Không đủ điều kiện xếp loại", |s| {
                    &s.ineligible.label
                });
                return Text::new(label, "Not eligible for a grade");
            }
        };
        let code = self.code().unwrap_or_default();
        let title = set.and_then(|s| s.title_of(code)).unwrap_or(code);
        Text::new(format!("{vi}: {title}"), format!("{en}: {title}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attachment::{Attachment, AttachmentKind, FileType};
    use crate::domain::evaluation::criteria::tests::demo_set;

    fn p(n: f64) -> Points {
        Points::try_from(n).expect("points")
    }

    fn put(values: &mut Values, slot: ScoreSlot, value: Value) {
        values.insert(Slot::Score(slot).to_string(), value);
    }

    fn claim(values: &mut Values, code: &str, n: f64) {
        put(values, ScoreSlot::Claim(code.into()), Value::Points(p(n)));
    }

    fn evidence(values: &mut Values, code: &str, n: u8) {
        let file = Attachment {
            kind: AttachmentKind::Evidence,
            name: format!("minh-chung-{n}.pdf"),
            size: 10,
            file_type: FileType::Pdf,
            criterion: Some(code.into()),
        };
        values.insert(
            format!("file:{}", format!("{n:02x}").repeat(32)),
            Value::File(file),
        );
    }

    /// The annual report of the demo set's fields: every ratio met, two models.
    fn year() -> YearFigures {
        let report = [
            ("don_da_giai_quyet", 9),
            ("don_thuoc_tham_quyen", 10),
            ("hs_dung_han", 98),
            ("hs_tiep_nhan", 100),
            ("mo_hinh_dvk", 2),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::Count(v)))
        .collect();
        YearFigures {
            report: Some(report),
            reports: vec![Arrival::OnTime, Arrival::Late],
        }
    }

    #[test]
    fn the_unit_claims_what_it_scores_and_the_year_gives_the_rest() {
        let set = demo_set();
        let mut values = Values::new();
        claim(&mut values, "lanh_dao", 9.5);
        claim(&mut values, "tuyen_truyen", 8.0);
        let a = Assessment::read(&set, &year(), &values);
        // 9,5 + 8 + 15 + 15 (ratios met) + 0 (not claimed) + 8 (two models) + 11,25
        // (one on time, one late at half: 15 × 1,5/2) + nothing from the reviewer yet.
        assert_eq!(a.proposed_total(&set), p(66.75));
        let gaps = a.submit_gaps();
        let codes: Vec<&str> = gaps.iter().map(Gap::code).collect();
        // Points claimed above 0 without evidence, and a criterion left unscored.
        assert_eq!(codes, ["lanh_dao", "tuyen_truyen", "dan_chu_co_so"]);
        assert!(matches!(gaps[0], Gap::NoEvidence { .. }));
        assert!(matches!(gaps[2], Gap::Unclaimed { .. }));
    }

    #[test]
    fn evidence_lets_points_be_claimed_and_zero_needs_none() {
        let set = demo_set();
        let mut values = Values::new();
        claim(&mut values, "lanh_dao", 10.0);
        evidence(&mut values, "lanh_dao", 1);
        claim(&mut values, "tuyen_truyen", 0.0);
        claim(&mut values, "dan_chu_co_so", 12.5);
        evidence(&mut values, "dan_chu_co_so", 2);
        evidence(&mut values, "dan_chu_co_so", 3);
        let a = Assessment::read(&set, &year(), &values);
        assert_eq!(a.submit_gaps(), []);
        assert_eq!(a.item("dan_chu_co_so").map(|i| i.files), Some(2));
        // A bonus claimed without its evidence is a gap; one not claimed is none.
        claim(&mut values, "sang_kien", 2.0);
        let a = Assessment::read(&set, &year(), &values);
        assert_eq!(
            a.submit_gaps().iter().map(Gap::code).collect::<Vec<_>>(),
            ["sang_kien"]
        );
    }

    #[test]
    fn the_reviewer_decides_with_a_reason_where_it_differs() {
        let set = demo_set();
        let mut values = Values::new();
        claim(&mut values, "lanh_dao", 10.0);
        claim(&mut values, "tuyen_truyen", 8.0);
        claim(&mut values, "dan_chu_co_so", 15.0);
        let a = Assessment::read(&set, &year(), &values);
        // The reviewer's own criterion first.
        assert_eq!(
            a.accept_gaps(),
            [Gap::Undecided {
                code: "cap_tren".into(),
                title: set.criterion("cap_tren").expect("criterion").title.clone()
            }]
        );
        let decide = |values: &mut Values, code: &str, n: f64| {
            put(
                values,
                ScoreSlot::Decision(code.into()),
                Value::Points(p(n)),
            )
        };
        decide(&mut values, "cap_tren", 9.0);
        // The same points as proposed need no reason; other points do.
        decide(&mut values, "tuyen_truyen", 8.0);
        decide(&mut values, "dan_chu_co_so", 11.0);
        decide(&mut values, "bao_cao", 15.0);
        let a = Assessment::read(&set, &year(), &values);
        let codes: Vec<String> = a.accept_gaps().iter().map(|g| g.code().into()).collect();
        assert_eq!(codes, ["dan_chu_co_so", "bao_cao"]);
        for code in ["dan_chu_co_so", "bao_cao"] {
            let why = Value::Text("Biên bản kiểm tra".into());
            put(&mut values, ScoreSlot::Reason(code.into()), why);
        }
        let a = Assessment::read(&set, &year(), &values);
        assert_eq!(a.accept_gaps(), []);
        // 10 + 8 + 15 + 15 + 11 + 8 + 15 + 9.
        assert_eq!(a.total(&set), p(91.0));
        assert_eq!(
            set.grade(a.total(&set)).map(|g| g.code.as_str()),
            Some("tot")
        );
        assert!(a.item("dan_chu_co_so").is_some_and(Item::differs));
        assert!(!a.item("tuyen_truyen").is_some_and(Item::differs));
    }

    #[test]
    fn a_unit_not_graded_needs_no_decisions() {
        let set = demo_set();
        let mut values = Values::new();
        let reason = set.ineligible.reasons[0].clone();
        put(
            &mut values,
            ScoreSlot::Ineligible,
            Value::Text(reason.clone()),
        );
        let a = Assessment::read(&set, &YearFigures::default(), &values);
        assert_eq!(a.ineligible, Some(reason));
        assert_eq!(a.accept_gaps(), []);
    }
}
