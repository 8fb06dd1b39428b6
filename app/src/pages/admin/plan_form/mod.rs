//! A plan's form, as its administrator edits a stored plan ("Sửa kế hoạch") or makes a
//! new one ("Kế hoạch mới"): the number, title and dates, the periods with deadlines and
//! data ranges, the task sections with their assignees, and the hour of its reminders.

mod date_input;
mod edit;
mod field_message;
mod form_state;
mod heading;
mod new;
mod parts;
mod period_row;
mod reminder_hour;
mod section_row;
mod text_input;
mod upward;

pub use edit::EditPlanPage;
pub use new::NewPlanPage;
