//! The checks a mutation passes before it touches a report: who sent it, which report and
//! slot it names, whether its value is one the slot takes. They depend on nothing a sync
//! changes, so they run before the transaction.

use super::context::ReportContext;
use crate::access::{ensure_can_edit_unit, ensure_can_review_unit};
use crate::auth::Actor;
use app::domain::org::OrgTree;
use app::domain::template::FieldKind;
use app::domain::value::{check_text, Value, ValueError};
use app::i18n::{texts, Lang};
use app::lang::Text;
use app::sync::{Change, Mutation, Slot};
use std::sync::Arc;

/// Why a mutation was refused: a stable code and a message in both languages (the
/// answer carries the request's, the report's history the Vietnamese).
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: Text,
}

impl Refusal {
    /// Whether the refused mutation is kept in the record of mutations (and its id answered
    /// alike when it comes again). One refused for the size or shape of what the record is
    /// keyed by (its id, device or report) is not: whatever a refusal records stays
    /// bounded, so a request cannot grow the database by megabytes.
    pub fn is_recorded(&self) -> bool {
        !matches!(self.code, "bad_id" | "bad_device" | "bad_report")
    }
}

pub fn refuse(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: Text::new(vi, en),
    }
}

/// A refusal for a value the slot does not take, naming it in English by `label_en`
/// where the template gives one.
fn bad_value(e: &ValueError, label_en: Option<&str>) -> Refusal {
    let english = label_en.map_or_else(|| e.clone(), |label| e.named(label));
    refuse(
        "invalid_value",
        e.to_string(),
        (texts(Lang::En).value_error)(&english),
    )
}

/// A mutation or version id: 1 to 64 of `A-Z a-z 0-9 - _`.
pub fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A code a mutation names, as a refusal that is recorded quotes it: at most
/// [`MAX_KEY_PART`] characters, whatever was sent.
fn shown(code: &str) -> String {
    match code.char_indices().nth(MAX_KEY_PART) {
        Some((end, _)) => format!("{}…", &code[..end]),
        None => code.to_string(),
    }
}

/// The longest device id taken; devices make UUIDs.
pub const MAX_DEVICE_ID: usize = 100;
/// The longest code in a report key (plan id, period code, unit code).
pub const MAX_KEY_PART: usize = 64;

