//! One plan task of the report: its status and a note, synced as one slot.

use crate::components::report_ctx::ReportCtx;
use crate::device::engine::use_device;
use crate::domain::plan::Task;
use crate::domain::task::{TaskProgress, TaskStatus};
use crate::domain::value::Value;
use crate::i18n::{tr, use_texts};
use crate::sync::{Slot, SlotState};
use leptos::prelude::*;

#[component]
pub fn TaskRow(task: Task) -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    let slot = Slot::Task(task.code.clone());
    let slot_key = slot.to_string();
    let versions = ctx.slots.of(&slot_key);
    let progress = Memo::new(move |_| {
        versions.with(|v| match v.current.as_ref().and_then(|c| c.value.clone()) {
            Some(Value::Task(p)) => p,
            _ => TaskProgress::default(),
        })
    });
    let key = ctx.key.clone();
    let server = ctx.server;
    let save = move |p: TaskProgress| {
        let base = server.with_untracked(|s| {
            s.slots
                .get(&slot_key)
                .map(SlotState::edit_base)
                .unwrap_or_default()
        });
        device.edit(&key, &slot, Some(Value::Task(p)), base);
    };
    let save_note = save.clone();
    let status_id = format!("task-{}-status", task.code);
    let note_id = format!("task-{}-note", task.code);
    let disabled = move || !ctx.editable.get();
    view! {
        <li class="task">
            <p><span class="muted">{task.code.clone()}</span> " " <span lang="vi">{task.text.clone()}</span></p>
            <div class="task-inputs">
                <label for=status_id.clone() class="visually-hidden">{tr(|t| t.task_status)}</label>
                <select id=status_id disabled=disabled on:change=move |ev| {
                    let status = TaskStatus::parse(&event_target_value(&ev)).unwrap_or_default();
                    save(TaskProgress { status, note: progress.get_untracked().note });
                }>
                    {TaskStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || progress.with(|p| p.status == s)>
                            {move || s.label(t.get().lang)}
                        </option>
                    }).collect_view()}
                </select>
                <label for=note_id.clone() class="visually-hidden">{tr(|t| t.task_note)}</label>
                <input id=note_id type="text" placeholder=tr(|t| t.task_note) disabled=disabled
                    prop:value=move || progress.with(|p| p.note.clone())
                    on:input=move |ev| {
                        save_note(TaskProgress { status: progress.get_untracked().status, note: event_target_value(&ev) });
                    } />
            </div>
        </li>
    }
    .into_any()
}
