//! Units changed one at a time by an administrator: added, renamed, re-kinded, moved, and
//! their lineage recorded. A form is a one-line file for the same importer as the units
//! and lineage files (`import`): the same checks, the same write, the same field names in
//! every refusal. A change to a unit is refused (409) when the unit changed since the
//! administrator read it.

use super::json::ApiJson;
use crate::access::ensure_admin_of;
use crate::auth::Actor;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::import::{self, Refusal, Scope};
use crate::state::AppState;
use crate::store;
use crate::store::admin_log::{self, Action};
use app::api::{
    AdminAction, ApiError, FieldError, ImportKind, LineageInput, UnitDetail, UnitEdit, UnitInput,
};
use app::domain::lineage::LineageEvent;
use app::domain::org::{OrgTree, OrgUnit};
use app::format::upper_first;
use app::lang::Lang;
use app::lang::Text;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::AnyConnection;

/// The name a form's refusals give as their file.
const FORM: &str = "biểu mẫu";

/// A unit of the administrator's scope, with its children and what lineage records of it.
#[utoipa::path(get, path = "/api/v1/admin/units/{code}", tag = "admin",
    params(("code" = String, Path)),
    responses((status = 200, body = UnitDetail), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path(code): Path<String>,
) -> AppResult<Json<UnitDetail>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let unit = catalog.tree.get(&code).ok_or_else(|| {
        AppError::NotFound(Text::new(format!("đơn vị {code}"), format!("unit {code}")))
    })?;
    ensure_admin_of(&catalog.tree, &actor, &code)?;
    let parent_name = unit
        .parent_code
        .as_deref()
        .and_then(|p| catalog.tree.get(p))
        .map(|p| p.name.clone());
    let events: Vec<LineageEvent> = catalog
        .lineage
        .events()
        .iter()
        .filter(|e| e.old_code == code || e.new_code == code)
        .cloned()
        .collect();
    let successor_names = events
        .iter()
        .map(|e| {
            (
                e.new_code.clone(),
                catalog.tree.name_of(&e.new_code).to_string(),
            )
        })
        .collect();
    Ok(Json(UnitDetail {
        unit: unit.clone(),
        parent_name,
        children: catalog.tree.children(&code).cloned().collect(),
        events,
        successor_names,
    }))
}

/// Adds a unit under a unit of the administrator's scope.
#[utoipa::path(post, path = "/api/v1/admin/units", tag = "admin", request_body = UnitInput,
    responses((status = 201, body = OrgUnit), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(input): ApiJson<UnitInput>,
) -> AppResult<(StatusCode, Json<OrgUnit>)> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let code = input.code.trim().to_string();
    let mut tx = db::begin_write(&state.db).await?;
    if store::org::all(&mut *tx)
        .await?
        .iter()
        .any(|u| u.code == code)
    {
        return Err(AppError::Conflict(Text::new(
            format!("Mã đơn vị “{code}” đã có."),
            format!("The unit code “{code}” exists already."),
        )));
    }
    let unit = write_unit(&mut tx, &actor, &input).await?;
    let action = Action {
        username: &actor.username,
        action: AdminAction::CreateUnit,
        target: &code,
        unit_code: &code,
        before: None,
        after: Some(summary(&catalog.tree, &unit)),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(admin = actor.username, unit = code, "unit added");
    Ok((StatusCode::CREATED, Json(unit)))
}

/// Renames, re-kinds or moves a unit. Refused (409) if the unit changed since the
/// administrator read it (`before`).
#[utoipa::path(put, path = "/api/v1/admin/units/{code}", tag = "admin",
    params(("code" = String, Path)), request_body = UnitEdit,
    responses((status = 200, body = OrgUnit), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    Path(code): Path<String>,
    ApiJson(edit): ApiJson<UnitEdit>,
) -> AppResult<Json<OrgUnit>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    if edit.after.code.trim() != code {
        return Err(AppError::Invalid(vec![FieldError::new(
            "code",
            "Không đổi được mã đơn vị; hãy thêm đơn vị mới và ghi nhận thay đổi.",
            "A unit's code cannot change; add a new unit and record the change.",
        )]));
    }
    let mut tx = db::begin_write(&state.db).await?;
    let current = store::org::all(&mut *tx)
        .await?
        .into_iter()
        .find(|u| u.code == code)
        .ok_or_else(|| {
            AppError::NotFound(Text::new(format!("đơn vị {code}"), format!("unit {code}")))
        })?;
    ensure_admin_of(&catalog.tree, &actor, &code)?;
    if code == actor.scope_code {
        return Err(AppError::Forbidden(Text::new(
            format!("việc sửa đơn vị gốc của phạm vi quản trị ({code})"),
            format!("editing the root unit of your administration scope ({code})"),
        )));
    }
    if UnitInput::of(&current) != edit.before.trimmed() {
        return Err(AppError::Conflict(Text::new(
            format!("Đơn vị {code} vừa được người khác sửa. Hãy tải lại trang để xem bản mới rồi sửa lại."),
            format!("Someone else has just changed the unit {code}. Reload the page to see it, then edit again."),
        )));
    }
    let unit = write_unit(&mut tx, &actor, &edit.after).await?;
    let action = Action {
        username: &actor.username,
        action: AdminAction::UpdateUnit,
        target: &code,
        unit_code: &code,
        before: Some(summary(&catalog.tree, &current)),
        after: Some(summary(&catalog.tree, &unit)),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(admin = actor.username, unit = code, "unit changed");
    Ok(Json(unit))
}

