//! The JSON API under `/api/v1`, with its OpenAPI document built from the same routes.

mod accounts;
mod admin_plans;
mod admin_units;
mod consolidation;
mod evaluations;
mod exports;
mod files;
mod imports;
mod json;
mod notice_settings;
mod notices;
mod password;
mod periods;
mod plan_editor;
mod plan_writes;
mod progress;
mod query;
mod reminders;
mod reports;
pub(crate) mod session;
mod signed_copies;
mod site;
mod sync;
mod tasks;
mod timeliness;
mod unit_forms;

use crate::state::AppState;
use app::sync::MAX_BODY_BYTES;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "baocao API", description = "Báo cáo công tác dân vận chính quyền và quy chế dân chủ ở cơ sở"),
    tags((name = "session"), (name = "reports"), (name = "review"), (name = "site"), (name = "sync"), (name = "admin")),
    // Named only as a path parameter, which does not register its schema by itself.
    components(schemas(app::api::ImportKind))
)]
struct ApiDoc;

/// The API router; every route registered here is in the OpenAPI document.
pub fn router() -> axum::Router<AppState> {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(session::login, session::logout))
        .routes(routes!(session::me))
        .routes(routes!(session::set_language))
        .routes(routes!(password::change))
        .routes(routes!(accounts::list, accounts::create))
        .routes(routes!(accounts::get, accounts::update))
        .routes(routes!(accounts::reset_password))
        .routes(routes!(accounts::deactivate))
        .routes(routes!(accounts::activate))
        .routes(routes!(accounts::log))
        .routes(routes!(admin_units::search, unit_forms::create))
        .routes(routes!(unit_forms::get, unit_forms::update))
        .routes(routes!(unit_forms::record_lineage))
        .routes(routes!(admin_plans::list, admin_plans::create))
        .routes(routes!(admin_plans::templates))
        .routes(routes!(admin_plans::roll_forward))
        .routes(routes!(plan_editor::get, plan_editor::update))
        .routes(routes!(imports::import))
        .routes(routes!(imports::sample))
        .routes(routes!(site::info))
        .routes(routes!(periods::list))
        .routes(routes!(progress::get))
        .routes(routes!(reminders::remind))
        .routes(routes!(notices::list))
        .routes(routes!(notices::mark_read))
        .routes(routes!(notice_settings::get, notice_settings::set))
        .routes(routes!(
            notice_settings::subscribe,
            notice_settings::unsubscribe
        ))
        .routes(routes!(notice_settings::mail_status))
        .routes(routes!(consolidation::get))
        .routes(routes!(tasks::get))
        .routes(routes!(timeliness::get))
        .routes(routes!(evaluations::get))
        .routes(routes!(evaluations::xlsx))
        .routes(routes!(evaluations::docx))
        .routes(routes!(exports::progress_xlsx))
        .routes(routes!(exports::consolidation_xlsx))
        .routes(routes!(exports::consolidation_docx))
        .routes(routes!(exports::report_docx))
        .routes(routes!(reports::get))
        .routes(routes!(reports::history))
        .routes(routes!(reports::move_template))
        .routes(routes!(files::upload_status, files::upload_chunk))
        .routes(routes!(files::download))
        .routes(routes!(signed_copies::zip))
        .routes(routes!(sync::sync))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(crate::security::no_store())
        .split_for_parts();
    // Serialised once: axum clones every route's handler for each new connection, and a
    // handler holding the document cloned all of it (about 0,8 MB) each time.
    let doc = Bytes::from(serde_json::to_vec(&doc).unwrap_or_default());
    router.route(
        "/api/v1/openapi.json",
        axum::routing::get(move || {
            let doc = doc.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], doc) }
        }),
    )
}
