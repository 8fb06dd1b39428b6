//! A reviewer's view of one period: who in the subtree has reported, level by level, and
//! who has not. Kept on the device and refreshed whenever a sync brings changed reports.

use crate::api::{
    consolidation_path, evaluation_results_path, export_url, progress_api_path, progress_path,
    report_path, signed_copies_api_path, timeliness_path, Basis, ProgressView, UnitQuery,
    PROGRESS_LEVELS, UNIT_QUERY,
};
use crate::client::{ClientError, API};
use crate::components::deadline::Deadline;
use crate::components::outstanding::OutstandingList;
use crate::components::refused::Refused;
use crate::components::signed_in::SignedIn;
use crate::components::tally::{Bar, TallyLine};
use crate::components::task_progress::TaskProgressSection;
use crate::device::fetched::use_fetched;
use crate::domain::progress::ProgressNode;
use crate::i18n::{tr, use_texts, EvaluationTexts, FileTexts};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProgressPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let path = Memo::new(move |_| {
        let (p, q) = (params.get(), query.get());
        progress_api_path(
            &p.get("plan").unwrap_or_default(),
            &p.get("period").unwrap_or_default(),
            &UnitQuery {
                unit: q.get(UNIT_QUERY),
            },
        )
    });
    let data = use_fetched::<ProgressView>(path);
    view! {
        <SignedIn render=move |me| {
            let sender = me.unit.name.clone();
            move || match data.get() {
                None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
                Some(Ok(view)) => view! { <ProgressBody view sender=sender.clone() /> }.into_any(),
                Some(Err(ClientError::Api(e))) => view! { <Refused message=e.message /> }.into_any(),
                Some(Err(_)) => view! { <p class="error">{tr(|t| t.not_on_device)}</p> }.into_any(),
            }
        } />
    }
}

