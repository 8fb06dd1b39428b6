//! The device side of offline-first: what is kept in browser storage, the sync engine that
//! exchanges it with the server, and the few browser APIs they need. Everything here runs
//! in the browser only (from effects and event handlers), never during server rendering.

pub mod browser;
pub mod engine;
pub mod fetched;
pub mod file_queue;
pub mod notices;
pub mod push;
pub mod storage;
pub mod uploads;
