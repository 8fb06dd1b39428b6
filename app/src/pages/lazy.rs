//! Pages whose code is not in the ward's first download: the sign-in, password, notices and
//! report pages. In the ward's build (feature `split`) each is a chunk of its own, fetched
//! when the page is first shown and kept by the service worker with the shell, so that they
//! open offline. A page the server drew is taken over by the browser once its chunk is
//! there ([`preload`], called by the front end before it hydrates); the sign-in form works
//! before that, as it posts to the server. The other builds and the server call the pages
//! directly.

use super::login::LoginPage;
use super::notices::NoticesPage;
use super::password::PasswordPage;
use super::report::ReportPage;
use crate::i18n::{tr, Pick};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// A page whose chunk could not be fetched (the connection dropped on a first visit): says
/// so, keeps what was typed (it is all on the device), and tries again by loading the page
/// again.
#[component]
fn Unavailable(message: Pick) -> impl IntoView {
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <div class="editor-unavailable" role="alert">
            <p class="error">{tr(message)}</p>
            <button type="button" on:click=reload>{tr(|t| t.retry)}</button>
        </div>
    }
}

/// Declares a lazy route `$route` drawing `$page`, split off as the chunk `$chunk`, which
/// `$preload` fetches without drawing; the text `$unavailable` says that it could not be
/// fetched.
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $preload:ident, $page:ident, $unavailable:ident) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> AnyView {
                $chunk()
                    .await
                    .unwrap_or_else(|_| view! { <Unavailable message={|t| t.$unavailable} /> }.into_any())
            }
        }

        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split(
            $chunk,
            fallible,
            preload($preload),
            return_wrapper(let page = _; { Ok(page) } -> Result<AnyView, wasm_split_helpers::SplitLoaderError>)
        )]
        fn $chunk() -> AnyView {
            view! { <$page /> }.into_any()
        }

        #[cfg(not(feature = "split"))]
        async fn $chunk() -> Result<AnyView, std::convert::Infallible> {
            Ok(view! { <$page /> }.into_any())
        }
    };
}

lazy_page!(
    LoginRoute,
    login_page,
    preload_login_page,
    LoginPage,
    network_error
);
lazy_page!(
    PasswordRoute,
    password_page,
    preload_password_page,
    PasswordPage,
    network_error
);
lazy_page!(
    NoticesRoute,
    notices_page,
    preload_notices_page,
    NoticesPage,
    network_error
);
lazy_page!(
    ReportRoute,
    report_page,
    preload_report_page,
    ReportPage,
    editor_unavailable
);

/// Fetches the chunk of the page at `path` if it is a lazy one. False if that fetch failed:
/// the page cannot be hydrated without its view, and is drawn in the browser instead.
///
/// The browser hydrates a page in one go, before the app's effects run (the device's start
/// reads the signed-in user from storage): a hydration that waited for a chunk halfway
/// would meet a page whose state moved on from what the server drew.
#[cfg(feature = "split")]
pub async fn preload(path: &str) -> bool {
    let fetched = match LazyPage::at(path) {
        Some(LazyPage::Login) => preload_login_page().await,
        Some(LazyPage::Password) => preload_password_page().await,
        Some(LazyPage::Notices) => preload_notices_page().await,
        Some(LazyPage::Report) => preload_report_page().await,
        None => Ok(()),
    };
    fetched.is_ok()
}

/// The lazy pages, by the addresses `App`'s routes give them.
#[cfg(any(feature = "split", test))]
#[derive(Debug, PartialEq)]
enum LazyPage {
    Login,
    Password,
    Notices,
    Report,
}

#[cfg(any(feature = "split", test))]
impl LazyPage {
    fn at(path: &str) -> Option<Self> {
        let mut segments = path.trim_matches('/').split('/');
        match (segments.next()?, segments.count()) {
            ("dang-nhap", 0) => Some(Self::Login),
            ("doi-mat-khau", 0) => Some(Self::Password),
            ("thong-bao", 0) => Some(Self::Notices),
            ("bao-cao", 3) => Some(Self::Report),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LazyPage;

    #[test]
    fn the_lazy_pages_are_known_by_their_routes_addresses() {
        assert_eq!(LazyPage::at("/dang-nhap"), Some(LazyPage::Login));
        assert_eq!(LazyPage::at("/doi-mat-khau"), Some(LazyPage::Password));
        assert_eq!(LazyPage::at("/thong-bao"), Some(LazyPage::Notices));
        assert_eq!(LazyPage::at("/thong-bao/"), Some(LazyPage::Notices));
        assert_eq!(
            LazyPage::at("/bao-cao/847-KH-UBND-2023/2023-6T/HCM.GV.P01"),
            Some(LazyPage::Report)
        );
        // The home page and the review pages are in the first download.
        assert_eq!(LazyPage::at("/"), None);
        assert_eq!(LazyPage::at("/tien-do/847-KH-UBND-2023/2023-6T"), None);
        assert_eq!(LazyPage::at("/bao-cao/847-KH-UBND-2023"), None);
    }
}
