//! The sync protocol shared by the browser and the server: mutations, their results, the
//! state of a report as the server knows it, and the one merge function both sides run.
//! The protocol is described with examples in `docs/sync.md`.

mod change;
mod exchange;
mod key;
mod limits;
pub mod merge;
pub mod outbox;
mod outcome;
mod rebase;
pub mod refusal;
mod report_state;

pub use change::{Change, ChangeKind, Mutation};
pub use exchange::{SyncRequest, SyncResponse};
pub use key::{ReportKey, ScoreSlot, Slot};
pub use limits::{
    MAX_BASES, MAX_BATCH, MAX_BODY_BYTES, MAX_DEVICE_ID, MAX_FOLLOW, MAX_ID, MAX_KEY_PART,
    PULL_PAGE,
};
pub use merge::{SlotState, SlotVersion};
pub use outcome::{MutationResult, Outcome, Recorded};
pub use rebase::rebase;
pub use report_state::ReportState;
