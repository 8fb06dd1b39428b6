//! A period's deadline as the plan words it, with the time left or overdue.

use crate::domain::plan::days_left;
use crate::domain::status::ReportStatus;
use crate::i18n::use_texts;
use leptos::prelude::*;

/// `done`: the report is in; the countdown no longer matters.
#[component]
pub fn Deadline(due_before: chrono::NaiveDate, #[prop(optional)] done: bool) -> impl IntoView {
    let t = use_texts();
    let days = days_left(due_before, chrono::Utc::now());
    let countdown = (!done).then(|| {
        let class = if days > 0 {
            "countdown"
        } else {
            "countdown overdue"
        };
        view! { " " <span class=class>{move || t.get().days_left(days)}</span> }
    });
    view! {
        <span class="deadline">{move || t.get().due(due_before)}</span>
        {countdown}
    }
}

#[component]
pub fn StatusBadge(status: ReportStatus) -> impl IntoView {
    let t = use_texts();
    view! { <span class=format!("status status-{}", status.as_str())>{move || status.label_in(t.get().lang)}</span> }
}
