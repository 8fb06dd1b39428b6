//! The peer under the same load: pouchdb-server 4.2.0, each report a document sent
//! through `_bulk_docs`.

use crate::process::Server;
use crate::run::{finish, post_json, Cpu, Push, Pushes, Run};
use crate::workload::{Report, Workload, REPORTS_PER_CLIENT};
use std::sync::Arc;
use std::time::Instant;

/// One write to pouchdb-server, and its answer when it succeeded; `ok` reads whether the
/// answer says the document was written.
pub async fn write(
    client: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
    ok: impl Fn(&serde_json::Value) -> bool,
) -> (Push, Option<serde_json::Value>) {
    let (sent, took, answer) = post_json(client, url, body).await;
    let server_error = answer.as_ref().is_some_and(|(s, _)| s.is_server_error());
    let answer: Option<serde_json::Value> = answer
        .filter(|(status, _)| status.is_success())
        .and_then(|(_, body)| serde_json::from_slice(&body).ok());
    let push = Push {
        sent,
        took,
        ok: answer.as_ref().is_some_and(ok),
        server_error,
    };
    (push, answer)
}

async fn push_reports(client: reqwest::Client, url: String, reports: Arc<Vec<Report>>) -> Pushes {
    let mut out = Vec::with_capacity(reports.len());
    for report in reports.iter() {
        let (push, _) = write(&client, &url, report.pouch.clone(), |a| {
            a[0]["ok"].as_bool() == Some(true)
        })
        .await;
        out.push(push);
    }
    out
}

/// Drives `n` clients at once against pouchdb-server's database `db` (made first):
/// `pushes(i, client, url)` makes the `i`-th client's writes, timed together.
pub async fn drive<F, Fut>(server: &Server, db: &str, n: usize, pushes: F) -> Run
where
    F: Fn(usize, reqwest::Client, String) -> Fut,
    Fut: std::future::Future<Output = Pushes> + Send + 'static,
{
    let resp = reqwest::Client::new()
        .put(format!("{}/{db}", server.base))
        .send()
        .await
        .expect("create database");
    assert!(resp.status().is_success(), "create database");
    let cpu = Cpu::start(std::slice::from_ref(server));
    let mut tasks = tokio::task::JoinSet::new();
    let start = Instant::now();
    for i in 0..n {
        let url = format!("{}/{db}", server.base);
        tasks.spawn(pushes(i, reqwest::Client::new(), url));
    }
    let results = tasks.join_all().await;
    let wall = start.elapsed();
    let (server_cpu, client_cpu, machine_busy) = cpu.stop(std::slice::from_ref(server));
    let mut run = finish("pouchdb-server", results, wall, server.peak_mb(), 0, None);
    run.server_cpu = server_cpu / run.reports.max(1) as u32;
    run.client_cpu = client_cpu / run.reports.max(1) as u32;
    run.machine_busy = machine_busy;
    run
}

/// `n` wards' full reports, each a document through `_bulk_docs`.
pub async fn load_pouch(server: &Server, w: &Workload, n: usize) -> Run {
    let run = drive(server, "bench", n, |i, client, url| {
        push_reports(
            client,
            format!("{url}/_bulk_docs"),
            w.wards[i].reports.clone(),
        )
    })
    .await;
    let info: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/bench", server.base))
        .send()
        .await
        .expect("database info")
        .json()
        .await
        .expect("database info");
    assert_eq!(
        info["doc_count"].as_u64(),
        Some((n * REPORTS_PER_CLIENT) as u64),
        "pouchdb-server holds every report"
    );
    run
}
