//! A throwaway PostgreSQL cluster for the test process: `initdb` in a temp folder, started
//! on a free port, stopped and removed by a watchdog when the test process ends. Tests share
//! one that skips fsync; benchmarks start a durable one.

#![allow(dead_code)] // each test binary and benchmark uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

pub struct Cluster {
    port: u16,
}

/// Whether the cluster flushes its log to disk at each commit, as a production server does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Durable,
    /// `fsync=off`: only for tests, whose data is thrown away.
    Volatile,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);

fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| {
        panic!("PostgreSQL is not installed: the test command installs it (apt-get install -y postgresql)")
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}

/// Runs a PostgreSQL tool, as the `postgres` user when we are root (initdb refuses root).
fn run_pg(tool: &Path, args: &[&str]) {
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(tool);
        c
    } else {
        Command::new(tool)
    };
    let out = cmd.args(args).output().expect("run a PostgreSQL tool");
    assert!(
        out.status.success(),
        "{} failed: {}",
        tool.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn start(durability: Durability) -> Cluster {
    let bin = bin_dir();
    let dir = tempfile::Builder::new()
        .prefix("baocao-pg-")
        .tempdir()
        .expect("temp dir")
        .keep();
    if is_root() {
        let ok = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .map(|s| s.success());
        assert_eq!(ok.ok(), Some(true), "chown the cluster folder to postgres");
    }
    let data = dir.join("data");
    let data_s = data.display().to_string();
    run_pg(
        &bin.join("initdb"),
        &[
            "-D",
            &data_s,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        ],
    );
    let port = free_port();
    let volatile = match durability {
        Durability::Durable => "",
        Durability::Volatile => "-F -c fsync=off ",
    };
    let opts = format!(
        "{volatile}-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200",
        dir.display()
    );
    let log = dir.join("log").display().to_string();
    run_pg(
        &bin.join("pg_ctl"),
        &["-D", &data_s, "-o", &opts, "-l", &log, "-w", "start"],
    );
    // The watchdog outlives this process by design: it stops and removes the cluster once
    // the test process has exited, however it exited.
    let stop = if is_root() {
        "runuser -u postgres -- "
    } else {
        ""
    };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop}{pg_ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        pg_ctl = bin.join("pg_ctl").display(),
        data = data_s,
        dir = dir.display(),
    );
    #[allow(clippy::zombie_processes)] // the watchdog must outlive us; init reaps it
    Command::new("sh")
        .args(["-c", &script])
        .spawn()
        .expect("start the cluster watchdog");
    Cluster { port }
}

impl Cluster {
    pub async fn start(durability: Durability) -> Cluster {
        tokio::task::spawn_blocking(move || start(durability))
            .await
            .expect("cluster")
    }

    /// A new, empty database on this cluster; returns its URL.
    pub async fn fresh_database(&self) -> String {
        database_on(self.port).await
    }
}

/// A new, empty database on the tests' shared cluster; returns its URL.
pub async fn fresh_database() -> String {
    let port =
        tokio::task::spawn_blocking(|| CLUSTER.get_or_init(|| start(Durability::Volatile)).port)
            .await
            .expect("cluster");
    database_on(port).await
}

async fn database_on(port: u16) -> String {
    let name = format!(
        "t{}_{}",
        std::process::id(),
        NEXT_DB.fetch_add(1, Ordering::SeqCst)
    );
    sqlx::any::install_default_drivers();
    let admin_url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .expect("connect to cluster");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    format!("postgres://postgres@127.0.0.1:{port}/{name}")
}
