//! Whether the server mails notices: on the accounts page, where addresses are given.

use super::texts::use_admin_texts;
use crate::api::{MailStatus, MAIL_STATUS_API};
use crate::client;
use leptos::prelude::*;

#[component]
pub fn MailStatusLine() -> impl IntoView {
    let at = use_admin_texts();
    let status = LocalResource::new(|| client::get::<MailStatus>(MAIL_STATUS_API));
    move || {
        status.get().and_then(Result::ok).map(|s| {
            let line = move || match &s.sender {
                Some(sender) if s.enabled => (at.get().mail_on)(sender, s.waiting, s.given_up),
                _ => at.get().mail_off.to_string(),
            };
            view! { <p class="muted" data-testid="mail-status">{line}</p> }
        })
    }
}
