//! The language a user chooses: remembered for every device they sign in on, and carried
//! by a cookie so that a page is rendered in it from its first byte.

mod common;

use common::{Backend, TestApp};
use reqwest::header::SET_COOKIE;

on_both!(
    a_user_s_language_follows_them_to_another_device,
    a_page_is_rendered_in_the_language_its_cookie_names,
);

/// The `lang` cookie an answer sets, if it sets one.
fn lang_cookie(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("lang="))
        .map(str::to_string)
}

async fn choose(app: &TestApp, browser: &reqwest::Client, code: &str) -> reqwest::Response {
    browser
        .put(app.url("/api/v1/me/language"))
        .json(&serde_json::json!({ "language": code }))
        .send()
        .await
        .expect("request")
}

/// Signs in from a new browser, holding the given cookie.
async fn sign_in(app: &TestApp, username: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = TestApp::new_client()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "username": username, "password": "baocao-demo" }));
    if let Some(cookie) = cookie {
        request = request.header(reqwest::header::COOKIE, cookie);
    }
    request.send().await.expect("request")
}

async fn a_user_s_language_follows_them_to_another_device(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let first = sign_in(&app, "hanhthong.01", None).await;
    assert_eq!(
        lang_cookie(&first),
        None,
        "Vietnamese by default, nothing chosen yet"
    );

    let phone = app.client_of("hanhthong.01").await;
    let chosen = choose(&app, &phone, "en").await;
    assert_eq!(chosen.status(), 204);
    let cookie = lang_cookie(&chosen).expect("the choice is this browser's too");
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert!(
        cookie.contains("Path=/") && cookie.contains("Max-Age="),
        "{cookie}"
    );
    assert!(!cookie.contains("HttpOnly"), "the page reads it: {cookie}");

    // Signing in on another device brings the choice along; another user's stays theirs.
    let laptop = sign_in(&app, "hanhthong.01", None).await;
    assert_eq!(laptop.status(), 200);
    assert!(lang_cookie(&laptop).is_some_and(|c| c.starts_with("lang=en;")));
    assert_eq!(
        lang_cookie(&sign_in(&app, "hanhthong.02", None).await),
        None
    );
    // A shared computer whose last user chose Vietnamese: this user's English wins, and the
    // browser's cookie does not become anyone's choice.
    let shared = sign_in(&app, "hanhthong.01", Some("lang=vi")).await;
    assert!(lang_cookie(&shared).is_some_and(|c| c.starts_with("lang=en;")));
    let other = sign_in(&app, "hanhthong.02", Some("lang=en")).await;
    assert_eq!((other.status().as_u16(), lang_cookie(&other)), (200, None));
    assert_eq!(
        lang_cookie(&sign_in(&app, "hanhthong.02", None).await),
        None
    );

    let unknown = choose(&app, &phone, "fr").await;
    assert_eq!(unknown.status(), 400, "only the offered languages");
    let anonymous = choose(&app, &TestApp::new_client(), "vi").await;
    assert_eq!(anonymous.status(), 401);
}

async fn a_page_is_rendered_in_the_language_its_cookie_names(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let page = |cookie: Option<&'static str>| {
        let mut request = TestApp::new_client().get(app.url("/dang-nhap"));
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        async move {
            request
                .send()
                .await
                .expect("request")
                .text()
                .await
                .expect("body")
        }
    };
    let english = page(Some("other=1; lang=en")).await;
    assert!(
        english.contains(r#"<html lang="en""#),
        "{}",
        &english[..200]
    );
    assert!(
        english.contains(">Sign in<"),
        "the sign-in button in English"
    );
    assert!(
        !english.contains("Đăng nhập"),
        "no Vietnamese word of the page's own"
    );

    for cookie in [None, Some("lang=vi"), Some("lang=xx")] {
        let vietnamese = page(cookie).await;
        assert!(vietnamese.contains(r#"<html lang="vi""#), "{cookie:?}");
        assert!(vietnamese.contains(">Đăng nhập<"), "{cookie:?}");
    }
}
