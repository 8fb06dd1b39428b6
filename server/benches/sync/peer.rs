//! The peer under the same load: pouchdb-server 4.2.0, each report a document sent
//! through `_bulk_docs`.

use crate::process::Server;
use crate::run::{finish, Cpu, Pushes, Run};
use crate::workload::{Report, Workload, REPORTS_PER_CLIENT};
use std::sync::Arc;
use std::time::Instant;

pub async fn push_pouch(
    client: reqwest::Client,
    base: String,
    reports: Arc<Vec<Report>>,
) -> Pushes {
    let mut out = Vec::new();
    for report in reports.iter() {
        let body = report.pouch.clone();
        let start = Instant::now();
        let resp = client
            .post(format!("{base}/bench/_bulk_docs"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await;
        let (ok, server_error) = match resp {
            Ok(r) => {
                let status = r.status();
                let answer: serde_json::Value = r.json().await.unwrap_or_default();
                let ok = status.is_success() && answer[0]["ok"].as_bool() == Some(true);
                (ok, status.is_server_error())
            }
            Err(_) => (false, false),
        };
        out.push((start.elapsed(), ok, server_error));
    }
    out
}

pub async fn load_pouch(server: &Server, w: &Workload, n: usize) -> Run {
    let client = reqwest::Client::new();
    let resp = client
        .put(format!("{}/bench", server.base))
        .send()
        .await
        .expect("create database");
    assert!(resp.status().is_success(), "create database");
    let cpu = Cpu::start(std::slice::from_ref(server));
    let mut pushes = tokio::task::JoinSet::new();
    let start = Instant::now();
    for ward in &w.wards[..n] {
        pushes.spawn(push_pouch(
            reqwest::Client::new(),
            server.base.clone(),
            ward.reports.clone(),
        ));
    }
    let results = pushes.join_all().await;
    let wall = start.elapsed();
    let (server_cpu, client_cpu, machine_busy) = cpu.stop(std::slice::from_ref(server));
    let info: serde_json::Value = client
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
    let mut run = finish("pouchdb-server", results, wall, server.peak_mb(), 0);
    run.server_cpu = server_cpu / run.reports.max(1) as u32;
    run.client_cpu = client_cpu / run.reports.max(1) as u32;
    run.machine_busy = machine_busy;
    run
}
