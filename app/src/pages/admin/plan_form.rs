//! "Sửa kế hoạch": a plan's number, title and dates, its periods with deadlines and data
//! ranges, its task sections with their assignees, and the template version new reports
//! start on. Saved whole; refused when someone else saved first.

use super::form::{encode, error_at, message};
use super::texts::use_admin_texts;
use super::unit_picker::UnitPicker;
use crate::api::{FieldMessage, PlanEdit, PlanEditor, PlanForm, SectionForm};
use crate::client::{self, ClientError};
use crate::domain::org::OrgUnit;
use crate::domain::plan::{DataRange, PeriodKind};
use crate::format::{parse_date, DATE_PATTERN};
use crate::i18n::{tr, use_texts};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::collections::BTreeMap;

/// The assignee that stands for every ward or commune directly under the issuer.
const WARDS: &str = "wards";
/// The assignee that stands for every agency directly under the issuer.
const AGENCIES: &str = "agencies";

#[component]
pub fn EditPlanPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let editor = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { client::get::<PlanEditor>(&format!("/admin/plans/{}", encode(&id))).await }
    });
    move || match editor.get() {
        None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error">{message(t.get_untracked(), &e)}</p> }.into_any(),
        Some(Ok(editor)) => view! { <PlanEditorForm editor /> }.into_any(),
    }
}

/// What every part of the form reads and writes.
#[derive(Clone, Copy)]
struct Form {
    plan: RwSignal<PlanForm>,
    errors: RwSignal<Vec<FieldMessage>>,
    /// Unit names by code, for the assignees.
    names: RwSignal<BTreeMap<String, String>>,
    /// Moves on when a save brings the server's form back: every row shows it afresh.
    generation: RwSignal<u32>,
}

impl Form {
    /// Changes period `i`, if it is still there.
    fn period(self, i: usize, change: impl FnOnce(&mut crate::domain::plan::Period)) {
        self.plan.update(|p| {
            if let Some(period) = p.periods.get_mut(i) {
                change(period);
            }
        });
    }

    /// Changes section `i`, if it is still there.
    fn section(self, i: usize, change: impl FnOnce(&mut SectionForm)) {
        self.plan.update(|p| {
            if let Some(section) = p.sections.get_mut(i) {
                change(section);
            }
        });
    }
}

