//! The offer made to a draft written on an older template version than its plan's: move
//! to the new version, keeping every value whose field the new version still has.

use super::report_ctx::ReportCtx;
use crate::api::report_api_path;
use crate::client::{self, ClientError};
use crate::device::engine::use_device;
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;

/// `dropped`: the labels of the fields with values that the new version no longer shows.
#[component]
pub fn TemplateUpdateBox(version: u32, dropped: Vec<String>) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let device = use_device();
    let t = use_texts();
    let failure = RwSignal::new(None::<String>);
    let moving = RwSignal::new(false);
    let key = ctx.key.clone();
    let on_move = move |_| {
        let t = t.get_untracked();
        // Changes still on this device were written on the old version: they go first.
        if device
            .outbox
            .with_untracked(|o| o.for_report(&key).next().is_some())
        {
            failure.set(Some(t.template_move_pending.to_string()));
            return;
        }
        let path = format!("{}/template/{version}", report_api_path(&key));
        moving.set(true);
        leptos::task::spawn_local(async move {
            let message = match client::post_no_content(&path, &()).await {
                // The page reads the report again, on its new version.
                Ok(()) => return drop(window().location().reload()),
                Err(ClientError::Api(e)) => e.message,
                Err(ClientError::Unauthorized) => t.session_expired.to_string(),
                Err(ClientError::Network) => t.network_error.to_string(),
            };
            let _ = moving.try_set(false);
            let _ = failure.try_set(Some(message));
        });
    };
    let dropped = (!dropped.is_empty()).then(|| dropped.join("; "));
    move || {
        ctx.editable.get().then(|| {
            view! {
                <section class="card notice no-print" aria-labelledby="template-update">
                    <h2 id="template-update">{move || (t.get().template_update)(version)}</h2>
                    <p>{tr(|t| t.template_update_note)}</p>
                    {dropped.clone().map(|d| view! { <p>{tr(|t| t.template_dropped)} " " {d}</p> })}
                    <button type="button" disabled=move || moving.get() on:click=on_move.clone()>
                        {tr(|t| t.template_move)}
                    </button>
                    <p class="error" role="alert">{move || failure.get()}</p>
                </section>
            }
        })
    }
}
