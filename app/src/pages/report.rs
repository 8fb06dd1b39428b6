//! One unit's report for one period: rendered from its template, edited locally first.
//! Every change goes to the device's outbox (in browser storage) before it is shown; what
//! is shown is the server's last known state with the outbox replayed on top.

use crate::api::{report_api_path, EvaluationView, ReportView};
use crate::client::ClientError;
use crate::components::assessment::{AssessmentForm, GapList};
use crate::components::backup::BackupPanel;
use crate::components::deadline::{Deadline, StatusBadge};
use crate::components::fill_from_units::FillFromUnits;
use crate::components::former_unit::FormerUnitName;
use crate::components::history::History;
use crate::components::material::Material;
use crate::components::refused::Refused;
use crate::components::report_ctx::ReportCtx;
use crate::components::report_document::ReportDocument;
use crate::components::report_field::FieldInput;
use crate::components::report_files::ReportFiles;
use crate::components::review_box::ReviewBox;
use crate::components::signed_in::SignedIn;
use crate::components::slot_signals::SlotSignals;
use crate::components::task_row::TaskRow;
use crate::components::template_text::TemplateText;
use crate::components::template_update::TemplateUpdateBox;
use crate::device::engine::use_device;
use crate::domain::access::{may_edit_report, may_review_report};
use crate::domain::evaluation::{Assessment, Gap};
use crate::domain::plan::Task;
use crate::domain::rules::{check, check_rules, Finding};
use crate::domain::template::{Section, Severity, Template};
use crate::format::{date, date_time};
use crate::i18n::{tr, use_texts, Lang};
use crate::sync::rebase;
use crate::sync::refusal::Refusal;
use crate::sync::{Change, ReportKey, ReportState};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| {
        let p = params.get();
        ReportKey {
            plan_id: p.get("plan").unwrap_or_default(),
            period_code: p.get("period").unwrap_or_default(),
            unit_code: p.get("unit").unwrap_or_default(),
        }
    });
    view! { <SignedIn render=move |_| move || view! { <ReportLoader key=key.get() /> } /> }
}

#[component]
fn ReportLoader(key: ReportKey) -> impl IntoView {
    let device = use_device();
    let path = report_api_path(&key);
    let fixed = RwSignal::new(None::<Result<ReportView, ClientError>>);
    let server = RwSignal::new(ReportState::empty(key.clone()));
    // Also called when a fetch ends, possibly after this page was left: `try_` reads, as
    // reading a disposed signal would abort the whole app.
    let show = move |v: ReportView| {
        if server.try_with_untracked(|s| s.seq <= v.state.seq) == Some(true) {
            server.set(v.state.clone());
        }
        // What the page is drawn from changes only when the report's template did (it
        // moved to another version, here or on another device): then the newer copy is
        // drawn. Compared as the JSON text it came in: the template is read by the editor.
        let redraw = fixed.try_with_untracked(|f| match f {
            Some(Ok(shown)) => {
                shown.template != v.template || shown.newer_template != v.newer_template
            }
            _ => true,
        });
        if redraw == Some(true) {
            fixed.set(Some(Ok(v)));
        }
    };
    let kept_path = path.clone();
    Effect::new(move |_| {
        device.pulled.track();
        if let Some(v) = device.kept::<ReportView>(&kept_path) {
            show(v);
        }
    });
    Effect::new(move |_| {
        let path = path.clone();
        leptos::task::spawn_local(async move {
            match device.fetch::<ReportView>(&path).await {
                Ok(v) => show(v),
                Err(e) if fixed.try_with_untracked(Option::is_none) == Some(true) => {
                    fixed.set(Some(Err(e)))
                }
                Err(_) => {}
            }
        });
    });
    move || match fixed.get() {
        None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
        Some(Ok(v)) => {
            // Each attempt fetches the editor's code again: a failed fetch is not kept.
            let attempt = RwSignal::new(0u32);
            view! {
                <Suspense fallback=|| view! { <p>{tr(|t| t.loading)}</p> }>
                    {move || {
                        attempt.track();
                        let v = v.clone();
                        Suspend::new(async move {
                            editor(v, server).await.unwrap_or_else(|_| {
                                view! { <EditorUnavailable attempt /> }.into_any()
                            })
                        })
                    }}
                </Suspense>
            }
            .into_any()
        }
        Some(Err(ClientError::Api(e))) => view! { <Refused message=e.message /> }.into_any(),
        Some(Err(_)) => view! { <p class="error">{tr(|t| t.not_on_device)}</p> }.into_any(),
    }
}

