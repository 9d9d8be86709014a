//! Helpers shared by the store, export, lookup and serve tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

/// The binary under test: this build's, or `ZHKG_BIN` (a release build, for load figures).
pub fn zhkg() -> Command {
    match std::env::var_os("ZHKG_BIN") {
        Some(bin) => Command::new(bin),
        None => Command::new(env!("CARGO_BIN_EXE_zhkg")),
    }
}

pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/jiaozuo-page-2019-08-30.txt")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn build(store: &Path, inputs: &[&Path]) -> Output {
    let out = zhkg()
        .arg("build")
        .args(inputs)
        .args(["--region", "焦作市", "--store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

/// One store from the sample page, shared by the query tests.
pub fn sample_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = dir.path().join("store");
            build(&store, &[&sample()]);
            (dir, store)
        })
        .1
}

/// Runs `command` with `input` on its standard input; its output.
pub fn with_stdin(mut command: Command, input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// A running `zhkg serve` on a free port, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub endpoint: String,
}

impl Server {
    pub fn start(store: &Path, timeout: &str) -> Server {
        Server::start_with(store, &["--timeout", timeout])
    }

    /// A server with more options (`--query-memory`, `--threads` …).
    pub fn start_with(store: &Path, options: &[&str]) -> Server {
        let mut child = zhkg()
            .args(["serve", "--bind", "127.0.0.1:0", "--store"])
            .arg(store)
            .args(options)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let endpoint = line
            .split_whitespace()
            .find(|w| w.ends_with("/sparql"))
            .unwrap_or_else(|| panic!("no endpoint in {line:?}"))
            .to_owned();
        Server { child, endpoint }
    }
}

/// The processes whose parent is `pid` (an endpoint's query workers), from /proc (Linux).
pub fn children(pid: u32) -> Vec<u32> {
    let parent = |pid: &str| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // (pid (name) state ppid …: the name may hold spaces, so read after its last ')'.)
        stat.rsplit_once(')')?
            .1
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|child| parent(&child.to_string()) == Some(pid))
        .collect()
}

/// The resident memory of a process and its children (the endpoint and its query workers), in
/// MB, from /proc (Linux).
pub fn family_rss_mb(pid: u32) -> Option<f64> {
    let rss_kb = |pid: u32| -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    let kb = rss_kb(pid)?;
    let workers: f64 = children(pid).into_iter().filter_map(rss_kb).sum();
    Some((kb + workers) / 1024.0)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
