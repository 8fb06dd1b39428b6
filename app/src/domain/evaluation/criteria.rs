//! A criteria set ("bộ tiêu chí") as a province issues it, read from its TOML file (the
//! format is explained in `server/demo/evaluation-dan-van-2026.toml`) and checked whole:
//! every problem is named with its line, none is loaded half.

use super::points::Points;
use crate::domain::org::OrgKind;
use crate::domain::template::{FieldKind, Template};
use crate::lang::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use toml::Spanned;

/// A checked criteria set: its criteria's points add up to its scale, its grade bands are
/// ordered from the highest and reach 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CriteriaSet {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// The kinds of unit it grades (communes, wards, special zones).
    pub applies_to: Vec<OrgKind>,
    /// The report template whose annual report the computed criteria read.
    pub report_template: String,
    pub scale: Points,
    /// At most this many bonus points count; the total never exceeds the scale.
    pub bonus_max: Points,
    /// From the highest band down; the last starts at 0.
    pub grades: Vec<Grade>,
    pub ineligible: Ineligible,
    pub criteria: Vec<Criterion>,
    pub bonus: Vec<Bonus>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Grade {
    pub code: String,
    pub label: String,
    pub min: Points,
}

/// "Không đủ điều kiện xếp loại", and the reasons the reviewer chooses from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Ineligible {
    pub label: String,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Criterion {
    pub code: String,
    pub title: String,
    pub max: Points,
    pub scoring: Scoring,
    /// Claimed above 0 only with a document attached.
    pub evidence: bool,
    pub guide: Option<String>,
}

/// How a criterion's points are found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scoring {
    /// The unit proposes, the reviewer decides, in steps.
    Manual { step: Points },
    /// From the annual report: full points when `numerator / denominator` reaches
    /// `full_at` (in ten-thousandths), pro rata below; `when_zero` when nothing arose.
    Ratio {
        numerator: String,
        denominator: String,
        full_at: u32,
        when_zero: Points,
    },
    /// From one count of the annual report: the points of the highest step reached.
    Threshold { field: String, steps: Vec<Step> },
    /// From the unit's reports of the year: each period's share on time, `late_share` (in
    /// ten-thousandths) of it late, nothing missing.
    Timeliness { late_share: u32 },
    /// Given by the level above only.
    Reviewer { step: Points },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Step {
    pub at: u64,
    pub points: Points,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Bonus {
    pub code: String,
    pub title: String,
    pub max: Points,
    pub evidence: bool,
}

impl Scoring {
    /// The step points are given in, for criteria people score.
    pub fn step(&self) -> Option<Points> {
        match self {
            Scoring::Manual { step } | Scoring::Reviewer { step } => Some(*step),
            _ => None,
        }
    }
}

impl Criterion {
    /// Whether `points` may be given: within 0..max, by the step.
    pub fn takes(&self, points: Points) -> bool {
        points.fits(self.max, self.scoring.step())
    }
}

/// How people give a criterion or bonus item its points: up to `max`, in steps of `step`;
/// `claimed`: the unit claims them (a manual criterion, a bonus item), else only the
/// reviewer decides them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub max: Points,
    pub step: Option<Points>,
    pub claimed: bool,
}

impl CriteriaSet {
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.code == code)
    }

    /// How a criterion or bonus item is scored, by its code.
    pub fn scale_of(&self, code: &str) -> Option<Scale> {
        if let Some(c) = self.criterion(code) {
            return Some(Scale {
                max: c.max,
                step: c.scoring.step(),
                claimed: matches!(c.scoring, Scoring::Manual { .. }),
            });
        }
        self.bonus.iter().find(|b| b.code == code).map(|b| Scale {
            max: b.max,
            step: None,
            claimed: true,
        })
    }

    /// The title of a criterion or bonus item.
    pub fn title_of(&self, code: &str) -> Option<&str> {
        self.criteria
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.title.as_str())
            .or_else(|| {
                self.bonus
                    .iter()
                    .find(|b| b.code == code)
                    .map(|b| b.title.as_str())
            })
    }

    /// Reads and checks a set; every problem found, each with its line.
    pub fn from_toml(text: &str) -> Result<CriteriaSet, Vec<Problem>> {
        let text = crate::format::without_direction_controls(text);
        let file: SetFile = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| line_of(&text, s.start));
            vec![Problem::new(
                line,
                format!("không đọc được TOML: {}", e.message()),
                format!("not readable as TOML: {}", e.message()),
            )]
        })?;
        file.check(&text)
    }

    /// What a set needs of the report template its computed criteria read: each field
    /// named exists and is a count.
    pub fn check_template(&self, template: &Template) -> Vec<Problem> {
        let mut problems = Vec::new();
        for c in &self.criteria {
            let fields: Vec<&str> = match &c.scoring {
                Scoring::Ratio {
                    numerator,
                    denominator,
                    ..
                } => vec![numerator, denominator],
                Scoring::Threshold { field, .. } => vec![field],
                _ => continue,
            };
            for code in fields {
                let problem = match template.field(code).map(|f| &f.kind) {
                    Some(FieldKind::Count) => continue,
                    Some(_) => (
                        format!("tiêu chí “{}”: trường “{code}” không phải số đếm", c.code),
                        format!("criterion “{}”: the field “{code}” is not a count", c.code),
                    ),
                    None => (
                        format!(
                            "tiêu chí “{}”: mẫu báo cáo “{}” không có trường “{code}”",
                            c.code, template.id
                        ),
                        format!(
                            "criterion “{}”: the report template “{}” has no field “{code}”",
                            c.code, template.id
                        ),
                    ),
                };
                problems.push(Problem::new(None, problem.0, problem.1));
            }
        }
        problems
    }
}

