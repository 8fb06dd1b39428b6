//! Under each figure of a consolidating report: where its starting value comes from (the
//! sum, or the weighted mean, of its units' reports, from the report's material), the
//! button that takes it, and, once the figure differs from it, the reason for the
//! correction, kept in the report (`why:` and the field's code) as any value is: through
//! the outbox, merged, in the history.

use crate::components::material::Material;
use crate::components::report_ctx::ReportCtx;
use crate::components::report_field::shown_value;
use crate::device::{engine::use_device, storage};
use crate::domain::template::{Aggregate, Field};
use crate::domain::value::Value;
use crate::i18n::{tr, use_texts};
use crate::sync::{Slot, SlotState};
use leptos::prelude::*;

/// The source of the figure `field`; nothing outside a consolidating report, or for a
/// figure the units' reports do not add up to. `draft` is the figure's unparsed input,
/// which taking the sum replaces.
#[component]
pub fn FigureSource(field: Field, draft: RwSignal<Option<String>>) -> impl IntoView {
    let material = use_context::<Material>()?;
    let ctx = expect_context::<ReportCtx>();
    let device = use_device();
    let t = use_texts();
    let mean = matches!(field.aggregate, Aggregate::WeightedMean(_));
    let figure = Slot::Field(field.code.clone());
    let why = Slot::Correction(field.code.clone());
    let code = field.code.clone();
    // The units' figure, and how many of how many units' reports it counts.
    let source = Memo::new(move |_| {
        material.with(|view| {
            let view = view?;
            let total = view.totals.get(&code)?.clone();
            let counted = view.units.iter().filter(|u| u.included).count();
            Some((total, counted, view.units.len()))
        })
    });
    let current = current_value(ctx.slots.of(&figure.to_string()));
    let reason = current_value(ctx.slots.of(&why.to_string()));
    let differs = move || {
        source.with(|s| {
            s.as_ref()
                .is_some_and(|(total, ..)| current.with(|c| c.as_ref() != Some(total)))
        })
    };
    let corrected = move || differs() && current.with(Option::is_some);
    let (key, server, editable) = (ctx.key.clone(), ctx.server, ctx.editable);
    let base_of = move |slot: &Slot| {
        server.with_untracked(|s| {
            s.slots
                .get(&slot.to_string())
                .map(SlotState::edit_base)
                .unwrap_or_default()
        })
    };
    // Copied into the views that offer it: all it holds is copyable.
    let written = StoredValue::new((
        key.clone(),
        figure.clone(),
        device
            .me
            .get_untracked()
            .map(|m| m.username)
            .unwrap_or_default(),
    ));
    let take = move |_| {
        let Some((total, ..)) = source.get_untracked() else {
            return;
        };
        draft.set(None);
        written.with_value(|(key, figure, user)| {
            storage::keep_draft(user, &key.id(), &figure.to_string(), None);
            device.edit(key, figure, Some(total), base_of(figure));
        });
    };
    // The reason as typed, while it is the one kept (trailing spaces stay under the caret).
    let typed = RwSignal::new(None::<String>);
    let write_reason = {
        let why = why.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            let value = (!text.trim().is_empty()).then(|| Value::Text(text.trim().to_string()));
            if value != reason.get_untracked() {
                device.edit(&key, &why, value, base_of(&why));
            }
            typed.set(Some(text));
        }
    };
    let reason_text = move || {
        let kept = reason.with(|r| match r {
            Some(Value::Text(text)) => text.clone(),
            _ => String::new(),
        });
        typed
            .get()
            .filter(|text| text.trim() == kept)
            .unwrap_or(kept)
    };
    let id = format!("why-{}", field.code);
    let shown_reason = move || corrected() || reason.with(Option::is_some);
    Some(view! {
        {move || source.get().map(|(total, counted, of)| {
            let words = if mean { t.get().figure_mean } else { t.get().figure_sum };
            view! {
                <p class="figure-source muted" data-testid="figure-source">
                    {words(counted, of)} " "
                    <strong>{shown_value(&total, t.get().numbers)}</strong>
                    {move || (editable.get() && differs()).then(|| view! {
                        " " <button type="button" on:click=take>{tr(|t| t.figure_use)}</button>
                    })}
                </p>
            }
        })}
        <Show when=shown_reason>
            <div class="correction">
                <Show when=corrected>
                    <p class="msg">{tr(|t| t.figure_differs)}</p>
                </Show>
                <label for=id.clone()>{tr(|t| t.correction_reason)}</label>
                <input id=id.clone() type="text" autocomplete="off" maxlength="2000"
                    prop:value=reason_text on:input=write_reason.clone() disabled=move || !editable.get() />
                <Show when=move || corrected() && reason.with(Option::is_none)>
                    <p class="msg warning">{tr(|t| t.correction_reason_missing)}</p>
                </Show>
            </div>
        </Show>
    })
}

fn current_value(slot: Signal<SlotState>) -> Memo<Option<Value>> {
    Memo::new(move |_| slot.with(|s| s.current.as_ref().and_then(|c| c.value.clone())))
}
