//! After login: the reporting periods of the user's unit, or of their subtree.

use crate::api::{consolidation_path, progress_path, report_path, Basis, PlanOverview, UnitStatus};
use crate::client::ClientError;
use crate::components::deadline::{Deadline, StatusBadge};
use crate::components::former_unit::FormerUnitName;
use crate::components::signed_in::SignedIn;
use crate::components::tally::{Bar, TallyLine};
use crate::device::fetched::use_fetched;
use crate::domain::plan::Period;
use crate::domain::progress::Tally;
use crate::format::date_time;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let plans = use_fetched::<Vec<PlanOverview>>(Memo::new(|_| "/periods".to_string()));

    view! {
        <SignedIn render=move |me| {
            let single_unit = me.role == crate::api::Role::NhapLieu;
            let heading = tr(if single_unit { |t| t.my_reports } else { |t| t.reports_of_subtree });
            view! {
                // Names of units, plans and periods are data (Vietnamese, `lang`).
                <h1>{heading} ": " <span lang="vi">{me.scope.name.clone()}</span></h1>
                {move || match plans.get() {
                    None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
                    Some(Ok(plans)) if plans.is_empty() => view! { <p>{tr(|t| t.no_periods)}</p> }.into_any(),
                    Some(Ok(plans)) => plans
                        .into_iter()
                        .map(|plan| view! { <PlanBlock plan scope=me.scope.code.clone() /> })
                        .collect_view()
                        .into_any(),
                    Some(Err(ClientError::Api(e))) => view! { <p class="error">{e.message}</p> }.into_any(),
                    Some(Err(_)) => view! { <p class="error">{tr(|t| t.network_error)}</p> }.into_any(),
                }}
            }
        } />
    }
}

#[component]
fn PlanBlock(plan: PlanOverview, scope: String) -> impl IntoView {
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

/// A reviewer's line for one period: where the reports the subtree owes stand, with the
/// way to their progress and their consolidation. One line whatever the subtree's size.
#[component]
fn PeriodSummary(plan_id: String, period: Period, tally: Tally, scope: String) -> impl IntoView {
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

/// A ward user's row: the period's label links to the unit's report; a former unit's
/// report, history of the user's unit, is named and has no deadline to meet any more.
#[component]
fn UnitPeriodRow(
    plan_id: String,
    period: Period,
    unit: UnitStatus,
    #[prop(optional)] named: bool,
) -> impl IntoView {
    let href = report_path(&plan_id, &period.code, &unit.unit_code);
    let code = unit.unit_code.clone();
    let name = named.then(|| unit.unit_name.clone());
    match unit.former.clone() {
        None => view! {
            <div class="period-row" data-unit=code>
                <a class="period-link" href=href lang="vi">{period.label.clone()}</a>
                {name.map(|name| view! { <span class="unit-name" lang="vi">{name}</span> })}
                <Deadline due_before=period.due_before done=unit.status.is_submitted() />
                <StatusBadge status=unit.status />
                <Received unit />
            </div>
        }
        .into_any(),
        Some(former) => view! {
            <div class="period-row former" data-unit=code>
                <a class="period-link" href=href lang="vi">{period.label.clone()}</a>
                <span class="muted">{tr(|t| t.former_report_of)} " " <FormerUnitName former /></span>
                {if unit.started {
                    view! { <StatusBadge status=unit.status /> <Received unit /> }.into_any()
                } else {
                    // Never written before the unit ended: nothing is owed any more.
                    view! { <span class="status status-none">{tr(|t| t.no_report)}</span> }.into_any()
                }}
            </div>
        }
        .into_any(),
    }
}

#[component]
fn Received(unit: UnitStatus) -> impl IntoView {
    unit.submitted_at.map(|at| {
        let on_time = unit.on_time.unwrap_or(false);
        view! {
            <span class="received">
                {tr(|t| t.received)} " " {date_time(at)} " · "
                <span class=if on_time { "ok" } else { "overdue" }>
                    {tr(if on_time { |t| t.on_time } else { |t| t.late })}
                </span>
            </span>
        }
    })
}
