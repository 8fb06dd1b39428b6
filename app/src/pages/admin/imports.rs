//! "Nhập tệp": a units, lineage, accounts, plan or template file, previewed first (what
//! it adds, changes, moves and leaves, or the line and column it is refused at), applied
//! only on confirmation.

use super::form::{encode, message};
use super::texts::use_admin_texts;
use crate::api::{
    ImportChange, ImportFile, ImportKind, ImportPreview, ImportSummary, MAX_IMPORT_PROBLEMS,
};
use crate::client;
use crate::device::browser::{chosen_file_name, read_chosen_file};
use crate::i18n::use_texts;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn ImportPage() -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let kind = RwSignal::new(ImportKind::OrgUnits);
    let file = RwSignal::new(None::<ImportFile>);
    let preview = RwSignal::new(None::<ImportPreview>);
    let applied = RwSignal::new(None::<ImportSummary>);
    let failure = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let input = NodeRef::<html::Input>::new();

    let send = move |apply: bool| {
        let Some(body) = file.get_untracked() else {
            return;
        };
        let path = format!(
            "/admin/imports/{}{}",
            encode(kind.get_untracked().as_str()),
            if apply { "" } else { "?preview=true" }
        );
        pending.set(true);
        leptos::task::spawn_local(async move {
            match client::post::<_, ImportPreview>(&path, &body).await {
                Ok(answer) if apply => {
                    applied.set(answer.summary);
                    preview.set(None);
                    failure.set(None);
                }
                Ok(answer) => {
                    preview.set(Some(answer));
                    failure.set(None);
                }
                Err(e) => failure.set(t.try_get_untracked().map(|t| message(t, &e))),
            }
            pending.set(false);
        });
    };
    let on_file = move |_| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = chosen_file_name(&el).unwrap_or_default();
            let Some(text) = read_chosen_file(&el).await else {
                return;
            };
            file.set(Some(ImportFile {
                file_name: name,
                text,
            }));
            applied.set(None);
            send(false);
        });
    };
    let on_kind = move |ev| {
        if let Some(k) = ImportKind::parse(&event_target_value(&ev)) {
            kind.set(k);
            applied.set(None);
            send(false);
        }
    };
    let kinds = move || {
        ImportKind::ALL
            .into_iter()
            .map(|k| {
                view! {
                    <option value=k.as_str() selected=move || kind.get() == k>
                        {move || at.get().import_kind(k)}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <section class="card admin-form">
            <h1>{move || at.get().import_title}</h1>
            <p class="muted">{move || at.get().import_note}</p>
            <label for="import-kind">{move || at.get().import_kind_label}</label>
            <select id="import-kind" aria-describedby="import-kind-help" on:change=on_kind>{kinds}</select>
            <p id="import-kind-help" class="muted">{move || at.get().import_kind_help(kind.get())}</p>
            // A plain link: the server sends the file as a download.
            <p class="standalone">
                <a href=move || format!("/api/v1/admin/imports/{}/sample", kind.get().as_str()) download rel="external">
                    {move || at.get().import_sample}
                </a>
            </p>
            <label for="import-file">{move || at.get().import_file}</label>
            <input id="import-file" type="file" accept=".csv,.toml,text/csv" node_ref=input on:change=on_file />
            <p class="error" role="alert">{move || failure.get()}</p>
            <div aria-live="polite">
                {move || preview.get().map(|p| view! { <Preview preview=p pending on_apply=move || send(true) /> })}
                {move || applied.get().map(|s| view! {
                    <p class="notice" role="status">{move || at.get().import_done} " " {move || at.get().import_counts(&s)}</p>
                })}
            </div>
        </section>
    }
}

#[component]
fn Preview<F>(preview: ImportPreview, pending: RwSignal<bool>, on_apply: F) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let at = use_admin_texts();
    if !preview.problems.is_empty() {
        let shown = preview.problems.len();
        let problems = preview
            .problems
            .into_iter()
            .map(|p| {
                let place = at.get_untracked().import_place(p.line, p.column.as_deref());
                view! { <li>{place} {p.message}</li> }
            })
            .collect_view();
        return view! {
            <div class="import-problem">
                <h2>{move || at.get().import_refused} " (" {shown} ")"</h2>
                <ol class="error">{problems}</ol>
                {(shown >= MAX_IMPORT_PROBLEMS).then(|| view! { <p>{move || (at.get().import_first_problems)(shown)}</p> })}
            </div>
        }
        .into_any();
    }
    let Some(summary) = preview.summary else {
        return ().into_any();
    };
    let counts = at.get_untracked().import_counts(&summary);
    let nothing = summary.created + summary.updated + summary.moved == 0;
    // Unchanged records are counted, not listed: a country's file has thousands.
    let rows = summary
        .items
        .into_iter()
        .filter(|i| i.change != ImportChange::Unchanged)
        .map(|i| {
            let change = i.change;
            view! {
                <tr class=format!("import-{change:?}").to_lowercase()>
                    <td class="num">{i.line.map(|l| l.to_string())}</td>
                    <td>{i.key}</td>
                    <td lang="vi">{i.label}</td>
                    <td>{move || at.get().change_name(change)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{move || at.get().import_preview}</h2>
        <p class="import-counts">{counts}</p>
        <div class="table-wrap" tabindex="0">
            <table class="import-items">
                <thead>
                    <tr>
                        <th scope="col" class="num">{move || at.get().import_line}</th>
                        <th scope="col">{move || at.get().import_key}</th>
                        <th scope="col">{move || at.get().import_label}</th>
                        <th scope="col">{move || at.get().import_change}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <button type="button" class="primary" disabled=move || pending.get() || nothing on:click=move |_| on_apply()>
            {move || at.get().import_apply}
        </button>
    }
    .into_any()
}
