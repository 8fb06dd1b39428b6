//! The sync write benchmark: what a ward sends in the last days before a deadline. Each
//! client is a ward with its own account; it signs in, then pushes its full reports one
//! after the other (49 fields of the shared template and a submit, in one
//! `POST /api/v1/sync`, with the cursor of its last answer, as the browser does). The same
//! reports go to pouchdb-server 4.2.0, the reference CouchDB-protocol server, as documents
//! through `_bulk_docs`, alternately with baocao (A B A B), each run on a fresh store.
//!
//! Printed for 10, 100 and 500 clients: reports/s, mutations/s, p50/p95/p99 latency of a
//! push, the server's peak resident memory (logins included), the ratio to pouchdb-server
//! and to the bare-SQL loop (the same rows written by a plain loop in this process, one
//! transaction per report, no HTTP, no checks), on SQLite and on PostgreSQL (a throwaway
//! durable cluster; there also with two server processes on one database).
//!
//!     scripts/bench.sh sync                      # both databases, 10, 100 and 500 clients
//!     scripts/bench.sh sync sqlite --clients 100
//!
//! `POUCHDB_SERVER` names the pouchdb-server executable (`scripts/bench.sh` installs it).

#[path = "../tests/common/postgres.rs"]
mod postgres;
#[path = "support/process.rs"]
mod process;

use app::domain::rules::{blocks_submission, check, Values};
use app::domain::template::{FieldKind, Template};
use app::domain::value::{Percent, Value};
use app::sync::{Change, Mutation, ReportKey};
use chrono::{Datelike, Utc};
use process::{cpu_of, free_port, machine_ticks, Server};
use serde::Deserialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const REPORTS_PER_CLIENT: usize = 10;
const PASSWORD: &str = "bench-password";
const CITY: &str = "BENCH";
const TEMPLATE: &str = include_str!("../demo/template-dan-van-chinh-quyen.toml");
/// Reports written by the bare-SQL loop.
const BARE_REPORTS: usize = 1000;

fn ward(i: usize) -> String {
    format!("{CITY}.P{i:03}")
}

fn user(i: usize) -> String {
    format!("ward{i:03}")
}

/// A small deterministic generator, so that every run sends the same data.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const NARRATIVE: &str = "Đơn vị đã triển khai đầy đủ các nhiệm vụ theo kế hoạch, tổ chức tiếp công dân định kỳ và đột xuất, đối thoại với Nhân dân, giải quyết kịp thời các kiến nghị, phản ánh; công khai, minh bạch các thủ tục hành chính; phát huy vai trò giám sát của Mặt trận Tổ quốc và các đoàn thể.";

/// One report as each server receives it.
struct Report {
    key: ReportKey,
    mutations: Vec<Mutation>,
    /// The push's mutations as JSON: the body is `{"cursor":N,"mutations":…}`.
    baocao: Vec<u8>,
    pouch: Vec<u8>,
}

impl Report {
    fn push_body(&self, cursor: i64) -> Vec<u8> {
        let mut body = format!("{{\"cursor\":{cursor},\"mutations\":").into_bytes();
        body.extend_from_slice(&self.baocao);
        body.push(b'}');
        body
    }
}

struct Ward {
    user: String,
    reports: Arc<Vec<Report>>,
}

/// The wards and their reports: the first `n` of them make the load of `n` clients.
struct Workload {
    plan: String,
    plan_id: String,
    wards: Vec<Ward>,
}

