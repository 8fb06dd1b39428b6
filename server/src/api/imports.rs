//! Files imported by an administrator in the browser: the same importers as `server
//! import`, previewed first (run in a transaction that is rolled back), then applied with
//! the file's line in the administration log, in one transaction. Everything a file
//! touches, as stored and as the file leaves it, must lie in the administrator's scope
//! (`import::Scope`).

use super::json::ApiJson;
use super::query::ApiQuery;
use crate::access::ensure_admin_of;
use crate::auth::Actor;
use crate::db;
use crate::demo;
use crate::error::{AppError, AppResult};
use crate::export::Download;
use crate::import::{self, Refusal, Scope};
use crate::language::RequestLanguage;
use crate::state::AppState;
use crate::store::admin_log::{self, Action};
use app::api::{
    AdminAction, ApiError, FieldError, ImportFile, ImportKind, ImportPreview, ImportProblem,
};
use app::lang::{Lang, Text};
use axum::extract::{Path, State};
use axum::Json;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Only say what the file would change; change nothing.
    #[serde(default)]
    preview: bool,
}

/// Imports a file (`org_units`, `lineage`, `users`, `plan` or `template`). With
/// `preview=true` the answer says what it would change, or why it cannot be imported, and
/// nothing is written; otherwise it is applied whole or refused whole (422).
#[utoipa::path(post, path = "/api/v1/admin/imports/{kind}", tag = "admin",
    params(("kind" = ImportKind, Path), ImportQuery), request_body = ImportFile,
    responses((status = 200, body = ImportPreview), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn import(
    State(state): State<AppState>,
    actor: Actor,
    Path(kind): Path<String>,
    RequestLanguage(lang): RequestLanguage,
    ApiQuery(query): ApiQuery<ImportQuery>,
    ApiJson(file): ApiJson<ImportFile>,
) -> AppResult<Json<ImportPreview>> {
    let kind = import_kind(&kind)?;
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    // A template or a criteria set serves every unit: only an administrator of a whole
    // tree imports one.
    if matches!(kind, ImportKind::Template | ImportKind::Evaluation)
        && catalog
            .tree
            .get(&actor.scope_code)
            .and_then(|u| u.parent_code.as_ref())
            .is_some()
    {
        return Err(AppError::Forbidden(Text::new(
            "việc nhập mẫu báo cáo, bộ tiêu chí (dành cho quản trị toàn hệ thống)",
            "importing a report template or criteria set (for system administrators)",
        )));
    }
    let name = file.file_name.trim().to_string();
    let refused = |refusal: Refusal| {
        if query.preview {
            Ok(Json(preview_of(refusal, lang)))
        } else if let Some(outside) = refusal.outside_scope() {
            Err(AppError::Forbidden(outside.text()))
        } else {
            Err(AppError::Invalid(
                refusal
                    .problems
                    .iter()
                    .map(|e| FieldError {
                        field: "file".into(),
                        message: e.text(),
                    })
                    .collect(),
            ))
        }
    };
    // Hashing a users file's passwords takes seconds: done before the transaction.
    let prepared = match import::prepare(
        &state.db,
        &state.hashing,
        kind,
        &name,
        &file.text,
        query.preview,
    )
    .await
    {
        Ok(prepared) => prepared,
        Err(e) => return refused(e),
    };
    let mut tx = db::begin_write(&state.db).await?;
    let scope = Scope::Subtree(&actor.scope_code);
    let summary = match import::within(&mut tx, scope, &prepared).await {
        Ok(summary) => summary,
        Err(e) => return refused(e),
    };
    if query.preview {
        // Dropped unapplied: a preview writes nothing.
        tx.rollback().await?;
        return Ok(Json(ImportPreview {
            summary: Some(summary),
            problems: Vec::new(),
        }));
    }
    let action = Action {
        username: &actor.username,
        action: AdminAction::Import,
        target: &name,
        unit_code: &actor.scope_code,
        before: None,
        after: Some(format!("{}: {summary}", kind.as_str())),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(admin = actor.username, file = name, kind = kind.as_str(), %summary, "import");
    Ok(Json(ImportPreview {
        summary: Some(summary),
        problems: Vec::new(),
    }))
}

/// A refused file, as its preview shows it.
fn preview_of(refusal: Refusal, lang: Lang) -> ImportPreview {
    ImportPreview {
        summary: None,
        problems: refusal
            .problems
            .into_iter()
            .map(|e| ImportProblem {
                line: e.line,
                column: e.field.clone(),
                message: e.message.get(lang).to_string(),
            })
            .collect(),
    }
}

/// A file of the kind to start from (`org_units`, `lineage`, `users`, `plan` or
/// `template`), cut from the demo's.
#[utoipa::path(get, path = "/api/v1/admin/imports/{kind}/sample", tag = "admin",
    params(("kind" = ImportKind, Path)),
    responses((status = 200, description = "A CSV or TOML file"),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn sample(
    State(state): State<AppState>,
    actor: Actor,
    Path(kind): Path<String>,
) -> AppResult<Download> {
    let kind = import_kind(&kind)?;
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let (filename, text) = demo::sample(kind);
    let content_type = if filename.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else {
        "application/toml; charset=utf-8"
    };
    Ok(Download {
        filename: filename.to_string(),
        content_type,
        bytes: text.into_bytes(),
    })
}

fn import_kind(kind: &str) -> AppResult<ImportKind> {
    ImportKind::parse(kind).ok_or_else(|| {
        AppError::NotFound(Text::new(
            format!("loại tệp “{kind}”"),
            format!("file kind “{kind}”"),
        ))
    })
}
