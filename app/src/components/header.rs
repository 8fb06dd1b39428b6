//! The bar on top of every page: the product, the user, the language, logout.

use super::sync_status::SyncStatus;
use crate::api::{Role, NOTICES_ROUTE};
use crate::device::engine::use_device;
use crate::device::notices::use_notices;
use crate::i18n::{tr, Lang, Language, NoticeTexts, LANGUAGES};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let device = use_device();
    let notices = use_notices();
    let language = expect_context::<Language>();
    let lang = language.0;
    let choose = move |code: &str| {
        let chosen = Lang::from_code(code);
        language.set(chosen);
        device.remember_language(chosen);
    };
    // A language chosen before the page's code arrived (a slow line, or a page waiting for
    // its chunk) is taken up once it has: the list shows it, so the page follows.
    let picker = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(select) = picker.get_untracked() {
            let shown = select.value();
            if shown != lang.get_untracked().code() {
                choose(&shown);
            }
        }
    });
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
    let pathname = leptos_router::hooks::use_location().pathname;
    let to_password = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        let forced = device.me.get().is_some_and(|me| me.must_change_password);
        if forced && pathname.get() != "/doi-mat-khau" {
            to_password("/doi-mat-khau", Default::default());
        }
    });

    // On a phone the account, language and links fold behind one button, so that the page
    // itself starts near the top of the first screen; from 720 px they are always shown.
    let menu_open = RwSignal::new(false);
    Effect::new(move |_| {
        pathname.track();
        menu_open.set(false);
    });

    view! {
        // The first stop of the keyboard: past the bar, straight to the page (the report's
        // form). The browser's own fragment navigation moves the focus there (`external`:
        // the router would only scroll).
        <a class="skip-link" href="#main" rel="external">{tr(|t| t.skip_to_content)}</a>
        <header class="topbar">
            <a class="brand" href="/">
                <strong>{tr(|t| t.app_name)}</strong>
                <span class="tagline">{tr(|t| t.app_tagline)}</span>
            </a>
            // Outside the folded menu: a phone shows the unread count at once.
            {move || user().map(|_| view! {
                <a
                    class="link-button notices-link"
                    href=NOTICES_ROUTE
                    aria-label=move || (NoticeTexts::of(lang.get()).link_label)(notices.unread())
                    data-testid="notices-link"
                >
                    {move || NoticeTexts::of(lang.get()).title}
                    {move || match notices.unread() {
                        0 => None,
                        n => Some(view! { " " <span class="count" aria-hidden="true">{n}</span> }),
                    }}
                </a>
            })}
            {move || user().map(|_| view! {
                <button
                    class="menu-toggle"
                    aria-expanded=move || menu_open.get().to_string()
                    aria-controls="account-menu"
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true">"☰ "</span>
                    {tr(|t| t.menu)}
                </button>
            })}
            // Shown on a phone while the button is expanded (main.css): one reactive
            // attribute, not one per element, keeps the ward's download small.
            <div class="topbar-right" id="account-menu">
                <label class="lang">
                    <span class="visually-hidden">{tr(|t| t.language)}</span>
                    <select node_ref=picker autocomplete="off" on:change=move |ev| choose(&event_target_value(&ev))>
                        {LANGUAGES
                            .iter()
                            .map(|(l, name)| {
                                let l = *l;
                                view! {
                                    <option value=l.code() lang=l.code() selected=move || lang.get() == l>
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
                                // Names are data, in Vietnamese whatever the page's language (`lang`: read so).
                                <span class="user"><span lang="vi">{me.display_name}</span> " (" {me.username} ")"</span>
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
