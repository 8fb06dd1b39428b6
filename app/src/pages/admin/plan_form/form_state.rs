//! The state every part of a plan's form shares.

use crate::api::{FieldMessage, PlanForm, SectionForm};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What every part of the form reads and writes.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub plan: RwSignal<PlanForm>,
    pub errors: RwSignal<Vec<FieldMessage>>,
    /// Unit names by code, for the assignees.
    pub names: RwSignal<BTreeMap<String, String>>,
    /// Moves on when a save brings the server's form back: every row shows it afresh.
    pub generation: RwSignal<u32>,
}

impl Form {
    /// Changes period `i`, if it is still there.
    pub fn period(self, i: usize, change: impl FnOnce(&mut crate::domain::plan::Period)) {
        self.plan.update(|p| {
            if let Some(period) = p.periods.get_mut(i) {
                change(period);
            }
        });
    }

    /// Changes section `i`, if it is still there.
    pub fn section(self, i: usize, change: impl FnOnce(&mut SectionForm)) {
        self.plan.update(|p| {
            if let Some(section) = p.sections.get_mut(i) {
                change(section);
            }
        });
    }
}
