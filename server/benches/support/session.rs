//! Signing in as the browser does, for the benchmarks: a client that keeps the session
//! cookie.

#![allow(dead_code)] // each benchmark uses its own part

/// A client signed in as `user`, or the status the sign-in was answered with.
pub async fn try_sign_in(
    base: &str,
    user: &str,
    password: &str,
) -> Result<reqwest::Client, reqwest::StatusCode> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let resp = client
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({ "username": user, "password": password }))
        .send()
        .await
        .expect("sign-in");
    if resp.status().is_success() {
        Ok(client)
    } else {
        Err(resp.status())
    }
}

/// A client signed in as `user`; the benchmark stops if the sign-in is refused.
pub async fn sign_in(base: &str, user: &str, password: &str) -> reqwest::Client {
    match try_sign_in(base, user, password).await {
        Ok(client) => client,
        Err(status) => panic!("sign-in {user}: {status}"),
    }
}
