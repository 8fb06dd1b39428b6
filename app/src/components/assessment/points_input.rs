//! Points typed into a self-assessment: claimed by the unit or decided by the reviewer,
//! `7,5` or `7.5`, within the item's maximum and by its step.

use crate::components::typed_slot::typed_slot;
use crate::domain::evaluation::points::parse_points;
use crate::domain::evaluation::Points;
use crate::domain::value::Value;
use crate::i18n::Catalogue;
use crate::sync::{ScoreSlot, Slot};
use leptos::prelude::*;

#[component]
pub fn PointsInput(
    place: ScoreSlot,
    /// The label, in the page's language.
    label: Signal<String>,
    max: Points,
    step: Option<Points>,
    enabled: Signal<bool>,
) -> impl IntoView {
    let id = format!("s-{}", place.to_string().replace(':', "-"));
    let msg_id = format!("{id}-msg");
    let parse = move |text: &str, texts: &Catalogue| {
        parse_points(text, &label.get_untracked(), max, step)
            .map(|p| p.map(Value::Points))
            .map_err(|e| e.message(texts.lang))
    };
    let show = |v: &Value, texts: &Catalogue| match v {
        Value::Points(p) => p.shown(texts.numbers),
        _ => String::new(),
    };
    let (typed, on_input) = typed_slot(Slot::Score(place), parse, show);
    let problem = typed.problem;
    view! {
        <div class="points">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" inputmode="decimal" autocomplete="off" class="points-input"
                prop:value=typed.shown on:input=on_input disabled=move || !enabled.get()
                aria-describedby=msg_id.clone() />
            <div id=msg_id aria-live="polite">
                {move || problem.get().map(|p| view! { <p class="msg error">{p}</p> })}
            </div>
        </div>
    }
}
