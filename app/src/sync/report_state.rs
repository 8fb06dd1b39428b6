//! A report as the server holds it: its status and every slot's current value with the
//! versions in conflict with it.

use super::key::ReportKey;
use super::merge::SlotState;
use crate::domain::rules::Values;
use crate::domain::status::ReportStatus;
use crate::domain::value::Value;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A report as the server holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportState {
    pub report: ReportKey,
    pub status: ReportStatus,
    /// When the server received the submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The device's clock when the user pressed "Nộp báo cáo".
    pub device_submitted_at: Option<DateTime<Utc>>,
    pub on_time: Option<bool>,
    pub return_comment: Option<String>,
    /// Keyed by slot (`field_code` or `task:<code>`).
    pub slots: BTreeMap<String, SlotState>,
    /// The change number of the report's last change.
    pub seq: i64,
}

impl ReportState {
    pub fn empty(report: ReportKey) -> ReportState {
        ReportState {
            report,
            status: ReportStatus::Nhap,
            submitted_at: None,
            device_submitted_at: None,
            on_time: None,
            return_comment: None,
            slots: BTreeMap::new(),
            seq: 0,
        }
    }

    /// The bytes of the files attached now, but for the slot `except`.
    pub fn file_bytes(&self, except: &str) -> u64 {
        self.slots
            .iter()
            .filter(|(slot, _)| slot.as_str() != except)
            .filter_map(|(_, s)| match s.current.as_ref()?.value.as_ref()? {
                Value::File(file) => Some(file.size),
                _ => None,
            })
            .sum()
    }

    /// Whether the report attaches its signed copy: what a period that requires it asks
    /// before the report is submitted (the server checks it; the page says it first).
    pub fn has_signed_copy(&self) -> bool {
        self.slots.values().any(|s| {
            matches!(
                s.current.as_ref().and_then(|c| c.value.as_ref()),
                Some(Value::File(file)) if file.kind == crate::domain::attachment::AttachmentKind::Signed
            )
        })
    }

    /// The current values, as the rule engine reads them.
    pub fn values(&self) -> Values {
        self.slots
            .iter()
            .filter_map(|(slot, s)| Some((slot.clone(), s.current.as_ref()?.value.clone()?)))
            .collect()
    }
}
