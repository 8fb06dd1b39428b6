//! The label of a former unit's report shown as history of the unit that carries it on.

use crate::api::FormerUnit;
use crate::format::date;
use crate::i18n::tr;
use leptos::prelude::*;

/// "Phường 1, Quận Gò Vấp (đến 30/06/2025)": the dates are the unit's first and last days.
#[component]
pub fn FormerUnitName(former: FormerUnit) -> impl IntoView {
    let first = former.from.map(date);
    let last = former.until.and_then(|d| d.pred_opt()).map(date);
    let dates = match (first, last) {
        (None, None) => None,
        (first, last) => Some(view! {
            " ("
            {first.map(|d| view! { {tr(|t| t.former_from)} " " {d} })}
            {(former.from.is_some() && former.until.is_some()).then_some(" ")}
            {last.map(|d| view! { {tr(|t| t.former_until)} " " {d} })}
            ")"
        }),
    };
    view! { <span class="former-unit"><span lang="vi">{former.name}</span> {dates}</span> }
}
