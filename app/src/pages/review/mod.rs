//! The reviewers' pages: progress, consolidation, timeliness and an evaluation's results. Compiled into the server
//! and into the reviewers' and administrators' wasm (feature `review`): in the ward's
//! download their routes show a placeholder (`elsewhere.rs`), and the server hydrates these
//! pages with the reviewers' build.

mod consolidation;
mod evaluation;
mod progress;
mod timeliness;

pub use consolidation::ConsolidationPage;
pub use evaluation::EvaluationResultsPage;
pub use progress::ProgressPage;
pub use timeliness::TimelinessPage;
