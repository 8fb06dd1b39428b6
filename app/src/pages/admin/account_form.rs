//! Opening an account and changing one: the same form, every refused field told beside
//! it (the server's check, `domain::account`), a change refused when someone else saved
//! the account first.

use super::form::{encode, field_error, message};
use super::texts::use_admin_texts;
use super::unit_picker::UnitPicker;
use crate::api::{Account, AccountEdit, AccountInput, FieldMessage, NewAccount, Role};
use crate::client::{self, ClientError};
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewAccountPage() -> impl IntoView {
    let at = use_admin_texts();
    view! {
        <section class="card admin-form">
            <h1>{move || at.get().new_account}</h1>
            <AccountForm start=AccountInput { role: Role::NhapLieu.as_str().into(), ..Default::default() } editing=false />
        </section>
    }
}

#[component]
pub fn EditAccountPage() -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let params = use_params_map();
    let account = LocalResource::new(move || {
        let username = params.with(|p| p.get("username")).unwrap_or_default();
        async move { client::get::<Account>(&format!("/admin/accounts/{}", encode(&username))).await }
    });
    view! {
        <section class="card admin-form">
            <h1>{move || at.get().edit_account}</h1>
            {move || match account.get() {
                None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
                Some(Ok(account)) => view! { <AccountForm start=account.input() editing=true /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn AccountForm(start: AccountInput, editing: bool) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    // What the server held when the form was read: sent with a change, so that a change
    // made meanwhile by someone else is refused rather than overwritten.
    let baseline = RwSignal::new(start.clone());
    let username = RwSignal::new(start.username.clone());
    let display_name = RwSignal::new(start.display_name.clone());
    let email = RwSignal::new(start.email.clone());
    let phone = RwSignal::new(start.phone.clone());
    let role = RwSignal::new(start.role.clone());
    let unit = RwSignal::new(Some(start.unit_code.clone()).filter(|c| !c.is_empty()));
    let scope = RwSignal::new(
        Some(start.scope_code.clone()).filter(|c| !c.is_empty() && *c != start.unit_code),
    );
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let created = RwSignal::new(None::<NewAccount>);
    let invalid =
        move |field: &'static str| move || field_error(errors, field)().is_some().to_string();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AccountInput {
            username: username.get_untracked(),
            display_name: display_name.get_untracked(),
            role: role.get_untracked(),
            unit_code: unit.get_untracked().unwrap_or_default(),
            // Ward staff see their own unit: a scope chosen before the role changed goes.
            scope_code: if role.get_untracked() == Role::NhapLieu.as_str() {
                String::new()
            } else {
                scope.get_untracked().unwrap_or_default()
            },
            email: email.get_untracked(),
            phone: phone.get_untracked(),
        };
        pending.set(true);
        saved.set(false);
        leptos::task::spawn_local(async move {
            let outcome = if editing {
                let edit = AccountEdit {
                    before: baseline.get_untracked(),
                    after: input,
                };
                let path = format!("/admin/accounts/{}", encode(&edit.after.username));
                client::put::<_, Account>(&path, &edit)
                    .await
                    .map(|account| {
                        baseline.set(account.input());
                        saved.set(true);
                    })
            } else {
                client::post::<_, NewAccount>("/admin/accounts", &input)
                    .await
                    .map(|new| created.set(Some(new)))
            };
            match outcome {
                Ok(()) => {
                    errors.set(Vec::new());
                    failure.set(None);
                }
                Err(ClientError::Api(e)) if !e.fields.is_empty() => {
                    errors.set(e.fields);
                    failure.set(Some(e.message));
                }
                Err(e) => {
                    errors.set(Vec::new());
                    failure.set(t.try_get_untracked().map(|t| message(t, &e)));
                }
            }
            pending.set(false);
        });
    };

    let role_options = move || {
        Role::ALL
            .into_iter()
            .map(|r| {
                view! {
                    <option value=r.as_str() selected=move || role.get() == r.as_str()>
                        {move || at.get().role(r)}
                    </option>
                }
            })
            .collect_view()
    };
    let sees_more = move || role.get() != Role::NhapLieu.as_str();

    view! {
        {move || created.get().map(|new| view! {
            <div class="notice one-time" role="status">
                <p>
                    {move || at.get().one_time_password} " (" {new.account.username.clone()} "): "
                    <code class="one-time-password">{new.password.clone()}</code>
                </p>
                <p>{move || at.get().one_time_note}</p>
                <p class="standalone"><a href="/quan-tri/tai-khoan">{move || at.get().cancel}</a></p>
            </div>
        })}
        <form on:submit=on_submit hidden=move || created.with(Option::is_some) novalidate>
            <label for="account-username">{move || at.get().username}</label>
            <input id="account-username" autocomplete="off" required readonly=editing
                aria-invalid=invalid("username") aria-describedby="account-username-hint account-username-error"
                bind:value=username />
            <p id="account-username-hint" class="muted">{move || at.get().username_hint}</p>
            <p id="account-username-error" class="field-error">{field_error(errors, "username")}</p>

            <label for="account-display-name">{move || at.get().display_name}</label>
            <input id="account-display-name" autocomplete="off" required
                aria-invalid=invalid("display_name") aria-describedby="account-display-name-error"
                bind:value=display_name />
            <p id="account-display-name-error" class="field-error">{field_error(errors, "display_name")}</p>

            <label for="account-email">{move || at.get().email}</label>
            <input id="account-email" type="email" autocomplete="off"
                aria-invalid=invalid("email") aria-describedby="account-email-hint account-email-error"
                bind:value=email />
            <p id="account-email-hint" class="muted">{move || at.get().email_hint}</p>
            <p id="account-email-error" class="field-error">{field_error(errors, "email")}</p>

            <label for="account-phone">{move || at.get().phone}</label>
            <input id="account-phone" type="tel" inputmode="tel" autocomplete="off"
                aria-invalid=invalid("phone") aria-describedby="account-phone-hint account-phone-error"
                bind:value=phone />
            <p id="account-phone-hint" class="muted">{move || at.get().phone_hint}</p>
            <p id="account-phone-error" class="field-error">{field_error(errors, "phone")}</p>

            <label for="account-role">{move || at.get().role}</label>
            <select id="account-role" aria-invalid=invalid("role") aria-describedby="account-role-error"
                on:change=move |ev| role.set(event_target_value(&ev))>
                {role_options}
            </select>
            <p id="account-role-error" class="field-error">{field_error(errors, "role")}</p>

            <UnitPicker name="unit_code" chosen=unit label=Signal::derive(move || at.get().unit)
                described_by="account-unit-error" />
            <p id="account-unit-error" class="field-error">{field_error(errors, "unit_code")}</p>

            <div hidden=move || !sees_more()>
                <UnitPicker name="scope_code" chosen=scope label=Signal::derive(move || at.get().scope)
                    described_by="account-scope-error" />
                <p class="muted">{move || at.get().scope_hint}</p>
                <p id="account-scope-error" class="field-error">{field_error(errors, "scope_code")}</p>
            </div>

            <p class="error" role="alert">{move || failure.get()}</p>
            <p class="saved" role="status">{move || saved.get().then(|| at.get().saved)}</p>
            <button type="submit" class="primary" disabled=move || pending.get()>
                {move || match (pending.get(), editing) {
                    (true, _) => at.get().saving,
                    (false, true) => at.get().save,
                    (false, false) => at.get().create,
                }}
            </button>
            " " <a href="/quan-tri/tai-khoan">{move || at.get().cancel}</a>
        </form>
    }
}
