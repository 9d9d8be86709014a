//! A read-only SPARQL 1.1 Protocol endpoint over a store: `/sparql` (GET and POST, results in
//! the format the client accepts), a small query page at `/`, CORS for browser tools, a timeout
//! and a memory budget per query. Updates are refused with 403: the store is built by
//! `zhkg build` only.
//!
//! Each request thread hands its queries to a worker process of its own (`zhkg serve` started
//! with `ZHKG_QUERY_WORKER=1`, which runs [`answer_queries`]), and the results come back in frames through the worker's
//! stdout. Why a process: a query must be stoppable whatever it is doing. Oxigraph checks its
//! cancellation only when it reads from the store, so a join building its table in memory (a
//! cartesian product, a sort of everything) would go on, and grow, long after its client had
//! its 503 — 11 GB for one three-way product. A process can be killed at once, its memory given
//! back, and a fresh one started for the next query.

use std::ffi::OsString;
use std::io::{BufReader, Cursor, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxigraph::sparql::QueryResults;
use serde::{Deserialize, Serialize};
use tiny_http::{Header, Method, Request, Response, ResponseBox, Server};

use crate::error::{Error, Result};
use crate::results::{write_results, ResultFormat};
use crate::store::Store;

/// Endpoint settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The address to listen on (`127.0.0.1:7878`).
    pub bind: String,
    /// Longest a query may run.
    pub timeout: Duration,
    /// Requests served at once (each with its worker process).
    pub threads: usize,
    /// Most resident memory a query's worker may hold, in bytes; past it the query is stopped
    /// with 503. (Read from `/proc`: on systems without it only the timeout applies.)
    pub query_memory: u64,
    /// How to start a worker: a program that runs [`answer_queries`] on the store.
    pub worker: WorkerCommand,
}

/// A command line starting a query worker (zhkg's: `ZHKG_QUERY_WORKER=1 zhkg serve --store DIR`).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The program to run (the `zhkg` binary itself).
    pub program: PathBuf,
    /// Its arguments (`serve --store DIR`).
    pub args: Vec<OsString>,
    /// Environment variables set for the worker.
    pub env: Vec<(OsString, OsString)>,
}

const PAGE: &str = include_str!("serve_page.html");

/// The largest request body read (a query, or a form holding one); a larger one is refused
/// with 413 before it is read.
pub(crate) const MAX_BODY: usize = 1 << 20;

/// Bytes of results a worker writes in one frame; with the pipe's buffer, what one response
/// holds in the server's memory, whatever the size of its result.
const CHUNK: usize = 64 << 10;

/// A frame longer than this is not from a worker of ours.
const MAX_FRAME: usize = 256 << 20;

/// How often a running query's time and memory are looked at.
const WATCH_EVERY: Duration = Duration::from_millis(10);

/// Serves until the process ends. `ready` is told the bound address (useful with port 0).
pub fn serve(settings: &Settings, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let server = Server::http(&settings.bind).map_err(|source| Error::Listen {
        address: settings.bind.clone(),
        source,
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Invalid(format!("{} is not an IP address", settings.bind)))?;
    // (One worker started before the first request: a program that cannot run is an error
    // now rather than a 500 for every visitor.)
    let first = settings.worker.spawn()?;
    ready(address);
    let server = Arc::new(server);
    let mut first = Some(first);
    let threads: Vec<_> = (0..settings.threads.max(1))
        .map(|_| {
            let (server, settings) = (Arc::clone(&server), settings.clone());
            let mut worker = first.take();
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    handle(&mut worker, &settings, request);
                }
            })
        })
        .collect();
    for thread in threads {
        let _ = thread.join();
    }
    Ok(())
}

/// A worker process and the two ends of its pipes. Dropping it kills the process.
struct Worker {
    child: Mutex<Child>,
    pid: u32,
    to: ChildStdin,
    from: BufReader<ChildStdout>,
}

