//! The sync write benchmark: what a ward sends in the last days before a deadline. Each
//! client is a ward with its own account; it signs in, then pushes its full reports one
//! after the other (49 fields of the shared template and a submit, in one
//! `POST /api/v1/sync`, with the cursor of its last answer, as the browser does). The same
//! reports go to pouchdb-server 4.2.0, the reference CouchDB-protocol server, as documents
//! through `_bulk_docs`, alternately with baocao (A B A B), each run on a fresh store.
//!
//! Then the typing load (`typing.rs`): each ward types into its report online, one mutation
//! a push; pouchdb-server gets the whole document after each keystroke.
//!
//! In each baocao load the city's administrator renames a ward through the units import
//! (`baocao::change_catalog`), so the servers load the changed catalog under the load; the
//! pushes sent in the first second after it are timed apart ("chg p99").
//!
//! Printed for 10, 100 and 500 clients: reports/s, mutations/s, p50/p95/p99 latency of a
//! push, the server processes' CPU time per report (or per typing push) beside
//! pouchdb-server's, which compares fairly on a 2-core machine where the load generator
//! takes its share; the server's peak resident memory (logins included), the ratio to pouchdb-server
//! and to the bare-SQL loop (the same rows written by a plain loop in this process, one
//! transaction per report, no HTTP, no checks), on SQLite and on PostgreSQL (a throwaway
//! durable cluster; there also with two server processes on one database).
//!
//!     scripts/bench.sh sync                      # both databases, 10, 100 and 500 clients
//!     scripts/bench.sh sync sqlite --clients 100
//!
//! `POUCHDB_SERVER` names the pouchdb-server executable (`scripts/bench.sh` installs it).

#[path = "../../tests/common/postgres.rs"]
mod postgres;
#[path = "../support/process.rs"]
mod process;
#[path = "../support/rng.rs"]
mod rng;
#[path = "../support/session.rs"]
mod session;

mod baocao;
mod baseline;
mod peer;
mod run;
mod typing;
mod workload;

use baocao::{load_baocao, verify};
use baseline::{bare_sql, BARE_REPORTS};
use peer::load_pouch;
use process::{free_port, Server};
use run::{mean, mean_cpu, print_header, print_run, Run};
use std::path::{Path, PathBuf};
use typing::{type_baocao, type_pouch, typing, verify_typing, Typing};
use workload::{prepare, workload, Workload, PASSWORD, REPORTS_PER_CLIENT};

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

async fn bench(
    name: &str,
    store: Store,
    w: &Workload,
    t: &Typing,
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
            let changed = after_change_p99(&ours);
            println!(
                "  {n:<7} => baocao{}: {rate:.1} reports/s = {:.2}× pouchdb-server ({peer:.1}), {:.0}% of bare SQL; server CPU {:.2} ms a report = {:.2}× pouchdb-server's ({:.2}); p99 {p99:.0} ms, {changed} in the first second after the catalog changed; peak {peak:.0} MB",
                if p > 1 { format!(", {p} processes") } else { String::new() },
                rate / peer,
                rate / bare * 100.0,
                mean_cpu(&ours),
                mean_cpu(&ours) / mean_cpu(&of(0)),
                mean_cpu(&of(0)),
            );
        }
        typing_rounds(&store, w, t, n, scratch, hash).await;
    }
}

/// The typing load of `n` wards, baocao and pouchdb-server alternately, twice.
async fn typing_rounds(
    store: &Store,
    w: &Workload,
    t: &Typing,
    n: usize,
    scratch: &Path,
    hash: &str,
) {
    let (mut ours, mut peers) = (Vec::new(), Vec::new());
    for round in 1..=2 {
        let url = store.fresh().await;
        prepare(&url, w, hash).await.close().await;
        let server = Server::baocao(&url, scratch);
        server.ready("/healthz").await;
        let run = type_baocao(
            &format!("baocao typing #{round}"),
            std::slice::from_ref(&server),
            t,
            n,
        )
        .await;
        server.stop();
        verify_typing(&url, n).await;
        print_run(n, &run, 1);
        ours.push(run);
        let pouch = Server::pouchdb(scratch);
        pouch.ready("/").await;
        let mut run = type_pouch(&pouch, t, n).await;
        run.label = format!("pouchdb-server typing #{round}");
        pouch.stop();
        print_run(n, &run, 1);
        peers.push(run);
    }
    let (ours, peers): (Vec<&Run>, Vec<&Run>) = (ours.iter().collect(), peers.iter().collect());
    let p99 = ours.iter().map(|r| r.percentile(99)).fold(0.0, f64::max);
    let changed = after_change_p99(&ours);
    println!(
        "  {n:<7} => baocao typing: {:.1} pushes/s = {:.2}× pouchdb-server ({:.1}); server CPU {:.2} ms a push = {:.2}× pouchdb-server's ({:.2}); p99 {p99:.0} ms, {changed} in the first second after the catalog changed",
        mean(&ours),
        mean(&ours) / mean(&peers),
        mean(&peers),
        mean_cpu(&ours),
        mean_cpu(&ours) / mean_cpu(&peers),
        mean_cpu(&peers),
    );
}

/// The highest p99 of `runs`' pushes sent in the first second after the catalog changed.
fn after_change_p99(runs: &[&Run]) -> String {
    runs.iter()
        .filter_map(|r| r.after_change_p99())
        .reduce(f64::max)
        .map_or("no push".to_string(), |p| format!("{p:.0} ms"))
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
    let template =
        app::domain::template::Template::from_toml(workload::TEMPLATE).expect("template");
    let t = typing(&w, &template);
    let sample = &w.wards[0].reports[0];
    println!(
        "workload: up to {most} wards × {REPORTS_PER_CLIENT} reports; a report is {} mutations ({} fields and a submit), {:.1} KB as a baocao push, {:.1} KB as a pouchdb document; plan {}",
        sample.mutations.len(),
        sample.mutations.len() - 1,
        sample.push_body(0).len() as f64 / 1024.0,
        sample.pouch.len() as f64 / 1024.0,
        w.plan_id,
    );
    println!(
        "typing: each ward types {} keystrokes into its report, one mutation a push; pouchdb-server gets the whole document again each time",
        typing::EDITS
    );
    println!("peak MB: the server process's VmHWM (both processes summed when two), logins included; login MB: the same after the logins");
    println!("srv ms, cli ms: CPU time per report of the server processes and of the clients (this process); cpu%: how busy the machine's processors were during the load (the database server included)");
    let hash = server::passwords::Memory::default()
        .hash(PASSWORD)
        .expect("hash");
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
            &t,
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
            &t,
            &clients,
            scratch.path(),
            &hash,
        )
        .await;
    }
}
