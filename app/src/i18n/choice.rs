//! The language chosen at run time: the browser's choice (a cookie the server reads too),
//! which follows the signed-in user's; the catalogue of that language, reactive.

use super::catalogue::Catalogue;
use super::en::EN;
use super::vi::VI;
use crate::lang::Lang;
use leptos::prelude::*;

/// The languages offered, each named in itself.
pub const LANGUAGES: [(Lang, &str); 2] = [(Lang::Vi, "Tiếng Việt"), (Lang::En, "English")];

pub fn texts(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The user's language: the browser's choice, which follows the signed-in user's.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

/// The cookie that carries the chosen language to the server, so that a page is rendered
/// in it from its first byte: no page shows Vietnamese before English.
pub const LANG_COOKIE: &str = "lang";

/// How long a browser keeps the choice.
pub const LANG_COOKIE_DAYS: i64 = 365;

/// The language a `Cookie` header (or `document.cookie`) chooses, if it chooses one.
pub fn lang_in_cookies(cookies: &str) -> Option<Lang> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, code)| Lang::parse(code))
}

/// The language chosen for this page: from the request's cookie on the server, from the
/// same cookie in the browser, so that hydration finds what the server rendered.
pub fn chosen_language() -> Lang {
    #[cfg(feature = "ssr")]
    let cookies = use_context::<leptos::server_fn::http_export::request::Parts>().map(|parts| {
        parts
            .headers
            .get_all(leptos::server_fn::http_export::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(";")
    });
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let cookies = Some(crate::device::browser::cookies());
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let cookies: Option<String> = None;
    cookies
        .and_then(|c| lang_in_cookies(&c))
        .unwrap_or(Lang::Vi)
}

pub fn provide_language() -> Language {
    let lang = Language(RwSignal::new(chosen_language()));
    provide_context(lang);
    // Screen readers and the browser's own words (date inputs) read the document's language.
    Effect::new(move |_| crate::device::browser::set_document_language(lang.0.get().code()));
    lang
}

impl Language {
    /// Applies a language on this browser, for this page and the next ones.
    pub fn set(self, l: Lang) {
        crate::device::browser::set_cookie(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age={}; SameSite=Lax",
            l.code(),
            LANG_COOKIE_DAYS * 86_400
        ));
        self.0.set(l);
    }

    /// Takes the language the `lang` cookie names now (a sign-in's answer sets the user's).
    pub fn follow_cookie(self) {
        self.0.set(chosen_language());
    }
}

/// The texts of the current language, reactive.
pub fn use_texts() -> Signal<&'static Catalogue> {
    let lang = expect_context::<Language>().0;
    Signal::derive(move || texts(lang.get()))
}

/// One catalogue text, reactive to the language. Not generic: every text in every view
/// shares this one closure type, so the view code for reactive text is compiled once
/// instead of once per text (a large part of the wasm size).
pub fn tr(pick: Pick) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let t = use_texts();
    move || pick(t.get())
}

/// One of two catalogue texts as a condition changes (same reason as [`tr`]).
pub fn tr_if(
    cond: Signal<bool>,
    yes: Pick,
    no: Pick,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let t = use_texts();
    move || {
        if cond.get() {
            yes(t.get())
        } else {
            no(t.get())
        }
    }
}

/// Chooses a text of the catalogue.
pub type Pick = fn(&'static Catalogue) -> &'static str;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_found_among_others_and_unknown_codes_are_ignored() {
        assert_eq!(lang_in_cookies("baocao_session=x; lang=en"), Some(Lang::En));
        assert_eq!(lang_in_cookies("lang=vi;other=1"), Some(Lang::Vi));
        assert_eq!(lang_in_cookies("lang=fr; flang=en"), None);
        assert_eq!(lang_in_cookies(""), None);
    }
}
