//! "Đơn vị": the units of the administrator's scope, found as typed (with or without
//! diacritics) or walked from the scope's root; each unit's page changes its name, kind
//! or parent and records its lineage; a new unit is added under a parent.

use super::form::{encode, field_error, message};
use super::texts::use_admin_texts;
use super::unit_picker::UnitPicker;
use crate::api::{FieldMessage, LineageInput, UnitDetail, UnitEdit, UnitInput};
use crate::client::{self, ClientError};
use crate::device::engine::use_device;
use crate::domain::lineage::Change;
use crate::domain::org::{OrgKind, OrgUnit};
use crate::format::{date, parse_date, DATE_PATTERN};
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The path of a unit's administration page.
fn unit_page(code: &str) -> String {
    format!("/quan-tri/don-vi/{}", encode(code))
}

#[component]
pub fn UnitsPage() -> impl IntoView {
    let at = use_admin_texts();
    let device = use_device();
    let typed = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let q = typed.get();
        async move {
            if q.trim().is_empty() {
                return Vec::new();
            }
            client::get::<Vec<OrgUnit>>(&format!("/admin/units?q={}", encode(&q)))
                .await
                .unwrap_or_default()
        }
    });
    let root = move || device.me.get().map(|me| me.scope.code);
    view! {
        <header class="card">
            <h1>{move || at.get().units}</h1>
            <label for="unit-search">{move || at.get().unit_search}</label>
            <input id="unit-search" type="search" autocomplete="off"
                placeholder=move || at.get().search_unit_hint
                on:input=move |ev| typed.set(event_target_value(&ev)) />
            <ul class="unit-results">
                {move || found.get().unwrap_or_default().into_iter().map(|u| view! {
                    <li><a href=unit_page(&u.code) lang="vi">{u.name.clone()}</a> " " <span class="muted">"(" {u.code.clone()} ")"</span></li>
                }).collect_view()}
            </ul>
        </header>
        {move || root().map(|code| view! { <UnitDetailView code /> })}
    }
}

#[component]
pub fn UnitPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let code = params.with(|p| p.get("code")).unwrap_or_default();
        view! { <UnitDetailView code /> }
    }
}

/// A unit: where it sits, what is below it and what lineage records, with its forms.
#[component]
fn UnitDetailView(code: String) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let version = RwSignal::new(0u32);
    let path = format!("/admin/units/{}", encode(&code));
    let detail = LocalResource::new(move || {
        version.track();
        let path = path.clone();
        async move { client::get::<UnitDetail>(&path).await }
    });
    move || match detail.get() {
        None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
        Some(Ok(d)) => {
            let u = d.unit.clone();
            let parent = u.parent_code.clone().map(|p| {
                let name = d.parent_name.clone().unwrap_or_else(|| p.clone());
                view! { <p>{move || at.get().parent} ": " <a href=unit_page(&p) lang="vi">{name}</a></p> }
            });
            let dates = match (u.from, u.until) {
                (None, None) => None,
                (from, until) => Some(format!(
                    "{} – {}",
                    from.map(date).unwrap_or_default(),
                    until.map(date).unwrap_or_default()
                )),
            };
            let kind = u.kind.as_str();
            let children = d
                .children
                .iter()
                .map(|c| view! {
                    <li><a href=unit_page(&c.code) lang="vi">{c.name.clone()}</a> " " <span class="muted">"(" {c.code.clone()} ")"</span></li>
                })
                .collect_view();
            let events = d
                .events
                .iter()
                .map(|e| {
                    let change = e.change.as_str();
                    let successor = d
                        .successor_names
                        .get(&e.new_code)
                        .cloned()
                        .unwrap_or_else(|| e.new_code.clone());
                    view! {
                        <li>
                            {move || at.get().change_type(change)} " " {date(e.effective)} ": "
                            <span lang="vi">{e.old_name.clone()}</span> " → "
                            <a href=unit_page(&e.new_code) lang="vi">{successor}</a>
                        </li>
                    }
                })
                .collect_view();
            let new_child = format!("/quan-tri/don-vi/moi?parent={}", encode(&u.code));
            view! {
                <section class="card">
                    <h2><span lang="vi">{u.name.clone()}</span> " " <span class="muted">"(" {u.code.clone()} ")"</span></h2>
                    <p>{move || at.get().kind_name(kind)}</p>
                    {parent}
                    {dates.map(|d| view! { <p>{move || at.get().valid} ": " {d.clone()}</p> })}
                    <h3>{move || at.get().children}</h3>
                    <ul class="unit-children">{children}</ul>
                    <p><a class="button" href=new_child>{move || at.get().new_unit}</a></p>
                    <h3>{move || at.get().lineage}</h3>
                    <ul>{events}</ul>
                </section>
                <section class="card admin-form">
                    <h2>{move || at.get().edit_unit}</h2>
                    <UnitForm start=UnitInput::of(&u) editing=true version />
                </section>
                <section class="card admin-form">
                    <h2>{move || at.get().record_lineage}</h2>
                    <LineageForm old_code=u.code.clone() version />
                </section>
            }
            .into_any()
        }
    }
}

