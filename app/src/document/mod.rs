//! A report as the official document it becomes (Nghị định 30/2020/NĐ-CP): built once from
//! data, here, and drawn twice, as DOCX on the server and as the printed page in the
//! browser, so the two never disagree and printing works offline.

pub mod consolidated;
pub mod evaluation_list;
pub mod letterhead;
pub mod model;
pub mod own_report;
pub mod sender;
pub mod words;

pub use letterhead::Letterhead;
pub use model::{Annex, Block, Grid, OfficialDocument, Signature, Span};