/// Values for every field that is entered, which the template's rules accept.
fn values(template: &Template, rng: &mut Rng) -> Values {
    let mut values: Values = template
        .fields()
        .filter_map(|f| {
            let v = match f.kind {
                FieldKind::Text => Value::Text(format!("{NARRATIVE} ({})", f.label)),
                FieldKind::Count => Value::Count(rng.below(400)),
                FieldKind::Percent => Value::Percent(
                    Percent::from_hundredths(8_000 + rng.below(2_000) as u32).expect("percent"),
                ),
                FieldKind::Derived(_) => return None,
            };
            Some((f.code.clone(), v))
        })
        .collect();
    // Every rule is "parts <= total": raise the total of a broken one until all hold.
    for _ in 0..100 {
        let findings = check(template, &values);
        if !blocks_submission(&findings) {
            return values;
        }
        for f in findings.iter().filter(|f| f.fields.len() > 1) {
            if let Some(total) = f.fields.last() {
                if let Some(Value::Count(n)) = values.get(total).cloned() {
                    values.insert(total.clone(), Value::Count(n * 2 + 500));
                }
            }
        }
    }
    panic!("cannot make values that the template's rules accept");
}

fn workload(clients: usize) -> Workload {
    let template = Template::from_toml(TEMPLATE).expect("template");
    let year = Utc::now().year() + 1;
    let mut plan = format!(
        r#"number = "1/KH-UBND"
issuer = "{CITY}"
issued_on = "{year}-01-05"
place = "Thành phố"
year = {year}
kind = "KH"
title = "Thực hiện công tác dân vận chính quyền"
template = "dan-van-chinh-quyen"
reports_to = "{CITY}"
signer = {{ capacity = "TM. ỦY BAN NHÂN DÂN", title = "CHỦ TỊCH", name = "Người Ký" }}
bases = []
"#
    );
    for p in 1..=REPORTS_PER_CLIENT {
        let _ = write!(
            plan,
            "\n[[periods]]\ncode = \"K{p:02}\"\nlabel = \"Kỳ {p}\"\nkind = \"quy\"\ndue_before = \"{year}-12-{:02}\"\n",
            p + 10
        );
    }
    let assignees: Vec<String> = (1..=clients).map(|i| format!("\"{}\"", ward(i))).collect();
    let _ = write!(
        plan,
        "\n[[sections]]\ntitle = \"I. Nhiệm vụ\"\nassignees = [{}]\ntasks = [\"Nhiệm vụ một\"]\n",
        assignees.join(", ")
    );
    let plan_id = format!("1-KH-UBND-{year}");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let wards = (1..=clients)
        .map(|i| {
            let reports: Vec<Report> = (1..=REPORTS_PER_CLIENT)
                .map(|p| {
                    let key = ReportKey {
                        plan_id: plan_id.clone(),
                        period_code: format!("K{p:02}"),
                        unit_code: ward(i),
                    };
                    report(key, &user(i), &values(&template, &mut rng))
                })
                .collect();
            Ward {
                user: user(i),
                reports: Arc::new(reports),
            }
        })
        .collect();
    Workload {
        plan,
        plan_id,
        wards,
    }
}

fn report(key: ReportKey, user: &str, values: &Values) -> Report {
    let device = format!("device-{user}");
    let mutation = |n: usize, change: Change| Mutation {
        id: format!("{user}-{}-{n:02}", key.period_code),
        report: key.clone(),
        user: user.to_string(),
        device_id: device.clone(),
        device_time: Utc::now(),
        change,
    };
    let mut mutations: Vec<Mutation> = values
        .iter()
        .enumerate()
        .map(|(n, (field, value))| {
            let change = Change::SetField {
                field: field.clone(),
                value: Some(value.clone()),
                base: Vec::new(),
            };
            mutation(n, change)
        })
        .collect();
    mutations.push(mutation(mutations.len(), Change::Submit));
    let baocao = serde_json::to_vec(&mutations).expect("json");
    let doc = serde_json::json!({
        "_id": key.id(),
        "plan_id": key.plan_id,
        "period_code": key.period_code,
        "unit_code": key.unit_code,
        "user": user,
        "device_id": device,
        "status": "da_nop",
        "device_submitted_at": Utc::now(),
        "values": values,
    });
    let pouch = serde_json::to_vec(&serde_json::json!({ "docs": [doc] })).expect("json");
    Report {
        key,
        mutations,
        baocao,
        pouch,
    }
}

