//! Choosing a unit of the administrator's scope: type part of its name (with or without
//! diacritics) or its code, pick it from the server's matches.

use super::form::encode;
use super::texts::use_admin_texts;
use crate::client;
use crate::domain::org::OrgUnit;
use leptos::prelude::*;

/// `chosen` holds the chosen unit's code; `name` is the form field it is sent as.
/// `described_by` ties an error message to the search box.
#[component]
pub fn UnitPicker(
    #[prop(into)] name: String,
    chosen: RwSignal<Option<String>>,
    label: Signal<&'static str>,
    #[prop(optional, into)] described_by: Option<String>,
) -> impl IntoView {
    let at = use_admin_texts();
    let typed = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let input_id = format!("{name}-search");
    let list_id = format!("{name}-matches");
    // The chosen unit's name, looked up once by its code.
    let chosen_unit = LocalResource::new(move || {
        let code = chosen.get();
        async move {
            let code = code?;
            let found = client::get::<Vec<OrgUnit>>(&format!("/admin/units?q={}", encode(&code)))
                .await
                .ok()?;
            found.into_iter().find(|u| u.code == code)
        }
    });
    let matches = LocalResource::new(move || {
        let q = typed.get();
        let wanted = open.get();
        async move {
            if !wanted {
                return Vec::new();
            }
            client::get::<Vec<OrgUnit>>(&format!("/admin/units?q={}", encode(&q)))
                .await
                .unwrap_or_default()
        }
    });
    let shown = move || match (chosen.get(), chosen_unit.get().flatten()) {
        (Some(code), Some(unit)) if unit.code == code => format!("{} ({code})", unit.name),
        (Some(code), _) => code,
        (None, _) => String::new(),
    };
    view! {
        <div class="unit-picker">
            <label for=input_id.clone()>{move || label.get()}</label>
            <input type="hidden" name=name value=move || chosen.get().unwrap_or_default() />
            {move || chosen.get().map(|_| view! {
                <p class="chosen-unit">
                    <strong lang="vi">{shown}</strong> " "
                    <button type="button" class="link-button" on:click=move |_| chosen.set(None)>
                        {move || at.get().clear}
                    </button>
                </p>
            })}
            <input
                id=input_id
                type="search"
                autocomplete="off"
                aria-controls=list_id.clone()
                aria-describedby=described_by
                placeholder=move || at.get().search_unit_hint
                prop:value=move || typed.get()
                on:input=move |ev| {
                    typed.set(event_target_value(&ev));
                    open.set(true);
                }
                on:focus=move |_| open.set(true)
            />
            <ul id=list_id class="unit-matches" hidden=move || !open.get()>
                {move || {
                    let found = matches.get().unwrap_or_default();
                    if found.is_empty() {
                        return view! { <li class="muted">{move || at.get().no_units}</li> }.into_any();
                    }
                    found
                        .into_iter()
                        .map(|u| {
                            let code = u.code.clone();
                            let ended = u.until.map(|d| format!(" – {}", crate::format::date(d)));
                            view! {
                                <li>
                                    <button type="button" class="link-button" on:click=move |_| {
                                        chosen.set(Some(code.clone()));
                                        typed.set(String::new());
                                        open.set(false);
                                    }>
                                        <span lang="vi">{u.name.clone()}</span> " " <span class="muted">"(" {u.code.clone()} {ended} ")"</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
        </div>
    }
}
