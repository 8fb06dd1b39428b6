//! "Tài khoản": the accounts of the administrator's scope, filtered by unit, role and
//! state, with a password reset, closing and reopening on each line.

use super::form::{encode, message};
use super::mail_status::MailStatusLine;
use super::texts::{use_admin_texts, AdminTexts};
use super::unit_picker::UnitPicker;
use crate::api::{Account, OneTimePassword, Role};
use crate::client;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name)).filter(|v| !v.is_empty());
    // Bumped after an action, to read the list again.
    let version = RwSignal::new(0u32);
    let path = Memo::new(move |_| {
        let mut params = Vec::new();
        for name in ["unit", "role", "active"] {
            if let Some(v) = param(name) {
                params.push(format!("{name}={}", encode(&v)));
            }
        }
        format!("/admin/accounts?{}", params.join("&"))
    });
    let accounts = LocalResource::new(move || {
        version.track();
        let path = path.get();
        async move { client::get::<Vec<Account>>(&path).await }
    });
    // The one-time password of the last reset: shown once, here.
    let issued = RwSignal::new(None::<(String, String)>);
    let failure = RwSignal::new(None::<String>);
    let unit = RwSignal::new(param("unit"));

    let option =
        move |value: &'static str, label: Signal<&'static str>, param_name: &'static str| {
            let chosen = param(param_name).unwrap_or_default() == value;
            view! { <option value=value selected=chosen>{move || label.get()}</option> }
        };
    let roles = move || {
        Role::ALL
            .into_iter()
            .map(|r| option(r.as_str(), Signal::derive(move || at.get().role(r)), "role"))
            .collect_view()
    };

    view! {
        <header class="card">
            <h1>{move || at.get().accounts}</h1>
            <MailStatusLine />
            <p><a class="button primary" href="/quan-tri/tai-khoan/moi">{move || at.get().new_account}</a></p>
            <form class="filter admin-filter" method="get" action="/quan-tri/tai-khoan" role="search">
                <UnitPicker name="unit" chosen=unit label=Signal::derive(move || at.get().unit) />
                <label>
                    {move || at.get().role} " "
                    <select name="role">
                        {option("", Signal::derive(move || at.get().any), "role")}
                        {roles}
                    </select>
                </label>
                <label>
                    {move || at.get().status} " "
                    <select name="active">
                        {option("", Signal::derive(move || at.get().any), "active")}
                        {option("true", Signal::derive(move || at.get().open), "active")}
                        {option("false", Signal::derive(move || at.get().closed), "active")}
                    </select>
                </label>
                " " <button type="submit">{move || at.get().filter}</button>
            </form>
        </header>
        {move || issued.get().map(|(username, password)| view! {
            <div class="notice one-time" role="status">
                <p>
                    {move || at.get().one_time_password} " (" {username.clone()} "): "
                    <code class="one-time-password">{password.clone()}</code>
                </p>
                <p>{move || at.get().one_time_note}</p>
            </div>
        })}
        <p class="error" role="alert">{move || failure.get()}</p>
        {move || match accounts.get() {
            None => view! { <p>{crate::i18n::tr(|t| t.loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
            Some(Ok(list)) => view! { <AccountTable list version issued failure /> }.into_any(),
        }}
    }
}

#[component]
fn AccountTable(
    list: Vec<Account>,
    version: RwSignal<u32>,
    issued: RwSignal<Option<(String, String)>>,
    failure: RwSignal<Option<String>>,
) -> impl IntoView {
    let at = use_admin_texts();
    if list.is_empty() {
        return view! { <p>{move || at.get().none_found}</p> }.into_any();
    }
    let count = list.len();
    let rows = list
        .into_iter()
        .map(|account| view! { <AccountRow account version issued failure /> })
        .collect_view();
    view! {
        <p class="muted">{move || (at.get().count)(count)}</p>
        <div class="table-wrap" tabindex="0">
            <table class="accounts">
                <thead>
                    <tr>
                        <th scope="col">{move || at.get().username}</th>
                        <th scope="col">{move || at.get().display_name}</th>
                        <th scope="col">{move || at.get().role}</th>
                        <th scope="col">{move || at.get().unit}</th>
                        <th scope="col">{move || at.get().status}</th>
                        <th scope="col">{move || at.get().actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AccountRow(
    account: Account,
    version: RwSignal<u32>,
    issued: RwSignal<Option<(String, String)>>,
    failure: RwSignal<Option<String>>,
) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let username = account.username.clone();
    let act = move |action: &'static str, confirm: fn(&AdminTexts) -> &'static str| {
        let username = username.clone();
        move |_| {
            if !confirmed(confirm(at.get_untracked())) {
                return;
            }
            let username = username.clone();
            leptos::task::spawn_local(async move {
                let path = format!("/admin/accounts/{}/{action}", encode(&username));
                let outcome = if action == "reset-password" {
                    client::post::<_, OneTimePassword>(&path, &())
                        .await
                        .map(|otp| issued.set(Some((username, otp.password))))
                } else {
                    client::post::<_, Account>(&path, &()).await.map(|_| ())
                };
                match outcome {
                    Ok(()) => failure.set(None),
                    Err(e) => {
                        let said = t.try_get_untracked().map(|t| message(t, &e));
                        failure.set(said);
                    }
                }
                version.update(|v| *v += 1);
            });
        }
    };
    let state = if account.active {
        view! { <span class="badge ok">"✓ " {move || at.get().open}</span> }.into_any()
    } else {
        view! { <span class="badge closed">"✗ " {move || at.get().closed}</span> }.into_any()
    };
    let pending = account
        .must_change_password
        .then(|| view! { <br /><span class="muted">{move || at.get().must_change}</span> });
    let toggle = if account.active {
        view! { <button class="link-button danger" on:click=act("deactivate", |t| t.confirm_deactivate)>{move || at.get().deactivate}</button> }.into_any()
    } else {
        view! { <button class="link-button" on:click=act("activate", |_| "")>{move || at.get().activate}</button> }.into_any()
    };
    let role = account.role;
    view! {
        <tr data-username=account.username.clone()>
            <th scope="row">{account.username.clone()}</th>
            <td lang="vi">{account.display_name.clone()}</td>
            <td>{move || at.get().role(role)}</td>
            <td lang="vi">{account.unit_name.clone()}</td>
            <td>{state}{pending}</td>
            <td class="actions">
                <a href=format!("/quan-tri/tai-khoan/{}", encode(&account.username))>{move || at.get().edit}</a>
                " "
                <button class="link-button" on:click=act("reset-password", |t| t.confirm_reset)>{move || at.get().reset_password}</button>
                " "
                {toggle}
            </td>
        </tr>
    }
}

/// Asks before an action that signs a user out; an empty question asks nothing.
fn confirmed(question: &str) -> bool {
    if question.is_empty() {
        return true;
    }
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}
