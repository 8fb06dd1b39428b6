//! A remark of the unit, or the reviewer's reason, on one criterion of a self-assessment.

use crate::components::typed_slot::typed_slot;
use crate::domain::value::{check_text, Value};
use crate::format::without_direction_controls;
use crate::i18n::Catalogue;
use crate::sync::{ScoreSlot, Slot};
use leptos::prelude::*;

#[component]
pub fn ScoreText(
    place: ScoreSlot,
    /// The label, in the page's language.
    label: Signal<String>,
    enabled: Signal<bool>,
) -> impl IntoView {
    let id = format!("s-{}", place.to_string().replace(':', "-"));
    let msg_id = format!("{id}-msg");
    let parse = move |text: &str, texts: &Catalogue| {
        // Pasted from elsewhere, they would turn the text around.
        let text = without_direction_controls(text);
        check_text(&text, &label.get_untracked()).map_err(|e| e.message(texts.lang))?;
        Ok((!text.trim().is_empty()).then_some(Value::Text(text)))
    };
    let show = |v: &Value, _: &Catalogue| match v {
        Value::Text(text) => text.clone(),
        _ => String::new(),
    };
    let (typed, on_input) = typed_slot(Slot::Score(place), parse, show);
    let problem = typed.problem;
    view! {
        <div class="score-text">
            <label for=id.clone()>{label}</label>
            <textarea id=id.clone() rows="2" prop:value=typed.shown on:input=on_input
                disabled=move || !enabled.get() aria-describedby=msg_id.clone()></textarea>
            <div id=msg_id aria-live="polite">
                {move || problem.get().map(|p| view! { <p class="msg error">{p}</p> })}
            </div>
        </div>
    }
}