/// The editor: in the ward's build (feature `split`) a chunk of its own, fetched the first
/// time a report is shown (and kept by the service worker for offline use), so that the
/// home page loads without the code of fields, files, the document and the history.
/// `fallible`: a fetch that fails (a connection lost on a first visit) is an `Err` to show,
/// where a panic would abort the whole app.
#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(
    editor,
    fallible,
    return_wrapper(let editor = _; { Ok(editor) } -> Result<AnyView, wasm_split_helpers::SplitLoaderError>)
)]
fn editor(view: ReportView, server: RwSignal<ReportState>) -> AnyView {
    editor_view(view, server)
}

#[cfg(not(feature = "split"))]
async fn editor(
    view: ReportView,
    server: RwSignal<ReportState>,
) -> Result<AnyView, std::convert::Infallible> {
    Ok(editor_view(view, server))
}

/// The report's template is read here, in the editor's chunk (see `ReportView::template`).
fn editor_view(view: ReportView, server: RwSignal<ReportState>) -> AnyView {
    match view.template.decode() {
        Ok(template) => view! { <ReportEditor view template server /> }.into_any(),
        // Sent by a server newer than the page's code: the next load brings the code.
        Err(_) => view! { <p class="error">{tr(|t| t.template_unreadable)}</p> }.into_any(),
    }
}

/// The editor's code could not be fetched: nothing typed is lost (it is all in the device's
/// outbox), and the next attempt fetches again.
#[component]
fn EditorUnavailable(attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <div class="editor-unavailable" role="alert">
            <p class="error">{tr(|t| t.editor_unavailable)}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                {tr(|t| t.retry)}
            </button>
        </div>
    }
}

