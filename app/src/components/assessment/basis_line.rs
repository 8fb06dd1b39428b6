//! The figures a computed criterion used, as the unit reads them beside its points.

use crate::domain::evaluation::scoring::Basis;
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn BasisLine(basis: Basis) -> impl IntoView {
    let t = use_texts();
    let line = move || {
        let texts = t.get();
        let et = EvaluationTexts::of(texts.lang);
        let figure = |n: Option<u64>| {
            n.map_or_else(|| et.no_figure.to_string(), |n| texts.numbers.integer(n))
        };
        match &basis {
            Basis::Ratio {
                numerator,
                denominator,
            } => (et.basis_ratio)(&figure(*numerator), &figure(*denominator)),
            Basis::Count { value } => (et.basis_count)(&figure(*value)),
            Basis::Reports {
                on_time,
                late,
                missing,
            } => (et.basis_reports)(*on_time, *late, *missing),
        }
    };
    view! { <p class="muted basis" data-testid="basis">{line}</p> }
}
