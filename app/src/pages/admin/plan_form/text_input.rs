//! A text field of the plan itself (its number, its title).

use super::field_message::FieldMessage;
use super::form_state::Form;
use crate::api::PlanForm;
use leptos::prelude::*;

/// A text field of the plan, written into it as typed.
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
