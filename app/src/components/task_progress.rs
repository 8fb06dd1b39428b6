//! Plan progress: for each task, how many assigned units report it done, in progress or not
//! started in the reports in hand, and each unit's answer one click away.

use crate::api::{task_progress_api_path, TaskProgressView, UnitQuery};
use crate::device::fetched::use_fetched;
use crate::domain::task::TaskStatus;
use crate::domain::task_progress::{TaskAnswer, TaskRow};
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;

#[component]
pub fn TaskProgressSection(plan_id: String, period_code: String, unit: String) -> impl IntoView {
    let path = Memo::new(move |_| {
        task_progress_api_path(
            &plan_id,
            &period_code,
            &UnitQuery {
                unit: Some(unit.clone()),
            },
        )
    });
    let data = use_fetched::<TaskProgressView>(path);
    view! {
        <section class="card">
            <h2>{tr(|t| t.task_progress_heading)}</h2>
            {move || match data.get() {
                Some(Ok(view)) => view! { <TaskTable rows=view.tasks /> }.into_any(),
                Some(Err(_)) => view! { <p class="error">{tr(|t| t.not_on_device)}</p> }.into_any(),
                None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TaskTable(rows: Vec<TaskRow>) -> impl IntoView {
    let t = use_texts();
    let status = move |s: TaskStatus| move || s.label(t.get().lang);
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="task-progress" data-testid="task-progress">
                <thead>
                    <tr>
                        <th>{tr(|t| t.task)}</th>
                        <th class="num">{status(TaskStatus::HoanThanh)}</th>
                        <th class="num">{status(TaskStatus::DangThucHien)}</th>
                        <th class="num">{status(TaskStatus::ChuaThucHien)}</th>
                        <th class="num">{tr(|t| t.not_reported)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let c = row.counts.clone();
                            view! {
                                <tr data-task=row.task.code.clone()>
                                    <td>
                                        <details>
                                            <summary>{row.task.code.clone()} ". " <span lang="vi">{row.task.text.clone()}</span></summary>
                                            <ul class="answers">{row.answers.into_iter().map(|a| view! { <Answer answer=a /> }).collect_view()}</ul>
                                        </details>
                                    </td>
                                    <td class="num ok">{c.done}</td>
                                    <td class="num">{c.in_progress}</td>
                                    <td class="num">{c.not_started}</td>
                                    <td class="num overdue">{c.not_reported}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Answer(answer: TaskAnswer) -> impl IntoView {
    let t = use_texts();
    let status = answer.status;
    let label = move || match status {
        Some(s) => s.label(t.get().lang),
        None => t.get().not_reported,
    };
    let note = (!answer.note.is_empty())
        .then(|| view! { " – " <span class="muted">{answer.note.clone()}</span> });
    view! { <li><strong lang="vi">{answer.unit_name.clone()}</strong> ": " {label} <span lang="vi">{note}</span></li> }
}
