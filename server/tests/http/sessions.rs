//! Logins and sessions: throttled guessing, sessions that end when idle or old, cookies
//! the browser keeps to HTTPS, requests with ids, and a stop that lets requests finish.

use crate::common::{settings, Backend, TestApp, TestDb};
use reqwest::header::{RETRY_AFTER, SET_COOKIE};

on_both!(
    an_account_is_throttled_after_five_failures,
    an_address_is_throttled_after_twenty_failures,
    a_success_resets_the_account_s_count,
    every_server_process_counts_the_same_failures,
    a_username_too_long_for_any_account_is_refused_uncounted,
    a_session_ends_when_idle_or_old_and_is_purged,
    a_new_login_replaces_the_browser_s_session,
    cookies_are_secure_and_host_only_when_served_to_the_network,
    a_stop_lets_requests_in_flight_finish,
    the_sign_in_form_sent_before_the_app_loaded_signs_in,
);

async fn attempt(
    app: &TestApp,
    username: &str,
    password: &str,
    from: Option<&str>,
) -> reqwest::Response {
    attempt_at(&app.base, username, password, from).await
}

async fn attempt_at(
    base: &str,
    username: &str,
    password: &str,
    from: Option<&str>,
) -> reqwest::Response {
    let mut request = TestApp::new_client()
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({ "username": username, "password": password }));
    if let Some(address) = from {
        request = request.header("x-forwarded-for", address);
    }
    request.send().await.expect("request")
}

async fn an_account_is_throttled_after_five_failures(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for _ in 0..5 {
        assert_eq!(
            attempt(&app, "govap.p01", "wrong", None).await.status(),
            401
        );
    }
    let refused = attempt(&app, "govap.p01", "baocao-demo", None).await;
    assert_eq!(refused.status(), 429, "even the right password waits");
    let wait: u64 = refused.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((840..=900).contains(&wait), "about 15 minutes: {wait}");
    let body: app::api::ApiError = refused.json().await.unwrap();
    assert_eq!(body.code.as_str(), "too_many_attempts");
    assert!(
        body.message.contains("thử lại sau 15 phút"),
        "{}",
        body.message
    );
    // The account's name in other letters is the same account.
    assert_eq!(attempt(&app, "GOVAP.P01", "x", None).await.status(), 429);
    // Another account from the same address is not affected.
    assert_eq!(
        attempt(&app, "govap.p07", "baocao-demo", None)
            .await
            .status(),
        200
    );
}

async fn an_address_is_throttled_after_twenty_failures(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.client_address_header = Some("x-forwarded-for".into());
    })
    .await;
    for i in 0..20 {
        // The first entry is the client's own word; the proxy's is the last.
        let from = format!("203.0.113.{i}, 198.51.100.7");
        let status = attempt(&app, &format!("nobody{i}"), "x", Some(&from))
            .await
            .status();
        assert_eq!(status, 401);
    }
    let refused = attempt(&app, "govap.p07", "baocao-demo", Some("198.51.100.7")).await;
    assert_eq!(
        refused.status(),
        429,
        "a twenty-first attempt from the address"
    );
    let other = attempt(&app, "govap.p07", "baocao-demo", Some("198.51.100.8")).await;
    assert_eq!(other.status(), 200, "another address is not affected");
}

/// Two processes on one database: the failures sent to either count for both.
async fn every_server_process_counts_the_same_failures(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let second = app.second_server().await;
    for base in [&app.base, &second, &app.base, &second, &second] {
        let status = attempt_at(base, "govap.p01", "wrong", None).await.status();
        assert_eq!(status, 401);
    }
    for base in [&app.base, &second] {
        let refused = attempt_at(base, "govap.p01", "baocao-demo", None).await;
        assert_eq!(refused.status(), 429, "{base}");
    }
}

/// A million-character username: refused at once, never a key of the throttle.
async fn a_username_too_long_for_any_account_is_refused_uncounted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let long = "a".repeat(1_000_000);
    let refused = attempt(&app, &long, "x", None).await;
    assert_eq!(refused.status(), 401);
    let longest: Option<i64> = sqlx::query_scalar("SELECT MAX(LENGTH(key)) FROM login_failures")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(longest, None, "nothing counted");
    let at_limit = "a".repeat(app::domain::account::MAX_USERNAME);
    assert_eq!(attempt(&app, &at_limit, "x", None).await.status(), 401);
    let longest: Option<i64> = sqlx::query_scalar("SELECT MAX(LENGTH(key)) FROM login_failures")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(longest.is_some_and(|l| l <= 80), "{longest:?}");
}

async fn a_success_resets_the_account_s_count(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for _ in 0..2 {
        for _ in 0..4 {
            assert_eq!(
                attempt(&app, "govap.p01", "wrong", None).await.status(),
                401
            );
        }
        let right = attempt(&app, "govap.p01", "baocao-demo", None).await;
        assert_eq!(right.status(), 200);
    }
}

