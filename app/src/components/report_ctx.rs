//! What the editor of one report shares with the components that show its parts.

use crate::domain::rules::Finding;
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
    pub findings: Memo<Vec<Finding>>,
    /// Who receives the report when it is submitted, by name.
    pub receiver: StoredValue<Option<String>>,
    pub editable: Memo<bool>,
    /// The period asks for the signed copy before the report is submitted.
    pub signed_copy_required: bool,
}
