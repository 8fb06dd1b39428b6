//! Applying pushed mutations: each is checked, then applied in its own transaction through
//! the shared merge function, and recorded. See `docs/sync.md`.

use crate::access::{ensure_can_edit_unit, ensure_can_review_unit, visible_root};
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::store::{self, mutations, mutations::Record, reports};
use app::domain::org::OrgUnit;
use app::domain::plan::{Period, Task};
use app::domain::rules::{blocks_submission, check};
use app::domain::status::WorkflowAction;
use app::domain::template::{FieldKind, Template};
use app::domain::value::{check_text, Value};
use app::sync::merge::Placement;
use app::sync::PULL_PAGE;
use app::sync::{
    Change, Mutation, MutationResult, Outcome, ReportKey, ReportState, Slot, SlotVersion,
};
use chrono::Utc;
use std::collections::HashMap;
use std::sync::Arc;

/// Everything fixed about a report: what its plan, period, unit and template are.
#[derive(Clone, Debug)]
pub struct ReportContext {
    pub key: ReportKey,
    pub plan_number: String,
    pub plan_title: String,
    pub period: Period,
    pub unit: OrgUnit,
    pub template: Template,
    /// The plan tasks assigned to the unit.
    pub tasks: Vec<Task>,
}

impl ReportContext {
    /// What a person calls a slot: the field's label or the task's text.
    pub fn slot_label(&self, slot: &Slot) -> String {
        match slot {
            Slot::Field(code) => self
                .template
                .field(code)
                .map_or_else(|| code.clone(), |f| f.label.clone()),
            Slot::Task(code) => self
                .tasks
                .iter()
                .find(|t| &t.code == code)
                .map_or_else(|| code.clone(), |t| t.text.clone()),
        }
    }
}

/// The report's context, or `None` when the plan has no such period or does not expect a
/// report of the unit.
pub async fn context(
    db: &Db,
    catalog: &Catalog,
    key: &ReportKey,
) -> AppResult<Option<ReportContext>> {
    let Some(plan) = catalog.plan(&key.plan_id) else {
        return Ok(None);
    };
    let stored = &plan.stored;
    let Some(period) = stored.plan.period(&key.period_code).cloned() else {
        return Ok(None);
    };
    let Some(unit) = catalog.tree.get(&key.unit_code).cloned() else {
        return Ok(None);
    };
    if !plan.expects(&key.unit_code) {
        return Ok(None);
    }
    // The issuer's consolidated report has no tasks of its own.
    let task_codes = plan
        .assignments
        .get(&key.unit_code)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let template = store::templates::get(db, &stored.plan.template, stored.template_version)
        .await?
        .ok_or_else(|| {
            AppError::Internal(format!(
                "plan {} refers to missing template {}",
                key.plan_id, stored.plan.template
            ))
        })?;
    let tasks = stored
        .plan
        .tasks()
        .into_iter()
        .filter(|t| task_codes.contains(&t.code))
        .collect();
    Ok(Some(ReportContext {
        key: key.clone(),
        plan_number: stored.plan.number.clone(),
        plan_title: stored.plan.title.clone(),
        period,
        unit,
        template,
        tasks,
    }))
}

/// Why a mutation was refused: a stable code and a Vietnamese message.
#[derive(Debug)]
struct Refusal {
    code: &'static str,
    message: String,
}

fn refuse(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
    }
}

fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Checks that depend on nothing a sync changes: who, which report, which slot, what value.
async fn check_static(
    db: &Db,
    actor: &Actor,
    m: &Mutation,
    ctx: Option<&ReportContext>,
) -> AppResult<Result<(), Refusal>> {
    if !is_id(&m.id) {
        return Ok(Err(refuse("bad_id", "Mã thay đổi không hợp lệ.")));
    }
    if m.user != actor.username {
        return Ok(Err(refuse(
            "wrong_user",
            format!(
                "Thay đổi này là của tài khoản {}, không phải của bạn.",
                m.user
            ),
        )));
    }
    let Some(ctx) = ctx else {
        return Ok(Err(refuse(
            "unknown_report",
            format!(
                "Không có báo cáo {} (kế hoạch, kỳ hoặc đơn vị không đúng).",
                m.report.id()
            ),
        )));
    };
    let permitted = match &m.change {
        Change::Return { .. } | Change::Accept => {
            ensure_can_review_unit(db, actor, &m.report.unit_code).await
        }
        _ => ensure_can_edit_unit(actor, &m.report.unit_code),
    };
    match permitted {
        Ok(()) => {}
        Err(e @ AppError::Forbidden(_)) => return Ok(Err(refuse("forbidden", e.to_string()))),
        Err(e) => return Err(e),
    }
    if let Some((slot, value, base)) = m.change.write() {
        if base.len() > 100 || !base.iter().all(|b| is_id(b)) {
            return Ok(Err(refuse(
                "bad_base",
                "Phiên bản gốc của thay đổi không hợp lệ.",
            )));
        }
        return Ok(check_value(ctx, &slot, value.as_ref()));
    }
    if let Change::Return { comment } = &m.change {
        if comment.trim().is_empty() {
            return Ok(Err(refuse(
                "comment_required",
                "Cần ghi lý do trả lại báo cáo.",
            )));
        }
        if let Err(e) = check_text(comment, "Lý do trả lại") {
            return Ok(Err(refuse("invalid_value", e.to_string())));
        }
    }
    Ok(Ok(()))
}

fn check_value(ctx: &ReportContext, slot: &Slot, value: Option<&Value>) -> Result<(), Refusal> {
    match slot {
        Slot::Field(code) => {
            let field = ctx.template.field(code).ok_or_else(|| {
                refuse(
                    "unknown_field",
                    format!("Mẫu báo cáo không có trường “{code}”."),
                )
            })?;
            if matches!(field.kind, FieldKind::Derived(_)) {
                return Err(refuse(
                    "derived_field",
                    format!("{}: được tính tự động, không nhập.", field.label),
                ));
            }
            match value {
                Some(v) => field
                    .check_value(v)
                    .map_err(|e| refuse("invalid_value", e.to_string())),
                None => Ok(()),
            }
        }
        Slot::Task(code) => {
            let task = ctx.tasks.iter().find(|t| &t.code == code).ok_or_else(|| {
                refuse(
                    "unknown_task",
                    format!("Đơn vị không được giao nhiệm vụ “{code}”."),
                )
            })?;
            match value {
                Some(Value::Task(p)) => p
                    .check(&task.text)
                    .map_err(|e| refuse("invalid_value", e.to_string())),
                _ => Err(refuse(
                    "invalid_value",
                    format!("{}: phải là tình trạng thực hiện nhiệm vụ.", task.text),
                )),
            }
        }
    }
}

/// Applies a batch in order; each mutation in its own transaction.
pub async fn push(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    batch: &[Mutation],
) -> AppResult<Vec<MutationResult>> {
    let mut contexts: HashMap<ReportKey, Option<Arc<ReportContext>>> = HashMap::new();
    let mut results = Vec::with_capacity(batch.len());
    for m in batch {
        let ctx = match contexts.get(&m.report) {
            Some(c) => c.clone(),
            None => {
                let c = context(db, catalog, &m.report).await?.map(Arc::new);
                contexts.insert(m.report.clone(), c.clone());
                c
            }
        };
        results.push(apply(db, actor, m, ctx.as_deref()).await?);
    }
    Ok(results)
}

fn result(
    m: &Mutation,
    outcome: Outcome,
    code: Option<&str>,
    message: Option<String>,
) -> MutationResult {
    MutationResult {
        id: m.id.clone(),
        outcome,
        code: code.map(str::to_string),
        message,
    }
}

