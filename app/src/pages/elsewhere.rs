//! Pages the ward's download leaves out, so that ward staff never download them: the
//! review pages (in the reviewers' build, feature `review`) and the administration
//! (feature `admin`). The server sends the build that has a page with the page itself;
//! here, in the offline shell, reaching one needs the server: the page says so and offers
//! to load it.

use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::path;

#[cfg(not(feature = "admin"))]
#[component(transparent)]
pub fn AdminRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/quan-tri/*rest") view=Elsewhere /> }.into_inner()
}

/// In the ward's build, also the view of each review page's route.
#[component]
pub fn Elsewhere() -> impl IntoView {
    let here = leptos_router::hooks::use_location();
    let address = move || format!("{}{}", here.pathname.get(), here.search.get());
    view! {
        <section class="card">
            <p>{tr(|t| t.page_needs_network)}</p>
            <p><a href=address rel="external">{tr(|t| t.page_open)}</a></p>
        </section>
    }
}
