//! The bar on top of every page: the product, the user, the language, logout.

use super::sync_status::SyncStatus;
use crate::device::engine::use_device;
use crate::client;
use crate::i18n::{set_language, use_texts, Lang, Language, LANGUAGES};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let lang = expect_context::<Language>().0;
    let navigate = leptos_router::hooks::use_navigate();
    let logout = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            // Logging out never touches local drafts: only the server session ends.
            let _ = client::delete("/session").await;
            device.signed_out();
            navigate("/dang-nhap", Default::default());
        });
    };
    let user = move || device.me.get();

    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <strong>{move || t.get().app_name}</strong>
                <span class="tagline">{move || t.get().app_tagline}</span>
            </a>
            <div class="topbar-right">
                <label class="lang">
                    <span class="visually-hidden">{move || t.get().language}</span>
                    <select on:change=move |ev| set_language(Lang::from_code(&event_target_value(&ev)))>
                        {LANGUAGES
                            .iter()
                            .map(|(l, name)| {
                                let l = *l;
                                view! {
                                    <option value=l.code() selected=move || lang.get() == l>
                                        {*name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                {move || {
                    let logout = logout.clone();
                    user()
                        .map(|me| {
                            view! {
                                <span class="user">{me.display_name} " (" {me.username} ")"</span>
                                <button class="link-button" on:click=logout>{move || t.get().logout}</button>
                            }
                        })
                }}
            </div>
        </header>
        {move || user().map(|_| view! { <SyncStatus /> })}
    }
}
