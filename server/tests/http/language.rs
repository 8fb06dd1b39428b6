//! The language a user chooses: remembered for every device they sign in on, and carried
//! by a cookie so that a page is rendered in it from its first byte.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::domain::value::Value;
use app::sync::{Change, SyncRequest, SyncResponse};
use reqwest::header::SET_COOKIE;

on_both!(
    a_user_s_language_follows_them_to_another_device,
    a_page_is_rendered_in_the_language_its_cookie_names,
    errors_are_worded_in_the_language_the_request_asks_for,
    sync_refusals_are_worded_in_the_language_the_request_asks_for,
    administration_refusals_are_worded_in_the_language_the_request_asks_for,
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

async fn errors_are_worded_in_the_language_the_request_asks_for(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let answer = |request: reqwest::RequestBuilder,
                  headers: &'static [(&'static str, &'static str)]| {
        let request = headers
            .iter()
            .fold(request, |r, (name, value)| r.header(*name, *value));
        async move {
            let resp = request.send().await.expect("request");
            let status = resp.status().as_u16();
            let body: serde_json::Value = resp.json().await.expect("a JSON error");
            (
                status,
                body["code"].as_str().unwrap_or_default().to_string(),
                body["message"].as_str().unwrap_or_default().to_string(),
            )
        }
    };
    let wrong_password = || {
        TestApp::new_client()
            .post(app.url("/api/v1/session"))
            .json(&serde_json::json!({ "username": "govap.p01", "password": "not-this-one" }))
    };
    // A browser asking for English, with or without compression, reads English.
    for headers in [
        &[("accept-language", "en-US,en;q=0.9")][..],
        &[("cookie", "lang=en"), ("accept-encoding", "br, gzip")][..],
    ] {
        let (status, code, message) = answer(wrong_password(), headers).await;
        assert_eq!(
            (status, code.as_str()),
            (401, "bad_credentials"),
            "{headers:?}"
        );
        assert_eq!(message, "Wrong username or password.", "{headers:?}");
    }
    // The chosen language (the cookie) wins over the browser's.
    for headers in [
        &[][..],
        &[("cookie", "lang=vi"), ("accept-language", "en")][..],
    ] {
        let (_, _, message) = answer(wrong_password(), headers).await;
        assert_eq!(
            message, "Tên đăng nhập hoặc mật khẩu không đúng.",
            "{headers:?}"
        );
    }

    // A refusal with what it names, and one made by a layer before any handler (the
    // session's cookie is this client's own: the browser's language comes by its header).
    app.login("govap.pnv").await;
    let english = &[("accept-language", "en")][..];
    let (status, _, message) = answer(
        app.client.get(app.url("/api/v1/progress/none/2023-6T")),
        english,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(message, "Not found: plan none.");
    let (status, _, message) = answer(
        app.client
            .post(app.url("/api/v1/sync"))
            .header("origin", "https://elsewhere.example")
            .json(&serde_json::json!({ "mutations": [], "cursor": 0 })),
        english,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        message,
        "You have no access to a request sent from another site."
    );
}

async fn sync_refusals_are_worded_in_the_language_the_request_asks_for(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let d = Device::login(&app.base, "govap.p01").await;
    let k = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P01");
    let fresh = || {
        vec![
            d.set(&k, "no_such_field", Some(Value::Count(1)), &[]),
            d.set(&k, "tcd_luot", Some(Value::Text("x".into())), &[]),
            d.mutation(&k, Change::Accept),
        ]
    };
    let push = |language: &'static str, batch: Vec<app::sync::Mutation>| {
        let request = d
            .client
            .post(format!("{}/api/v1/sync", d.base))
            .header("accept-language", language)
            .json(&SyncRequest {
                cursor: 0,
                mutations: batch,
                follow: Vec::new(),
            });
        async move {
            let resp = request.send().await.expect("sync request");
            assert_eq!(resp.status(), 200);
            let body: SyncResponse = resp.json().await.expect("sync body");
            body.results
                .into_iter()
                .map(|r| r.message.unwrap_or_default())
                .collect::<Vec<_>>()
        }
    };
    let english = push("en", fresh()).await;
    assert_eq!(
        english[0],
        "The report template has no field “no_such_field”."
    );
    assert_eq!(
        english[1],
        "Citizen reception visits: not a value of this field's kind."
    );
    assert_eq!(
        english[2],
        "You have no access to reviewing the reports of Phường 1."
    );
    let sent = fresh();
    let vietnamese = push("vi", sent.clone()).await;
    assert_eq!(
        vietnamese[0],
        "Mẫu báo cáo không có trường “no_such_field”."
    );
    // Sent again (the answer was lost) from a device now in English: the first answer, in
    // English.
    let again = push("en", sent).await;
    assert_eq!(again, english);
    // The report's history keeps the Vietnamese, whatever the language of the answer.
    let recorded: Vec<String> = sqlx::query_scalar(
        "SELECT message FROM mutations WHERE code = 'unknown_field' ORDER BY message",
    )
    .fetch_all(&app.db)
    .await
    .expect("history");
    assert_eq!(
        recorded,
        vec!["Mẫu báo cáo không có trường “no_such_field”."; 2]
    );
}

