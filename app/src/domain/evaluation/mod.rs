//! The annual evaluation ("chấm điểm, xếp loại"): a province's criteria set as data
//! (`criteria`), the points of its computed criteria from the unit's annual report and
//! timeliness (`scoring`), the total, grade and ranking (`grading`), a unit's
//! self-assessment with the reviewer's decision (`assessment`), and a scope's results
//! (`results`). One engine: the device shows what the server records.

pub mod assessment;
pub mod criteria;
pub mod grading;
pub mod points;
pub mod results;
pub mod scoring;

pub use assessment::{Assessment, Gap, Item, Source, YearFigures};
pub use criteria::{CriteriaSet, Criterion, Grade, Problem, Scale, Scoring};
pub use points::Points;
pub use results::{EvaluationResults, PastResult, ResultRow};
