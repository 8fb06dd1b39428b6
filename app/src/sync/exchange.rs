//! One push-and-pull exchange: what a device sends and what it gets back.

use super::change::Mutation;
use super::key::ReportKey;
use super::outcome::MutationResult;
use super::report_state::ReportState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One push-and-pull exchange.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncRequest {
    /// The `cursor` of the last response this device received; 0 the first time.
    pub cursor: i64,
    pub mutations: Vec<Mutation>,
    /// The reports this device keeps to show offline. A reviewer's pull sends these and
    /// their own units' reports, not every report of their subtree (a country's is
    /// hundreds of thousands); at most [`MAX_FOLLOW`](super::limits::MAX_FOLLOW).
    #[serde(default)]
    pub follow: Vec<ReportKey>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SyncResponse {
    /// One result per pushed mutation, in order.
    pub results: Vec<MutationResult>,
    /// The reports the caller may see that changed after the request's cursor (including
    /// through this push), whole, oldest change first: at most [`PULL_PAGE`](super::limits::PULL_PAGE) of them.
    pub reports: Vec<ReportState>,
    pub cursor: i64,
    /// More changed reports wait after `cursor`: sync again.
    #[serde(default)]
    pub more: bool,
    /// Reports the caller may see changed that this answer does not carry (a reviewer's
    /// subtree): pages that show them should read them again.
    #[serde(default)]
    pub changed_elsewhere: bool,
    pub server_time: DateTime<Utc>,
}