impl WorkerCommand {
    fn spawn(&self) -> Result<Worker> {
        let failed = |source| Error::Worker {
            program: self.program.clone(),
            source,
        };
        let mut child = std::process::Command::new(&self.program)
            .args(&self.args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(failed)?;
        let (to, from) = match (child.stdin.take(), child.stdout.take()) {
            (Some(to), Some(from)) => (to, from),
            _ => return Err(failed(std::io::Error::other("no pipes to the worker"))),
        };
        Ok(Worker {
            pid: child.id(),
            child: Mutex::new(child),
            to,
            from: BufReader::with_capacity(CHUNK, from),
        })
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Ok(child) = self.child.get_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// A response with the CORS headers every answer carries.
fn reply(status: u16, media_type: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", media_type))
        .with_header(header("Access-Control-Allow-Origin", "*"))
        .with_header(header("Access-Control-Allow-Methods", "GET, POST, OPTIONS"))
        .with_header(header(
            "Access-Control-Allow-Headers",
            "Content-Type, Accept",
        ))
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    reply(
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    )
}

/// What a worker is asked: one query and the client's Accept header.
#[derive(Debug, Serialize, Deserialize)]
struct Ask {
    query: String,
    accept: String,
}

/// Answers one request; a worker that was killed or broke is dropped, to be started afresh
/// for the next query.
fn handle(worker: &mut Option<Worker>, settings: &Settings, mut request: Request) {
    let ask = match incoming(&mut request) {
        Ok(ask) => ask,
        Err(response) => {
            let _ = request.respond(response);
            return;
        }
    };
    // (A worker that has died since its last answer refuses the query: a fresh one gets it.)
    if !worker.as_mut().is_some_and(|w| w.send(&ask)) {
        *worker = None;
        let mut started = match settings.worker.spawn() {
            Ok(started) => started,
            Err(e) => {
                let _ = request.respond(text(500, &crate::error::report(&e)));
                return;
            }
        };
        if !started.send(&ask) {
            let _ = request.respond(text(500, "the query worker ended as it started"));
            return;
        }
        *worker = Some(started);
    }
    let Some(running) = worker.as_mut() else {
        return;
    };
    if !run(running, settings, request) {
        *worker = None;
    }
}

/// The query a request asks for, or the response to anything else (the page, CORS, errors).
fn incoming(request: &mut Request) -> std::result::Result<Ask, ResponseBox> {
    let url = request.url().to_owned();
    let (path, query_string) = url.split_once('?').unwrap_or((&url, ""));
    match (request.method(), path) {
        (Method::Options, _) => Err(reply(204, "text/plain", Vec::new()).boxed()),
        (Method::Get, "/") => {
            Err(reply(200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()).boxed())
        }
        (Method::Get | Method::Post, "/sparql") => {
            let accept = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("Accept"))
                .map(|h| h.value.as_str().to_owned())
                .unwrap_or_default();
            let query = sparql_request(request, query_string).map_err(|r| r.boxed())?;
            Ok(Ask { query, accept })
        }
        _ => Err(text(404, "not found: the endpoint is /sparql, the query page /").boxed()),
    }
}

/// The query of a SPARQL Protocol request, or the response refusing it.
fn sparql_request(
    request: &mut Request,
    query_string: &str,
) -> std::result::Result<String, Response<std::io::Cursor<Vec<u8>>>> {
    let content_type = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().to_lowercase())
        .unwrap_or_default();
    let too_large = || text(413, &format!("the request body is over {MAX_BODY} bytes"));
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(too_large());
    }
    let mut body = String::new();
    if *request.method() == Method::Post {
        let mut limited = request.as_reader().take(MAX_BODY as u64 + 1);
        if limited.read_to_string(&mut body).is_err() {
            return Err(text(400, "the request body is not UTF-8"));
        }
        if body.len() > MAX_BODY {
            return Err(too_large());
        }
    }
    let mut params = form(query_string);
    if content_type.starts_with("application/x-www-form-urlencoded") {
        params.extend(form(&body));
    }
    let update = content_type.starts_with("application/sparql-update")
        || params.iter().any(|(k, _)| k == "update");
    if update {
        return Err(text(403, "this endpoint is read-only: updates are refused"));
    }
    if content_type.starts_with("application/sparql-query") {
        return Ok(body);
    }
    params
        .into_iter()
        .find(|(k, _)| k == "query")
        .map(|(_, v)| v)
        .ok_or_else(|| text(400, "no query: send ?query=… or POST a query"))
}