async fn administration_refusals_are_worded_in_the_language_the_request_asks_for(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let post = |path: &str, body: serde_json::Value, lang: &'static str| {
        let request = admin
            .post(app.url(path))
            .header("accept-language", lang)
            .json(&body);
        async move {
            let resp = request.send().await.expect("request");
            let status = resp.status().as_u16();
            (
                status,
                resp.json::<serde_json::Value>().await.expect("JSON"),
            )
        }
    };

    // A form's refused field, by the domain's check.
    let account = serde_json::json!({
        "username": "ab", "display_name": "Nguyễn Văn A", "role": "nhap_lieu",
        "unit_code": "HCM.GV.P01", "scope_code": ""
    });
    for (lang, expected) in [
        ("en", "A username needs at least 3 characters."),
        ("vi", "Tên đăng nhập cần ít nhất 3 ký tự."),
    ] {
        let (status, body) = post("/api/v1/admin/accounts", account.clone(), lang).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["fields"][0]["field"], "username");
        assert_eq!(body["fields"][0]["message"], expected, "{lang}");
    }
    let (_, body) = post("/api/v1/admin/accounts", account, "en").await;
    assert_eq!(
        body["message"],
        "Some data is not valid: A username needs at least 3 characters."
    );

    // A file's refusal, previewed and applied: its line and column, and what is wrong.
    let file =
        "code,parent_code,kind,name\nHCM.TEST,HCM,phuong,Phường Thử\nHCM.TEST2,HCM,lang,Làng\n";
    let kinds = "thanh_pho, tinh, quan, huyen, thi_xa, phuong, xa, dac_khu, co_quan";
    let body = serde_json::json!({ "file_name": "units.csv", "text": file });
    let (status, preview) = post(
        "/api/v1/admin/imports/org_units?preview=true",
        body.clone(),
        "en",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(preview["problems"][0]["line"], 3);
    assert_eq!(
        preview["problems"][0]["message"],
        format!("“lang” is not a kind of unit ({kinds})")
    );
    let (status, refused) = post("/api/v1/admin/imports/org_units", body, "en").await;
    assert_eq!(status, 422);
    assert_eq!(
        refused["fields"][0]["message"],
        format!("units.csv, line 3, column “kind”: “lang” is not a kind of unit ({kinds})")
    );

    // A unit form, checked by the same importer: the column is the field.
    let unit = serde_json::json!({
        "code": "HCM.MOI", "parent_code": "HCM.KHONG", "kind": "phuong", "name": "Phường Mới"
    });
    let (status, body) = post("/api/v1/admin/units", unit, "en").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["fields"][0]["field"], "parent_code");
    assert_eq!(
        body["fields"][0]["message"],
        "Unit “HCM.MOI”: there is no parent unit “HCM.KHONG”."
    );
}