/// A fresh store with the wards, the template, the plan and one account per ward.
async fn prepare(url: &str, w: &Workload, hash: &str) -> server::db::Db {
    let db = server::store::open(url).await.expect("database");
    let mut csv = format!("code,parent_code,kind,name\n{CITY},,tinh,Thành phố\n");
    for i in 1..=w.wards.len() {
        let _ = writeln!(csv, "{},{CITY},phuong,Phường {i}", ward(i));
    }
    server::import::org_units(&db, "wards.csv", &csv)
        .await
        .expect("wards");
    server::import::template(&db, "template.toml", TEMPLATE)
        .await
        .expect("template");
    server::import::plan(&db, "plan.toml", &w.plan)
        .await
        .expect("plan");
    let mut tx = db.begin().await.expect("transaction");
    for i in 1..=w.wards.len() {
        sqlx::query(
            "INSERT INTO users (username, display_name, password_hash, role, unit_code, scope_code)
             VALUES ($1, $2, $3, 'nhap_lieu', $4, $4)",
        )
        .bind(user(i))
        .bind(format!("Cán bộ phường {i}"))
        .bind(hash)
        .bind(ward(i))
        .execute(&mut *tx)
        .await
        .expect("user");
    }
    tx.commit().await.expect("commit");
    db
}

/// What one run measured.
struct Run {
    label: String,
    reports: usize,
    wall: Duration,
    latencies: Vec<Duration>,
    peak_mb: f64,
    /// The peak after the logins, before the pushes.
    login_peak_mb: Option<f64>,
    login: Option<Duration>,
    /// CPU time per report: the server's, and this process's (the clients').
    server_cpu: Duration,
    client_cpu: Duration,
    /// How busy the machine's processors were during the load, in percent.
    machine_busy: f64,
    failed: usize,
    server_errors: usize,
    warnings: usize,
}

impl Run {
    fn rate(&self) -> f64 {
        self.reports as f64 / self.wall.as_secs_f64()
    }

    fn percentile(&self, p: usize) -> f64 {
        let i = (self.latencies.len() * p / 100).min(self.latencies.len().saturating_sub(1));
        self.latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
    }
}

#[derive(Deserialize)]
struct SyncAnswer {
    results: Vec<Answer>,
    cursor: i64,
}

#[derive(Deserialize)]
struct Answer {
    outcome: String,
}

/// One ward's pushes: (latency, ok, 5xx) per report.
type Pushes = Vec<(Duration, bool, bool)>;

