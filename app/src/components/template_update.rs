//! The offer made to a draft written on an older template version than its plan's: move
//! to the new version, keeping every value whose field the new version still has.

use super::report_ctx::ReportCtx;
use crate::api::{report_api_path, TemplateMove, TemplateUpdate};
use crate::client;
use crate::device::engine::use_device;
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;

#[component]
pub fn TemplateUpdateBox(update: TemplateUpdate) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let device = use_device();
    let t = use_texts();
    let failure = RwSignal::new(None::<String>);
    let moving = RwSignal::new(false);
    let key = ctx.key.clone();
    let version = update.version;
    let on_move = move |_| {
        // Changes still on this device were written on the old version: they go first.
        if device
            .outbox
            .with_untracked(|o| !o.for_report(&key).is_empty())
        {
            failure.set(Some(t.get_untracked().template_move_pending.to_string()));
            return;
        }
        let path = format!("{}/template", report_api_path(&key));
        moving.set(true);
        leptos::task::spawn_local(async move {
            match client::post_no_content(&path, &TemplateMove { version }).await {
                // The page reads the report again, on its new version.
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(e) => {
                    let _ = moving.try_set(false);
                    let message = match e {
                        client::ClientError::Api(e) => e.message,
                        client::ClientError::Unauthorized => {
                            t.get_untracked().session_expired.to_string()
                        }
                        client::ClientError::Network => t.get_untracked().network_error.to_string(),
                    };
                    let _ = failure.try_set(Some(message));
                }
            }
        });
    };
    let dropped = update.dropped.join("; ");
    let has_dropped = !update.dropped.is_empty();
    view! {
        <Show when=move || ctx.editable.get()>
            <section class="card notice no-print" aria-labelledby="template-update">
                <h2 id="template-update">{move || (t.get().template_update)(version)}</h2>
                <p>{tr(|t| t.template_update_note)}</p>
                {has_dropped.then(|| view! {
                    <p>{tr(|t| t.template_dropped)} " " {dropped.clone()}</p>
                })}
                <button type="button" disabled=move || moving.get() on:click=on_move.clone()>
                    {tr(|t| t.template_move)}
                </button>
                <p class="error" role="alert">{move || failure.get()}</p>
            </section>
        </Show>
    }
}
