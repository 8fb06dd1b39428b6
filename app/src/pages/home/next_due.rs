//! The report a ward owes first, at the top of its home page.

use super::agenda::NextDue;
use super::unit_row::UnitPeriodRow;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn NextDueCard(next: NextDue) -> impl IntoView {
    let NextDue { plan, period, unit } = next;
    view! {
        <section class="card plan next-due" aria-labelledby="next-due">
            <h2 id="next-due">{tr(|t| t.due_next)}</h2>
            <p class="muted">
                {tr(|t| t.plan)} " " {plan.number} " – " <span lang="vi">{plan.title}</span>
            </p>
            <UnitPeriodRow plan_id=plan.plan_id period unit />
        </section>
    }
}
