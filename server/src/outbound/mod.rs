//! Notices outside the app: by e-mail and by Web Push. Every half minute each server
//! collects the notices given since the last collection into `deliveries` (the returns,
//! acceptances and reminders of every unit, to each of its staff whom the channel reaches
//! and who did not turn that kind off), then sends what waits and no other server holds.
//! A notice is sent to a user once per channel: the key of `deliveries` decides between
//! servers, and a server that stops between sending and marking leaves its lease to run
//! out, after which the message goes again (at least once).

mod collect;
pub mod mail;
pub mod push;
mod send;

pub use collect::collect;
pub use send::{send_waiting, Courier, Sent};

use crate::state::AppState;
use chrono::Utc;
use std::time::Duration;

/// How often notices are collected and sent.
const EVERY: Duration = Duration::from_secs(30);

/// Collects and sends every half minute, the first time half a minute from now.
pub fn every_half_minute(state: AppState) {
    // Which server holds a lease: this process, until it stops.
    let me = format!("{}-{:016x}", std::process::id(), rand::random::<u64>());
    tokio::spawn(async move {
        let start = tokio::time::Instant::now() + EVERY;
        let mut every = tokio::time::interval_at(start, EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let mail = state.mailer.as_deref().map(Courier::Mail);
            for courier in mail.into_iter().chain([Courier::Push(&state.pusher)]) {
                turn(&state, courier, &me).await;
            }
        }
    });
}

/// One channel's collection and sending; what fails is logged once here, and the next
/// turn collects from where this one began.
async fn turn(state: &AppState, courier: Courier<'_>, me: &str) {
    let channel = courier.channel().as_str();
    let collected = match state.catalog().await {
        Ok(catalog) => {
            let link = state.settings.link_base();
            collect(
                &state.db,
                &catalog,
                courier.channel(),
                link.as_deref(),
                Utc::now(),
            )
            .await
        }
        Err(e) => Err(e),
    };
    if let Err(e) = collected {
        tracing::warn!(channel, "cannot collect notices to send: {e}");
    }
    match send_waiting(&state.db, courier, me, Utc::now()).await {
        Ok(sent) if sent.sent + sent.failed > 0 => {
            tracing::info!(
                channel,
                sent = sent.sent,
                failed = sent.failed,
                "sent notices"
            );
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(channel, "cannot send notices: {e}"),
    }
}
