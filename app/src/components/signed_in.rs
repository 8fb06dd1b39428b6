//! Renders a page for the signed-in user (known from the server, or remembered on this
//! device when it is offline); sends anyone else to the login page.

use crate::api::Me;
use crate::device::engine::use_device;
use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SignedIn<F, V>(render: F) -> impl IntoView
where
    F: Fn(Me) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let device = use_device();
    // Some(Some(me)): signed in; Some(None): nobody; None: not known yet. A memo, so that
    // the page is rendered again only when this changes.
    let gate = Memo::new(move |_| match device.me.get() {
        Some(me) => Some(Some(me)),
        None if device.checked.get() => Some(None),
        None => None,
    });
    move || match gate.get() {
        Some(Some(me)) => render(me).into_any(),
        Some(None) => view! { <Redirect path="/dang-nhap" /> }.into_any(),
        None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
    }
}
