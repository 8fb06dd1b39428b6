//! The signed-in user's notices: the returns, acceptances and reminders of their unit's
//! reports and the calendar's (due soon, overdue, a new plan), newest first, each marked
//! read once the user has seen it.

use super::json::ApiJson;
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::notices::{worded, Senders};
use crate::state::AppState;
use crate::store::{self, notices::NoticeRow};
use app::api::{ApiError, MarkRead, NoticeKind, NoticesView, MAX_MARKED, NOTICE_DAYS};
use app::domain::calendar_notice::{calendar_id, deadline_notice, new_plan_notice};
use app::domain::plan::Period;
use app::lang::Text;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashSet;

/// The notices of the user's unit over the last 120 days, newest first: what someone did
/// or sent, and what the calendar says (a report due soon or overdue, a new plan).
#[utoipa::path(get, path = "/api/v1/notices", tag = "reports",
    responses((status = 200, body = NoticesView), (status = 401, body = ApiError)))]
pub async fn list(State(state): State<AppState>, actor: Actor) -> AppResult<Json<NoticesView>> {
    let catalog = state.catalog().await?;
    let now = Utc::now();
    let since = now - Duration::days(NOTICE_DAYS);
    let mut conn = state.db.acquire().await?;
    let read = store::notices::read_by(&mut conn, &actor.username, since).await?;
    let mut rows = store::notices::of_unit(&mut conn, &actor.unit_code, &read, since).await?;
    rows.extend(calendar(&mut conn, &catalog, &actor.unit_code, &read, now).await?);
    rows.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
    let mut senders = Senders::default();
    let mut notices = Vec::with_capacity(rows.len());
    for row in rows {
        let by = senders.name(&mut conn, &catalog, &row.by_username).await?;
        if let Some(notice) = worded(&catalog, row, by) {
            notices.push(notice);
        }
    }
    Ok(Json(NoticesView { notices }))
}

/// The calendar's notices to `unit_code` at `now`: each report of its plans not submitted
/// that is due within a week or overdue, and each plan issued lately that assigns it work.
async fn calendar(
    conn: &mut sqlx::AnyConnection,
    catalog: &Catalog,
    unit_code: &str,
    read: &HashSet<String>,
    now: DateTime<Utc>,
) -> AppResult<Vec<NoticeRow>> {
    let Some(unit) = catalog.tree.get(unit_code) else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for plan in catalog.plans.iter().filter(|p| p.assigns(unit_code)) {
        let owed: Vec<&Period> = plan
            .stored
            .plan
            .periods
            .iter()
            .filter(|period| plan.expects(unit, period))
            .collect();
        let Some(first) = owed.first() else {
            continue;
        };
        let submitted: HashSet<String> = store::reports::of_units(conn, plan.id(), &[unit_code])
            .await?
            .into_iter()
            .filter(|r| !r.status.is_editable())
            .map(|r| r.key.period_code)
            .collect();
        let row = |kind, period_code: &str, at| {
            let id = calendar_id(kind, plan.id(), period_code, unit_code);
            NoticeRow {
                read: read.contains(&id),
                id,
                kind,
                plan_id: plan.id().to_string(),
                period_code: period_code.to_string(),
                unit_code: unit_code.to_string(),
                text: String::new(),
                by_username: String::new(),
                at,
            }
        };
        if let Some(at) = new_plan_notice(plan.stored.plan.issued_on, now) {
            rows.push(row(NoticeKind::NewPlan, &first.code, at));
        }
        for period in owed.iter().filter(|p| !submitted.contains(&p.code)) {
            if let Some((kind, at)) = deadline_notice(period.due_before, now) {
                rows.push(row(kind, &period.code, at));
            }
        }
    }
    Ok(rows)
}

/// Marks notices read for the signed-in user (the ids of [`list`]'s notices).
#[utoipa::path(post, path = "/api/v1/notices/read", tag = "reports", request_body = MarkRead,
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 413, body = ApiError), (status = 503, body = ApiError)))]
pub async fn mark_read(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(body): ApiJson<MarkRead>,
) -> AppResult<StatusCode> {
    if body.ids.len() > MAX_MARKED {
        return Err(AppError::BadRequest(Text::new(
            format!("tối đa {MAX_MARKED} thông báo một lần"),
            format!("at most {MAX_MARKED} notices at once"),
        )));
    }
    let mut tx = db::begin_write(&state.db).await?;
    store::notices::mark_read(&mut tx, &actor.username, &body.ids, Utc::now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
