//! A unit's consolidation (tổng hợp) for one period: the figures of the units below summed
//! by the one rollup, a row per unit, their narratives as a draft, the late and the missing,
//! and a way to take it all into the unit's own report.

use crate::api::{
    consolidation_api_path, consolidation_path, export_url, report_api_path, report_path, Basis,
    ConsolidatedUnit, ConsolidationQuery, ConsolidationView, Me, ReportView, BASIS_QUERY,
    UNIT_QUERY,
};
use crate::client::ClientError;
use crate::components::deadline::Deadline;
use crate::components::refused::Refused;
use crate::components::report_field::shown_value;
use crate::components::signed_in::SignedIn;
use crate::components::template_text::TemplateText;
use crate::device::engine::use_device;
use crate::device::fetched::use_fetched;
use crate::domain::access::may_edit_report;
use crate::domain::progress::Standing;
use crate::domain::rules::{derived_ratio, Values};
use crate::domain::template::{Field, FieldKind, Template};
use crate::format::Numbers;
use crate::i18n::{tr, use_texts};
use crate::sync::rebase;
use crate::sync::{ReportKey, Slot, SlotState};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn ConsolidationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let path = Memo::new(move |_| {
        let (p, q) = (params.get(), query.get());
        let basis = q
            .get(BASIS_QUERY)
            .and_then(|b| Basis::parse(&b))
            .unwrap_or_default();
        consolidation_api_path(
            &p.get("plan").unwrap_or_default(),
            &p.get("period").unwrap_or_default(),
            &ConsolidationQuery {
                unit: q.get(UNIT_QUERY),
                basis: Some(basis),
            },
        )
    });
    let data = use_fetched::<ConsolidationView>(path);
    view! {
        <SignedIn render=move |me| move || match data.get() {
            None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
            Some(Ok(view)) => view! { <ConsolidationBody view me=me.clone() /> }.into_any(),
            Some(Err(ClientError::Api(e))) => view! { <Refused message=e.message /> }.into_any(),
            Some(Err(_)) => view! { <p class="error">{tr(|t| t.not_on_device)}</p> }.into_any(),
        } />
    }
}

/// What a cell shows for a figure nobody entered.
const NONE: &str = "–";

/// A numeric value as a table cell shows it; rates are recomputed from `values`.
fn cell(template: &Template, values: &Values, field: &Field, numbers: Numbers) -> String {
    match field.kind {
        FieldKind::Derived(_) => derived_ratio(template, values, &field.code)
            .map(|r| numbers.ratio_as_percent(r))
            .unwrap_or_else(|| NONE.into()),
        _ => values
            .get(&field.code)
            .map(|v| shown_value(v, numbers))
            .unwrap_or_else(|| NONE.into()),
    }
}

