//! A reviewer's line for one period.

use crate::api::{consolidation_path, progress_path, Basis};
use crate::components::deadline::Deadline;
use crate::components::tally::{Bar, TallyLine};
use crate::domain::plan::Period;
use crate::domain::progress::Tally;
use crate::i18n::tr;
use leptos::prelude::*;

/// Where the reports the subtree owes stand, with the way to their progress and their
/// consolidation. One line whatever the subtree's size.
#[component]
pub fn PeriodSummary(
    plan_id: String,
    period: Period,
    tally: Tally,
    scope: String,
) -> impl IntoView {
    let code = period.code.clone();
    let progress = progress_path(&plan_id, &code, None);
    let consolidation = consolidation_path(&plan_id, &code, &scope, Basis::default());
    view! {
        <div class="period-summary" data-period=code.clone()>
            <h3>
                <span lang="vi">{period.label.clone()}</span> " "
                <Deadline due_before=period.due_before done=tally.missing + tally.returned == 0 />
            </h3>
            <p><Bar tally /></p>
            <TallyLine tally />
            // `external`: the review pages are in the reviewers' build, which the server
            // sends with them (the ward's build, this page's, has none).
            <p class="actions">
                <a class="button" href=progress rel="external">{tr(|t| t.follow_progress)}</a>
                <a class="button" href=consolidation rel="external">{tr(|t| t.consolidate)}</a>
            </p>
        </div>
    }
}
