pub mod consolidation;
pub mod home;
pub mod login;
pub mod progress;
pub mod report;
pub mod timeliness;
