//! A chart's bar in a table cell: a share of the cell's width, at least a sliver when above
//! nothing (one unit among hundreds still shows). Hidden from screen readers, which read
//! the figures in the cells beside it.

use leptos::prelude::*;

#[component]
pub fn BarCell(
    /// From 0 to 1.
    share: f64,
) -> impl IntoView {
    let width = if share > 0.0 {
        format!("width: max(2px, {:.1}%)", share.min(1.0) * 100.0)
    } else {
        "width: 0".to_string()
    };
    view! { <td class="bar-cell" aria-hidden="true"><span class="chart-bar" style=width></span></td> }
}
