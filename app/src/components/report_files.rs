//! A report's files: the signed copy and evidence attached, those waiting on this device
//! to be sent (with their progress), and, while the report may be written, the way to add
//! one from a disk or a phone's camera.

use crate::api::file_api_path;
use crate::client::API;
use crate::components::evidence_criterion::EvidenceCriterion;
use crate::components::report_ctx::ReportCtx;
use crate::device::browser;
use crate::device::engine::use_device;
use crate::device::file_queue::QueuedFile;
use crate::device::uploads::use_uploads;
use crate::domain::attachment::{
    Attachment, AttachmentKind, FileHash, FileLimits, FileRefusal, FileType, SNIFF_BYTES,
};
use crate::domain::value::Value;
use crate::format::megabytes;
use crate::i18n::{use_texts, FileTexts};
use crate::lang::Lang;
use crate::sync::{ReportKey, ReportState, Slot, SlotState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use sha2::{Digest, Sha256};
use wasm_bindgen::JsCast;

/// A photo's long side once made smaller, in pixels.
const PHOTO_LONG_SIDE: u32 = 2000;

/// The files a report attaches now.
fn attached(state: &ReportState) -> Vec<(FileHash, Attachment)> {
    state
        .slots
        .iter()
        .filter_map(
            |(slot, s)| match (Slot::parse(slot), s.current.as_ref()?.value.as_ref()?) {
                (Slot::File(hash), Value::File(file)) => Some((hash, file.clone())),
                _ => None,
            },
        )
        .collect()
}

#[component]
pub fn ReportFiles(limits: FileLimits) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let uploads = use_uploads();
    let t = use_texts();
    let ft = move || FileTexts::of(t.get().lang);
    let key = StoredValue::new(ctx.key.clone());
    let files = Memo::new(move |_| ctx.state.with(attached));
    let queued = Memo::new(move |_| {
        uploads.queued.with(|q| {
            key.with_value(|k| {
                q.iter()
                    .filter(|f| &f.report == k)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    // A self-assessment's evidence is for one of its criteria or bonus items.
    let criteria: Vec<(String, String)> = ctx.criteria.with_value(|set| {
        set.iter()
            .flat_map(|s| {
                let criteria = s
                    .criteria
                    .iter()
                    .filter(|c| c.evidence)
                    .map(|c| (&c.code, &c.title));
                criteria.chain(
                    s.bonus
                        .iter()
                        .filter(|b| b.evidence)
                        .map(|b| (&b.code, &b.title)),
                )
            })
            .map(|(code, title)| (code.clone(), title.clone()))
            .collect()
    });
    let assesses = !criteria.is_empty();
    let options = StoredValue::new(criteria.clone());
    let criterion = RwSignal::new(criteria.first().map(|(code, _)| code.clone()));
    let kind = RwSignal::new(if assesses {
        AttachmentKind::Evidence
    } else {
        AttachmentKind::Signed
    });
    let keep_original = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let reading = RwSignal::new(false);

    let chosen = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        let lang = t.get_untracked().lang;
        let choice = Choice {
            report: key.get_value(),
            kind: kind.get_untracked(),
            criterion: (kind.get_untracked() == AttachmentKind::Evidence)
                .then(|| criterion.get_untracked())
                .flatten(),
            keep_original: keep_original.get_untracked(),
            limits,
        };
        reading.set(true);
        problem.set(None);
        spawn_local(async move {
            for file in chosen {
                // Bytes already on the report or waiting to be sent.
                let used = files.with_untracked(|f| f.iter().map(|(_, a)| a.size).sum::<u64>())
                    + queued.with_untracked(|q| q.iter().map(|f| f.attachment.size).sum::<u64>());
                match choice.prepare(file, used).await {
                    Ok((queued_file, blob)) => {
                        uploads.add(queued_file, blob).await;
                    }
                    Err(refusal) => problem.set(Some(refusal.message(lang))),
                }
            }
            reading.set(false);
        });
    };

    view! {
        <section class="card report-files" data-testid="report-files">
            <h2>{move || ft().title}</h2>
            <p class="muted">{move || ft().intro}</p>
            <ul class="file-list">
                <For each=move || files.get() key=|(hash, a)| (hash.clone(), a.name.clone()) let((hash, file))>
                    <AttachedRow hash file />
                </For>
                <For each=move || queued.get() key=|f| f.hash.clone() let(file)>
                    <QueuedRow file />
                </For>
            </ul>
            {move || (files.with(Vec::is_empty) && queued.with(Vec::is_empty))
                .then(|| view! { <p class="muted">{move || ft().none}</p> })}
            <Show when=move || ctx.editable.get()>
                <fieldset class="file-add">
                    <legend>{move || ft().kind}</legend>
                    {[AttachmentKind::Signed, AttachmentKind::Evidence].map(|k| view! {
                        <label class="choice">
                            <input type="radio" name="file-kind" prop:checked=move || kind.get() == k
                                on:change=move |_| kind.set(k) />
                            " " {move || k.label(t.get().lang)}
                        </label>
                    }).collect_view()}
                    {assesses.then(|| view! {
                        <Show when=move || kind.get() == AttachmentKind::Evidence>
                            <EvidenceCriterion options criterion />
                        </Show>
                    })}
                    <div class="file-buttons">
                        <label class="button">
                            {move || ft().choose}
                            <input type="file" class="visually-hidden" multiple accept=accepted()
                                data-testid="file-input" on:change=chosen />
                        </label>
                        <label class="button secondary">
                            {move || ft().take_photo}
                            <input type="file" class="visually-hidden" accept="image/*" capture="environment"
                                on:change=chosen />
                        </label>
                    </div>
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || keep_original.get()
                            on:change=move |_| keep_original.update(|k| *k = !*k) />
                        " " {move || ft().keep_original}
                    </label>
                </fieldset>
                {move || reading.get().then(|| view! { <p class="muted">{move || ft().reading}</p> })}
                {move || problem.get().map(|p| view! { <p class="error" role="alert" data-testid="file-problem">{p}</p> })}
                {move || uploads.failed.get().is_some().then(|| view! { <p class="error" role="alert">{move || ft().not_kept}</p> })}
            </Show>
        </section>
    }
    // Its own type, not a part of the report page's (whose type would grow too deep).
    .into_any()
}

/// The `accept` of the file input: the types taken, by MIME type and extension.
fn accepted() -> String {
    FileType::ALL
        .iter()
        .flat_map(|t| [t.mime().to_string(), format!(".{}", t.extension())])
        .collect::<Vec<_>>()
        .join(",")
}

#[component]
fn AttachedRow(hash: FileHash, file: Attachment) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let device = use_device();
    let t = use_texts();
    let ft = move || FileTexts::of(t.get().lang);
    let href = format!("{API}{}", file_api_path(&ctx.key, &hash));
    let slot = Slot::File(hash);
    let key = ctx.key.clone();
    let remove = move |_| {
        let base = ctx.server.with_untracked(|s| {
            s.slots
                .get(&slot.to_string())
                .map(SlotState::edit_base)
                .unwrap_or_default()
        });
        device.edit(&key, &slot, None, base);
    };
    let kind = file.kind;
    let criterion = file.criterion.as_ref().and_then(|code| {
        ctx.criteria.with_value(|set| {
            set.as_ref()
                .and_then(|s| s.title_of(code))
                .map(str::to_string)
        })
    });
    view! {
        <li class="file" data-testid="attached-file">
            <span class="badge">{move || kind.label(t.get().lang)}</span>
            {criterion.map(|title| view! { " " <span class="muted" lang="vi">{title}</span> })}
            " " <a href=href download>{file.name.clone()}</a>
            " " <span class="muted">{move || megabytes(file.size, t.get().lang)}</span>
            <Show when=move || ctx.editable.get()>
                " " <button class="link-button" on:click=remove.clone()>{move || ft().remove}</button>
            </Show>
        </li>
    }
}

#[component]
fn QueuedRow(file: QueuedFile) -> impl IntoView {
    let uploads = use_uploads();
    let device = use_device();
    let t = use_texts();
    let ft = move || FileTexts::of(t.get().lang);
    let hash = file.hash.clone();
    let size = file.attachment.size;
    let state = Memo::new(move |_| {
        let lang = t.get().lang;
        if let Some(reason) = uploads.refused.with(|r| r.get(&hash).cloned()) {
            return (true, (ft().refused)(&reason));
        }
        if !device.online.get() {
            return (false, ft().waiting.to_string());
        }
        let sent = uploads.sent.with(|s| s.get(&hash).copied().unwrap_or(0));
        (
            false,
            (ft().sending)(&mb_of(sent, lang), &megabytes(size, lang)),
        )
    });
    let kind = file.attachment.kind;
    let dropped = file.clone();
    view! {
        <li class="file queued" data-testid="queued-file">
            <span class="badge">{move || kind.label(t.get().lang)}</span>
            " " {file.attachment.name.clone()}
            " " <span class=move || if state.with(|s| s.0) { "error" } else { "muted" } data-testid="file-state">{move || state.with(|s| s.1.clone())}</span>
            " " <button class="link-button" on:click=move |_| {
                let file = dropped.clone();
                spawn_local(async move { uploads.remove(file).await });
            }>{move || ft().remove}</button>
        </li>
    }
}

/// A part sent, in the unit of the whole ("3,2" of "8 MB").
fn mb_of(bytes: u64, lang: Lang) -> String {
    megabytes(bytes, lang).trim_end_matches(" MB").to_string()
}

/// What the user chose for the files they add.
#[derive(Clone)]
struct Choice {
    report: ReportKey,
    kind: AttachmentKind,
    /// In a self-assessment, the criterion the evidence is for.
    criterion: Option<String>,
    keep_original: bool,
    limits: FileLimits,
}

impl Choice {
    /// A chosen file as it is queued: its type read from its bytes, a photo made smaller
    /// unless the original is kept, within the limits, named by its SHA-256.
    async fn prepare(
        &self,
        file: web_sys::File,
        used: u64,
    ) -> Result<(QueuedFile, web_sys::Blob), FileRefusal> {
        let mut name = Attachment::clean_name(&file.name())?;
        let mut blob: web_sys::Blob = (*file).clone();
        let mut bytes = browser::blob_bytes(&blob).await.ok_or(FileRefusal::Type)?;
        let mut file_type = FileType::of_content(&bytes[..bytes.len().min(SNIFF_BYTES)])
            .ok_or(FileRefusal::Type)?;
        if file_type.is_image() && !self.keep_original {
            if let Some(smaller) = browser::smaller_photo(&blob, PHOTO_LONG_SIDE).await {
                if let Some(smaller_bytes) = browser::blob_bytes(&smaller).await {
                    bytes = smaller_bytes;
                    blob = smaller;
                    file_type = FileType::Jpeg;
                    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                    name = format!("{stem}.jpg");
                }
            }
        }
        let size = bytes.len() as u64;
        self.limits.admit(size, used)?;
        let hash = FileHash::of_digest(&Sha256::digest(&bytes));
        let attachment = Attachment {
            kind: self.kind,
            name,
            size,
            file_type,
            criterion: self.criterion.clone(),
        };
        let queued = QueuedFile {
            report: self.report.clone(),
            hash,
            attachment,
            queued_at: js_sys::Date::now() as i64,
        };
        Ok((queued, blob))
    }
}