#[component]
fn ReportEditor(
    view: ReportView,
    template: Template,
    server: RwSignal<ReportState>,
) -> impl IntoView {
    let device = use_device();
    let key = view.state.report.clone();
    let sections = template.sections.clone();
    let template = StoredValue::new(template);
    let pending_key = key.clone();
    let state = Memo::new(move |_| {
        device
            .outbox
            .with(|o| server.with(|s| rebase(s, o.for_report(&pending_key))))
    });
    let values = Memo::new(move |_| state.with(ReportState::values));
    let findings =
        Memo::new(move |_| values.with(|v| template.with_value(|tpl| check_rules(tpl, v))));
    let unit = key.unit_code.clone();
    let editable = Memo::new(move |_| {
        let may = device.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| may_edit_report(me.role, &me.unit.code, &me.scope.code, &unit))
        });
        may && state.with(|s| s.status.is_editable())
    });
    // Arriving from the sync bar's link to a field that waits for a choice: go to it, once
    // the editor, drawn when its code arrived, is on the page.
    Effect::new(move |_| request_animation_frame(crate::device::browser::focus_fragment_target));
    // Decoded here, in the editor's chunk of code (see `Deferred`); a part that does not
    // read (from a kept answer of an older server) leaves the report without it.
    let evaluation: Option<EvaluationView> = view.evaluation.as_ref().and_then(|e| e.decode().ok());
    let is_assessment = evaluation.is_some();
    let set_title = evaluation.as_ref().map(|e| e.criteria.title.clone());
    let criteria = StoredValue::new(evaluation.as_ref().map(|e| e.criteria.clone()));
    let evaluation = StoredValue::new(evaluation);
    let assessment = Memo::new(move |_| {
        evaluation.with_value(|e| {
            let e = e.as_ref()?;
            Some(values.with(|v| Assessment::read(&e.criteria, &e.year, v)))
        })
    });
    let reviewed_unit = key.unit_code.clone();
    let deciding = Memo::new(move |_| {
        let may = device.me.with(|me| {
            me.as_ref().is_some_and(|me| {
                may_review_report(me.role, &me.unit.code, &me.scope.code, &reviewed_unit)
            })
        });
        may && state.with(|s| s.status.awaits_review())
    });
    let ctx = ReportCtx {
        key: key.clone(),
        template,
        server,
        state,
        slots: SlotSignals::new(state),
        values,
        findings,
        receiver: StoredValue::new(view.receiver.clone()),
        editable,
        signed_copy_required: view.period.signed_copy_required,
        criteria,
        assessment,
        deciding,
    };
    provide_context(ctx.clone());
    // A consolidating report is written from its units' passages, kept on the device.
    if view.consolidates {
        provide_context(Material::load(&key));
    }
    view! {
        <p class="standalone"><a href="/">{tr(|t| t.back_home)}</a></p>
        <ReportHeader view=view.clone() set_title=set_title.clone() />
        {view.newer_template.map(|version| {
            view! { <TemplateUpdateBox version dropped=view.dropped_fields.clone() /> }
        })}
        <Rejections />
        {if is_assessment {
            // A self-assessment: criteria in place of the template's form and document.
            view! { <AssessmentForm /> }.into_any()
        } else {
            view! {
                <FillFromUnits />
                <form class="report" on:submit=|ev| ev.prevent_default()>
                    {sections.into_iter().map(|section| view! { <SectionView section /> }).collect_view()}
                    <TaskList tasks=view.tasks.clone() />
                </form>
                {view.letterhead.clone().map(|letterhead| view! {
                    <ReportDocument letterhead period=view.period.clone() tasks=view.tasks.clone() />
                })}
            }
            .into_any()
        }}
        <ReportFiles limits=view.file_limits />
        <SubmitBox />
        <ReviewBox />
        <History />
        <BackupPanel />
    }
    .into_any()
}

#[component]
fn ReportHeader(
    view: ReportView,
    /// A self-assessment's criteria set, in place of the template.
    set_title: Option<String>,
) -> impl IntoView {
    let ctx = expect_context::<ReportCtx>();
    let state = ctx.state;
    // Memos: the state changes at every keystroke, what the header says seldom.
    let status = Memo::new(move |_| state.with(|s| s.status));
    let receipt = Memo::new(move |_| {
        state.with(|s| {
            s.submitted_at
                .map(|at| (at, s.on_time.unwrap_or(false), s.device_submitted_at))
        })
    });
    let returned = Memo::new(move |_| {
        state.with(|s| {
            (s.status == crate::domain::status::ReportStatus::BiTraLai)
                .then(|| s.return_comment.clone())
                .flatten()
        })
    });
    let period = view.period.clone();
    view! {
        <header class="card report-head">
            // The unit and the plan are data (Vietnamese, `lang`).
            {match view.former.clone() {
                Some(former) => view! { <h1><FormerUnitName former /></h1> }.into_any(),
                None => view! { <h1 lang="vi">{view.unit.name.clone()}</h1> }.into_any(),
            }}
            {match set_title {
                Some(title) => view! { <p class="muted" lang="vi">{title}</p> }.into_any(),
                None => ctx.template.with_value(|tpl| view! {
                    <p class="muted"><TemplateText vi=tpl.title.clone() en=tpl.title_en.clone() /></p>
                })
                .into_any(),
            }}
            <p><span lang="vi">{view.period.label.clone()}</span> " · " {tr(|t| t.plan)} " " {view.plan_number.clone()}</p>
            {view.period.data_range.map(|r| view! {
                <p class="muted" data-testid="data-range">
                    {tr(|t| t.data_from)} " " {date(r.from)} " " {tr(|t| t.data_to)} " " {date(r.to)}
                </p>
            })}
            <p>
                {move || {
                    let status = status.get();
                    view! { <Deadline due_before=period.due_before done=status.is_submitted() /> " " <StatusBadge status /> }
                }}
                {move || (!ctx.editable.get()).then(|| view! { " " <span class="muted">{tr(|t| t.read_only)}</span> })}
            </p>
            {move || receipt.get().map(|(at, on_time, pressed)| {
                view! {
                    <p class="receipt" data-testid="receipt">
                        {tr(|t| t.received_at)} " " {date_time(at)} " · "
                        <span class=if on_time { "ok" } else { "overdue" }>
                            {tr(if on_time { |t| t.on_time } else { |t| t.late })}
                        </span>
                        {pressed.map(|p| view! { " · " {tr(|t| t.pressed_at)} " " {date_time(p)} })}
                    </p>
                }
            })}
            {move || returned.get().map(|c| view! {
                <p class="returned"><strong>{tr(|t| t.returned_comment)} ": "</strong>{c}</p>
            })}
        </header>
    }
    .into_any()
}

