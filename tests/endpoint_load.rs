//! `zhkg serve` under load, on loopback: many clients sending a mix of quick queries, large
//! streamed results, slow queries, malformed requests, updates and oversized bodies. Every
//! well-formed request is answered, slow ones get 503 at the timeout while the rest go on,
//! memory-hungry ones 503 when their worker passes its budget, malformed ones 400, updates 403,
//! oversized bodies 413, and the endpoint's memory (with its workers') stays bounded.
//!
//! `cargo test` runs a small load on the sample's store. `.ci/reliability-check` runs the full
//! one (32 clients × 100 requests) on a year of transcripts through `ZHKG_LOAD_STORE`,
//! `ZHKG_LOAD_CLIENTS`, `ZHKG_LOAD_REQUESTS`, `ZHKG_LOAD_TIMEOUT` and `ZHKG_LOAD_QUERY_MEMORY`
//! (MB), and prints the latencies.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use std::sync::atomic::{AtomicBool, Ordering};

use common::{family_rss_mb, sample_store, Server};

/// What a request is and the status it must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Quick,
    Streamed,
    Slow,
    Hungry,
    Malformed,
    Update,
    Oversized,
}

impl Kind {
    /// The mix: mostly quick queries, with every other kind among them.
    fn of(i: usize) -> Kind {
        match i % 100 {
            7 => Kind::Slow,
            57 => Kind::Hungry,
            3 | 53 => Kind::Oversized,
            n if n % 10 == 1 => Kind::Malformed,
            n if n % 10 == 2 => Kind::Update,
            n if n % 10 == 4 => Kind::Streamed,
            _ => Kind::Quick,
        }
    }

    fn expected(self) -> u16 {
        match self {
            Kind::Quick | Kind::Streamed => 200,
            Kind::Slow | Kind::Hungry => 503,
            Kind::Malformed => 400,
            Kind::Update => 403,
            Kind::Oversized => 413,
        }
    }
}

const QUICK: &[&str] = &[
    "SELECT ?p ?name WHERE { ?p a zkg:Person ; rdfs:label ?name } LIMIT 50",
    "SELECT ?o ?name WHERE { ?o a zkg:Organization ; rdfs:label ?name } ORDER BY ?name LIMIT 20",
    "ASK { ?e zkg:eventType ?t }",
    "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e zkg:eventType ?t } GROUP BY ?t",
];
const STREAMED: &str = "SELECT * WHERE { ?s ?p ?o } LIMIT 5000";
/// Every pair of triples, a regular expression made and run for each: beyond any timeout on
/// any store (the sample's 2,000 triples make 4 million pairs).
const SLOW: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(STR(?f), STR(?c))) }";

/// Every pair of triples sorted: held in memory whole, past any budget set for the test.
const HUNGRY: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f";

