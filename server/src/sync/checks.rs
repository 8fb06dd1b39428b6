//! The checks a mutation passes before it touches a report: who sent it, which report and
//! slot it names, whether its value is one the slot takes. They depend on nothing a sync
//! changes, so they run before the transaction. How a refusal is worded is
//! `app::sync::refusal`'s.

use super::context::ReportContext;
use crate::access::{ensure_can_edit_unit, ensure_can_review_unit};
use crate::auth::Actor;
use app::domain::org::OrgTree;
use app::domain::template::FieldKind;
use app::domain::value::{check_text, Value, ValueError};
use app::lang::Lang;
use app::sync::refusal::Refusal;
use app::sync::{
    Change, Mutation, ScoreSlot, Slot, MAX_BASES, MAX_DEVICE_ID, MAX_ID, MAX_KEY_PART,
};
use std::sync::Arc;

/// A mutation or version id: 1 to [`MAX_ID`] of `A-Z a-z 0-9 - _`.
pub fn is_id(s: &str) -> bool {
    (1..=MAX_ID).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

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
        return Err(Refusal::bad_id());
    }
    if m.device_id.is_empty() || m.device_id.chars().count() > MAX_DEVICE_ID {
        return Err(Refusal::bad_device());
    }
    let key = &m.report;
    if [&key.plan_id, &key.period_code, &key.unit_code]
        .iter()
        .any(|part| part.chars().count() > MAX_KEY_PART)
    {
        return Err(Refusal::bad_report());
    }
    if m.user != actor.username {
        return Err(Refusal::wrong_user(&m.user));
    }
    // Before whether the report exists: a unit outside the actor's reach answers alike
    // whether or not it has such a report.
    // The reviewer returns, accepts, and decides a self-assessment's points.
    let reviews = match &m.change {
        Change::Return { .. } | Change::Accept => true,
        change => matches!(change.write(), Some((Slot::Score(s), _, _)) if s.is_reviewers()),
    };
    let permitted = if reviews {
        ensure_can_review_unit(tree, actor, &m.report.unit_code)
    } else {
        ensure_can_edit_unit(tree, actor, &m.report.unit_code)
    };
    permitted.map_err(|e| Refusal::forbidden(e.text()))?;
    let Some(ctx) = ctx else {
        return Err(Refusal::unknown_report(&m.report.id()));
    };
    if let Some((_, _, base)) = m.change.write() {
        if base.len() > MAX_BASES || !base.iter().all(|b| is_id(b)) {
            return Err(Refusal::bad_base());
        }
        return Ok(ctx);
    }
    if let Change::Return { comment } = &m.change {
        if comment.trim().is_empty() {
            return Err(Refusal::comment_required());
        }
        check_text(comment, "Lý do trả lại")
            .map_err(|e| Refusal::invalid_value(&e, Some("The reason for returning")))?;
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
    // A self-assessment holds points, remarks and evidence; no report's figures.
    if ctx.criteria.is_some() && !matches!(slot, Slot::Score(_) | Slot::File(_)) {
        return Err(Refusal::unknown_field(&slot.to_string()));
    }
    match slot {
        Slot::Field(code) => {
            let field = ctx
                .template
                .field(code)
                .ok_or_else(|| Refusal::unknown_field(code))?;
            if matches!(field.kind, FieldKind::Derived(_)) {
                return Err(Refusal::derived_field(
                    &field.label,
                    field.label_en.as_deref(),
                ));
            }
            match value {
                Some(v) => field
                    .check_value(v)
                    .map_err(|e| Refusal::invalid_value(&e, field.label_en.as_deref())),
                None => Ok(()),
            }
        }
        Slot::Task(code) => {
            let task = ctx
                .tasks
                .iter()
                .find(|t| &t.code == code)
                .ok_or_else(|| Refusal::unknown_task(code))?;
            match value {
                Some(Value::Task(p)) => {
                    check_text(&p.note, &task.text).map_err(|e| Refusal::invalid_value(&e, None))
                }
                _ => Err(Refusal::not_a_task_state(&task.text)),
            }
        }
        Slot::Document(part) => match value {
            Some(v) => part
                .check(v, part.label(Lang::Vi))
                .map_err(|e| Refusal::invalid_value(&e, Some(part.label(Lang::En)))),
            None => Ok(()),
        },
        // Only a consolidating report's own figures have sums to differ from.
        Slot::Correction(code) => {
            let numeric = ctx
                .template
                .field(code)
                .is_some_and(|f| f.is_numeric() && !matches!(f.kind, FieldKind::Derived(_)));
            if !ctx.consolidates || !numeric {
                return Err(Refusal::unknown_field(&slot.to_string()));
            }
            match value {
                Some(Value::Text(text)) => {
                    let label = ctx.slot_label(slot);
                    check_text(text, &label.vi)
                        .map_err(|e| Refusal::invalid_value(&e, Some(&label.en)))
                }
                Some(_) => {
                    let label = ctx.slot_label(slot);
                    let wrong = ValueError::WrongKind { label: label.vi };
                    Err(Refusal::invalid_value(&wrong, Some(&label.en)))
                }
                None => Ok(()),
            }
        }
        Slot::Score(score) => check_score(ctx, slot, score, value),
        // Whether its content is stored, and fits, is known in the transaction (`apply`).
        Slot::File(_) => match value {
            Some(Value::File(file)) => {
                // Evidence names a criterion or bonus item of the report's set.
                if let Some(code) = &file.criterion {
                    let known = ctx.criteria.as_ref().and_then(|set| set.title_of(code));
                    if known.is_none() {
                        return Err(Refusal::unknown_field(code));
                    }
                }
                file.check_name().map_err(|e| Refusal::file(&e))
            }
            Some(_) => {
                let label = ctx.slot_label(slot);
                let wrong = ValueError::WrongKind { label: label.vi };
                Err(Refusal::invalid_value(&wrong, Some(&label.en)))
            }
            None => Ok(()),
        },
    }
}

