//! The kinds of notice the user turned off, by channel: one box per kind, each change
//! saved at once (both channels together, as the server keeps them).

use crate::api::{NoticeKind, NoticeSettings, NoticeSettingsChange, NOTICE_SETTINGS_API};
use crate::client;
use crate::i18n::{use_texts, NoticeTexts};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Choices {
    pub email_off: RwSignal<Vec<NoticeKind>>,
    pub push_off: RwSignal<Vec<NoticeKind>>,
    /// Whether the last change was saved; `None` before any.
    pub saved: RwSignal<Option<bool>>,
}

impl Choices {
    pub fn new(settings: &NoticeSettings) -> Choices {
        Choices {
            email_off: RwSignal::new(settings.email_off.clone()),
            push_off: RwSignal::new(settings.push_off.clone()),
            saved: RwSignal::new(None),
        }
    }

    fn set(self, off: RwSignal<Vec<NoticeKind>>, kind: NoticeKind, send: bool) {
        off.update(|off| {
            off.retain(|k| *k != kind);
            if !send {
                off.push(kind);
            }
        });
        let change = NoticeSettingsChange {
            email_off: self.email_off.get_untracked(),
            push_off: self.push_off.get_untracked(),
        };
        let saved = self.saved;
        leptos::task::spawn_local(async move {
            let done = client::put_no_content(NOTICE_SETTINGS_API, &change).await;
            saved.try_set(Some(done.is_ok()));
        });
    }
}

/// A box per kind of notice sent, ticked when it is sent by the channel whose list `off` is.
#[component]
pub fn KindChoices(
    legend: Signal<String>,
    choices: Choices,
    off: RwSignal<Vec<NoticeKind>>,
) -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {NoticeKind::SENT.into_iter().map(|kind| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || off.with(|o| !o.contains(&kind))
                        on:change=move |ev| choices.set(off, kind, event_target_checked(&ev)) />
                    " " {move || (nt().kind)(kind)}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
