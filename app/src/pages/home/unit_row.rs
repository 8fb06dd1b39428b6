//! A report of the user's own unit on the home page.

use crate::api::{report_path, UnitStatus};
use crate::components::deadline::{Deadline, StatusBadge};
use crate::components::former_unit::FormerUnitName;
use crate::domain::plan::Period;
use crate::format::date_time;
use crate::i18n::tr;
use leptos::prelude::*;

/// The period's label links to the unit's report; a former unit's report, history of the
/// user's unit, is named and has no deadline to meet any more.
#[component]
pub fn UnitPeriodRow(
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
