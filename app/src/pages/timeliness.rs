//! The timeliness grid: for each unit of the subtree, on time / late / returned / missing
//! in every reporting period, oldest first.

use crate::api::{timeliness_api_path, TimelinessView, UNIT_QUERY};
use crate::client::ClientError;
use crate::components::signed_in::SignedIn;
use crate::device::fetched::use_fetched;
use crate::domain::plan::days_left;
use crate::domain::progress::Standing;
use crate::i18n::{tr, use_texts, Pick};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TimelinessPage() -> impl IntoView {
    let query = use_query_map();
    let path = Memo::new(move |_| timeliness_api_path(query.get().get(UNIT_QUERY).as_deref()));
    let data = use_fetched::<TimelinessView>(path);
    view! {
        <SignedIn render=move |_| move || match data.get() {
            None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
            Some(Ok(view)) => view! { <Grid view /> }.into_any(),
            Some(Err(ClientError::Api(e))) => view! { <p class="error">{e.message}</p> }.into_any(),
            Some(Err(_)) => view! { <p class="error">{tr(|t| t.not_on_device)}</p> }.into_any(),
        } />
    }
}

/// A cell's mark, its class and what it means.
fn mark(standing: Option<Standing>, due_passed: bool) -> (&'static str, &'static str, Pick) {
    match standing {
        None => ("", "none", |t| t.not_expected),
        Some(Standing::Submitted { on_time: true } | Standing::Accepted { on_time: true }) => {
            ("✓", "ok", |t| t.on_time)
        }
        Some(Standing::Submitted { .. } | Standing::Accepted { .. }) => ("T", "late", |t| t.late),
        Some(Standing::Returned) => ("↩", "returned", |t| t.col_returned),
        Some(Standing::Missing) if due_passed => ("✗", "missing", |t| t.col_missing),
        Some(Standing::Missing) => ("…", "pending", |t| t.not_due),
    }
}

#[component]
fn Grid(view: TimelinessView) -> impl IntoView {
    let t = use_texts();
    let now = chrono::Utc::now();
    let passed: Vec<bool> = view
        .columns
        .iter()
        .map(|c| days_left(c.period.due_before, now) <= 0)
        .collect();
    let head = view
        .columns
        .iter()
        .map(|c| {
            let title = format!(
                "{} – {} ({})",
                c.period.label,
                c.plan_number,
                c.period.deadline_text()
            );
            view! { <th class="period" title=title>{c.period.code.clone()}</th> }
        })
        .collect_view();
    let legend = [Some(Standing::Submitted { on_time: true }), Some(Standing::Submitted { on_time: false }), Some(Standing::Returned), Some(Standing::Missing)]
        .into_iter()
        .map(|s| mark(s, true))
        .chain([mark(Some(Standing::Missing), false)])
        .map(|(sign, class, pick)| view! { <span class=format!("cell {class}")>{sign}</span> " " {tr(pick)} })
        .collect_view();
    let rows = view
        .rows
        .into_iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&passed)
                .map(|(s, due_passed)| {
                    let (sign, class, pick) = mark(*s, *due_passed);
                    view! { <td class=format!("cell {class}") title=move || pick(t.get())>{sign}</td> }
                })
                .collect_view();
            view! { <tr data-unit=row.unit_code.clone()><th scope="row">{row.unit_name.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <p class="no-print"><a href="/">{tr(|t| t.back_home)}</a></p>
        <header class="card">
            <h1>{tr(|t| t.timeliness_title)} ": " {view.unit.name.clone()}</h1>
            <p class="legend">{legend}</p>
        </header>
        <section class="card">
            <div class="table-wrap">
                <table class="timeliness" data-testid="timeliness">
                    <thead><tr><th>{tr(|t| t.unit)}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
