//! The org tree: units of any depth, from city or province down to wards and agencies.

use crate::lang::{Lang, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    ThanhPho,
    Tinh,
    Quan,
    Huyen,
    ThiXa,
    Phuong,
    Xa,
    /// Đặc khu: a commune-level special zone since 2025.
    DacKhu,
    CoQuan,
}

impl OrgKind {
    /// What a unit of this kind is called.
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, OrgKind::ThanhPho) => "Thành phố",
            (Lang::Vi, OrgKind::Tinh) => "Tỉnh",
            (Lang::Vi, OrgKind::Quan) => "Quận",
            (Lang::Vi, OrgKind::Huyen) => "Huyện",
            (Lang::Vi, OrgKind::ThiXa) => "Thị xã",
            (Lang::Vi, OrgKind::Phuong) => "Phường",
            (Lang::Vi, OrgKind::Xa) => "Xã",
            (Lang::Vi, OrgKind::DacKhu) => "Đặc khu",
            (Lang::Vi, OrgKind::CoQuan) => "Cơ quan",
            (Lang::En, OrgKind::ThanhPho) => "City",
            (Lang::En, OrgKind::Tinh) => "Province",
            (Lang::En, OrgKind::Quan) => "Urban district",
            (Lang::En, OrgKind::Huyen) => "Rural district",
            (Lang::En, OrgKind::ThiXa) => "Town",
            (Lang::En, OrgKind::Phuong) => "Ward",
            (Lang::En, OrgKind::Xa) => "Commune",
            (Lang::En, OrgKind::DacKhu) => "Special zone",
            (Lang::En, OrgKind::CoQuan) => "Agency",
        }
    }

    pub const ALL: [OrgKind; 9] = [
        OrgKind::ThanhPho,
        OrgKind::Tinh,
        OrgKind::Quan,
        OrgKind::Huyen,
        OrgKind::ThiXa,
        OrgKind::Phuong,
        OrgKind::Xa,
        OrgKind::DacKhu,
        OrgKind::CoQuan,
    ];

    pub fn parse(s: &str) -> Option<OrgKind> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::ThanhPho => "thanh_pho",
            OrgKind::Tinh => "tinh",
            OrgKind::Quan => "quan",
            OrgKind::Huyen => "huyen",
            OrgKind::ThiXa => "thi_xa",
            OrgKind::Phuong => "phuong",
            OrgKind::Xa => "xa",
            OrgKind::DacKhu => "dac_khu",
            OrgKind::CoQuan => "co_quan",
        }
    }

    /// Wards, communes and special zones: what a plan's `wards` assignee means.
    pub fn is_ward(self) -> bool {
        matches!(self, OrgKind::Phuong | OrgKind::Xa | OrgKind::DacKhu)
    }

    pub fn is_agency(self) -> bool {
        self == OrgKind::CoQuan
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrgUnit {
    pub code: String,
    pub parent_code: Option<String>,
    pub kind: OrgKind,
    pub name: String,
    /// The first day the unit exists; `None` when it existed before the records begin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, format = Date))]
    pub from: Option<NaiveDate>,
    /// The day it ceased to exist (merged, split, abolished): the effective date of the
    /// change, so its last day is the one before; `None` while it exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, format = Date))]
    pub until: Option<NaiveDate>,
}

impl OrgUnit {
    /// A unit as an import names it, with no dates yet.
    pub fn new(code: &str, parent_code: Option<&str>, kind: OrgKind, name: &str) -> OrgUnit {
        OrgUnit {
            code: code.to_string(),
            parent_code: parent_code.map(str::to_string),
            kind,
            name: name.to_string(),
            from: None,
            until: None,
        }
    }

    /// Whether the unit exists during `day`.
    /// The unit as an official letter addresses it (“Kính gửi: …”): a government by its
    /// people's committee, the kind of unit written lower-case inside the name as Nghị định
    /// 30/2020/NĐ-CP writes it (“Ủy ban nhân dân phường Hạnh Thông”), except a province's
    /// or a centrally governed city's; an agency by its own name.
    pub fn addressee(&self) -> String {
        match self.kind {
            OrgKind::CoQuan => self.name.clone(),
            OrgKind::ThanhPho | OrgKind::Tinh => format!("Ủy ban nhân dân {}", self.name),
            _ => format!("Ủy ban nhân dân {}", crate::format::lower_first(&self.name)),
        }
    }

    pub fn exists_on(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day < until)
    }
}