async fn push_baocao(client: reqwest::Client, base: String, reports: Arc<Vec<Report>>) -> Pushes {
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

async fn push_pouch(client: reqwest::Client, base: String, reports: Arc<Vec<Report>>) -> Pushes {
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

async fn login(base: &str, user: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let resp = client
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({ "username": user, "password": PASSWORD }))
        .send()
        .await
        .expect("login");
    assert!(
        resp.status().is_success(),
        "login {user}: {}",
        resp.status()
    );
    client
}

/// Drives `n` wards at once against baocao servers (clients spread over them).
async fn load_baocao(label: &str, servers: &[Server], w: &Workload, n: usize) -> Run {
    let started = Instant::now();
    let mut logins = tokio::task::JoinSet::new();
    for (i, ward) in w.wards[..n].iter().enumerate() {
        let base = servers[i % servers.len()].base.clone();
        let user = ward.user.clone();
        logins.spawn(async move { (i, base.clone(), login(&base, &user).await) });
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

/// CPU time used by the servers and by this process over a load.
struct Cpu {
    servers: Duration,
    client: Duration,
    machine: (u64, u64),
}

impl Cpu {
    fn start(servers: &[Server]) -> Cpu {
        Cpu {
            servers: servers.iter().map(Server::cpu).sum(),
            client: cpu_of("/proc/self/stat"),
            machine: machine_ticks(),
        }
    }

    /// The servers' and the clients' CPU time, and how busy the machine was, in percent.
    fn stop(self, servers: &[Server]) -> (Duration, Duration, f64) {
        let servers_now: Duration = servers.iter().map(Server::cpu).sum();
        let (busy, total) = machine_ticks();
        let busy = busy.saturating_sub(self.machine.0) as f64;
        let total = total.saturating_sub(self.machine.1).max(1) as f64;
        (
            servers_now.saturating_sub(self.servers),
            cpu_of("/proc/self/stat").saturating_sub(self.client),
            busy / total * 100.0,
        )
    }
}

/// With `BAOCAO_BENCH_PROFILE=DIR`, `perf record` samples the server processes during
/// each baocao load, into DIR (read with `perf report -i FILE`), and their logs are kept
/// there.
struct Profile(Vec<Child>);

impl Profile {
    fn start(servers: &[Server]) -> Profile {
        let Some(dir) = std::env::var_os("BAOCAO_BENCH_PROFILE") else {
            return Profile(Vec::new());
        };
        let children = servers
            .iter()
            .map(|s| {
                let pid = s.child.id();
                let out = Path::new(&dir).join(format!("perf-{pid}.data"));
                println!("  (profiling server {pid} into {})", out.display());
                Command::new("perf")
                    .args(["record", "-e", "cpu-clock", "-F", "999", "-g", "-p"])
                    .arg(pid.to_string())
                    .arg("-o")
                    .arg(out)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("perf (Debian package linux-perf)")
            })
            .collect();
        Profile(children)
    }

    fn stop(self, servers: &[Server]) {
        // Where the memory is, at the end of the load.
        if let Some(dir) = std::env::var_os("BAOCAO_BENCH_PROFILE") {
            for s in servers {
                let pid = s.child.id();
                let _ = std::fs::copy(
                    format!("/proc/{pid}/smaps"),
                    Path::new(&dir).join(format!("smaps-{pid}")),
                );
            }
        }
        for mut perf in self.0 {
            // perf writes its file on SIGINT.
            let _ = Command::new("kill")
                .args(["-INT", &perf.id().to_string()])
                .status();
            let _ = perf.wait();
        }
    }
}

async fn load_pouch(server: &Server, w: &Workload, n: usize) -> Run {
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

fn finish(label: &str, results: Vec<Pushes>, wall: Duration, peak_mb: f64, warnings: usize) -> Run {
    let all: Vec<(Duration, bool, bool)> = results.into_iter().flatten().collect();
    let mut latencies: Vec<Duration> = all.iter().map(|(d, _, _)| *d).collect();
    latencies.sort();
    Run {
        label: label.to_string(),
        reports: all.len(),
        wall,
        latencies,
        peak_mb,
        login_peak_mb: None,
        login: None,
        server_cpu: Duration::ZERO,
        client_cpu: Duration::ZERO,
        machine_busy: 0.0,
        failed: all.iter().filter(|(_, ok, _)| !ok).count(),
        server_errors: all.iter().filter(|(_, _, e)| *e).count(),
        warnings,
    }
}

/// Checks that the store holds exactly what was pushed: every report submitted with every
/// value, every mutation recorded once.
async fn verify(url: &str, w: &Workload, n: usize) {
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

/// The same rows as a push writes (a report row, a slot version per field, a mutation row
/// per mutation), by a plain loop: one transaction per report, a statement per row.
async fn bare_sql(url: &str, w: &Workload) -> f64 {
    let db = server::store::open(url).await.expect("database");
    let reports: Vec<&Report> = w
        .wards
        .iter()
        .flat_map(|w| w.reports.iter())
        .take(BARE_REPORTS)
        .collect();
    let start = Instant::now();
    for r in &reports {
        let mut tx = db.begin().await.expect("transaction");
        let id = r.key.id();
        sqlx::query(
            "INSERT INTO reports (id, plan_id, period_code, unit_code, status, submitted_at, seq, updated_at)
             VALUES ($1, $2, $3, $4, 'da_nop', 0, 0, 0)",
        )
        .bind(&id)
        .bind(&r.key.plan_id)
        .bind(&r.key.period_code)
        .bind(&r.key.unit_code)
        .execute(&mut *tx)
        .await
        .expect("report");
        for (n, m) in r.mutations.iter().enumerate() {
            let (slot, value) = match &m.change {
                Change::SetField { field, value, .. } => {
                    (Some(field.as_str()), serde_json::to_string(value).ok())
                }
                _ => (None, None),
            };
            if let Some(slot) = slot {
                sqlx::query(
                    "INSERT INTO slot_versions (report_id, slot, write_id, value, is_current, position, username, written_at)
                     VALUES ($1, $2, $3, $4, 1, 0, $5, 0)",
                )
                .bind(&id)
                .bind(slot)
                .bind(&m.id)
                .bind(&value)
                .bind(&m.user)
                .execute(&mut *tx)
                .await
                .expect("slot");
            }
            sqlx::query(
                "INSERT INTO mutations (id, position, report_id, kind, slot, old_value, new_value, comment,
                     outcome, code, message, username, device_id, device_time, server_time)
                 VALUES ($1, $2, $3, $4, $5, NULL, $6, NULL, 'applied', NULL, NULL, $7, $8, 0, 0)",
            )
            .bind(&m.id)
            .bind(n as i64)
            .bind(&id)
            .bind(server::store::mutations::kind_of(&m.change))
            .bind(slot)
            .bind(&value)
            .bind(&m.user)
            .bind(&m.device_id)
            .execute(&mut *tx)
            .await
            .expect("mutation");
        }
        tx.commit().await.expect("commit");
    }
    let rate = reports.len() as f64 / start.elapsed().as_secs_f64();
    db.close().await;
    rate
}

/// Where each run gets a fresh store.
enum Store {
    Sqlite(PathBuf),
    Postgres(postgres::Cluster),
}

impl Store {
    async fn fresh(&self) -> String {
        match self {
            Store::Sqlite(dir) => {
                let file = dir.join(format!("bench-{}.db", free_port()));
                format!("sqlite://{}", file.display())
            }
            Store::Postgres(cluster) => cluster.fresh_database().await,
        }
    }
}

fn print_header() {
    println!(
        "  {:<7} {:<26} {:>9} {:>11} {:>7} {:>7} {:>7} {:>8} {:>8} {:>7} {:>7} {:>7} {:>5} {:>6} {:>4} {:>4}",
        "clients", "server", "reports/s", "mutations/s", "p50 ms", "p95 ms", "p99 ms", "peak MB",
        "login MB", "login s", "srv ms", "cli ms", "cpu%", "failed", "5xx", "warn"
    );
}

fn print_run(n: usize, r: &Run, per_report: usize) {
    let ms = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1e3);
    println!(
        "  {:<7} {:<26} {:>9.1} {:>11.0} {:>7.1} {:>7.1} {:>7.1} {:>8.1} {:>8} {:>7} {:>7} {:>7} {:>5.0} {:>6} {:>4} {:>4}",
        n,
        r.label,
        r.rate(),
        r.rate() * per_report as f64,
        r.percentile(50),
        r.percentile(95),
        r.percentile(99),
        r.peak_mb,
        r.login_peak_mb.map_or("-".to_string(), |m| format!("{m:.1}")),
        r.login.map_or("-".to_string(), |d| format!("{:.1}", d.as_secs_f64())),
        ms(r.server_cpu),
        ms(r.client_cpu),
        r.machine_busy,
        r.failed,
        r.server_errors,
        r.warnings,
    );
}

fn mean(runs: &[&Run]) -> f64 {
    runs.iter().map(|r| r.rate()).sum::<f64>() / runs.len().max(1) as f64
}

async fn bench(
    name: &str,
    store: Store,
    w: &Workload,
    clients: &[usize],
    scratch: &Path,
    hash: &str,
) {
    let per_report = w.wards[0].reports[0].mutations.len();
    let bare = {
        let url = store.fresh().await;
        prepare(&url, w, hash).await.close().await;
        bare_sql(&url, w).await
    };
    println!("\n{name}: bare-SQL loop {bare:.1} reports/s ({BARE_REPORTS} reports, one transaction each, a statement per row)");
    print_header();
    let processes: &[usize] = match store {
        Store::Sqlite(_) => &[1],
        Store::Postgres(_) => &[1, 2],
    };
    for &n in clients {
        let mut runs: Vec<(usize, Run)> = Vec::new();
        for round in 1..=2 {
            for &p in processes {
                if p > 1 && n < 100 {
                    continue;
                }
                let url = store.fresh().await;
                prepare(&url, w, hash).await.close().await;
                let servers: Vec<Server> = (0..p).map(|_| Server::baocao(&url, scratch)).collect();
                for s in &servers {
                    s.ready("/healthz").await;
                }
                let label = match p {
                    1 => format!("baocao #{round}"),
                    p => format!("baocao {p} processes #{round}"),
                };
                let run = load_baocao(&label, &servers, w, n).await;
                servers.into_iter().for_each(Server::stop);
                verify(&url, w, n).await;
                print_run(n, &run, per_report);
                runs.push((p, run));
            }
            let pouch = Server::pouchdb(scratch);
            pouch.ready("/").await;
            let mut run = load_pouch(&pouch, w, n).await;
            run.label = format!("pouchdb-server #{round}");
            pouch.stop();
            print_run(n, &run, per_report);
            runs.push((0, run));
        }
        let of = |p: usize| {
            runs.iter()
                .filter(|(q, _)| *q == p)
                .map(|(_, r)| r)
                .collect::<Vec<_>>()
        };
        let peer = mean(&of(0));
        for &p in processes {
            let ours = of(p);
            if ours.is_empty() {
                continue;
            }
            let rate = mean(&ours);
            let p99 = ours.iter().map(|r| r.percentile(99)).fold(0.0, f64::max);
            let peak = ours.iter().map(|r| r.peak_mb).fold(0.0, f64::max);
            println!(
                "  {n:<7} => baocao{}: {rate:.1} reports/s = {:.2}× pouchdb-server ({peer:.1}), {:.0}% of bare SQL; p99 {p99:.0} ms; peak {peak:.0} MB",
                if p > 1 { format!(", {p} processes") } else { String::new() },
                rate / peer,
                rate / bare * 100.0,
            );
        }
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let clients: Vec<usize> = args
        .iter()
        .position(|a| a == "--clients")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 500]);
    let only: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with('-') && a.parse::<usize>().is_err() && !a.contains(','))
        .collect();
    let wants = |name: &str| only.is_empty() || only.iter().any(|o| *o == name);
    let most = clients.iter().copied().max().unwrap_or(10);
    let w = workload(most);
    let sample = &w.wards[0].reports[0];
    println!(
        "workload: up to {most} wards × {REPORTS_PER_CLIENT} reports; a report is {} mutations ({} fields and a submit), {:.1} KB as a baocao push, {:.1} KB as a pouchdb document; plan {}",
        sample.mutations.len(),
        sample.mutations.len() - 1,
        sample.push_body(0).len() as f64 / 1024.0,
        sample.pouch.len() as f64 / 1024.0,
        w.plan_id,
    );
    println!("peak MB: the server process's VmHWM (both processes summed when two), logins included; login MB: the same after the logins");
    println!("srv ms, cli ms: CPU time per report of the server processes and of the clients (this process); cpu%: how busy the machine's processors were during the load (the database server included)");
    let hash = server::auth::hash_password(PASSWORD).expect("hash");
    let scratch = tempfile::Builder::new()
        .prefix("baocao-sync-bench-")
        .tempdir()
        .expect("scratch");
    if wants("sqlite") {
        let store = Store::Sqlite(scratch.path().to_path_buf());
        bench(
            "SQLite (WAL, synchronous=FULL)",
            store,
            &w,
            &clients,
            scratch.path(),
            &hash,
        )
        .await;
    }
    if wants("postgres") {
        let cluster = postgres::Cluster::start(postgres::Durability::Durable).await;
        bench(
            "PostgreSQL (fsync on, synchronous_commit=on)",
            Store::Postgres(cluster),
            &w,
            &clients,
            scratch.path(),
            &hash,
        )
        .await;
    }
}
