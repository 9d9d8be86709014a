//! What a careful user hits: closed pipes, misspelt flags, values that look like SPARQL, two
//! processes on one store, a server under many clients. Each ends in a clear message or a
//! quiet success, never a panic.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{sample, sample_store, stderr, zhkg};

/// Runs `command` with its standard output closed before it writes (as `| head` does once it
/// has its lines): the command must end quietly with status 0.
fn with_closed_stdout(mut command: Command) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{command:?}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("error"),
        "{command:?}: {err}"
    );
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let store = sample_store();
    let mut query = zhkg();
    query
        .args(["query", "--store"])
        .arg(store)
        .arg("SELECT * WHERE { ?s ?p ?o }");
    with_closed_stdout(query);
    let mut tsv = zhkg();
    tsv.args(["query", "--format", "tsv", "--store"])
        .arg(store)
        .arg("SELECT * WHERE { ?s ?p ?o }");
    with_closed_stdout(tsv);
    let mut extract = zhkg();
    extract.arg("extract").arg(sample());
    with_closed_stdout(extract);
    let mut lookup = zhkg();
    lookup
        .args(["lookup", "--all", "--store"])
        .arg(store)
        .arg("王家鹏");
    with_closed_stdout(lookup);
    let mut demo = zhkg();
    demo.arg("demo");
    with_closed_stdout(demo);
    let mut export = zhkg();
    export
        .args(["export", "--format", "nquads", "--store"])
        .arg(store);
    with_closed_stdout(export);
}

#[test]
fn a_misspelt_region_is_an_error_not_a_silent_default() {
    let out = zhkg()
        .args(["extract", "--region", "焦做市"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean 焦作市"),
        "{}",
        stderr(&out)
    );
}

fn query(store: &Path, args: &[&str]) -> std::process::Output {
    zhkg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn arguments_are_bound_as_values_whatever_the_query_text_looks_like() {
    let store = sample_store();
    // (A comment that reads like the WHERE clause, and a query without the word WHERE.)
    for sparql in [
        "# WHERE { broken\nSELECT ?t WHERE { ?p rdfs:label ?name ; org:holds/zkg:title ?t } ORDER BY ?t",
        "SELECT ?t { ?p rdfs:label ?name ; org:holds/zkg:title ?t } ORDER BY ?t",
    ] {
        let out = query(store, &["--arg", "name=王家鹏", sparql]);
        assert!(out.status.success(), "{sparql}: {}", stderr(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "t\r\n主任\r\n书记\r\n");
    }
    // A value that reads like SPARQL is a value: no rows, no error, nothing else matched.
    let sneaky = "name=王家鹏\"@zh } UNION { ?p org:holds/zkg:title ?t";
    let out = query(
        store,
        &[
            "--arg",
            sneaky,
            "SELECT ?t WHERE { ?p rdfs:label ?name ; org:holds/zkg:title ?t }",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "t\r\n");
}

#[test]
fn an_iri_argument_is_checked() {
    let out = query(
        sample_store(),
        &["--arg", "p=<not an iri>", "SELECT ?p WHERE { ?p ?x ?y }"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not an IRI"), "{}", stderr(&out));
}

#[test]
fn a_store_another_process_writes_to_is_named_with_its_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let held = zhkg::store::Store::open(&store).unwrap();
    let out = zhkg()
        .arg("build")
        .arg(sample())
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("in use by another process"), "{message}");
    assert!(message.contains("LOCK"), "{message}");
    drop(held);
    // (Readers take no lock: a build runs while `query` or `serve` reads.)
    let built = common::build(&store, &[&sample()]);
    assert!(built.status.success(), "{}", stderr(&built));
    let reader = zhkg::store::Store::open_read_only(&store).unwrap();
    let again = common::build(&store, &[&sample()]);
    assert!(again.status.success(), "{}", stderr(&again));
    let rows = reader.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", &[]);
    assert_eq!(rows.unwrap().len(), 1);
}

/// A GET of `query` on the endpoint: its status and body.
fn get(endpoint: &str, query: &str) -> (u16, String) {
    match ureq::get(endpoint).query("query", query).call() {
        Ok(response) => (response.status(), response.into_string().unwrap()),
        Err(ureq::Error::Status(status, response)) => (status, response.into_string().unwrap()),
        Err(e) => panic!("{query}: {e}"),
    }
}

#[test]
fn a_query_past_its_memory_budget_is_stopped_and_the_next_one_answered() {
    // (A minute is far beyond what the budget allows: the memory, not the clock, stops it.)
    let server = common::Server::start_with(
        sample_store(),
        &["--timeout", "60", "--query-memory", "100", "--threads", "1"],
    );
    let started = std::time::Instant::now();
    let (status, body) = get(
        &server.endpoint,
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("more than 100 MB of memory"), "{body}");
    assert!(started.elapsed().as_secs() < 30, "stopped by the clock");
    let (status, body) = get(&server.endpoint, "ASK { ?s a zkg:Person }");
    assert_eq!((status, body.contains("true")), (200, true), "{body}");
    let family = common::family_rss_mb(server.child.id()).unwrap_or(0.0);
    assert!(
        family < 200.0,
        "the endpoint holds {family:.0} MB after the query"
    );
}

#[test]
fn a_slow_query_is_stopped_at_its_timeout_and_its_worker_replaced() {
    let server = common::Server::start_with(sample_store(), &["--timeout", "1", "--threads", "1"]);
    let slow =
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(STR(?f), STR(?c))) }";
    let started = std::time::Instant::now();
    let (status, body) = get(&server.endpoint, slow);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("longer than 1 s"), "{body}");
    assert!(
        started.elapsed().as_secs_f64() < 3.0,
        "answered after {:?}",
        started.elapsed()
    );
    let (status, body) = get(&server.endpoint, "SELECT ?x WHERE {");
    assert_eq!(status, 400, "{body}");
    let (status, body) = get(&server.endpoint, "ASK { ?s a zkg:Person }");
    assert_eq!((status, body.contains("true")), (200, true), "{body}");
}

#[test]
fn a_text_file_is_read_a_page_at_a_time_and_a_bad_page_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("paper.txt");
    let page = std::fs::read(sample()).unwrap();
    let mut bytes = page.clone();
    bytes.extend_from_slice(b"\x0C\xFF\xFF\xFF\n\x0C");
    bytes.extend_from_slice(&page);
    std::fs::write(&paper, &bytes).unwrap();
    let out = zhkg().arg("extract").arg(&paper).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = page.iter().filter(|&&b| b == b'\n').count();
    let message = stderr(&out);
    assert!(
        message.contains(&format!(
            "paper.txt: page 2: invalid UTF-8 at line {}",
            lines + 1
        )),
        "{message}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('"').nth(3).unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 18, "{ids:?}");
    assert_eq!((ids[0], ids[9]), ("paper.txt#1", "paper.txt#p3.1"));
}

#[test]
fn a_worker_that_died_between_queries_is_replaced_unnoticed() {
    let server = common::Server::start_with(sample_store(), &["--threads", "1"]);
    let ask = "ASK { ?s a zkg:Person }";
    assert_eq!(get(&server.endpoint, ask).0, 200);
    let workers = common::children(server.child.id());
    assert_eq!(workers.len(), 1, "{workers:?}");
    let killed = Command::new("kill")
        .args(["-9", &workers[0].to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(std::time::Duration::from_millis(200));
    let (status, body) = get(&server.endpoint, ask);
    assert_eq!((status, body.contains("true")), (200, true), "{body}");
}
