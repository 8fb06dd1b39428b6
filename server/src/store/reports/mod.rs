//! Reports: their workflow row and the versions of their slots, one module for each way
//! they are used: the reads of the home page, review and pull; the write path of a push;
//! the slot versions.

mod reads;
mod row;
mod slots;
mod writes;

pub use reads::{
    any_changed_in_subtree, changed_among, changed_of_unit, of_units, period_counts,
    reported_periods, standings,
};
pub use row::ReportRow;
pub use slots::{current_values, replace_slots, state, states};
pub use writes::{claim, delete, move_template, save, template_versions, Changed};
