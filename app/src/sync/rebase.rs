//! What a device shows of a report: the server's state with its own pending changes
//! replayed on top, through the same merge the server runs.

use super::change::{Change, Mutation};
use super::merge::SlotVersion;
use super::report_state::ReportState;
use crate::domain::status::WorkflowAction;

/// The report as this device will see it once its pending mutations are applied: the
/// server's state with the outbox replayed on top, through the same merge.
pub fn rebase<'a>(
    server: &ReportState,
    pending: impl IntoIterator<Item = &'a Mutation>,
) -> ReportState {
    let mut state = server.clone();
    for m in pending.into_iter().filter(|m| m.report == server.report) {
        if let Some((slot, value, base)) = m.change.write() {
            let slot_state = state.slots.entry(slot.to_string()).or_default();
            if !slot_state.holds(&m.id) {
                let version = SlotVersion {
                    id: m.id.clone(),
                    value,
                    by: m.user.clone(),
                    at: m.device_time,
                };
                slot_state.add(version, base, false);
            }
            continue;
        }
        let action = match &m.change {
            Change::Submit => WorkflowAction::Submit,
            Change::Return { .. } => WorkflowAction::Return,
            _ => WorkflowAction::Accept,
        };
        if let Ok(next) = state.status.apply(action) {
            state.status = next;
            if action == WorkflowAction::Submit {
                state.device_submitted_at = Some(m.device_time);
            }
        }
    }
    state
}
