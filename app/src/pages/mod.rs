pub mod home;
pub mod login;
pub mod report;
