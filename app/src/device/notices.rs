//! The signed-in user's notices on this device: read from the server with the sync (at
//! most once a minute) and kept for offline use; a notice marked read offline is shown read
//! at once and the server is told when it can be reached.

use super::engine::use_device;
use super::storage;
use crate::api::{MarkRead, NoticesView, MAX_MARKED, NOTICES_API, NOTICES_READ_API};
use crate::client;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How often the notices are read again while the device syncs.
const REFRESH_SECS: i64 = 60;

#[derive(Clone, Copy)]
pub struct Notices {
    pub view: RwSignal<NoticesView>,
    /// Whether `view` holds the user's notices yet (kept or fetched), not the empty start.
    pub loaded: RwSignal<bool>,
    refreshed: RwSignal<Option<DateTime<Utc>>>,
}

pub fn use_notices() -> Notices {
    expect_context()
}

/// Provides the notices to every page: the kept copy at once, the server's after each
/// sync (the header counts the unread ones).
pub fn provide_notices() {
    let notices = Notices {
        view: RwSignal::new(NoticesView::default()),
        loaded: RwSignal::new(false),
        refreshed: RwSignal::new(None),
    };
    provide_context(notices);
    let device = use_device();
    Effect::new(move |_| {
        let synced = device.last_sync.get();
        let Some(user) = device.me.with(|me| me.as_ref().map(|m| m.username.clone())) else {
            notices.view.set(NoticesView::default());
            notices.loaded.set(false);
            notices.refreshed.set(None);
            return;
        };
        if notices.refreshed.get_untracked().is_none() {
            if let Some(kept) = device.kept::<NoticesView>(NOTICES_API) {
                notices.show(&user, kept);
            }
        }
        let due = match (notices.refreshed.get_untracked(), synced) {
            (Some(at), Some(synced)) => (synced - at).num_seconds() >= REFRESH_SECS,
            _ => true,
        };
        if due {
            notices.refreshed.set(Some(synced.unwrap_or_else(Utc::now)));
            spawn_local(async move {
                notices.send_marks(&user).await;
                match device.fetch::<NoticesView>(NOTICES_API).await {
                    Ok(view) => notices.show(&user, view),
                    // Nothing kept and no server: the page says there is nothing to show.
                    Err(_) => notices.loaded.set(true),
                }
            });
        }
    });
}

impl Notices {
    pub fn unread(self) -> usize {
        self.view.with(NoticesView::unread)
    }

    /// Marks the notices read here at once, and on the server when it can be reached.
    pub fn mark_read(self, ids: Vec<String>) {
        let Some(user) = use_device()
            .me
            .with_untracked(|me| me.as_ref().map(|m| m.username.clone()))
        else {
            return;
        };
        let mut pending = storage::notices_read(&user);
        pending.extend(ids);
        storage::save_notices_read(&user, &pending);
        let view = self.view.get_untracked();
        self.show(&user, view);
        // The kept copy too: offline, the page is drawn from it.
        storage::cache(&user, NOTICES_API, &self.view.get_untracked());
        spawn_local(async move { self.send_marks(&user).await });
    }

    /// The view with the marks not sent yet applied.
    fn show(self, user: &str, mut view: NoticesView) {
        let pending = storage::notices_read(user);
        for notice in &mut view.notices {
            notice.read |= pending.contains(&notice.id);
        }
        self.view.set(view);
        self.loaded.set(true);
    }

    /// Tells the server of the marks made on this device; kept for later when it cannot be
    /// reached.
    async fn send_marks(self, user: &str) {
        let pending = storage::notices_read(user);
        if pending.is_empty() {
            return;
        }
        let ids: Vec<String> = pending.iter().take(MAX_MARKED).cloned().collect();
        let sent = client::post_no_content(NOTICES_READ_API, &MarkRead { ids: ids.clone() }).await;
        if sent.is_ok() {
            let mut left = storage::notices_read(user);
            for id in &ids {
                left.remove(id);
            }
            storage::save_notices_read(user, &left);
        }
    }
}
