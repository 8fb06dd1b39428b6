//! The conflicts waiting on this device for a choice (the same field typed differently on
//! two devices), each a link to its field: at the top of the notices page.

use crate::api::{report_api_path, report_path, ReportView};
use crate::device::engine::use_device;
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
                    let field = kept
                        .as_ref()
                        .and_then(|v| v.template.field(&slot).map(|f| f.label.clone()))
                        .unwrap_or_else(|| slot.clone());
                    let href = format!(
                        "{}#f-{slot}",
                        report_path(&report.plan_id, &report.period_code, &report.unit_code)
                    );
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
