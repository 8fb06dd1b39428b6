//! The language a request asks for: the `lang` cookie the app sets when a user chooses one,
//! else the browser's `Accept-Language`; Vietnamese when neither names a language offered.
//! And the user's language, which follows them from browser to browser.

use crate::db::Db;
use crate::error::{AppResult, InEnglish};
use crate::store;
use app::i18n::{Lang, LANG_COOKIE, LANG_COOKIE_DAYS};
use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_ENCODING, CONTENT_LENGTH};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

pub struct RequestLanguage(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for RequestLanguage {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestLanguage(of_headers(&parts.headers)))
    }
}

/// The cookie that makes `lang` this browser's language, for a year. Readable by the page
/// (not `HttpOnly`): the app reads it to render in the same language as the server.
pub fn cookie(lang: Lang, secure: bool) -> Cookie<'static> {
    Cookie::build((LANG_COOKIE, lang.code()))
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(cookie::time::Duration::days(LANG_COOKIE_DAYS))
        .build()
}

/// At a sign-in, the user's own language (chosen in the bar while signed in) becomes the
/// browser's. A browser's cookie never becomes the user's by itself: ward offices share
/// computers, and the last user's choice is not the next one's.
pub async fn at_sign_in(
    db: &Db,
    secure: bool,
    jar: CookieJar,
    username: &str,
) -> AppResult<CookieJar> {
    let stored = store::users::language(db, username).await?;
    Ok(match stored.as_deref().and_then(Lang::parse) {
        Some(lang) => jar.add(cookie(lang, secure)),
        None => jar,
    })
}

/// Sends an error answer in the request's language: `AppError` words every answer in both
/// (see `error::InEnglish`); this picks, once for every route and layer.
pub async fn errors_in_request_language(request: Request, next: Next) -> Response {
    let lang = of_headers(request.headers());
    let mut response = next.run(request).await;
    let english = response.extensions_mut().remove::<InEnglish>();
    match english {
        Some(InEnglish(body)) if lang == Lang::En => {
            // The Vietnamese body may have been compressed; the English one goes as it is.
            let (mut parts, _) = response.into_parts();
            parts.headers.remove(CONTENT_LENGTH);
            parts.headers.remove(CONTENT_ENCODING);
            let json = serde_json::to_vec(&body).unwrap_or_default();
            Response::from_parts(parts, Body::from(json))
        }
        _ => response,
    }
}

pub fn of_headers(headers: &HeaderMap) -> Lang {
    let chosen = CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()));
    chosen
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(preferred)
        })
        .unwrap_or(Lang::Vi)
}

/// The offered language an `Accept-Language` list likes best ("en-US,en;q=0.9,vi;q=0.8":
/// English), by quality and then by order.
fn preferred(header: &str) -> Option<Lang> {
    let mut offered: Vec<(f32, Lang)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            Some((quality, Lang::parse(&primary)?))
        })
        .filter(|(quality, _)| *quality > 0.0)
        .collect();
    // Stable: of equal quality, the one listed first.
    offered.sort_by(|a, b| b.0.total_cmp(&a.0));
    offered.first().map(|(_, lang)| *lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::COOKIE;
    use axum::http::HeaderValue;

    fn lang(cookie: Option<&'static str>, accept: Option<&'static str>) -> Lang {
        let mut headers = HeaderMap::new();
        if let Some(c) = cookie {
            headers.insert(COOKIE, HeaderValue::from_static(c));
        }
        if let Some(a) = accept {
            headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static(a));
        }
        of_headers(&headers)
    }

    #[test]
    fn the_user_s_choice_comes_before_the_browser_s() {
        assert_eq!(lang(Some("lang=vi"), Some("en-US,en")), Lang::Vi);
        assert_eq!(lang(Some("lang=en"), Some("vi")), Lang::En);
        assert_eq!(lang(Some("session=1"), Some("en-GB")), Lang::En);
        assert_eq!(lang(None, None), Lang::Vi);
    }

    #[test]
    fn accept_language_is_read_by_quality_then_order() {
        assert_eq!(lang(None, Some("fr-FR,en;q=0.8,vi;q=0.9")), Lang::Vi);
        assert_eq!(lang(None, Some("fr, en;q=0.5")), Lang::En);
        assert_eq!(lang(None, Some("EN-us, vi")), Lang::En);
        assert_eq!(lang(None, Some("en;q=0, de")), Lang::Vi);
        assert_eq!(lang(None, Some("en;q=abc")), Lang::Vi);
    }
}
