//! The ward's download has no administration pages (they are in the administrators'
//! build, which the server sends with any page under `/quan-tri`). Reaching one here, in
//! the offline shell, needs the server: the page says so and offers to load it.

use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::path;

#[component(transparent)]
pub fn AdminRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/quan-tri/*rest") view=AdminElsewhere /> }.into_inner()
}

#[component]
fn AdminElsewhere() -> impl IntoView {
    let here = leptos_router::hooks::use_location().pathname;
    view! {
        <section class="card">
            <p>{tr(|t| t.admin_needs_network)}</p>
            <p><a href=move || here.get() rel="external">{tr(|t| t.admin_open)}</a></p>
        </section>
    }
}
