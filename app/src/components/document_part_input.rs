//! One part of the report as a signed document (number, signing date, signer, title):
//! typed, kept and synced as a field is, with what does not parse yet kept as a draft.

use crate::components::report_ctx::ReportCtx;
use crate::components::report_field::Conflicts;
use crate::device::{engine::use_device, storage};
use crate::domain::document_part::DocumentPart;
use crate::format::DATE_PATTERN;
use crate::i18n::use_texts;
use crate::sync::{Slot, SlotState};
use leptos::prelude::*;

#[component]
pub fn DocumentPartInput(part: DocumentPart) -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    let slot = Slot::Document(part);
    let code = slot.to_string();
    let id = format!("f-{code}");
    let user = device
        .me
        .get_untracked()
        .map(|m| m.username)
        .unwrap_or_default();
    let report_id = ctx.key.id();
    let draft = RwSignal::new(storage::drafts(&user, &report_id).get(&code).cloned());
    // Shown as typed while it means the current value: rewritten from the value, a
    // trailing space of a name being typed would vanish under the caret.
    let typed = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let state = ctx.state;
    let slot_code = code.clone();
    let versions =
        Memo::new(move |_| state.with(|s| s.slots.get(&slot_code).cloned().unwrap_or_default()));
    let current = move || versions.with(|s| s.current.as_ref().and_then(|c| c.value.clone()));
    let label = move || part.label(t.get().lang);
    let parse = move |text: &str| part.parse_input(text, label());
    let (key, server) = (ctx.key.clone(), ctx.server);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let parsed = parse(&text);
        let unparsed = parsed
            .as_ref()
            .err()
            .map(|e| e.message(t.get_untracked().lang));
        if unparsed.is_some() || draft.get_untracked().is_some() {
            let kept = unparsed.is_some().then_some(text.as_str());
            storage::keep_draft(&user, &key.id(), &slot.to_string(), kept);
        }
        if let Ok(value) = parsed {
            if value
                != versions.with_untracked(|s| s.current.as_ref().and_then(|c| c.value.clone()))
            {
                let base = server.with_untracked(|s| {
                    s.slots
                        .get(&slot.to_string())
                        .map(SlotState::edit_base)
                        .unwrap_or_default()
                });
                device.edit(&key, &slot, value, base);
            }
        }
        typed.set(Some(text.clone()));
        draft.set(unparsed.is_some().then_some(text));
        error.set(unparsed);
    };
    let value = move || {
        let current = current();
        let as_typed = typed
            .get()
            .filter(|text| parse(text).ok().flatten() == current);
        draft
            .get()
            .or(as_typed)
            .unwrap_or_else(|| current.map(|v| part.shown(&v)).unwrap_or_default())
    };
    let messages_id = format!("{id}-msgs");
    let placeholder = (part == DocumentPart::SignedOn).then_some(DATE_PATTERN);
    view! {
        <div class="field" data-field=code.clone()>
            <label for=id.clone()>{label}</label>
            <input id=id type="text" name=code.clone() autocomplete="off"
                maxlength=part.max_chars().to_string()
                placeholder=placeholder
                inputmode=(part == DocumentPart::SignedOn).then_some("numeric")
                prop:value=value on:input=on_input disabled=move || !ctx.editable.get()
                aria-describedby=messages_id.clone() />
            <div id=messages_id aria-live="polite">
                {move || error.get().map(|m| view! { <p class="msg error">{m}</p> })}
            </div>
            <Conflicts code=code.clone() versions />
        </div>
    }
}
