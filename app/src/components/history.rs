//! "Lịch sử thay đổi": every applied change of the report, read from the server.

use crate::api::{report_api_path, HistoryEntry};
use crate::client;
use crate::components::report_ctx::ReportCtx;
use crate::components::report_field::shown_value;
use crate::format::date_time;
use crate::i18n::{tr, use_texts};
use crate::sync::Slot;
use leptos::prelude::*;

#[component]
pub fn History() -> impl IntoView {
    let t = use_texts();
    let ctx = expect_context::<ReportCtx>();
    let entries = RwSignal::new(None::<Result<Vec<HistoryEntry>, client::ClientError>>);
    let path = format!("{}/history", report_api_path(&ctx.key));
    let load = move |_| {
        let path = path.clone();
        leptos::task::spawn_local(async move {
            entries.set(Some(client::get::<Vec<HistoryEntry>>(&path).await));
        });
    };
    let template = ctx.template;
    let label = move |e: &HistoryEntry| match e.slot.as_deref().map(Slot::parse) {
        Some(Slot::Field(code)) => template
            .with_value(|tpl| tpl.field(&code).map(|f| f.label.clone()))
            .unwrap_or(code),
        Some(Slot::Task(code)) => format!("{} {code}", t.get_untracked().task),
        None => t.get_untracked().workflow_kind(&e.kind).to_string(),
    };
    view! {
        <section class="card history">
            <h2>{tr(|t| t.history)}</h2>
            <button type="button" on:click=load>{tr(|t| t.show_history)}</button>
            {move || entries.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p class="muted">{tr(|t| t.history_empty)}</p> }.into_any(),
                Ok(list) => view! {
                    <div class="table-wrap">
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
                                    let what = label(&e);
                                    let conflict = e.outcome == "conflict";
                                    view! {
                                        <tr class:conflict=conflict>
                                            <td>{date_time(e.server_time)}<br /><span class="muted">{tr(|t| t.device_time)} " " {date_time(e.device_time)}</span></td>
                                            <td>{e.display_name.clone()}</td>
                                            <td>{what}</td>
                                            <td>{e.old_value.as_ref().map(shown_value)}</td>
                                            <td>{e.new_value.as_ref().map(shown_value)}{e.comment.clone().map(|c| view! { <br /> <em>{c}</em> })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
                Err(_) => view! { <p class="muted">{tr(|t| t.history_offline)}</p> }.into_any(),
            })}
        </section>
    }
    .into_any()
}
