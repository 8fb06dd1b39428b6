//! "Nhật ký quản trị": every administrator's action in the scope, newest first, filtered
//! by administrator, action and target.

use super::form::{encode, message};
use super::texts::use_admin_texts;
use crate::api::{AdminAction, AdminLogEntry};
use crate::client;
use crate::format::date_time;
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FILTERS: [&str; 3] = ["username", "action", "target"];

#[component]
pub fn AdminLogPage() -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let entries = LocalResource::new(move || {
        let params: Vec<String> = FILTERS
            .iter()
            .map(|name| (name, param(name)))
            .filter(|(_, v)| !v.is_empty())
            .map(|(name, v)| format!("{name}={}", encode(&v)))
            .collect();
        let path = format!("/admin/log?{}", params.join("&"));
        async move { client::get::<Vec<AdminLogEntry>>(&path).await }
    });
    let actions = move || {
        let chosen = param("action");
        let at = at.get();
        AdminAction::ALL
            .map(|a| view! { <option value=a.as_str() selected=chosen == a.as_str()>{at.action_name(a)}</option> })
            .into_iter()
            .collect_view()
    };
    view! {
        <header class="card">
            <h1>{move || at.get().log}</h1>
            <form class="filter admin-filter" method="get" action="/quan-tri/nhat-ky" role="search">
                <label>{move || at.get().admin} " " <input name="username" value=param("username") /></label>
                <label>
                    {move || at.get().action} " "
                    <select name="action">
                        <option value="">{move || at.get().any}</option>
                        {actions}
                    </select>
                </label>
                <label>{move || at.get().target} " " <input name="target" value=param("target") /></label>
                " " <button type="submit">{move || at.get().filter}</button>
            </form>
        </header>
        {move || match entries.get() {
            None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p>{move || at.get().log_empty}</p> }.into_any(),
            Some(Ok(list)) => view! { <LogTable list /> }.into_any(),
        }}
    }
}

#[component]
fn LogTable(list: Vec<AdminLogEntry>) -> impl IntoView {
    let at = use_admin_texts();
    let rows = list
        .into_iter()
        .map(|e| {
            let action = e.action;
            view! {
                <tr>
                    <td>{date_time(e.at)}</td>
                    <td>{e.username.clone()}</td>
                    <td>{move || at.get().action_name(action)}</td>
                    // What was recorded, as it was recorded: in Vietnamese.
                    <td lang="vi">{e.target_name.clone().unwrap_or_else(|| e.target.clone())}</td>
                    <td lang="vi">{e.before.clone()}</td>
                    <td lang="vi">{e.after.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="admin-log">
                <thead>
                    <tr>
                        <th scope="col">{move || at.get().at}</th>
                        <th scope="col">{move || at.get().admin}</th>
                        <th scope="col">{move || at.get().action}</th>
                        <th scope="col">{move || at.get().target}</th>
                        <th scope="col">{move || at.get().before}</th>
                        <th scope="col">{move || at.get().after}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
