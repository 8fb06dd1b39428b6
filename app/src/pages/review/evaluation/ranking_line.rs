//! One unit's line in an evaluation's ranking: its place, its points by criterion, its
//! total (or the total it proposed while not reviewed) and grade, its earlier years.

use crate::api::report_path;
use crate::domain::evaluation::{EvaluationResults, ResultRow};
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

/// One unit's line.
#[component]
pub fn RankingLine(
    row: ResultRow,
    codes: StoredValue<Vec<String>>,
    tied: Callback<usize, bool>,
    results: StoredValue<EvaluationResults>,
) -> impl IntoView {
    let t = use_texts();
    let et = move || EvaluationTexts::of(t.get().lang);
    let (plan, period) = results.with_value(|r| (r.plan_id.clone(), r.period.code.clone()));
    let href = report_path(&plan, &period, &row.unit_code);
    let place = row
        .rank
        .map(|r| {
            if tied.run(r) {
                format!("{r}=")
            } else {
                r.to_string()
            }
        })
        .unwrap_or_default();
    let grade = match (&row.grade, &row.ineligible) {
        (Some(code), _) => results.with_value(|r| r.grade_label(code).map(str::to_string)),
        (None, Some(_)) => results.with_value(|r| Some(r.criteria.ineligible.label.clone())),
        _ => None,
    };
    let points = codes.with_value(|codes| {
        codes
            .iter()
            .map(|c| row.points.get(c).copied())
            .collect::<Vec<_>>()
    });
    let (total, proposed) = (row.total, row.proposed);
    let past = row
        .past
        .iter()
        .map(|p| {
            let grade = p
                .grade
                .as_deref()
                .and_then(|g| results.with_value(|r| r.grade_label(g).map(str::to_string)));
            let (total, label, unit) = (p.total, p.label.clone(), p.unit_name.clone());
            view! {
                <li lang="vi">
                    {label} ": " {move || total.map(|t_| t_.shown(t.get().numbers)).unwrap_or_else(|| "—".into())}
                    {grade.map(|g| format!(" · {g}"))}
                    {unit.map(|u| format!(" ({u})"))}
                </li>
            }
        })
        .collect_view();
    let why = row.ineligible.clone();
    view! {
        <tr data-unit=row.unit_code.clone()>
            <td class="num" data-testid="rank">{place}</td>
            <th scope="row"><a href=href lang="vi">{row.unit_name.clone()}</a></th>
            {points.into_iter().map(|p| view! {
                <td class="num">{move || p.map(|p| p.shown(t.get().numbers)).unwrap_or_default()}</td>
            }).collect_view()}
            <td class="num" data-testid="total">
                {move || match (total, proposed) {
                    (Some(total), _) => view! { <strong>{total.shown(t.get().numbers)}</strong> }.into_any(),
                    (None, Some(p)) => view! { <span class="muted" title=et().pending>{p.shown(t.get().numbers)}</span> }.into_any(),
                    _ => view! { <span class="muted">"—"</span> }.into_any(),
                }}
            </td>
            <td lang="vi" title=why>{grade.unwrap_or_default()}</td>
            <td><ul class="past">{past}</ul></td>
        </tr>
    }
    .into_any()
}
