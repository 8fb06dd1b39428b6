//! The plan's periods and task sections, each list with its add button.

use super::field_message::FieldMessage;
use super::form_state::Form;
use super::period_row::PeriodRow;
use super::section_row::SectionRow;
use crate::api::SectionForm;
use crate::pages::admin::texts::use_admin_texts;
use leptos::prelude::*;

/// The periods and the task sections, each with its add button. `reported` names the
/// periods that have reports: they keep their code and cannot be removed.
#[component]
pub(super) fn PlanParts(form: Form, reported: Vec<String>) -> impl IntoView {
    let at = use_admin_texts();
    let reported = StoredValue::new(reported);
    let period_count = Memo::new(move |_| form.plan.with(|p| p.periods.len()));
    let section_count = Memo::new(move |_| form.plan.with(|p| p.sections.len()));
    view! {
        <fieldset>
            <legend>{move || at.get().periods}</legend>
            <FieldMessage form field="periods".into() />
            {move || {
                form.generation.track();
                (0..period_count.get()).map(|i| {
                    let has_reports = form.plan.with_untracked(|p| {
                        p.periods.get(i).is_some_and(|q| reported.with_value(|r| r.contains(&q.code)))
                    });
                    view! { <PeriodRow form i has_reports /> }
                }).collect_view()
            }}
            <button type="button" on:click=move |_| form.plan.update(|p| {
                let blank = p.blank_period();
                p.periods.push(blank);
            })>{move || at.get().add_period}</button>
        </fieldset>

        <fieldset>
            <legend>{move || at.get().sections}</legend>
            <FieldMessage form field="sections".into() />
            {move || {
                form.generation.track();
                (0..section_count.get()).map(|i| view! { <SectionRow form i /> }).collect_view()
            }}
            <button type="button" on:click=move |_| form.plan.update(|p| p.sections.push(SectionForm {
                title: String::new(),
                assignees: Vec::new(),
                tasks: vec![String::new()],
            }))>{move || at.get().add_section}</button>
        </fieldset>
    }
}
