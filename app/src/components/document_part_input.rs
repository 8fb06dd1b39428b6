//! One part of the report as a signed document (number, signing date, signer, title):
//! typed, kept and synced as a field is (`typed_slot`), with what does not parse yet kept
//! as a draft.

use crate::components::report_ctx::ReportCtx;
use crate::components::report_field::Conflicts;
use crate::components::typed_slot::typed_slot;
use crate::domain::document_part::DocumentPart;
use crate::format::DATE_PATTERN;
use crate::i18n::use_texts;
use crate::sync::Slot;
use leptos::prelude::*;

#[component]
pub fn DocumentPartInput(part: DocumentPart) -> impl IntoView {
    let t = use_texts();
    let ctx = expect_context::<ReportCtx>();
    let slot = Slot::Document(part);
    let code = slot.to_string();
    let id = format!("f-{code}");
    let parse = move |text: &str, texts: &crate::i18n::Catalogue| {
        part.parse_input(text, part.label(texts.lang))
            .map_err(|e| e.message(texts.lang))
    };
    let (typed, on_input) = typed_slot(slot, parse, move |v, _| part.shown(v));
    let label = move || part.label(t.get().lang);
    let messages_id = format!("{id}-msgs");
    let placeholder = (part == DocumentPart::SignedOn).then_some(DATE_PATTERN);
    let (value, error) = (typed.shown, typed.problem);
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
            <Conflicts code=code.clone() versions=typed.versions />
        </div>
    }
}