#[component]
pub fn NewUnitPage() -> impl IntoView {
    let at = use_admin_texts();
    let query = use_query_map();
    let parent = query
        .with_untracked(|q| q.get("parent"))
        .unwrap_or_default();
    let start = UnitInput {
        parent_code: parent,
        kind: "phuong".into(),
        ..Default::default()
    };
    view! {
        <section class="card admin-form">
            <h1>{move || at.get().new_unit}</h1>
            <UnitForm start editing=false version=RwSignal::new(0) />
        </section>
    }
}

#[component]
fn UnitForm(start: UnitInput, editing: bool, version: RwSignal<u32>) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let navigate = leptos_router::hooks::use_navigate();
    let baseline = StoredValue::new(start.clone());
    let code = RwSignal::new(start.code.clone());
    let name = RwSignal::new(start.name.clone());
    let kind = RwSignal::new(start.kind.clone());
    let parent = RwSignal::new(Some(start.parent_code.clone()).filter(|p| !p.is_empty()));
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = UnitInput {
            code: code.get_untracked(),
            parent_code: parent.get_untracked().unwrap_or_default(),
            kind: kind.get_untracked(),
            name: name.get_untracked(),
        };
        let navigate = navigate.clone();
        saved.set(false);
        leptos::task::spawn_local(async move {
            let outcome = if editing {
                let edit = UnitEdit {
                    before: baseline.get_value(),
                    after: input,
                };
                let path = format!("/admin/units/{}", encode(&edit.after.code));
                client::put::<_, OrgUnit>(&path, &edit).await.map(|_| {
                    saved.set(true);
                    version.update(|v| *v += 1);
                })
            } else {
                client::post::<_, OrgUnit>("/admin/units", &input)
                    .await
                    .map(|u| navigate(&unit_page(&u.code), Default::default()))
            };
            match outcome {
                Ok(()) => {
                    errors.set(Vec::new());
                    failure.set(None);
                }
                Err(ClientError::Api(e)) if !e.fields.is_empty() => {
                    errors.set(e.fields);
                    failure.set(None);
                }
                Err(e) => failure.set(t.try_get_untracked().map(|t| message(t, &e))),
            }
        });
    };
    let kinds = move || {
        OrgKind::ALL
            .into_iter()
            .map(|k| k.as_str())
            .map(|k| view! { <option value=k selected=move || kind.get() == k>{move || at.get().kind_name(k)}</option> })
            .collect_view()
    };
    let invalid =
        move |field: &'static str| move || field_error(errors, field)().is_some().to_string();
    view! {
        <form on:submit=on_submit novalidate>
            <label for="unit-code">{move || at.get().unit_code}</label>
            <input id="unit-code" autocomplete="off" required readonly=editing bind:value=code
                aria-invalid=invalid("code") aria-describedby="unit-code-error" />
            <p id="unit-code-error" class="field-error">{field_error(errors, "code")}</p>
            <label for="unit-name">{move || at.get().unit_name}</label>
            <input id="unit-name" autocomplete="off" required bind:value=name
                aria-invalid=invalid("name") aria-describedby="unit-name-error" />
            <p id="unit-name-error" class="field-error">{field_error(errors, "name")}</p>
            <label for="unit-kind">{move || at.get().unit_kind}</label>
            <select id="unit-kind" on:change=move |ev| kind.set(event_target_value(&ev))
                aria-invalid=invalid("kind") aria-describedby="unit-kind-error">{kinds}</select>
            <p id="unit-kind-error" class="field-error">{field_error(errors, "kind")}</p>
            <UnitPicker name="parent_code" chosen=parent label=Signal::derive(move || at.get().parent)
                described_by="unit-parent-error" />
            <p id="unit-parent-error" class="field-error">{field_error(errors, "parent_code")}</p>
            <p class="error" role="alert">{move || failure.get()}</p>
            <p class="saved" role="status">{move || saved.get().then(|| at.get().saved)}</p>
            <button type="submit" class="primary">
                {move || if editing { at.get().save } else { at.get().create }}
            </button>
        </form>
    }
}

