//! "Chưa nộp": the units whose report the reviewer does not have, with how late they are,
//! who to call, and how often they were reminded; a reminder (đôn đốc) to all of them or
//! to the ones chosen, in one action. Printable.

use crate::api::{
    reminders_api_path, report_path, Outstanding, ProgressView, RemindRequest, Reminded,
    ReminderTally,
};
use crate::client::{self, ClientError};
use crate::device::browser;
use crate::domain::plan::days_left;
use crate::domain::progress::Standing;
use crate::domain::reminder::Reminder;
use crate::format::{date, ict};
use crate::i18n::{tr, use_texts, NoticeTexts};
use leptos::prelude::*;
use std::collections::{BTreeSet, HashMap};

#[component]
pub fn OutstandingList(view: ProgressView, sender: String) -> impl IntoView {
    let days = days_left(view.period.due_before, chrono::Utc::now());
    let list = view.outstanding.clone();
    let empty = list.is_empty();
    let tallies = RwSignal::new(
        list.iter()
            .filter_map(|o| Some((o.unit_code.clone(), o.reminders.clone()?)))
            .collect::<HashMap<String, ReminderTally>>(),
    );
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    view! {
        <section class="card outstanding" data-testid="outstanding">
            <div class="section-head">
                <h2>{tr(|t| t.outstanding_heading)} " (" {list.len()} ")"</h2>
                <button type="button" class="no-print" on:click=|_| browser::print()>{tr(|t| t.print_list)}</button>
            </div>
            {empty.then(|| view! { <p class="ok">{tr(|t| t.none_outstanding)}</p> })}
            {(!empty).then(|| view! { <RemindPanel view=view.clone() sender days tallies chosen /> })}
            <ol>
                {list
                    .into_iter()
                    .map(|unit| view! { <OutstandingUnit unit view=view.clone() days tallies chosen /> })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// The reminder's text, drafted from the period and edited once for all, and the action
/// that sends it.
#[component]
fn RemindPanel(
    view: ProgressView,
    sender: String,
    days: i64,
    tallies: RwSignal<HashMap<String, ReminderTally>>,
    chosen: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let owing = view.outstanding.len();
    let all_returned = view
        .outstanding
        .iter()
        .all(|o| o.standing == Standing::Returned);
    let draft = Reminder {
        sender: &sender,
        report: &view.period.label,
        plan: &view.plan_number,
        due_before: &date(view.period.due_before),
        days_overdue: 1 - days,
        returned: all_returned,
    }
    .body();
    let text = RwSignal::new(draft);
    let outcome = RwSignal::new(None::<Result<Reminded, ClientError>>);
    let sending = RwSignal::new(false);
    let path = reminders_api_path(&view.plan_id, &view.period.code);
    let send = move |_| {
        let path = path.clone();
        let units = chosen.with_untracked(|c| (!c.is_empty()).then(|| c.iter().cloned().collect()));
        let request = RemindRequest {
            units,
            text: text.get_untracked(),
        };
        sending.set(true);
        leptos::task::spawn_local(async move {
            let result = client::post::<_, Reminded>(&path, &request).await;
            if let Ok(done) = &result {
                let today = chrono::Utc::now().with_timezone(&ict()).date_naive();
                tallies.update(|t| {
                    for unit in &done.reminded {
                        let tally = t.entry(unit.clone()).or_insert(ReminderTally {
                            count: 0,
                            last: today,
                        });
                        tally.count += 1;
                        tally.last = today;
                    }
                });
                chosen.set(BTreeSet::new());
            }
            outcome.set(Some(result));
            sending.set(false);
        });
    };
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let body = text.get_untracked();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&body).await {
                copied.set(true);
            }
        });
    };
    view! {
        <div class="remind no-print" data-testid="remind">
            <h3>{move || nt().remind_heading}</h3>
            <p class="muted">{move || nt().remind_help}</p>
            <label>
                {move || nt().remind_text}
                <textarea rows="5" lang="vi" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <div class="actions">
                <button type="button" class="primary" disabled=move || sending.get() on:click=send>
                    {move || match chosen.with(BTreeSet::len) {
                        0 => (nt().remind_all)(owing),
                        n => (nt().remind_chosen)(n),
                    }}
                </button>
                <button type="button" on:click=copy>
                    {move || if copied.get() { t.get().copied } else { t.get().copy }}
                </button>
            </div>
            <p role="status" data-testid="remind-outcome">
                {move || outcome.get().map(|result| match result {
                    Ok(done) => (nt().remind_sent)(done.reminded.len(), done.already_today.len()),
                    Err(ClientError::Api(e)) => e.message,
                    Err(_) => nt().remind_offline.to_string(),
                })}
            </p>
        </div>
    }
}

#[component]
fn OutstandingUnit(
    unit: Outstanding,
    view: ProgressView,
    days: i64,
    tallies: RwSignal<HashMap<String, ReminderTally>>,
    chosen: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let t = use_texts();
    let href = report_path(&view.plan_id, &view.period.code, &unit.unit_code);
    let standing = unit.standing;
    let staff = if unit.staff.is_empty() {
        view! { <span class="muted">{tr(|t| t.no_staff)}</span> }.into_any()
    } else {
        unit.staff
            .iter()
            .map(|s| {
                // A phone to call, where the account has one.
                let phone = s.phone.clone().map(|phone| {
                    let href = format!("tel:{phone}");
                    view! { ", " <a href=href data-testid="staff-phone">{phone}</a> }
                });
                view! {
                    <span class="account">
                        <span lang="vi">{s.display_name.clone()}</span> " (" {s.username.clone()} {phone} ")"
                    </span>
                }
            })
            .collect_view()
            .into_any()
    };
    let code = unit.unit_code.clone();
    let tally_code = code.clone();
    let reminded = move || {
        tallies.with(|all| {
            all.get(&tally_code).map(|tally| {
                (NoticeTexts::of(t.get().lang).reminded)(tally.count, &date(tally.last))
            })
        })
    };
    let checked_code = code.clone();
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        chosen.update(|c| {
            if on {
                c.insert(code.clone());
            } else {
                c.remove(&code);
            }
        });
    };
    view! {
        <li data-unit=unit.unit_code.clone()>
            <p class="unit-line">
                <label class="no-print choose">
                    <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&checked_code)) on:change=toggle />
                    <span class="visually-hidden">{move || NoticeTexts::of(t.get().lang).choose_unit} " " <span lang="vi">{unit.unit_name.clone()}</span></span>
                </label>
                <a href=href lang="vi"><strong>{unit.unit_name.clone()}</strong></a> " · "
                <span class=if standing == Standing::Returned { "standing returned" } else { "standing missing" }>
                    {move || t.get().standing(standing)}
                </span>
                {(days <= 0).then(|| view! { " · " <span class="overdue">{move || t.get().days_left(days)}</span> })}
            </p>
            <p class="muted">{tr(|t| t.staff)} ": " {staff}</p>
            <p class="muted" data-testid="reminded">{reminded}</p>
        </li>
    }
}
