//! baocao under the load: wards signed in, their reports pushed as the browser pushes
//! them, and the store checked to hold exactly what was pushed.

use crate::process::Server;
use crate::run::{finish, post_json, Cpu, Profile, Push, Pushes, Run};
use crate::session::sign_in;
use crate::workload::{user, ward, Report, Workload, ADMIN, CITY, PASSWORD, REPORTS_PER_CLIENT};
use serde::Deserialize;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Deserialize)]
pub struct SyncAnswer {
    pub results: Vec<Answer>,
    pub cursor: i64,
}

#[derive(Deserialize)]
pub struct Answer {
    pub outcome: String,
}

/// One push to `url`; `cursor` moves on to the answer's (the device sends the cursor of its
/// last answer).
pub async fn push(client: &reqwest::Client, url: &str, body: Vec<u8>, cursor: &mut i64) -> Push {
    let (sent, took, answer) = post_json(client, url, body).await;
    let (ok, server_error) = match answer {
        Some((status, body)) => match serde_json::from_slice::<SyncAnswer>(&body) {
            Ok(answer) if status.is_success() => {
                *cursor = answer.cursor;
                (answer.results.iter().all(|a| a.outcome == "applied"), false)
            }
            _ => (false, status.is_server_error()),
        },
        None => (false, false),
    };
    Push {
        sent,
        took,
        ok,
        server_error,
    }
}

async fn push_reports(client: reqwest::Client, base: String, reports: Arc<Vec<Report>>) -> Pushes {
    let url = format!("{base}/api/v1/sync");
    let mut cursor = 0;
    let mut out = Vec::with_capacity(reports.len());
    for report in reports.iter() {
        out.push(push(&client, &url, report.push_body(cursor), &mut cursor).await);
    }
    out
}

/// How long after the pushes begin the city's administrator changes the catalog.
const CHANGE_AFTER: Duration = Duration::from_millis(100);

/// The city's administrator renames the first ward through the units import,
/// `CHANGE_AFTER` the load began: every server process loads the changed catalog again while
/// the wards push. Applied at once, without the page's preview first: a preview waits its
/// turn behind the load and could let a short run end before the change. Returns when the
/// request was sent.
async fn change_catalog(admin: reqwest::Client, base: String, start: Instant) -> Instant {
    tokio::time::sleep_until((start + CHANGE_AFTER).into()).await;
    let text = format!(
        "code,parent_code,kind,name\n{},{CITY},phuong,Phường 1 (đổi tên)\n",
        ward(1)
    );
    let sent = Instant::now();
    let resp = admin
        .post(format!(
            "{base}/api/v1/admin/imports/org_units?preview=false"
        ))
        .json(&serde_json::json!({ "file_name": "wards.csv", "text": text }))
        .send()
        .await
        .expect("import");
    let status = resp.status();
    assert!(
        status.is_success(),
        "import: {status} {}",
        resp.text().await.unwrap_or_default()
    );
    sent
}

/// Drives `n` wards at once against baocao servers (clients spread over them): each signs
/// in, then `pushes(i, client, base)` makes the `i`-th ward's pushes, timed together; the
/// catalog changes under the load (`change_catalog`).
pub async fn drive<F, Fut>(label: &str, servers: &[Server], n: usize, pushes: F) -> Run
where
    F: Fn(usize, reqwest::Client, String) -> Fut,
    Fut: std::future::Future<Output = Pushes> + Send + 'static,
{
    let started = Instant::now();
    let mut logins = tokio::task::JoinSet::new();
    for i in 0..n {
        let base = servers[i % servers.len()].base.clone();
        logins.spawn(async move {
            let client = sign_in(&base, &user(i + 1), PASSWORD).await;
            (i, base, client)
        });
    }
    let mut clients = logins.join_all().await;
    clients.sort_by_key(|(i, _, _)| *i);
    let admin_base = servers[0].base.clone();
    let admin = sign_in(&admin_base, ADMIN, PASSWORD).await;
    let login = started.elapsed();
    let login_peak_mb: f64 = servers.iter().map(Server::peak_mb).sum();
    let profile = Profile::start(servers);
    let cpu = Cpu::start(servers);
    let mut tasks = tokio::task::JoinSet::new();
    let start = Instant::now();
    for (i, base, client) in clients {
        tasks.spawn(pushes(i, client, base));
    }
    let change = tokio::spawn(change_catalog(admin, admin_base, start));
    let results = tasks.join_all().await;
    let wall = start.elapsed();
    let changed = change.await.expect("catalog change");
    let (server_cpu, client_cpu, machine_busy) = cpu.stop(servers);
    profile.stop(servers);
    let peak_mb = servers.iter().map(Server::peak_mb).sum();
    let warnings = servers.iter().map(Server::warnings).sum();
    let mut run = finish(label, results, wall, peak_mb, warnings, Some(changed));
    run.login = Some(login);
    run.login_peak_mb = Some(login_peak_mb);
    run.server_cpu = server_cpu / run.reports.max(1) as u32;
    run.client_cpu = client_cpu / run.reports.max(1) as u32;
    run.machine_busy = machine_busy;
    run
}

/// `n` wards pushing their full reports.
pub async fn load_baocao(label: &str, servers: &[Server], w: &Workload, n: usize) -> Run {
    drive(label, servers, n, |i, client, base| {
        push_reports(client, base, w.wards[i].reports.clone())
    })
    .await
}

/// The number `sql` (a `SELECT COUNT(*)`) counts in the store.
pub async fn count(db: &server::db::Db, sql: &str) -> usize {
    let n: i64 = sqlx::query_scalar(sql).fetch_one(db).await.expect("count");
    usize::try_from(n).expect("a count")
}

/// Checks that the store holds exactly what was pushed: every report submitted with every
/// value, every mutation recorded once.
pub async fn verify(url: &str, w: &Workload, n: usize) {
    let db = server::store::open(url).await.expect("database");
    let reports = n * REPORTS_PER_CLIENT;
    let per_report = w.wards[0].reports[0].mutations.len();
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM reports WHERE status = 'da_nop'").await,
        reports
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM slot_versions WHERE is_current = 1"
        )
        .await,
        reports * (per_report - 1)
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mutations WHERE outcome = 'applied'"
        )
        .await,
        reports * per_report
    );
    db.close().await;
}
