//! The bar on top of every page: the product, the user, the language, logout.

use super::sync_status::SyncStatus;
use crate::api::Role;
use crate::device::engine::use_device;
use crate::i18n::{set_language, tr, Lang, Language, LANGUAGES};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let device = use_device();
    let lang = expect_context::<Language>().0;
    let navigate = leptos_router::hooks::use_navigate();
    let logout = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            device.sign_out().await;
            navigate("/dang-nhap", Default::default());
        });
    };
    let user = move || device.me.get();
    // A reset password is changed before anything else, whatever page was asked for.
    let location = leptos_router::hooks::use_location();
    let to_password = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        let forced = device.me.get().is_some_and(|me| me.must_change_password);
        if forced && location.pathname.get() != "/doi-mat-khau" {
            to_password("/doi-mat-khau", Default::default());
        }
    });

    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <strong>{tr(|t| t.app_name)}</strong>
                <span class="tagline">{tr(|t| t.app_tagline)}</span>
            </a>
            <div class="topbar-right">
                <label class="lang">
                    <span class="visually-hidden">{tr(|t| t.language)}</span>
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
                                // A full page load: the administration pages come with a
                                // download of their own (`pages::admin`).
                                {(me.role == Role::Admin).then(|| view! {
                                    <a class="link-button" href="/quan-tri" rel="external">{tr(|t| t.admin_link)}</a>
                                })}
                                <a class="link-button" href="/doi-mat-khau">{tr(|t| t.password_link)}</a>
                                <button class="link-button" on:click=logout>{tr(|t| t.logout)}</button>
                            }
                        })
                }}
            </div>
        </header>
        {move || user().map(|_| view! { <SyncStatus /> })}
    }
}
