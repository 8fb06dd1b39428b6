//! The device: who is signed in (remembered for offline use), the outbox, and the sync loop
//! that pushes it and pulls changes. Provided once as context.

use super::{browser, storage};
use crate::api::{report_api_path, ErrorCode, LanguageChoice, Me, PlanOverview, ReportView, Role};
use crate::client::{self, ClientError};
use crate::domain::value::Value;
use crate::i18n::Lang;
use crate::sync::outbox::{Author, Outbox, BATCH_BYTES};
use crate::sync::{Change, ReportKey, ReportState, Slot, SyncRequest, SyncResponse};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Mutations per push.
const BATCH: usize = 100;
/// Sync this long after the last edit.
const AFTER_EDIT: Duration = Duration::from_millis(1500);
/// Sync this often while the page is open.
const INTERVAL: Duration = Duration::from_secs(20);
/// The longest wait between retries.
const MAX_BACKOFF_SECS: u32 = 60;

#[derive(Clone, Copy)]
pub struct Device {
    pub me: RwSignal<Option<Me>>,
    /// Whether the server was asked who is signed in (or could not be reached), or the
    /// user signed in on this page.
    pub checked: RwSignal<bool>,
    /// The server no longer knows the session; everything local is kept meanwhile.
    pub needs_login: RwSignal<bool>,
    pub outbox: RwSignal<Outbox>,
    pub online: RwSignal<bool>,
    pub busy: RwSignal<bool>,
    pub last_sync: RwSignal<Option<DateTime<Utc>>>,
    /// Bumped whenever a pull brought changed reports (a long pull once, at its end).
    pub pulled: RwSignal<u64>,
    /// Browser storage refused a write (full or disabled): the user must know.
    pub storage_failed: RwSignal<bool>,
    /// The server refused the last push as a whole, in its words: not a lost network.
    pub refused: RwSignal<Option<String>>,
    /// Fields of the user's unit's reports that wait for the user to choose between two
    /// values, as (report, slot): until chosen, not everything is settled on the server.
    pub conflicts: RwSignal<Vec<(ReportKey, String)>>,
    /// Set at logout when unsent changes stay behind for the user's next login.
    pub left_behind: RwSignal<Option<(String, usize)>>,
    /// An administrator closed the account: signed out here, its unsent changes kept
    /// for when it is reopened.
    pub closed: RwSignal<bool>,
    failures: RwSignal<u32>,
    /// Mutations per push: halved while pushes are refused as too large (a proxy may
    /// allow less than the server), grown back after each success.
    batch: RwSignal<usize>,
    again: RwSignal<bool>,
    /// Pages of a pull brought changes not yet announced through `pulled`.
    unannounced: RwSignal<bool>,
    edits: RwSignal<u64>,
    device_id: StoredValue<String>,
}

pub fn use_device() -> Device {
    expect_context::<Device>()
}

pub fn provide_device() -> Device {
    let device = Device {
        me: RwSignal::new(None),
        checked: RwSignal::new(false),
        needs_login: RwSignal::new(false),
        outbox: RwSignal::new(Outbox::default()),
        online: RwSignal::new(true),
        busy: RwSignal::new(false),
        last_sync: RwSignal::new(None),
        pulled: RwSignal::new(0),
        storage_failed: RwSignal::new(false),
        refused: RwSignal::new(None),
        conflicts: RwSignal::new(Vec::new()),
        left_behind: RwSignal::new(None),
        closed: RwSignal::new(false),
        failures: RwSignal::new(0),
        batch: RwSignal::new(BATCH),
        again: RwSignal::new(false),
        unannounced: RwSignal::new(false),
        edits: RwSignal::new(0),
        device_id: StoredValue::new(String::new()),
    };
    provide_context(device);
    // Effects run in the browser only, after hydration.
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            device.start();
        }
    });
    device
}

