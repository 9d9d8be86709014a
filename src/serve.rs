//! A read-only SPARQL 1.1 Protocol endpoint over a store: `/sparql` (GET and POST, results in
//! the format the client accepts), a small query page at `/`, CORS for browser tools, a timeout
//! per query. Updates are refused with 403: the store is built by `zhkg build` only.

use std::io::{Cursor, Read, Write};
use std::net::SocketAddr;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxigraph::sparql::{CancellationToken, QueryResults};
use tiny_http::{Header, Method, Request, Response, ResponseBox, Server};

use crate::error::{Error, Result};
use crate::results::{write_results, ResultFormat};
use crate::store::Store;

/// Endpoint settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: String,
    /// Longest a query may run.
    pub timeout: Duration,
    /// Requests served at once.
    pub threads: usize,
}

const PAGE: &str = include_str!("serve_page.html");

/// The largest request body read (a query, or a form holding one); a larger one is refused
/// with 413 before it is read.
pub const MAX_BODY: usize = 1 << 20;

/// Bytes of results handed from the query to the connection at a time, and how many such
/// chunks may wait: what one response holds in memory, whatever the size of its result.
const CHUNK: usize = 64 << 10;
const CHUNKS_WAITING: usize = 4;

/// How long past its timeout a query's first answer is waited for before the client gets 503.
const GRACE: Duration = Duration::from_millis(500);

/// Serves until the process ends. `ready` is told the bound address (useful with port 0).
pub fn serve(store: Store, settings: &Settings, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let server = Server::http(&settings.bind).map_err(|source| Error::Listen {
        address: settings.bind.clone(),
        source,
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Invalid(format!("{} is not an IP address", settings.bind)))?;
    ready(address);
    let server = Arc::new(server);
    let workers: Vec<_> = (0..settings.threads.max(1))
        .map(|_| {
            let (server, store, timeout) = (Arc::clone(&server), store.clone(), settings.timeout);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    handle(&store, timeout, request);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
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

fn handle(store: &Store, timeout: Duration, mut request: Request) {
    let response = answer(store, timeout, &mut request);
    let _ = request.respond(response);
}

fn answer(store: &Store, timeout: Duration, request: &mut Request) -> ResponseBox {
    let url = request.url().to_owned();
    let (path, query_string) = url.split_once('?').unwrap_or((&url, ""));
    match (request.method(), path) {
        (Method::Options, _) => reply(204, "text/plain", Vec::new()).boxed(),
        (Method::Get, "/") => {
            reply(200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()).boxed()
        }
        (Method::Get | Method::Post, "/sparql") => {
            let accept = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("Accept"))
                .map(|h| h.value.as_str().to_owned())
                .unwrap_or_default();
            match sparql_request(request, query_string) {
                Ok(query) => run(store, timeout, query, accept),
                Err(response) => response.boxed(),
            }
        }
        _ => text(404, "not found: the endpoint is /sparql, the query page /").boxed(),
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

/// What the query's thread hands the connection: the format chosen, bytes of results as they
/// are written, or the error that stopped it.
enum Chunk {
    Format(ResultFormat),
    Bytes(Vec<u8>),
    Failed(Error),
}

/// The query's side of the hand-over: results written in chunks into a bounded channel, so a
/// slow client holds back the query rather than filling memory.
struct ChunkWriter {
    to: SyncSender<Chunk>,
    buffer: Vec<u8>,
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            let bytes = std::mem::take(&mut self.buffer);
            // (The connection has gone: stop the query as a closed pipe stops a command.)
            self.to
                .send(Chunk::Bytes(bytes))
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        }
        Ok(())
    }
}

/// The connection's side: the body of the response, read as the query writes it. An error
/// after the first bytes ends the body early (the client sees a broken chunked response).
struct ChunkReader {
    from: Receiver<Chunk>,
    current: Cursor<Vec<u8>>,
}

impl Read for ChunkReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.current.read(out)?;
            if n > 0 {
                return Ok(n);
            }
            match self.from.recv() {
                Ok(Chunk::Bytes(bytes)) => self.current = Cursor::new(bytes),
                Ok(Chunk::Failed(e)) => {
                    return Err(std::io::Error::other(crate::error::report(&e)))
                }
                Ok(Chunk::Format(_)) | Err(_) => return Ok(0),
            }
        }
    }
}

/// Runs the query on its own thread under a timeout and streams its results: the status is
/// sent once the first chunk of results is ready, so a query that fails or times out before
/// (a sort, an aggregate, a syntax error) gets its 400 or 503, and memory stays at a few chunks
/// however large the result.
fn run(store: &Store, timeout: Duration, query: String, accept: String) -> ResponseBox {
    let token = CancellationToken::new();
    let (to, from) = mpsc::sync_channel::<Chunk>(CHUNKS_WAITING);
    {
        let (store, token) = (store.clone(), token.clone());
        std::thread::spawn(move || produce(&store, timeout, &query, &accept, token, to));
    }
    let failed = |e: Error| -> ResponseBox {
        if token.is_cancelled() {
            let seconds = timeout.as_secs_f64();
            text(
                503,
                &format!("the query ran longer than {seconds} s and was stopped"),
            )
            .boxed()
        } else {
            text(400, &crate::error::report(&e)).boxed()
        }
    };
    // (Oxigraph notices the cancellation between rows; a query busy inside one step (a join
    // building its table) may not for a while, and the client is answered at the timeout all
    // the same. The query's thread ends when it notices.)
    let deadline = Instant::now() + timeout + GRACE;
    let next = || from.recv_timeout(deadline.saturating_duration_since(Instant::now()));
    let format = match next() {
        Ok(Chunk::Format(format)) => format,
        Ok(Chunk::Failed(e)) => return failed(e),
        Err(RecvTimeoutError::Timeout) => {
            token.cancel();
            return failed(Error::Invalid("timed out".into()));
        }
        _ => return text(500, "the query stopped without an answer").boxed(),
    };
    let first = match next() {
        Ok(Chunk::Bytes(bytes)) => bytes,
        Ok(Chunk::Failed(e)) => return failed(e),
        Err(RecvTimeoutError::Timeout) => {
            token.cancel();
            return failed(Error::Invalid("timed out".into()));
        }
        _ => Vec::new(),
    };
    let body = ChunkReader {
        from,
        current: Cursor::new(first),
    };
    reply(200, format.media_type(), Vec::new())
        .with_data(body, None)
        .boxed()
}

/// The query's thread: runs it, a watchdog cancelling it at the timeout, and writes its results
/// into `to`.
fn produce(
    store: &Store,
    timeout: Duration,
    query: &str,
    accept: &str,
    token: CancellationToken,
    to: SyncSender<Chunk>,
) {
    let (done, finished) = mpsc::channel::<()>();
    let watchdog = {
        let token = token.clone();
        std::thread::spawn(move || {
            if finished.recv_timeout(timeout) == Err(mpsc::RecvTimeoutError::Timeout) {
                token.cancel();
            }
        })
    };
    let outcome = store
        .query_cancellable(query, &[], Some(token))
        .and_then(|results| {
            let format = negotiate(accept, matches!(results, QueryResults::Graph(_)));
            let _ = to.send(Chunk::Format(format));
            let mut writer = ChunkWriter {
                to: to.clone(),
                buffer: Vec::new(),
            };
            write_results(&mut writer, results, format)?;
            writer.flush().map_err(Error::write)
        });
    let _ = done.send(());
    let _ = watchdog.join();
    if let Err(e) = outcome {
        let _ = to.send(Chunk::Failed(e));
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
