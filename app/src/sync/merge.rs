//! The one merge function. A slot keeps every version no other version has replaced (its
//! heads): the current one, and the conflicts. A write replaces the versions it names in
//! its `base`. Which versions remain is therefore the same whatever order writes arrive in;
//! which of them is current is the first to arrive.

use crate::domain::value::Value;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One version of a slot's value: who wrote it and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotVersion {
    /// The id of the mutation that wrote it.
    pub id: String,
    pub value: Option<Value>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A slot's current value and the versions that conflict with it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotState {
    pub current: Option<SlotVersion>,
    /// In order of arrival.
    pub conflicts: Vec<SlotVersion>,
}

/// Where a write landed in its slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// It is the current value.
    Current,
    /// It differs from the current value, which it had not seen: kept as a conflict.
    Conflict,
    /// It had not seen the current value but holds the same value: nothing to resolve.
    Same,
    /// A write that had already seen it arrived before it: kept in history only.
    Superseded,
}

/// The most conflicts a slot keeps: a write that would add one more is refused, so that
/// no device can grow a report without bound; a resolution (or an edit that saw them)
/// makes room.
pub const MAX_CONFLICTS: usize = 20;

impl SlotState {
    /// How many conflicts the slot would hold if a write that is not superseded and
    /// replaces `bases` were added now.
    pub fn conflicts_after(&self, bases: &[String]) -> usize {
        let kept = self
            .conflicts
            .iter()
            .filter(|c| !bases.contains(&c.id))
            .count();
        let current_kept = self
            .current
            .as_ref()
            .is_some_and(|c| !bases.contains(&c.id));
        // Beside a current version it stays, it becomes a conflict itself.
        kept + usize::from(current_kept)
    }

    /// Whether a version with this id is current or a conflict.
    pub fn holds(&self, id: &str) -> bool {
        self.current
            .iter()
            .chain(&self.conflicts)
            .any(|v| v.id == id)
    }

    /// Adds a write whose `bases` name the versions it replaces. `superseded` says that a
    /// write already known names this one as a base (it arrives after its successor).
    pub fn add(&mut self, write: SlotVersion, bases: &[String], superseded: bool) -> Placement {
        if self.current.as_ref().is_some_and(|c| bases.contains(&c.id)) {
            self.current = None;
        }
        self.conflicts.retain(|c| !bases.contains(&c.id));
        let placement = if superseded {
            Placement::Superseded
        } else if self.current.is_none() {
            self.current = Some(write);
            Placement::Current
        } else {
            let same = self.current.as_ref().map(|c| &c.value) == Some(&write.value);
            self.conflicts.push(write);
            if same {
                Placement::Same
            } else {
                Placement::Conflict
            }
        };
        // The current version was replaced by a write that is itself already replaced:
        // the oldest remaining conflict takes its place.
        if self.current.is_none() && !self.conflicts.is_empty() {
            self.current = Some(self.conflicts.remove(0));
        }
        placement
    }

    /// The conflicts a person must look at: those whose value differs from the current one.
    pub fn visible_conflicts(&self) -> impl Iterator<Item = &SlotVersion> {
        let current = self.current.as_ref().map(|c| &c.value);
        self.conflicts
            .iter()
            .filter(move |c| Some(&c.value) != current)
    }

    /// The base of an ordinary edit: the current version, and the conflicts that hold the
    /// same value (which the user has therefore seen).
    pub fn edit_base(&self) -> Vec<String> {
        let Some(current) = &self.current else {
            return Vec::new();
        };
        std::iter::once(current)
            .chain(self.conflicts.iter().filter(|c| c.value == current.value))
            .map(|v| v.id.clone())
            .collect()
    }