#[component]
fn ConsolidationBody(view: ConsolidationView, me: Me) -> impl IntoView {
    let template = view.template.clone();
    let unit = view.unit.code.clone();
    let link = |basis: Basis| consolidation_path(&view.plan_id, &view.period.code, &unit, basis);
    let api = consolidation_api_path(
        &view.plan_id,
        &view.period.code,
        &ConsolidationQuery {
            unit: Some(unit.clone()),
            basis: Some(view.basis),
        },
    );
    let counted = view.units.iter().filter(|u| u.included).count();
    let of = view.units.len();
    let t = use_texts();
    let own_report = may_edit_report(me.role, &me.unit.code, &me.scope.code, &unit);
    let late: Vec<String> = view
        .units
        .iter()
        .filter(|u| {
            matches!(
                u.standing,
                Standing::Submitted { on_time: false } | Standing::Accepted { on_time: false }
            )
        })
        .map(|u| u.unit_name.clone())
        .collect();
    let missing: Vec<String> = view
        .units
        .iter()
        .filter(|u| matches!(u.standing, Standing::Missing | Standing::Returned))
        .map(|u| u.unit_name.clone())
        .collect();
    view! {
        <p class="no-print standalone"><a href="/">{tr(|t| t.back_home)}</a></p>
        <header class="card">
            // Names and narratives are data (Vietnamese, `lang`); the template's words come in
            // the chosen language when the template has it (`TemplateText`).
            <h1>{tr(|t| t.consolidation_title)} ": " <span lang="vi">{view.unit.name.clone()}</span></h1>
            <p class="muted">{tr(|t| t.plan)} " " {view.plan_number.clone()} " – " <span lang="vi">{view.plan_title.clone()}</span></p>
            <p><strong lang="vi">{view.period.label.clone()}</strong> " · " <Deadline due_before=view.period.due_before done=true /></p>
            <nav class="tabs no-print">
                <a href=link(Basis::Submitted) aria-current=(view.basis == Basis::Submitted).then_some("page")>{tr(|t| t.basis_submitted)}</a>
                <a href=link(Basis::Accepted) aria-current=(view.basis == Basis::Accepted).then_some("page")>{tr(|t| t.basis_accepted)}</a>
            </nav>
            <p class="actions no-print">
                <a class="button" href=export_url(&api, "xlsx") download>{tr(|t| t.download_xlsx)}</a>
                <a class="button" href=export_url(&api, "docx") download>{tr(|t| t.download_docx)}</a>
            </p>
            <p data-testid="counted">{move || t.get().counted_units(counted, of)}</p>
            {own_report.then(|| view! { <UseAsDraft view=view.clone() /> })}
        </header>
        <Totals template=template.clone() totals=view.totals.clone() />
        <ByUnit template=template.clone() units=view.units.clone() totals=view.totals.clone() />
        <Narratives view=view.clone() />
        <section class="card">
            <h2>{tr(|t| t.late_units)}</h2>
            <NameList names=late />
            <h2>{tr(|t| t.missing_units)}</h2>
            <NameList names=missing />
        </section>
    }
}

#[component]
fn NameList(names: Vec<String>) -> impl IntoView {
    if names.is_empty() {
        view! { <p class="muted">{tr(|t| t.none)}</p> }.into_any()
    } else {
        view! { <p lang="vi">{names.join(", ")}</p> }.into_any()
    }
}

