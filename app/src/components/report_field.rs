//! One template field of a report being edited: its label, its input (or its computed
//! value), the rule messages about it, and any conflicting versions to choose from.

use crate::components::figure_source::FigureSource;
use crate::components::passage_picker::PassagePicker;
use crate::components::report_ctx::ReportCtx;
use crate::components::template_text::TemplateText;
use crate::components::typed_slot::typed_slot;
use crate::device::engine::use_device;
use crate::domain::rules::{blocking_error, derived_ratio};
use crate::domain::template::{Field, FieldKind, Severity};
use crate::domain::value::Value;
use crate::format::{date_time, Numbers};
use crate::i18n::{tr, use_texts, Catalogue};
use crate::sync::{Change, Slot, SlotState};
use leptos::prelude::*;

/// A value as the user reads and types it, numbers as `numbers` writes them.
pub fn shown_value(value: &Value, numbers: Numbers) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Count(n) => numbers.integer(*n),
        Value::Percent(p) => numbers.hundredths(p.hundredths()),
        Value::Task(p) => p.note.clone(),
        Value::File(a) => a.name.clone(),
        Value::Points(p) => p.shown(numbers),
    }
}

#[component]
pub fn FieldInput(field: Field) -> impl IntoView {
    let t = use_texts();
    let ctx = expect_context::<ReportCtx>();
    let id = format!("f-{}", field.code);
    let code = field.code.clone();
    let parse_field = StoredValue::new(field.clone());
    // The label in the page's language names the field in what is refused.
    let parse = move |text: &str, texts: &Catalogue| {
        parse_field.with_value(|f| {
            let label = texts.lang.pick(&f.label, f.label_en.as_deref()).0;
            f.parse_input(text, texts.numbers)
                .map_err(|e| e.named(label).message(texts.lang))
        })
    };
    let show = |v: &Value, texts: &Catalogue| shown_value(v, texts.numbers);
    let (typed, on_input) = typed_slot(Slot::Field(code.clone()), parse, show);
    let slot = typed.versions;
    let msg_code = code.clone();
    let derived = matches!(field.kind, FieldKind::Derived(_));
    // A memo: the list is drawn again only when what it says changes, not at each
    // keystroke that wakes a derived field's check.
    let messages = Memo::new(move |_| {
        // A derived field not shown for a broken rule of its inputs says which.
        let blocked = derived
            .then(|| {
                ctx.values.with(|values| {
                    ctx.template
                        .with_value(|tpl| blocking_error(tpl, values, &msg_code))
                })
            })
            .flatten();
        ctx.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.fields.contains(&msg_code) || blocked.as_ref() == Some(*f))
                .map(|f| {
                    let (text, lang) = t.get().lang.pick(&f.message, f.message_en.as_deref());
                    (f.severity, text.to_string(), lang)
                })
                .collect::<Vec<_>>()
        })
    });
    let parse_error = typed.problem;

    // The accessible name is the template's label alone: the marker and the unit are
    // hidden from it, the unit and the messages describe the input instead.
    let unit = field.unit.clone();
    let unit_en = field.unit_en.clone();
    let unit_id = format!("{id}-unit");
    let messages_id = format!("{id}-msgs");
    let described_by = match unit {
        Some(_) => format!("{unit_id} {messages_id}"),
        None => messages_id.clone(),
    };
    let label = view! {
        <label for=id.clone()>
            <TemplateText vi=field.label.clone() en=field.label_en.clone() />
            {field.required.then(|| view! { <abbr class="required" title=tr(|t| t.required_mark) aria-hidden="true">"*"</abbr> })}
            {unit.map(|u| view! { <span class="unit" id=unit_id aria-hidden="true">" (" <TemplateText vi=u en=unit_en /> ")"</span> })}
        </label>
    };
    let required = field.required;

    let input = match field.kind.clone() {
        FieldKind::Derived(_) => {
            let code = code.clone();
            let (template, values) = (ctx.template, ctx.values);
            view! {
                <output id=id.clone() class="derived">
                    {move || values.with(|values| {
                        template.with_value(|tpl| {
                            if blocking_error(tpl, values, &code).is_some() {
                                return "—".to_string();
                            }
                            derived_ratio(tpl, values, &code)
                                .map(|r| t.get().numbers.ratio_as_percent(r))
                                .unwrap_or_else(|| t.get().not_applicable.to_string())
                        })
                    })}
                </output>
            }
            .into_any()
        }
        kind => {
            let field = StoredValue::new(field.clone());
            let value = typed.shown;
            let draft = typed.draft;
            let disabled = move || !ctx.editable.get();
            match kind {
                FieldKind::Text => view! {
                    <textarea id=id.clone() name=code.clone() rows="3" prop:value=value on:input=on_input disabled=disabled aria-required=required.then_some("true") aria-describedby=described_by.clone()></textarea>
                    <PassagePicker code=code.clone() target=id.clone() />
                }
                .into_any(),
                FieldKind::Count => view! {
                    <input id=id.clone() name=code.clone() type="text" inputmode="numeric" autocomplete="off"
                        prop:value=value on:input=on_input disabled=disabled aria-required=required.then_some("true") aria-describedby=described_by.clone() />
                    <FigureSource field=field.get_value() draft />
                }
                .into_any(),
                _ => view! {
                    <input id=id.clone() name=code.clone() type="text" inputmode="decimal" autocomplete="off"
                        prop:value=value on:input=on_input disabled=disabled aria-required=required.then_some("true") aria-describedby=described_by.clone() />
                    <FigureSource field=field.get_value() draft />
                }
                .into_any(),
            }
        }
    };

    view! {
        <div class="field" class:text=!field.is_numeric() data-field=code.clone()>
            {label}
            {input}
            <div id=messages_id aria-live="polite">
                {move || parse_error.get().map(|m| view! { <p class="msg error">{m}</p> })}
                {move || messages.get().into_iter().map(|(severity, m, lang)| {
                    let class = match severity {
                        Severity::Error => "msg error",
                        Severity::Warning => "msg warning",
                    };
                    view! { <p class=class lang=lang>{m}</p> }
                }).collect_view()}
            </div>
            <Conflicts code=code.clone() versions=slot />
        </div>
    }
    .into_any()
}

