//! A field's message from the server, under the field.

use super::form_state::Form;
use crate::pages::admin::form::error_at;
use leptos::prelude::*;

/// The server's message for one field, tied to it by id (`{field}-error`).
#[component]
pub(super) fn FieldMessage(form: Form, field: String) -> impl IntoView {
    let id = format!("{field}-error");
    view! { <p id=id class="field-error">{error_at(form.errors, field)}</p> }
}
