//! What keeps a self-assessment from being submitted or accepted, each linked to its
//! criterion (following a link puts the page there).

use crate::domain::evaluation::Gap;
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn GapList(
    gaps: RwSignal<Vec<Gap>>,
    heading: fn(&EvaluationTexts) -> &'static str,
) -> impl IntoView {
    let t = use_texts();
    move || {
        let lang = t.get().lang;
        let list = gaps.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="problems" role="alert" data-testid="gaps">
                    <p><strong>{heading(EvaluationTexts::of(lang))}</strong></p>
                    <ul>
                        {list.into_iter().map(|g| {
                            // `external`: the router would only scroll.
                            let href = format!("#c-{}", g.code());
                            view! { <li><a href=href rel="external">{g.text().get(lang).to_string()}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