#[component]
fn PlanEditorForm(editor: PlanEditor) -> impl IntoView {
    let at = use_admin_texts();
    let t = use_texts();
    let id = RwSignal::new(editor.id.clone());
    let before = RwSignal::new(editor.form.clone());
    let form = Form {
        plan: RwSignal::new(editor.form.clone()),
        errors: RwSignal::new(Vec::new()),
        names: RwSignal::new(editor.unit_names.clone()),
        generation: RwSignal::new(0),
    };
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let reported = !editor.reported_periods.is_empty();
    let reported_periods = StoredValue::new(editor.reported_periods.clone());
    let navigate = StoredValue::new_local(use_navigate());
    let assigned_units = editor.assigned_units;
    // A changed deadline reaches every unit the plan asks a report of: said, and asked.
    let confirming = RwSignal::new(None::<Vec<String>>);
    let save = move || {
        confirming.set(None);
        let edit = PlanEdit {
            before: before.get_untracked(),
            after: form.plan.get_untracked(),
        };
        let path = format!("/admin/plans/{}", encode(&id.get_untracked()));
        let navigate = navigate.get_value();
        saving.set(true);
        saved.set(false);
        leptos::task::spawn_local(async move {
            let answer = client::put::<_, PlanEditor>(&path, &edit).await;
            // `try_set` hands the value back when the page was left meanwhile.
            if saving.try_set(false).is_some() {
                return;
            }
            match answer {
                Ok(editor) => {
                    form.errors.set(Vec::new());
                    failure.set(None);
                    saved.set(true);
                    if editor.id != id.get_untracked() {
                        navigate(
                            &format!("/quan-tri/ke-hoach/{}", encode(&editor.id)),
                            Default::default(),
                        );
                        return;
                    }
                    before.set(editor.form.clone());
                    form.plan.set(editor.form);
                    form.names.set(editor.unit_names);
                    form.generation.update(|g| *g += 1);
                }
                Err(ClientError::Api(e)) if !e.fields.is_empty() => {
                    failure.set(None);
                    form.errors.set(e.fields);
                }
                Err(e) => failure.set(t.try_get_untracked().map(|t| message(t, &e))),
            }
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let moved = form
            .plan
            .with_untracked(|after| before.with_untracked(|before| moved_deadlines(before, after)));
        if moved.is_empty() || confirming.get_untracked().is_some() {
            save();
        } else {
            confirming.set(Some(moved));
        }
    };
    let initial = form.plan.get_untracked();
    let versions = editor.template_versions.clone();
    let period_count = Memo::new(move |_| form.plan.with(|p| p.periods.len()));
    let section_count = Memo::new(move |_| form.plan.with(|p| p.sections.len()));
    view! {
        <p class="standalone"><a href="/quan-tri/ke-hoach">{move || at.get().plans}</a></p>
        <form class="card admin-form plan-form" on:submit=on_submit novalidate>
            <h1>{move || at.get().edit_plan}</h1>
            <p class="muted"><span lang="vi">{editor.issuer_name.clone()}</span> " · " {editor.year}</p>
            {reported.then(|| view! { <p class="notice">{move || at.get().reported_note}</p> })}
            <TextInput form field="number" label=Signal::derive(move || at.get().number_label)
                value=initial.number.clone() readonly=reported set=|p, v| p.number = v />
            <TextInput form field="title" label=Signal::derive(move || at.get().plan_title)
                value=initial.title.clone() set=|p, v| p.title = v />
            <DateInput form field="issued_on".into() label=Signal::derive(move || at.get().issued_on)
                get=|p| Some(p.issued_on) set=|p, d| if let Some(d) = d { p.issued_on = d } />
            <label>
                {move || at.get().template_version}
                <select aria-describedby="template_version-error" on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                        form.plan.update(|p| p.template_version = v);
                    }
                }>
                    {versions.into_iter().map(|v| view! {
                        <option value=v.to_string() selected=v == initial.template_version>
                            {move || (at.get().version)(v)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <p class="muted">{move || at.get().template_version_note}</p>
            <FieldMessage form field="template_version".into() />

            <fieldset>
                <legend>{move || at.get().periods}</legend>
                <FieldMessage form field="periods".into() />
                {move || {
                    form.generation.track();
                    (0..period_count.get()).map(|i| {
                        let has_reports = form.plan.with_untracked(|p| {
                            p.periods.get(i).is_some_and(|q| reported_periods.with_value(|r| r.contains(&q.code)))
                        });
                        view! { <PeriodRow form i has_reports /> }
                    }).collect_view()
                }}
                <button type="button" on:click=move |_| form.plan.update(|p| {
                    let blank = p.blank_period();
                    p.periods.push(blank);
                })>{move || at.get().add_period}</button>
            </fieldset>

            <fieldset>
                <legend>{move || at.get().sections}</legend>
                <FieldMessage form field="sections".into() />
                {move || {
                    form.generation.track();
                    (0..section_count.get()).map(|i| view! { <SectionRow form i /> }).collect_view()
                }}
                <button type="button" on:click=move |_| form.plan.update(|p| p.sections.push(SectionForm {
                    title: String::new(),
                    assignees: Vec::new(),
                    tasks: vec![String::new()],
                }))>{move || at.get().add_section}</button>
            </fieldset>

            {move || confirming.get().map(|periods| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="deadline-confirm">
                    <p id="deadline-confirm">{move || (at.get().deadline_change)(&periods.join(", "), assigned_units)}</p>
                    <p class="actions">
                        <button type="button" class="primary" on:click=move |_| save()>{move || at.get().save_deadline}</button>
                        <button type="button" on:click=move |_| confirming.set(None)>{move || at.get().keep_editing}</button>
                    </p>
                </div>
            })}
            <p class="error" role="alert">{move || failure.get()}</p>
            {move || saved.get().then(|| view! { <p class="notice" role="status">{move || at.get().saved}</p> })}
            <button type="submit" disabled=move || saving.get()>
                {move || if saving.get() { at.get().saving } else { at.get().save }}
            </button>
        </form>
    }
}

/// The labels of the periods, kept from `before`, whose deadline `after` moves.
fn moved_deadlines(before: &PlanForm, after: &PlanForm) -> Vec<String> {
    after
        .periods
        .iter()
        .filter(|p| {
            before
                .periods
                .iter()
                .any(|b| b.code == p.code && b.due_before != p.due_before)
        })
        .map(|p| p.label.clone())
        .collect()
}

/// The server's message for one field, tied to it by id (`{field}-error`).
#[component]
fn FieldMessage(form: Form, field: String) -> impl IntoView {
    let id = format!("{field}-error");
    view! { <p id=id class="field-error">{error_at(form.errors, field)}</p> }
}

#[component]
fn TextInput(
    form: Form,
    field: &'static str,
    label: Signal<&'static str>,
    value: String,
    set: fn(&mut PlanForm, String),
    #[prop(optional)] readonly: bool,
) -> impl IntoView {
    view! {
        <label>
            {move || label.get()}
            <input prop:value=value readonly=readonly aria-describedby=format!("{field}-error")
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.plan.update(|p| set(p, v));
                } />
        </label>
        <FieldMessage form field=field.to_string() />
    }
}

/// A date typed as dd/mm/yyyy, whatever the browser's language (a date input follows the
/// browser's and shows mm/dd/yyyy in many); what does not read as a date stays as typed,
/// named on save.
#[component]
fn DateInput(
    form: Form,
    field: String,
    label: Signal<&'static str>,
    get: impl Fn(&PlanForm) -> Option<NaiveDate> + Send + Sync + 'static,
    set: impl Fn(&mut PlanForm, Option<NaiveDate>) + Send + Sync + 'static,
) -> impl IntoView {
    let at = use_admin_texts();
    let typed = RwSignal::new(None::<String>);
    let value = move || {
        typed.get().unwrap_or_else(|| {
            form.plan
                .with(|p| get(p))
                .map(crate::format::date)
                .unwrap_or_default()
        })
    };
    let name = field.clone();
    view! {
        <label>
            {move || label.get()}
            <input type="text" inputmode="numeric" autocomplete="off" placeholder=DATE_PATTERN
                prop:value=value aria-describedby=format!("{field}-error")
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let date = parse_date(&text);
                    form.errors.update(|list| list.retain(|e| e.field != name));
                    if date.is_none() {
                        let message = at.get_untracked().pick_date;
                        form.errors.update(|list| list.push(FieldMessage::new(&name, message)));
                    }
                    typed.set(date.is_none().then_some(text));
                    form.plan.update(|p| set(p, date));
                } />
        </label>
        <FieldMessage form field />
    }
}

#[component]
fn PeriodRow(form: Form, i: usize, has_reports: bool) -> impl IntoView {
    let at = use_admin_texts();
    let period = form
        .plan
        .with_untracked(|p| p.periods.get(i).cloned())
        .unwrap_or_else(|| form.plan.with_untracked(PlanForm::blank_period));
    let field = move |name: &str| format!("periods.{i}.{name}");
    let kind = period.kind;
    view! {
        // Named by its name as typed, which is the plan's (Vietnamese) text.
        <div class="plan-period" role="group" aria-labelledby=format!("period-{i}-name")>
            <label>
                {move || at.get().period_code}
                <input prop:value=period.code.clone() readonly=has_reports aria-describedby=format!("{}-error", field("code"))
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.period(i, |p| p.code = v);
                    } />
            </label>
            <FieldMessage form field=field("code") />
            <label>
                {move || at.get().period_label}
                <input id=format!("period-{i}-name") lang="vi" prop:value=period.label.clone()
                    aria-describedby=format!("{}-error", field("label"))
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.period(i, |p| p.label = v);
                    } />
            </label>
            <FieldMessage form field=field("label") />
            <label>
                {move || at.get().period_kind}
                <select on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(k) = PeriodKind::ALL.into_iter().find(|k| k.as_str() == chosen) {
                        form.period(i, |p| p.kind = k);
                    }
                }>
                    {PeriodKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k == kind>{move || at.get().period_kind_name(k)}</option>
                    }).collect_view()}
                </select>
            </label>
            <DateInput form field=field("due_before") label=Signal::derive(move || at.get().due_label)
                get=move |p| p.periods.get(i).map(|p| p.due_before)
                set=move |p, d| if let (Some(d), Some(period)) = (d, p.periods.get_mut(i)) { period.due_before = d } />
            <DateInput form field=field("data_from") label=Signal::derive(move || at.get().data_from)
                get=move |p| p.periods.get(i).and_then(|p| p.data_range).map(|r| r.from)
                set=move |p, d| set_range(p, i, d, true) />
            <DateInput form field=field("data_to") label=Signal::derive(move || at.get().data_to)
                get=move |p| p.periods.get(i).and_then(|p| p.data_range).map(|r| r.to)
                set=move |p, d| set_range(p, i, d, false) />
            <FieldMessage form field=field("data_range") />
            {if has_reports {
                view! { <p class="muted">{move || at.get().has_reports}</p> }.into_any()
            } else {
                view! {
                    <button type="button" class="link-button" on:click=move |_| form.plan.update(|p| {
                        if i < p.periods.len() {
                            p.periods.remove(i);
                        }
                    })>{move || at.get().remove}</button>
                }.into_any()
            }}
        </div>
    }
}

/// Sets one end of a period's data range: emptying either end removes the range; setting
/// one of a period without a range starts a range of that one day.
fn set_range(plan: &mut PlanForm, i: usize, date: Option<NaiveDate>, from: bool) {
    let Some(period) = plan.periods.get_mut(i) else {
        return;
    };
    period.data_range = date.map(|d| {
        let mut range = period.data_range.unwrap_or(DataRange { from: d, to: d });
        if from {
            range.from = d;
        } else {
            range.to = d;
        }
        range
    });
}

#[component]
fn SectionRow(form: Form, i: usize) -> impl IntoView {
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
