//! The totals of a self-assessment and the grade they give, as the unit types: the total
//! it proposes and, once the reviewer decides, the total after review.

use crate::components::report_ctx::ReportCtx;
use crate::domain::evaluation::Points;
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn AssessmentTotals() -> impl IntoView {
    let t = use_texts();
    let ctx = expect_context::<ReportCtx>();
    let (assessment, criteria) = (ctx.assessment, ctx.criteria);
    // (proposed, reviewed once anything is decided, not graded with the reason why).
    let totals = Memo::new(move |_| {
        assessment.with(|a| {
            let a = a.as_ref()?;
            criteria.with_value(|set| {
                let set = set.as_ref()?;
                let decided = a.items().any(|i| i.decided.is_some());
                let grade = |total: Points| set.grade(total).map(|g| g.label.clone());
                let proposed = a.proposed_total(set);
                let reviewed = decided.then(|| (a.total(set), grade(a.total(set))));
                let ineligible = a
                    .ineligible
                    .clone()
                    .map(|why| (set.ineligible.label.clone(), why));
                Some(((proposed, grade(proposed)), reviewed, ineligible))
            })
        })
    });
    let row = move |label: &'static str, total: Points, grade: Option<String>, id: &'static str| {
        let numbers = t.get().numbers;
        let et = EvaluationTexts::of(t.get().lang);
        view! {
            <div class="total" data-testid=id>
                <dt>{label}</dt>
                <dd>
                    <strong>{total.shown(numbers)}</strong> " " {et.points_unit} " · " {et.grade} ": "
                    <span lang="vi">{grade.unwrap_or_else(|| et.no_grade.to_string())}</span>
                </dd>
            </div>
        }
    };
    move || {
        let et = EvaluationTexts::of(t.get().lang);
        totals.get().map(|((proposed, grade), reviewed, ineligible)| {
            view! {
                <section class="card assessment-totals" aria-live="polite">
                    <dl>
                        {row(et.proposed_total, proposed, grade, "proposed-total")}
                        {reviewed.map(|(total, grade)| row(et.decided_total, total, grade, "decided-total"))}
                    </dl>
                    {ineligible.map(|(label, why)| view! {
                        <p class="overdue" data-testid="ineligible" lang="vi"><strong>{label}</strong> ": " {why}</p>
                    })}
                </section>
            }
        })
    }
}
