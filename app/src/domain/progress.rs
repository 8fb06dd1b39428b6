//! Who has reported: for one period, each expected unit's standing, tallied for every unit
//! of a subtree over the units below it, at any depth.

use super::org::{OrgKind, OrgTree};
use super::status::ReportStatus;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where one expected report stands, as a reviewer asks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "standing", rename_all = "snake_case")]
pub enum Standing {
    /// Not submitted: a draft, or nothing at all.
    Missing,
    /// Returned to its unit for correction and not yet resubmitted.
    Returned,
    /// Submitted or resubmitted, waiting for review.
    Submitted {
        on_time: bool,
    },
    Accepted {
        on_time: bool,
    },
}

impl Standing {
    /// Whether the reviewer has the report (submitted or accepted).
    pub fn in_hand(self) -> bool {
        matches!(self, Standing::Submitted { .. } | Standing::Accepted { .. })
    }

    /// A report's standing; `on_time` is the server's verdict on its latest submission.
    pub fn of(status: ReportStatus, on_time: Option<bool>) -> Standing {
        let on_time = on_time.unwrap_or(false);
        match status {
            ReportStatus::Nhap => Standing::Missing,
            ReportStatus::BiTraLai => Standing::Returned,
            ReportStatus::DaNop | ReportStatus::DaNopLai => Standing::Submitted { on_time },
            ReportStatus::DaTiepNhan => Standing::Accepted { on_time },
        }
    }
}

/// Counts over the expected reports of a subtree. `submitted` counts every report the
/// district has (accepted ones included) and splits into `on_time` and `late`;
/// `expected = submitted + returned + missing`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Tally {
    pub expected: u32,
    pub submitted: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
    pub returned: u32,
    pub accepted: u32,
}

impl Tally {
    fn count(&mut self, standing: Standing) {
        self.count_n(standing, 1);
    }

    fn count_n(&mut self, standing: Standing, n: u32) {
        self.expected += n;
        match standing {
            Standing::Missing => self.missing += n,
            Standing::Returned => self.returned += n,
            Standing::Submitted { on_time } | Standing::Accepted { on_time } => {
                self.submitted += n;
                if on_time {
                    self.on_time += n;
                } else {
                    self.late += n;
                }
                if matches!(standing, Standing::Accepted { .. }) {
                    self.accepted += n;
                }
            }
        }
    }

    /// The tally of `expected` reports of which `counted` are the reports that stand
    /// otherwise than missing, as counts per standing; the rest are missing.
    pub fn of_counts(expected: u32, counted: impl IntoIterator<Item = (Standing, u32)>) -> Tally {
        let mut tally = Tally::default();
        for (standing, n) in counted {
            if standing != Standing::Missing {
                tally.count_n(standing, n);
            }
        }
        tally.count_n(Standing::Missing, expected.saturating_sub(tally.expected));
        tally
    }

    fn add(&mut self, other: &Tally) {
        self.expected += other.expected;
        self.submitted += other.submitted;
        self.on_time += other.on_time;
        self.late += other.late;
        self.missing += other.missing;
        self.returned += other.returned;
        self.accepted += other.accepted;
    }

    /// The share of expected reports the district has, 0 to 1 (1 when none is expected).
    pub fn done_ratio(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            f64::from(self.submitted) / f64::from(self.expected)
        }
    }
}

/// A unit of the progress tree: its own report when one is expected, and the tally of
/// its whole subtree (itself included).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProgressNode {
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub own: Option<Standing>,
    pub tally: Tally,
    #[cfg_attr(feature = "ssr", schema(no_recursion))]
    pub children: Vec<ProgressNode>,
}

/// The progress tree under `root`. `expected` holds every unit expected to report in the
/// period with its standing; units with nothing expected below them are left out (the root
/// always stays). `None` when `root` is not in the tree.
pub fn progress(
    tree: &OrgTree,
    root: &str,
    expected: &HashMap<String, Standing>,
) -> Option<ProgressNode> {
    let unit = tree.get(root)?;
    let own = expected.get(root).copied();
    let mut tally = Tally::default();
    if let Some(s) = own {
        tally.count(s);
    }
    let mut children = Vec::new();
    for child in tree.children(root) {
        if let Some(node) = progress(tree, &child.code, expected) {
            if node.tally.expected > 0 {
                tally.add(&node.tally);
                children.push(node);
            }
        }
    }
    Some(ProgressNode {
        code: unit.code.clone(),
        name: unit.name.clone(),
        kind: unit.kind,
        own,
        tally,
        children,
    })
}

impl ProgressNode {
    /// The nearest units below this one that are expected to report: the reports this
    /// unit consolidates (wards and agencies for a district; districts, or the wards of a
    /// district that does not report itself, for a city).
    pub fn reporting_below(&self) -> Vec<&ProgressNode> {
        let mut out = Vec::new();
        for child in &self.children {
            if child.own.is_some() {
                out.push(child);
            } else {
                out.extend(child.reporting_below());
            }
        }
        out
    }

    /// Drops the units more than `levels` below this one; their counts stay in the tallies.
    pub fn prune(&mut self, levels: usize) {
        match levels.checked_sub(1) {
            None => self.children.clear(),
            Some(below) => self.children.iter_mut().for_each(|c| c.prune(below)),
        }
    }

