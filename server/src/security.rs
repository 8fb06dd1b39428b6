//! What every request and answer passes through for the browser's safety: writes only
//! from the site's own pages, and headers that keep answers from being framed, sniffed
//! or stored.

use crate::error::AppError;
use crate::site::Site;
use app::lang::Text;
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, HeaderValue, CONTENT_SECURITY_POLICY, HOST, ORIGIN};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

/// Refuses a request that names another host than the site's (a page of another site whose
/// name was pointed at this server), and a write (POST, PUT, PATCH, DELETE) that a browser
/// sends from another site's page: a session cookie alone must not let another site act for
/// the user. The health checks answer whoever asks.
pub async fn same_site(State(site): State<Arc<Site>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path == "/healthz" || path == "/readyz" {
        return next.run(request).await;
    }
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    if !host.is_some_and(|h| site.is_host(h)) {
        return AppError::Forbidden(Text::new(
            "yêu cầu gửi tới một tên miền khác của máy chủ",
            "a request addressed to another name of the server",
        ))
        .into_response();
    }
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if writes && !from_own_site(&site, request.headers()) {
        return AppError::Forbidden(Text::new(
            "yêu cầu gửi từ trang web khác",
            "a request sent from another site",
        ))
        .into_response();
    }
    next.run(request).await
}

/// Whether a request comes from the site's own pages: its `Origin` is the site's (scheme,
/// host and port); without an `Origin`, a browser's `Sec-Fetch-Site` says same-origin or
/// none (typed by the user). Programs that send neither are not browsers and carry no
/// ambient cookie of a victim.
fn from_own_site(site: &Site, headers: &HeaderMap) -> bool {
    if let Some(origin) = headers.get(ORIGIN) {
        return origin.to_str().is_ok_and(|o| site.is_origin(o));
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => site == "same-origin" || site == "none",
        None => true,
    }
}

/// The whole site behind [`same_site`] and with the headers every answer carries: no
/// sniffing of content types, no framing by other sites, the referrer kept within the
/// site; served over HTTPS (`secure`), browsers are told to come back only over HTTPS.
pub fn protect<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    site: Site,
    secure: bool,
) -> Router<S> {
    let hsts = secure.then_some(("strict-transport-security", "max-age=31536000"));
    [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
    ]
    .into_iter()
    .chain(hsts)
    .fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ))
    })
    .layer(SetResponseHeaderLayer::if_not_present(
        CONTENT_SECURITY_POLICY,
        policy(None),
    ))
    .layer(axum::middleware::from_fn_with_state(
        Arc::new(site),
        same_site,
    ))
}

/// The Content-Security-Policy of an answer: scripts, wasm, styles, connections and the
/// worker from the site itself only; the one inline script a page has (the hydration's)
/// runs by the nonce made for this answer. Style attributes stay allowed: the progress
/// bars and the tree's indentation are set that way, and an attribute cannot run code.
pub fn policy(nonce: Option<&str>) -> HeaderValue {
    let inline = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self'{inline} 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static("default-src 'self'"))
}

/// Called while a page renders (leptos' additional context): the page's answer carries
/// the policy with the nonce its hydration script was given.
pub fn page_policy() {
    use leptos::prelude::use_context;
    let nonce = leptos::nonce::use_nonce();
    if let (Some(nonce), Some(response)) = (nonce, use_context::<leptos_axum::ResponseOptions>()) {
        response.insert_header(CONTENT_SECURITY_POLICY, policy(Some(&nonce)));
    }
}

/// API answers and exports hold reports: never kept in shared or browser caches (the app
/// keeps what it needs itself).
pub fn no_store() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(
        axum::http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (HeaderName::from_static(k), HeaderValue::from_static(v)))
            .collect()
    }

    #[test]
    fn writes_come_from_the_site_s_own_pages() {
        let site =
            Site::new(Some("https://baocao.vn"), "127.0.0.1:3000".parse().unwrap()).expect("site");
        let own = |pairs: &[(&'static str, &'static str)]| from_own_site(&site, &headers(pairs));
        assert!(own(&[("origin", "https://baocao.vn")]));
        assert!(!own(&[("origin", "https://evil.example")]));
        assert!(!own(&[("origin", "http://baocao.vn")]), "over http");
        assert!(!own(&[("origin", "null")]));
        assert!(!own(&[("sec-fetch-site", "cross-site")]));
        assert!(own(&[("sec-fetch-site", "same-origin")]));
        assert!(own(&[]), "a program, not a browser");
    }
}
