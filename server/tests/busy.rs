//! A busy morning: an administrator previews and imports large users files while fifty
//! devices push and twenty people sign in. The database is busy, never broken: nothing
//! answers 5xx, every push is applied. The pushes' latency is printed, not asserted (see
//! `scripts/bench.sh` for figures).

mod common;

use app::domain::value::Value;
use app::sync::{Change, Mutation, Outcome, SyncRequest, SyncResponse};
use chrono::{Datelike, Utc};
use common::sync::{key, new_id};
use common::{Backend, TestApp};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

on_both!(imports_pushes_and_sign_ins_share_the_database);

const DEVICES: usize = 50;
const PUSHES: usize = 10;
const SIGN_INS: usize = 20;
/// Between a device's pushes.
const TYPING: Duration = Duration::from_millis(100);

const USERS_HEADER: &str = "username,display_name,role,unit_code,scope_code,password\n";

/// The first `n` communes of the city's 2025 tree.
fn communes(n: usize) -> Vec<String> {
    std::fs::read_to_string("demo/org-units-hcm-2025.csv")
        .expect("demo tree")
        .lines()
        .filter_map(|line| {
            let mut cols = line.split(',');
            let code = cols.next()?;
            let kind = cols.nth(1)?;
            matches!(kind, "phuong" | "xa" | "dac_khu").then(|| code.to_string())
        })
        .take(n)
        .collect()
}

/// A users file of `n` ward staff named `{prefix}.{i}`, spread over `units`.
fn staff_file(prefix: &str, n: usize, units: &[String]) -> String {
    let mut file = USERS_HEADER.to_string();
    for i in 0..n {
        let unit = &units[i % units.len()];
        file.push_str(&format!(
            "{prefix}.{i},Cán bộ {i},nhap_lieu,{unit},,mat-khau-{prefix}-{i}\n"
        ));
    }
    file
}

#[derive(Default)]
struct Tally {
    server_errors: Vec<String>,
    push_times: Vec<Duration>,
    applied: usize,
}

/// One device typing into its commune's narrative, a push every `TYPING` for as long as the
/// imports run and at least `PUSHES` times, each naming the last as its base.
async fn type_narrative(base: String, i: usize, unit: String, done: Arc<AtomicBool>) -> Tally {
    let user = format!("ban.{i}");
    let client = TestApp::new_client();
    let resp = client
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({ "username": user, "password": format!("mat-khau-ban-{i}") }))
        .send()
        .await
        .expect("sign-in");
    assert_eq!(resp.status(), 200, "sign-in of {user}");
    // The demo rolls the city's plan forward to this year.
    let year = Utc::now().year();
    let report = key(&format!("95-KH-UBND-{year}"), &format!("{year}-N"), &unit);
    let device_id = new_id();
    let mut tally = Tally::default();
    let mut last: Option<String> = None;
    let mut n = 0;
    while n < PUSHES || !done.load(Ordering::Acquire) {
        n += 1;
        tokio::time::sleep(TYPING).await;
        let id = new_id();
        let mutation = Mutation {
            id: id.clone(),
            report: report.clone(),
            user: user.clone(),
            device_id: device_id.clone(),
            device_time: Utc::now(),
            change: Change::SetField {
                field: "cchc_text".into(),
                value: Some(Value::Text(format!("Đoạn {n} của {user}."))),
                base: last.iter().cloned().collect(),
            },
        };
        let started = Instant::now();
        let resp = client
            .post(format!("{base}/api/v1/sync"))
            .json(&SyncRequest {
                cursor: 0,
                mutations: vec![mutation],
                follow: vec![report.clone()],
            })
            .send()
            .await
            .expect("push");
        tally.push_times.push(started.elapsed());
        let status = resp.status();
        if status.is_server_error() {
            tally
                .server_errors
                .push(format!("push of {user}: {status}"));
            continue;
        }
        assert_eq!(status, 200, "push of {user}");
        let body: SyncResponse = resp.json().await.expect("sync body");
        assert_eq!(
            body.results[0].outcome,
            Outcome::Applied,
            "{user}: {body:?}"
        );
        tally.applied += 1;
        last = Some(id);
    }
    tally
}

async fn sign_in(base: String, user: &'static str, after: Duration) -> Option<String> {
    tokio::time::sleep(after).await;
    let resp = TestApp::new_client()
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({ "username": user, "password": "baocao-demo" }))
        .send()
        .await
        .expect("sign-in");
    let status = resp.status();
    assert!(
        status == 200 || status.is_server_error(),
        "sign-in of {user}: {status}"
    );
    status
        .is_server_error()
        .then(|| format!("sign-in of {user}: {status}"))
}

async fn import(
    app: &TestApp,
    admin: &reqwest::Client,
    preview: bool,
    text: String,
) -> Option<String> {
    let resp = admin
        .post(app.url(&format!("/api/v1/admin/imports/users?preview={preview}")))
        .json(&serde_json::json!({ "file_name": "users.csv", "text": text }))
        .send()
        .await
        .expect("import");
    let status = resp.status();
    if status.is_server_error() {
        return Some(format!("import (preview {preview}): {status}"));
    }
    let body: serde_json::Value = resp.json().await.expect("import body");
    assert_eq!(status, 200, "import (preview {preview}): {body}");
    assert_eq!(body["problems"], serde_json::json!([]), "{body}");
    None
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

async fn imports_pushes_and_sign_ins_share_the_database(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let units = communes(DEVICES);
    assert_eq!(units.len(), DEVICES);
    // One staff account per commune, as ward staff are, through the command line.
    server::import::users(&app.db, "staff.csv", &staff_file("ban", DEVICES, &units))
        .await
        .expect("staff");
    let admin = app.client_of("admin").await;

    let done = Arc::new(AtomicBool::new(false));
    let devices: Vec<_> = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let typing = type_narrative(app.base.clone(), i, unit.clone(), done.clone());
            tokio::spawn(typing)
        })
        .collect();
    let sign_ins: Vec<_> = ["govap.p01", "govap.p07", "govap.pnv", "hcm.snv"]
        .into_iter()
        .cycle()
        .take(SIGN_INS)
        .enumerate()
        .map(|(i, user)| {
            let after = Duration::from_millis(150) * i as u32;
            tokio::spawn(sign_in(app.base.clone(), user, after))
        })
        .collect();
    let mut errors = Vec::new();
    errors.extend(import(&app, &admin, true, staff_file("tai", 1_200, &units)).await);
    errors.extend(import(&app, &admin, false, staff_file("moi", 200, &units)).await);
    done.store(true, Ordering::Release);

    let mut times = Vec::new();
    let mut applied = 0;
    let mut pushed = 0;
    for device in devices {
        let tally = device.await.expect("device");
        errors.extend(tally.server_errors);
        pushed += tally.push_times.len();
        times.extend(tally.push_times);
        applied += tally.applied;
    }
    for s in sign_ins {
        errors.extend(s.await.expect("sign-in"));
    }
    times.sort_unstable();
    println!(
        "busy ({backend:?}): {} pushes, p50 {:?}, p99 {:?}, slowest {:?}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().copied().unwrap_or_default(),
    );
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(pushed >= DEVICES * PUSHES);
    assert_eq!(applied, pushed, "every push applied");
}
