//! A date of the plan, typed as dd/mm/yyyy.

use super::field_message::FieldMessage;
use super::form_state::Form;
use crate::api::{FieldMessage as Message, PlanForm};
use crate::format::{parse_date, DATE_PATTERN};
use crate::pages::admin::texts::use_admin_texts;
use chrono::NaiveDate;
use leptos::prelude::*;

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
                        form.errors.update(|list| list.push(Message::new(&name, message)));
                    }
                    typed.set(date.is_none().then_some(text));
                    form.plan.update(|p| set(p, date));
                } />
        </label>
        <FieldMessage form field />
    }
}