impl Device {
    fn start(self) {
        self.device_id.set_value(storage::device_id());
        self.set_online(browser::navigator_online());
        if let Some(me) = storage::last_user() {
            self.use_user(me);
        }
        browser::register_service_worker();
        spawn_local(async {
            browser::persist_storage().await;
        });
        let on_online = window_event_listener(leptos::ev::online, move |_| {
            self.set_online(true);
            self.failures.set(0);
            self.sync_now();
        });
        let on_offline =
            window_event_listener(leptos::ev::offline, move |_| self.set_online(false));
        let interval = set_interval_with_handle(move || self.sync_now(), INTERVAL).ok();
        on_cleanup(move || {
            on_online.remove();
            on_offline.remove();
            if let Some(i) = interval {
                i.clear();
            }
        });
        spawn_local(async move {
            if !self.end_session().await {
                // Offline after a logout: nobody is signed in until the server knows.
                self.set_online(false);
                self.checked.set(true);
                return;
            }
            let answer = client::get::<Me>("/me").await;
            // The user signed in while this was asked (a slow line): the answer, given to
            // the browser before it had a session, is stale.
            if self.checked.get_untracked() {
                return;
            }
            match answer {
                Ok(me) => self.signed_in(me),
                Err(ClientError::Unauthorized) => {
                    // A remembered user keeps their local work and is asked to log in again.
                    self.needs_login.set(self.me.get_untracked().is_some());
                }
                Err(ClientError::Api(e)) if e.code == ErrorCode::AccountClosed => {
                    self.account_closed()
                }
                Err(_) => self.set_online(false),
            }
            self.checked.set(true);
        });
    }

    fn use_user(self, me: Me) {
        self.outbox.set(storage::outbox(&me.username));
        self.last_sync.set(storage::synced_at(&me.username));
        self.conflicts
            .set(storage::conflicts(&me.username, &me.unit.code));
        self.refused.set(None);
        self.me.set(Some(me));
    }

    /// After a login (or a session found valid): this user's data, and a sync.
    pub fn signed_in(self, me: Me) {
        // A new session replaces any one a logout left behind.
        storage::set_logout_pending(false);
        storage::set_last_user(Some(&me));
        self.use_user(me);
        self.needs_login.set(false);
        self.closed.set(false);
        self.checked.set(true);
        self.failures.set(0);
        self.sync_now();
        self.prefetch();
    }

    /// The user chose a new password: the reset's demand is met.
    pub fn password_changed(self) {
        let Some(mut me) = self.me.get_untracked() else {
            return;
        };
        me.must_change_password = false;
        storage::set_last_user(Some(&me));
        self.me.set(Some(me));
        self.sync_now();
    }

    /// The user chose a language here: the server remembers it for their other devices
    /// (best effort: offline, the choice stays this browser's until the next one).
    pub fn remember_language(self, language: Lang) {
        if self.me.with_untracked(Option::is_none) {
            return;
        }
        spawn_local(async move {
            let choice = LanguageChoice { language };
            let _ = client::put_no_content("/me/language", &choice).await;
        });
    }

    /// Logs out at once on this device, and on the server now or, offline, at the next
    /// start: the session must not come back to life when the network does.
    pub async fn sign_out(self) {
        self.signed_out();
        storage::set_logout_pending(true);
        self.end_session().await;
    }

    /// Ends a server session a logout left behind; false when the server was unreachable.
    async fn end_session(self) -> bool {
        if !storage::logout_pending() {
            return true;
        }
        let ended = client::delete("/session").await.is_ok();
        if ended {
            storage::set_logout_pending(false);
        }
        ended
    }

    /// After a logout: local data stays for the user's next login.
    /// The server refused the session because the account was closed: the page goes to
    /// the login, which says so.
    fn account_closed(self) {
        self.signed_out();
        self.closed.set(true);
    }

    fn signed_out(self) {
        if let Some(me) = self.me.get_untracked() {
            let pending = self.outbox.with_untracked(Outbox::len);
            self.left_behind
                .set((pending > 0).then_some((me.display_name.clone(), pending)));
        }
        storage::set_last_user(None);
        self.me.set(None);
        self.outbox.set(Outbox::default());
        self.last_sync.set(None);
        self.needs_login.set(false);
    }

    fn author(self) -> Option<Author> {
        Some(Author {
            user: self.me.get_untracked()?.username,
            device_id: self.device_id.get_value(),
            now: Utc::now(),
        })
    }

    /// Writes the outbox to storage first, and only then shows it.
    fn commit(self, user: &str, outbox: Outbox) {
        let saved = storage::save_outbox(user, &outbox).is_ok();
        self.note_saved(saved);
        self.outbox.set(outbox);
    }

    /// Whether the server answers; set only when that changes, as parts of every page read
    /// it and each sync would otherwise redraw them.
    pub(crate) fn set_online(self, online: bool) {
        if self.online.get_untracked() != online {
            self.online.set(online);
        }
    }

