pub mod deadline;
pub mod header;
pub mod session;
