//! baocao's server: the HTTP API, the database, imports, and the wiring of the Leptos app.

pub mod access;
pub mod api;
pub mod auth;
pub mod backup;
pub mod catalog;
pub mod client_ip;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod fold;
pub mod import;
pub mod install;
pub mod language;
pub mod logging;
pub mod offline;
pub mod passwords;
pub mod review;
pub mod security;
pub mod settings;
pub mod site;
pub mod startup;
pub mod state;
pub mod store;
pub mod sync;
pub mod throttle;
