//! What lets a phone or a desktop install the app: the web app manifest and its icons.
//! The installed app opens `/`, which the service worker (`offline.rs`) serves offline.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

/// Vietnamese like the app's default: the manifest is fetched without the user's cookie,
/// so it cannot follow a user's language.
const MANIFEST: &str = r##"{
  "id": "/",
  "name": "baocao – Báo cáo công tác dân vận chính quyền",
  "short_name": "baocao",
  "description": "Báo cáo công tác dân vận chính quyền và quy chế dân chủ ở cơ sở",
  "lang": "vi",
  "start_url": "/",
  "scope": "/",
  "display": "standalone",
  "theme_color": "#0b5cad",
  "background_color": "#f4f6f9",
  "icons": [
    { "src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any" },
    { "src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any" },
    { "src": "/icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" },
    { "src": "/icons/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }
  ]
}
"##;

/// Icons change only with a deployment: a day of caching spares a phone the download on
/// every start, and a new icon shows within a day.
const ICON_CACHE: &str = "public, max-age=86400";

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(
            "/manifest.webmanifest",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "application/manifest+json"),
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    MANIFEST,
                )
            }),
        )
        .route(
            "/icons/icon-192.png",
            get(|| png(include_bytes!("../assets/icons/icon-192.png"))),
        )
        .route(
            "/icons/icon-512.png",
            get(|| png(include_bytes!("../assets/icons/icon-512.png"))),
        )
        .route(
            "/icons/icon-maskable-512.png",
            get(|| png(include_bytes!("../assets/icons/icon-maskable-512.png"))),
        )
        .route(
            "/icons/icon.svg",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "image/svg+xml"),
                        (header::CACHE_CONTROL, ICON_CACHE),
                    ],
                    include_str!("../assets/icons/icon.svg"),
                )
            }),
        )
}

async fn png(bytes: &'static [u8]) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, ICON_CACHE),
        ],
        bytes,
    )
}
