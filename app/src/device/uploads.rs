//! Sending the files queued on this device (see [`file_queue`]): one file at a time, a
//! chunk at a time, each resumed where the server's bytes end, beside the sync of edits
//! (which never waits behind a file). A file whose upload completes is attached to its
//! report through the outbox, like any edit, and leaves the queue. Provided once as
//! context.

use super::engine::{use_device, Device};
use super::file_queue::{self, QueuedFile};
use crate::api::{upload_api_path, ErrorCode, ReportView, UploadStatus, CHUNK_BYTES};
use crate::client::{self, ClientError};
use crate::domain::attachment::FileHash;
use crate::domain::value::Value;
use crate::sync::{Slot, SlotState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use std::time::Duration;

/// How often queued files are tried again while the page is open.
const INTERVAL: Duration = Duration::from_secs(20);

#[derive(Clone, Copy)]
pub struct Uploads {
    /// The signed-in user's files waiting to be sent, oldest first.
    pub queued: RwSignal<Vec<QueuedFile>>,
    /// The bytes the server holds of a file being sent.
    pub sent: RwSignal<BTreeMap<FileHash, u64>>,
    /// Files the server refused, with its reason: kept until the user removes them.
    pub refused: RwSignal<BTreeMap<FileHash, String>>,
    /// The browser could not keep a file.
    pub failed: RwSignal<Option<String>>,
    running: RwSignal<bool>,
    device: Device,
}

pub fn use_uploads() -> Uploads {
    expect_context::<Uploads>()
}

pub fn provide_uploads() -> Uploads {
    let uploads = Uploads {
        queued: RwSignal::new(Vec::new()),
        sent: RwSignal::new(BTreeMap::new()),
        refused: RwSignal::new(BTreeMap::new()),
        failed: RwSignal::new(None),
        running: RwSignal::new(false),
        device: use_device(),
    };
    provide_context(uploads);
    // In the browser only, after hydration: the signed-in user's queue, sent when the
    // network is there.
    Effect::new(move |_| {
        let user = uploads
            .device
            .me
            .with(|me| me.as_ref().map(|m| m.username.clone()));
        let online = uploads.device.online.get();
        if let Some(user) = user {
            spawn_local(async move {
                uploads.reload(&user).await;
                if online {
                    uploads.send();
                }
            });
        } else {
            uploads.queued.set(Vec::new());
        }
    });
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            let interval = set_interval_with_handle(move || uploads.send(), INTERVAL).ok();
            on_cleanup(move || {
                if let Some(i) = interval {
                    i.clear();
                }
            });
        }
    });
    uploads
}

impl Uploads {
    fn user(self) -> Option<String> {
        self.device
            .me
            .with_untracked(|me| me.as_ref().map(|m| m.username.clone()))
    }

    async fn reload(self, user: &str) {
        match file_queue::list(user).await {
            Ok(files) => self.queued.set(files),
            Err(e) => self.failed.set(Some(e.0)),
        }
    }

    /// Queues a file for its report and starts sending it.
    pub async fn add(self, file: QueuedFile, bytes: web_sys::Blob) -> bool {
        let Some(user) = self.user() else {
            return false;
        };
        if let Err(e) = file_queue::add(&user, &file, &bytes).await {
            self.failed.set(Some(e.0));
            return false;
        }
        self.failed.set(None);
        self.queued.update(|q| {
            q.retain(|f| f != &file);
            q.push(file);
        });
        self.send();
        true
    }

    /// Drops a queued file without sending it.
    pub async fn remove(self, file: QueuedFile) {
        let Some(user) = self.user() else {
            return;
        };
        if let Err(e) = file_queue::remove(&user, &file).await {
            self.failed.set(Some(e.0));
            return;
        }
        self.forget(&file);
    }

    fn forget(self, file: &QueuedFile) {
        self.queued.update(|q| q.retain(|f| f != file));
        self.sent.update(|s| {
            s.remove(&file.hash);
        });
        self.refused.update(|r| {
            r.remove(&file.hash);
        });
    }

