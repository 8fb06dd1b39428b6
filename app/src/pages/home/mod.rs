//! After login: the reporting periods of the user's unit, or of their subtree. What is due
//! comes first; history is folded away (`agenda`).

mod agenda;
mod next_due;
mod period_summary;
mod plan_block;
mod unit_row;

use crate::api::PlanOverview;
use crate::client::ClientError;
use crate::components::signed_in::SignedIn;
use crate::components::unread_notices::UnreadNotices;
use crate::device::fetched::use_fetched;
use crate::i18n::tr;
use agenda::{agenda, Agenda};
use leptos::prelude::*;
use next_due::NextDueCard;
use plan_block::PlanBlock;

#[component]
pub fn HomePage() -> impl IntoView {
    let plans = use_fetched::<Vec<PlanOverview>>(Memo::new(|_| "/periods".to_string()));

    view! {
        <SignedIn render=move |me| {
            let ward = me.role == crate::api::Role::NhapLieu;
            let heading = tr(if ward { |t| t.my_reports } else { |t| t.reports_of_subtree });
            let scope = me.scope.code.clone();
            view! {
                // Names of units, plans and periods are data (Vietnamese, `lang`).
                <h1>{heading} ": " <span lang="vi">{me.scope.name.clone()}</span></h1>
                <UnreadNotices />
                {move || match plans.get() {
                    None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
                    Some(Ok(plans)) if plans.is_empty() => view! { <p>{tr(|t| t.no_periods)}</p> }.into_any(),
                    Some(Ok(plans)) => {
                        let agenda = agenda(plans, ward, chrono::Utc::now());
                        view! { <AgendaView agenda ward scope=scope.clone() /> }.into_any()
                    }
                    Some(Err(ClientError::Api(e))) => view! { <p class="error">{e.message}</p> }.into_any(),
                    Some(Err(_)) => view! { <p class="error">{tr(|t| t.network_error)}</p> }.into_any(),
                }}
            }
        } />
    }
}

/// The report due next, the running plans, then history under its own heading: open when
/// nothing else is there (a demo from a past season).
#[component]
fn AgendaView(agenda: Agenda, ward: bool, scope: String) -> impl IntoView {
    let Agenda {
        next,
        running,
        history,
    } = agenda;
    let only_history = next.is_none() && running.is_empty();
    let blocks = |plans: Vec<PlanOverview>, scope: String| {
        plans
            .into_iter()
            .map(|plan| view! { <PlanBlock plan scope=scope.clone() /> })
            .collect_view()
    };
    let history = (!history.is_empty()).then(|| {
        let heading = tr(if ward {
            |t| t.report_history
        } else {
            |t| t.ended_plans
        });
        view! {
            <details class="history" open=only_history>
                <summary><h2>{heading}</h2></summary>
                {blocks(history, scope.clone())}
            </details>
        }
    });
    view! {
        {next.map(|next| view! { <NextDueCard next /> })}
        {blocks(running, scope.clone())}
        {history}
    }
}
