//! How many units have each grade: a bar per grade, drawn in a table whose cells say the
//! same in numbers (what a screen reader and a printout read).

use super::bar_cell::BarCell;
use crate::domain::evaluation::EvaluationResults;
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn GradeChart(results: StoredValue<EvaluationResults>) -> impl IntoView {
    let t = use_texts();
    let et = move || EvaluationTexts::of(t.get().lang);
    let (lines, all) = results.with_value(|r| {
        let d = r.distribution();
        let ineligible = r.criteria.ineligible.label.clone();
        let lines: Vec<(String, usize, bool)> = d
            .grades
            .into_iter()
            .map(|(_, label, n)| (label, n, true))
            .chain([
                (ineligible, d.ineligible, true),
                (String::new(), d.pending, false),
            ])
            .collect();
        (lines, r.rows.len().max(1))
    });
    view! {
        <section class="card chart" data-testid="grade-chart">
            <h2>{move || et().distribution}</h2>
            <div class="table-wrap" tabindex="0">
                <table>
                    <thead><tr>
                        <th scope="col">{move || et().grade}</th>
                        <th scope="col" class="num">{move || et().units}</th>
                        <th scope="col"><span class="visually-hidden">{move || et().units}</span></th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|(label, n, named)| {
                            let share = n as f64 / all as f64;
                            view! {
                                <tr>
                                    <th scope="row">
                                        {if named {
                                            view! { <span lang="vi">{label}</span> }.into_any()
                                        } else {
                                            view! { <span>{move || et().pending}</span> }.into_any()
                                        }}
                                    </th>
                                    <td class="num">{n}</td>
                                    <BarCell share />
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
