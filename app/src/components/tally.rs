//! How many of a subtree's expected reports are in hand, as a bar and as counts.

use crate::domain::progress::Tally;
use crate::i18n::tr;
use leptos::prelude::*;

/// The share of expected reports in hand.
#[component]
pub fn Bar(tally: Tally) -> impl IntoView {
    let percent = (tally.done_ratio() * 100.0).round() as u32;
    view! {
        <span class="bar" role="progressbar" aria-label=tr(|t| t.received_share) aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent>
            <span style=format!("width: {percent}%")></span>
        </span>
        <span class="bar-label">{percent} "%"</span>
    }
}

/// The counts in one sentence-like line: a reviewer's home page, and the progress page
/// on phones, where its columns are hidden.
#[component]
pub fn TallyLine(tally: Tally) -> impl IntoView {
    view! {
        <p class="tally" data-testid="tally">
            <span>{tr(|t| t.col_expected)} ": " <strong>{tally.expected}</strong></span>
            <span>{tr(|t| t.col_submitted)} ": " <strong>{tally.submitted}</strong></span>
            <span class="ok">{tr(|t| t.on_time)} ": " <strong>{tally.on_time}</strong></span>
            <span class="overdue">{tr(|t| t.late)} ": " <strong>{tally.late}</strong></span>
            <span class="overdue">{tr(|t| t.col_missing)} ": " <strong>{tally.missing}</strong></span>
            <span>{tr(|t| t.col_returned)} ": " <strong>{tally.returned}</strong></span>
            <span class="ok">{tr(|t| t.col_accepted)} ": " <strong>{tally.accepted}</strong></span>
        </p>
    }
}
