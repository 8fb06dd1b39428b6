//! A plan's form, as its administrator edits a stored plan ("Sửa kế hoạch") or makes a
//! new one ("Kế hoạch mới"): the number, title and dates, the periods with deadlines and
//! data ranges, the task sections with their assignees.

mod edit;
mod new;
mod period_row;
mod section_row;

pub use edit::EditPlanPage;
pub use new::NewPlanPage;

use super::form::error_at;
use super::texts::use_admin_texts;
use crate::api::{FieldMessage, PlanForm, SectionForm};
use crate::format::{parse_date, DATE_PATTERN};
use chrono::NaiveDate;
use leptos::prelude::*;
use period_row::PeriodRow;
use section_row::SectionRow;
use std::collections::BTreeMap;

/// What every part of the form reads and writes.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub plan: RwSignal<PlanForm>,
    pub errors: RwSignal<Vec<FieldMessage>>,
    /// Unit names by code, for the assignees.
    pub names: RwSignal<BTreeMap<String, String>>,
    /// Moves on when a save brings the server's form back: every row shows it afresh.
    pub generation: RwSignal<u32>,
}

impl Form {
    /// Changes period `i`, if it is still there.
    pub fn period(self, i: usize, change: impl FnOnce(&mut crate::domain::plan::Period)) {
        self.plan.update(|p| {
            if let Some(period) = p.periods.get_mut(i) {
                change(period);
            }
        });
    }

    /// Changes section `i`, if it is still there.
    pub fn section(self, i: usize, change: impl FnOnce(&mut SectionForm)) {
        self.plan.update(|p| {
            if let Some(section) = p.sections.get_mut(i) {
                change(section);
            }
        });
    }
}

/// The number, title and date of issue, as both pages show them; the number stays as it
/// is once reports use it.
#[component]
fn PlanHeading(form: Form, number_fixed: bool) -> impl IntoView {
    let at = use_admin_texts();
    let initial = form.plan.get_untracked();
    view! {
        <TextInput form field="number" label=Signal::derive(move || at.get().number_label)
            value=initial.number.clone() readonly=number_fixed set=|p, v| p.number = v />
        <TextInput form field="title" label=Signal::derive(move || at.get().plan_title)
            value=initial.title.clone() set=|p, v| p.title = v />
        <DateInput form field="issued_on".into() label=Signal::derive(move || at.get().issued_on)
            get=|p| Some(p.issued_on) set=|p, d| if let Some(d) = d { p.issued_on = d } />
    }
}

/// The periods and the task sections, each with its add button. `reported` names the
/// periods that have reports: they keep their code and cannot be removed.
#[component]
fn PlanParts(form: Form, reported: Vec<String>) -> impl IntoView {
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

/// The server's message for one field, tied to it by id (`{field}-error`).
#[component]
pub(super) fn FieldMessage(form: Form, field: String) -> impl IntoView {
    let id = format!("{field}-error");
    view! { <p id=id class="field-error">{error_at(form.errors, field)}</p> }
}

#[component]
pub(super) fn TextInput(
    form: Form,
    field: &'static str,
    label: Signal<&'static str>,
    value: String,
    set: fn(&mut PlanForm, String),
    #[prop(optional)] readonly: bool,
) -> impl IntoView {
    view! {
        <label>
            {move || label.get()}
            <input prop:value=value readonly=readonly aria-describedby=format!("{field}-error")
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.plan.update(|p| set(p, v));
                } />
        </label>
        <FieldMessage form field=field.to_string() />
    }
}

/// A date typed as dd/mm/yyyy, whatever the browser's language (a date input follows the
/// browser's and shows mm/dd/yyyy in many); what does not read as a date stays as typed,
/// named on save.
#[component]
pub(super) fn DateInput(
    form: Form,
    field: String,
    label: Signal<&'static str>,
    get: impl Fn(&PlanForm) -> Option<NaiveDate> + Send + Sync + 'static,
    set: impl Fn(&mut PlanForm, Option<NaiveDate>) + Send + Sync + 'static,
) -> impl IntoView {
    let at = use_admin_texts();
    let typed = RwSignal::new(None::<String>);
    let value = move || {
        typed.get().unwrap_or_else(|| {
            form.plan
                .with(|p| get(p))
                .map(crate::format::date)
                .unwrap_or_default()
        })
    };
    let name = field.clone();
    view! {
        <label>
            {move || label.get()}
            <input type="text" inputmode="numeric" autocomplete="off" placeholder=DATE_PATTERN
                prop:value=value aria-describedby=format!("{field}-error")
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let date = parse_date(&text);
                    form.errors.update(|list| list.retain(|e| e.field != name));
                    if date.is_none() {
                        let message = at.get_untracked().pick_date;
                        form.errors.update(|list| list.push(FieldMessage::new(&name, message)));
                    }
                    typed.set(date.is_none().then_some(text));
                    form.plan.update(|p| set(p, date));
                } />
        </label>
        <FieldMessage form field />
    }
}