/// Whether `code` may name a unit: ASCII letters and digits, `.`, `_` and `-`. Codes go
/// into report ids and addresses, where a `/` or a space would make two units' reports
/// collide; accented letters could be written two ways (composed or not) and look alike.
pub fn is_valid_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrgError {
    #[error("mã đơn vị “{0}” bị trùng")]
    DuplicateCode(String),
    #[error("đơn vị “{code}”: không có đơn vị cấp trên “{parent}”")]
    UnknownParent { code: String, parent: String },
    #[error("đơn vị “{0}” nằm trong vòng lặp cấp trên – cấp dưới")]
    Cycle(String),
}

impl OrgError {
    pub fn text(&self) -> Text {
        let en = match self {
            OrgError::DuplicateCode(code) => format!("the unit code “{code}” is used twice"),
            OrgError::UnknownParent { code, parent } => {
                format!("unit “{code}”: there is no parent unit “{parent}”")
            }
            OrgError::Cycle(code) => format!("the unit “{code}” is in a loop of parents"),
        };
        Text::new(self.to_string(), en)
    }
}

/// A checked tree: codes unique, every parent present, no cycles.
#[derive(Clone, Debug, Default)]
pub struct OrgTree {
    units: HashMap<String, OrgUnit>,
    roots: Vec<String>,
    children: HashMap<String, Vec<String>>,
}

/// A unit's place in a depth-first walk of its tree: units are numbered from 1, parents
/// before children, and `end` is the largest number in the unit's subtree, so a subtree is
/// the units numbered `pos..=end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub pos: i64,
    pub end: i64,
}

impl OrgTree {
    /// Builds a tree. Roots and children keep the order of `units`, so pass them sorted.
    pub fn new(units: Vec<OrgUnit>) -> Result<OrgTree, OrgError> {
        let mut by_code = HashMap::with_capacity(units.len());
        let mut order = Vec::with_capacity(units.len());
        for u in units {
            order.push(u.code.clone());
            if by_code.insert(u.code.clone(), u.clone()).is_some() {
                return Err(OrgError::DuplicateCode(u.code));
            }
        }
        let mut roots = Vec::new();
        let mut children: HashMap<String, Vec<String>> = HashMap::new();
        for code in &order {
            let unit = &by_code[code];
            if unit.parent_code.is_none() {
                roots.push(code.clone());
            }
            if let Some(parent) = &unit.parent_code {
                if !by_code.contains_key(parent) {
                    return Err(OrgError::UnknownParent {
                        code: code.clone(),
                        parent: parent.clone(),
                    });
                }
                children
                    .entry(parent.clone())
                    .or_default()
                    .push(code.clone());
            }
        }
        // Walking up from every unit must reach a root within as many steps as there are units.
        for code in &order {
            let mut seen = HashSet::new();
            let mut cur = by_code[code].parent_code.as_deref();
            while let Some(p) = cur {
                if !seen.insert(p) || p == code {
                    return Err(OrgError::Cycle(code.clone()));
                }
                cur = by_code[p].parent_code.as_deref();
            }
        }
        Ok(OrgTree {
            units: by_code,
            roots,
            children,
        })
    }

    pub fn get(&self, code: &str) -> Option<&OrgUnit> {
        self.units.get(code)
    }