/// Decodes `a=1&b=x%20y` (with `+` as space).
fn form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first format in `accept` that fits the kind of result; JSON or Turtle by default.
fn negotiate(accept: &str, graph: bool) -> ResultFormat {
    let offered: &[(&str, ResultFormat)] = if graph {
        &[
            ("text/turtle", ResultFormat::Turtle),
            ("application/n-triples", ResultFormat::Ntriples),
        ]
    } else {
        &[
            ("application/sparql-results+json", ResultFormat::Json),
            ("application/json", ResultFormat::Json),
            ("application/sparql-results+xml", ResultFormat::Xml),
            ("application/xml", ResultFormat::Xml),
            ("text/csv", ResultFormat::Csv),
            ("text/tab-separated-values", ResultFormat::Tsv),
        ]
    };
    accept
        .split(',')
        .map(|a| a.split(';').next().unwrap_or("").trim())
        .find_map(|media| offered.iter().find(|(m, _)| *m == media).map(|(_, f)| *f))
        .unwrap_or(offered[0].1)
}

/// Why a worker was stopped.
const RUNNING: u8 = 0;
const TIMED_OUT: u8 = 1;
const TOO_LARGE: u8 = 2;

impl Worker {
    /// Hands the worker a query; false when it has gone.
    fn send(&mut self, ask: &Ask) -> bool {
        let mut line = serde_json::to_vec(ask).unwrap_or_default();
        line.push(b'\n');
        self.to
            .write_all(&line)
            .and_then(|()| self.to.flush())
            .is_ok()
    }
}

/// Streams the answer of the query just sent to the client, a watcher killing the worker at
/// the timeout or past the memory budget. True when the worker finished its answer (and was
/// not killed meanwhile) and can take the next query.
fn run(worker: &mut Worker, settings: &Settings, request: Request) -> bool {
    let stop = AtomicU8::new(RUNNING);
    let deadline = Instant::now() + settings.timeout;
    let (done, finished) = mpsc::channel::<()>();
    let (child, pid, from) = (&worker.child, worker.pid, &mut worker.from);
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || watch(child, pid, deadline, settings.query_memory, stop, finished));
        let finished = respond(from, stop, settings, request);
        drop(done);
        finished
    }) && stop.load(Ordering::SeqCst) == RUNNING
}

/// Kills the worker when the query passes its deadline or its memory budget, saying why in
/// `stop`; returns when `finished` is dropped.
fn watch(
    child: &Mutex<Child>,
    pid: u32,
    deadline: Instant,
    budget: u64,
    stop: &AtomicU8,
    finished: Receiver<()>,
) {
    while finished.recv_timeout(WATCH_EVERY) == Err(RecvTimeoutError::Timeout) {
        let why = if Instant::now() >= deadline {
            TIMED_OUT
        } else if resident_bytes(pid).is_some_and(|bytes| bytes > budget) {
            TOO_LARGE
        } else {
            continue;
        };
        stop.store(why, Ordering::SeqCst);
        if let Ok(mut child) = child.lock() {
            let _ = child.kill();
        }
        return;
    }
}