#[component]
fn ProgressBody(view: ProgressView, sender: String) -> impl IntoView {
    let root = &view.root;
    let mut rows = Vec::new();
    flatten(root, 0, &mut rows);
    let history = timeliness_path(Some(&root.code));
    let xlsx = export_url(
        &progress_api_path(
            &view.plan_id,
            &view.period.code,
            &UnitQuery {
                unit: Some(root.code.clone()),
            },
        ),
        "xlsx",
    );
    let consolidate = consolidation_path(
        &view.plan_id,
        &view.period.code,
        &root.code,
        Basis::default(),
    );
    let (plan_id, period_code) = (view.plan_id.clone(), view.period.code.clone());
    let results = view
        .period
        .evaluation
        .is_some()
        .then(|| evaluation_results_path(&plan_id, &period_code, Some(&root.code)));
    let signed_zip = (!view.signed_copies.is_empty()).then(|| {
        let query = UnitQuery {
            unit: Some(root.code.clone()),
        };
        format!(
            "{API}{}",
            signed_copies_api_path(&plan_id, &period_code, &query)
        )
    });
    let required = view.period.signed_copy_required;
    let signed: std::collections::HashSet<String> = view.signed_copies.iter().cloned().collect();
    let t = use_texts();
    let ft = move || FileTexts::of(t.get().lang);
    view! {
        <p class="no-print standalone"><a href="/">{tr(|t| t.back_home)}</a></p>
        <header class="card">
            // Names of units, plans and periods are data (Vietnamese, `lang`).
            <h1>{tr(|t| t.progress_title)} ": " <span lang="vi">{root.name.clone()}</span></h1>
            <p class="muted">{tr(|t| t.plan)} " " {view.plan_number.clone()} " – " <span lang="vi">{view.plan_title.clone()}</span></p>
            <p>
                <strong lang="vi">{view.period.label.clone()}</strong> " · "
                <Deadline due_before=view.period.due_before done=root.tally.missing + root.tally.returned == 0 />
            </p>
            <TallyLine tally=root.tally />
            <p class="no-print actions">
                {match results {
                    // An evaluation is ranked, not consolidated.
                    Some(href) => view! {
                        <a class="button" href=href>{move || EvaluationTexts::of(t.get().lang).results_link}</a>
                    }
                    .into_any(),
                    None => view! { <a class="button" href=consolidate>{tr(|t| t.consolidate)}</a> }.into_any(),
                }}
                <a class="button" href=history>{tr(|t| t.timeliness_title)}</a>
                <a class="button" href=xlsx download>{tr(|t| t.download_xlsx)}</a>
                {signed_zip.map(|href| view! { <a class="button" href=href download>{move || ft().signed_zip}</a> })}
                <span class="muted">{tr(|t| t.live_note)}</span>
            </p>
        </header>
        <section class="card">
            <div class="table-wrap" tabindex="0">
                <table class="progress" data-testid="progress-table">
                    <thead>
                        <tr>
                            <th>{tr(|t| t.unit)}</th>
                            <th>{tr(|t| t.status)}</th>
                            <th class="num">{tr(|t| t.col_expected)}</th>
                            <th class="num">{tr(|t| t.col_submitted)}</th>
                            <th class="num wide">{tr(|t| t.on_time)}</th>
                            <th class="num wide">{tr(|t| t.late)}</th>
                            <th class="num">{tr(|t| t.col_missing)}</th>
                            <th class="num wide">{tr(|t| t.col_returned)}</th>
                            <th class="num wide">{tr(|t| t.col_accepted)}</th>
                            <th>{tr(|t| t.col_progress)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(depth, node)| {
                                // Shown where it matters: the period asks for it, or it came.
                                let has = signed.contains(&node.code);
                                let signed = (node.own.is_some() && (required || has)).then_some(has);
                                view! { <NodeRow node depth plan_id=plan_id.clone() period_code=period_code.clone() signed /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <OutstandingList view=view.clone() sender />
        <TaskProgressSection plan_id=view.plan_id.clone() period_code=view.period.code.clone() unit=root.code.clone() />
    }
}

/// The shown unit and up to [`PROGRESS_LEVELS`] levels below it, parents first; deeper
/// ones open by drilling down.
fn flatten(node: &ProgressNode, depth: usize, out: &mut Vec<(usize, ProgressNode)>) {
    let mut shown = node.clone();
    if depth == PROGRESS_LEVELS {
        shown.children.clear();
    }
    out.push((depth, shown));
    if depth < PROGRESS_LEVELS {
        for child in &node.children {
            flatten(child, depth + 1, out);
        }
    }
}

#[component]
fn NodeRow(
    node: ProgressNode,
    depth: usize,
    plan_id: String,
    period_code: String,
    /// Whether the unit's report attaches its signed copy, where that is shown.
    signed: Option<bool>,
) -> impl IntoView {
    let t = use_texts();
    let tally = node.tally;
    // A unit with units below it opens as its own progress; a unit alone opens its report.
    let has_below = tally.expected > u32::from(node.own.is_some());
    let name_href = if has_below {
        progress_path(&plan_id, &period_code, Some(&node.code))
    } else {
        report_path(&plan_id, &period_code, &node.code)
    };
    let own = node.own.map(|standing| {
        let href = report_path(&plan_id, &period_code, &node.code);
        view! { <a href=href class=standing_class(standing)>{move || t.get().standing(standing)}</a> }
    });
    let indent = format!("padding-left: {}rem", 0.5 + 1.25 * depth as f64);
    view! {
        <tr class:root=depth == 0 data-unit=node.code.clone()>
            <td style=indent><a href=name_href lang="vi">{node.name.clone()}</a></td>
            <td>
                {own}
                {signed.map(|has| view! {
                    " " <span class=if has { "signed-copy ok" } else { "signed-copy missing" } data-testid="signed-copy">
                        {move || { let ft = FileTexts::of(t.get().lang); if has { ft.signed_sent } else { ft.signed_missing } }}
                    </span>
                })}
            </td>
            <td class="num">{tally.expected}</td>
            <td class="num">{tally.submitted}</td>
            <td class="num wide">{tally.on_time}</td>
            <td class="num wide">{tally.late}</td>
            <td class="num">{tally.missing}</td>
            <td class="num wide">{tally.returned}</td>
            <td class="num wide">{tally.accepted}</td>
            <td><Bar tally /></td>
        </tr>
    }
}

fn standing_class(standing: crate::domain::progress::Standing) -> &'static str {
    use crate::domain::progress::Standing;
    match standing {
        Standing::Missing => "standing missing",
        Standing::Returned => "standing returned",
        Standing::Submitted { on_time: false } | Standing::Accepted { on_time: false } => {
            "standing late"
        }
        Standing::Submitted { .. } | Standing::Accepted { .. } => "standing done",
    }
}
