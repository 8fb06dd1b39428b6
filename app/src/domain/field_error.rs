//! A bad value in a form or a file, named by its field so that a page shows the message
//! beside it.

use crate::lang::{Lang, Text};
use serde::{Deserialize, Serialize};

/// One bad field, with the message to show beside it, worded in both languages: a check
/// runs once and the answer goes out in the language the request asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Text,
}

impl FieldError {
    pub fn new(field: &str, vi: impl Into<String>, en: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            message: Text::new(vi, en),
        }
    }

    /// The error as an answer in `lang` says it.
    pub fn in_lang(&self, lang: Lang) -> FieldMessage {
        FieldMessage {
            field: self.field.clone(),
            message: self.message.get(lang).to_string(),
        }
    }
}

/// One bad field of a refused form as the API answers it: the message in the request's
/// language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

impl FieldMessage {
    pub fn new(field: &str, message: impl Into<String>) -> FieldMessage {
        FieldMessage {
            field: field.to_string(),
            message: message.into(),
        }
    }
}
