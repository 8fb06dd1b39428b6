//! The sign-in and password forms read their fields when sent and never write to them:
//! what was typed before the page's code arrived stays (a bound value would be set back to
//! empty as the browser takes the page over).

use leptos::html::Input;
use leptos::prelude::*;

/// What the field holds now; empty if it is not on the page.
pub fn typed(field: NodeRef<Input>) -> String {
    field.get_untracked().map(|e| e.value()).unwrap_or_default()
}