/// What the server refused from this device for this report, with its reasons.
#[component]
fn Rejections() -> impl IntoView {
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    let key = ctx.key.clone();
    let messages = move || {
        device.outbox.with(|o| {
            o.rejected
                .iter()
                .filter(|r| r.mutation.report == key)
                .map(|r| r.message.clone())
                .collect::<Vec<_>>()
        })
    };
    move || {
        let list = messages();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card rejected" role="alert">
                    <h2>{tr(|t| t.rejected_heading)}</h2>
                    <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </section>
            }
        })
    }
}

#[component]
fn SectionView(section: Section) -> impl IntoView {
    view! {
        <section class="card">
            <h2><TemplateText vi=section.title.clone() en=section.title_en.clone() /></h2>
            <div class="fields">
                {section.fields.into_iter().map(|field| view! { <FieldInput field /> }).collect_view()}
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn TaskList(tasks: Vec<Task>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{tr(|t| t.plan_tasks)}</h2>
            <ol class="tasks">
                {tasks.into_iter().map(|task| view! { <TaskRow task /> }).collect_view()}
            </ol>
        </section>
    }
}

/// "Nộp báo cáo": checked on the device with the server's rule engine; queued offline.
#[component]
fn SubmitBox() -> impl IntoView {
    let t = use_texts();
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    // Copied into every closure below.
    let (state, values, template, editable, receiver) = (
        ctx.state,
        ctx.values,
        ctx.template,
        ctx.editable,
        ctx.receiver,
    );
    let key = StoredValue::new(ctx.key.clone());
    let problems = RwSignal::new(Vec::<Finding>::new());
    let queued = move || {
        device.outbox.with(|o| {
            key.with_value(|k| o.for_report(k).any(|m| matches!(m.change, Change::Submit)))
        })
    };
    // Asked once before it goes: who receives it, and that it locks until returned.
    let confirming = RwSignal::new(false);
    // The period asks for the signed copy, which is not attached yet.
    let unsigned = RwSignal::new(false);
    let signed_copy_required = ctx.signed_copy_required;
    // A self-assessment's gaps, in place of a report's rule findings.
    let gaps = RwSignal::new(Vec::<Gap>::new());
    let assessment = ctx.assessment;
    let submit = move |_| {
        let findings = match assessment.get_untracked() {
            Some(a) => {
                gaps.set(a.submit_gaps());
                Vec::new()
            }
            None => values.with_untracked(|v| template.with_value(|tpl| check(tpl, v))),
        };
        let missing = signed_copy_required && !state.with_untracked(ReportState::has_signed_copy);
        let blocking = missing
            || findings.iter().any(|f| f.severity == Severity::Error)
            || gaps.with_untracked(|g| !g.is_empty());
        problems.set(findings);
        unsigned.set(missing);
        confirming.set(!blocking);
    };
    let confirm = move |_| {
        confirming.set(false);
        problems.set(Vec::new());
        gaps.set(Vec::new());
        unsigned.set(false);
        key.with_value(|k| device.queue(k, Change::Submit));
    };
    let receiver = move || receiver.get_value();
    // The keyboard goes on from where it pressed: on the question's confirming button.
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    let submitted = move || state.with(|s| s.status.is_submitted());
    // Drawn only with something in it: a submitted report says so, never an empty card.
    let shown = move || {
        queued()
            || editable.get()
            || submitted()
            || problems.with(|p| !p.is_empty())
            || gaps.with(|g| !g.is_empty())
    };
    view! {
        <Show when=shown>
        <section class="card submit">
            {move || queued().then(|| view! { <p class="queued" data-testid="queued">{tr(|t| t.queued)}</p> })}
            {move || (submitted() && !queued()).then(|| view! {
                <p class="submitted" data-testid="submitted">{move || t.get().submitted_to(receiver().as_deref())}</p>
            })}
            {move || (editable.get() && !confirming.get()).then(|| view! {
                <button type="button" class="primary" on:click=submit>{tr(|t| t.submit)}</button>
            })}
            {move || (editable.get() && confirming.get()).then(|| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="submit-confirm" data-testid="submit-confirm">
                    <p id="submit-confirm">{move || t.get().submit_confirm(receiver().as_deref())}</p>
                    <div class="actions">
                        <button type="button" class="primary" node_ref=confirm_button on:click=confirm>{tr(|t| t.confirm_submit)}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{tr(|t| t.cancel)}</button>
                    </div>
                </div>
            })}
            <GapList gaps heading=|et| et.gaps_submit />
            {move || (unsigned.get() && !state.with(ReportState::has_signed_copy)).then(|| view! {
                <p class="error" role="alert" data-testid="signed-copy-required">
                    {move || Refusal::signed_copy_required().message.get(t.get().lang).to_string()}
                </p>
            })}
            {move || {
                let lang = t.get().lang;
                let list = problems.get();
                let errors: Vec<Finding> = list.iter().filter(|f| f.severity == Severity::Error).cloned().collect();
                let warnings: Vec<Finding> = list.iter().filter(|f| f.severity == Severity::Warning).cloned().collect();
                view! {
                    {(!errors.is_empty()).then(|| view! {
                        <div class="problems" role="alert" data-testid="submit-errors">
                            <p><strong>{tr(|t| t.submit_blocked)}</strong></p>
                            <ul>{errors.into_iter().map(|f| finding_link(f, lang)).collect_view()}</ul>
                        </div>
                    })}
                    {(!warnings.is_empty()).then(|| view! {
                        <div class="warnings">
                            <p><strong>{tr(|t| t.warnings_note)}</strong></p>
                            <ul>{warnings.into_iter().map(|f| finding_link(f, lang)).collect_view()}</ul>
                        </div>
                    })}
                }
            }}
        </section>
        </Show>
    }
    .into_any()
}

/// A problem of the submission, linked to its field: following it puts the cursor there
/// (the browser's fragment navigation focuses its target; `external`: the router would
/// only scroll).
fn finding_link(f: Finding, lang: Lang) -> impl IntoView {
    let href = f
        .fields
        .first()
        .map(|c| format!("#f-{c}"))
        .unwrap_or_default();
    // A rule's message is the template's words.
    let (text, text_lang) = lang.pick(&f.message, f.message_en.as_deref());
    view! { <li><a href=href rel="external" lang=text_lang>{text.to_string()}</a></li> }
}
