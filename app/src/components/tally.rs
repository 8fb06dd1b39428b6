//! How many of a subtree's expected reports are in hand, as a bar and as counts.

use crate::domain::progress::Tally;
use crate::i18n::{tr, use_texts};
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
    let t = use_texts();
    let n = move |count: u64| move || t.get().numbers.integer(count);
    view! {
        <p class="tally" data-testid="tally">
            <span>{tr(|t| t.col_expected)} ": " <strong>{n(tally.expected as u64)}</strong></span>
            <span>{tr(|t| t.col_submitted)} ": " <strong>{n(tally.submitted as u64)}</strong></span>
            <span class="ok">{tr(|t| t.on_time)} ": " <strong>{n(tally.on_time as u64)}</strong></span>
            <span class="overdue">{tr(|t| t.late)} ": " <strong>{n(tally.late as u64)}</strong></span>
            <span class="overdue">{tr(|t| t.col_missing)} ": " <strong>{n(tally.missing as u64)}</strong></span>
            <span>{tr(|t| t.col_returned)} ": " <strong>{n(tally.returned as u64)}</strong></span>
            <span class="ok">{tr(|t| t.col_accepted)} ": " <strong>{n(tally.accepted as u64)}</strong></span>
        </p>
    }
}
