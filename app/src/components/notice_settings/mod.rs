//! What reaches the user outside the app, per kind of notice, on the notices page: by
//! e-mail, and pushed to this device. Read from the server and saved there: it needs the
//! connection, which the notices themselves do not. In the ward's build its code is a
//! chunk of its own, fetched when the page shows it.

mod choices;
mod email;
mod push;

use crate::api::{NoticeSettings, NOTICE_SETTINGS_API};
use crate::client;
use crate::i18n::{use_texts, NoticeTexts};
use choices::Choices;
use email::EmailSettings;
use leptos::prelude::*;
use push::PushSettings;

#[component]
pub fn NoticeSettingsBox() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="card notice-settings" data-testid="notice-settings">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    panel().await.unwrap_or_else(|_| {
                        // The chunk could not be fetched: offline on a first visit.
                        view! { <p class="muted">{move || NoticeTexts::of(t.get().lang).settings_offline}</p> }
                            .into_any()
                    })
                })}
            </Suspense>
        </section>
    }
}

/// The settings' code: a chunk of the ward's build (see the report editor's, in
/// `pages/report.rs`).
#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(
    notice_settings,
    fallible,
    return_wrapper(let panel = _; { Ok(panel) } -> Result<AnyView, wasm_split_helpers::SplitLoaderError>)
)]
fn panel() -> AnyView {
    view! { <SettingsPanel /> }.into_any()
}

#[cfg(not(feature = "split"))]
async fn panel() -> Result<AnyView, std::convert::Infallible> {
    Ok(view! { <SettingsPanel /> }.into_any())
}

#[component]
fn SettingsPanel() -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let loaded = LocalResource::new(|| client::get::<NoticeSettings>(NOTICE_SETTINGS_API));
    move || match loaded.get() {
        None => None,
        Some(Err(_)) => {
            Some(view! { <p class="muted">{move || nt().settings_offline}</p> }.into_any())
        }
        Some(Ok(settings)) => {
            let choices = Choices::new(&settings);
            Some(view! {
                <EmailSettings settings=settings.clone() choices />
                <PushSettings settings choices />
                <p role="status" class="muted">
                    {move || choices.saved.get().map(|ok| if ok { nt().settings_saved } else { nt().settings_offline })}
                </p>
            }.into_any())
        }
    }
}
