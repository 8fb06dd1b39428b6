//! What a reviewer reads of a plan: who in a subtree owes a report for a period and where
//! each stands (`progress`), their figures rolled up (`consolidation`), and the counts a
//! home page shows (`tallies`), the year an evaluation reads (`year`) and its results
//! (`results`).

mod consolidation;
mod expected;
mod period_tree;
mod progress;
mod results;
mod tallies;
mod year;

pub use consolidation::consolidation_view;
pub use expected::{expected_in, owes_to};
pub use period_tree::{period_tree, subtree_root};
pub use progress::progress_view;
pub use results::evaluation_results;
pub use tallies::period_tallies;
pub use year::year_figures;
