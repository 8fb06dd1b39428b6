//! The hour of a plan's automatic reminders (`domain::reminder_rule`), or none.

use super::field_message::FieldMessage;
use super::form_state::Form;
use crate::pages::admin::texts::use_admin_texts;
use leptos::prelude::*;

/// The hour of the plan's automatic reminders, or none.
#[component]
pub(super) fn ReminderHour(form: Form) -> impl IntoView {
    let at = use_admin_texts();
    let chosen = form.plan.with_untracked(|p| p.reminder_hour);
    let choose = move |ev| {
        let hour = event_target_value(&ev).parse::<u8>().ok();
        form.plan.update(|p| p.reminder_hour = hour);
    };
    view! {
        <label>
            {move || at.get().reminder_hour}
            <select aria-describedby="reminder_hour-note reminder_hour-error" on:change=choose>
                <option value="" selected=chosen.is_none()>{move || at.get().no_reminders}</option>
                {(0..24u8).map(|hour| view! {
                    <option value=hour.to_string() selected=chosen == Some(hour)>{format!("{hour:02}:00")}</option>
                }).collect_view()}
            </select>
        </label>
        <p id="reminder_hour-note" class="muted">{move || at.get().reminder_hour_note}</p>
        <FieldMessage form field="reminder_hour".into() />
    }
}
