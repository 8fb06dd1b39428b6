//! One period of a plan's form: its code, name, kind, deadline, the days its figures
//! cover, and whether the signed copy must come with the report.

use super::date_input::DateInput;
use super::field_message::FieldMessage;
use super::form_state::Form;
use crate::api::PlanForm;
use crate::domain::plan::{DataRange, PeriodKind};
use crate::pages::admin::texts::use_admin_texts;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub(super) fn PeriodRow(form: Form, i: usize, has_reports: bool) -> impl IntoView {
    let at = use_admin_texts();
    let period = form
        .plan
        .with_untracked(|p| p.periods.get(i).cloned())
        .unwrap_or_else(|| form.plan.with_untracked(PlanForm::blank_period));
    let field = move |name: &str| format!("periods.{i}.{name}");
    let kind = period.kind;
    view! {
        // Named by its name as typed, which is the plan's (Vietnamese) text.
        <div class="plan-period" role="group" aria-labelledby=format!("period-{i}-name")>
            <label>
                {move || at.get().period_code}
                <input prop:value=period.code.clone() readonly=has_reports aria-describedby=format!("{}-error", field("code"))
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.period(i, |p| p.code = v);
                    } />
            </label>
            <FieldMessage form field=field("code") />
            <label>
                {move || at.get().period_label}
                <input id=format!("period-{i}-name") lang="vi" prop:value=period.label.clone()
                    aria-describedby=format!("{}-error", field("label"))
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.period(i, |p| p.label = v);
                    } />
            </label>
            <FieldMessage form field=field("label") />
            <label>
                {move || at.get().period_kind}
                <select on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(k) = PeriodKind::ALL.into_iter().find(|k| k.as_str() == chosen) {
                        form.period(i, |p| p.kind = k);
                    }
                }>
                    {PeriodKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k == kind>{move || at.get().period_kind_name(k)}</option>
                    }).collect_view()}
                </select>
            </label>
            <DateInput form field=field("due_before") label=Signal::derive(move || at.get().due_label)
                get=move |p| p.periods.get(i).map(|p| p.due_before)
                set=move |p, d| if let (Some(d), Some(period)) = (d, p.periods.get_mut(i)) { period.due_before = d } />
            <DateInput form field=field("data_from") label=Signal::derive(move || at.get().data_from)
                get=move |p| p.periods.get(i).and_then(|p| p.data_range).map(|r| r.from)
                set=move |p, d| set_range(p, i, d, true) />
            <DateInput form field=field("data_to") label=Signal::derive(move || at.get().data_to)
                get=move |p| p.periods.get(i).and_then(|p| p.data_range).map(|r| r.to)
                set=move |p, d| set_range(p, i, d, false) />
            <FieldMessage form field=field("data_range") />
            <label class="choice">
                <input type="checkbox" prop:checked=period.signed_copy_required
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        form.period(i, |p| p.signed_copy_required = on);
                    } />
                " " {move || at.get().signed_copy_required}
            </label>
            {if has_reports {
                view! { <p class="muted">{move || at.get().has_reports}</p> }.into_any()
            } else {
                view! {
                    <button type="button" class="link-button" on:click=move |_| form.plan.update(|p| {
                        if i < p.periods.len() {
                            p.periods.remove(i);
                        }
                    })>{move || at.get().remove}</button>
                }.into_any()
            }}
        </div>
    }
}

/// Sets one end of a period's data range: emptying either end removes the range; setting
/// one of a period without a range starts a range of that one day.
fn set_range(plan: &mut PlanForm, i: usize, date: Option<NaiveDate>, from: bool) {
    let Some(period) = plan.periods.get_mut(i) else {
        return;
    };
    period.data_range = date.map(|d| {
        let mut range = period.data_range.unwrap_or(DataRange { from: d, to: d });
        if from {
            range.from = d;
        } else {
            range.to = d;
        }
        range
    });
}