    /// Every unit of the subtree, parents before children.
    pub fn walk(&self) -> Vec<&ProgressNode> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            out.push(node);
            stack.extend(node.children.iter().rev());
        }
        out
    }

    /// Every unit of the subtree whose own report the district does not have yet
    /// (missing or returned), parents before children.
    pub fn outstanding(&self) -> Vec<&ProgressNode> {
        self.walk()
            .into_iter()
            .filter(|n| matches!(n.own, Some(Standing::Missing | Standing::Returned)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_from_counts_leaves_the_rest_missing() {
        let t = Tally::of_counts(
            10,
            [
                (Standing::Submitted { on_time: true }, 3),
                (Standing::Accepted { on_time: false }, 2),
                (Standing::Returned, 1),
                (Standing::Missing, 4),
            ],
        );
        assert_eq!(
            t,
            Tally {
                expected: 10,
                submitted: 5,
                on_time: 3,
                late: 2,
                missing: 4,
                returned: 1,
                accepted: 2
            }
        );
    }
    use crate::domain::org::OrgUnit;

    fn unit(code: &str, parent: Option<&str>, kind: OrgKind) -> OrgUnit {
        OrgUnit::new(code, parent, kind, &format!("Tên {code}"))
    }

    /// A city with two districts; one district has three wards and an agency, the other
    /// one ward that is not expected to report.
    fn city() -> OrgTree {
        OrgTree::new(vec![
            unit("HCM", None, OrgKind::ThanhPho),
            unit("GV", Some("HCM"), OrgKind::Quan),
            unit("GV.P01", Some("GV"), OrgKind::Phuong),
            unit("GV.P03", Some("GV"), OrgKind::Phuong),
            unit("GV.P07", Some("GV"), OrgKind::Phuong),
            unit("GV.PNV", Some("GV"), OrgKind::CoQuan),
            unit("PN", Some("HCM"), OrgKind::Quan),
            unit("PN.P02", Some("PN"), OrgKind::Phuong),
        ])
        .unwrap()
    }

    fn expected(pairs: &[(&str, Standing)]) -> HashMap<String, Standing> {
        pairs.iter().map(|(c, s)| (c.to_string(), *s)).collect()
    }

    #[test]
    fn tallies_every_level_and_leaves_out_units_with_nothing_expected() {
        let e = expected(&[
            ("GV", Standing::Missing),
            ("GV.P01", Standing::Accepted { on_time: true }),
            ("GV.P03", Standing::Submitted { on_time: false }),
            ("GV.P07", Standing::Returned),
            ("GV.PNV", Standing::Missing),
        ]);
        let root = progress(&city(), "HCM", &e).unwrap();
        assert_eq!(
            root.tally,
            Tally {
                expected: 5,
                submitted: 2,
                on_time: 1,
                late: 1,
                missing: 2,
                returned: 1,
                accepted: 1
            }
        );
        assert_eq!(root.own, None);
        assert_eq!(root.children.len(), 1, "Phú Nhuận has nothing expected");
        let district = &root.children[0];
        assert_eq!(
            district
                .children
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>(),
            ["GV.P01", "GV.P03", "GV.P07", "GV.PNV"]
        );
        assert_eq!(district.children[1].tally.late, 1);
        assert!((root.tally.done_ratio() - 0.4).abs() < 1e-9);
        let outstanding: Vec<&str> = root.outstanding().iter().map(|n| n.code.as_str()).collect();
        assert_eq!(outstanding, ["GV", "GV.P07", "GV.PNV"]);
        let below = |n: &ProgressNode| -> Vec<String> {
            n.reporting_below().iter().map(|c| c.code.clone()).collect()
        };
        assert_eq!(below(&root), ["GV"], "a reporting district hides its wards");
        assert_eq!(below(district), ["GV.P01", "GV.P03", "GV.P07", "GV.PNV"]);
        let without_district =
            expected(&[("GV.P01", Standing::Missing), ("GV.PNV", Standing::Missing)]);
        let root = progress(&city(), "HCM", &without_district).unwrap();
        assert_eq!(below(&root), ["GV.P01", "GV.PNV"]);

        let full = progress(&city(), "HCM", &e).unwrap();
        let mut pruned = full.clone();
        pruned.prune(1);
        assert!(pruned.children[0].children.is_empty());
        assert_eq!(
            pruned.children[0].tally, full.children[0].tally,
            "counts stay"
        );
    }

    #[test]
    fn a_two_level_tree_and_an_unknown_root() {
        let tree = OrgTree::new(vec![
            unit("QN", None, OrgKind::Tinh),
            unit("QN.X1", Some("QN"), OrgKind::Xa),
        ])
        .unwrap();
        let e = expected(&[("QN.X1", Standing::of(ReportStatus::DaNopLai, Some(true)))]);
        let root = progress(&tree, "QN", &e).unwrap();
        assert_eq!(root.tally.on_time, 1);
        assert_eq!(root.tally.done_ratio(), 1.0);
        assert!(progress(&tree, "HN", &e).is_none());
        assert_eq!(
            progress(&tree, "QN", &HashMap::new()).unwrap().tally,
            Tally::default()
        );
    }
}
