//! Each criterion's average over the graded units against its maximum: a bar per
//! criterion, drawn in a table whose cells give the figures.

use super::bar_cell::BarCell;
use crate::domain::evaluation::EvaluationResults;
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;

#[component]
pub fn AverageChart(results: StoredValue<EvaluationResults>) -> impl IntoView {
    let t = use_texts();
    let et = move || EvaluationTexts::of(t.get().lang);
    let averages = results.with_value(EvaluationResults::averages);
    view! {
        <section class="card chart" data-testid="average-chart">
            <h2>{move || et().averages}</h2>
            {match averages {
                None => view! { <p class="muted">{move || et().none_graded}</p> }.into_any(),
                Some(list) => view! {
                    <div class="table-wrap" tabindex="0">
                        <table>
                            <thead><tr>
                                <th scope="col">{move || et().criteria}</th>
                                <th scope="col" class="num">{move || et().average}</th>
                                <th scope="col" class="num">{move || et().max}</th>
                                <th scope="col"><span class="visually-hidden">{move || et().average}</span></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|a| {
                                    let share = f64::from(a.mean) / f64::from(a.max).max(0.01);
                                    view! {
                                        <tr>
                                            <th scope="row" lang="vi">{a.title}</th>
                                            <td class="num">{move || a.mean.shown(t.get().numbers)}</td>
                                            <td class="num">{move || a.max.shown(t.get().numbers)}</td>
                                            <BarCell share />
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
    .into_any()
}
