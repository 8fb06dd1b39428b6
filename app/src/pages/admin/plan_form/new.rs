//! "Kế hoạch mới": a plan made in the page. Beside the form the editor shows, what a
//! plan keeps once made: who issues it and who its reports go to, its template, year,
//! place and signer. Saved whole, every refused field named; then opened in the editor.

use super::field_message::FieldMessage;
use super::form_state::Form;
use super::heading::PlanHeading;
use super::parts::PlanParts;
use super::section_row::WARDS;
use crate::api::{AdminPlan, NewPlan, PlanForm, SectionForm, TemplateChoice};
use crate::client::{self, ClientError};
use crate::device::engine::use_device;
use crate::domain::plan::{Signer, DEFAULT_REMINDER_HOUR};
use crate::format::ict;
use crate::i18n::{tr, use_texts, Language};
use crate::lang::Lang;
use crate::pages::admin::form::{encode, message};
use crate::pages::admin::texts::use_admin_texts;
use crate::pages::admin::unit_picker::UnitPicker;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewPlanPage() -> impl IntoView {
    let t = use_texts();
    let templates = LocalResource::new(|| client::get::<Vec<TemplateChoice>>("/admin/templates"));
    move || match templates.get() {
        None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
        Some(Ok(templates)) => view! { <NewPlanForm templates /> }.into_any(),
    }
}

/// A line of text the new plan keeps outside its form, with its message.
#[component]
fn HeaderInput(
    form: Form,
    field: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    view! {
        <label>
            {move || label.get()}
            <input bind:value=value inputmode=numeric.then_some("numeric")
                aria-describedby=format!("{field}-error") />
        </label>
        <FieldMessage form field=field.to_string() />
    }
}

#[component]
fn NewPlanForm(templates: Vec<TemplateChoice>) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let today = chrono::Utc::now().with_timezone(&ict()).date_naive();
    let first = templates.first().cloned();
    let form = Form {
        plan: RwSignal::new(PlanForm {
            number: String::new(),
            title: String::new(),
            issued_on: today,
            template_version: first.as_ref().map_or(1, |t| t.version),
            periods: Vec::new(),
            sections: vec![SectionForm {
                title: String::new(),
                assignees: vec![WARDS.to_string()],
                tasks: vec![String::new()],
            }],
            reminder_hour: Some(DEFAULT_REMINDER_HOUR),
            upward: Default::default(),
        }),
        errors: RwSignal::new(Vec::new()),
        names: RwSignal::new(Default::default()),
        generation: RwSignal::new(0),
    };
    form.plan.update(|p| {
        let period = p.blank_period();
        p.periods.push(period);
    });
    // The administrator's own unit issues most of their plans.
    let scope = use_device().me.get_untracked().map(|me| me.scope.code);
    let issuer = RwSignal::new(scope);
    let reports_to = RwSignal::new(None::<String>);
    let template = RwSignal::new(first.map(|t| t.id).unwrap_or_default());
    let year = RwSignal::new(today.year().to_string());
    let place = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let signer_title = RwSignal::new(String::new());
    let signer_name = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let navigate = StoredValue::new_local(use_navigate());
    let versions = StoredValue::new(templates.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(year) = year.get_untracked().trim().parse::<i32>() else {
            form.errors.set(vec![crate::api::FieldMessage::new(
                "year",
                at.get_untracked().year_number,
            )]);
            return;
        };
        let template = template.get_untracked();
        let mut plan = form.plan.get_untracked();
        if let Some(chosen) =
            versions.with_value(|list| list.iter().find(|t| t.id == template).cloned())
        {
            plan.template_version = chosen.version;
        }
        let new = NewPlan {
            issuer: issuer.get_untracked().unwrap_or_default(),
            reports_to: reports_to.get_untracked().unwrap_or_default(),
            template,
            year,
            place: place.get_untracked(),
            signer: Signer {
                capacity: capacity.get_untracked(),
                title: signer_title.get_untracked(),
                name: signer_name.get_untracked(),
            },
            form: plan,
        };
        let navigate = navigate.get_value();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let answer = client::post::<_, AdminPlan>("/admin/plans", &new).await;
            if saving.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(made) => navigate(
                    &format!("/quan-tri/ke-hoach/{}", encode(&made.id)),
                    Default::default(),
                ),
                Err(ClientError::Api(e)) if !e.fields.is_empty() => {
                    failure.set(None);
                    form.errors.set(e.fields);
                }
                Err(e) => failure.set(t.try_get_untracked().map(|t| message(t, &e))),
            }
        });
    };
    let lang = expect_context::<Language>().0;
    let template_name = move |choice: &TemplateChoice| match (lang.get(), &choice.title_en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => choice.title.clone(),
    };
    view! {
        <p class="standalone"><a href="/quan-tri/ke-hoach">{move || at.get().plans}</a></p>
        <form class="card admin-form plan-form" on:submit=on_submit novalidate>
            <h1>{move || at.get().new_plan}</h1>
            <p class="muted">{move || at.get().new_plan_note}</p>
            <UnitPicker name="issuer" chosen=issuer label=Signal::derive(move || at.get().plan_issuer)
                described_by="issuer-error" />
            <FieldMessage form field="issuer".into() />
            <UnitPicker name="reports_to" chosen=reports_to label=Signal::derive(move || at.get().plan_reports_to)
                described_by="reports_to-error" />
            <p class="muted">{move || at.get().plan_reports_to_note}</p>
            <FieldMessage form field="reports_to".into() />
            <label>
                {move || at.get().plan_template}
                <select aria-describedby="template-error"
                    on:change=move |ev| template.set(event_target_value(&ev))>
                    {templates.into_iter().map(|choice| {
                        let id = choice.id.clone();
                        let selected = id == template.get_untracked();
                        view! { <option value=id selected=selected>{move || template_name(&choice)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <FieldMessage form field="template".into() />
            <PlanHeading form number_fixed=false />
            <HeaderInput form field="year" label=Signal::derive(move || at.get().plan_year) value=year numeric=true />
            <HeaderInput form field="place" label=Signal::derive(move || at.get().plan_place) value=place />
            <fieldset>
                <legend>{move || at.get().signer}</legend>
                <HeaderInput form field="signer.capacity" label=Signal::derive(move || at.get().signer_capacity) value=capacity />
                <HeaderInput form field="signer.title" label=Signal::derive(move || at.get().signer_title) value=signer_title />
                <HeaderInput form field="signer.name" label=Signal::derive(move || at.get().signer_name) value=signer_name />
            </fieldset>
            <PlanParts form reported=Vec::new() />
            <p class="error" role="alert">{move || failure.get()}</p>
            <button type="submit" disabled=move || saving.get()>
                {move || if saving.get() { at.get().saving } else { at.get().create_plan }}
            </button>
        </form>
    }
}