/// Every consolidated figure, section by section.
#[component]
fn Totals(template: Template, totals: Values) -> impl IntoView {
    let numbers = use_texts().get_untracked().numbers;
    let sections = template.sections.clone();
    view! {
        <section class="card">
            <h2>{tr(|t| t.totals_heading)}</h2>
            <div class="table-wrap" tabindex="0">
                <table class="totals" data-testid="totals">
                    <thead><tr><th>{tr(|t| t.indicator)}</th><th class="num">{tr(|t| t.total)}</th></tr></thead>
                    <tbody>
                        {sections
                            .into_iter()
                            .filter(|s| s.fields.iter().any(|f| !matches!(f.kind, FieldKind::Text)))
                            .map(|s| {
                                let rows = s
                                    .fields
                                    .iter()
                                    .filter(|f| !matches!(f.kind, FieldKind::Text))
                                    .map(|f| {
                                        let value = cell(&template, &totals, f, numbers);
                                        // No unit after a figure that is not there.
                                        let unit = f.unit.clone().filter(|u| u != "%" && value != NONE).map(|u| {
                                            view! { " " <TemplateText vi=u en=f.unit_en.clone() /> }
                                        });
                                        view! {
                                            <tr data-field=f.code.clone()>
                                                <td><TemplateText vi=f.label.clone() en=f.label_en.clone() /></td>
                                                <td class="num">{value}<span class="muted">{unit}</span></td>
                                            </tr>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <tr class="section-row"><th colspan="2"><TemplateText vi=s.title.clone() en=s.title_en.clone() /></th></tr>
                                    {rows}
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One row per unit below with the key figures, and the totals.
#[component]
fn ByUnit(template: Template, units: Vec<ConsolidatedUnit>, totals: Values) -> impl IntoView {
    let t = use_texts();
    let numbers = t.get_untracked().numbers;
    let fields: Vec<Field> = template.key_fields().into_iter().cloned().collect();
    let head = fields
        .iter()
        .map(|f| view! { <th class="num"><TemplateText vi=f.label.clone() en=f.label_en.clone() /></th> })
        .collect_view();
    let total_cells = fields
        .iter()
        .map(|f| view! { <td class="num">{cell(&template, &totals, f, numbers)}</td> })
        .collect_view();
    let rows = units
        .into_iter()
        .map(|u| {
            let standing = u.standing;
            let cells = fields
                .iter()
                .map(|f| {
                    let v = if u.included {
                        cell(&template, &u.values, f, numbers)
                    } else {
                        String::new()
                    };
                    view! { <td class="num">{v}</td> }
                })
                .collect_view();
            view! {
                <tr class:excluded=!u.included data-unit=u.unit_code.clone()>
                    <td lang="vi">{u.unit_name.clone()}</td>
                    <td>{move || t.get().standing(standing)}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{tr(|t| t.by_unit_heading)}</h2>
            <div class="table-wrap" tabindex="0">
                <table class="by-unit" data-testid="by-unit">
                    <thead><tr><th>{tr(|t| t.unit)}</th><th>{tr(|t| t.status)}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th>{tr(|t| t.total)}</th><td></td>{total_cells}</tr></tfoot>
                </table>
            </div>
        </section>
    }
}

/// The units' narratives under each heading, each paragraph labelled with its unit.
#[component]
fn Narratives(view: ConsolidationView) -> impl IntoView {
    let blocks = view
        .template
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter_map(|f| {
            let paragraphs = view.narratives.get(&f.code)?.clone();
            Some(view! {
                <h3><TemplateText vi=f.label.clone() en=f.label_en.clone() /></h3>
                {paragraphs
                    .into_iter()
                    .map(|p| view! { <p class="paragraph" lang="vi"><strong>{p.unit} ": "</strong>{p.text}</p> })
                    .collect_view()}
            })
        })
        .collect_view();
    view! {
        <section class="card narratives" data-testid="narratives">
            <h2>{tr(|t| t.narratives_heading)}</h2>
            {blocks}
        </section>
    }
}

/// The text a narrative field of the unit's own report starts from.
fn draft_text(view: &ConsolidationView, code: &str) -> Option<String> {
    view.draft.get(code).cloned()
}

/// Writes the consolidated figures into the unit's own report (but for those corrected with
/// a reason), and the units' narratives into its empty narrative fields, as ordinary edits
/// of this device; then opens the report.
#[component]
fn UseAsDraft(view: ConsolidationView) -> impl IntoView {
    let device = use_device();
    let navigate = use_navigate();
    let failed = RwSignal::new(false);
    let view = StoredValue::new(view);
    let fill = move |_| {
        let navigate = navigate.clone();
        let v = view.get_value();
        leptos::task::spawn_local(async move {
            let key = ReportKey {
                plan_id: v.plan_id.clone(),
                period_code: v.period.code.clone(),
                unit_code: v.unit.code.clone(),
            };
            let Ok(report) = device.fetch::<ReportView>(&report_api_path(&key)).await else {
                failed.set(true);
                return;
            };
            let server = report.state;
            let shown = device
                .outbox
                .with_untracked(|o| rebase(&server, o.for_report(&key)).values());
            for field in v.template.fields() {
                let value = match field.kind {
                    FieldKind::Derived(_) => continue,
                    FieldKind::Text if shown.contains_key(&field.code) => continue,
                    FieldKind::Text => {
                        draft_text(&v, &field.code).map(crate::domain::value::Value::Text)
                    }
                    // A figure corrected with its reason is the reviewer's; the others
                    // follow the units' sums.
                    _ if shown.contains_key(&Slot::Correction(field.code.clone()).to_string()) => {
                        continue
                    }
                    _ => v.totals.get(&field.code).cloned(),
                };
                if value.is_none() || value.as_ref() == shown.get(&field.code) {
                    continue;
                }
                let base = server
                    .slots
                    .get(&field.code)
                    .map(SlotState::edit_base)
                    .unwrap_or_default();
                device.edit(&key, &Slot::Field(field.code.clone()), value, base);
            }
            navigate(
                &report_path(&key.plan_id, &key.period_code, &key.unit_code),
                Default::default(),
            );
        });
    };
    view! {
        <div class="use-as-draft no-print">
            <button type="button" class="primary" on:click=fill>{tr(|t| t.use_as_draft)}</button>
            <p class="muted">{tr(|t| t.use_as_draft_note)}</p>
            <Show when=move || failed.get()>
                <p class="error">{tr(|t| t.not_on_device)}</p>
            </Show>
        </div>
    }
}
