//! What guards every request: writes only from the site's own pages, and the headers on
//! every answer.

use crate::common::{Backend, TestApp};

on_both!(
    a_write_from_another_site_is_refused,
    only_the_site_s_own_address_is_served,
    answers_carry_the_safety_headers,
    alive_and_ready_are_told_apart,
);

/// `/healthz` says the process lives; `/readyz` that its database answers too.
async fn alive_and_ready_are_told_apart(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.db.close().await;
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "alive without its database"
    );
    assert_eq!(app.get("/readyz").await.status(), 503);
}

async fn a_write_from_another_site_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let host = app.base.trim_start_matches("http://").to_string();
    let login = serde_json::json!({ "username": "govap.p01", "password": "baocao-demo" });
    let send = |origin: Option<&str>, fetch_site: Option<&str>| {
        let mut request = TestApp::new_client()
            .post(app.url("/api/v1/session"))
            .json(&login);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    let forged = send(Some("http://evil.example"), Some("cross-site"))
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let body: app::api::ApiError = forged.json().await.unwrap();
    assert_eq!(body.code.as_str(), "forbidden");
    assert_eq!(send(None, Some("cross-site")).await.unwrap().status(), 403);
    assert_eq!(send(Some("null"), None).await.unwrap().status(), 403);
    let own = format!("http://{host}");
    assert_eq!(
        send(Some(&own), Some("same-origin"))
            .await
            .unwrap()
            .status(),
        200
    );
    // Reading is not a write: another site's link still opens a page.
    let page = TestApp::new_client()
        .get(app.url("/dang-nhap"))
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    // The site's host over another scheme is another origin.
    let https = format!("https://{host}");
    assert_eq!(send(Some(&https), None).await.unwrap().status(), 403);
}

/// DNS rebinding: a page of another site whose name now points at this server sends its
/// own name as host and origin. Refused, reads too; with a public address set, only that
/// address's origin writes.
async fn only_the_site_s_own_address_is_served(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let login = serde_json::json!({ "username": "govap.p01", "password": "baocao-demo" });
    let rebound = TestApp::new_client()
        .post(app.url("/api/v1/session"))
        .header("host", "rebound.example")
        .header("origin", "http://rebound.example")
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(rebound.status(), 403);
    let read = TestApp::new_client()
        .get(app.url("/api/v1/site"))
        .header("host", "rebound.example")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 403);
    let port = app.base.rsplit(':').next().unwrap().to_string();
    let by_name = TestApp::new_client()
        .post(app.url("/api/v1/session"))
        .header("host", format!("localhost:{port}"))
        .header("origin", format!("http://localhost:{port}"))
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(by_name.status(), 200, "localhost names this machine too");

    let public = TestApp::spawn_with(backend, |s| {
        s.public_url = Some("https://baocao.example.vn".into());
    })
    .await;
    let send = |origin: &'static str, host: &'static str| {
        TestApp::new_client()
            .post(public.url("/api/v1/session"))
            .header("host", host)
            .header("origin", origin)
            .json(&login)
            .send()
    };
    let ok = send("https://baocao.example.vn", "baocao.example.vn")
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let http = send("http://baocao.example.vn", "baocao.example.vn")
        .await
        .unwrap();
    assert_eq!(http.status(), 403, "https only");
    let other = send("https://evil.example", "evil.example").await.unwrap();
    assert_eq!(other.status(), 403);
}

async fn answers_carry_the_safety_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for path in ["/dang-nhap", "/api/v1/site", "/healthz"] {
        let resp = app.get(path).await;
        let headers = resp.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert!(headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'"));
    }
    assert_eq!(
        app.get("/api/v1/site").await.headers()["cache-control"],
        "no-store"
    );
    app.login("govap.p01").await;
    // Pages run scripts from the site and their own hydration script, by a nonce made
    // for each answer; nothing inline without it.
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let page = app.get("/").await;
        let policy = page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let html = page.text().await.unwrap();
        let script_src = policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src "))
            .unwrap()
            .to_string();
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        let nonce = script_src
            .split_whitespace()
            .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
            .unwrap()
            .to_string();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the page's script has it"
        );
        for tag in html.split("<script").skip(1) {
            assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "<script{tag}");
        }
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a nonce per answer");
    let shell = app.get("/offline.html").await;
    assert!(!shell
        .text()
        .await
        .unwrap()
        .contains("<script type=\"module\">"));
    let report = app
        .get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01")
        .await;
    assert_eq!(report.headers()["cache-control"], "no-store");
}
