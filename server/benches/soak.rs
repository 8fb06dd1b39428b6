//! The soak: a season's mixed load on a fresh store for twenty minutes, against the release
//! server as a process of its own. On the demo's city (its 2026 plan for every commune):
//!
//! - 100 ward devices typing a narrative, a push every 2 s, each naming the last as its base;
//! - 20 ward devices pushing their whole report (every entered field) every 10 s;
//! - a sign-in every 3 s;
//! - 4 reviewers reading the city's progress and consolidation every 5 s;
//! - an administrator importing a file every minute, in turn a users file (accounts reset)
//!   and a units file (a commune renamed: the catalog changes under the load).
//!
//! It prints the requests answered 5xx (target 0), the pushes that failed or whose value is
//! not the one stored at the end (lost; 0), the pushes' p50/p99, the slowest push sent in the
//! first second after a catalog change, and the server's memory after the warm-up and at the
//! end (growth under 10%).
//!
//!     scripts/bench.sh soak [sqlite|postgres] [--minutes 20]

#[path = "../tests/common/postgres.rs"]
mod postgres;
#[path = "support/process.rs"]
mod process;
#[path = "support/session.rs"]
mod session;

use app::api::{report_api_path, ReportView};
use app::domain::template::FieldKind;
use app::domain::value::Value;
use app::sync::{Change, Mutation, Outcome, ReportKey, SyncRequest, SyncResponse};
use chrono::{Datelike, Utc};
use process::Server;
use session::try_sign_in;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TYPISTS: usize = 100;
const FULL: usize = 20;
const REVIEWERS: usize = 4;
const TYPING_EVERY: Duration = Duration::from_secs(2);
const FULL_EVERY: Duration = Duration::from_secs(10);
const SIGN_IN_EVERY: Duration = Duration::from_secs(3);
const READ_EVERY: Duration = Duration::from_secs(5);
const IMPORT_EVERY: Duration = Duration::from_secs(60);
const PASSWORD: &str = "soak-password";
/// The demo's accounts' password.
const DEMO_PASSWORD: &str = "baocao-demo";

/// What every task of the load records.
#[derive(Default)]
struct Record {
    /// Requests answered 5xx, by what they were.
    server_errors: BTreeMap<&'static str, usize>,
    requests: usize,
    /// Pushes answered other than 200 with every mutation applied.
    failed_pushes: usize,
    /// Each push: when it was sent (since the start) and how long its answer took.
    pushes: Vec<(Duration, Duration)>,
    /// When the catalog changed (since the start).
    catalog_changes: Vec<Duration>,
}

#[derive(Clone)]
struct Load {
    base: String,
    started: Instant,
    until: Instant,
    record: Arc<Mutex<Record>>,
    next_id: Arc<AtomicU64>,
}

impl Load {
    fn running(&self) -> bool {
        Instant::now() < self.until
    }

    fn id(&self) -> String {
        format!("soak-{}", self.next_id.fetch_add(1, Ordering::Relaxed))
    }

    fn note(&self, what: &'static str, status: reqwest::StatusCode) {
        let mut record = self.record.lock().expect("record");
        record.requests += 1;
        if status.is_server_error() {
            *record.server_errors.entry(what).or_default() += 1;
        }
    }

