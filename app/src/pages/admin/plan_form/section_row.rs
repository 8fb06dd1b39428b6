//! One task section of a plan's form: its title, the units that carry it out, its tasks.

use super::field_message::FieldMessage;
use super::form_state::Form;
use crate::client;
use crate::domain::org::OrgUnit;
use crate::pages::admin::form::encode;
use crate::pages::admin::texts::use_admin_texts;
use crate::pages::admin::unit_picker::UnitPicker;
use leptos::prelude::*;

/// The assignee that stands for every ward or commune directly under the issuer.
pub(super) const WARDS: &str = "wards";
/// The assignee that stands for every agency directly under the issuer.
const AGENCIES: &str = "agencies";

#[component]
pub(super) fn SectionRow(form: Form, i: usize) -> impl IntoView {
    let at = use_admin_texts();
    let title = form
        .plan
        .with_untracked(|p| p.sections.get(i).map(|s| s.title.clone()))
        .unwrap_or_default();
    let title_field = format!("sections.{i}.title");
    let task_count = Memo::new(move |_| {
        form.plan
            .with(|p| p.sections.get(i).map_or(0, |s| s.tasks.len()))
    });
    let assignees = Memo::new(move |_| {
        form.plan.with(|p| {
            p.sections
                .get(i)
                .map(|s| s.assignees.clone())
                .unwrap_or_default()
        })
    });
    let has = move |code: &'static str| move || assignees.with(|a| a.iter().any(|x| x == code));
    let toggle = move |code: &'static str, on: bool| {
        form.section(i, |s| {
            s.assignees.retain(|x| x != code);
            if on {
                s.assignees.insert(0, code.to_string());
            }
        })
    };
    let picked = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let Some(code) = picked.get() else {
            return;
        };
        picked.set(None);
        form.section(i, |s| {
            if !s.assignees.contains(&code) {
                s.assignees.push(code.clone());
            }
        });
        if form.names.with_untracked(|n| !n.contains_key(&code)) {
            leptos::task::spawn_local(async move {
                let path = format!("/admin/units?q={}", encode(&code));
                if let Ok(found) = client::get::<Vec<OrgUnit>>(&path).await {
                    if let Some(unit) = found.into_iter().find(|u| u.code == code) {
                        let _ = form.names.try_update(|n| n.insert(code, unit.name));
                    }
                }
            });
        }
    });
    view! {
        // Named by its title as typed, which is the plan's (Vietnamese) text.
        <div class="plan-section" role="group" aria-labelledby=format!("section-{i}-title")>
            <label>
                {move || at.get().section_title}
                <input id=format!("section-{i}-title") lang="vi" prop:value=title.clone()
                    aria-describedby=format!("{title_field}-error")
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.section(i, |s| s.title = v);
                    } />
            </label>
            <FieldMessage form field=title_field />
            <fieldset>
                <legend>{move || at.get().assignees}</legend>
                <label class="check">
                    <input type="checkbox" prop:checked=has(WARDS) on:change=move |ev| toggle(WARDS, event_target_checked(&ev)) />
                    {move || at.get().all_wards}
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=has(AGENCIES) on:change=move |ev| toggle(AGENCIES, event_target_checked(&ev)) />
                    {move || at.get().all_agencies}
                </label>
                <ul class="assignees">
                    {move || assignees.get().into_iter().filter(|c| c != WARDS && c != AGENCIES).map(|code| {
                        let name = form.names.with(|n| n.get(&code).cloned()).unwrap_or_else(|| code.clone());
                        let gone = code.clone();
                        view! {
                            <li>
                                <span lang="vi">{name}</span> " " <span class="muted">"(" {code.clone()} ")"</span> " "
                                <button type="button" class="link-button" on:click=move |_| form.section(i, |s| {
                                    s.assignees.retain(|x| *x != gone);
                                })>{move || at.get().remove}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <UnitPicker name=format!("section-{i}-unit") chosen=picked
                    label=Signal::derive(move || at.get().add_unit)
                    described_by=format!("sections.{i}.assignees-error") />
                <FieldMessage form field=format!("sections.{i}.assignees") />
            </fieldset>
            <fieldset>
                <legend>{move || at.get().tasks}</legend>
                <FieldMessage form field=format!("sections.{i}.tasks") />
                <ol>
                    {move || {
                        form.generation.track();
                        (0..task_count.get()).map(|j| view! { <TaskRow form i j /> }).collect_view()
                    }}
                </ol>
                <button type="button" on:click=move |_| form.section(i, |s| s.tasks.push(String::new()))>
                    {move || at.get().add_task}
                </button>
            </fieldset>
            <button type="button" class="link-button" on:click=move |_| form.plan.update(|p| {
                if i < p.sections.len() {
                    p.sections.remove(i);
                }
            })>{move || at.get().remove_section}</button>
        </div>
    }
}

#[component]
fn TaskRow(form: Form, i: usize, j: usize) -> impl IntoView {
    let at = use_admin_texts();
    let text = form
        .plan
        .with_untracked(|p| p.sections.get(i).and_then(|s| s.tasks.get(j).cloned()))
        .unwrap_or_default();
    let field = format!("sections.{i}.tasks.{j}");
    view! {
        <li>
            <label>
                <span class="visually-hidden">{move || at.get().task} " " {j + 1}</span>
                <textarea rows="2" prop:value=text aria-describedby=format!("{field}-error")
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.section(i, |s| {
                            if let Some(task) = s.tasks.get_mut(j) {
                                *task = v;
                            }
                        });
                    }></textarea>
            </label>
            <button type="button" class="link-button" on:click=move |_| form.section(i, |s| {
                if j < s.tasks.len() {
                    s.tasks.remove(j);
                }
            })>{move || at.get().remove}</button>
            <FieldMessage form field />
        </li>
    }
}