/// Sends request `i` of the mix; its status.
fn send(endpoint: &str, i: usize) -> (Kind, u16) {
    let kind = Kind::of(i);
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build();
    let result = match kind {
        Kind::Quick => agent
            .get(endpoint)
            .query("query", QUICK[i % QUICK.len()])
            .call(),
        Kind::Streamed => agent
            .post(endpoint)
            .set("Content-Type", "application/sparql-query")
            .set("Accept", "text/tab-separated-values")
            .send_string(STREAMED),
        Kind::Slow => agent.get(endpoint).query("query", SLOW).call(),
        Kind::Hungry => agent.get(endpoint).query("query", HUNGRY).call(),
        Kind::Malformed => agent
            .get(endpoint)
            .query("query", "SELECT ?x WHERE {")
            .call(),
        Kind::Update => agent
            .post(endpoint)
            .set("Content-Type", "application/sparql-update")
            .send_string("CLEAR ALL"),
        Kind::Oversized => agent
            .post(endpoint)
            .set("Content-Type", "application/sparql-query")
            .send_string(&format!("# {}\nASK {{}}", "x".repeat(2 << 20))),
    };
    let status = match result {
        // (The whole body is read: a streamed answer counts only once it has all arrived.)
        Ok(r) => {
            let status = r.status();
            let mut body = Vec::new();
            std::io::Read::read_to_end(&mut r.into_reader(), &mut body).expect("whole body");
            status
        }
        Err(ureq::Error::Status(code, _)) => code,
        Err(e) => panic!("request {i} ({kind:?}) failed: {e}"),
    };
    (kind, status)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn the_endpoint_holds_under_many_clients() {
    let store = std::env::var_os("ZHKG_LOAD_STORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| sample_store().to_owned());
    let clients = setting("ZHKG_LOAD_CLIENTS", 8);
    let requests = setting("ZHKG_LOAD_REQUESTS", 13);
    // (Long enough for a streamed answer on a busy debug build, far too short for SLOW.)
    let timeout = setting("ZHKG_LOAD_TIMEOUT", 4).to_string();
    let memory = setting("ZHKG_LOAD_QUERY_MEMORY", 256);
    let threads = 4;
    let server = Server::start_with(
        &store,
        &[
            "--timeout",
            &timeout,
            "--query-memory",
            &memory.to_string(),
            "--threads",
            &threads.to_string(),
        ],
    );
    let started = Instant::now();
    let (finished, mut peak_mb) = (AtomicBool::new(false), 0.0f64);
    let results: Vec<(Kind, u16, f64)> = std::thread::scope(|scope| {
        // (The endpoint and its workers together, looked at every 20 ms.)
        let watcher = scope.spawn(|| {
            let mut peak = 0.0f64;
            while !finished.load(Ordering::Relaxed) {
                peak = peak.max(family_rss_mb(server.child.id()).unwrap_or(0.0));
                std::thread::sleep(Duration::from_millis(20));
            }
            peak
        });
        let workers: Vec<_> = (0..clients)
            .map(|client| {
                let endpoint = server.endpoint.clone();
                scope.spawn(move || {
                    (0..requests)
                        .map(|r| {
                            let sent = Instant::now();
                            let (kind, status) = send(&endpoint, client * requests + r);
                            (kind, status, sent.elapsed().as_secs_f64() * 1000.0)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let results = workers
            .into_iter()
            .flat_map(|w| w.join().expect("client thread"))
            .collect();
        finished.store(true, Ordering::Relaxed);
        peak_mb = watcher.join().expect("memory watcher");
        results
    });
    let seconds = started.elapsed().as_secs_f64();
    let wrong: Vec<_> = results
        .iter()
        .filter(|(kind, status, _)| *status != kind.expected())
        .collect();
    assert!(wrong.is_empty(), "unexpected answers: {wrong:?}");
    let mut answered: Vec<f64> = results
        .iter()
        .filter(|(kind, _, _)| matches!(kind, Kind::Quick | Kind::Streamed))
        .map(|(_, _, ms)| *ms)
        .collect();
    answered.sort_by(f64::total_cmp);
    println!(
        "endpoint load: {} requests from {clients} clients in {seconds:.1} s ({:.0} requests/s); \
         well-formed queries p50 {:.0} ms, p99 {:.0} ms; slow {} and memory-hungry {} → 503; \
         endpoint and workers peak RSS {peak_mb:.0} MB",
        results.len(),
        results.len() as f64 / seconds,
        percentile(&answered, 0.5),
        percentile(&answered, 0.99),
        results.iter().filter(|r| r.0 == Kind::Slow).count(),
        results.iter().filter(|r| r.0 == Kind::Hungry).count(),
    );
    // (Each worker is killed when it passes its budget, looked at every 10 ms: what it grows
    // in that time, and the endpoint's own few MB, are the margin.)
    let bound = (threads * memory) as f64 * 1.25 + 100.0;
    assert!(
        peak_mb <= bound,
        "the endpoint and its workers held {peak_mb:.0} MB, over {bound:.0} MB"
    );
}
