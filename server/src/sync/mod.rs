//! The server's side of sync (`docs/sync.md`): the context of a report, the checks a
//! mutation passes, pushes applied in memory and written in one transaction through a few
//! writers, and the pull.

mod apply;
mod checks;
mod context;
mod pull;
mod push;
mod writers;

pub use context::{context, ReportContext};
pub use pull::{pull, Pulled};
pub use push::{Push, Written};
pub use writers::{Turn, Writers};
