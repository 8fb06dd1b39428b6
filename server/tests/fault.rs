//! The fault test: devices push 5,000 mutations through a proxy that drops 30% of the
//! responses after the server committed, while the server process is killed (SIGKILL) and
//! restarted twice. At the end the stored state must equal the expected state, with no
//! mutation lost and none applied twice. It prints the counts (`-- --show-output`).

mod common;

use app::domain::value::Value;
use app::sync::{Change, Mutation, Outcome, SyncRequest, SyncResponse};
use chrono::Utc;
use common::sync::{key, new_id};
use common::Backend;
use rand::Rng;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const DEVICES: &[(&str, &str)] = &[
    ("govap.p01", "HCM.GV.P01"),
    ("govap.p01", "HCM.GV.P01"),
    ("govap.p01b", "HCM.GV.P01"),
    ("govap.p07", "HCM.GV.P07"),
    ("govap.p07", "HCM.GV.P07"),
];
const PER_DEVICE: usize = 1000;
const BATCH: usize = 25;
const FIELDS: &[&str] = &[
    "tcd_luot",
    "don_tiep_nhan",
    "hs_tiep_nhan",
    "tinh_hinh",
    "uu_diem",
];

on_both!(five_thousand_mutations_survive_drops_and_kills);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The server on `port`, whose pages people open at `public_url` (the proxy's address).
fn start_server(db_url: &str, port: u16, public_url: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", db_url)
        .env("BAOCAO_ADDR", format!("127.0.0.1:{port}"))
        .env("BAOCAO_PUBLIC_URL", public_url)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start server")
}

async fn wait_ready(port: u16) {
    for _ in 0..300 {
        if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not start");
}

/// One request per connection: forwards it, reads the whole response (the server has
/// committed by then) and, 30% of the time, closes the client's connection without it.
async fn proxy(listener: TcpListener, upstream: u16, dropped: Arc<AtomicUsize>) {
    loop {
        let Ok((client, _)) = listener.accept().await else {
            continue;
        };
        let dropped = dropped.clone();
        tokio::spawn(async move {
            let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)).await else {
                return;
            };
            let (mut cr, mut cw) = client.into_split();
            let (mut sr, mut sw) = server.into_split();
            let forward = tokio::spawn(async move {
                let _ = tokio::io::copy(&mut cr, &mut sw).await;
            });
            let mut response = Vec::new();
            let _ = sr.read_to_end(&mut response).await;
            forward.abort();
            let drop_it = rand::thread_rng().gen_bool(0.3);
            if drop_it && !response.is_empty() {
                dropped.fetch_add(1, Ordering::Relaxed);
            } else {
                let _ = cw.write_all(&response).await;
            }
        });
    }
}

