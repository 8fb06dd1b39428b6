//! Notices by e-mail. Every half minute each server collects the notices given since the
//! last collection into `deliveries` (the returns, acceptances and reminders of every unit,
//! to each of its staff with an address who did not turn that kind off), then sends what
//! waits and no other server holds. A notice is mailed to a user once: the key of
//! `deliveries` decides between servers, and a server that stops between sending and
//! marking leaves its lease to run out, after which the mail goes again (at least once).

mod collect;
mod letter;
mod mailer;
mod send;

pub use collect::collect;
pub use mailer::{MailSettingsError, Mailer};
pub use send::{send_waiting, Sent};

use crate::state::AppState;
use chrono::Utc;
use std::sync::Arc;
use std::time::Duration;

/// How often notices are collected and mail sent.
const EVERY: Duration = Duration::from_secs(30);

/// Collects and sends every half minute from now on.
pub fn every_half_minute(state: AppState, mailer: Arc<Mailer>) {
    // Which server holds a lease: this process, until it stops.
    let me = format!("{}-{:016x}", std::process::id(), rand::random::<u64>());
    tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let collected = match state.catalog().await {
                Ok(catalog) => {
                    let link = state.settings.link_base();
                    collect(&state.db, &catalog, link.as_deref(), Utc::now()).await
                }
                Err(e) => Err(e),
            };
            if let Err(e) = collected {
                // Logged once here; the next turn collects from where this one began.
                tracing::warn!("cannot collect notices to mail: {e}");
            }
            match send_waiting(&state.db, &mailer, &me, Utc::now()).await {
                Ok(sent) if sent.sent + sent.failed > 0 => {
                    tracing::info!(sent = sent.sent, failed = sent.failed, "mailed notices");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("cannot send mail: {e}"),
            }
        }
    });
}