/// Records what became of a unit on a date (merged, split, renamed, moved, abolished),
/// dating the units as a lineage file does.
#[utoipa::path(post, path = "/api/v1/admin/lineage", tag = "admin", request_body = LineageInput,
    responses((status = 200, body = UnitDetail), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn record_lineage(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(input): ApiJson<LineageInput>,
) -> AppResult<Json<UnitDetail>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    for code in [&input.old_code, &input.new_code] {
        if catalog.tree.get(code.trim()).is_some() {
            ensure_admin_of(&catalog.tree, &actor, code.trim())?;
        }
    }
    let old_name = catalog
        .tree
        .get(input.old_code.trim())
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let line = [
        input.effective.trim(),
        input.old_code.trim(),
        &old_name,
        input.new_code.trim(),
        input.change.trim(),
    ];
    let text = one_line(
        &["effective", "old_code", "old_name", "new_code", "change"],
        &line,
    )?;
    let file = import::prepare(
        &state.db,
        &state.hashing,
        ImportKind::Lineage,
        FORM,
        &text,
        false,
    )
    .await
    .map_err(refusal)?;
    let mut tx = db::begin_write(&state.db).await?;
    let summary = import::within(&mut tx, Scope::Subtree(&actor.scope_code), &file)
        .await
        .map_err(refusal)?;
    let action = Action {
        username: &actor.username,
        action: AdminAction::RecordLineage,
        target: input.old_code.trim(),
        unit_code: input.old_code.trim(),
        before: None,
        after: Some(line.join(" · ")),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(admin = actor.username, %summary, "lineage recorded");
    get(State(state), actor, Path(input.old_code.trim().to_string())).await
}

/// Writes one unit through the units importer, which keeps it in the administrator's
/// scope (a move may not take it out); the unit as written.
async fn write_unit(
    tx: &mut AnyConnection,
    actor: &Actor,
    input: &UnitInput,
) -> AppResult<OrgUnit> {
    let u = input.trimmed();
    let text = one_line(
        &["code", "parent_code", "kind", "name"],
        &[&u.code, &u.parent_code, &u.kind, &u.name],
    )?;
    let file = import::Prepared::OrgUnits(FORM, &text);
    import::within(tx, Scope::Subtree(&actor.scope_code), &file)
        .await
        .map_err(refusal)?;
    store::org::all(&mut *tx)
        .await?
        .into_iter()
        .find(|unit| unit.code == u.code)
        .ok_or_else(|| AppError::Internal(format!("unit {} not written", u.code)))
}

/// A CSV file of a header and one line, quoted as CSV needs.
fn one_line(header: &[&str], values: &[&str]) -> AppResult<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header)
        .and_then(|()| out.write_record(values))
        .map_err(|e| AppError::Internal(format!("form as CSV: {e}")))?;
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Internal(format!("form as CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(format!("form as CSV: {e}")))
}

/// The importer's refusal as a form's: the column is the field.
fn refusal(refused: Refusal) -> AppError {
    let sentence = |message: &str| format!("{}.", upper_first(message));
    AppError::Invalid(
        refused
            .problems
            .into_iter()
            .map(|e| {
                let field = e.field.clone().unwrap_or_else(|| "code".into());
                FieldError::new(&field, sentence(&e.message.vi), sentence(&e.message.en))
            })
            .collect(),
    )
}

/// A unit as the administration log shows it: its kind and its parent by name.
fn summary(tree: &OrgTree, u: &OrgUnit) -> String {
    format!(
        "{} · {} · cấp trên {}",
        u.name,
        u.kind.name(Lang::Vi),
        u.parent_code.as_deref().map_or("—", |p| tree.name_of(p))
    )
}