    /// Sends the queued files, unless a send is under way.
    pub fn send(self) {
        if self.running.get_untracked() || self.device.needs_login.get_untracked() {
            return;
        }
        let Some(user) = self.user() else {
            return;
        };
        self.running.set(true);
        spawn_local(async move {
            let files = self.queued.get_untracked();
            for file in files {
                if self.refused.with_untracked(|r| r.contains_key(&file.hash)) {
                    continue;
                }
                let Some(sent) = send_file(self, user.clone(), file.clone()).await else {
                    // The code that sends could not be fetched: tried again later.
                    break;
                };
                match sent {
                    Ok(()) => {}
                    Err(ClientError::Network) => {
                        self.device.set_online(false);
                        break;
                    }
                    Err(ClientError::Unauthorized) => {
                        self.device.needs_login.set(true);
                        break;
                    }
                    Err(ClientError::Api(e)) if e.code == ErrorCode::Busy => break,
                    Err(ClientError::Api(e)) => {
                        self.refused.update(|r| {
                            r.insert(file.hash.clone(), e.message);
                        });
                    }
                }
            }
            self.running.set(false);
        });
    }

    /// Sends one file from where the server's bytes end, then attaches it.
    async fn send_one(self, user: String, file: QueuedFile) -> Result<(), ClientError> {
        let (user, file) = (user.as_str(), &file);
        let path = upload_api_path(&file.report, &file.hash);
        let Ok(Some(blob)) = file_queue::bytes(user, file).await else {
            self.forget(file);
            return Ok(());
        };
        let size = file.attachment.size;
        let mut at: UploadStatus = client::get(&path).await?;
        while !at.complete {
            self.sent.update(|s| {
                s.insert(file.hash.clone(), at.received);
            });
            let end = (at.received + CHUNK_BYTES as u64).min(size);
            let chunk = blob
                .slice_with_f64_and_f64(at.received as f64, end as f64)
                .map_err(|_| ClientError::Network)?;
            at = client::patch_chunk(&path, at.received, size, &chunk).await?;
        }
        self.device.set_online(true);
        self.attach(file);
        // In the outbox now, which keeps the attachment until the server has it.
        let _ = file_queue::remove(user, file).await;
        self.forget(file);
        Ok(())
    }

    fn attach(self, file: &QueuedFile) {
        let slot = Slot::File(file.hash.clone());
        let path = crate::api::report_api_path(&file.report);
        let base = self
            .device
            .kept::<ReportView>(&path)
            .and_then(|view| {
                view.state
                    .slots
                    .get(&slot.to_string())
                    .map(SlotState::edit_base)
            })
            .unwrap_or_default();
        let value = Some(Value::File(file.attachment.clone()));
        self.device.edit(&file.report, &slot, value, base);
    }

    /// Bytes of the queued files not yet on the server, and their total.
    pub fn progress(self) -> Option<(u64, u64)> {
        let sent = self.sent.get();
        self.queued.with(|q| {
            (!q.is_empty()).then(|| {
                q.iter().fold((0, 0), |(done, all), f| {
                    let size = f.attachment.size;
                    (
                        done + sent.get(&f.hash).copied().unwrap_or(0).min(size),
                        all + size,
                    )
                })
            })
        })
    }
}

/// A file's upload and its attachment to the report, as an edit; `None` when the code that
/// sends could not be fetched. In the ward's build, that code is in the report editor's
/// chunk (with the rest of editing, see `pages/report.rs`): files are queued from the
/// editor, so a device with files to send has fetched it, and the service worker keeps it.
async fn send_file(
    uploads: Uploads,
    user: String,
    file: QueuedFile,
) -> Option<Result<(), ClientError>> {
    #[cfg(feature = "split")]
    return sending(uploads, user, file).await.ok();
    #[cfg(not(feature = "split"))]
    Some(uploads.send_one(user, file).await)
}

#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(
    editor,
    fallible,
    return_wrapper(let sending = _; { Ok(sending.await) } -> Result<Result<(), ClientError>, wasm_split_helpers::SplitLoaderError>)
)]
fn sending(uploads: Uploads, user: String, file: QueuedFile) -> Sending {
    Box::pin(uploads.send_one(user, file))
}

#[cfg(feature = "split")]
type Sending = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ClientError>>>>;
