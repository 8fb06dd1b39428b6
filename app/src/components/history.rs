//! "Lịch sử thay đổi": the applied changes of the report, read from the server a page at a
//! time, newest first.

use crate::api::{report_api_path, HistoryEntry, HistoryPage};
use crate::client;
use crate::components::report_ctx::ReportCtx;
use crate::components::report_field::shown_value;
use crate::domain::value::Value;
use crate::format::date_time;
use crate::i18n::{tr, use_texts};
use crate::sync::{Recorded, Slot};
use leptos::prelude::*;

#[component]
pub fn History() -> impl IntoView {
    let t = use_texts();
    let ctx = expect_context::<ReportCtx>();
    let entries = RwSignal::new(None::<Result<Vec<HistoryEntry>, client::ClientError>>);
    // Where the next older page starts, while one remains.
    let more_before = RwSignal::new(None::<i64>);
    let path = StoredValue::new(format!("{}/history", report_api_path(&ctx.key)));
    let fetch = move |before: Option<i64>| {
        let path = path.with_value(|path| match before {
            Some(b) => format!("{path}?before={b}"),
            None => path.clone(),
        });
        leptos::task::spawn_local(async move {
            match client::get::<HistoryPage>(&path).await {
                Ok(page) => {
                    more_before.set(page.more_before);
                    entries.update(|shown| match shown {
                        Some(Ok(list)) if before.is_some() => list.extend(page.entries),
                        _ => *shown = Some(Ok(page.entries)),
                    });
                }
                Err(e) => entries.set(Some(Err(e))),
            }
        });
    };
    let load = move |_| fetch(None);
    let older = move |_| fetch(more_before.get_untracked());
    let (template, criteria) = (ctx.template, ctx.criteria);
    // What changed, and the language of the template's words if that is what it names.
    let label = move |e: &HistoryEntry| match e.slot.clone() {
        Some(Slot::Field(code)) => template
            .with_value(|tpl| {
                tpl.field(&code).map(|f| {
                    let (text, lang) = t.get_untracked().lang.pick(&f.label, f.label_en.as_deref());
                    (text.to_string(), Some(lang))
                })
            })
            .unwrap_or((code, None)),
        Some(Slot::Task(code)) => (format!("{} {code}", t.get_untracked().task), None),
        Some(Slot::Correction(code)) => {
            let field = template.with_value(|tpl| {
                tpl.field(&code).map_or(code.clone(), |f| {
                    let lang = t.get_untracked().lang;
                    lang.pick(&f.label, f.label_en.as_deref()).0.to_string()
                })
            });
            ((t.get_untracked().correction_of)(&field), None)
        }
        Some(Slot::Document(part)) => (part.label(t.get_untracked().lang).to_string(), None),
        Some(Slot::Score(score)) => {
            let label = criteria.with_value(|set| score.label(set.as_ref()));
            (label.get(t.get_untracked().lang).to_string(), None)
        }
        // Attached or removed: what the file is to the report.
        Some(Slot::File(_)) => {
            let kind = [&e.new_value, &e.old_value]
                .into_iter()
                .find_map(|v| match v {
                    Some(Value::File(a)) => Some(a.kind),
                    _ => None,
                });
            (
                kind.map_or("", |k| k.label(t.get_untracked().lang))
                    .to_string(),
                None,
            )
        }
        None => match e.kind.workflow() {
            Some(step) => (t.get_untracked().workflow_step(step).to_string(), None),
            None => (e.kind.as_str().to_string(), None),
        },
    };
    view! {
        <section class="card history">
            <h2>{tr(|t| t.history)}</h2>
            <button type="button" on:click=load>{tr(|t| t.show_history)}</button>
            {move || entries.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p class="muted">{tr(|t| t.history_empty)}</p> }.into_any(),
                Ok(list) => {
                    let numbers = t.get().numbers;
                    view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="history">
                            <thead><tr>
                                <th>{tr(|t| t.col_time)}</th>
                                <th>{tr(|t| t.col_user)}</th>
                                <th>{tr(|t| t.col_field)}</th>
                                <th>{tr(|t| t.col_old)}</th>
                                <th>{tr(|t| t.col_new)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| {
                                    let (what, what_lang) = label(&e);
                                    let conflict = e.outcome == Recorded::Conflict;
                                    // A signing date reads dd/mm/yyyy, as typed.
                                    let part = match e.slot { Some(Slot::Document(part)) => Some(part), _ => None };
                                    let shown = move |v: &Value| match part {
                                        Some(part) => part.shown(v),
                                        None => shown_value(v, numbers),
                                    };
                                    view! {
                                        <tr class:conflict=conflict>
                                            <td>{date_time(e.server_time)}<br /><span class="muted">{tr(|t| t.device_time)} " " {date_time(e.device_time)}</span></td>
                                            // Names and values are data, as recorded.
                                            <td lang="vi">{e.display_name.clone()}</td>
                                            <td lang=what_lang>{what}</td>
                                            <td lang="vi">{e.old_value.as_ref().map(shown)}</td>
                                            <td lang="vi">{e.new_value.as_ref().map(shown)}{e.comment.clone().map(|c| view! { <br /> <em>{c}</em> })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    }.into_any()
                }
                Err(_) => view! { <p class="muted">{tr(|t| t.history_offline)}</p> }.into_any(),
            })}
            {move || more_before.get().is_some().then(|| view! {
                <button type="button" on:click=older>{tr(|t| t.history_older)}</button>
            })}
        </section>
    }
    .into_any()
}
