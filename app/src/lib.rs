//! baocao's shared crate: the domain, the API's shapes, and the Leptos UI.

pub mod api;
pub mod builds;
pub mod client;
pub mod code;
pub mod components;
pub mod device;
pub mod document;
pub mod domain;
pub mod fold;
pub mod format;
pub mod i18n;
pub mod lang;
pub mod pages;
pub mod sync;

use device::engine::provide_device;
use i18n::{provide_language, tr};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

/// The HTML document around the app, rendered by the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let options = build_for_page(options);
    let lang = i18n::chosen_language().code();
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5cad" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The wasm a page hydrates with: the administrators' build (`baocao-admin`, with every
/// page) under `/quan-tri`, the reviewers' (`baocao-review`, with the review pages) on
/// those pages, the ward's smaller one everywhere else.
fn build_for_page(options: LeptosOptions) -> LeptosOptions {
    #[cfg(feature = "ssr")]
    {
        use leptos::server_fn::http_export::request::Parts;
        let build =
            use_context::<Parts>().and_then(|parts| builds::build_for_path(parts.uri.path()));
        if let Some(build) = build {
            let mut options = options;
            options.output_name = format!("{}-{build}", options.output_name).into();
            return options;
        }
    }
    options
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_language();
    provide_device();
    crate::device::uploads::provide_uploads();
    crate::device::notices::provide_notices();

    view! {
        <Stylesheet id="leptos" href="/pkg/baocao.css" />
        <Title text=tr(|t| t.app_name) />
        <Router>
            <components::header::Header />
            <main class="page" id="main" tabindex="-1">
                <Routes fallback=move || view! { <p>{tr(|t| t.not_found)}</p> }>
                    <Route path=path!("/") view=pages::home::HomePage />
                    <Route path=path!("/dang-nhap") view={Lazy::<pages::lazy::LoginRoute>::new()} />
                    <Route path=path!("/doi-mat-khau") view={Lazy::<pages::lazy::PasswordRoute>::new()} />
                    <Route path=path!("/thong-bao") view={Lazy::<pages::lazy::NoticesRoute>::new()} />
                    <Route path=path!("/bao-cao/:plan/:period/:unit") view={Lazy::<pages::lazy::ReportRoute>::new()} />
                    <Route path=path!("/tien-do/:plan/:period") view=pages::ProgressPage />
                    <Route path=path!("/tong-hop/:plan/:period") view=pages::ConsolidationPage />
                    <Route path=path!("/dung-han") view=pages::TimelinessPage />
                    <Route path=path!("/xep-loai/:plan/:period") view=pages::EvaluationResultsPage />
                    <pages::AdminRoutes />
                </Routes>
            </main>
        </Router>
    }
}
