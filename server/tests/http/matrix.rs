//! Every API route, for every kind of account, against units in every relation to the
//! account: the status is the one the read rule gives, never a 500, and no answer carries
//! a unit the account may not see.

use crate::common::{Backend, TestApp};
use reqwest::{Client, StatusCode};

on_both!(every_route_answers_each_account_as_the_read_rule_says);

const PLAN: &str = "847-KH-UBND-2023";
const PERIOD: &str = "2023-6T";

/// The units, as seen from the ward Phường 1 of Gò Vấp.
const OWN: &str = "HCM.GV.P01";
const SIBLING: &str = "HCM.GV.P07";
const PARENT: &str = "HCM.GV";
const OTHER_DISTRICT: &str = "HCM.PN.P02";
const CITY: &str = "HCM";
const TARGETS: [&str; 5] = [OWN, SIBLING, PARENT, OTHER_DISTRICT, CITY];

/// A unit's reads, each with the unit in the path or the query.
fn unit_routes(unit: &str) -> Vec<String> {
    let mut routes = vec![
        format!("/api/v1/reports/{PLAN}/{PERIOD}/{unit}"),
        format!("/api/v1/reports/{PLAN}/{PERIOD}/{unit}/history"),
    ];
    for path in [
        "progress/{p}/{q}",
        "progress/{p}/{q}/xlsx",
        "consolidation/{p}/{q}",
        "consolidation/{p}/{q}/xlsx",
        "consolidation/{p}/{q}/docx",
        "task-progress/{p}/{q}",
    ] {
        let path = path.replace("{p}", PLAN).replace("{q}", PERIOD);
        routes.push(format!("/api/v1/{path}?unit={unit}"));
    }
    routes.push(format!("/api/v1/timeliness?unit={unit}"));
    routes
}

/// Reads that take no unit: the account's own view.
const OWN_VIEW: [&str; 4] = [
    "/api/v1/me",
    "/api/v1/periods",
    "/api/v1/timeliness",
    "/api/v1/progress/847-KH-UBND-2023/2023-6T",
];

struct Account {
    name: &'static str,
    client: Client,
    /// The units whose reads it may make.
    sees: &'static [&'static str],
    /// Units that must never appear in what it is answered.
    hidden: &'static [&'static str],
}

async fn status_and_body(client: &Client, url: String) -> (StatusCode, String) {
    let resp = client.get(url).send().await.expect("request");
    let status = resp.status();
    let binary = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| !t.contains("json") && !t.contains("text"));
    let body = if binary {
        String::new()
    } else {
        resp.text().await.unwrap_or_default()
    };
    (status, body)
}

async fn every_route_answers_each_account_as_the_read_rule_says(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let accounts = [
        Account {
            name: "ward staff",
            client: app.client_of("govap.p01").await,
            sees: &[OWN],
            hidden: &[SIBLING, OTHER_DISTRICT],
        },
        Account {
            name: "district reviewer",
            client: app.client_of("govap.pnv").await,
            sees: &[OWN, SIBLING, PARENT],
            hidden: &[OTHER_DISTRICT],
        },
        Account {
            name: "city admin",
            client: app.client_of("admin").await,
            sees: &TARGETS,
            hidden: &[],
        },
    ];
    let anonymous = TestApp::new_client();
    let mut checked = 0;
    for target in TARGETS {
        for route in unit_routes(target) {
            let (status, body) = status_and_body(&anonymous, app.url(&route)).await;
            assert_eq!(status, 401, "anonymous {route}: {body}");
            for account in &accounts {
                let (status, body) = status_and_body(&account.client, app.url(&route)).await;
                let who = format!("{} {route}", account.name);
                if account.sees.contains(&target) {
                    // The report of a unit it sees that the plan does not ask for: not
                    // found, not refused. Every other read of a unit it sees: answered.
                    let report = route.starts_with("/api/v1/reports/");
                    assert!(
                        status == 200 || (report && status == 404),
                        "{who}: {status} {body}"
                    );
                } else {
                    assert_eq!(status, 403, "{who}: {body}");
                }
                if status != 200 {
                    let error: app::api::ApiError =
                        serde_json::from_str(&body).expect("an error is code and message");
                    assert!(!error.message.is_empty());
                }
                // A refusal may repeat the code asked for; an answer names no hidden unit.
                if status == 200 {
                    for hidden in account.hidden {
                        assert!(!body.contains(hidden), "{who} tells of {hidden}: {body}");
                    }
                }
                checked += 1;
            }
        }
    }
    for route in OWN_VIEW {
        let (status, _) = status_and_body(&anonymous, app.url(route)).await;
        assert_eq!(status, 401, "anonymous {route}");
        for account in &accounts {
            let (status, body) = status_and_body(&account.client, app.url(route)).await;
            assert_eq!(status, 200, "{} {route}: {body}", account.name);
            for hidden in account.hidden {
                assert!(
                    !body.contains(hidden),
                    "{} {route} tells of {hidden}",
                    account.name
                );
            }
            checked += 1;
        }
    }
    // Open to all: the site's description and the API's.
    for route in ["/api/v1/site", "/api/v1/openapi.json"] {
        let (status, _) = status_and_body(&anonymous, app.url(route)).await;
        assert_eq!(status, 200, "{route}");
    }
    // Writes without a session.
    let push = anonymous
        .post(app.url("/api/v1/sync"))
        .json(&serde_json::json!({ "cursor": 0, "mutations": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(push.status(), 401);
    let out = anonymous
        .delete(app.url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.status(),
        204,
        "signing out without a session is harmless"
    );
    println!("{checked} answers checked");
}
