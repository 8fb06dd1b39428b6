//! The login page.

use crate::api::{ErrorCode, LoginRequest, Me, SiteInfo};
use crate::client::{self, ClientError};
use crate::device::engine::use_device;
use crate::i18n::{tr, tr_if, use_texts, Language};
use crate::pages::form_field::typed;
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let language = expect_context::<Language>();
    let navigate = leptos_router::hooks::use_navigate();
    // Read when sent (`form_field`).
    let username = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    // A sign-in sent before the app loaded and refused comes back with the reason's code.
    let refused = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("loi"));
    let error = RwSignal::new(refused.map(|code| {
        let lang = t.get_untracked().lang;
        ErrorCode::parse(&code)
            .sign_in_refusal()
            .get(lang)
            .to_string()
    }));
    let pending = RwSignal::new(false);
    let site = LocalResource::new(|| client::get::<SiteInfo>("/site"));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let body = LoginRequest {
            username: typed(username).trim().to_string(),
            password: typed(password),
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            match client::post::<_, Me>("/session", &body).await {
                Ok(me) => {
                    error.set(None);
                    // A reset password is changed before anything else.
                    let next = if me.must_change_password {
                        "/doi-mat-khau"
                    } else {
                        "/"
                    };
                    // The language the user chose on any device came with the answer.
                    language.follow_cookie();
                    device.signed_in(me);
                    navigate(next, Default::default());
                }
                Err(ClientError::Api(e)) => error.set(Some(e.message)),
                Err(_) => error.set(t.try_get_untracked().map(|t| t.network_error.to_string())),
            }
            pending.set(false);
        });
    };

    view! {
        <section class="card login">
            <h1>{tr(|t| t.login_title)}</h1>
            {move || device.needs_login.get().then(|| view! { <p class="notice">{tr(|t| t.session_expired_kept)}</p> })}
            {move || device.closed.get().then(|| view! { <p class="notice" role="alert">{tr(|t| t.account_closed)}</p> })}
            {move || device.left_behind.get().map(|(name, n)| view! { <p class="notice">{move || t.get().left_behind(&name, n)}</p> })}
            // Sent before the page hydrated, the form signs in all the same (the server's
            // `login_form`), and a password never ends up in an address.
            <form method="post" action="/dang-nhap" on:submit=on_submit>
                <label for="username">{tr(|t| t.username)}</label>
                <input id="username" name="username" autocomplete="username" required node_ref=username />
                <label for="password">{tr(|t| t.password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required node_ref=password />
                <p class="error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {tr_if(pending.into(), |t| t.logging_in, |t| t.login_button)}
                </button>
            </form>
            {move || {
                site.get()
                    .and_then(|r| r.ok())
                    .filter(|s| !s.demo_accounts.is_empty())
                    .map(|s| {
                        view! {
                            <aside class="demo">
                                <h2>{tr(|t| t.demo_heading)}</h2>
                                <p>{tr(|t| t.demo_note)}</p>
                                <ul>
                                    {s.demo_accounts
                                        .into_iter()
                                        .map(|a| view! { <li><code>{a.username}</code> " – " <span lang="vi">{a.description}</span></li> })
                                        .collect_view()}
                                </ul>
                            </aside>
                        }
                    })
            }}
        </section>
    }
}
