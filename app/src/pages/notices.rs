//! Every notice of the user's unit over the last months, newest first, kept on the device;
//! above them, the conflicts waiting on this device for a choice; below, what reaches the
//! user by e-mail.

use crate::components::conflict_list::ConflictList;
use crate::components::notice_item::NoticeItem;
use crate::components::notice_settings::NoticeSettingsBox;
use crate::components::signed_in::SignedIn;
use crate::device::notices::use_notices;
use crate::i18n::{tr, use_texts, NoticeTexts};
use leptos::prelude::*;

#[component]
pub fn NoticesPage() -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let notices = use_notices();
    let mark_all = move |_| {
        let ids = notices.view.with_untracked(|v| {
            v.notices
                .iter()
                .filter(|n| !n.read)
                .map(|n| n.id.clone())
                .collect()
        });
        notices.mark_read(ids);
    };
    view! {
        <SignedIn render=move |_| view! {
            <h1>{move || nt().title}</h1>
            <ConflictList />
            {move || (notices.unread() > 0).then(|| view! {
                <p class="actions"><button type="button" on:click=mark_all>{move || nt().mark_all_read}</button></p>
            })}
            {move || {
                let list = notices.view.with(|v| v.notices.clone());
                if !notices.loaded.get() {
                    view! { <p>{tr(|t| t.loading)}</p> }.into_any()
                } else if list.is_empty() {
                    view! { <p>{move || nt().none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="notices" data-testid="notices">
                            {list.into_iter().map(|notice| view! { <NoticeItem notice /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
            <NoticeSettingsBox />
        } />
    }
}
