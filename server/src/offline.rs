//! What makes the app open offline: the service worker and the app shell it keeps.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::Path;
use std::sync::Arc;

const SERVICE_WORKER: &str = include_str!("../assets/sw.js");
const SHELL: &str = include_str!("../assets/offline.html");
const SHELL_SCRIPT: &str = include_str!("../assets/offline.js");

/// The routes `/sw.js`, `/offline.html` and its script `/offline.js`. The worker carries the build's version, so a new
/// deployment installs a new shell.
pub fn router<S: Clone + Send + Sync + 'static>(site_root: &Path) -> Router<S> {
    let worker: Arc<str> = SERVICE_WORKER
        .replace("__VERSION__", &build_version(site_root))
        .into();
    // The review pages' addresses, as the server chooses their build for a page it renders.
    let script: Arc<str> = shell_script().into();
    Router::new()
        .route(
            "/sw.js",
            get(move || {
                let worker = worker.clone();
                async move { asset("text/javascript; charset=utf-8", worker.to_string()) }
            }),
        )
        .route(
            "/offline.html",
            get(|| async { asset("text/html; charset=utf-8", SHELL.to_string()) }),
        )
        .route(
            "/offline.js",
            get(move || {
                let script = script.clone();
                async move { asset("text/javascript; charset=utf-8", script.to_string()) }
            }),
        )
}

/// The offline shell's script, given the addresses of the review pages as a JS array.
fn shell_script() -> String {
    let roots: Vec<String> = app::builds::REVIEW_ROOTS
        .iter()
        .map(|root| format!("{root:?}"))
        .collect();
    SHELL_SCRIPT.replace("__REVIEW_ROOTS__", &format!("[{}]", roots.join(", ")))
}

/// A file of the offline shell: checked again at every use, so that a new deployment's
/// shell replaces the old one.
fn asset(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// Sizes and modification times of the built files: changes with every build.
fn build_version(site_root: &Path) -> String {
    let pkg = site_root.join("pkg");
    ["baocao.js", "baocao.wasm", "baocao.css"]
        .iter()
        .filter_map(|f| std::fs::metadata(pkg.join(f)).ok())
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            format!("{:x}-{modified:x}", m.len())
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_script_knows_the_review_pages() {
        let script = shell_script();
        assert!(!script.contains("__REVIEW_ROOTS__"));
        assert!(script
            .contains(r#"const review = ["/tien-do", "/tong-hop", "/dung-han"].some(under);"#));
    }
}
