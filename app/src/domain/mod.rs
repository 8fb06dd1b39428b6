//! The reporting domain, compiled for both the browser and the server.

pub mod access;
pub mod account;
pub mod attachment;
pub mod calendar_notice;
pub mod contact;
pub mod document_part;
pub mod evaluation;
pub mod expr;
pub mod field_error;
pub mod lineage;
pub mod new_plan;
pub mod org;
pub mod password;
pub mod plan;
pub mod plan_form;
pub mod progress;
pub mod reminder;
pub mod reminder_rule;
pub mod rollup;
pub mod rules;
pub mod status;
pub mod synthesis;
pub mod task;
pub mod task_progress;
pub mod template;
pub mod value;
