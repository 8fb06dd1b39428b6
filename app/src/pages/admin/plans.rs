//! "Kế hoạch": the plans issued in the administrator's scope, each with its periods and
//! deadlines, and rolled forward to another year under a new number; the way to a new one.

use super::form::{encode, field_error, message};
use super::texts::use_admin_texts;
use crate::api::{AdminPlan, FieldMessage, RollForward};
use crate::client::{self, ClientError};
use crate::format::date;
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;

#[component]
pub fn PlansPage() -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let plans = LocalResource::new(|| client::get::<Vec<AdminPlan>>("/admin/plans"));
    // Plans made here, shown above the list: reading the list again would reset every
    // card's form and message.
    let added = RwSignal::new(Vec::<AdminPlan>::new());
    view! {
        <header class="card">
            <h1>{move || at.get().plans}</h1>
            <p class="muted">{move || at.get().plans_note}</p>
            <p><a class="button primary" href="/quan-tri/ke-hoach/moi">{move || at.get().new_plan}</a></p>
        </header>
        {move || added.get().into_iter().map(|plan| view! { <PlanCard plan added /> }).collect_view()}
        {move || match plans.get() {
            None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
            Some(Ok(list)) => list
                .into_iter()
                .map(|plan| view! { <PlanCard plan added /> })
                .collect_view()
                .into_any(),
        }}
    }
}

#[component]
fn PlanCard(plan: AdminPlan, added: RwSignal<Vec<AdminPlan>>) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let year = RwSignal::new((plan.year + 1).to_string());
    let number = RwSignal::new(plan.number.clone());
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let failure = RwSignal::new(None::<String>);
    let made = RwSignal::new(None::<String>);
    let id = StoredValue::new(plan.id.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(target) = year.get_untracked().trim().parse::<i32>() else {
            errors.set(vec![FieldMessage::new(
                "year",
                at.get_untracked().year_number,
            )]);
            return;
        };
        let body = RollForward {
            year: target,
            number: number.get_untracked(),
        };
        let path = format!("/admin/plans/{}/roll-forward", encode(&id.get_value()));
        leptos::task::spawn_local(async move {
            match client::post::<_, AdminPlan>(&path, &body).await {
                Ok(new) => {
                    errors.set(Vec::new());
                    failure.set(None);
                    made.set(Some(format!("{} ({})", new.title, new.number)));
                    added.update(|list| list.insert(0, new));
                }
                Err(ClientError::Api(e)) if !e.fields.is_empty() => errors.set(e.fields),
                Err(e) => failure.set(t.try_get_untracked().map(|t| message(t, &e))),
            }
        });
    };
    let periods = plan
        .periods
        .iter()
        .map(|p| {
            let due = date(p.due_before);
            view! { <li><span lang="vi">{p.label.clone()}</span> " — " {move || at.get().due_before} " " {due.clone()}</li> }
        })
        .collect_view();
    view! {
        <section class="card admin-form" data-plan=plan.id.clone()>
            <h2 lang="vi">{plan.title.clone()}</h2>
            <p lang="vi">{plan.number.clone()} " · " {plan.issuer_name.clone()} " · " {plan.template.clone()}</p>
            <ul>{periods}</ul>
            <p class="standalone"><a href=format!("/quan-tri/ke-hoach/{}", encode(&plan.id))>{move || at.get().edit_plan}</a></p>
            <form class="filter admin-filter" on:submit=on_submit novalidate>
                <label>{move || at.get().roll_year}
                    <input inputmode="numeric" bind:value=year aria-describedby=format!("{}-error", plan.id) />
                </label>
                <label>{move || at.get().plan_number}
                    <input bind:value=number />
                </label>
                <button type="submit">{move || at.get().roll_forward}</button>
            </form>
            <p id=format!("{}-error", plan.id) class="field-error">{field_error(errors, "year")}</p>
            <p class="field-error">{field_error(errors, "number")}</p>
            <p class="error" role="alert">{move || failure.get()}</p>
            {move || made.get().map(|m| view! { <p class="notice" role="status">{move || at.get().rolled} " " <span lang="vi">{m.clone()}</span></p> })}
        </section>
    }
}
