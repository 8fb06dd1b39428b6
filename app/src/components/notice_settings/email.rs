//! Notices by e-mail: to the account's address, when the server sends mail.

use super::choices::{Choices, KindChoices};
use crate::api::NoticeSettings;
use crate::i18n::{use_texts, NoticeTexts};
use leptos::prelude::*;

#[component]
pub fn EmailSettings(settings: NoticeSettings, choices: Choices) -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let body = match (settings.email_available, settings.email) {
        (false, _) => view! { <p class="muted">{move || nt().email_server_off}</p> }.into_any(),
        (true, None) => view! { <p class="muted">{move || nt().email_none}</p> }.into_any(),
        (true, Some(address)) => {
            let legend = Signal::derive(move || (nt().email_to)(&address));
            view! { <KindChoices legend choices off=choices.email_off /> }.into_any()
        }
    };
    view! {
        <h2>{move || nt().email_heading}</h2>
        {body}
    }
}
