//! The conflicts waiting on this device for a choice (the same field typed differently on
//! two devices), each a link to its field: at the top of the notices page.

use crate::api::{report_api_path, report_path, Deferred, ReportView};
use crate::device::engine::use_device;
use crate::domain::template::Template;
use crate::i18n::{use_texts, NoticeTexts};
use leptos::prelude::*;

#[component]
pub fn ConflictList() -> impl IntoView {
    let t = use_texts();
    let nt = move || NoticeTexts::of(t.get().lang);
    let device = use_device();
    move || {
        let waiting = device.conflicts.get();
        (!waiting.is_empty()).then(|| {
            let items = waiting
                .into_iter()
                .map(|(report, slot)| {
                    // Named as the device holds the report: its period and the field's label.
                    let kept = device.kept::<ReportView>(&report_api_path(&report));
                    let period = kept
                        .as_ref()
                        .map_or_else(|| report.period_code.clone(), |v| v.period.label.clone());
                    let href = format!(
                        "{}#f-{slot}",
                        report_path(&report.plan_id, &report.period_code, &report.unit_code)
                    );
                    let template = kept.map(|v| v.template);
                    let label = {
                        let slot = slot.clone();
                        LocalResource::new(move || field_label(template.clone(), slot.clone()))
                    };
                    let field = move || {
                        label.get().and_then(|l| l.ok().flatten()).unwrap_or_else(|| slot.clone())
                    };
                    view! {
                        <li class="notice-item urgent unread" data-testid="conflict-notice">
                            <p class="notice-head">
                                <strong>{move || nt().conflict}</strong> ": " <span lang="vi">{period}</span>
                            </p>
                            <p lang="vi">{field}</p>
                            <p class="actions"><a class="button" href=href>{move || nt().choose_version}</a></p>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="notices" data-testid="conflict-notices">{items}</ul> }
        })
    }
}

/// A field's label in a kept report's template. The ward's build reads templates in the
/// report editor's chunk only (see `ReportView::template`), so the label is read there:
/// until that chunk is fetched (kept by the service worker once a report was opened), and
/// for a slot that is not a field, the notice names the slot.
#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(
    editor,
    fallible,
    return_wrapper(let label = _; { Ok(label) } -> Result<Option<String>, wasm_split_helpers::SplitLoaderError>)
)]
fn field_label(template: Option<Deferred<Template>>, slot: String) -> Option<String> {
    label_of(template, &slot)
}

#[cfg(not(feature = "split"))]
async fn field_label(
    template: Option<Deferred<Template>>,
    slot: String,
) -> Result<Option<String>, std::convert::Infallible> {
    Ok(label_of(template, &slot))
}

fn label_of(template: Option<Deferred<Template>>, slot: &str) -> Option<String> {
    let template = template?.decode().ok()?;
    template.field(slot).map(|f| f.label.clone())
}
