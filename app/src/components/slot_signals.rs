//! Each slot of the report being edited as a signal of its own. A keystroke changes the
//! report's state, and a memo a part over that whole state made every field, figure, task
//! and document part copy and compare its slot on every keystroke (over a hundred memos in
//! the shared template, each waking its views): a cheap phone spent more on that than on
//! the keystroke.
//! Here the state is compared once, slot by slot in place, and only a slot that changed
//! wakes the parts that show it.

use crate::sync::{ReportState, SlotState};
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Copy)]
pub struct SlotSignals {
    state: Memo<ReportState>,
    signals: StoredValue<HashMap<String, ArcRwSignal<SlotState>>>,
}

impl SlotSignals {
    /// Follows `state`: after each change, the slots whose versions differ are set.
    pub fn new(state: Memo<ReportState>) -> SlotSignals {
        let slots = SlotSignals {
            state,
            signals: StoredValue::new(HashMap::new()),
        };
        Effect::new(move |_| {
            state.track();
            slots.refresh();
        });
        slots
    }

    /// The versions of the slot `key` as the user sees them.
    pub fn of(self, key: &str) -> Signal<SlotState> {
        let existing = self.signals.with_value(|m| m.get(key).cloned());
        let signal = existing.unwrap_or_else(|| {
            let now = self.current(key);
            let signal = ArcRwSignal::new(now);
            self.signals
                .update_value(|m| drop(m.insert(key.to_string(), signal.clone())));
            signal
        });
        signal.into()
    }

    /// Sets the slots that changed since they were last set. The effect above does it
    /// after any change; an input calls it at once after its own edit, so that what it
    /// shows next reads the value just typed, never the one before it.
    pub fn refresh(self) {
        self.state.with_untracked(|s| {
            self.signals.with_value(|m| {
                for (key, signal) in m {
                    let now = s.slots.get(key);
                    let changed = signal.with_untracked(|shown| match now {
                        Some(now) => now != shown,
                        None => *shown != SlotState::default(),
                    });
                    if changed {
                        signal.set(now.cloned().unwrap_or_default());
                    }
                }
            })
        });
    }

    fn current(self, key: &str) -> SlotState {
        self.state
            .with_untracked(|s| s.slots.get(key).cloned().unwrap_or_default())
    }
}
