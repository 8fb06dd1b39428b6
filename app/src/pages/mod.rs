pub mod consolidation;
pub mod home;
pub mod login;
pub mod password;
pub mod progress;
pub mod report;
pub mod timeliness;
