//! One notice: what happened to which report, the reviewer's words, who and when; a link
//! to the report and, while unread, a way to mark it read.

use crate::api::{report_path, Notice, NoticeKind};
use crate::device::notices::use_notices;
use crate::format::{date, date_time, ict};
use crate::i18n::{use_texts, NoticeTexts};
use leptos::prelude::*;

#[component]
pub fn NoticeItem(notice: Notice) -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let notices = use_notices();
    let href = report_path(&notice.plan_id, &notice.period_code, &notice.unit_code);
    let kind = notice.kind;
    let class = match (kind, notice.read) {
        // What needs work now stands out while unread.
        (NoticeKind::Returned | NoticeKind::Overdue, false) => "notice-item urgent unread",
        (_, false) => "notice-item unread",
        _ => "notice-item",
    };
    let id = notice.id.clone();
    let seen = move |_| notices.mark_read(vec![id.clone()]);
    let by_at = (notice.by.clone(), date_time(notice.at));
    let due = notice.due_before.map(date);
    view! {
        <li class=class data-testid="notice" data-kind=format!("{kind:?}")>
            <p class="notice-head">
                {(!notice.read).then(|| view! { <span class="badge">{move || nt().unread_badge}</span> " " })}
                <strong>{move || (nt().kind)(kind)}</strong> ": " <span lang="vi">{notice.report.clone()}</span>
            </p>
            // The reviewer's words and the reminder's letter are Vietnamese, as written.
            {(!notice.text.is_empty()).then(|| view! { <blockquote lang="vi">{notice.text.clone()}</blockquote> })}
            {match kind {
                // The calendar's notices: the deadline, or the plan's day of issue.
                NoticeKind::DueSoon | NoticeKind::Overdue => view! {
                    <p class="muted">{move || (nt().due_line)(due.as_deref().unwrap_or_default())}</p>
                }.into_any(),
                NoticeKind::NewPlan => {
                    let day = date(notice.at.with_timezone(&ict()).date_naive());
                    view! { <p class="muted">{move || (nt().issued_line)(&day)}</p> }.into_any()
                }
                _ if by_at.0.is_empty() => view! {
                    <p class="muted">{move || (nt().by_at)(nt().automatic, &by_at.1)}</p>
                }.into_any(),
                _ => view! {
                    <p class="muted" lang="vi">{move || (nt().by_at)(&by_at.0, &by_at.1)}</p>
                }.into_any(),
            }}
            <p class="actions">
                <a class="button" href=href>{move || nt().open_report}</a>
                {(!notice.read).then(|| view! {
                    <button type="button" on:click=seen>{move || nt().mark_read}</button>
                })}
            </p>
        </li>
    }
}
