//! The timeliness grid: for each unit of the subtree, on time / late / returned / missing
//! in every reporting period, oldest first.

use crate::api::{
    report_path, timeliness_api_path, timeliness_page_path, TimelinessQuery, TimelinessView,
    FILTER_QUERY, PAGE_QUERY, TIMELINESS_ROUTE, UNIT_QUERY,
};
use crate::client::ClientError;
use crate::components::former_unit::FormerUnitName;
use crate::components::refused::Refused;
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
    let path = Memo::new(move |_| {
        let q = query.get();
        timeliness_api_path(&TimelinessQuery {
            unit: q.get(UNIT_QUERY),
            page: q.get(PAGE_QUERY).and_then(|p| p.parse().ok()),
            q: q.get(FILTER_QUERY),
        })
    });
    let data = use_fetched::<TimelinessView>(path);
    view! {
        <SignedIn render=move |_| move || match data.get() {
            None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
            Some(Ok(view)) => {
                let q = query.get_untracked();
                let filter = q.get(FILTER_QUERY).unwrap_or_default();
                let unit = q.get(UNIT_QUERY);
                view! { <Grid view filter unit /> }.into_any()
            }
            Some(Err(ClientError::Api(e))) => view! { <Refused message=e.message /> }.into_any(),
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
fn Grid(view: TimelinessView, filter: String, unit: Option<String>) -> impl IntoView {
    let t = use_texts();
    let now = chrono::Utc::now();
    let passed: Vec<bool> = view
        .columns
        .iter()
        .map(|c| days_left(c.period.due_before, now) <= 0)
        .collect();
    // Each column is named by its plan and its period's label: two plans' "2017-Q1" are
    // two columns (labels are data, Vietnamese: `lang`).
    let head = view
        .columns
        .iter()
        .map(|c| {
            let due = c.period.due_before;
            view! {
                <th class="period" scope="col" data-plan=c.plan_id.clone() data-period=c.period.code.clone()>
                    <span class="plan-number">{c.plan_number.clone()}</span>
                    <span class="period-label" lang="vi">{c.period.label.clone()}</span>
                    <span class="due">{move || t.get().due(due)}</span>
                </th>
            }
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
            // Each cell opens the report it stands for.
            let cells = row
                .cells
                .iter()
                .zip(&view.columns)
                .zip(&passed)
                .map(|((s, column), due_passed)| {
                    let (sign, class, pick) = mark(*s, *due_passed);
                    let link = s.is_some().then(|| {
                        let href = report_path(&column.plan_id, &column.period.code, &row.unit_code);
                        view! { <a href=href aria-label=move || pick(t.get()) title=move || pick(t.get())>{sign}</a> }
                    });
                    view! { <td class=format!("cell {class}")>{link}</td> }
                })
                .collect_view();
            let name = match row.former {
                Some(former) => view! { <span class="former-row">"↳ " <FormerUnitName former /></span> }.into_any(),
                None => view! { <span lang="vi">{row.unit_name.clone()}</span> }.into_any(),
            };
            view! { <tr data-unit=row.unit_code.clone()><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <p class="no-print standalone"><a href="/">{tr(|t| t.back_home)}</a></p>
        <header class="card">
            <h1>{tr(|t| t.timeliness_title)} ": " <span lang="vi">{view.unit.name.clone()}</span></h1>
            <p class="legend">{legend}</p>
            <form class="filter no-print" method="get" action=TIMELINESS_ROUTE role="search">
                {unit.clone().map(|u| view! { <input type="hidden" name=UNIT_QUERY value=u /> })}
                <label>
                    {tr(|t| t.find_unit)} " "
                    <input type="search" name=FILTER_QUERY value=filter.clone() placeholder=move || tr(|t| t.find_unit_hint)() />
                </label>
                " " <button type="submit">{tr(|t| t.find)}</button>
            </form>
        </header>
        <section class="card">
            <div class="table-wrap" tabindex="0">
                <table class="timeliness" data-testid="timeliness">
                    <thead><tr><th>{tr(|t| t.unit)}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Pager page=view.page pages=view.pages units=view.units filter unit />
        </section>
    }
}

/// "Trang 2/17 · 1.650 đơn vị", with the pages before and after.
#[component]
fn Pager(page: u32, pages: u32, units: u32, filter: String, unit: Option<String>) -> impl IntoView {
    let t = use_texts();
    let q = (!filter.is_empty()).then_some(filter);
    let link = move |to: u32| {
        let to = to.to_string();
        timeliness_page_path(unit.as_deref(), Some(&to), q.as_deref())
    };
    let previous = (page > 1).then(|| link(page - 1));
    let next = (page < pages).then(|| link(page + 1));
    view! {
        <nav class="pager no-print" aria-label=move || tr(|t| t.pages)()>
            {previous.map(|href| view! { <a href=href rel="prev">{tr(|t| t.previous_page)}</a> " " })}
            <span data-testid="page">{tr(|t| t.page)} " " {page} "/" {pages} " · " {move || t.get().numbers.integer(u64::from(units))} " " {tr(|t| t.units)}</span>
            {next.map(|href| view! { " " <a href=href rel="next">{tr(|t| t.next_page)}</a> })}
        </nav>
    }
}
