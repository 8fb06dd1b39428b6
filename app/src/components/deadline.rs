//! A period's deadline as the plan words it, with the time left or overdue.

use crate::domain::plan::{days_left, Period};
use crate::domain::status::ReportStatus;
use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn Deadline(period: Period, status: ReportStatus) -> impl IntoView {
    let t = use_texts();
    let days = days_left(period.due_before, chrono::Utc::now());
    // Once the district has the report the countdown no longer matters.
    let countdown = (!status.is_submitted()).then(|| {
        let class = if days > 0 {
            "countdown"
        } else {
            "countdown overdue"
        };
        view! { <span class=class>{move || t.get().days_left(days)}</span> }
    });
    view! {
        <span class="deadline">{period.deadline_text()}</span>
        {countdown}
    }
}

#[component]
pub fn StatusBadge(status: ReportStatus) -> impl IntoView {
    let t = use_texts();
    view! { <span class=format!("status status-{}", status.as_str())>{move || t.get().status(status)}</span> }
}
