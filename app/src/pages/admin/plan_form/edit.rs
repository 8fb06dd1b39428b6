//! "Sửa kế hoạch": a stored plan's form, with the template version new reports start
//! on. Saved whole; refused when someone else saved first; a moved deadline asks first.

use super::field_message::FieldMessage;
use super::form_state::Form;
use super::heading::PlanHeading;
use super::parts::PlanParts;
use crate::api::{PlanEdit, PlanEditor, PlanForm};
use crate::client::{self, ClientError};
use crate::i18n::{tr, use_texts};
use crate::pages::admin::form::{encode, message};
use crate::pages::admin::texts::use_admin_texts;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn EditPlanPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let editor = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { client::get::<PlanEditor>(&format!("/admin/plans/{}", encode(&id))).await }
    });
    move || match editor.get() {
        None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
        Some(Ok(editor)) => view! { <PlanEditorForm editor /> }.into_any(),
    }
}

#[component]
fn PlanEditorForm(editor: PlanEditor) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let id = RwSignal::new(editor.id.clone());
    let before = RwSignal::new(editor.form.clone());
    let form = Form {
        plan: RwSignal::new(editor.form.clone()),
        errors: RwSignal::new(Vec::new()),
        names: RwSignal::new(editor.unit_names.clone()),
        generation: RwSignal::new(0),
    };
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let reported = !editor.reported_periods.is_empty();
    let navigate = StoredValue::new_local(use_navigate());
    let assigned_units = editor.assigned_units;
    // A changed deadline reaches every unit the plan asks a report of: said, and asked.
    let confirming = RwSignal::new(None::<Vec<String>>);
    let save = move || {
        confirming.set(None);
        let edit = PlanEdit {
            before: before.get_untracked(),
            after: form.plan.get_untracked(),
        };
        let path = format!("/admin/plans/{}", encode(&id.get_untracked()));
        let navigate = navigate.get_value();
        saving.set(true);
        saved.set(false);
        leptos::task::spawn_local(async move {
            let answer = client::put::<_, PlanEditor>(&path, &edit).await;
            // `try_set` hands the value back when the page was left meanwhile.
            if saving.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(editor) => {
                    form.errors.set(Vec::new());
                    failure.set(None);
                    saved.set(true);
                    if editor.id != id.get_untracked() {
                        navigate(
                            &format!("/quan-tri/ke-hoach/{}", encode(&editor.id)),
                            Default::default(),
                        );
                        return;
                    }
                    before.set(editor.form.clone());
                    form.plan.set(editor.form);
                    form.names.set(editor.unit_names);
                    form.generation.update(|g| *g += 1);
                }
                Err(ClientError::Api(e)) if !e.fields.is_empty() => {
                    failure.set(None);
                    form.errors.set(e.fields);
                }
                Err(e) => failure.set(t.try_get_untracked().map(|t| message(t, &e))),
            }
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let moved = form
            .plan
            .with_untracked(|after| before.with_untracked(|before| moved_deadlines(before, after)));
        if moved.is_empty() || confirming.get_untracked().is_some() {
            save();
        } else {
            confirming.set(Some(moved));
        }
    };
    let initial = form.plan.get_untracked();
    let versions = editor.template_versions.clone();
    view! {
        <p class="standalone"><a href="/quan-tri/ke-hoach">{move || at.get().plans}</a></p>
        <form class="card admin-form plan-form" on:submit=on_submit novalidate>
            <h1>{move || at.get().edit_plan}</h1>
            <p class="muted"><span lang="vi">{editor.issuer_name.clone()}</span> " · " {editor.year}</p>
            {reported.then(|| view! { <p class="notice">{move || at.get().reported_note}</p> })}
            <PlanHeading form number_fixed=reported />
            <label>
                {move || at.get().template_version}
                <select aria-describedby="template_version-error" on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                        form.plan.update(|p| p.template_version = v);
                    }
                }>
                    {versions.into_iter().map(|v| view! {
                        <option value=v.to_string() selected=v == initial.template_version>
                            {move || (at.get().version)(v)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <p class="muted">{move || at.get().template_version_note}</p>
            <FieldMessage form field="template_version".into() />

            <PlanParts form reported=editor.reported_periods.clone() />

            {move || confirming.get().map(|periods| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="deadline-confirm">
                    <p id="deadline-confirm">{move || (at.get().deadline_change)(&periods.join(", "), assigned_units)}</p>
                    <p class="actions">
                        <button type="button" class="primary" on:click=move |_| save()>{move || at.get().save_deadline}</button>
                        <button type="button" on:click=move |_| confirming.set(None)>{move || at.get().keep_editing}</button>
                    </p>
                </div>
            })}
            <p class="error" role="alert">{move || failure.get()}</p>
            {move || saved.get().then(|| view! { <p class="notice" role="status">{move || at.get().saved}</p> })}
            <button type="submit" disabled=move || saving.get()>
                {move || if saving.get() { at.get().saving } else { at.get().save }}
            </button>
        </form>
    }
}

/// The labels of the periods, kept from `before`, whose deadline `after` moves.
fn moved_deadlines(before: &PlanForm, after: &PlanForm) -> Vec<String> {
    after
        .periods
        .iter()
        .filter(|p| {
            before
                .periods
                .iter()
                .any(|b| b.code == p.code && b.due_before != p.due_before)
        })
        .map(|p| p.label.clone())
        .collect()
}
