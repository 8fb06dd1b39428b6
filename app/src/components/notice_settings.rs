//! What reaches the user by e-mail, per kind of notice, on the notices page. Read from the
//! server and saved there: it needs the connection, which the notices themselves do not.

use crate::api::{NoticeKind, NoticeSettings, NoticeSettingsChange, NOTICE_SETTINGS_API};
use crate::client;
use crate::i18n::{use_texts, NoticeTexts};
use leptos::prelude::*;

#[component]
pub fn NoticeSettingsBox() -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let loaded = LocalResource::new(|| client::get::<NoticeSettings>(NOTICE_SETTINGS_API));
    view! {
        <section class="card notice-settings" data-testid="notice-settings">
            <h2>{move || nt().email_heading}</h2>
            {move || match loaded.get() {
                None => None,
                Some(Err(_)) => Some(view! { <p class="muted">{move || nt().settings_offline}</p> }.into_any()),
                Some(Ok(s)) if !s.email_available => {
                    Some(view! { <p class="muted">{move || nt().email_server_off}</p> }.into_any())
                }
                Some(Ok(NoticeSettings { email: None, .. })) => {
                    Some(view! { <p class="muted">{move || nt().email_none}</p> }.into_any())
                }
                Some(Ok(s)) => Some(view! { <EmailChoices settings=s /> }.into_any()),
            }}
        </section>
    }
}

/// A box per kind of notice mailed, ticked when it is sent; each change saved at once.
#[component]
fn EmailChoices(settings: NoticeSettings) -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let off = RwSignal::new(settings.email_off);
    let saved = RwSignal::new(None::<bool>);
    let address = settings.email.unwrap_or_default();
    let toggle = move |kind: NoticeKind, send: bool| {
        off.update(|off| {
            off.retain(|k| *k != kind);
            if !send {
                off.push(kind);
            }
        });
        let change = NoticeSettingsChange {
            email_off: off.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let done = client::put_no_content(NOTICE_SETTINGS_API, &change).await;
            saved.try_set(Some(done.is_ok()));
        });
    };
    view! {
        <fieldset>
            <legend>{move || (nt().email_to)(&address)}</legend>
            {NoticeKind::SENT.into_iter().map(|kind| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || off.with(|o| !o.contains(&kind))
                        on:change=move |ev| toggle(kind, event_target_checked(&ev)) />
                    " " {move || (nt().kind)(kind)}
                </label>
            }).collect_view()}
        </fieldset>
        <p role="status" class="muted">
            {move || saved.get().map(|ok| if ok { nt().settings_saved } else { nt().settings_offline })}
        </p>
    }
}
