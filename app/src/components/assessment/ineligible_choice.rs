//! The reviewer's choice to leave a unit without a grade, for one of the set's reasons
//! ("Không đủ điều kiện xếp loại"), or to grade it.

use crate::components::report_ctx::ReportCtx;
use crate::device::engine::use_device;
use crate::domain::value::Value;
use crate::i18n::{use_texts, EvaluationTexts};
use crate::sync::{ScoreSlot, Slot, SlotState};
use leptos::prelude::*;

#[component]
pub fn IneligibleChoice() -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    let Some((label, reasons)) = ctx.criteria.with_value(|set| {
        set.as_ref()
            .map(|s| (s.ineligible.label.clone(), s.ineligible.reasons.clone()))
    }) else {
        return ().into_any();
    };
    let slot = Slot::Score(ScoreSlot::Ineligible);
    let slot_key = slot.to_string();
    let chosen = Memo::new(move |_| {
        ctx.assessment
            .with(|a| a.as_ref().and_then(|a| a.ineligible.clone()))
            .unwrap_or_default()
    });
    let key = ctx.key.clone();
    let choose = move |ev: leptos::ev::Event| {
        let reason = event_target_value(&ev);
        let value = (!reason.is_empty()).then_some(Value::Text(reason));
        let base = ctx.server.with_untracked(|s| {
            s.slots
                .get(&slot_key)
                .map(SlotState::edit_base)
                .unwrap_or_default()
        });
        device.edit(&key, &slot, value, base);
    };
    let et = move || EvaluationTexts::of(t.get().lang);
    view! {
        <Show when=move || ctx.deciding.get()>
            <section class="card ineligible">
                <label for="ineligible">{move || et().ineligible_choice}</label>
                <select id="ineligible" on:change=choose.clone() prop:value=move || chosen.get()>
                    <option value="">{move || et().eligible}</option>
                    {reasons.iter().map(|r| view! {
                        <option value=r.clone() lang="vi">{label.clone()} ": " {r.clone()}</option>
                    }).collect_view()}
                </select>
            </section>
        </Show>
    }
    .into_any()
}
