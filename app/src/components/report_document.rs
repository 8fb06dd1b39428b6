//! "Văn bản báo cáo": what makes the report the document the unit signs (its number,
//! signing date and signer), printing it, and its DOCX. The printed document is built only
//! while the browser prints, so typing never pays for it.

use crate::api::{export_url, report_api_path};
use crate::components::document_part_input::DocumentPartInput;
use crate::components::material::Material;
use crate::components::printed_document::PrintedDocument;
use crate::components::report_ctx::ReportCtx;
use crate::device::{browser, engine::use_device};
use crate::document::consolidated::consolidated;
use crate::document::own_report::{own_report, undated_day, Frame};
use crate::document::{Letterhead, OfficialDocument};
use crate::domain::document_part::DocumentPart;
use crate::domain::plan::{Period, Task};
use crate::i18n::tr;
use leptos::prelude::*;

/// The card on the report page, and the document the page prints.
#[component]
pub fn ReportDocument(letterhead: Letterhead, period: Period, tasks: Vec<Task>) -> impl IntoView {
    let device = use_device();
    let ctx = expect_context::<ReportCtx>();
    let docx = export_url(&report_api_path(&ctx.key), "docx");
    // The document is drawn on `beforeprint`: the microtasks that update the page run
    // before the browser lays it out for the printer.
    let printing = RwSignal::new(false);
    let before = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let after = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let (state, template) = (ctx.state, ctx.template);
    // A consolidating report prints as its consolidated document, as its DOCX is.
    let material = use_context::<Material>();
    let letterhead = StoredValue::new(letterhead);
    let (period, tasks) = (StoredValue::new(period), StoredValue::new(tasks));
    let document = Signal::derive(move || -> Option<OfficialDocument> {
        if !printing.get() {
            return None;
        }
        let (values, submitted) = state.with(|s| (s.values(), s.submitted_at));
        let undated = undated_day(submitted);
        let doc = template.with_value(|template| {
            letterhead.with_value(|letterhead| {
                period.with_value(|period| {
                    let frame = Frame {
                        letterhead,
                        template,
                        period,
                        values: &values,
                        undated,
                    };
                    let units = material.and_then(|m| {
                        m.with_untracked(|view| view.map(|view| consolidated(&frame, view)))
                    });
                    units.unwrap_or_else(|| tasks.with_value(|tasks| own_report(&frame, tasks)))
                })
            })
        });
        Some(doc)
    });
    // Drawn first, printed on the next task: inside this click the page is not updated yet.
    let print = move |_| {
        printing.set(true);
        set_timeout(browser::print, std::time::Duration::ZERO);
    };
    view! {
        <section class="card report-document" aria-labelledby="document-heading">
            <h2 id="document-heading">{tr(|t| t.document_heading)}</h2>
            <p class="muted">{tr(|t| t.document_help)}</p>
            <div class="fields">
                {DocumentPart::ALL.into_iter().map(|part| view! { <DocumentPartInput part /> }).collect_view()}
            </div>
            <div class="actions">
                <button type="button" on:click=print>{tr(|t| t.document_print)}</button>
                {move || if device.online.get() {
                    view! { <a class="button" href=docx.clone() download>{tr(|t| t.document_docx)}</a> }.into_any()
                } else {
                    view! { <p class="muted" data-testid="docx-offline">{tr(|t| t.document_docx_offline)}</p> }.into_any()
                }}
            </div>
        </section>
        <PrintedDocument document />
    }
}
