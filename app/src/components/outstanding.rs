//! "Chưa nộp": the units whose report the reviewer does not have, with how late they are,
//! who to call, and a reminder (đôn đốc) ready to send. Printable.

use crate::api::{report_path, Outstanding, ProgressView};
use crate::device::browser;
use crate::domain::plan::days_left;
use crate::domain::progress::Standing;
use crate::format::date;
use crate::i18n::{tr, use_texts, Reminder};
use leptos::prelude::*;

#[component]
pub fn OutstandingList(view: ProgressView, sender: String) -> impl IntoView {
    let days = days_left(view.period.due_before, chrono::Utc::now());
    let list = view.outstanding.clone();
    let empty = list.is_empty();
    view! {
        <section class="card outstanding" data-testid="outstanding">
            <div class="section-head">
                <h2>{tr(|t| t.outstanding_heading)} " (" {list.len()} ")"</h2>
                <button type="button" class="no-print" on:click=|_| browser::print()>{tr(|t| t.print_list)}</button>
            </div>
            {empty.then(|| view! { <p class="ok">{tr(|t| t.none_outstanding)}</p> })}
            <ol>
                {list
                    .into_iter()
                    .map(|unit| view! { <OutstandingUnit unit view=view.clone() sender=sender.clone() days /> })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn OutstandingUnit(
    unit: Outstanding,
    view: ProgressView,
    sender: String,
    days: i64,
) -> impl IntoView {
    let t = use_texts();
    let href = report_path(&view.plan_id, &view.period.code, &unit.unit_code);
    let standing = unit.standing;
    let due_before = date(view.period.due_before);
    let addressee = unit.addressee.clone();
    let reminder = move || {
        t.get().reminder_text(&Reminder {
            unit: &addressee,
            sender: &sender,
            report: &view.period.label,
            plan: &view.plan_number,
            due_before: &due_before,
            days_overdue: 1 - days,
            returned: standing == Standing::Returned,
        })
    };
    let copied = RwSignal::new(false);
    let to_copy = reminder.clone();
    let copy = move |_| {
        let text = to_copy();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&text).await {
                copied.set(true);
            }
        });
    };
    let staff = if unit.staff.is_empty() {
        view! { <span class="muted">{tr(|t| t.no_staff)}</span> }.into_any()
    } else {
        unit.staff
            .iter()
            .map(|s| view! { <span class="account"><span lang="vi">{s.display_name.clone()}</span> " (" {s.username.clone()} ")"</span> })
            .collect_view()
            .into_any()
    };
    view! {
        <li data-unit=unit.unit_code.clone()>
            <p class="unit-line">
                <a href=href lang="vi"><strong>{unit.unit_name.clone()}</strong></a> " · "
                <span class=if standing == Standing::Returned { "standing returned" } else { "standing missing" }>
                    {move || t.get().standing(standing)}
                </span>
                {(days <= 0).then(|| view! { " · " <span class="overdue">{move || t.get().days_left(days)}</span> })}
            </p>
            <p class="muted">{tr(|t| t.staff)} ": " {staff}</p>
            <details class="no-print">
                <summary>{tr(|t| t.reminder)}</summary>
                <textarea readonly rows="5" prop:value=reminder></textarea>
                <button type="button" on:click=copy>
                    {move || if copied.get() { t.get().copied } else { t.get().copy }}
                </button>
            </details>
        </li>
    }
}
