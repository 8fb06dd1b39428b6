//! The protocol's bounds: what one request may carry, and how long its ids may be.

/// The most mutations one push may carry.
pub const MAX_BATCH: usize = 500;
/// The most reports one pull returns; `more` says to ask again.
pub const PULL_PAGE: usize = 200;
/// The most reports a device may follow in one request.
pub const MAX_FOLLOW: usize = 2_000;
/// The most bytes one sync request body may have.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// The longest mutation or version id taken.
pub const MAX_ID: usize = 64;
/// The longest device id taken; devices make UUIDs.
pub const MAX_DEVICE_ID: usize = 100;
/// The longest code in a report key (plan id, period code, unit code).
pub const MAX_KEY_PART: usize = 64;
/// The most versions one write may name as its bases.
pub const MAX_BASES: usize = 100;
