//! How much evidence the unit attached to a criterion that asks for it, and a warning
//! while points above 0 are claimed without any.

use crate::domain::evaluation::{Item, Points};
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn EvidenceNote(item: Memo<Option<Item>>) -> impl IntoView {
    let t = use_texts();
    let et = move || EvaluationTexts::of(t.get().lang);
    let asks = item.with_untracked(|i| i.as_ref().is_some_and(|i| i.evidence));
    let files = move || item.with(|i| i.as_ref().map_or(0, |i| i.files));
    let missing = move || {
        item.with(|i| {
            i.as_ref()
                .is_some_and(|i| i.files == 0 && i.proposed.is_some_and(|p| p > Points::ZERO))
        })
    };
    asks.then(|| {
        view! {
            <p class="muted evidence" data-testid="evidence">
                {move || et().evidence_needed} " " {move || (et().evidence_count)(files())}
            </p>
            <Show when=missing>
                <p class="msg warning" role="status" data-testid="evidence-missing">{move || et().evidence_missing}</p>
            </Show>
        }
    })
}
