//! Typed access to browser storage (localStorage through gloo-storage). Everything a user
//! writes is kept under their username, so two people sharing a browser never see or send
//! each other's drafts, and logging out deletes nothing.

use crate::api::Me;
use crate::sync::outbox::Outbox;
use crate::sync::{ReportKey, MAX_FOLLOW};
use chrono::{DateTime, Utc};
use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};
use std::collections::{BTreeMap, BTreeSet};

const PREFIX: &str = "baocao.v1";

fn user_key(user: &str, name: &str) -> String {
    format!("{PREFIX}.u.{user}.{name}")
}

fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(key).ok()
}

/// This browser's device id, made once.
pub fn device_id() -> String {
    let key = format!("{PREFIX}.device");
    if let Some(id) = get::<String>(&key) {
        return id;
    }
    let id = super::browser::random_id();
    let _ = LocalStorage::set(&key, &id);
    id
}

/// The last signed-in user, so that the app opens offline.
pub fn last_user() -> Option<Me> {
    get(&format!("{PREFIX}.me"))
}

pub fn set_last_user(me: Option<&Me>) {
    let key = format!("{PREFIX}.me");
    match me {
        Some(me) => {
            let _ = LocalStorage::set(&key, me);
        }
        None => LocalStorage::delete(&key),
    }
}

/// A logout the server has not heard of yet (it was made offline).
pub fn logout_pending() -> bool {
    get::<bool>(&format!("{PREFIX}.logout")).unwrap_or(false)
}

pub fn set_logout_pending(pending: bool) {
    let key = format!("{PREFIX}.logout");
    if pending {
        let _ = LocalStorage::set(&key, true);
    } else {
        LocalStorage::delete(&key);
    }
}

pub fn outbox(user: &str) -> Outbox {
    get(&user_key(user, "outbox")).unwrap_or_default()
}

/// Written before the page shows a change as saved; an error must reach the user.
pub fn save_outbox(user: &str, outbox: &Outbox) -> Result<(), StorageError> {
    LocalStorage::set(user_key(user, "outbox"), outbox)
}

pub fn cursor(user: &str) -> i64 {
    get(&user_key(user, "cursor")).unwrap_or(0)
}

pub fn set_cursor(user: &str, cursor: i64) {
    let _ = LocalStorage::set(user_key(user, "cursor"), cursor);
}

pub fn synced_at(user: &str) -> Option<DateTime<Utc>> {
    get(&user_key(user, "synced_at"))
}

pub fn set_synced_at(user: &str, at: DateTime<Utc>) {
    let _ = LocalStorage::set(user_key(user, "synced_at"), at);
}

/// The last answer of the API for `path`, kept for offline use.
pub fn cached<T: DeserializeOwned>(user: &str, path: &str) -> Option<T> {
    get(&user_key(user, &format!("get{path}")))
}

pub fn cache<T: Serialize>(user: &str, path: &str, value: &T) {
    let _ = LocalStorage::set(user_key(user, &format!("get{path}")), value);
}

/// Keeps an answer as the server sent it: the JSON that [`cached`] reads back.
pub fn cache_text(user: &str, path: &str, text: &str) {
    let _ = LocalStorage::raw().set_item(&user_key(user, &format!("get{path}")), text);
}

pub fn cached_text(user: &str, path: &str) -> Option<String> {
    LocalStorage::raw()
        .get_item(&user_key(user, &format!("get{path}")))
        .ok()
        .flatten()
}

/// The reports whose view is kept for `user` (see [`crate::api::report_api_path`]): the
/// ones the device follows in a sync.
pub fn kept_reports(user: &str) -> Vec<ReportKey> {
    let prefix = user_key(user, "get/reports/");
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| {
            let rest = key.strip_prefix(&prefix)?;
            // Other kept paths under /reports (a report's history) have more parts.
            let mut parts = rest.split('/');
            let (Some(plan_id), Some(period_code), Some(unit_code), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            Some(ReportKey {
                plan_id: plan_id.to_string(),
                period_code: period_code.to_string(),
                unit_code: unit_code.to_string(),
            })
        })
        .take(MAX_FOLLOW)
        .collect()
}

/// The fields of `unit`'s kept reports that wait for the user to choose between values
/// (a conflict), as (report, slot), oldest kept first.
pub fn conflicts(user: &str, unit: &str) -> Vec<(ReportKey, String)> {
    kept_reports(user)
        .into_iter()
        .filter(|key| key.unit_code == unit)
        .filter_map(|key| {
            cached::<crate::api::ReportView>(user, &crate::api::report_api_path(&key))
        })
        .flat_map(|view| {
            let key = view.state.report.clone();
            view.state
                .slots
                .iter()
                .filter(|(_, slot)| slot.visible_conflicts().next().is_some())
                .map(|(code, _)| (key.clone(), code.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What was typed into number fields but does not parse yet, by slot: kept so that no
/// keystroke is lost, never sent.
pub fn drafts(user: &str, report_id: &str) -> BTreeMap<String, String> {
    get(&user_key(user, &format!("draft.{report_id}"))).unwrap_or_default()
}

pub fn save_drafts(
    user: &str,
    report_id: &str,
    drafts: &BTreeMap<String, String>,
) -> Result<(), StorageError> {
    LocalStorage::set(user_key(user, &format!("draft.{report_id}")), drafts)
}

/// Keeps what was typed in a slot and does not parse yet (`Some`), or forgets it.
pub fn keep_draft(user: &str, report_id: &str, slot: &str, draft: Option<&str>) {
    let mut drafts = drafts(user, report_id);
    match draft {
        Some(text) => drafts.insert(slot.to_string(), text.to_string()),
        None => drafts.remove(slot),
    };
    let _ = save_drafts(user, report_id, &drafts);
}

/// A reviewer's return comment as typed, kept until the return is queued.
pub fn return_comment(user: &str, report_id: &str) -> String {
    get(&user_key(user, &format!("return.{report_id}"))).unwrap_or_default()
}

/// Keeps `text` as the return comment being typed; an empty one is forgotten.
pub fn save_return_comment(user: &str, report_id: &str, text: &str) -> Result<(), StorageError> {
    let key = user_key(user, &format!("return.{report_id}"));
    if text.is_empty() {
        LocalStorage::delete(key);
        Ok(())
    } else {
        LocalStorage::set(key, text)
    }
}

/// The notices `user` read on this device that the server has not been told of yet.
pub fn notices_read(user: &str) -> BTreeSet<String> {
    get(&user_key(user, "notices.read")).unwrap_or_default()
}

pub fn save_notices_read(user: &str, ids: &BTreeSet<String>) {
    let key = user_key(user, "notices.read");
    if ids.is_empty() {
        LocalStorage::delete(key);
    } else {
        let _ = LocalStorage::set(key, ids);
    }
}

/// Bytes baocao keeps in this browser's storage (UTF-16, as browsers count them).
pub fn bytes_used() -> usize {
    let storage = LocalStorage::raw();
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .map(|k| {
            let v = storage.get_item(&k).ok().flatten().unwrap_or_default();
            (k.encode_utf16().count() + v.encode_utf16().count()) * 2
        })
        .sum()
}
