//! Where the issuer's own report goes, as its document names it: “Kính gửi” and “Nơi
//! nhận”, a body per line, and where the issuer files it.

use super::field_message::FieldMessage;
use super::form_state::Form;
use crate::domain::plan::Upward;
use crate::pages::admin::texts::use_admin_texts;
use leptos::prelude::*;

#[component]
pub(super) fn UpwardFields(form: Form) -> impl IntoView {
    let at = use_admin_texts();
    let initial = form.plan.with_untracked(|p| p.upward.clone());
    let list = |field: fn(&mut Upward) -> &mut Vec<String>| {
        move |ev| {
            let text = event_target_value(&ev);
            form.plan
                .update(|p| *field(&mut p.upward) = text.lines().map(str::to_string).collect());
        }
    };
    view! {
        <fieldset aria-describedby="upward-note upward-error">
            <legend>{move || at.get().upward}</legend>
            <p id="upward-note" class="muted">{move || at.get().upward_note}</p>
            <label>
                {move || at.get().upward_to}
                <textarea rows="2" prop:value=initial.to.join("\n")
                    on:input=list(|u| &mut u.to)></textarea>
            </label>
            <label>
                {move || at.get().upward_copies}
                <textarea rows="3" prop:value=initial.copies.join("\n")
                    on:input=list(|u| &mut u.copies)></textarea>
            </label>
            <label>
                {move || at.get().upward_filed}
                <input prop:value=initial.filed.clone() placeholder="VT"
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.plan.update(|p| p.upward.filed = v);
                    } />
            </label>
            <FieldMessage form field="upward".into() />
        </fieldset>
    }
}
