//! A plan edited in the page: its number, title and dates, periods, task sections with
//! their assignees, and the template version its new reports start on. What reports
//! already rely on stays: a period with reports keeps its code, and once any report exists
//! the number stays and tasks are only added (a task's code is its place in the plan).

use super::json::ApiJson;
use super::plan_writes::{check_assignees, number_taken};
use crate::access::ensure_admin_of_plan;
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::admin_log::{self, Action};
use crate::store::{self, plans};
use app::api::{AdminAction, ApiError, FieldError, PlanEdit, PlanEditor, PlanForm};
use app::domain::plan::Plan;
use app::format::date;
use app::lang::Text;
use axum::extract::{Path, State};
use axum::Json;

/// A plan in the administrator's scope, as its form.
#[utoipa::path(get, path = "/api/v1/admin/plans/{id}", tag = "admin",
    params(("id" = String, Path)),
    responses((status = 200, body = PlanEditor), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> AppResult<Json<PlanEditor>> {
    let catalog = state.catalog().await?;
    let plan = ensure_admin_of_plan(&catalog, &actor, &id)?;
    let reported = store::reports::reported_periods(&state.db, &id).await?;
    Ok(Json(editor(&catalog, plan, reported)))
}

/// Saves a plan's form. Refused: 409 when the plan changed since `before` was read; 422
/// naming every bad field, assignees outside the scope, and what would break reports.
#[utoipa::path(put, path = "/api/v1/admin/plans/{id}", tag = "admin",
    params(("id" = String, Path)), request_body = PlanEdit,
    responses((status = 200, body = PlanEditor), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    ApiJson(edit): ApiJson<PlanEdit>,
) -> AppResult<Json<PlanEditor>> {
    let catalog = state.catalog().await?;
    ensure_admin_of_plan(&catalog, &actor, &id)?;
    let mut tx = db::begin_write(&state.db).await?;
    // Read again inside the transaction: the catalog may be a moment old.
    let current = plans::get(&mut *tx, &id).await?.ok_or_else(|| {
        AppError::NotFound(Text::new(format!("kế hoạch {id}"), format!("plan {id}")))
    })?;
    let before = PlanForm::of(&current.plan, current.template_version);
    if before != edit.before {
        return Err(AppError::Conflict(Text::new(
            "Kế hoạch vừa được người khác lưu: hãy tải lại trang để xem bản mới rồi sửa lại.",
            "Someone else has just saved the plan: reload the page to see it, then edit again.",
        )));
    }
    let reported = store::reports::reported_periods(&mut *tx, &id).await?;
    let plan = edit.after.apply(&current.plan).map_err(AppError::Invalid)?;
    let mut errors = Vec::new();
    check_versions(&catalog, &current, &edit.after, &mut errors);
    check_assignees(&catalog, &actor, &plan, &mut errors);
    check_reports_kept(&current.plan, &plan, &reported, &mut errors);
    let new_id = plan.id();
    if new_id != id {
        if let Some(taken) = number_taken(&mut tx, &plan).await? {
            errors.push(FieldError {
                field: "number".into(),
                message: taken,
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // Every assignee was found above: what is left is the issuer, which the form keeps.
    let assignments = plan.assignments(&catalog.tree).map_err(|e| {
        AppError::Invalid(vec![FieldError {
            field: "sections".into(),
            message: e.text(),
        }])
    })?;
    if new_id != id {
        plans::delete(&mut tx, &id).await?;
    }
    plans::upsert(&mut tx, &plan, edit.after.template_version, &assignments).await?;
    let (was, is) = described(&before, &edit.after);
    let action = Action {
        username: &actor.username,
        action: AdminAction::EditPlan,
        target: &new_id,
        unit_code: &plan.issuer,
        before: Some(was),
        after: Some(is),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    state.catalog.changed();
    tracing::info!(admin = actor.username, plan = new_id, "plan edited");
    let catalog = state.catalog().await?;
    let saved = catalog
        .plan(&new_id)
        .ok_or_else(|| AppError::Internal(format!("plan {new_id} not in the catalog")))?;
    Ok(Json(editor(&catalog, saved, reported)))
}

fn editor(catalog: &Catalog, plan: &CatalogPlan, reported_periods: Vec<String>) -> PlanEditor {
    let stored = &plan.stored;
    let form = PlanForm::of(&stored.plan, stored.template_version);
    let unit_names = form
        .sections
        .iter()
        .flat_map(|s| &s.assignees)
        .filter_map(|code| Some((code.clone(), catalog.tree.get(code)?.name.clone())))
        .collect();
    PlanEditor {
        id: stored.id.clone(),
        year: stored.plan.year,
        issuer_name: catalog.tree.name_of(&stored.plan.issuer).to_string(),
        template: stored.plan.template.clone(),
        template_versions: catalog
            .template_versions(&stored.plan.template)
            .into_iter()
            .filter(|v| *v >= stored.template_version)
            .collect(),
        reported_periods,
        unit_names,
        assigned_units: plan.assignments.len() as u32,
        form,
    }
}

/// New reports may start on the plan's version or a newer stored one, never an older one.
fn check_versions(
    catalog: &Catalog,
    stored: &plans::StoredPlan,
    form: &PlanForm,
    errors: &mut Vec<FieldError>,
) {
    let version = form.template_version;
    if version < stored.template_version
        || catalog.template(&stored.plan.template, version).is_none()
    {
        errors.push(FieldError::new(
            "template_version",
            format!(
                "Chọn một phiên bản mẫu đã nhập, từ phiên bản {} trở lên.",
                stored.template_version
            ),
            format!(
                "Choose an imported version of the template, version {} or later.",
                stored.template_version
            ),
        ));
    }
}

/// What reports rely on stays: the periods they are for, and, once any exists, the plan's
/// number (in every report's address) and the place of every task (its code).
fn check_reports_kept(
    before: &Plan,
    after: &Plan,
    reported: &[String],
    errors: &mut Vec<FieldError>,
) {
    for code in reported {
        if after.period(code).is_none() {
            let label = before
                .period(code)
                .map_or(code.as_str(), |p| p.label.as_str());
            errors.push(FieldError::new(
                "periods",
                format!("Kỳ “{label}” đã có báo cáo: giữ kỳ này và mã {code} của nó."),
                format!("The period “{label}” has reports: keep it and its code {code}."),
            ));
        }
    }
    if reported.is_empty() {
        return;
    }
    if after.number != before.number {
        errors.push(FieldError::new(
            "number",
            "Kế hoạch đã có báo cáo: số kế hoạch giữ nguyên.",
            "The plan has reports: its number stays as it is.",
        ));
    }
    let shrunk = after.sections.len() < before.sections.len()
        || before
            .sections
            .iter()
            .zip(&after.sections)
            .any(|(b, a)| a.tasks.len() < b.tasks.len());
    if shrunk {
        errors.push(FieldError::new(
            "sections",
            "Kế hoạch đã có báo cáo: chỉ thêm nhiệm vụ vào cuối nhóm, không bỏ nhiệm vụ hay nhóm nào.",
            "The plan has reports: add tasks only at the end of a group, and remove no task or group.",
        ));
    }
}

/// The parts of a plan's form that changed, as they were and as they are, for the
/// administration log.
fn described(before: &PlanForm, after: &PlanForm) -> (String, String) {
    let mut was = Vec::new();
    let mut is = Vec::new();
    let mut part = |b: String, a: String| {
        if b != a {
            was.push(b);
            is.push(a);
        }
    };
    part(
        format!("Số: {}", before.number),
        format!("Số: {}", after.number),
    );
    part(
        format!("Tên: {}", before.title),
        format!("Tên: {}", after.title),
    );
    part(
        format!("Ngày ban hành: {}", date(before.issued_on)),
        format!("Ngày ban hành: {}", date(after.issued_on)),
    );
    part(
        format!("Mẫu: phiên bản {}", before.template_version),
        format!("Mẫu: phiên bản {}", after.template_version),
    );
    let period = |form: &PlanForm, i: usize| {
        form.periods.get(i).map_or_else(
            || "—".to_string(),
            |p| {
                let range = p
                    .data_range
                    .map(|r| format!(", số liệu {}–{}", date(r.from), date(r.to)))
                    .unwrap_or_default();
                format!(
                    "Kỳ {} “{}”: hạn {}{range}",
                    p.code,
                    p.label,
                    date(p.due_before)
                )
            },
        )
    };
    for i in 0..before.periods.len().max(after.periods.len()) {
        part(period(before, i), period(after, i));
    }
    let section = |form: &PlanForm, i: usize| {
        form.sections.get(i).map_or_else(
            || "—".to_string(),
            |s| {
                format!(
                    "Nhóm {} “{}”: {} · {}",
                    i + 1,
                    s.title,
                    s.assignees.join(", "),
                    s.tasks.join(" | ")
                )
            },
        )
    };
    for i in 0..before.sections.len().max(after.sections.len()) {
        part(section(before, i), section(after, i));
    }
    (was.join("; "), is.join("; "))
}