/// Signs in through the proxy, again after each dropped answer; gives up after 30 s.
async fn login(base: &str, user: &str) -> reqwest::Client {
    let mut last = None;
    for _ in 0..600 {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        let sent = client
            .post(format!("{base}/api/v1/session"))
            .header("connection", "close")
            .json(&serde_json::json!({ "username": user, "password": "baocao-demo" }))
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => return client,
            Ok(r) => last = Some(r.status()),
            Err(_) => {}
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{user} could not sign in in 30 s (last answer {last:?})");
}

/// A device's mutations: edits of a few fields, each based on the device's previous edit
/// of that field, as the client's outbox makes them.
fn mutations_of(user: &str, unit: &str) -> Vec<Mutation> {
    let report = key("847-KH-UBND-2023", "2023-6T", unit);
    let device = new_id();
    let mut last: HashMap<&str, String> = HashMap::new();
    let mut rng = rand::thread_rng();
    (0..PER_DEVICE)
        .map(|i| {
            let field = FIELDS[rng.gen_range(0..FIELDS.len())];
            let value = if field.ends_with("_luot") || field.ends_with("_nhan") {
                Value::Count(i as u64)
            } else {
                Value::Text(format!("{user} lần {i}"))
            };
            let id = new_id();
            let base = last.insert(field, id.clone()).into_iter().collect();
            Mutation {
                id,
                report: report.clone(),
                user: user.into(),
                device_id: device.clone(),
                device_time: Utc::now(),
                change: Change::SetField {
                    field: field.into(),
                    value: Some(value),
                    base,
                },
            }
        })
        .collect()
}

/// A batch answered this many times in a row with neither success, 401, 503 nor a lost
/// connection is refused: the test fails instead of retrying for ever.
const REFUSED_IN_A_ROW: usize = 100;

/// Pushes every batch until it gets an answer, as the client does after a lost response.
async fn run_device(
    base: String,
    user: &'static str,
    mutations: Vec<Mutation>,
    retries: Arc<AtomicUsize>,
) -> Vec<Outcome> {
    let mut client = login(&base, user).await;
    let mut outcomes = Vec::new();
    for batch in mutations.chunks(BATCH) {
        let mut refused = 0;
        loop {
            let sent = client
                .post(format!("{base}/api/v1/sync"))
                .header("connection", "close")
                .json(&SyncRequest {
                    cursor: 0,
                    mutations: batch.to_vec(),
                    follow: Vec::new(),
                })
                .send()
                .await;
            match sent {
                Ok(r) if r.status().is_success() => {
                    if let Ok(body) = r.json::<SyncResponse>().await {
                        outcomes.extend(body.results.iter().map(|r| r.outcome));
                        break;
                    }
                }
                Ok(r) if r.status() == 401 => client = login(&base, user).await,
                // Busy: sent again, as the device does.
                Ok(r) if r.status() == 503 => {}
                Ok(r) => {
                    refused += 1;
                    assert!(refused < REFUSED_IN_A_ROW, "{user}'s push: {}", r.status());
                }
                _ => {}
            }
            retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    outcomes
}

async fn five_thousand_mutations_survive_drops_and_kills(backend: Backend) {
    let test_db = common::TestDb::new(backend).await;
    // Demo mode is for SQLite only: the demo's accounts are loaded beforehand.
    let fixtures = test_db.connect().await;
    server::demo::load_if_new(&fixtures)
        .await
        .expect("demo data");
    fixtures.close().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy");
    let base = format!("http://{}", listener.local_addr().expect("proxy addr"));
    let port = free_port();
    let mut server = start_server(&test_db.url, port, &base);
    wait_ready(port).await;

    let dropped = Arc::new(AtomicUsize::new(0));
    tokio::spawn(proxy(listener, port, dropped.clone()));

    let all: Vec<Vec<Mutation>> = DEVICES
        .iter()
        .map(|(u, unit)| mutations_of(u, unit))
        .collect();
    let retries = Arc::new(AtomicUsize::new(0));
    let devices: Vec<_> = DEVICES
        .iter()
        .zip(all.clone())
        .map(|((user, _), ms)| tokio::spawn(run_device(base.clone(), user, ms, retries.clone())))
        .collect();

    // Kill the server twice while the devices push, each time once a third more is stored.
    let db = test_db.connect().await;
    let total = DEVICES.len() * PER_DEVICE;
    let mut kills = 0;
    for share in [1, 2] {
        loop {
            let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mutations")
                .fetch_one(&db)
                .await
                .expect("count");
            if stored as usize >= total * share / 3 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill().expect("SIGKILL");
        server.wait().expect("reap");
        kills += 1;
        server = start_server(&test_db.url, port, &base);
        wait_ready(port).await;
    }
    let mut outcomes = Vec::new();
    for d in devices {
        outcomes.extend(d.await.expect("device"));
    }
    server.kill().ok();
    server.wait().ok();

    // Expected: the versions no other write names as a base, per slot.
    let writes: Vec<&Mutation> = all.iter().flatten().collect();
    let named: BTreeSet<String> = writes
        .iter()
        .filter_map(|m| m.change.write().map(|(_, _, base)| base.to_vec()))
        .flatten()
        .collect();
    let mut expected: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for m in writes.iter().filter(|m| !named.contains(&m.id)) {
        if let Some((slot, _, _)) = m.change.write() {
            expected
                .entry((m.report.id(), slot.to_string()))
                .or_default()
                .insert(m.id.clone());
        }
    }
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT report_id, slot, write_id FROM slot_versions")
            .fetch_all(&db)
            .await
            .expect("versions");
    let mut stored: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (report, slot, id) in rows {
        stored.entry((report, slot)).or_default().insert(id);
    }
    let recorded: Vec<(String, i64)> =
        sqlx::query_as("SELECT id, COUNT(*) FROM mutations GROUP BY id")
            .fetch_all(&db)
            .await
            .expect("records");
    let recorded: HashMap<String, i64> = recorded.into_iter().collect();
    let lost = writes
        .iter()
        .filter(|m| !recorded.contains_key(&m.id))
        .count();
    let duplicated =
        recorded.values().filter(|&&n| n > 1).count() + recorded.len().saturating_sub(writes.len());
    let rejected = outcomes.iter().filter(|o| **o == Outcome::Rejected).count();
    println!(
        "fault test ({backend:?}): {} mutations from {} devices, {} responses dropped, {} retries, \
         {} server kills; lost {lost}, duplicated {duplicated}, rejected {rejected}",
        writes.len(),
        DEVICES.len(),
        dropped.load(Ordering::Relaxed),
        retries.load(Ordering::Relaxed),
        kills,
    );
    assert_eq!(writes.len(), 5000);
    assert_eq!(
        outcomes.len(),
        5000,
        "every mutation answered once to its device"
    );
    assert_eq!((lost, duplicated, rejected), (0, 0, 0));
    assert_eq!(kills, 2);
    assert!(dropped.load(Ordering::Relaxed) > 0);
    assert_eq!(
        stored, expected,
        "the stored versions are the expected ones"
    );
}