/// A process's resident memory, from `/proc/PID/status` (Linux).
fn resident_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Answers the client from the worker's frames: 400 for a query that fails before its first
/// results, 503 when the watcher stopped it, 200 and the results streamed otherwise. The
/// status waits for the first chunk of results, so a query that fails or is stopped before
/// (a sort, an aggregate) gets its 400 or 503. True when the worker finished its answer.
fn respond(
    from: &mut BufReader<ChildStdout>,
    stop: &AtomicU8,
    settings: &Settings,
    request: Request,
) -> bool {
    let stopped = || -> ResponseBox {
        match stop.load(Ordering::SeqCst) {
            TIMED_OUT => text(
                503,
                &format!(
                    "the query ran longer than {} s and was stopped",
                    settings.timeout.as_secs_f64()
                ),
            ),
            TOO_LARGE => text(
                503,
                &format!(
                    "the query needed more than {} MB of memory and was stopped",
                    settings.query_memory >> 20
                ),
            ),
            _ => text(500, "the query's worker ended without an answer"),
        }
        .boxed()
    };
    let (media_type, first, ended) = match opening(from) {
        Opening::Results(media_type, first, ended) => (media_type, first, ended),
        Opening::Refused(message) => {
            let _ = request.respond(text(400, &message));
            return true;
        }
        Opening::Stopped => {
            let _ = request.respond(stopped());
            return false;
        }
    };
    let mut body = FrameBody {
        from,
        current: Cursor::new(first),
        ended,
    };
    let response = reply(200, &media_type, Vec::new()).with_data(&mut body, None);
    let _ = request.respond(response);
    body.ended
}

/// How an answer opens: its media type and first chunk (and whether that was all of it), the
/// message of a query that failed (the worker waits for the next), or nothing (it was stopped
/// or broke).
enum Opening {
    Results(String, Vec<u8>, bool),
    Refused(String),
    Stopped,
}

fn opening(from: &mut BufReader<ChildStdout>) -> Opening {
    let media_type = match read_frame(from) {
        Ok(Frame::Format(media_type)) => media_type,
        Ok(Frame::Failed(message)) => return Opening::Refused(message),
        _ => return Opening::Stopped,
    };
    match read_frame(from) {
        Ok(Frame::Bytes(first)) => Opening::Results(media_type, first, false),
        Ok(Frame::Done) => Opening::Results(media_type, Vec::new(), true),
        Ok(Frame::Failed(message)) => Opening::Refused(message),
        _ => Opening::Stopped,
    }
}

/// The body of a streamed response: the bytes of the worker's frames up to its `Done`. An
/// error after the first bytes (the worker failed or was killed) ends the body early; the
/// client sees a broken chunked response.
struct FrameBody<'a> {
    from: &'a mut BufReader<ChildStdout>,
    current: Cursor<Vec<u8>>,
    /// The worker has finished this answer (with `Done`, or an error it reported).
    ended: bool,
}

impl Read for FrameBody<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.current.read(out)?;
            if n > 0 || self.ended {
                return Ok(n);
            }
            match read_frame(self.from)? {
                Frame::Bytes(bytes) => self.current = Cursor::new(bytes),
                Frame::Done => self.ended = true,
                Frame::Failed(message) => {
                    self.ended = true;
                    return Err(std::io::Error::other(message));
                }
                Frame::Format(_) => {
                    return Err(std::io::Error::other("a second format in one answer"))
                }
            }
        }
    }
}

/// What a worker writes back: a kind byte, a length (u32, little-endian), the payload.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// The media type of the results; first.
    Format(String),
    /// Bytes of results.
    Bytes(Vec<u8>),
    /// The query failed; the message. Ends the answer.
    Failed(String),
    /// The answer is complete.
    Done,
}

fn write_frame(out: &mut impl Write, frame: &Frame) -> std::io::Result<()> {
    let (kind, payload): (u8, &[u8]) = match frame {
        Frame::Format(media_type) => (b'F', media_type.as_bytes()),
        Frame::Bytes(bytes) => (b'B', bytes),
        Frame::Failed(message) => (b'E', message.as_bytes()),
        Frame::Done => (b'D', &[]),
    };
    let length = u32::try_from(payload.len()).map_err(std::io::Error::other)?;
    out.write_all(&[kind])?;
    out.write_all(&length.to_le_bytes())?;
    out.write_all(payload)
}

