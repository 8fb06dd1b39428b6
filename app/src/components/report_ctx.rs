//! What the editor of one report shares with the components that show its parts.

use crate::components::slot_signals::SlotSignals;
use crate::domain::evaluation::{Assessment, CriteriaSet};
use crate::domain::rules::{Finding, Values};
use crate::domain::template::Template;
use crate::sync::{ReportKey, ReportState};
use leptos::prelude::*;

/// What the editor of one report shares with its parts.
#[derive(Clone)]
pub struct ReportCtx {
    pub key: ReportKey,
    pub template: StoredValue<Template>,
    /// The server's state as last pulled.
    pub server: RwSignal<ReportState>,
    /// What the user sees: the server's state with this device's pending changes on top.
    pub state: Memo<ReportState>,
    /// Each slot of `state` on its own: what a part showing one slot reads.
    pub slots: SlotSignals,
    /// The current values of `state`, as the rule engine reads them: read once a change
    /// by the rules, the derived figures and the self-assessment.
    pub values: Memo<Values>,
    pub findings: Memo<Vec<Finding>>,
    /// Who receives the report when it is submitted, by name.
    pub receiver: StoredValue<Option<String>>,
    pub editable: Memo<bool>,
    /// The period asks for the signed copy before the report is submitted.
    pub signed_copy_required: bool,
    /// A self-assessment's criteria set; `None` for a report.
    pub criteria: StoredValue<Option<CriteriaSet>>,
    /// A self-assessment as the user sees it; `None` for a report.
    pub assessment: Memo<Option<Assessment>>,
    /// The user may decide on it now: a reviewer of the unit, the report awaiting review.
    pub deciding: Memo<bool>,
}
