//! Renders a page for the signed-in user (known from the server, or remembered on this
//! device when it is offline); sends anyone else to the login page.

use crate::api::Me;
use crate::device::engine::use_device;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SignedIn<F, V>(render: F) -> impl IntoView
where
    F: Fn(Me) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    let device = use_device();
    // Re-render only when the user changes, not on every refresh of their details.
    let user = Memo::new(move |_| device.me.get());
    move || match (user.get(), device.checked.get()) {
        (Some(me), _) => render(me).into_any(),
        (None, true) => view! { <Redirect path="/dang-nhap" /> }.into_any(),
        (None, false) => view! { <p>{move || t.get().loading}</p> }.into_any(),
    }
}
