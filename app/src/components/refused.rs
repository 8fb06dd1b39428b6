//! A page the server would not show (no access, not found): why, and the way back home.

use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn Refused(message: String) -> impl IntoView {
    view! {
        <section class="card">
            <p class="error" role="alert">{message}</p>
            <p class="standalone"><a href="/">{tr(|t| t.back_home)}</a></p>
        </section>
    }
}
