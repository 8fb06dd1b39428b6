//! Always visible while signed in: online or not, changes not yet on the server, the last
//! successful sync, a button to sync now, and a way back in when the session expired.

use crate::api::report_path;
use crate::device::engine::use_device;
use crate::device::uploads::use_uploads;
use crate::format::{megabytes, time_of_day};
use crate::i18n::{tr, tr_if, use_texts, FileTexts};
use leptos::prelude::*;

#[component]
pub fn SyncStatus() -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let uploads = use_uploads();
    let pending = move || device.outbox.with(|o| o.len());
    let conflicts = move || device.conflicts.with(Vec::len);
    view! {
        <div class="sync-status" role="status" aria-live="polite" data-testid="sync-status">
            <span class=move || if device.online.get() { "net online" } else { "net offline" }>
                {tr_if(device.online.into(), |t| t.online, |t| t.offline)}
            </span>
            <span class="pending" data-testid="pending-count" data-count=move || pending().to_string()>
                // Everything sent is not everything settled while a choice waits.
                {move || {
                    let n = pending();
                    (n > 0 || conflicts() == 0).then(|| t.get().pending_changes(n))
                }}
            </span>
            {move || device.conflicts.with(|c| c.first().cloned()).map(|(report, slot)| {
                let href = format!(
                    "{}#f-{slot}",
                    report_path(&report.plan_id, &report.period_code, &report.unit_code)
                );
                view! {
                    <a class="conflicts" href=href data-testid="conflicts-waiting">
                        {move || t.get().conflicts_waiting(conflicts())}
                    </a>
                }
            })}
            {move || uploads.progress().map(|(sent, total)| {
                let lang = t.get().lang;
                let n = uploads.queued.with(Vec::len);
                let line = (FileTexts::of(lang).files_pending)(n, &megabytes(sent, lang), &megabytes(total, lang));
                view! { <span class="pending-files" data-testid="pending-files">{line}</span> }
            })}
            {move || device.refused.get().map(|reason| view! {
                <span class="error" data-testid="push-refused">{move || t.get().push_refused(&reason)}</span>
            })}
            <span class="last-sync">
                {move || match device.last_sync.get() {
                    Some(at) => t.get().synced_at(&time_of_day(at)),
                    None => t.get().never_synced.to_string(),
                }}
            </span>
            {move || device.needs_login.get().then(|| view! {
                <a class="relogin" href="/dang-nhap">{tr(|t| t.login_again)}</a>
            })}
            {move || device.storage_failed.get().then(|| view! {
                <span class="error">{tr(|t| t.storage_failed)}</span>
            })}
            <button class="link-button" on:click=move |_| device.sync_now() disabled=move || device.busy.get()>
                {tr_if(device.busy.into(), |t| t.syncing, |t| t.sync_now)}
            </button>
        </div>
    }
}