    /// Whether the outbox could be saved; set only when that changes, as the status line
    /// reads it and a keystroke should not redraw it.
    fn note_saved(self, saved: bool) {
        if self.storage_failed.get_untracked() == saved {
            self.storage_failed.set(!saved);
        }
    }

    /// A change to the outbox made in place, saved, and only then shown: a keystroke
    /// neither copies the whole outbox nor reaches the page before it is in storage.
    fn change_outbox(self, user: &str, change: impl FnOnce(&mut Outbox)) {
        self.outbox.update_untracked(change);
        let saved = self
            .outbox
            .with_untracked(|outbox| storage::save_outbox(user, outbox))
            .is_ok();
        self.note_saved(saved);
        self.outbox.notify();
    }

    /// Records an edit of a slot.
    pub fn edit(
        self,
        report: &ReportKey,
        slot: &Slot,
        value: Option<Value>,
        server_base: Vec<String>,
    ) {
        let Some(author) = self.author() else { return };
        self.change_outbox(&author.user, |outbox| {
            outbox.edit(
                browser::random_id,
                &author,
                report,
                slot,
                value,
                server_base,
            )
        });
        self.sync_soon();
    }

    /// Queues a resolution or a workflow step.
    pub fn queue(self, report: &ReportKey, change: Change) {
        let Some(author) = self.author() else { return };
        self.change_outbox(&author.user, |outbox| {
            outbox.queue(browser::random_id(), &author, report, change)
        });
        self.sync_now();
    }

    /// Adds a backup file's mutations to the outbox; returns how many were new.
    pub fn restore(self, mutations: Vec<crate::sync::Mutation>) -> usize {
        let Some(author) = self.author() else {
            return 0;
        };
        let mut outbox = self.outbox.get_untracked();
        let added = outbox.restore(&author.user, mutations);
        self.commit(&author.user, outbox);
        self.sync_now();
        added
    }

    fn sync_soon(self) {
        let edit = self.edits.get_untracked() + 1;
        self.edits.set(edit);
        set_timeout(
            move || {
                if self.edits.get_untracked() == edit {
                    self.sync_now();
                }
            },
            AFTER_EDIT,
        );
    }

    fn retry_later(self) {
        let failures = self.failures.get_untracked().saturating_add(1);
        self.failures.set(failures);
        let secs = 2u32.saturating_pow(failures.min(6)).min(MAX_BACKOFF_SECS);
        set_timeout(
            move || self.sync_now(),
            Duration::from_secs(u64::from(secs)),
        );
    }

    /// Pushes the outbox and pulls changes; never blocks the page. A call during a sync makes
    /// another sync follow it.
    pub fn sync_now(self) {
        let Some(user) = self.me.get_untracked().map(|m| m.username) else {
            return;
        };
        if self.needs_login.get_untracked() {
            return;
        }
        if self.busy.get_untracked() {
            self.again.set(true);
            return;
        }
        self.busy.set(true);
        let mut outbox = self.outbox.get_untracked();
        let mutations = outbox.take_batch(self.batch.get_untracked(), BATCH_BYTES);
        let sent = mutations.len();
        self.commit(&user, outbox);
        let request = SyncRequest {
            cursor: storage::cursor(&user),
            mutations,
            follow: storage::kept_reports(&user),
        };
        spawn_local(async move {
            let response = client::post::<_, SyncResponse>("/sync", &request).await;
            self.busy.set(false);
            if self.me.get_untracked().map(|m| m.username).as_deref() != Some(user.as_str()) {
                return;
            }
            match response {
                Ok(r) => {
                    let mut outbox = self.outbox.get_untracked();
                    outbox.settle(&r.results);
                    let more = outbox.pending.iter().any(|p| !p.sent);
                    self.commit(&user, outbox);
                    store_states(&user, &r.reports);
                    if !r.reports.is_empty() {
                        if let Some(me) = self.me.get_untracked() {
                            self.conflicts.set(storage::conflicts(&user, &me.unit.code));
                        }
                    }
                    if self.refused.with_untracked(Option::is_some) {
                        self.refused.set(None);
                    }
                    storage::set_cursor(&user, r.cursor);
                    let now = Utc::now();
                    storage::set_synced_at(&user, now);
                    self.last_sync.set(Some(now));
                    self.set_online(true);
                    self.failures.set(0);
                    self.batch.update(|n| *n = (*n * 2).min(BATCH));
                    // Every page would make the open views refetch: announce a long pull once.
                    if !r.reports.is_empty() || r.changed_elsewhere {
                        self.unannounced.set(true);
                    }
                    if !r.more && self.unannounced.get_untracked() {
                        self.unannounced.set(false);
                        self.pulled.update(|n| *n += 1);
                    }
                    if more || r.more || self.again.get_untracked() {
                        self.again.set(false);
                        self.sync_now();
                    }
                }
                Err(ClientError::Unauthorized) => self.needs_login.set(true),
                Err(ClientError::Network) => {
                    self.set_online(false);
                    self.retry_later();
                }
                // Too large: the same changes again in smaller pushes, at once. One
                // change alone that is refused waits like any other refusal.
                Err(ClientError::Api(e)) if e.code == ErrorCode::PayloadTooLarge && sent > 1 => {
                    self.batch.set((sent / 2).max(1));
                    self.sync_now();
                }
                Err(ClientError::Api(e)) if e.code == ErrorCode::AccountClosed => {
                    self.account_closed()
                }
                // Refused as a whole (a 4xx): the user reads the server's reason; the
                // changes stay in the outbox and go again later.
                Err(ClientError::Api(e)) => {
                    self.refused.set(Some(e.message));
                    self.retry_later();
                }
            }
        });
    }

