//! An evaluation period's results over a subtree: the ranking, the grades and each
//! criterion's average (charts that are tables), each unit's earlier years, the exports.

mod average_chart;
mod bar_cell;
mod grade_chart;
mod page;
mod ranking_line;
mod ranking_table;

pub use page::EvaluationResultsPage;
