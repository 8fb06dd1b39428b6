//! Files arriving at once: 50 devices each upload a 10 MB file, in 1 MiB chunks as the
//! browser sends them, to the release server as a process of its own (SQLite, its files in
//! a folder beside the database). It prints the time, the throughput, the answers 5xx
//! (target 0) and the server's peak memory (target under 200 MB: files are streamed to
//! storage, never held whole), against `cp` copying the same bytes on the same disk.
//!
//!     scripts/bench.sh uploads

#[path = "support/process.rs"]
mod process;
#[path = "support/session.rs"]
mod session;

use app::api::{upload_api_path, UploadStatus, CHUNK_BYTES, UPLOAD_LENGTH, UPLOAD_OFFSET};
use app::domain::attachment::FileHash;
use app::sync::ReportKey;
use process::Server;
use session::sign_in;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const DEVICES: usize = 50;
const FILE_BYTES: usize = 10 * 1024 * 1024;
const PASSWORD: &str = "baocao-demo";
/// Ward accounts of the demo and the report each writes (Gò Vấp's 2023 plan).
const WARDS: [(&str, &str); 3] = [
    ("govap.p01", "HCM.GV.P01"),
    ("govap.p01b", "HCM.GV.P01"),
    ("govap.p07", "HCM.GV.P07"),
];

/// A file of its own per device: a PDF's head, then bytes that do not compress.
fn file(device: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(FILE_BYTES);
    bytes.extend_from_slice(b"%PDF-1.7\n");
    let mut x = device as u64 * 0x9E37_79B9_7F4A_7C15 + 1;
    while bytes.len() < FILE_BYTES {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.truncate(FILE_BYTES);
    bytes
}

/// Sends a whole file as the browser does; the answers 5xx met on the way.
async fn upload(client: &reqwest::Client, url: &str, bytes: &[u8], errors: &AtomicUsize) {
    let mut at: UploadStatus = client
        .get(url)
        .send()
        .await
        .expect("status")
        .json()
        .await
        .expect("JSON");
    while !at.complete {
        let start = at.received as usize;
        let end = (start + CHUNK_BYTES).min(bytes.len());
        let resp = client
            .patch(url)
            .header(UPLOAD_OFFSET, start.to_string())
            .header(UPLOAD_LENGTH, bytes.len().to_string())
            .body(bytes[start..end].to_vec())
            .send()
            .await
            .expect("chunk");
        if resp.status().is_server_error() {
            errors.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        assert!(resp.status().is_success(), "{}", resp.status());
        at = resp.json().await.expect("JSON");
    }
}

/// Seconds `cp` takes to copy the files in `from` to a new folder, then with `sync`.
fn cp(from: &Path, scratch: &Path) -> (f64, f64) {
    let to = scratch.join("cp-copy");
    let started = Instant::now();
    let status = Command::new("cp")
        .arg("-r")
        .arg(from)
        .arg(&to)
        .status()
        .expect("cp");
    assert!(status.success());
    let copied = started.elapsed().as_secs_f64();
    let status = Command::new("sync").status().expect("sync");
    assert!(status.success());
    (copied, started.elapsed().as_secs_f64())
}

/// The files in a store's folder (`ab/<sha256>`), uploads under way left out.
fn stored_files(root: &Path) -> usize {
    let Ok(folders) = std::fs::read_dir(root) else {
        return 0;
    };
    folders
        .flatten()
        .filter(|f| f.file_name().len() == 2)
        .filter_map(|f| std::fs::read_dir(f.path()).ok())
        .map(|files| files.count())
        .sum()
}

#[tokio::main]
async fn main() {
    let scratch = tempfile::tempdir().expect("scratch folder");
    let url = format!("sqlite://{}", scratch.path().join("baocao.db").display());
    let server = Server::baocao_with(&url, scratch.path(), &[("BAOCAO_DEMO", "true")]);
    server.ready("/readyz").await;

    let files: Vec<Vec<u8>> = (0..DEVICES).map(file).collect();
    let originals = scratch.path().join("originals");
    std::fs::create_dir_all(&originals).expect("folder");
    for (i, bytes) in files.iter().enumerate() {
        std::fs::write(originals.join(format!("{i}.pdf")), bytes).expect("original");
    }
    let mut devices = Vec::new();
    for i in 0..DEVICES {
        let (user, unit) = WARDS[i % WARDS.len()];
        let client = sign_in(&server.base, user, PASSWORD).await;
        let key = ReportKey {
            plan_id: "847-KH-UBND-2023".into(),
            period_code: "2023-6T".into(),
            unit_code: unit.into(),
        };
        let hash = FileHash::of_digest(&Sha256::digest(&files[i]));
        let url = format!("{}/api/v1{}", server.base, upload_api_path(&key, &hash));
        devices.push((client, url));
    }
    let files = Arc::new(files);
    let errors = Arc::new(AtomicUsize::new(0));
    let rss_before = server.rss_mb();
    let cpu_before = server.cpu();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, (client, url)) in devices.into_iter().enumerate() {
        let (files, errors) = (files.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            upload(&client, &url, &files[i], &errors).await
        }));
    }
    for task in tasks {
        task.await.expect("device");
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = (server.cpu() - cpu_before).as_secs_f64();
    let peak = server.peak_mb();
    let stored = stored_files(&scratch.path().join("files"));
    server.stop();

    let (cp_seconds, cp_sync_seconds) = cp(&originals, scratch.path());
    let mb = (DEVICES * FILE_BYTES) as f64 / (1024.0 * 1024.0);
    println!(
        "{DEVICES} devices × {} MB at once, 1 MiB chunks, SQLite (files in a folder):",
        FILE_BYTES / (1024 * 1024)
    );
    println!(
        "  baocao      {seconds:>6.2} s   {:>6.1} MB/s   server CPU {cpu:.2} s ({:.1} ms per MB)",
        mb / seconds,
        cpu * 1000.0 / mb
    );
    println!(
        "  cp          {cp_seconds:>6.2} s   {:>6.1} MB/s",
        mb / cp_seconds
    );
    println!(
        "  cp + sync   {cp_sync_seconds:>6.2} s   {:>6.1} MB/s",
        mb / cp_sync_seconds
    );
    println!(
        "  answers 5xx {}   (target 0)",
        errors.load(Ordering::Relaxed)
    );
    println!(
        "  server memory: {rss_before:.0} MB before, peak {peak:.0} MB   (target under 200 MB)"
    );
    println!("  files stored: {stored} of {DEVICES}");
}
