//! In a self-assessment's files card: which criterion (or bonus item) the evidence being
//! added is for, among those that ask for evidence.

use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn EvidenceCriterion(
    /// (code, title) of each criterion that asks for evidence.
    options: StoredValue<Vec<(String, String)>>,
    /// The one chosen; `None`: evidence for no criterion.
    criterion: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let et = move || EvaluationTexts::of(t.get().lang);
    view! {
        <label for="file-criterion">{move || et().evidence_for}</label>
        <select id="file-criterion" data-testid="file-criterion"
            on:change=move |ev| {
                let code = event_target_value(&ev);
                criterion.set((!code.is_empty()).then_some(code));
            }
            prop:value=move || criterion.get().unwrap_or_default()>
            {options.with_value(|list| list.iter().map(|(code, title)| view! {
                <option value=code.clone() lang="vi">{title.clone()}</option>
            }).collect_view())}
            <option value="">{move || et().evidence_none}</option>
        </select>
    }
    // Its own type, not a part of the files card's (whose type would grow too deep).
    .into_any()
}
