//! The ranking of a scope's units: place (ties shown as ties, "2="), unit, each criterion's
//! points, the total and grade, and earlier years; sorted by any column.

use super::ranking_line::RankingLine;
use crate::domain::evaluation::{EvaluationResults, Points, ResultRow};
use crate::i18n::{use_texts, EvaluationTexts};
use leptos::prelude::*;
use std::cmp::Ordering;

/// A points column's heading.
#[derive(Clone)]
enum Heading {
    /// The number its criterion's title starts with, else its code.
    Number(String),
    /// A bonus item, numbered when the set has several.
    Bonus(Option<usize>),
}

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
    // (code, short heading, title) of each criterion and bonus item; a bonus item is
    // headed by the word for bonus (numbered when there are several).
    let items: Vec<(String, Heading, String)> = results.with_value(|r| {
        let set = &r.criteria;
        let several = set.bonus.len() > 1;
        set.criteria
            .iter()
            .map(|c| {
                (
                    c.code.clone(),
                    Heading::Number(short(&c.title, &c.code)),
                    c.title.clone(),
                )
            })
            .chain(set.bonus.iter().enumerate().map(|(i, b)| {
                let n = several.then_some(i + 1);
                (b.code.clone(), Heading::Bonus(n), b.title.clone())
            }))
            .collect()
    });
    let codes = StoredValue::new(items.iter().map(|i| i.0.clone()).collect::<Vec<_>>());
    // The column, and whether it runs from the highest down.
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
        let direct = |order: Ordering| if descending { order.reverse() } else { order };
        rows.sort_by(|a, b| match column {
            Column::Rank => by_value_then_none(a.rank, b.rank, direct),
            Column::Unit => direct(a.unit_name.cmp(&b.unit_name)),
            _ => by_value_then_none(key(a), key(b), direct),
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
                    on:click=move |_| sort.update(|s| {
                        // A new column starts the way it is read: places and names from
                        // the first, points from the highest.
                        let first = matches!(column, Column::Total | Column::Item(_));
                        *s = (column, if s.0 == column { !s.1 } else { first });
                    })>
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
        .map(|(i, (_, heading, title))| {
            let heading = heading.clone();
            let label = Signal::derive(move || match &heading {
                Heading::Number(n) => n.clone(),
                Heading::Bonus(None) => et().bonus.to_string(),
                Heading::Bonus(Some(n)) => format!("{} {n}", et().bonus),
            });
            head(Column::Item(i), label, Some(title.clone()))
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
    .into_any()
}

/// Values in `direct`'s order, those without one after them all, whichever the order.
fn by_value_then_none<T: Ord>(
    a: Option<T>,
    b: Option<T>,
    direct: impl Fn(Ordering) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => direct(a.cmp(&b)),
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
