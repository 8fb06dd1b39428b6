pub mod backup;
pub mod deadline;
pub mod header;
pub mod history;
pub mod report_field;
pub mod signed_in;
pub mod sync_status;
pub mod task_row;