/// The versions of a slot written at the same time as the current one, each with its
/// author and time, and the choice between them.
#[component]
pub fn Conflicts(code: String, versions: Signal<SlotState>) -> impl IntoView {
    // Not named `slot`: the view macro reserves that word for Leptos slots.
    let slot = versions;
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    let key = ctx.key.clone();
    let editable = ctx.editable;
    let shown = move || slot.with(|s| s.visible_conflicts().next().is_some());
    let t = use_texts();
    let choices = move || {
        let numbers = t.get().numbers;
        let s = slot.get();
        let base = s.resolve_base();
        let versions: Vec<_> = s
            .current
            .iter()
            .chain(s.visible_conflicts())
            .cloned()
            .collect();
        versions
            .into_iter()
            .map(|v| {
                let (key, code, base) = (key.clone(), code.clone(), base.clone());
                let value = v.value.clone();
                let keep = move |_| {
                    device.queue(&key, Change::Resolve { slot: Slot::from(code.as_str()), value: value.clone(), base: base.clone() });
                };
                view! {
                    <li>
                        <blockquote lang="vi">{v.value.as_ref().map(|v| shown_value(v, numbers)).unwrap_or_default()}</blockquote>
                        <span class="muted">{v.by.clone()} " · " {date_time(v.at)}</span>
                        <button type="button" on:click=keep hidden=move || !editable.get()>{tr(|t| t.keep_this)}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=shown>
            <div class="conflict" role="alert" data-testid="conflict">
                <p><strong>{tr(|t| t.conflict_heading)}</strong></p>
                <ul>{choices.clone()}</ul>
                <p class="muted">{tr(|t| t.conflict_merge_hint)}</p>
            </div>
        </Show>
    }
}
