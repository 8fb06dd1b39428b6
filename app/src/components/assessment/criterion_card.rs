//! One criterion (or bonus item) of a self-assessment: its points as the unit claims them,
//! as its figures give them, or as the level above gives them; the unit's remark and how
//! much evidence it attached; and, for the reviewer, the decided points and their reason,
//! marked where they differ from the proposal.

use super::basis_line::BasisLine;
use super::evidence_note::EvidenceNote;
use super::points_input::PointsInput;
use super::score_text::ScoreText;
use crate::components::report_ctx::ReportCtx;
use crate::domain::evaluation::{Item, Source};
use crate::i18n::{use_texts, EvaluationTexts};
use crate::sync::ScoreSlot;
use leptos::prelude::*;

#[component]
pub fn CriterionCard(code: String) -> impl IntoView {
    let t = use_texts();
    let ctx = expect_context::<ReportCtx>();
    let et = move || EvaluationTexts::of(t.get().lang);
    let item_code = code.clone();
    let item = Memo::new(move |_| {
        ctx.assessment
            .with(|a| a.as_ref().and_then(|a| a.item(&item_code)).cloned())
    });
    // What does not change as the user types: the item as the set gives it.
    let Some(first) = item.get_untracked() else {
        return ().into_any();
    };
    let guide = ctx.criteria.with_value(|set| {
        set.as_ref()
            .and_then(|s| s.criterion(&code))
            .and_then(|c| c.guide.clone())
    });
    let (max, step) = (first.max, first.step);
    let editable = Signal::from(ctx.editable);
    let deciding = Signal::from(ctx.deciding);
    let label = move |pick: fn(&EvaluationTexts) -> &'static str| {
        Signal::derive(move || pick(EvaluationTexts::of(t.get().lang)).to_string())
    };
    let own = match first.source.clone() {
        Source::Unit => view! {
            <PointsInput place=ScoreSlot::Claim(code.clone()) label=label(|e| e.claim) max step enabled=editable />
            <EvidenceNote item />
        }
        .into_any(),
        Source::Computed(computed) => view! {
            <p class="computed" data-testid="computed">
                {move || et().computed} ": " <strong>{move || computed.points.shown(t.get().numbers)}</strong>
            </p>
            <BasisLine basis=computed.basis.clone() />
        }
        .into_any(),
        Source::Reviewer => view! { <p class="muted">{move || et().by_reviewer}</p> }.into_any(),
    };
    // The reviewer's part: written while deciding, read once decided.
    let decided = move || item.with(|i| i.as_ref().and_then(|i| i.decided));
    let shows_decision = move || deciding.get() || decided().is_some();
    let needs_reason = move || {
        item.with(|i| {
            i.as_ref().is_some_and(|i| match i.source {
                Source::Unit => i.differs() && !i.reasoned,
                Source::Computed(_) => i.decided.is_some() && !i.reasoned,
                Source::Reviewer => false,
            })
        })
    };
    let differs = move || item.with(|i| i.as_ref().is_some_and(Item::differs));
    let (decided_slot, reason_slot) = (
        ScoreSlot::Decision(code.clone()),
        ScoreSlot::Reason(code.clone()),
    );
    let decision = view! {
        <Show when=shows_decision>
            <div class="decision">
                <PointsInput place=decided_slot.clone() label=label(|e| e.decision) max step enabled=deciding />
                <Show when=differs>
                    <p class="badge differs" data-testid="differs">{move || et().differs}</p>
                </Show>
                <ScoreText place=reason_slot.clone() label=label(|e| e.reason) enabled=deciding />
                <Show when=needs_reason>
                    <p class="msg warning" role="status">{move || et().reason_missing}</p>
                </Show>
            </div>
        </Show>
    };
    let unit_remarks = first.source != Source::Reviewer;
    let remark_slot = ScoreSlot::Remark(code.clone());
    view! {
        <li class="card criterion" class:differs=differs id=format!("c-{code}") data-criterion=code.clone()>
            <h3 lang="vi">{first.title.clone()}</h3>
            <p class="muted">
                {move || et().max} ": " {move || max.shown(t.get().numbers)} " " {move || et().points_unit}
            </p>
            {guide.map(|g| view! { <p class="guide" lang="vi">{g}</p> })}
            {own}
            {unit_remarks.then(|| view! {
                <ScoreText place=remark_slot label=label(|e| e.remark) enabled=editable />
            })}
            {decision}
        </li>
    }
    .into_any()
}