fn read_frame(from: &mut impl Read) -> std::io::Result<Frame> {
    let mut head = [0u8; 5];
    from.read_exact(&mut head)?;
    let length = u32::from_le_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if length > MAX_FRAME {
        return Err(std::io::Error::other("a frame too long: not a zhkg worker"));
    }
    let mut payload = vec![0; length];
    from.read_exact(&mut payload)?;
    let text = |payload: Vec<u8>| String::from_utf8_lossy(&payload).into_owned();
    match head[0] {
        b'F' => Ok(Frame::Format(text(payload))),
        b'B' => Ok(Frame::Bytes(payload)),
        b'E' => Ok(Frame::Failed(text(payload))),
        b'D' => Ok(Frame::Done),
        other => Err(std::io::Error::other(format!(
            "an unknown frame {other:#x}: not a zhkg worker"
        ))),
    }
}

/// A query worker: answers each request (a JSON object per line, from the endpoint) in frames,
/// until the requests end. A zhkg query worker runs it on lines read from stdin by a thread that
/// ends the process when stdin closes, so a worker whose endpoint has died stops at once, even
/// in the middle of a query.
pub fn answer_queries(
    store: &Store,
    requests: impl IntoIterator<Item = String>,
    mut output: impl Write,
) -> Result<()> {
    for line in requests {
        let ask: Ask = serde_json::from_str(&line)
            .map_err(|e| Error::Invalid(format!("a query worker's request: {e}")))?;
        answer(store, &ask, &mut output).map_err(Error::write)?;
    }
    Ok(())
}

/// One query's answer, in frames. Only a failure to write (the endpoint has gone) is an error.
fn answer(store: &Store, ask: &Ask, out: &mut impl Write) -> std::io::Result<()> {
    fn failed(out: &mut impl Write, e: &Error) -> std::io::Result<()> {
        write_frame(out, &Frame::Failed(crate::error::report(e)))
    }
    match store.query(&ask.query, &[]) {
        Err(e) => failed(out, &e)?,
        Ok(results) => {
            let format = negotiate(&ask.accept, matches!(results, QueryResults::Graph(_)));
            write_frame(out, &Frame::Format(format.media_type().to_owned()))?;
            let mut chunks = FrameWriter {
                out: &mut *out,
                buffer: Vec::with_capacity(CHUNK),
            };
            let written = write_results(&mut chunks, results, format)
                .and_then(|()| chunks.flush().map_err(Error::write));
            match written {
                Ok(()) => write_frame(out, &Frame::Done)?,
                Err(e) if crate::error::is_broken_pipe(&e) => {
                    return Err(std::io::ErrorKind::BrokenPipe.into())
                }
                Err(e) => failed(out, &e)?,
            }
        }
    }
    out.flush()
}

/// Results cut into `Bytes` frames of about [`CHUNK`] bytes.
struct FrameWriter<'a, W: Write> {
    out: &'a mut W,
    buffer: Vec<u8>,
}

impl<W: Write> Write for FrameWriter<'_, W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            let bytes = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
            write_frame(self.out, &Frame::Bytes(bytes))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_percent_and_plus() {
        assert_eq!(
            form("query=SELECT+%3Fx%20WHERE&x=%E7%8E%8B"),
            [
                ("query".to_owned(), "SELECT ?x WHERE".to_owned()),
                ("x".to_owned(), "王".to_owned())
            ]
        );
        assert_eq!(decode("100%"), "100%");
    }

    #[test]
    fn content_negotiation_picks_the_first_known_type() {
        assert_eq!(
            negotiate("text/csv, application/json", false),
            ResultFormat::Csv
        );
        assert_eq!(negotiate("*/*", false), ResultFormat::Json);
        assert_eq!(
            negotiate("application/n-triples;q=0.9", true),
            ResultFormat::Ntriples
        );
        assert_eq!(negotiate("", true), ResultFormat::Turtle);
    }
}