/// One thing wrong with a file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The line it is on, from 1, when it is one line's.
    pub line: Option<usize>,
    pub text: Text,
}

impl Problem {
    fn new(line: Option<usize>, vi: String, en: String) -> Problem {
        Problem {
            line,
            text: Text::new(vi, en),
        }
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    id: String,
    version: u32,
    title: String,
    applies_to: Vec<OrgKind>,
    report_template: String,
    scale: Spanned<Points>,
    #[serde(default)]
    bonus_max: Points,
    grades: Spanned<Vec<GradeFile>>,
    ineligible: Ineligible,
    criteria: Vec<CriterionFile>,
    #[serde(default)]
    bonus: Vec<BonusFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GradeFile {
    code: String,
    label: String,
    min: Points,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BonusFile {
    code: Spanned<String>,
    title: String,
    max: Points,
    #[serde(default)]
    evidence: bool,
}

/// A criterion as written: which keys it takes depends on its kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    code: Spanned<String>,
    title: String,
    max: Points,
    kind: KindFile,
    #[serde(default)]
    evidence: bool,
    guide: Option<String>,
    step: Option<Points>,
    numerator: Option<String>,
    denominator: Option<String>,
    full_at: Option<f64>,
    when_zero: Option<Points>,
    field: Option<String>,
    steps: Option<Vec<Step>>,
    late_share: Option<f64>,
}

#[derive(Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum KindFile {
    Manual,
    Ratio,
    Threshold,
    Timeliness,
    Reviewer,
}

/// A share 0..=1 in ten-thousandths.
fn share(n: f64) -> Option<u32> {
    (n.is_finite() && (0.0..=1.0).contains(&n)).then(|| (n * 10_000.0).round() as u32)
}

impl SetFile {
    fn check(self, text: &str) -> Result<CriteriaSet, Vec<Problem>> {
        let mut problems = Vec::new();
        let at = |span: std::ops::Range<usize>| Some(line_of(text, span.start));
        let mut codes = HashSet::new();
        let mut criteria = Vec::new();
        let sum: Points = self.criteria.iter().map(|c| c.max).sum();
        for c in self.criteria {
            let line = at(c.code.span());
            let code = c.code.get_ref().clone();
            let mut wrong = |vi: &str, en: &str| {
                problems.push(Problem::new(
                    line,
                    format!("tiêu chí “{code}”: {vi}"),
                    format!("criterion “{code}”: {en}"),
                ))
            };
            if !codes.insert(code.clone()) {
                wrong("mã bị trùng", "the code is used twice");
            }
            if let Some(scoring) = c.scoring(&mut wrong) {
                criteria.push(Criterion {
                    code: code.clone(),
                    title: c.title,
                    max: c.max,
                    scoring,
                    evidence: c.evidence,
                    guide: c.guide,
                });
            }
        }
        if sum != *self.scale.get_ref() {
            problems.push(Problem::new(
                at(self.scale.span()),
                format!(
                    "tổng điểm các tiêu chí là {sum}, không bằng thang điểm {}",
                    self.scale.get_ref()
                ),
                format!(
                    "the criteria add up to {sum} points, not the scale's {}",
                    self.scale.get_ref()
                ),
            ));
        }
        let mut bonus = Vec::new();
        for b in self.bonus {
            let line = at(b.code.span());
            let code = b.code.into_inner();
            if !codes.insert(code.clone()) {
                problems.push(Problem::new(
                    line,
                    format!("điểm thưởng “{code}”: mã bị trùng"),
                    format!("bonus “{code}”: the code is used twice"),
                ));
            }
            if b.max > self.bonus_max {
                problems.push(Problem::new(
                    line,
                    format!(
                        "điểm thưởng “{code}”: tối đa {} điểm, quá bonus_max {}",
                        b.max, self.bonus_max
                    ),
                    format!(
                        "bonus “{code}”: {} points, above bonus_max {}",
                        b.max, self.bonus_max
                    ),
                ));
            }
            bonus.push(Bonus {
                code,
                title: b.title,
                max: b.max,
                evidence: b.evidence,
            });
        }
        let grades_line = at(self.grades.span());
        let grades: Vec<Grade> = self
            .grades
            .into_inner()
            .into_iter()
            .map(|g| Grade {
                code: g.code,
                label: g.label,
                min: g.min,
            })
            .collect();
        let descending = grades.windows(2).all(|w| w[0].min > w[1].min);
        if grades.is_empty() || !descending || grades.last().is_some_and(|g| g.min != Points::ZERO)
        {
            problems.push(Problem::new(
                grades_line,
                "các mức xếp loại phải xếp từ cao xuống thấp (min giảm dần) và mức cuối có min = 0"
                    .into(),
                "grades go from the highest down (min decreasing), the last with min = 0".into(),
            ));
        }
        if grades.iter().any(|g| g.min > *self.scale.get_ref()) {
            problems.push(Problem::new(
                grades_line,
                "có mức xếp loại cần nhiều điểm hơn thang điểm".into(),
                "a grade needs more points than the scale".into(),
            ));
        }
        if self.ineligible.reasons.is_empty() {
            problems.push(Problem::new(
                None,
                "[ineligible] cần ít nhất một lý do".into(),
                "[ineligible] needs at least one reason".into(),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CriteriaSet {
            id: self.id,
            version: self.version,
            title: self.title,
            applies_to: self.applies_to,
            report_template: self.report_template,
            scale: self.scale.into_inner(),
            bonus_max: self.bonus_max,
            grades,
            ineligible: self.ineligible,
            criteria,
            bonus,
        })
    }
}

impl CriterionFile {
    /// Its scoring, when its kind's keys are there and make sense; else says what is
    /// wrong through `wrong`.
    fn scoring(&self, wrong: &mut impl FnMut(&str, &str)) -> Option<Scoring> {
        let keys: [(&str, bool); 8] = [
            ("step", self.step.is_some()),
            ("numerator", self.numerator.is_some()),
            ("denominator", self.denominator.is_some()),
            ("full_at", self.full_at.is_some()),
            ("when_zero", self.when_zero.is_some()),
            ("field", self.field.is_some()),
            ("steps", self.steps.is_some()),
            ("late_share", self.late_share.is_some()),
        ];
        let takes: &[&str] = match self.kind {
            KindFile::Manual | KindFile::Reviewer => &["step"],
            KindFile::Ratio => &["numerator", "denominator", "full_at", "when_zero"],
            KindFile::Threshold => &["field", "steps"],
            KindFile::Timeliness => &["late_share"],
        };
        let mut fine = true;
        for (key, given) in keys {
            if given != takes.contains(&key) {
                fine = false;
                if given {
                    wrong(
                        &format!("loại này không dùng “{key}”"),
                        &format!("this kind takes no “{key}”"),
                    );
                } else {
                    wrong(&format!("thiếu “{key}”"), &format!("“{key}” is missing"));
                }
            }
        }
        if self.evidence && self.kind != KindFile::Manual {
            fine = false;
            wrong(
                "chỉ tiêu chí tự chấm (manual) mới yêu cầu minh chứng",
                "only a manual criterion asks for evidence",
            );
        }
        if !fine {
            return None;
        }
        let max = self.max;
        let scoring = match self.kind {
            KindFile::Manual | KindFile::Reviewer => {
                let step = self.step?;
                if step == Points::ZERO || !max.is_multiple_of(step) {
                    wrong(
                        "bước điểm phải lớn hơn 0 và chia hết điểm tối đa",
                        "the step must be above 0 and divide the maximum",
                    );
                    return None;
                }
                if self.kind == KindFile::Manual {
                    Scoring::Manual { step }
                } else {
                    Scoring::Reviewer { step }
                }
            }
            KindFile::Ratio => {
                let full_at = self.full_at.and_then(share).filter(|s| *s > 0);
                let when_zero = self.when_zero.filter(|p| *p <= max);
                let (Some(full_at), Some(when_zero)) = (full_at, when_zero) else {
                    wrong(
                        "full_at phải trong khoảng (0; 1] và when_zero không quá điểm tối đa",
                        "full_at must be within (0, 1] and when_zero at most the maximum",
                    );
                    return None;
                };
                Scoring::Ratio {
                    numerator: self.numerator.clone()?,
                    denominator: self.denominator.clone()?,
                    full_at,
                    when_zero,
                }
            }
            KindFile::Threshold => {
                let steps = self.steps.clone()?;
                let rising = steps
                    .windows(2)
                    .all(|w| w[0].at < w[1].at && w[0].points < w[1].points);
                if steps.is_empty() || !rising || steps.iter().any(|s| s.points > max) {
                    wrong(
                        "các bậc phải tăng dần (at và points) và không quá điểm tối đa",
                        "steps must rise (at and points) and stay within the maximum",
                    );
                    return None;
                }
                Scoring::Threshold {
                    field: self.field.clone()?,
                    steps,
                }
            }
            KindFile::Timeliness => {
                let Some(late_share) = self.late_share.and_then(share) else {
                    wrong(
                        "late_share phải trong khoảng [0; 1]",
                        "late_share must be within [0, 1]",
                    );
                    return None;
                };
                Scoring::Timeliness { late_share }
            }
        };
        Some(scoring)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::template::tests::demo;

    pub const DEMO: &str = include_str!("../../../../server/demo/evaluation-dan-van-2026.toml");

    pub fn demo_set() -> CriteriaSet {
        CriteriaSet::from_toml(DEMO).expect("the demo set")
    }

    fn p(n: f64) -> Points {
        Points::try_from(n).expect("points")
    }

    #[test]
    fn the_demo_set_reads_whole() {
        let set = demo_set();
        assert_eq!(set.scale, p(100.0));
        assert_eq!(set.criteria.len(), 8);
        assert_eq!(set.grades[0].code, "tot");
        assert_eq!(
            set.criterion("don_thu").map(|c| &c.scoring),
            Some(&Scoring::Ratio {
                numerator: "don_da_giai_quyet".into(),
                denominator: "don_thuoc_tham_quyen".into(),
                full_at: 9000,
                when_zero: p(15.0),
            })
        );
        assert_eq!(set.check_template(&demo()), []);
        let lanh_dao = set.criterion("lanh_dao").expect("criterion");
        assert!(lanh_dao.takes(p(9.5)) && !lanh_dao.takes(p(9.25)) && !lanh_dao.takes(p(10.5)));
    }

    /// Every problem of a file is named, with its line.
    #[test]
    fn a_bad_set_names_each_problem_and_its_line() {
        let bad = DEMO
            .replace(
                "max = 10\nkind = \"manual\"\nstep = 0.5\nevidence = true\nguide",
                "max = 12\nkind = \"manual\"\nstep = 0.5\nevidence = true\nguide",
            )
            .replace("min = 70", "min = 95")
            .replace("late_share = 0.5", "late_share = 0.5\nfield = \"x\"");
        let problems = CriteriaSet::from_toml(&bad).expect_err("refused");
        let said: Vec<(Option<usize>, &str)> = problems
            .iter()
            .map(|p| (p.line, p.text.vi.as_str()))
            .collect();
        let line = |needle: &str| DEMO.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        assert!(
            said.contains(&(
                line("code = \"bao_cao\""),
                "tiêu chí “bao_cao”: loại này không dùng “field”"
            )),
            "{said:?}"
        );
        assert!(
            said.contains(&(
                line("scale = 100"),
                "tổng điểm các tiêu chí là 102, không bằng thang điểm 100"
            )),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|(l, t)| l.is_some() && t.starts_with("các mức xếp loại")),
            "{said:?}"
        );
        assert_eq!(problems.len(), 3, "{said:?}");

        // A field the template lacks, or one that is no count.
        let elsewhere = DEMO.replace("field = \"mo_hinh_dvk\"", "field = \"tiep_cong_dan_text\"");
        let set = CriteriaSet::from_toml(&elsewhere).expect("read");
        let problems = set.check_template(&demo());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].text.vi.contains("“tiep_cong_dan_text”"),
            "{problems:?}"
        );

        let broken = CriteriaSet::from_toml("id = 1").expect_err("not a set");
        assert_eq!(broken[0].line, Some(1));
    }
}