    /// What people read for a unit: its name, or its code if the tree has no such unit.
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.get(code).map_or(code, |u| u.name.as_str())
    }

    pub fn children(&self, code: &str) -> impl Iterator<Item = &OrgUnit> {
        self.children
            .get(code)
            .into_iter()
            .flatten()
            .filter_map(|c| self.units.get(c))
    }

    /// Whether `code` is `root` or below it.
    pub fn is_within(&self, code: &str, root: &str) -> bool {
        let mut cur = Some(code);
        while let Some(c) = cur {
            if c == root {
                return true;
            }
            cur = self.units.get(c).and_then(|u| u.parent_code.as_deref());
        }
        false
    }

    /// `root` and every unit below it, parents before children.
    pub fn subtree(&self, root: &str) -> Vec<&OrgUnit> {
        let mut out = Vec::new();
        let mut stack: Vec<&str> = vec![root];
        while let Some(code) = stack.pop() {
            if let Some(u) = self.units.get(code) {
                out.push(u);
                if let Some(kids) = self.children.get(code) {
                    stack.extend(kids.iter().rev().map(String::as_str));
                }
            }
        }
        out
    }

    /// Every unit with its [`Span`], in walk order: roots in the order given, each followed
    /// by its subtree.
    pub fn spans(&self) -> Vec<(&OrgUnit, Span)> {
        let walk: Vec<&OrgUnit> = self
            .roots
            .iter()
            .flat_map(|root| self.subtree(root))
            .collect();
        let pos: HashMap<&str, i64> = walk
            .iter()
            .zip(1..)
            .map(|(u, i)| (u.code.as_str(), i))
            .collect();
        // Children come after their parent, so walking backwards every subtree's end is
        // known before its parent's is needed.
        let mut end = pos.clone();
        for u in walk.iter().rev() {
            if let Some(parent) = u.parent_code.as_deref() {
                let e = end[u.code.as_str()];
                if let Some(pe) = end.get_mut(parent) {
                    *pe = (*pe).max(e);
                }
            }
        }
        walk.into_iter()
            .map(|u| {
                let code = u.code.as_str();
                (
                    u,
                    Span {
                        pos: pos[code],
                        end: end[code],
                    },
                )
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// Indexes units by code, for callers that need a plain map.
pub fn by_code(units: &[OrgUnit]) -> BTreeMap<&str, &OrgUnit> {
    units.iter().map(|u| (u.code.as_str(), u)).collect()
}

/// Vietnamese collation with numbers compared by value ("Phường 2" before "Phường 10").
#[cfg(feature = "ssr")]
pub mod collation {
    use icu_collator::options::CollatorOptions;
    use icu_collator::preferences::CollationNumericOrdering;
    use icu_collator::{Collator, CollatorPreferences};

    pub struct VietnameseCollator(icu_collator::CollatorBorrowed<'static>);

    impl VietnameseCollator {
        pub fn new() -> Self {
            let mut prefs = CollatorPreferences::from(&icu_locale_core::locale!("vi"));
            prefs.numeric_ordering = Some(CollationNumericOrdering::True);
            // The Vietnamese data ships with the crate; failing to load it is a build defect.
            let collator = Collator::try_new(prefs, CollatorOptions::default())
                .unwrap_or_else(|e| panic!("Vietnamese collation data missing: {e}"));
            VietnameseCollator(collator)
        }

        pub fn compare(&self, a: &str, b: &str) -> std::cmp::Ordering {
            self.0.compare(a, b)
        }
    }

    impl Default for VietnameseCollator {
        fn default() -> Self {
            Self::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, parent: Option<&str>, kind: OrgKind) -> OrgUnit {
        OrgUnit::new(code, parent, kind, code)
    }

    #[test]
    fn a_government_is_addressed_through_its_people_s_committee() {
        let named = |kind, name| OrgUnit::new("X", None, kind, name).addressee();
        assert_eq!(
            named(OrgKind::ThanhPho, "Thành phố Hồ Chí Minh"),
            "Ủy ban nhân dân Thành phố Hồ Chí Minh"
        );
        assert_eq!(
            named(OrgKind::Quan, "Quận Gò Vấp"),
            "Ủy ban nhân dân quận Gò Vấp"
        );
        assert_eq!(
            named(OrgKind::Phuong, "Phường Hạnh Thông"),
            "Ủy ban nhân dân phường Hạnh Thông"
        );
        assert_eq!(named(OrgKind::CoQuan, "Sở Nội vụ"), "Sở Nội vụ");
    }

    #[test]
    fn builds_a_tree_of_any_depth() {
        let t = OrgTree::new(vec![
            unit("HCM", None, OrgKind::ThanhPho),
            unit("GV", Some("HCM"), OrgKind::Quan),
            unit("P1", Some("GV"), OrgKind::Phuong),
            unit("X", Some("HCM"), OrgKind::Xa),
        ])
        .unwrap();
        assert!(t.is_within("P1", "HCM"));
        assert!(!t.is_within("X", "GV"));
        let codes: Vec<_> = t.subtree("HCM").iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, vec!["HCM", "GV", "P1", "X"]);
    }

    #[test]
    fn spans_number_a_depth_first_walk() {
        let t = OrgTree::new(vec![
            unit("HCM", None, OrgKind::ThanhPho),
            unit("GV", Some("HCM"), OrgKind::Quan),
            unit("HN", None, OrgKind::ThanhPho),
            unit("P1", Some("GV"), OrgKind::Phuong),
            unit("X", Some("HCM"), OrgKind::Xa),
            unit("P2", Some("GV"), OrgKind::Phuong),
        ])
        .unwrap();
        let spans: Vec<(&str, i64, i64)> = t
            .spans()
            .into_iter()
            .map(|(u, s)| (u.code.as_str(), s.pos, s.end))
            .collect();
        assert_eq!(
            spans,
            [
                ("HCM", 1, 5),
                ("GV", 2, 4),
                ("P1", 3, 3),
                ("P2", 4, 4),
                ("X", 5, 5),
                ("HN", 6, 6)
            ]
        );
    }

    #[test]
    fn rejects_bad_trees() {
        let dup = OrgTree::new(vec![
            unit("A", None, OrgKind::Tinh),
            unit("A", None, OrgKind::Tinh),
        ]);
        assert_eq!(dup.unwrap_err(), OrgError::DuplicateCode("A".into()));
        let orphan = OrgTree::new(vec![unit("A", Some("Z"), OrgKind::Xa)]);
        assert!(matches!(
            orphan.unwrap_err(),
            OrgError::UnknownParent { .. }
        ));
        let cycle = OrgTree::new(vec![
            unit("A", Some("B"), OrgKind::Xa),
            unit("B", Some("A"), OrgKind::Xa),
        ]);
        assert!(matches!(cycle.unwrap_err(), OrgError::Cycle(_)));
    }

    #[test]
    fn kinds_parse_from_their_codes() {
        assert_eq!(OrgKind::parse("thi_xa"), Some(OrgKind::ThiXa));
        assert_eq!(
            OrgKind::parse("co_quan").map(OrgKind::as_str),
            Some("co_quan")
        );
        assert_eq!(OrgKind::parse("village"), None);
        assert!(OrgKind::parse("dac_khu").is_some_and(OrgKind::is_ward));
    }

    #[test]
    fn a_unit_exists_from_its_first_day_until_the_day_it_ceased() {
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        let mut old = unit("P1", None, OrgKind::Phuong);
        assert!(old.exists_on(day(1, 1)));
        old.until = Some(day(7, 1));
        assert!(old.exists_on(day(6, 30)));
        assert!(!old.exists_on(day(7, 1)));
        let mut new = unit("26890", None, OrgKind::Phuong);
        new.from = Some(day(7, 1));
        assert!(!new.exists_on(day(6, 30)));
        assert!(new.exists_on(day(7, 1)));
    }

    #[test]
    fn codes_are_letters_digits_dots_dashes_and_underscores() {
        for good in ["HCM.GV.P01", "26890", "HN_1-a"] {
            assert!(is_valid_code(good), "{good}");
        }
        for bad in ["HCM/GV", "P 1", "", "a,b", "x\\y", "Đ1"] {
            assert!(!is_valid_code(bad), "{bad}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn vietnamese_collation_and_numeric_wards() {
        let c = collation::VietnameseCollator::new();
        let mut names = vec![
            "Phường 10",
            "Phường 2",
            "Phường Đồng Xuân",
            "Phường Cửa Nam",
            "Phường Dịch Vọng",
            "Phường 1",
        ];
        names.sort_by(|a, b| c.compare(a, b));
        assert_eq!(
            names,
            vec![
                "Phường 1",
                "Phường 2",
                "Phường 10",
                "Phường Cửa Nam",
                "Phường Dịch Vọng",
                "Phường Đồng Xuân"
            ]
        );
        // ă and â are letters of their own, after a: root collation would put "Ăn" first.
        let mut words = vec!["Ăn", "Az", "Âu", "Ba"];
        words.sort_by(|a, b| c.compare(a, b));
        assert_eq!(words, vec!["Az", "Ăn", "Âu", "Ba"]);
    }
}
