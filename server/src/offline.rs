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
    let pkg = site_root.join("pkg");
    let files = shell_files(&pkg);
    let shell: Vec<String> = ["/offline.html".to_string(), "/offline.js".to_string()]
        .into_iter()
        .chain(files.iter().map(|f| format!("/pkg/{f}")))
        .map(|path| format!("{path:?}"))
        .collect();
    let worker: Arc<str> = SERVICE_WORKER
        .replace("__VERSION__", &build_version(&pkg, &files))
        .replace("__SHELL__", &format!("[{}]", shell.join(", ")))
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

/// The ward's build in `pkg`: its script, wasm and styles, and the parts split off it
/// (scripts/build.sh), which a report opened offline needs.
fn shell_files(pkg: &Path) -> Vec<String> {
    let split_off = |name: &str| {
        name == "__wasm_split.js"
            || (name.ends_with(".wasm")
                && (name.starts_with("split_") || name.starts_with("chunk_")))
    };
    let mut split: Vec<String> = std::fs::read_dir(pkg)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| split_off(name))
        .collect();
    split.sort();
    ["baocao.js", "baocao.wasm", "baocao.css"]
        .into_iter()
        .map(String::from)
        .chain(split)
        .collect()
}

/// Sizes and modification times of the built files: changes with every build.
fn build_version(pkg: &Path, files: &[String]) -> String {
    files
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
    fn the_shell_keeps_the_parts_split_off_the_ward_s_build() {
        let pkg = tempfile::tempdir().unwrap();
        for name in [
            "baocao.wasm",
            "split_editor_1.wasm",
            "chunk_0.wasm",
            "__wasm_split.js",
            "baocao-admin.wasm",
            "split_editor_1.wasm.br",
        ] {
            std::fs::write(pkg.path().join(name), b"").unwrap();
        }
        assert_eq!(
            shell_files(pkg.path()),
            [
                "baocao.js",
                "baocao.wasm",
                "baocao.css",
                "__wasm_split.js",
                "chunk_0.wasm",
                "split_editor_1.wasm"
            ]
        );
    }

    #[test]
    fn the_shell_script_knows_the_review_pages() {
        let script = shell_script();
        assert!(!script.contains("__REVIEW_ROOTS__"));
        assert!(script.contains(
            r#"const review = ["/tien-do", "/tong-hop", "/dung-han", "/xep-loai"].some(under);"#
        ));
    }
}
