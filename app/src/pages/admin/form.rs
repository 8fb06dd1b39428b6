//! What the administration pages share: addresses built from codes and usernames, the
//! words for a failed request, and the message of a refused field.

use crate::api::FieldMessage;
use crate::client::ClientError;
use crate::i18n::Catalogue;
use leptos::prelude::*;

/// Everything but RFC 3986's unreserved characters: codes and usernames (`HCM.GV.P01`,
/// `hanhthong.01`) stay readable in addresses.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// A value put into a query string or a path segment.
pub(super) fn encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, COMPONENT).to_string()
}

/// What to tell the administrator about a failed request: the server's words, or the
/// catalogue's when it could not answer.
pub(super) fn message(t: &Catalogue, e: &ClientError) -> String {
    match e {
        ClientError::Api(e) => e.message.clone(),
        ClientError::Unauthorized => t.session_expired.to_string(),
        ClientError::Network => t.network_error.to_string(),
    }
}

/// The server's message for one field of a refused form, shown beside the field.
pub(super) fn field_error(
    errors: RwSignal<Vec<FieldMessage>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}

/// The server's message for a field named at run time (`periods.2.code`).
pub(super) fn error_at(
    errors: RwSignal<Vec<FieldMessage>>,
    field: String,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}
