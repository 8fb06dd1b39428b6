//! A reviewer's decision on a submitted report: accept it, or return it with a comment.
//! Queued like every change, so it works offline and reaches the unit at its next sync.

use crate::components::assessment::GapList;
use crate::components::report_ctx::ReportCtx;
use crate::device::engine::use_device;
use crate::device::storage;
use crate::domain::access::may_review_report;
use crate::domain::evaluation::Gap;
use crate::domain::status::ReportStatus;
use crate::i18n::tr;
use crate::sync::Change;
use leptos::prelude::*;

#[component]
pub fn ReviewBox() -> impl IntoView {
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    // Stored, so that every closure below is `Copy` and can live in `Show`'s children.
    let key = StoredValue::new(ctx.key.clone());
    let may = move || {
        device.me.with(|me| {
            me.as_ref().is_some_and(|me| {
                key.with_value(|k| {
                    may_review_report(me.role, &me.unit.code, &me.scope.code, &k.unit_code)
                })
            })
        })
    };
    let awaiting = move || {
        ctx.state
            .with(|s| matches!(s.status, ReportStatus::DaNop | ReportStatus::DaNopLai))
    };
    let queued = move || {
        device.outbox.with(|o| {
            key.with_value(|k| {
                o.for_report(k)
                    .any(|m| matches!(m.change, Change::Accept | Change::Return { .. }))
            })
        })
    };
    // The comment is kept as typed, like every keystroke: a reload does not lose it.
    let user = move || {
        device
            .me
            .with_untracked(|me| me.as_ref().map(|me| me.username.clone()))
    };
    let keep = move |text: &str| {
        let Some(user) = user() else { return };
        if key
            .with_value(|k| storage::save_return_comment(&user, &k.id(), text))
            .is_err()
        {
            device.storage_failed.set(true);
        }
    };
    let comment = RwSignal::new(String::new());
    // Read in the browser once the user is known: the server renders without its storage.
    Effect::new(move |_| {
        device.me.track();
        if let Some(user) = user() {
            comment.set(key.with_value(|k| storage::return_comment(&user, &k.id())));
        }
    });
    let needs_comment = RwSignal::new(false);
    // Asked once: an accepted report can no longer be changed by its unit.
    let confirming = RwSignal::new(false);
    // A self-assessment is accepted once every point is decided as the set asks.
    let gaps = RwSignal::new(Vec::<Gap>::new());
    let assessment = ctx.assessment;
    let ask = move |_: ()| {
        let found = assessment.with_untracked(|a| a.as_ref().map(|a| a.accept_gaps()));
        let blocked = found.as_ref().is_some_and(|g| !g.is_empty());
        gaps.set(found.unwrap_or_default());
        confirming.set(!blocked);
    };
    let accept = move |_: ()| {
        confirming.set(false);
        key.with_value(|k| device.queue(k, Change::Accept));
    };
    let give_back = move |_: ()| {
        let text = comment.get_untracked().trim().to_string();
        needs_comment.set(text.is_empty());
        if !text.is_empty() {
            key.with_value(|k| device.queue(k, Change::Return { comment: text }));
            comment.set(String::new());
            keep("");
        }
    };
    let shown = move || may() && (awaiting() || queued());
    view! {
        <Show when=shown>
            <section class="card review" data-testid="review">
                <h2>{tr(|t| t.review_heading)}</h2>
                <Show
                    when=move || !queued()
                    fallback=|| view! { <p class="queued">{tr(|t| t.review_queued)}</p> }
                >
                    <label for="return-comment">{tr(|t| t.return_comment_label)}</label>
                    <textarea id="return-comment" rows="3" prop:value=comment
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            keep(&text);
                            comment.set(text);
                        }></textarea>
                    <Show when=move || needs_comment.get()>
                        <p class="msg error" role="alert">{tr(|t| t.return_needs_comment)}</p>
                    </Show>
                    <GapList gaps heading=|et| et.gaps_accept />
                    <Decision confirming ask=Callback::new(ask) accept=Callback::new(accept) give_back=Callback::new(give_back) />
                </Show>
            </section>
        </Show>
    }
    .into_any()
}

/// Accept (asked once: an accepted report can no longer be changed by its unit) or return.
#[component]
fn Decision(
    confirming: RwSignal<bool>,
    /// Asks to accept: the question, or what stands in the way.
    ask: Callback<()>,
    accept: Callback<()>,
    give_back: Callback<()>,
) -> impl IntoView {
    // The keyboard goes on from where it pressed: on the question's confirming button.
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    move || {
        if confirming.get() {
            view! {
                <div class="confirm" role="alertdialog" aria-labelledby="accept-confirm" data-testid="accept-confirm">
                    <p id="accept-confirm">{tr(|t| t.accept_confirm)}</p>
                    <div class="actions">
                        <button type="button" class="primary" node_ref=confirm_button on:click=move |_| accept.run(())>{tr(|t| t.confirm_accept)}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{tr(|t| t.cancel)}</button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| ask.run(())>{tr(|t| t.accept)}</button>
                    <button type="button" on:click=move |_| give_back.run(())>{tr(|t| t.return_report)}</button>
                </div>
            }
            .into_any()
        }
    }
}
