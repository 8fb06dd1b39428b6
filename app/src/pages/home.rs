//! After login: the reporting periods of the user's unit, or of their subtree.

use crate::api::{consolidation_path, progress_path, report_path, Basis, PlanOverview, UnitStatus};
use crate::client::ClientError;
use crate::components::deadline::{Deadline, StatusBadge};
use crate::components::signed_in::SignedIn;
use crate::device::fetched::use_fetched;
use crate::domain::plan::Period;
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
                <h1>{heading} ": " {me.scope.name.clone()}</h1>
                {move || match plans.get() {
                    None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
                    Some(Ok(plans)) if plans.is_empty() => view! { <p>{tr(|t| t.no_periods)}</p> }.into_any(),
                    Some(Ok(plans)) => plans
                        .into_iter()
                        .map(|plan| view! { <PlanBlock plan single_unit scope=me.scope.code.clone() /> })
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
fn PlanBlock(plan: PlanOverview, single_unit: bool, scope: String) -> impl IntoView {
    let plan_id = plan.plan_id.clone();
    view! {
        <section class="card plan">
            <h2>
                <span class="muted">{tr(|t| t.plan)} " " {plan.number.clone()} " – "</span>
                {plan.title.clone()}
            </h2>
            {plan
                .periods
                .into_iter()
                .map(|p| {
                    let plan_id = plan_id.clone();
                    if single_unit {
                        p.units
                            .into_iter()
                            .map(|u| view! { <UnitPeriodRow plan_id=plan_id.clone() period=p.period.clone() unit=u /> })
                            .collect_view()
                            .into_any()
                    } else {
                        view! { <PeriodTable plan_id period=p.period units=p.units scope=scope.clone() /> }.into_any()
                    }
                })
                .collect_view()}
        </section>
    }
}

/// A ward user's row: the period's label links to the unit's report.
#[component]
fn UnitPeriodRow(plan_id: String, period: Period, unit: UnitStatus) -> impl IntoView {
    let href = report_path(&plan_id, &period.code, &unit.unit_code);
    view! {
        <div class="period-row">
            <a class="period-link" href=href>{period.label.clone()}</a>
            <Deadline period done=unit.status.is_submitted() />
            <StatusBadge status=unit.status />
            <Received unit />
        </div>
    }
}

/// A reviewer's table: every unit of the subtree for one period, with the way to its
/// progress and its consolidation.
#[component]
fn PeriodTable(
    plan_id: String,
    period: Period,
    units: Vec<UnitStatus>,
    scope: String,
) -> impl IntoView {
    let code = period.code.clone();
    let progress = progress_path(&plan_id, &code, None);
    let consolidation = consolidation_path(&plan_id, &code, &scope, Basis::default());
    view! {
        <h3>{period.label.clone()} " · " <span class="deadline">{period.deadline_text()}</span></h3>
        <p class="actions">
            <a class="button" href=progress>{tr(|t| t.follow_progress)}</a>
            <a class="button" href=consolidation>{tr(|t| t.consolidate)}</a>
        </p>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th>{tr(|t| t.unit)}</th>
                        <th>{tr(|t| t.status)}</th>
                        <th>{tr(|t| t.received)}</th>
                    </tr>
                </thead>
                <tbody>
                    {units
                        .into_iter()
                        .map(|u| {
                            let href = report_path(&plan_id, &code, &u.unit_code);
                            view! {
                                <tr>
                                    <td><a href=href>{u.unit_name.clone()}</a></td>
                                    <td><StatusBadge status=u.status /></td>
                                    <td><Received unit=u /></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
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