/// A place in a self-assessment: one of its set's criteria or bonus items (the unit claims
/// only those it scores), points within the item's scale, text within bounds, and "not
/// graded" only for one of the set's reasons.
fn check_score(
    ctx: &ReportContext,
    slot: &Slot,
    score: &ScoreSlot,
    value: Option<&Value>,
) -> Result<(), Refusal> {
    let unknown = || Refusal::unknown_field(&slot.to_string());
    let set = ctx.criteria.as_deref().ok_or_else(unknown)?;
    let label = ctx.slot_label(slot);
    let wrong = || {
        let e = ValueError::WrongKind {
            label: label.vi.clone(),
        };
        Refusal::invalid_value(&e, Some(&label.en))
    };
    match (score, value) {
        (ScoreSlot::Ineligible, Some(Value::Text(reason))) => set
            .ineligible
            .reasons
            .contains(reason)
            .then_some(())
            .ok_or_else(wrong),
        (ScoreSlot::Claim(code) | ScoreSlot::Decision(code), value) => {
            let scale = set
                .scale_of(code)
                .filter(|s| s.claimed || matches!(score, ScoreSlot::Decision(_)))
                .ok_or_else(unknown)?;
            match value {
                None => Ok(()),
                Some(Value::Points(p)) if p.fits(scale.max, scale.step) => Ok(()),
                Some(Value::Points(_)) => {
                    let e = ValueError::NotPoints {
                        label: label.vi.clone(),
                        max: scale.max,
                        step: scale.step,
                    };
                    Err(Refusal::invalid_value(&e, Some(&label.en)))
                }
                Some(_) => Err(wrong()),
            }
        }
        (ScoreSlot::Remark(code) | ScoreSlot::Reason(code), value) => {
            set.title_of(code).ok_or_else(unknown)?;
            match value {
                None => Ok(()),
                Some(Value::Text(text)) => check_text(text, &label.vi)
                    .map_err(|e| Refusal::invalid_value(&e, Some(&label.en))),
                Some(_) => Err(wrong()),
            }
        }
        (ScoreSlot::Ineligible, None) => Ok(()),
        (ScoreSlot::Ineligible, Some(_)) => Err(wrong()),
    }
}
