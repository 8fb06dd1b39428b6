//! Notices pushed to this device: turned on here (the browser asks the user's permission
//! and subscribes with the server's key) or off, and which kinds. Each visit sends the
//! device's subscription again, which brings back one the server dropped or the browser
//! renewed.

use super::choices::{Choices, KindChoices};
use crate::api::{NoticeSettings, PushEndpoint, PUSH_SUBSCRIPTION_API};
use crate::client;
use crate::device::push::{self, PushSupport};
use crate::i18n::{use_texts, NoticeTexts};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Here {
    /// Not known yet (the browser is asked once the page is shown).
    Asking,
    Unsupported,
    Blocked,
    Off,
    On,
    /// Turning on failed: not allowed, or the push service was out of reach.
    Failed,
}

#[component]
pub fn PushSettings(settings: NoticeSettings, choices: Choices) -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let here = RwSignal::new(Here::Asking);
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let state = match push::support() {
                PushSupport::None => Here::Unsupported,
                PushSupport::Blocked => Here::Blocked,
                PushSupport::Possible => match push::current().await {
                    Some(sub) => {
                        // Kept again: the server may have dropped it.
                        let _ = client::put_no_content(PUSH_SUBSCRIPTION_API, &sub).await;
                        Here::On
                    }
                    None => Here::Off,
                },
            };
            here.try_set(state);
        });
    });
    let key = StoredValue::new(settings.push_key);
    let turn_on = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let made = match push::subscribe(&key.get_value()).await {
                Some(sub) => client::put_no_content(PUSH_SUBSCRIPTION_API, &sub)
                    .await
                    .is_ok(),
                None => false,
            };
            busy.try_set(false);
            here.try_set(if made {
                Here::On
            } else if push::support() == PushSupport::Blocked {
                Here::Blocked
            } else {
                Here::Failed
            });
        });
    };
    let turn_off = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            if let Some(endpoint) = push::unsubscribe().await {
                let _ =
                    client::delete_with(PUSH_SUBSCRIPTION_API, &PushEndpoint { endpoint }).await;
            }
            busy.try_set(false);
            here.try_set(Here::Off);
        });
    };
    let legend = Signal::derive(move || nt().push_on.to_string());
    view! {
        <h2>{move || nt().push_heading}</h2>
        {move || match here.get() {
            Here::Asking => None,
            Here::Unsupported => Some(view! { <p class="muted">{move || nt().push_none}</p> }.into_any()),
            Here::Blocked => Some(view! { <p class="muted">{move || nt().push_blocked}</p> }.into_any()),
            Here::On => Some(view! {
                <KindChoices legend choices off=choices.push_off />
                <p class="actions">
                    <button type="button" on:click=turn_off disabled=move || busy.get()>{move || nt().push_turn_off}</button>
                </p>
            }.into_any()),
            state @ (Here::Off | Here::Failed) => Some(view! {
                {(state == Here::Failed).then(|| view! { <p class="error" role="alert">{move || nt().push_failed}</p> })}
                <p class="actions">
                    <button type="button" on:click=turn_on disabled=move || busy.get()>{move || nt().push_turn_on}</button>
                </p>
            }.into_any()),
        }}
    }
}
