//! The self-assessment in place of a report's form: the totals, a card per criterion,
//! the bonus items, and the reviewer's choice not to grade.

use super::assessment_totals::AssessmentTotals;
use super::criterion_card::CriterionCard;
use super::ineligible_choice::IneligibleChoice;
use crate::components::report_ctx::ReportCtx;
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn AssessmentForm() -> impl IntoView {
    let t = use_texts();
    let ctx = expect_context::<ReportCtx>();
    let et = move || EvaluationTexts::of(t.get().lang);
    let (criteria, bonus): (Vec<String>, Vec<String>) = ctx.criteria.with_value(|set| {
        set.as_ref().map_or_else(Default::default, |s| {
            (
                s.criteria.iter().map(|c| c.code.clone()).collect(),
                s.bonus.iter().map(|b| b.code.clone()).collect(),
            )
        })
    });
    view! {
        <AssessmentTotals />
        <form class="assessment" on:submit=|ev| ev.prevent_default()>
            <section>
                <h2 class="section-title">{move || et().criteria}</h2>
                <ol class="criteria">
                    {criteria.into_iter().map(|code| view! { <CriterionCard code /> }).collect_view()}
                </ol>
            </section>
            {(!bonus.is_empty()).then(|| view! {
                <section>
                    <h2 class="section-title">{move || et().bonus}</h2>
                    <p class="muted">{move || et().bonus_note}</p>
                    <ol class="criteria">
                        {bonus.into_iter().map(|code| view! { <CriterionCard code /> }).collect_view()}
                    </ol>
                </section>
            })}
        </form>
        <IneligibleChoice />
    }
    .into_any()
}
