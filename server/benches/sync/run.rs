//! What one run measured, the CPU it cost, and how it is printed.

use crate::process::{cpu_of, machine_ticks, Server};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What one run measured.
pub struct Run {
    pub label: String,
    pub reports: usize,
    pub wall: Duration,
    pub latencies: Vec<Duration>,
    pub peak_mb: f64,
    /// The peak after the logins, before the pushes.
    pub login_peak_mb: Option<f64>,
    pub login: Option<Duration>,
    /// CPU time per report: the server's, and this process's (the clients').
    pub server_cpu: Duration,
    pub client_cpu: Duration,
    /// How busy the machine's processors were during the load, in percent.
    pub machine_busy: f64,
    pub failed: usize,
    pub server_errors: usize,
    pub warnings: usize,
    /// The latencies, sorted, of the pushes sent in the first second after the catalog
    /// changed (baocao only: the peer has no catalog).
    pub after_change: Vec<Duration>,
}

impl Run {
    pub fn rate(&self) -> f64 {
        self.reports as f64 / self.wall.as_secs_f64()
    }

    pub fn percentile(&self, p: usize) -> f64 {
        percentile(&self.latencies, p)
    }

    /// The p99 of the pushes sent in the first second after the catalog changed, in ms.
    pub fn after_change_p99(&self) -> Option<f64> {
        (!self.after_change.is_empty()).then(|| percentile(&self.after_change, 99))
    }
}

/// The `p`th percentile of sorted latencies, in milliseconds.
fn percentile(sorted: &[Duration], p: usize) -> f64 {
    let i = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

/// One push (or the peer's write) as the load generator saw it.
pub struct Push {
    pub sent: Instant,
    pub took: Duration,
    /// Every mutation applied (the peer: the document written).
    pub ok: bool,
    pub server_error: bool,
}

/// One ward's pushes.
pub type Pushes = Vec<Push>;

/// One POST of a JSON body, timed until its whole answer has arrived: when it was sent,
/// how long it took, and the answer's status and body, or `None` when the request itself
/// failed.
pub async fn post_json(
    client: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
) -> (Instant, Duration, Option<(reqwest::StatusCode, Vec<u8>)>) {
    let start = Instant::now();
    let resp = client
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await;
    let answer = match resp {
        Ok(r) => {
            let status = r.status();
            r.bytes().await.ok().map(|b| (status, b))
        }
        Err(_) => None,
    };
    let took = start.elapsed();
    (start, took, answer.map(|(status, b)| (status, b.to_vec())))
}

/// The run of `results`; `changed`: when the catalog changed during it.
pub fn finish(
    label: &str,
    results: Vec<Pushes>,
    wall: Duration,
    peak_mb: f64,
    warnings: usize,
    changed: Option<Instant>,
) -> Run {
    let all: Vec<Push> = results.into_iter().flatten().collect();
    let mut latencies: Vec<Duration> = all.iter().map(|p| p.took).collect();
    latencies.sort();
    let mut after_change: Vec<Duration> = changed
        .map(|at| {
            all.iter()
                .filter(|p| p.sent >= at && p.sent < at + Duration::from_secs(1))
                .map(|p| p.took)
                .collect()
        })
        .unwrap_or_default();
    after_change.sort();
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
        failed: all.iter().filter(|p| !p.ok).count(),
        server_errors: all.iter().filter(|p| p.server_error).count(),
        warnings,
        after_change,
    }
}

/// CPU time used by the servers and by this process over a load.
pub struct Cpu {
    pub servers: Duration,
    pub client: Duration,
    pub machine: (u64, u64),
}

impl Cpu {
    pub fn start(servers: &[Server]) -> Cpu {
        Cpu {
            servers: servers.iter().map(Server::cpu).sum(),
            client: cpu_of("/proc/self/stat"),
            machine: machine_ticks(),
        }
    }

    /// The servers' and the clients' CPU time, and how busy the machine was, in percent.
    pub fn stop(self, servers: &[Server]) -> (Duration, Duration, f64) {
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
pub struct Profile(Vec<Child>);

impl Profile {
    pub fn start(servers: &[Server]) -> Profile {
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

    pub fn stop(self, servers: &[Server]) {
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

pub fn print_header() {
    println!(
        "  {:<7} {:<26} {:>9} {:>11} {:>7} {:>7} {:>7} {:>8} {:>8} {:>7} {:>7} {:>7} {:>5} {:>6} {:>4} {:>4} {:>7}",
        "clients", "server", "reports/s", "mutations/s", "p50 ms", "p95 ms", "p99 ms", "peak MB",
        "login MB", "login s", "srv ms", "cli ms", "cpu%", "failed", "5xx", "warn", "chg p99"
    );
}

pub fn print_run(n: usize, r: &Run, per_report: usize) {
    let ms = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1e3);
    println!(
        "  {:<7} {:<26} {:>9.1} {:>11.0} {:>7.1} {:>7.1} {:>7.1} {:>8.1} {:>8} {:>7} {:>7} {:>7} {:>5.0} {:>6} {:>4} {:>4} {:>7}",
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
        r.after_change_p99()
            .map_or("-".to_string(), |p| format!("{p:.1}")),
    );
}

pub fn mean(runs: &[&Run]) -> f64 {
    runs.iter().map(|r| r.rate()).sum::<f64>() / runs.len().max(1) as f64
}

/// The mean server CPU time per report (or push) of `runs`, in milliseconds.
pub fn mean_cpu(runs: &[&Run]) -> f64 {
    runs.iter()
        .map(|r| r.server_cpu.as_secs_f64() * 1e3)
        .sum::<f64>()
        / runs.len().max(1) as f64
}