    async fn sign_in(&self, user: &str, password: &str) -> reqwest::Client {
        loop {
            match try_sign_in(&self.base, user, password).await {
                Ok(client) => {
                    self.note("sign-in", reqwest::StatusCode::OK);
                    return client;
                }
                Err(status) => {
                    self.note("sign-in", status);
                    assert!(status.is_server_error(), "sign-in of {user}: {status}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Pushes `mutations`; whether every one was applied.
    async fn push(
        &self,
        client: &reqwest::Client,
        cursor: &mut i64,
        mutations: Vec<Mutation>,
    ) -> bool {
        let follow = vec![mutations[0].report.clone()];
        let sent = self.started.elapsed();
        let start = Instant::now();
        let resp = client
            .post(format!("{}/api/v1/sync", self.base))
            .json(&SyncRequest {
                cursor: *cursor,
                mutations,
                follow,
            })
            .send()
            .await;
        let took = start.elapsed();
        let applied = match resp {
            Ok(resp) => {
                let status = resp.status();
                self.note("push", status);
                match resp.json::<SyncResponse>().await {
                    Ok(answer) if status.is_success() => {
                        *cursor = answer.cursor;
                        answer.results.iter().all(|r| r.outcome == Outcome::Applied)
                    }
                    _ => false,
                }
            }
            Err(_) => false,
        };
        let mut record = self.record.lock().expect("record");
        record.pushes.push((sent, took));
        if !applied {
            record.failed_pushes += 1;
        }
        applied
    }

    /// A report as the server holds it.
    async fn report(&self, client: &reqwest::Client, key: &ReportKey) -> ReportView {
        self.get(client, "report", &report_api_path(key))
            .await
            .json()
            .await
            .expect("report view")
    }

    async fn get(
        &self,
        client: &reqwest::Client,
        what: &'static str,
        path: &str,
    ) -> reqwest::Response {
        let resp = client
            .get(format!("{}/api/v1{path}", self.base))
            .send()
            .await
            .expect("request");
        self.note(what, resp.status());
        resp
    }
}

fn key(year: i32, unit: &str) -> ReportKey {
    ReportKey {
        plan_id: format!("95-KH-UBND-{year}"),
        period_code: format!("{year}-N"),
        unit_code: unit.to_string(),
    }
}

fn set(
    load: &Load,
    user: &str,
    device: &str,
    report: &ReportKey,
    field: &str,
    value: Value,
    base: Option<&String>,
) -> Mutation {
    Mutation {
        id: load.id(),
        report: report.clone(),
        user: user.to_string(),
        device_id: device.to_string(),
        device_time: Utc::now(),
        change: Change::SetField {
            field: field.to_string(),
            value: Some(value),
            base: base.into_iter().cloned().collect(),
        },
    }
}

/// A ward's device typing its narrative; the id it last had applied.
async fn type_narrative(load: Load, user: String, report: ReportKey) -> Option<String> {
    let client = load.sign_in(&user, PASSWORD).await;
    let device = load.id();
    let (mut cursor, mut last) = (0, None);
    let mut n = 0;
    while load.running() {
        n += 1;
        let text = format!("Đơn vị đã tổ chức {n} buổi tiếp công dân và đối thoại với Nhân dân.");
        let m = set(
            &load,
            &user,
            &device,
            &report,
            "cchc_text",
            Value::Text(text),
            last.as_ref(),
        );
        let id = m.id.clone();
        if load.push(&client, &mut cursor, vec![m]).await {
            last = Some(id);
        }
        tokio::time::sleep(TYPING_EVERY).await;
    }
    last
}

/// A ward's device sending its whole report again and again; the ids it last had applied.
async fn push_reports(load: Load, user: String, report: ReportKey) -> BTreeMap<String, String> {
    let client = load.sign_in(&user, PASSWORD).await;
    let view = load.report(&client, &report).await;
    let template = view.template.decode().expect("template");
    let fields: Vec<(String, FieldKind)> = template
        .fields()
        .filter(|f| !matches!(f.kind, FieldKind::Derived(_)))
        .map(|f| (f.code.clone(), f.kind.clone()))
        .collect();
    let device = load.id();
    let mut cursor = 0;
    let mut last: BTreeMap<String, String> = BTreeMap::new();
    let mut n: u64 = 0;
    while load.running() {
        n += 1;
        let mutations: Vec<Mutation> = fields
            .iter()
            .filter_map(|(code, kind)| {
                let value = match kind {
                    FieldKind::Text => Value::Text(format!("Lần gửi thứ {n} của {user}.")),
                    FieldKind::Count => Value::Count(n),
                    FieldKind::Percent | FieldKind::Derived(_) => return None,
                };
                Some(set(
                    &load,
                    &user,
                    &device,
                    &report,
                    code,
                    value,
                    last.get(code),
                ))
            })
            .collect();
        let ids: Vec<(String, String)> = mutations
            .iter()
            .filter_map(|m| match &m.change {
                Change::SetField { field, .. } => Some((field.clone(), m.id.clone())),
                _ => None,
            })
            .collect();
        if load.push(&client, &mut cursor, mutations).await {
            last.extend(ids);
        }
        tokio::time::sleep(FULL_EVERY).await;
    }
    last
}

async fn sign_ins(load: Load) {
    let users = [
        "govap.p01",
        "govap.p07",
        "govap.pnv",
        "hcm.snv",
        "phunhuan.p02",
    ];
    let mut n = 0;
    while load.running() {
        load.sign_in(users[n % users.len()], DEMO_PASSWORD).await;
        n += 1;
        tokio::time::sleep(SIGN_IN_EVERY).await;
    }
}

async fn review(load: Load, year: i32) {
    let client = load.sign_in("hcm.snv", DEMO_PASSWORD).await;
    let (plan, period) = (format!("95-KH-UBND-{year}"), format!("{year}-N"));
    while load.running() {
        load.get(&client, "progress", &format!("/progress/{plan}/{period}"))
            .await;
        load.get(
            &client,
            "consolidation",
            &format!("/consolidation/{plan}/{period}"),
        )
        .await;
        tokio::time::sleep(READ_EVERY).await;
    }
}

/// The city's administrator: a users file and a units file in turn, each previewed, then
/// applied, as the import page does.
async fn administer(load: Load, commune: (String, String)) {
    let client = load.sign_in("admin", DEMO_PASSWORD).await;
    let mut n = 0;
    while load.running() {
        tokio::time::sleep(IMPORT_EVERY).await;
        n += 1;
        let (kind, text) = if n % 2 == 1 {
            let mut users =
                "username,display_name,role,unit_code,scope_code,password\n".to_string();
            for i in 0..50 {
                let _ = writeln!(
                    users,
                    "soak.admin.{i},Cán bộ nhập lần {n},nhap_lieu,{},,mat-khau-{n}-{i}",
                    commune.0
                );
            }
            ("users", users)
        } else {
            let name = if n % 4 == 0 {
                commune.1.clone()
            } else {
                format!("{} (đổi tên)", commune.1)
            };
            (
                "org_units",
                format!(
                    "code,parent_code,kind,name\n{},HCM,phuong,{name}\n",
                    commune.0
                ),
            )
        };
        for preview in [true, false] {
            let resp = client
                .post(format!(
                    "{}/api/v1/admin/imports/{kind}?preview={preview}",
                    load.base
                ))
                .json(&serde_json::json!({ "file_name": format!("{kind}.csv"), "text": text }))
                .send()
                .await
                .expect("import");
            let status = resp.status();
            load.note("import", status);
            let body = resp.text().await.unwrap_or_default();
            assert!(
                status.is_success() || status.is_server_error(),
                "import {kind}: {status} {body}"
            );
            if !preview && kind == "org_units" && status.is_success() {
                let at = load.started.elapsed();
                load.record.lock().expect("record").catalog_changes.push(at);
            }
        }
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    millis(sorted[i])
}

async fn soak(label: &str, url: &str, minutes: f64, scratch: &std::path::Path) {
    let year = Utc::now().year();
    // The demo, and one account of the soak's own for each ward device.
    let communes: Vec<(String, String)> = std::fs::read_to_string("demo/org-units-hcm-2025.csv")
        .expect("demo tree")
        .lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            matches!(cols.get(2), Some(&("phuong" | "xa")))
                .then(|| (cols[0].to_string(), cols[3].to_string()))
        })
        .collect();
    let db = server::store::open(url).await.expect("database");
    server::demo::load_if_new(&db).await.expect("demo");
    let mut staff = "username,display_name,role,unit_code,scope_code,password\n".to_string();
    for (i, (code, _)) in communes.iter().take(TYPISTS + FULL).enumerate() {
        let _ = writeln!(staff, "soak.{i},Cán bộ {i},nhap_lieu,{code},,{PASSWORD}");
    }
    server::import::users(&db, "staff.csv", &staff)
        .await
        .expect("staff");
    db.close().await;

    let server = Server::baocao(url, scratch);
    server.ready("/readyz").await;
    let started = Instant::now();
    let length = Duration::from_secs_f64(minutes * 60.0);
    let warm_up = length / 10;
    let load = Load {
        base: server.base.clone(),
        started,
        until: started + length,
        record: Arc::default(),
        next_id: Arc::default(),
    };
    let cpu_before = server.cpu();
    let mut typists = Vec::new();
    for (i, (code, _)) in communes.iter().take(TYPISTS).enumerate() {
        typists.push((
            key(year, code),
            tokio::spawn(type_narrative(
                load.clone(),
                format!("soak.{i}"),
                key(year, code),
            )),
        ));
        // The devices start over a typing interval, as a morning's do.
        tokio::time::sleep(TYPING_EVERY / TYPISTS as u32).await;
    }
    let mut full = Vec::new();
    for (i, (code, _)) in communes.iter().enumerate().skip(TYPISTS).take(FULL) {
        full.push((
            key(year, code),
            tokio::spawn(push_reports(
                load.clone(),
                format!("soak.{i}"),
                key(year, code),
            )),
        ));
    }
    let mut others = vec![
        tokio::spawn(sign_ins(load.clone())),
        tokio::spawn(administer(load.clone(), communes[TYPISTS + FULL].clone())),
    ];
    for _ in 0..REVIEWERS {
        others.push(tokio::spawn(review(load.clone(), year)));
    }
    tokio::time::sleep(warm_up.saturating_sub(started.elapsed())).await;
    let warm_mb = server.rss_mb();

    // Every value a device last had applied is the one stored.
    let mut last_ids: Vec<(ReportKey, BTreeMap<String, String>)> = Vec::new();
    for (report, task) in typists {
        let last = task.await.expect("typist");
        last_ids.push((
            report,
            last.map(|id| ("cchc_text".to_string(), id))
                .into_iter()
                .collect(),
        ));
    }
    for (report, task) in full {
        last_ids.push((report, task.await.expect("full reports")));
    }
    for task in others {
        task.await.expect("load");
    }
    let end_mb = server.rss_mb();
    let cpu = server.cpu().saturating_sub(cpu_before);
    let reader = load.sign_in("admin", DEMO_PASSWORD).await;
    let mut lost = 0;
    for (report, ids) in &last_ids {
        let view = load.report(&reader, report).await;
        for (field, id) in ids {
            let stored = view
                .state
                .slots
                .get(field)
                .and_then(|s| s.current.as_ref())
                .map(|v| &v.id);
            if stored != Some(id) {
                lost += 1;
            }
        }
    }
    let record = load.record.lock().expect("record");
    let mut times: Vec<Duration> = record.pushes.iter().map(|(_, took)| *took).collect();
    times.sort_unstable();
    let after_change: Vec<Duration> = record
        .pushes
        .iter()
        .filter(|(sent, _)| {
            record
                .catalog_changes
                .iter()
                .any(|c| *sent >= *c && *sent < *c + Duration::from_secs(1))
        })
        .map(|(_, took)| *took)
        .collect();
    let server_errors: usize = record.server_errors.values().sum();
    println!("{label}, {minutes} min");
    println!("  requests            {}", record.requests);
    println!(
        "  5xx                 {server_errors} {:?}",
        record.server_errors
    );
    println!(
        "  pushes              {} ({:.1}/s), failed {}, lost {lost}",
        times.len(),
        times.len() as f64 / length.as_secs_f64(),
        record.failed_pushes
    );
    println!(
        "  push p50 / p99 / max {:.1} / {:.1} / {:.1} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().map_or(0.0, |d| millis(*d))
    );
    println!(
        "  catalog changes     {}; pushes sent within 1 s after one: {}, slowest {:.1} ms",
        record.catalog_changes.len(),
        after_change.len(),
        after_change.iter().max().map_or(0.0, |d| millis(*d))
    );
    println!(
        "  server CPU          {:.1} s, {:.2} ms per push",
        cpu.as_secs_f64(),
        millis(cpu) / times.len().max(1) as f64
    );
    println!(
        "  memory              {warm_mb:.1} MB after warm-up ({:.0} s), {end_mb:.1} MB at the end, growth {:+.1}%; peak {:.1} MB",
        warm_up.as_secs_f64(),
        (end_mb / warm_mb - 1.0) * 100.0,
        server.peak_mb()
    );
    println!("  server log warnings {}", server.warnings());
    server.stop();
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let minutes: f64 = args
        .iter()
        .position(|a| a == "--minutes")
        .and_then(|i| args.get(i + 1))
        .and_then(|m| m.parse().ok())
        .unwrap_or(20.0);
    let wants = |name: &str| {
        !args.iter().any(|a| a == "sqlite" || a == "postgres") || args.iter().any(|a| a == name)
    };
    let scratch = tempfile::Builder::new()
        .prefix("baocao-soak-")
        .tempdir()
        .expect("scratch");
    if wants("sqlite") {
        let url = format!("sqlite://{}", scratch.path().join("soak.db").display());
        soak(
            "SQLite (WAL, synchronous=FULL)",
            &url,
            minutes,
            scratch.path(),
        )
        .await;
    }
    if wants("postgres") {
        let cluster = postgres::Cluster::start(postgres::Durability::Durable).await;
        let url = cluster.fresh_database().await;
        soak(
            "PostgreSQL (fsync on, synchronous_commit=on)",
            &url,
            minutes,
            scratch.path(),
        )
        .await;
    }
}