/// Checks everything about `m` that depends neither on the report's stored state nor on
/// its template version (for that, [`check_template`]); `ctx` is its report's context, if
/// the report exists. Returns that context.
pub fn check_static<'c>(
    tree: &OrgTree,
    actor: &Actor,
    m: &Mutation,
    ctx: Option<&'c Arc<ReportContext>>,
) -> Result<&'c Arc<ReportContext>, Refusal> {
    if !is_id(&m.id) {
        return Err(refuse(
            "bad_id",
            "Mã thay đổi không hợp lệ.",
            "The change's id is not valid.",
        ));
    }
    if m.device_id.is_empty() || m.device_id.chars().count() > MAX_DEVICE_ID {
        return Err(refuse(
            "bad_device",
            format!("Mã thiết bị phải có từ 1 đến {MAX_DEVICE_ID} ký tự."),
            format!("A device id has 1 to {MAX_DEVICE_ID} characters."),
        ));
    }
    let key = &m.report;
    if [&key.plan_id, &key.period_code, &key.unit_code]
        .iter()
        .any(|part| part.chars().count() > MAX_KEY_PART)
    {
        return Err(refuse(
            "bad_report",
            format!("Mã kế hoạch, kỳ và đơn vị của báo cáo tối đa {MAX_KEY_PART} ký tự."),
            format!(
                "A report's plan, period and unit codes have at most {MAX_KEY_PART} characters."
            ),
        ));
    }
    if m.user != actor.username {
        let claimed: String = m.user.chars().take(MAX_KEY_PART).collect();
        return Err(refuse(
            "wrong_user",
            format!("Thay đổi này là của tài khoản {claimed}, không phải của bạn."),
            format!("This change belongs to the account {claimed}, not to yours."),
        ));
    }
    // Before whether the report exists: a unit outside the actor's reach answers alike
    // whether or not it has such a report.
    let permitted = match &m.change {
        Change::Return { .. } | Change::Accept => {
            ensure_can_review_unit(tree, actor, &m.report.unit_code)
        }
        _ => ensure_can_edit_unit(tree, actor, &m.report.unit_code),
    };
    permitted.map_err(|e| refuse("forbidden", e.message(Lang::Vi), e.message(Lang::En)))?;
    let Some(ctx) = ctx else {
        return Err(refuse(
            "unknown_report",
            format!(
                "Không có báo cáo {} (kế hoạch, kỳ hoặc đơn vị không đúng).",
                m.report.id()
            ),
            format!(
                "There is no report {} (wrong plan, period or unit).",
                m.report.id()
            ),
        ));
    };
    if let Some((_, _, base)) = m.change.write() {
        if base.len() > 100 || !base.iter().all(|b| is_id(b)) {
            return Err(refuse(
                "bad_base",
                "Phiên bản gốc của thay đổi không hợp lệ.",
                "The versions the change is based on are not valid.",
            ));
        }
        return Ok(ctx);
    }
    if let Change::Return { comment } = &m.change {
        if comment.trim().is_empty() {
            return Err(refuse(
                "comment_required",
                "Cần ghi lý do trả lại báo cáo.",
                "Write why the report is returned.",
            ));
        }
        // The only refusal for a comment.
        check_text(comment, "Lý do trả lại").map_err(|e| {
            refuse(
                "invalid_value",
                e.to_string(),
                "The reason for returning is too long (at most 100 KB).",
            )
        })?;
    }
    Ok(ctx)
}

/// Whether the value `m` writes is one its slot takes in the template version of `ctx`: a
/// report keeps the version it was started on, so this runs against that version.
pub fn check_template(ctx: &ReportContext, m: &Mutation) -> Result<(), Refusal> {
    match m.change.write() {
        Some((slot, value, _)) => check_value(ctx, &slot, value.as_ref()),
        None => Ok(()),
    }
}

fn check_value(ctx: &ReportContext, slot: &Slot, value: Option<&Value>) -> Result<(), Refusal> {
    match slot {
        Slot::Field(code) => {
            let field = ctx.template.field(code).ok_or_else(|| {
                let code = shown(code);
                refuse(
                    "unknown_field",
                    format!("Mẫu báo cáo không có trường “{code}”."),
                    format!("The report template has no field “{code}”."),
                )
            })?;
            if matches!(field.kind, FieldKind::Derived(_)) {
                return Err(refuse(
                    "derived_field",
                    format!("{}: được tính tự động, không nhập.", field.label),
                    format!(
                        "{}: computed automatically, not entered.",
                        field.label_en.as_ref().unwrap_or(&field.label)
                    ),
                ));
            }
            match value {
                Some(v) => field
                    .check_value(v)
                    .map_err(|e| bad_value(&e, field.label_en.as_deref())),
                None => Ok(()),
            }
        }
        Slot::Task(code) => {
            let task = ctx.tasks.iter().find(|t| &t.code == code).ok_or_else(|| {
                let code = shown(code);
                refuse(
                    "unknown_task",
                    format!("Đơn vị không được giao nhiệm vụ “{code}”."),
                    format!("The unit was not given the task “{code}”."),
                )
            })?;
            match value {
                Some(Value::Task(p)) => {
                    check_text(&p.note, &task.text).map_err(|e| bad_value(&e, None))
                }
                _ => Err(refuse(
                    "invalid_value",
                    format!("{}: phải là tình trạng thực hiện nhiệm vụ.", task.text),
                    format!("{}: must be the state of a task.", task.text),
                )),
            }
        }
    }
}
