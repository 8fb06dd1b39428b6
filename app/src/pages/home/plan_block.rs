//! A plan on the home page: each period's summary for a reviewer, the user's own reports.

use super::period_summary::PeriodSummary;
use super::unit_row::UnitPeriodRow;
use crate::api::PlanOverview;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn PlanBlock(plan: PlanOverview, scope: String) -> impl IntoView {
    let plan_id = plan.plan_id.clone();
    view! {
        <section class="card plan">
            <h2>
                <span class="muted">{tr(|t| t.plan)} " " {plan.number.clone()} " – "</span>
                <span lang="vi">{plan.title.clone()}</span>
            </h2>
            {plan
                .periods
                .into_iter()
                .map(|p| {
                    // A reviewer's own reports are several units' (their office's, their
                    // scope's): each row names its unit.
                    let named = p.tally.is_some();
                    let own = p
                        .units
                        .into_iter()
                        .map(|u| view! { <UnitPeriodRow plan_id=plan_id.clone() period=p.period.clone() unit=u named /> })
                        .collect_view();
                    let summary = p.tally.map(|tally| view! {
                        <PeriodSummary plan_id=plan_id.clone() period=p.period.clone() tally scope=scope.clone() />
                    });
                    view! { {summary} {own} }
                })
                .collect_view()}
        </section>
    }
}
