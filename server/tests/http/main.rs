//! The HTTP API's tests, one binary: each module drives the real app on port 0 with a fresh
//! database per test, on SQLite and on PostgreSQL (the `on_both!` of `common`). One binary
//! links the app once instead of once per area.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod admin_plans;
mod api;
mod authorization;
mod auto_reminders;
mod district;
mod draft;
mod evaluation;
mod exports;
mod files;
mod imports;
mod language;
mod lineage;
mod mail;
mod matrix;
mod notices;
mod plan_editor;
mod push;
mod requests;
mod review;
mod sessions;
mod sync;
mod unit_forms;