async fn apply(
    db: &Db,
    actor: &Actor,
    m: &Mutation,
    ctx: Option<&ReportContext>,
) -> AppResult<MutationResult> {
    let refusal = check_static(db, actor, m, ctx).await?.err();
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let seq = mutations::next_seq(&mut tx).await?;
    if let Some(before) = mutations::find(&mut tx, &m.id).await? {
        tx.rollback().await?;
        return Ok(if before.username != m.user {
            result(
                m,
                Outcome::Rejected,
                Some("id_taken"),
                Some("Mã thay đổi đã được dùng.".into()),
            )
        } else if before.outcome == Outcome::Rejected {
            MutationResult {
                id: m.id.clone(),
                outcome: Outcome::Rejected,
                code: before.code,
                message: before.message,
            }
        } else {
            result(m, Outcome::AlreadyApplied, None, None)
        });
    }
    let ctx = match (ctx, refusal) {
        (Some(ctx), None) => ctx,
        (_, refusal) => {
            let r = refusal.unwrap_or_else(|| refuse("unknown_report", "Không có báo cáo này."));
            record_refusal(&mut tx, m, seq, &r, now).await?;
            tx.commit().await?;
            return Ok(result(m, Outcome::Rejected, Some(r.code), Some(r.message)));
        }
    };
    reports::ensure(&mut tx, &m.report, now).await?;
    let id = m.report.id();
    let mut row = reports::get(&mut *tx, &id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("report {id} vanished")))?;
    let applied = match m.change.write() {
        Some((slot, value, base)) => {
            write(&mut tx, ctx, m, &mut row, (slot, value, base), seq, now).await?
        }
        None => workflow(&mut tx, ctx, m, &mut row, seq, now).await?,
    };
    match applied {
        Ok(r) => {
            row.seq = seq;
            reports::save_row(&mut tx, &row, now).await?;
            tx.commit().await?;
            Ok(r)
        }
        Err(r) => {
            // Recorded without the half-made changes: never half of a mutation.
            tx.rollback().await?;
            let mut tx = db.begin().await?;
            let seq = mutations::next_seq(&mut tx).await?;
            record_refusal(&mut tx, m, seq, &r, now).await?;
            tx.commit().await?;
            Ok(result(m, Outcome::Rejected, Some(r.code), Some(r.message)))
        }
    }
}

async fn record_refusal(
    tx: &mut sqlx::AnyConnection,
    m: &Mutation,
    seq: i64,
    r: &Refusal,
    now: chrono::DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    mutations::record(
        tx,
        &Record {
            mutation: m,
            seq,
            slot: None,
            old_value: None,
            new_value: None,
            comment: None,
            outcome: "rejected",
            code: Some(r.code),
            message: Some(&r.message),
            server_time: now,
        },
    )
    .await
}

async fn write(
    tx: &mut sqlx::AnyConnection,
    ctx: &ReportContext,
    m: &Mutation,
    row: &mut reports::ReportRow,
    (slot, value, base): (Slot, Option<Value>, &[String]),
    seq: i64,
    now: chrono::DateTime<Utc>,
) -> AppResult<Result<MutationResult, Refusal>> {
    if !row.status.is_editable() {
        return Ok(Err(refuse(
            "locked",
            format!(
                "Báo cáo đang ở trạng thái “{}”: không sửa được cho đến khi bị trả lại.",
                row.status.label()
            ),
        )));
    }
    let report_id = row.key.id();
    let slot_key = slot.to_string();
    let mut state = reports::slot(tx, &report_id, &slot_key).await?;
    let old = state.current.as_ref().and_then(|c| c.value.clone());
    let superseded = mutations::is_named(tx, &m.id).await?;
    mutations::add_bases(tx, &m.id, base).await?;
    let version = SlotVersion {
        id: m.id.clone(),
        value: value.clone(),
        by: m.user.clone(),
        at: now,
    };
    let placement = state.add(version, base, superseded);
    reports::save_slot(tx, &report_id, &slot_key, &state).await?;
    let (outcome, stored, message) = match placement {
        Placement::Current | Placement::Same => (Outcome::Applied, "applied", None),
        Placement::Superseded => (Outcome::Applied, "superseded", None),
        Placement::Conflict => (
            Outcome::Conflict,
            "conflict",
            Some(format!(
                "“{}” đã được {} sửa trước; giá trị của bạn được giữ lại để chọn.",
                ctx.slot_label(&slot),
                state
                    .current
                    .as_ref()
                    .map_or("người khác", |c| c.by.as_str())
            )),
        ),
    };
    mutations::record(
        tx,
        &Record {
            mutation: m,
            seq,
            slot: Some(slot_key),
            old_value: old.as_ref(),
            new_value: value.as_ref(),
            comment: None,
            outcome: stored,
            code: None,
            message: message.as_deref(),
            server_time: now,
        },
    )
    .await?;
    Ok(Ok(result(m, outcome, None, message)))
}

