//! A unit's self-assessment, on its report page: each criterion's points as claimed,
//! computed or given by the level above, the remarks and evidence, the totals and grade as
//! the unit types; and, for the reviewer, the decided points with their reasons.

mod assessment_form;
mod assessment_totals;
mod basis_line;
mod criterion_card;
mod evidence_note;
mod gap_list;
mod ineligible_choice;
mod points_input;
mod score_text;

pub use assessment_form::AssessmentForm;
pub use gap_list::GapList;
