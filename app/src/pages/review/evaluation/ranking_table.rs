//! The ranking of a scope's units: place (ties shown as ties, "2="), unit, each criterion's
//! points, the total and grade, and earlier years; sorted by any column.

use super::ranking_line::RankingLine;
use crate::domain::evaluation::{EvaluationResults, Points, ResultRow};
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;
use std::cmp::Ordering;

/// What the table is sorted by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Rank,
    Unit,
    Total,
    /// A criterion or bonus item, by its place in the set.
    Item(usize),
}

#[component]
pub fn RankingTable(results: StoredValue<EvaluationResults>) -> impl IntoView {
    let t = use_texts();
    let et = move || EvaluationTexts::of(t.get().lang);
    // (code, short heading, title) of each criterion and bonus item.
    let items: Vec<(String, String, String)> = results.with_value(|r| {
        let set = &r.criteria;
        set.criteria
            .iter()
            .map(|c| (&c.code, &c.title))
            .chain(set.bonus.iter().map(|b| (&b.code, &b.title)))
            .map(|(code, title)| (code.clone(), short(title, code), title.clone()))
            .collect()
    });
    let codes = StoredValue::new(items.iter().map(|i| i.0.clone()).collect::<Vec<_>>());
    let sort = RwSignal::new((Column::Rank, false));
    let rows = Memo::new(move |_| {
        let (column, descending) = sort.get();
        let mut rows = results.with_value(|r| r.rows.clone());
        let key = |r: &ResultRow| -> Option<Points> {
            match column {
                Column::Total => r.total.or(r.proposed),
                Column::Item(i) => codes.with_value(|c| r.points.get(&c[i]).copied()),
                _ => None,
            }
        };
        rows.sort_by(|a, b| {
            let order = match column {
                Column::Rank => option_last(a.rank, b.rank),
                Column::Unit => a.unit_name.cmp(&b.unit_name),
                // Highest first is what a points column is read for.
                _ => option_last(key(b), key(a)),
            };
            if descending {
                order.reverse()
            } else {
                order
            }
        });
        rows
    });
    let ranks: Vec<Option<usize>> = results.with_value(|r| r.rows.iter().map(|r| r.rank).collect());
    let tied =
        Callback::new(move |rank: usize| ranks.iter().filter(|r| **r == Some(rank)).count() > 1);
    let head = move |column: Column, label: Signal<String>, title: Option<String>| {
        let pressed = move || sort.with(|s| s.0 == column);
        let aria_sort = move || match sort.get() {
            (c, false) if c == column => "ascending",
            (c, true) if c == column => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="link-button" aria-pressed=move || pressed().to_string()
                    title=move || title.clone().map(|t| (et().sort_by)(&t)).unwrap_or_else(|| (et().sort_by)(&label.get()))
                    on:click=move |_| sort.update(|s| *s = (column, s.0 == column && !s.1))>
                    {move || label.get()}
                </button>
            </th>
        }
    };
    let text = move |pick: fn(&EvaluationTexts) -> &'static str| {
        Signal::derive(move || pick(EvaluationTexts::of(t.get().lang)).to_string())
    };
    let item_heads = items
        .iter()
        .enumerate()
        .map(|(i, (_, short, title))| {
            head(
                Column::Item(i),
                Signal::stored(short.clone()),
                Some(title.clone()),
            )
        })
        .collect_view();
    view! {
        <section class="card">
            <div class="table-wrap" tabindex="0">
                <table class="ranking" data-testid="ranking">
                    <thead><tr>
                        {head(Column::Rank, text(|e| e.rank), None)}
                        {head(Column::Unit, Signal::derive(move || crate::i18n::texts(t.get().lang).unit.to_string()), None)}
                        {item_heads}
                        {head(Column::Total, text(|e| e.total), None)}
                        <th scope="col">{move || et().grade}</th>
                        <th scope="col">{move || et().past}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| r.unit_code.clone() let(row)>
                            <RankingLine row codes tied results />
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// `None` after every value.
fn option_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A criterion's heading in the table: the number its title starts with ("1."), else its
/// code.
fn short(title: &str, code: &str) -> String {
    title
        .split_whitespace()
        .next()
        .filter(|w| {
            let number = w.trim_end_matches('.');
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
        })
        .map_or_else(|| code.to_string(), str::to_string)
}
