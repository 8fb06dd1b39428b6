//! baocao under the load: wards signed in, their reports pushed as the browser pushes
//! them, and the store checked to hold exactly what was pushed.

use crate::process::Server;
use crate::run::{finish, Cpu, Profile, Pushes, Run};
use crate::session::sign_in;
use crate::workload::{user, Report, Workload, PASSWORD, REPORTS_PER_CLIENT};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Instant;

#[derive(Deserialize)]
pub struct SyncAnswer {
    pub results: Vec<Answer>,
    pub cursor: i64,
}

#[derive(Deserialize)]
pub struct Answer {
    pub outcome: String,
}

pub async fn push_baocao(
    client: reqwest::Client,
    base: String,
    reports: Arc<Vec<Report>>,
) -> Pushes {
    let mut cursor = 0;
    let mut out = Vec::new();
    for report in reports.iter() {
        // The device sends the cursor of its last answer.
        let body = report.push_body(cursor);
        let start = Instant::now();
        let resp = client
            .post(format!("{base}/api/v1/sync"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await;
        let (ok, server_error) = match resp {
            Ok(r) => {
                let status = r.status();
                match r.json::<SyncAnswer>().await {
                    Ok(answer) if status.is_success() => {
                        cursor = answer.cursor;
                        (answer.results.iter().all(|a| a.outcome == "applied"), false)
                    }
                    _ => (false, status.is_server_error()),
                }
            }
            Err(_) => (false, false),
        };
        out.push((start.elapsed(), ok, server_error));
    }
    out
}

/// Drives `n` wards at once against baocao servers (clients spread over them).
pub async fn load_baocao(label: &str, servers: &[Server], w: &Workload, n: usize) -> Run {
    let started = Instant::now();
    let mut logins = tokio::task::JoinSet::new();
    for (i, ward) in w.wards[..n].iter().enumerate() {
        let base = servers[i % servers.len()].base.clone();
        let user = ward.user.clone();
        logins.spawn(async move { (i, base.clone(), sign_in(&base, &user, PASSWORD).await) });
    }
    let mut clients = logins.join_all().await;
    clients.sort_by_key(|(i, _, _)| *i);
    let login = started.elapsed();
    let login_peak_mb: f64 = servers.iter().map(Server::peak_mb).sum();
    let profile = Profile::start(servers);
    let cpu = Cpu::start(servers);
    let mut pushes = tokio::task::JoinSet::new();
    let start = Instant::now();
    for ((i, base, client), ward) in clients.into_iter().zip(&w.wards) {
        debug_assert_eq!(ward.user, user(i + 1));
        pushes.spawn(push_baocao(client, base, ward.reports.clone()));
    }
    let results = pushes.join_all().await;
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

/// Checks that the store holds exactly what was pushed: every report submitted with every
/// value, every mutation recorded once.
pub async fn verify(url: &str, w: &Workload, n: usize) {
    let db = server::store::open(url).await.expect("database");
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .expect("count")
        }
    };
    let reports = n * REPORTS_PER_CLIENT;
    let per_report = w.wards[0].reports[0].mutations.len();
    assert_eq!(
        count("SELECT COUNT(*) FROM reports WHERE status = 'da_nop'").await as usize,
        reports
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM slot_versions WHERE is_current = 1").await as usize,
        reports * (per_report - 1)
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM mutations WHERE outcome = 'applied'").await as usize,
        reports * per_report
    );
    db.close().await;
}
