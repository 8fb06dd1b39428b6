//! Services the tests talk to as another program would: Python scripts beside the tests
//! (a real SMTP server, a push service), run from the venv `scripts/setup.sh test` makes,
//! on a free port, writing what they receive to a file; stopped when dropped.

use serde::de::DeserializeOwned;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub struct Peer {
    pub port: u16,
    out: PathBuf,
    child: Child,
    dir: tempfile::TempDir,
}

impl Peer {
    /// Starts `script` (in `server/tests`) on a free port, writing to a new file.
    pub fn start(script: &str) -> Peer {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("received.jsonl");
        Self::start_at(script, free_port(), out, dir)
    }

    fn start_at(script: &str, port: u16, out: PathBuf, dir: tempfile::TempDir) -> Peer {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let python = root.join("../.tools/services/bin/python");
        assert!(
            python.exists(),
            "no test services: run scripts/setup.sh test (it installs them into .tools/services)"
        );
        let mut child = Command::new(python)
            .arg(root.join("tests").join(script))
            .arg(port.to_string())
            .arg(&out)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {script}: {e}"));
        let mut ready = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut ready)
            .unwrap_or_else(|e| panic!("{script} says it is ready: {e}"));
        assert_eq!(ready.trim(), "ready", "{script}");
        Peer {
            port,
            out,
            child,
            dir,
        }
    }

    /// Stopped, then started again on the same port and file.
    pub fn restart(mut self, script: &str) -> Peer {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"));
        Self::start_at(script, self.port, self.out.clone(), dir)
    }

    /// Stops it until `restart`.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What it received, a JSON line each.
    pub fn received<T: DeserializeOwned>(&self) -> Vec<T> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
