//! The wasm entry points: `hydrate` for a page the server rendered, `mount` for the app
//! shell the service worker opens offline.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async {
        // The ward's build: a page whose code is a chunk of its own is hydrated once that
        // chunk is here (`app::pages::lazy`).
        let path = leptos::prelude::window()
            .location()
            .pathname()
            .unwrap_or_default();
        if app::pages::lazy::preload(&path).await {
            leptos::mount::hydrate_body(app::App);
        } else {
            // The chunk could not be fetched: the page is drawn again in the browser, where
            // it says so and offers to try again.
            if let Some(body) = leptos::prelude::document().body() {
                body.set_inner_html("");
            }
            leptos::mount::mount_to_body(app::App);
        }
    });
    #[cfg(not(feature = "split"))]
    leptos::mount::hydrate_body(app::App);
}

#[wasm_bindgen]
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
