//! Reminding (đôn đốc) the units that owe a period's report, in one action.

use super::json::ApiJson;
use crate::access::{ensure_can_review_unit, reads_subtree};
use crate::auth::Actor;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::review::progress_view;
use crate::state::AppState;
use crate::store::notices::{self, NewReminder};
use app::api::{ApiError, Outstanding, RemindRequest, Reminded, MAX_REMINDER_CHARS};
use app::domain::reminder::addressed;
use app::domain::reminder_rule::ReminderRule;
use app::format::ict;
use app::lang::Text;
use axum::extract::{Path, State};
use axum::Json;
use chrono::Utc;

/// Reminds every unit of the reviewer's subtree that has not reported for the period (or
/// those of them chosen): each gets the text, addressed to it, among its notices. A unit
/// is reminded at most once a day by hand; one that reported meanwhile is not reminded.
#[utoipa::path(post, path = "/api/v1/progress/{plan_id}/{period_code}/reminders", tag = "review",
    params(("plan_id" = String, Path), ("period_code" = String, Path)),
    request_body = RemindRequest,
    responses((status = 200, body = Reminded), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 413, body = ApiError),
        (status = 503, body = ApiError)))]
pub async fn remind(
    State(state): State<AppState>,
    actor: Actor,
    Path((plan_id, period_code)): Path<(String, String)>,
    ApiJson(request): ApiJson<RemindRequest>,
) -> AppResult<Json<Reminded>> {
    let text = request.text.trim();
    if text.is_empty() || text.chars().count() > MAX_REMINDER_CHARS {
        return Err(AppError::BadRequest(Text::new(
            format!("Nội dung đôn đốc cần có, tối đa {MAX_REMINDER_CHARS} ký tự."),
            format!("A reminder needs a text of at most {MAX_REMINDER_CHARS} characters."),
        )));
    }
    if !reads_subtree(&actor) {
        return Err(AppError::Forbidden(Text::new(
            "việc đôn đốc đơn vị",
            "reminding units",
        )));
    }
    let catalog = state.catalog().await?;
    let view = progress_view(&state.db, &catalog, &actor, &plan_id, &period_code, None).await?;
    let owing: Vec<&Outstanding> = view
        .outstanding
        .iter()
        .filter(|o| ensure_can_review_unit(&catalog.tree, &actor, &o.unit_code).is_ok())
        .filter(|o| match &request.units {
            Some(chosen) => chosen.contains(&o.unit_code),
            None => true,
        })
        .collect();
    let now = Utc::now();
    let day = now.with_timezone(&ict()).date_naive();
    let mut done = Reminded::default();
    let mut tx = db::begin_write(&state.db).await?;
    for unit in owing {
        let body = addressed(&unit.addressee, text);
        let reminder = NewReminder {
            plan_id: &plan_id,
            period_code: &period_code,
            unit_code: &unit.unit_code,
            rule: ReminderRule::ByHand,
            day,
            sent_by: &actor.username,
            body: &body,
        };
        if notices::remind(&mut tx, &reminder, now).await? {
            done.reminded.push(unit.unit_code.clone());
        } else {
            done.already_today.push(unit.unit_code.clone());
        }
    }
    tx.commit().await?;
    Ok(Json(done))
}
