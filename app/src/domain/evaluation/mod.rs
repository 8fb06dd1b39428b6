//! The annual evaluation ("chấm điểm, xếp loại"): a province's criteria set as data
//! (`criteria`), the points of its computed criteria from the unit's annual report and
//! timeliness (`scoring`), and the total, grade and ranking (`grading`). One engine: the
//! device shows what the server records.

pub mod criteria;
pub mod grading;
pub mod points;
pub mod scoring;

pub use criteria::{CriteriaSet, Criterion, Grade, Problem, Scoring};
pub use points::Points;