    /// Reads an API path: the server's answer when it can be reached (kept for later), else
    /// the last kept answer.
    pub async fn fetch<T: DeserializeOwned>(self, path: &str) -> Result<T, ClientError> {
        // An answer is kept only once it reads as `T`: a kept copy is never lost to one
        // that does not.
        let answer = client::get_text(path)
            .await
            .and_then(|text| Ok((client::parse::<T>(&text)?, text)));
        match answer {
            Ok((value, text)) => {
                self.answered(path, &text);
                Ok(value)
            }
            Err(e) => client::parse(&self.unanswered(path, e)?),
        }
    }

    fn answered(self, path: &str, text: &str) {
        if let Some(me) = self.me.get_untracked() {
            storage::cache_text(&me.username, path, text);
        }
        self.set_online(true);
    }

    /// What a failed read tells the device; the kept answer to show instead, if any.
    fn unanswered(self, path: &str, e: ClientError) -> Result<String, ClientError> {
        let user = self.me.get_untracked().map(|m| m.username);
        match &e {
            ClientError::Unauthorized => self.needs_login.set(user.is_some()),
            ClientError::Network => self.set_online(false),
            // Nothing kept is shown to a closed account.
            ClientError::Api(api) if api.code == ErrorCode::AccountClosed => {
                self.account_closed();
                return Err(e);
            }
            ClientError::Api(_) => {}
        }
        user.and_then(|u| storage::cached_text(&u, path)).ok_or(e)
    }

    /// The kept answer for a path, at once.
    pub fn kept<T: DeserializeOwned>(self, path: &str) -> Option<T> {
        let user = self.me.get_untracked()?.username;
        storage::cached(&user, path)
    }

    /// Keeps ward staff's reports on the device, so that a direct link opens offline.
    fn prefetch(self) {
        let Some(me) = self.me.get_untracked() else {
            return;
        };
        if me.role != Role::NhapLieu {
            return;
        }
        spawn_local(async move {
            let Ok(plans) = self.fetch::<Vec<PlanOverview>>("/periods").await else {
                return;
            };
            for plan in plans {
                for period in plan.periods {
                    for unit in period.units.iter().filter(|u| u.unit_code == me.unit.code) {
                        let key = ReportKey {
                            plan_id: plan.plan_id.clone(),
                            period_code: period.period.code.clone(),
                            unit_code: unit.unit_code.clone(),
                        };
                        let path = report_api_path(&key);
                        if storage::cached::<ReportView>(&me.username, &path).is_none() {
                            let _ = self.fetch::<ReportView>(&path).await;
                        }
                    }
                }
            }
        });
    }
}

/// Replaces the kept state of pulled reports.
fn store_states(user: &str, states: &[ReportState]) {
    for state in states {
        let path = report_api_path(&state.report);
        if let Some(mut view) = storage::cached::<ReportView>(user, &path) {
            if view.state.seq <= state.seq {
                view.state = state.clone();
                storage::cache(user, &path, &view);
            }
        }
    }
}
