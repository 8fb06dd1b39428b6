//! A server process under a benchmark's load, and what it costs: its memory and CPU time,
//! and the machine's. Shared by the benchmarks (`#[path]`), which start the release
//! server as a process of its own, as it runs in production.

#![allow(dead_code)] // each benchmark uses its own part

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A server process and where it listens.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub log: PathBuf,
}

impl Server {
    pub fn baocao(url: &str, scratch: &Path) -> Server {
        Self::baocao_with(url, scratch, &[])
    }

    /// The release server on `url`, with more of its settings in `env`.
    pub fn baocao_with(url: &str, scratch: &Path, env: &[(&str, &str)]) -> Server {
        let port = free_port();
        // Kept beside the profiles when profiling.
        let logs =
            std::env::var_os("BAOCAO_BENCH_PROFILE").map_or(scratch.to_path_buf(), PathBuf::from);
        let log = logs.join(format!("baocao-{port}.log"));
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("DATABASE_URL", url)
            .env("BAOCAO_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(std::fs::File::create(&log).expect("log file"))
            .stderr(Stdio::null())
            .spawn()
            .expect("start server");
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
        }
    }

    pub fn pouchdb(scratch: &Path) -> Server {
        let exe = std::env::var("POUCHDB_SERVER").unwrap_or_else(|_| {
            panic!("POUCHDB_SERVER names pouchdb-server: run the benchmark through scripts/bench.sh sync")
        });
        let port = free_port();
        let dir = scratch.join(format!("pouchdb-{port}"));
        std::fs::create_dir_all(&dir).expect("pouchdb folder");
        // It writes config.json and log.txt into its working folder.
        let child = Command::new(exe)
            .args(["--port", &port.to_string(), "--dir", "."])
            .arg("--no-stdout-logs")
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pouchdb-server");
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log: dir.join("log.txt"),
        }
    }

    pub async fn ready(&self, path: &str) {
        for _ in 0..600 {
            if let Ok(r) = reqwest::get(format!("{}{path}", self.base)).await {
                if r.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{} did not start", self.base);
    }

    /// The most resident memory the process has used, in MB.
    pub fn peak_mb(&self) -> f64 {
        self.status_mb("VmHWM:")
    }

    /// The resident memory the process uses now, in MB.
    pub fn rss_mb(&self) -> f64 {
        self.status_mb("VmRSS:")
    }

    fn status_mb(&self, line: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix(line))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0.0);
        kb / 1024.0
    }

    /// CPU time the process has used so far (user and system).
    pub fn cpu(&self) -> Duration {
        cpu_of(&format!("/proc/{}/stat", self.child.id()))
    }

    /// Lines of the server's log at warning level or above.
    pub fn warnings(&self) -> usize {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("WARN") || l.contains("ERROR"))
            .count()
    }

    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// User and system CPU time of a process, from its `/proc/…/stat`.
pub fn cpu_of(stat: &str) -> Duration {
    let stat = std::fs::read_to_string(stat).unwrap_or_default();
    // The fields after the command name (which may hold spaces), from the third on.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15, in clock ticks of 1/100 s.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// The machine's busy and total CPU time so far, from `/proc/stat`, in clock ticks.
pub fn machine_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    let total: u64 = ticks.iter().sum();
    // idle and iowait are the fourth and fifth.
    let idle = ticks.get(3).copied().unwrap_or(0) + ticks.get(4).copied().unwrap_or(0);
    (total - idle, total)
}
