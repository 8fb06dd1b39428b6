//! The plan's number, title, date of issue, the hour of its automatic reminders and where
//! its issuer's own report goes.

use super::date_input::DateInput;
use super::form_state::Form;
use super::reminder_hour::ReminderHour;
use super::text_input::TextInput;
use super::upward::UpwardFields;
use crate::pages::admin::texts::use_admin_texts;
use leptos::prelude::*;

/// The number, title, date of issue, reminder hour and recipients, as both pages show them; the number
/// stays as it is once reports use it.
#[component]
pub(super) fn PlanHeading(form: Form, number_fixed: bool) -> impl IntoView {
    let at = use_admin_texts();
    let initial = form.plan.get_untracked();
    view! {
        <TextInput form field="number" label=Signal::derive(move || at.get().number_label)
            value=initial.number.clone() readonly=number_fixed set=|p, v| p.number = v />
        <TextInput form field="title" label=Signal::derive(move || at.get().plan_title)
            value=initial.title.clone() set=|p, v| p.title = v />
        <DateInput form field="issued_on".into() label=Signal::derive(move || at.get().issued_on)
            get=|p| Some(p.issued_on) set=|p, d| if let Some(d) = d { p.issued_on = d } />
        <ReminderHour form />
        <UpwardFields form />
    }
}
