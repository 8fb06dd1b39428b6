//! Beside each narrative of a consolidating report (its plan issuer's own): the units'
//! passages under that heading, searched as people type (without diacritics) and filtered
//! by kind of unit or by unit, each inserted at the caret with the unit's name (“Phường 7:
//! …”), from the report's material (`components::material`).

use crate::components::material::Material;
use crate::components::report_ctx::ReportCtx;
use crate::domain::org::OrgKind;
use crate::fold::fold;
use crate::i18n::{tr, use_texts};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One unit's passage.
#[derive(Clone, Debug, PartialEq)]
struct Passage {
    unit: String,
    unit_code: String,
    kind: Option<OrgKind>,
    text: String,
}

/// The passages of the narrative `code`, for the textarea `target`; nothing outside a
/// consolidating report.
#[component]
pub fn PassagePicker(code: String, target: String) -> impl IntoView {
    let material = use_context::<Material>()?;
    let ctx = expect_context::<ReportCtx>();
    let t = use_texts();
    let passages = Memo::new(move |_| {
        material.with(|m| {
            let Some(view) = m else { return Vec::new() };
            let paragraphs = view.narratives.get(&code).into_iter().flatten();
            paragraphs
                .map(|p| {
                    let unit = view.units.iter().find(|u| u.unit_name == p.unit);
                    Passage {
                        unit: p.unit.clone(),
                        unit_code: unit.map(|u| u.unit_code.clone()).unwrap_or_default(),
                        kind: unit.and_then(|u| u.kind),
                        text: p.text.clone(),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let typed = RwSignal::new(String::new());
    // "" for every unit, `kind:<kind>` or `unit:<code>`.
    let chosen = RwSignal::new(String::new());
    let shown = move || {
        let wanted = fold(&typed.get());
        let chosen = chosen.get();
        passages.with(|all| {
            all.iter()
                .filter(|p| match chosen.split_once(':') {
                    Some(("kind", kind)) => p.kind.is_some_and(|k| k.as_str() == kind),
                    Some(("unit", code)) => p.unit_code == code,
                    _ => true,
                })
                .filter(|p| {
                    wanted.is_empty() || fold(&format!("{} {}", p.unit, p.text)).contains(&wanted)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let kinds = move || {
        let mut kinds: Vec<OrgKind> =
            passages.with(|all| all.iter().filter_map(|p| p.kind).collect());
        kinds.sort_by_key(|k| k.as_str());
        kinds.dedup();
        kinds
    };
    let units = move || {
        let mut units: Vec<(String, String)> = passages.with(|all| {
            all.iter()
                .map(|p| (p.unit_code.clone(), p.unit.clone()))
                .collect()
        });
        units.dedup();
        units
    };
    let target = StoredValue::new(target);
    Some(view! {
        <details class="passages" data-testid="passages" hidden=move || passages.with(Vec::is_empty)>
            <summary>{move || (t.get().passages_heading)(passages.with(Vec::len))}</summary>
            <div class="passage-tools">
                <label>
                    {tr(|t| t.passages_search)}
                    <input type="search" prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev)) />
                </label>
                <label>
                    {tr(|t| t.passages_filter)}
                    <select on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.passages_all)}</option>
                        {move || kinds().into_iter().map(|k| view! {
                            <option value=format!("kind:{}", k.as_str())>{move || k.name(t.get().lang)}</option>
                        }).collect_view()}
                        {move || units().into_iter().map(|(code, name)| view! {
                            <option value=format!("unit:{code}") lang="vi">{name}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <ul>
                {move || shown().into_iter().map(|p| {
                    let inserted = format!("{}: {}", p.unit, p.text);
                    view! {
                        <li>
                            <p lang="vi"><strong>{p.unit.clone()} ": "</strong>{p.text.clone()}</p>
                            {move || ctx.editable.get().then(|| {
                                let inserted = inserted.clone();
                                view! {
                                    <button type="button" on:click=move |_| target.with_value(|id| insert(id, &inserted))>
                                        {tr(|t| t.passages_insert)}
                                    </button>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    })
}

/// Puts `passage` in the textarea `id` at its caret, as its own paragraph, and tells the
/// field as typing does: the same edit, kept and synced the same way.
fn insert(id: &str, passage: &str) {
    let Some(area) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let text = area.value();
    // The caret counts UTF-16 units; a textarea never focused has it at the end.
    let caret = area
        .selection_start()
        .ok()
        .flatten()
        .map_or(text.len(), |units| {
            let mut seen = 0;
            text.char_indices()
                .find(|(_, c)| {
                    let past = seen >= units as usize;
                    seen += c.len_utf16();
                    past
                })
                .map_or(text.len(), |(i, _)| i)
        });
    let (before, after) = text.split_at(caret);
    let lead = match before {
        "" => "",
        b if b.ends_with("\n\n") => "",
        b if b.ends_with('\n') => "\n",
        _ => "\n\n",
    };
    let trail = if after.is_empty() || after.starts_with("\n\n") {
        ""
    } else if after.starts_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let head = format!("{before}{lead}{passage}");
    area.set_value(&format!("{head}{trail}{after}"));
    let at = head.encode_utf16().count() as u32;
    let _ = area.set_selection_range(at, at);
    let _ = area.focus();
    if let Ok(event) = web_sys::Event::new("input") {
        let _ = area.dispatch_event(&event);
    }
}
