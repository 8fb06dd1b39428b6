//! The last defence against cleared browser data: how much is kept on this device, and a
//! backup file of every change not yet on the server, with its import.

use crate::device::{browser, engine::use_device, storage};
use crate::i18n::{tr, use_texts};
use crate::sync::Mutation;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

const FORMAT: &str = "baocao-backup-1";
const RECOUNT_AFTER: Duration = Duration::from_secs(1);

#[derive(Serialize, Deserialize)]
struct Backup {
    format: String,
    user: String,
    exported_at: DateTime<Utc>,
    mutations: Vec<Mutation>,
}

#[component]
pub fn BackupPanel() -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let used = RwSignal::new(0usize);
    // Counting reads every stored item back: done on each keystroke, it cost a slow phone
    // more than the keystroke itself, so after a change the figure follows a second later.
    let counting = StoredValue::new(false);
    Effect::new(move |shown: Option<()>| {
        device.outbox.track();
        if shown.is_none() {
            used.set(storage::bytes_used());
        } else if !counting.get_value() {
            counting.set_value(true);
            set_timeout(
                move || {
                    // The page may be gone by now: `try_` never aborts the app.
                    counting.try_set_value(false);
                    used.try_set(storage::bytes_used());
                },
                RECOUNT_AFTER,
            );
        }
    });
    let note = RwSignal::new(None::<String>);
    let download = move |_| {
        let Some(me) = device.me.get_untracked() else {
            return;
        };
        let backup = Backup {
            format: FORMAT.into(),
            user: me.username.clone(),
            exported_at: Utc::now(),
            mutations: device
                .outbox
                .with_untracked(|o| o.pending.iter().map(|p| p.mutation.clone()).collect()),
        };
        if let Ok(text) = serde_json::to_string(&backup) {
            let name = format!("baocao-{}-{}.json", me.username, Utc::now().timestamp());
            browser::download(&name, &text);
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            let text = browser::read_chosen_file(&input).await.unwrap_or_default();
            let parsed = serde_json::from_str::<Backup>(&text)
                .ok()
                .filter(|b| b.format == FORMAT);
            let added = parsed.map(|b| device.restore(b.mutations));
            // The panel may be gone by now: a `try_` read never aborts the app.
            let Some(texts) = t.try_get_untracked() else {
                return;
            };
            note.set(Some(match added {
                Some(n) => texts.restored(n),
                None => texts.backup_invalid.to_string(),
            }));
        });
    };
    view! {
        <section class="card backup">
            <h2>{tr(|t| t.backup_heading)}</h2>
            <p>{move || {
                let t = t.get();
                t.storage_used(&t.numbers.integer(used.get().div_ceil(1024) as u64))
            }}</p>
            <div class="actions">
                <button type="button" on:click=download>{tr(|t| t.download_backup)}</button>
                <label class="file-button">
                    {tr(|t| t.import_backup)}
                    <input type="file" accept="application/json,.json" on:change=import />
                </label>
            </div>
            {move || note.get().map(|n| view! { <p class="notice">{n}</p> })}
        </section>
    }
    .into_any()
}
