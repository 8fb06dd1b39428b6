//! "Đổi mật khẩu": the user's own change of password, and the page a reset password sends
//! them to before anything else.

use crate::api::PasswordChange;
use crate::client::{self, ClientError};
use crate::device::engine::use_device;
use crate::domain::password::MIN_CHARS;
use crate::i18n::{tr, tr_if, use_texts};
use crate::pages::form_field::typed;
use leptos::prelude::*;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let navigate = leptos_router::hooks::use_navigate();
    // Read when sent (`form_field`).
    let current = NodeRef::<leptos::html::Input>::new();
    let new = NodeRef::<leptos::html::Input>::new();
    let repeat = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let forced = move || device.me.get().is_some_and(|me| me.must_change_password);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (new_password, again) = (typed(new), typed(repeat));
        // The rest of the policy is the server's to check (its list of common passwords
        // stays out of every ward's download).
        if new_password != again {
            error.set(
                t.try_get_untracked()
                    .map(|t| t.password_mismatch.to_string()),
            );
            return;
        }
        let navigate = navigate.clone();
        let body = PasswordChange {
            current_password: typed(current),
            new_password,
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            match client::post_no_content("/password", &body).await {
                Ok(()) => {
                    error.set(None);
                    device.password_changed();
                    navigate("/", Default::default());
                }
                Err(ClientError::Api(e)) => error.set(Some(e.message)),
                Err(ClientError::Unauthorized) => navigate("/dang-nhap", Default::default()),
                Err(ClientError::Network) => {
                    error.set(t.try_get_untracked().map(|t| t.network_error.to_string()))
                }
            }
            pending.set(false);
        });
    };

    view! {
        <section class="card login">
            <h1>{tr(|t| t.password_title)}</h1>
            {move || forced().then(|| view! { <p class="notice">{tr(|t| t.password_must_change)}</p> })}
            <form on:submit=on_submit>
                <label for="current-password">{tr(|t| t.password_current)}</label>
                <input id="current-password" type="password" autocomplete="current-password" required node_ref=current />
                <label for="new-password">{tr(|t| t.password_new)}</label>
                <input id="new-password" type="password" autocomplete="new-password" required
                    minlength=MIN_CHARS.to_string() aria-describedby="password-rule" node_ref=new />
                <p id="password-rule" class="muted">{move || t.get().password_rule(MIN_CHARS)}</p>
                <label for="repeat-password">{tr(|t| t.password_repeat)}</label>
                <input id="repeat-password" type="password" autocomplete="new-password" required node_ref=repeat />
                <p class="error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {tr_if(pending.into(), |t| t.saving, |t| t.password_save)}
                </button>
            </form>
        </section>
    }
}
