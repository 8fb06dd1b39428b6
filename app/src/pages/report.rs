//! One unit's report for one period, rendered from its template.

use crate::api::ReportView;
use crate::client::{self, ClientError};
use crate::components::deadline::{Deadline, StatusBadge};
use crate::domain::rules::derived_ratio;
use crate::domain::template::{Field, FieldKind, Section, Template};
use crate::domain::value::Value;
use crate::format::{hundredths, integer, ratio_as_percent};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReportPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let report = LocalResource::new(move || {
        let p = params.get();
        let path = format!(
            "/reports/{}/{}/{}",
            p.get("plan").unwrap_or_default(),
            p.get("period").unwrap_or_default(),
            p.get("unit").unwrap_or_default()
        );
        async move { client::get::<ReportView>(&path).await }
    });

    view! {
        <Suspense fallback=move || view! { <p>{move || t.get().loading}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(r) => view! { <ReportBody report=r /> }.into_any(),
                    Err(ClientError::Unauthorized) => view! { <Redirect path="/dang-nhap" /> }.into_any(),
                    Err(ClientError::Api(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                    Err(ClientError::Network) => view! { <p class="error">{move || t.get().network_error}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportBody(report: ReportView) -> impl IntoView {
    let t = use_texts();
    let ReportView {
        plan_number,
        period,
        unit,
        template,
        tasks,
        state,
        ..
    } = report;
    let status = state.status;
    let values = state.values();
    let return_comment = state.return_comment.clone();
    let template = StoredValue::new(template);
    let values = StoredValue::new(values);
    view! {
        <p><a href="/">{move || t.get().back_home}</a></p>
        <header class="card report-head">
            <h1>{unit.name.clone()}</h1>
            <p class="muted">{template.with_value(|t| t.title.clone())}</p>
            <p>{period.label.clone()} " · " {move || t.get().plan} " " {plan_number.clone()}</p>
            <p><Deadline period status /> " " <StatusBadge status /></p>
            {return_comment.map(|c| view! { <p class="returned"><strong>{move || t.get().returned_comment} ": "</strong>{c}</p> })}
        </header>
        {template
            .with_value(|tpl| tpl.sections.clone())
            .into_iter()
            .map(|section| view! { <SectionView section template values /> })
            .collect_view()}
        <section class="card">
            <h2>{move || t.get().plan_tasks}</h2>
            <ol class="tasks">
                {tasks.into_iter().map(|task| view! { <li><span class="muted">{task.section}</span> " " {task.text}</li> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn SectionView(
    section: Section,
    template: StoredValue<Template>,
    values: StoredValue<crate::domain::rules::Values>,
) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{section.title.clone()}</h2>
            <dl class="fields">
                {section.fields.into_iter().map(|field| view! { <FieldView field template values /> }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn FieldView(
    field: Field,
    template: StoredValue<Template>,
    values: StoredValue<crate::domain::rules::Values>,
) -> impl IntoView {
    let t = use_texts();
    let shown = match &field.kind {
        FieldKind::Derived(_) => {
            let ratio = template
                .with_value(|tpl| values.with_value(|v| derived_ratio(tpl, v, &field.code)));
            ratio.map(ratio_as_percent)
        }
        _ => values.with_value(|v| {
            v.get(&field.code).map(|value| match value {
                Value::Text(s) => s.clone(),
                Value::Count(n) => integer(*n),
                Value::Percent(p) => format!("{}%", hundredths(p.hundredths())),
                Value::Task(p) => p.note.clone(),
            })
        }),
    };
    let is_derived = matches!(field.kind, FieldKind::Derived(_));
    let unit = field.unit.clone().filter(|u| u != "%");
    view! {
        <dt>
            {field.label.clone()}
            {field.required.then(|| view! { <abbr class="required" title=move || t.get().required_mark>"*"</abbr> })}
        </dt>
        <dd class:text=!field.is_numeric()>
            {match shown {
                Some(s) => view! { {s} " " {unit} }.into_any(),
                None if is_derived => view! { <span class="muted">{move || t.get().not_applicable}</span> }.into_any(),
                None => view! { <span class="muted">"—"</span> }.into_any(),
            }}
        </dd>
    }
}
