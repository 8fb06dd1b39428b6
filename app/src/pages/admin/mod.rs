//! The administration pages under `/quan-tri`. Compiled into the server and into the
//! administrators' wasm only (feature `admin`): the ward's download has a placeholder
//! route in their stead (`admin_elsewhere.rs`), and the server hydrates these pages with
//! the administrators' build.

mod account_form;
mod accounts;
mod form;
mod imports;
mod log;
mod mail_status;
mod plan_form;
mod plans;
pub mod texts;
mod unit_picker;
mod units;

use crate::api::Role;
use crate::components::signed_in::SignedIn;
use leptos::prelude::*;
use leptos_meta::Stylesheet;
use leptos_router::components::{Outlet, ParentRoute, Route, A};
use leptos_router::path;
use texts::use_admin_texts;

#[component(transparent)]
pub fn AdminRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/quan-tri") view=AdminLayout>
            <Route path=path!("") view=accounts::AccountsPage />
            <Route path=path!("tai-khoan") view=accounts::AccountsPage />
            <Route path=path!("tai-khoan/moi") view=account_form::NewAccountPage />
            <Route path=path!("tai-khoan/:username") view=account_form::EditAccountPage />
            <Route path=path!("don-vi") view=units::UnitsPage />
            <Route path=path!("don-vi/moi") view=units::NewUnitPage />
            <Route path=path!("don-vi/:code") view=units::UnitPage />
            <Route path=path!("ke-hoach") view=plans::PlansPage />
            <Route path=path!("ke-hoach/moi") view=plan_form::NewPlanPage />
            <Route path=path!("ke-hoach/:id") view=plan_form::EditPlanPage />
            <Route path=path!("nhap-tep") view=imports::ImportPage />
            <Route path=path!("nhat-ky") view=log::AdminLogPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The administration's own tabs above each of its pages, for administrators only.
#[component]
fn AdminLayout() -> impl IntoView {
    let at = use_admin_texts();
    view! {
        <SignedIn render=move |me| {
            if me.role != Role::Admin {
                return view! { <p class="error">{move || at.get().only_admins}</p> }.into_any();
            }
            view! {
                <Stylesheet id="admin" href="/pkg/baocao-admin.css" />
                <nav class="tabs no-print" aria-label=move || at.get().title>
                    <A href="/quan-tri/tai-khoan">{move || at.get().accounts}</A>
                    <A href="/quan-tri/don-vi">{move || at.get().units}</A>
                    <A href="/quan-tri/ke-hoach">{move || at.get().plans}</A>
                    <A href="/quan-tri/nhap-tep">{move || at.get().imports}</A>
                    <A href="/quan-tri/nhat-ky">{move || at.get().log}</A>
                </nav>
                <Outlet />
            }
            .into_any()
        } />
    }
}