async fn session_count(app: &TestApp, username: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE username = $1")
        .bind(username)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn set_session_times(app: &TestApp, username: &str, column: &str, millis: i64) {
    sqlx::query(&format!(
        "UPDATE sessions SET {column} = $1 WHERE username = $2"
    ))
    .bind(millis)
    .bind(username)
    .execute(&app.db)
    .await
    .unwrap();
}

async fn a_session_ends_when_idle_or_old_and_is_purged(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let now = chrono::Utc::now().timestamp_millis();
    let hour = 3_600_000;

    // Used two minutes ago: the request notes the use.
    let p01 = app.client_of("govap.p01").await;
    set_session_times(&app, "govap.p01", "last_seen_at", now - 120_000).await;
    let me = p01.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(me.status(), 200);
    let seen: i64 =
        sqlx::query_scalar("SELECT last_seen_at FROM sessions WHERE username = 'govap.p01'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(seen >= now, "the use is noted");

    // Unused for 9 hours: over the default idle time of 8.
    set_session_times(&app, "govap.p01", "last_seen_at", now - 9 * hour).await;
    let me = p01.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(me.status(), 401, "idle");

    // Used a minute ago but past its lifetime.
    let p07 = app.client_of("govap.p07").await;
    set_session_times(&app, "govap.p07", "expires_at", now - 1).await;
    let me = p07.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(me.status(), 401, "old");

    // Both rows are gone after the next login, whoever logs in.
    assert_eq!(session_count(&app, "govap.p07").await, 1);
    app.client_of("govap.pnv").await;
    assert_eq!(session_count(&app, "govap.p01").await, 0);
    assert_eq!(session_count(&app, "govap.p07").await, 0);
}

async fn a_new_login_replaces_the_browser_s_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_eq!(app.login("govap.p01").await.status(), 200);
    assert_eq!(app.login("govap.p01").await.status(), 200);
    assert_eq!(
        session_count(&app, "govap.p01").await,
        1,
        "the cookie's old session ended"
    );
    // Another device's session is its own.
    app.client_of("govap.p01").await;
    assert_eq!(session_count(&app, "govap.p01").await, 2);
}

async fn cookies_are_secure_and_host_only_when_served_to_the_network(backend: Backend) {
    // Which addresses get Secure by default is `Settings::secure_cookies`'s unit test;
    // here the demo (plain HTTP by default) is told it is behind HTTPS.
    let app = TestApp::spawn_with(backend, |s| s.secure_cookies = Some(true)).await;
    let resp = attempt(&app, "govap.p01", "baocao-demo", None).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let cookie = resp.headers()[SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-baocao_session="), "{cookie}");
    for attribute in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(cookie.contains(attribute), "{attribute}: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let client = reqwest::Client::new();
    let me = client
        .get(app.url("/api/v1/me"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "the server reads its own cookie");
    let out = client
        .delete(app.url("/api/v1/session"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let cleared = out.headers()[SET_COOKIE].to_str().unwrap();
    assert!(cleared.starts_with("__Host-baocao_session=;"), "{cleared}");
    assert!(
        cleared.contains("Secure") && cleared.contains("Path=/"),
        "{cleared}"
    );
    let me = client
        .get(app.url("/api/v1/me"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
}

async fn a_stop_lets_requests_in_flight_finish(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = server::startup::build(settings(&db.url, true))
        .await
        .expect("build app");
    let base = format!("http://127.0.0.1:{}", app.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(app.run_until(async {
        stopped.await.ok();
    }));
    // Logins hash a few at a time: a dozen take a while, most still running at the stop.
    // The clients are made first (each reads the system's certificates), so that every
    // request is sent well before the stop.
    let clients: Vec<reqwest::Client> = (0..12).map(|_| reqwest::Client::new()).collect();
    let logins: Vec<_> = clients
        .into_iter()
        .map(|client| {
            let url = format!("{base}/api/v1/session");
            tokio::spawn(async move {
                let body =
                    serde_json::json!({ "username": "govap.p01", "password": "baocao-demo" });
                let resp = client.post(url).json(&body).send().await;
                resp.map(|r| r.status().as_u16())
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    stop.send(()).unwrap();
    for login in logins {
        assert_eq!(login.await.unwrap().unwrap(), 200, "answered, not cut");
    }
    serving.await.unwrap().expect("a clean stop");
    let after = reqwest::Client::new()
        .get(format!("{base}/healthz"))
        .send()
        .await;
    assert!(after.is_err(), "no longer accepting");
}

#[tokio::test]
async fn every_answer_carries_its_request_id() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let made = app.get("/healthz").await;
    let id = made.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let given = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "proxy-42")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "proxy-42");
}

/// A browser sends the sign-in page's form itself when the page's app has not loaded yet.
async fn the_sign_in_form_sent_before_the_app_loaded_signs_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let send = |password: &'static str| {
        browser
            .post(app.url("/dang-nhap"))
            .form(&[("username", "govap.p01"), ("password", password)])
            .send()
    };
    let me = || browser.get(app.url("/api/v1/me")).send();

    let refused = send("not-this-one").await.expect("request");
    assert_eq!(refused.status(), 303);
    assert_eq!(
        refused.headers()["location"],
        "/dang-nhap?loi=bad_credentials"
    );
    assert_eq!(me().await.expect("request").status(), 401);

    let signed_in = send("baocao-demo").await.expect("request");
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["location"], "/");
    assert_eq!(me().await.expect("request").status(), 200);
}
