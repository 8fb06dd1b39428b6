//! At the top of a consolidating report: how many of its units' reports its material
//! holds, and one action that starts every empty item from them (figures from the units'
//! sums, narratives from the starting draft), as ordinary edits of this device: at 11 p.m.
//! before the deadline, the report starts whole and is then corrected where needed.

use crate::components::material::Material;
use crate::components::report_ctx::ReportCtx;
use crate::device::engine::use_device;
use crate::domain::template::FieldKind;
use crate::domain::value::Value;
use crate::i18n::{tr, use_texts};
use crate::sync::{Slot, SlotState};
use leptos::prelude::*;

#[component]
pub fn FillFromUnits() -> impl IntoView {
    let material = use_context::<Material>()?;
    let ctx = expect_context::<ReportCtx>();
    let device = use_device();
    let t = use_texts();
    let counted = move || {
        material.with(|view| {
            view.map(|v| (v.units.iter().filter(|u| u.included).count(), v.units.len()))
        })
    };
    let filled = RwSignal::new(None::<usize>);
    let key = StoredValue::new(ctx.key.clone());
    let fill = move |_| {
        let (state, server) = (ctx.state, ctx.server);
        let shown = state.with_untracked(|s| s.values());
        let mut count = 0;
        material.with_untracked(|view| {
            let Some(view) = view else { return };
            for field in view.template.fields() {
                if shown.contains_key(&field.code) {
                    continue;
                }
                let value = match field.kind {
                    FieldKind::Derived(_) => None,
                    FieldKind::Text => view.draft.get(&field.code).cloned().map(Value::Text),
                    _ => view.totals.get(&field.code).cloned(),
                };
                let Some(value) = value else { continue };
                let slot = Slot::Field(field.code.clone());
                let base = server.with_untracked(|s| {
                    s.slots
                        .get(&field.code)
                        .map(SlotState::edit_base)
                        .unwrap_or_default()
                });
                key.with_value(|key| device.edit(key, &slot, Some(value), base));
                count += 1;
            }
        });
        filled.set(Some(count));
    };
    Some(view! {
        {move || counted().map(|(n, of)| view! {
            <section class="card from-units no-print" data-testid="from-units">
                <p>{(t.get().from_units)(n, of)}</p>
                <Show when=move || ctx.editable.get()>
                    <button type="button" on:click=fill>{tr(|t| t.from_units_fill)}</button>
                </Show>
                <p class="muted" aria-live="polite">
                    {move || filled.get().map(|n| (t.get().from_units_filled)(n))}
                </p>
            </section>
        })}
    })
}
