//! baocao under the load: wards signed in, their reports pushed as the browser pushes
//! them, and the store checked to hold exactly what was pushed.

use crate::process::Server;
use crate::run::{finish, post_json, Cpu, Profile, Pushes, Run};
use crate::session::sign_in;
use crate::workload::{user, Report, Workload, PASSWORD, REPORTS_PER_CLIENT};
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

/// One push to `url`: its latency, whether every mutation applied, whether the answer was a
/// 5xx; `cursor` moves on to the answer's (the device sends the cursor of its last answer).
pub async fn push(
    client: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
    cursor: &mut i64,
) -> (Duration, bool, bool) {
    let (took, answer) = post_json(client, url, body).await;
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
    (took, ok, server_error)
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

/// Drives `n` wards at once against baocao servers (clients spread over them): each signs
/// in, then `pushes(i, client, base)` makes the `i`-th ward's pushes, timed together.
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
    let login = started.elapsed();
    let login_peak_mb: f64 = servers.iter().map(Server::peak_mb).sum();
    let profile = Profile::start(servers);
    let cpu = Cpu::start(servers);
    let mut tasks = tokio::task::JoinSet::new();
    let start = Instant::now();
    for (i, base, client) in clients {
        tasks.spawn(pushes(i, client, base));
    }
    let results = tasks.join_all().await;
    let wall = start.elapsed();
    let (server_cpu, client_cpu, machine_busy) = cpu.stop(servers);
    profile.stop(servers);
    let peak_mb = servers.iter().map(Server::peak_mb).sum();
    let warnings = servers.iter().map(Server::warnings).sum();
    let mut run = finish(label, results, wall, peak_mb, warnings);
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
