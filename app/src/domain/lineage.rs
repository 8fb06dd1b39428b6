//! What became of units on a date: merged into another, split between several, renamed,
//! moved, abolished. A report belongs to the unit that wrote it; the lineage lets the units
//! that replaced it show it as their history.

use super::org::OrgUnit;
use crate::lang::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
// Named apart from the sync protocol's `Change` in the OpenAPI document.
#[cfg_attr(feature = "ssr", schema(as = LineageChange))]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Several units into one, new or existing: every old unit of the group has its event.
    Merge,
    /// One unit divided: an event per part.
    Split,
    Rename,
    Move,
    /// Dissolved: its role passes to the new unit (a district's to its province), which does
    /// not take over its history.
    #[serde(alias = "abolished")]
    Abolish,
}

impl Change {
    /// What the change is called.
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, Change::Merge) => "Sáp nhập",
            (Lang::Vi, Change::Split) => "Chia tách",
            (Lang::Vi, Change::Rename) => "Đổi tên",
            (Lang::Vi, Change::Move) => "Chuyển cấp trên",
            (Lang::Vi, Change::Abolish) => "Giải thể",
            (Lang::En, Change::Merge) => "Merger",
            (Lang::En, Change::Split) => "Split",
            (Lang::En, Change::Rename) => "Renaming",
            (Lang::En, Change::Move) => "New parent",
            (Lang::En, Change::Abolish) => "Abolition",
        }
    }

    pub const ALL: [Change; 5] = [
        Change::Merge,
        Change::Split,
        Change::Rename,
        Change::Move,
        Change::Abolish,
    ];

    pub fn parse(s: &str) -> Option<Change> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Change::Merge => "merge",
            Change::Split => "split",
            Change::Rename => "rename",
            Change::Move => "move",
            Change::Abolish => "abolish",
        }
    }

    /// Whether the new unit carries on the old one's history.
    pub fn passes_history(self) -> bool {
        self != Change::Abolish
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineageEvent {
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub effective: NaiveDate,
    pub old_code: String,
    /// The old unit's name as the lineage words it ("Phường 1, Quận Gò Vấp"): clearer than
    /// the tree's short name once its district is gone.
    pub old_name: String,
    pub new_code: String,
    pub change: Change,
}

/// Every recorded event, indexed by the unit each one leads to.
#[derive(Clone, Debug, Default)]
pub struct Lineage {
    events: Vec<LineageEvent>,
    into: HashMap<String, Vec<usize>>,
}

impl Lineage {
    pub fn new(events: Vec<LineageEvent>) -> Lineage {
        let mut into: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            into.entry(e.new_code.clone()).or_default().push(i);
        }
        Lineage { events, into }
    }

    pub fn events(&self) -> &[LineageEvent] {
        &self.events
    }

    /// The events whose old units `code` continues: its predecessors, theirs and so on,
    /// nearest first, each old unit once. A unit that continues itself (the survivor of a
    /// merger into an existing unit) is not its own predecessor.
    pub fn predecessors(&self, code: &str) -> Vec<&LineageEvent> {
        let mut out = Vec::new();
        let mut seen: HashSet<&str> = HashSet::from([code]);
        let mut frontier = vec![code];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for unit in frontier {
                for &i in self.into.get(unit).into_iter().flatten() {
                    let e = &self.events[i];
                    if e.change.passes_history() && seen.insert(&e.old_code) {
                        out.push(e);
                        next.push(e.old_code.as_str());
                    }
                }
            }
            frontier = next;
        }
        out
    }

    /// Whether `code` carries on the history of `old`.
    pub fn succeeds(&self, code: &str, old: &str) -> bool {
        self.predecessors(code).iter().any(|e| e.old_code == old)
    }

    /// Gives each unit the dates the events imply: an old unit ends on the effective date,
    /// unless it is the one the others merged into; a unit that an event creates begins
    /// then. Dates already known are kept, so applying the same events twice changes
    /// nothing. Returns the codes of the units it changed.
    pub fn date(&self, units: &mut [OrgUnit]) -> Vec<String> {
        let continuing: HashSet<(&str, NaiveDate)> = self
            .events
            .iter()
            .filter(|e| e.old_code == e.new_code)
            .map(|e| (e.old_code.as_str(), e.effective))
            .collect();
        let ended: HashSet<(&str, NaiveDate)> = self
            .events
            .iter()
            .filter(|e| !continuing.contains(&(e.old_code.as_str(), e.effective)))
            .map(|e| (e.old_code.as_str(), e.effective))
            .collect();
        let mut until: HashMap<&str, NaiveDate> = HashMap::new();
        for &(code, day) in &ended {
            until
                .entry(code)
                .and_modify(|d| *d = (*d).min(day))
                .or_insert(day);
        }
        let mut from: HashMap<&str, NaiveDate> = HashMap::new();
        for e in &self.events {
            if e.change.passes_history()
                && !continuing.contains(&(e.new_code.as_str(), e.effective))
            {
                from.entry(e.new_code.as_str())
                    .and_modify(|d| *d = (*d).min(e.effective))
                    .or_insert(e.effective);
            }
        }
        let mut changed = Vec::new();
        for u in units.iter_mut() {
            let before = (u.from, u.until);
            if u.until.is_none() {
                u.until = until.get(u.code.as_str()).copied();
            }
            if u.from.is_none() {
                u.from = from.get(u.code.as_str()).copied();
            }
            if (u.from, u.until) != before {
                changed.push(u.code.clone());
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::OrgKind;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
    }

    fn event(old: &str, new: &str, change: Change) -> LineageEvent {
        LineageEvent {
            effective: day(),
            old_code: old.into(),
            old_name: format!("{old} (cũ)"),
            new_code: new.into(),
            change,
        }
    }

    fn lineage() -> Lineage {
        Lineage::new(vec![
            event("GV.P01", "26890", Change::Merge),
            event("GV.P03", "26890", Change::Merge),
            event("PN.P15", "27058", Change::Split),
            event("PN.P15", "27073", Change::Split),
            event("PN.P11", "27073", Change::Merge),
            event("GV", "HCM", Change::Abolish),
        ])
    }

    #[test]
    fn a_merged_unit_has_every_old_unit_as_predecessor() {
        let l = lineage();
        let old: Vec<_> = l
            .predecessors("26890")
            .iter()
            .map(|e| e.old_code.as_str())
            .collect();
        assert_eq!(old, ["GV.P01", "GV.P03"]);
        assert!(l.succeeds("26890", "GV.P03"));
        assert!(!l.succeeds("26890", "PN.P15"));
    }

    #[test]
    fn a_split_unit_is_history_of_each_part() {
        let l = lineage();
        assert!(l.succeeds("27058", "PN.P15"));
        assert!(l.succeeds("27073", "PN.P15"));
        assert!(l.succeeds("27073", "PN.P11"));
    }

    #[test]
    fn an_abolished_unit_is_nobody_s_history() {
        assert!(lineage().predecessors("HCM").is_empty());
    }

    #[test]
    fn history_reaches_through_several_changes_once_each() {
        let mut events = lineage().events().to_vec();
        events.push(LineageEvent {
            effective: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            ..event("26890", "99999", Change::Rename)
        });
        // A loop in the records must not loop the walk.
        events.push(event("99999", "GV.P01", Change::Merge));
        let l = Lineage::new(events);
        let old: Vec<_> = l
            .predecessors("99999")
            .iter()
            .map(|e| e.old_code.as_str())
            .collect();
        assert_eq!(old, ["26890", "GV.P01", "GV.P03"]);
    }

    #[test]
    fn events_date_the_units_once() {
        let mut units = vec![
            OrgUnit::new("GV.P01", Some("GV"), OrgKind::Phuong, "Phường 1"),
            OrgUnit::new("26890", Some("HCM"), OrgKind::Phuong, "Phường Hạnh Thông"),
            OrgUnit::new("GV", Some("HCM"), OrgKind::Quan, "Quận Gò Vấp"),
            OrgUnit::new("HCM", None, OrgKind::ThanhPho, "Thành phố Hồ Chí Minh"),
        ];
        let l = lineage();
        assert_eq!(l.date(&mut units), ["GV.P01", "26890", "GV"]);
        assert_eq!((units[0].from, units[0].until), (None, Some(day())));
        assert_eq!((units[1].from, units[1].until), (Some(day()), None));
        assert_eq!((units[2].from, units[2].until), (None, Some(day())));
        // The city takes over the district's role but existed before.
        assert_eq!((units[3].from, units[3].until), (None, None));
        assert!(l.date(&mut units).is_empty());
    }

    #[test]
    fn a_merger_into_an_existing_unit_keeps_it_alive() {
        let mut units = vec![
            OrgUnit::new("A", None, OrgKind::Xa, "Xã A"),
            OrgUnit::new("B", None, OrgKind::Xa, "Xã B"),
        ];
        let l = Lineage::new(vec![
            event("A", "B", Change::Merge),
            event("B", "B", Change::Merge),
        ]);
        l.date(&mut units);
        assert_eq!(units[0].until, Some(day()));
        assert_eq!((units[1].from, units[1].until), (None, None));
        assert!(l.predecessors("B").iter().all(|e| e.old_code == "A"));
    }

    #[test]
    fn changes_parse_as_the_files_word_them() {
        assert_eq!(Change::parse("abolished"), Some(Change::Abolish));
        assert_eq!(Change::parse("split"), Some(Change::Split));
        assert_eq!(Change::parse("vanished"), None);
    }
}
