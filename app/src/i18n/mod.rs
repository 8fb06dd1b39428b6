//! Every user-facing string of the UI, in Vietnamese (the default) and English: one
//! catalogue per language of the shape [`Catalogue`] declares, and the language chosen at
//! run time. Components read them through [`use_texts`]; none hard-codes its own.

mod catalogue;
mod choice;
mod en;
mod evaluation;
mod files;
mod notices;
mod vi;

pub use crate::lang::Lang;
pub use catalogue::Catalogue;
pub use choice::{
    chosen_language, lang_in_cookies, provide_language, texts, tr, tr_if, use_texts, Language,
    Pick, LANGUAGES, LANG_COOKIE, LANG_COOKIE_DAYS,
};
pub use en::EN;
pub use evaluation::EvaluationTexts;
pub use files::FileTexts;
pub use notices::NoticeTexts;
pub use vi::VI;