#[component]
fn LineageForm(old_code: String, version: RwSignal<u32>) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let effective = RwSignal::new(String::new());
    let change = RwSignal::new("merge".to_string());
    let successor = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let old = StoredValue::new(old_code);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Typed day first; sent as the API takes it.
        let Some(day) = parse_date(&effective.get_untracked()) else {
            let message = at.get_untracked().pick_date;
            errors.set(vec![FieldMessage::new("effective", message)]);
            return;
        };
        let input = LineageInput {
            effective: day.to_string(),
            old_code: old.get_value(),
            new_code: successor.get_untracked().unwrap_or_default(),
            change: change.get_untracked(),
        };
        saved.set(false);
        leptos::task::spawn_local(async move {
            match client::post::<_, UnitDetail>("/admin/lineage", &input).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    failure.set(None);
                    saved.set(true);
                    version.update(|v| *v += 1);
                }
                Err(ClientError::Api(e)) if !e.fields.is_empty() => errors.set(e.fields),
                Err(e) => failure.set(t.try_get_untracked().map(|t| message(t, &e))),
            }
        });
    };
    let changes = move || {
        Change::ALL
            .into_iter()
            .map(|c| c.as_str())
            .map(|c| view! { <option value=c selected=move || change.get() == c>{move || at.get().change_type(c)}</option> })
            .collect_view()
    };
    view! {
        <form on:submit=on_submit novalidate>
            <p class="muted">{move || at.get().lineage_note}</p>
            <label for="lineage-effective">{move || at.get().effective}</label>
            <input id="lineage-effective" type="text" inputmode="numeric" autocomplete="off"
                placeholder=DATE_PATTERN required bind:value=effective
                aria-describedby="lineage-effective-error" />
            <p id="lineage-effective-error" class="field-error">{field_error(errors, "effective")}</p>
            <label for="lineage-change">{move || at.get().change_label}</label>
            <select id="lineage-change" on:change=move |ev| change.set(event_target_value(&ev))>{changes}</select>
            <p class="field-error">{field_error(errors, "change")}</p>
            <UnitPicker name="new_code" chosen=successor label=Signal::derive(move || at.get().successor)
                described_by="lineage-new-error" />
            <p id="lineage-new-error" class="field-error">{field_error(errors, "new_code")}</p>
            <p class="field-error">{field_error(errors, "old_code")}</p>
            <p class="error" role="alert">{move || failure.get()}</p>
            <p class="saved" role="status">{move || saved.get().then(|| at.get().saved)}</p>
            <button type="submit" class="primary">{move || at.get().record_lineage}</button>
        </form>
    }
}