    /// The base of a resolution: every version shown.
    pub fn resolve_base(&self) -> Vec<String> {
        self.current
            .iter()
            .chain(&self.conflicts)
            .map(|v| v.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::value::Value;
    use chrono::DateTime;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    fn version(id: &str, n: u64) -> SlotVersion {
        SlotVersion {
            id: id.into(),
            value: Some(Value::Count(n)),
            by: "u".into(),
            at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn an_edit_on_the_current_value_replaces_it() {
        let mut s = SlotState::default();
        assert_eq!(s.add(version("a", 1), &[], false), Placement::Current);
        assert_eq!(
            s.add(version("b", 2), &["a".into()], false),
            Placement::Current
        );
        assert_eq!(s.current.as_ref().map(|c| c.id.as_str()), Some("b"));
        assert!(s.conflicts.is_empty());
    }

    #[test]
    fn two_edits_from_one_base_keep_the_first_and_a_conflict() {
        let mut s = SlotState::default();
        s.add(version("a", 1), &[], false);
        assert_eq!(
            s.add(version("b", 2), &["a".into()], false),
            Placement::Current
        );
        assert_eq!(
            s.add(version("c", 3), &["a".into()], false),
            Placement::Conflict
        );
        assert_eq!(s.visible_conflicts().count(), 1);
        assert_eq!(s.resolve_base(), vec!["b".to_string(), "c".to_string()]);
        assert_eq!(
            s.add(version("d", 5), &s.resolve_base(), false),
            Placement::Current
        );
        assert!(s.conflicts.is_empty());
    }

    #[test]
    fn equal_values_do_not_ask_for_a_resolution() {
        let mut s = SlotState::default();
        s.add(version("a", 1), &[], false);
        assert_eq!(s.add(version("b", 1), &[], false), Placement::Same);
        assert_eq!(s.visible_conflicts().count(), 0);
        assert_eq!(s.edit_base(), vec!["a".to_string(), "b".to_string()]);
    }

    #[test]
    fn a_late_predecessor_changes_nothing_visible() {
        let mut s = SlotState::default();
        s.add(version("a0", 0), &[], false);
        // a2 (based on a1) arrives before a1 (based on a0).
        assert_eq!(
            s.add(version("a2", 2), &["a1".into()], false),
            Placement::Conflict
        );
        assert_eq!(
            s.add(version("a1", 1), &["a0".into()], true),
            Placement::Superseded
        );
        assert_eq!(s.current.as_ref().map(|c| c.id.as_str()), Some("a2"));
        assert!(s.conflicts.is_empty());
    }

    /// The server's bookkeeping around [`SlotState::add`], in memory: which ids it has
    /// seen and which ids some write names as a base.
    #[derive(Default)]
    struct Server {
        slots: BTreeMap<u8, SlotState>,
        seen: BTreeSet<String>,
        named: BTreeSet<String>,
    }

    impl Server {
        fn receive(&mut self, w: &Write) {
            if !self.seen.insert(w.id.clone()) {
                return;
            }
            let superseded = self.named.contains(&w.id);
            self.named.extend(w.base.iter().cloned());
            let v = version(&w.id, w.value);
            self.slots
                .entry(w.slot)
                .or_default()
                .add(v, &w.base, superseded);
        }

        fn heads(&self) -> BTreeMap<u8, BTreeSet<String>> {
            self.slots
                .iter()
                .map(|(slot, s)| {
                    let ids = s.current.iter().chain(&s.conflicts).map(|v| v.id.clone());
                    (*slot, ids.collect())
                })
                .collect()
        }
    }

    #[derive(Clone, Debug)]
    struct Write {
        id: String,
        slot: u8,
        value: u64,
        base: Vec<String>,
    }

    #[derive(Clone, Debug)]
    enum Step {
        Edit { device: usize, slot: u8, value: u64 },
        Sync { device: usize },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..3usize, 0..3u8, 0..4u64).prop_map(|(device, slot, value)| Step::Edit { device, slot, value }),
            1 => (0..3usize).prop_map(|device| Step::Sync { device }),
        ]
    }

    /// Devices editing offline and syncing now and then, as the client does: an edit is
    /// based on the device's own unsent edit of the slot, or else on what it last pulled.
    fn simulate(steps: &[Step]) -> Vec<Write> {
        let mut server = Server::default();
        let mut pulled: Vec<BTreeMap<u8, SlotState>> = vec![BTreeMap::new(); 3];
        let mut unsent: Vec<Vec<Write>> = vec![Vec::new(); 3];
        let mut all = Vec::new();
        for (n, s) in steps.iter().enumerate() {
            match *s {
                Step::Edit {
                    device,
                    slot,
                    value,
                } => {
                    let base = match unsent[device].iter().rev().find(|w| w.slot == slot) {
                        Some(own) => vec![own.id.clone()],
                        None => pulled[device]
                            .get(&slot)
                            .map(SlotState::edit_base)
                            .unwrap_or_default(),
                    };
                    let w = Write {
                        id: format!("w{n}"),
                        slot,
                        value,
                        base,
                    };
                    unsent[device].push(w.clone());
                    all.push(w);
                }
                Step::Sync { device } => {
                    for w in unsent[device].drain(..) {
                        server.receive(&w);
                    }
                    pulled[device] = server.slots.clone();
                }
            }
        }
        all
    }

    fn arrival() -> impl Strategy<Value = (Vec<Step>, Vec<usize>, Vec<usize>)> {
        prop::collection::vec(step(), 1..40).prop_flat_map(|steps| {
            let n = steps
                .iter()
                .filter(|s| matches!(s, Step::Edit { .. }))
                .count();
            let order: Vec<usize> = (0..n).collect();
            (
                Just(steps),
                Just(order).prop_shuffle(),
                prop::collection::vec(0..n.max(1), 0..10),
            )
        })
    }

    proptest! {
        /// Any arrival order with any repeats: the same versions survive, and every write
        /// no other write replaced is current or a recorded conflict.
        #[test]
        fn the_same_versions_survive_any_order_and_repeats((steps, order, repeats) in arrival()) {
            let writes = simulate(&steps);
            let mut in_order = Server::default();
            for w in &writes {
                in_order.receive(w);
            }
            let mut shuffled = Server::default();
            for &i in order.iter().chain(&repeats).filter(|&&i| i < writes.len()) {
                shuffled.receive(&writes[i]);
                shuffled.receive(&writes[i]);
            }
            for w in &writes {
                shuffled.receive(w);
            }
            prop_assert_eq!(in_order.heads(), shuffled.heads());

            let named: BTreeSet<&String> = writes.iter().flat_map(|w| &w.base).collect();
            let mut expected: HashMap<u8, BTreeSet<String>> = HashMap::new();
            for w in writes.iter().filter(|w| !named.contains(&w.id)) {
                expected.entry(w.slot).or_default().insert(w.id.clone());
            }
            for (slot, s) in &shuffled.slots {
                let heads = shuffled.heads().remove(slot).unwrap_or_default();
                prop_assert_eq!(&heads, &expected.remove(slot).unwrap_or_default());
                prop_assert!(s.current.is_some() || s.conflicts.is_empty());
            }
        }
    }
}
