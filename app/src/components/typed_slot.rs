//! The keystrokes of one input into one slot of the report being edited, for every input
//! that types a value (a template field, an evaluation's points). Each keystroke that
//! parses is an edit of the device (into its outbox before it is shown); one that does not
//! parse yet is kept as a draft on the device and shown as typed, with why it is not taken.

use crate::components::report_ctx::ReportCtx;
use crate::device::{engine::use_device, storage};
use crate::domain::value::Value;
use crate::i18n::{use_texts, Catalogue};
use crate::sync::{Slot, SlotState};
use leptos::prelude::*;

/// What an input shows and does.
pub struct TypedSlot {
    /// What the input shows: a draft that does not parse, else the text as typed while it
    /// means the current value, else the current value as the language writes it.
    pub shown: Signal<String>,
    /// Why what was typed is not taken yet, in the page's language.
    pub problem: RwSignal<Option<String>>,
    /// What was typed and does not parse yet (kept on the device): a value set otherwise
    /// than by typing clears it.
    pub draft: RwSignal<Option<String>>,
    /// The slot's versions: its current value and those in conflict with it.
    pub versions: Signal<SlotState>,
}

/// Wires an input to `slot`. `parse` reads what was typed as the slot's value (`None`: the
/// input was emptied), or says in the page's language why it is not one; `show` writes a
/// value as the language does.
pub fn typed_slot<P, S>(
    slot: Slot,
    parse: P,
    show: S,
) -> (TypedSlot, impl Fn(leptos::ev::Event) + Clone + 'static)
where
    P: Fn(&str, &Catalogue) -> Result<Option<Value>, String> + Clone + Send + Sync + 'static,
    S: Fn(&Value, &Catalogue) -> String + Send + Sync + 'static,
{
    let t = use_texts();
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    let key = ctx.key.clone();
    let slot_key = slot.to_string();
    let user = device
        .me
        .get_untracked()
        .map(|m| m.username)
        .unwrap_or_default();
    // What was typed but does not parse yet: kept on the device, shown instead of the value.
    let draft = RwSignal::new(storage::drafts(&user, &key.id()).get(&slot_key).cloned());
    // What was last typed, shown as typed while it means the current value: rewritten from
    // the value, `95,` would lose its comma (and `95,5` become `955`) and `39.0` its mark,
    // and the caret would jump to the end.
    let typed = RwSignal::new(None::<String>);
    let slots = ctx.slots;
    let versions = slots.of(&slot_key);
    let current = move || versions.with(|s| s.current.as_ref().and_then(|c| c.value.clone()));
    let current_untracked =
        move || versions.with_untracked(|s| s.current.as_ref().and_then(|c| c.value.clone()));
    let problem = RwSignal::new(None::<String>);
    let server = ctx.server;
    let parse_typed = parse.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let base = server.with_untracked(|s| {
            s.slots
                .get(&slot_key)
                .map(SlotState::edit_base)
                .unwrap_or_default()
        });
        let parsed = parse_typed(&text, t.get_untracked());
        let unparsed = parsed.as_ref().err().cloned();
        // The stored drafts change only when this slot's draft comes or goes.
        if unparsed.is_some() || draft.get_untracked().is_some() {
            let kept = unparsed.is_some().then_some(text.as_str());
            storage::keep_draft(&user, &key.id(), &slot_key, kept);
        }
        // A keystroke that leaves the value as it is (`95` to `95,`) is no edit: the
        // history would show `95 → 95`.
        match parsed {
            Ok(value) if value != current_untracked() => {
                device.edit(&key, &slot, value, base);
                // What the input shows next compares the text with the value just typed.
                slots.refresh();
            }
            _ => {}
        }
        // Set only when changed: each set re-renders the input.
        typed.set(Some(text.clone()));
        let shown = unparsed.is_some().then_some(text);
        if draft.with_untracked(|d| *d != shown) {
            draft.set(shown);
        }
        if problem.with_untracked(|e| *e != unparsed) {
            problem.set(unparsed);
        }
    };
    let shown = Signal::derive(move || {
        let texts = t.get();
        let current = current();
        let as_typed = typed
            .get()
            .filter(|text| parse(text, texts).ok().flatten() == current);
        draft
            .get()
            .or(as_typed)
            .unwrap_or_else(|| current.as_ref().map(|v| show(v, texts)).unwrap_or_default())
    });
    (
        TypedSlot {
            shown,
            problem,
            draft,
            versions,
        },
        on_input,
    )
}
