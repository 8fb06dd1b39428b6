//! The top of the home page: what the user has not read yet (a returned report with the
//! reviewer's comment first), before anything else.

use super::notice_item::NoticeItem;
use crate::api::{Notice, NoticeKind};
use crate::device::notices::use_notices;
use leptos::prelude::*;

#[component]
pub fn UnreadNotices() -> impl IntoView {
    let notices = use_notices();
    move || {
        // A report due soon or overdue is the home page's next block, with its deadline:
        // not said twice.
        let mut unread: Vec<Notice> = notices.view.with(|v| {
            v.notices
                .iter()
                .filter(|n| !n.read && !matches!(n.kind, NoticeKind::DueSoon | NoticeKind::Overdue))
                .cloned()
                .collect()
        });
        // Returns first (each needs work), then newest first as listed.
        unread.sort_by_key(|n| n.kind != NoticeKind::Returned);
        (!unread.is_empty()).then(|| {
            view! {
                <ul class="notices unread-notices" data-testid="unread-notices">
                    {unread.into_iter().map(|notice| view! { <NoticeItem notice /> }).collect_view()}
                </ul>
            }
        })
    }
}
