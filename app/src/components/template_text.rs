//! A text of a report template in the chosen language: its English when the template
//! gives one and English is chosen, else its Vietnamese, marked with the language it is in
//! (screen readers read it so; data stays Vietnamese).

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn TemplateText(vi: String, #[prop(optional_no_strip)] en: Option<String>) -> impl IntoView {
    let t = use_texts();
    let (text_vi, text_en) = (vi.clone(), en.clone());
    let lang = move || t.get().lang.pick(&vi, en.as_deref()).1;
    let text = move || {
        t.get()
            .lang
            .pick(&text_vi, text_en.as_deref())
            .0
            .to_string()
    };
    view! { <span lang=lang>{text}</span> }
}