async fn workflow(
    tx: &mut sqlx::AnyConnection,
    ctx: &ReportContext,
    m: &Mutation,
    row: &mut reports::ReportRow,
    seq: i64,
    now: chrono::DateTime<Utc>,
) -> AppResult<Result<MutationResult, Refusal>> {
    let action = match &m.change {
        Change::Submit => WorkflowAction::Submit,
        Change::Return { .. } => WorkflowAction::Return,
        _ => WorkflowAction::Accept,
    };
    let next = match row.status.apply(action) {
        Ok(next) => next,
        Err(e) => return Ok(Err(refuse("invalid_transition", e.to_string()))),
    };
    let old_status = Value::Text(row.status.label().to_string());
    match &m.change {
        Change::Submit => {
            let values = reports::state(tx, &row.key).await?.values();
            let findings = check(&ctx.template, &values);
            if blocks_submission(&findings) {
                let missing: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
                return Ok(Err(refuse(
                    "incomplete",
                    format!("Chưa nộp được: {}", missing.join(" ")),
                )));
            }
            row.submitted_at = Some(now);
            row.device_submitted_at = Some(m.device_time);
            row.on_time = Some(ctx.period.is_on_time(now));
        }
        Change::Return { comment } => row.return_comment = Some(comment.clone()),
        _ => {}
    }
    row.status = next;
    let comment = match &m.change {
        Change::Return { comment } => Some(comment.as_str()),
        _ => None,
    };
    let new_status = Value::Text(next.label().to_string());
    mutations::record(
        tx,
        &Record {
            mutation: m,
            seq,
            slot: None,
            old_value: Some(&old_status),
            new_value: Some(&new_status),
            comment,
            outcome: "applied",
            code: None,
            message: None,
            server_time: now,
        },
    )
    .await?;
    Ok(Ok(result(m, Outcome::Applied, None, None)))
}

/// A page of the reports the actor may see changed after a cursor.
pub struct Pulled {
    pub reports: Vec<ReportState>,
    pub cursor: i64,
    pub more: bool,
}

/// The reports the actor may see changed after `cursor`, whole, oldest change first, at
/// most [`PULL_PAGE`] of them, and the cursor to ask from next.
pub async fn pull(db: &Db, actor: &Actor, cursor: i64) -> AppResult<Pulled> {
    let mut rows = match store::org::span(db, visible_root(actor)).await? {
        Some(span) => reports::changed_in_subtree(db, span, cursor, PULL_PAGE + 1).await?,
        None => Vec::new(),
    };
    let more = rows.len() > PULL_PAGE;
    rows.truncate(PULL_PAGE);
    let mut conn = db.acquire().await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut next = cursor;
    for row in rows {
        next = next.max(row.seq);
        out.push(reports::state(&mut conn, &row.key).await?);
    }
    Ok(Pulled {
        reports: out,
        cursor: next,
        more,
    })
}
