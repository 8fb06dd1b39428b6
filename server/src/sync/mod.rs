//! The server's side of sync (`docs/sync.md`): the context of a report, the checks a
//! mutation passes, a push applied in memory and written in one transaction, and the pull.

mod apply;
mod checks;
mod context;
mod pull;
mod push;

pub use context::{context, ReportContext};
pub use pull::{pull, Pulled};
pub use push::push;
