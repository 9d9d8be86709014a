//! Errors of the library. Each one names the file (and line, where there is one) so that a user
//! running zhkg over thousands of pages can find the bad input without a debugger, and keeps
//! its cause as a `source`, so that a caller can match on the kind and walk the chain (a closed
//! pipe under a failed write is [`Error::is_broken_pipe`]). The message of each level leaves
//! its cause out; [`report`] (or anyhow's `{:#}`) writes the whole chain.

use std::path::PathBuf;

/// A cause from another library (RocksDB through Oxigraph, the SPARQL evaluator, a serializer).
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: cannot read")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not text in any encoding we read.
    #[error("{path}: {reason}")]
    Encoding {
        /// The file.
        path: PathBuf,
        /// Why its bytes could not be decoded.
        reason: String,
    },
    /// A line of a data file (JSON Lines input, a lexicon) is unusable.
    #[error("{path}:{line}: {reason}")]
    Data {
        /// The data file.
        path: PathBuf,
        /// The 1-based number of the bad line.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A user-supplied value (date, format name, query argument …) is malformed.
    #[error("{0}")]
    Invalid(String),
    /// No store in the directory a command was to read.
    #[error("{dir}: no zhkg store here (run `zhkg build INPUT… --store {dir}` first)")]
    NoStore {
        /// The directory given for the store.
        dir: PathBuf,
    },
    /// The store could not be opened, read or written: RocksDB's own error (a lock another
    /// process holds, a full disk, a damaged file) is the source.
    #[error("{dir}: store")]
    Store {
        /// The store's directory.
        dir: PathBuf,
        /// RocksDB's error, through Oxigraph.
        #[source]
        source: Cause,
    },
    /// Another process writes to the store (a `zhkg build`): RocksDB's lock is taken. Readers
    /// (`query`, `lookup`, `serve`) take no lock and may run beside it.
    #[error("{dir}: the store is in use by another process writing to it (a `zhkg build`?)")]
    Locked {
        /// The store's directory.
        dir: PathBuf,
        /// RocksDB's error about the lock.
        #[source]
        source: Cause,
    },
    /// The SPARQL text does not parse; the message points at the place.
    #[error("SPARQL syntax error: {message}")]
    Syntax {
        /// The parser's message; when it gives a position, the query's line follows with a `^`
        /// under the place.
        message: String,
    },
    /// A query failed while it ran (stopped at a timeout, or the store failed under it).
    #[error("query failed")]
    Query {
        /// The evaluator's or the store's error.
        #[source]
        source: Cause,
    },
    /// Output could not be written (a closed pipe, a full disk).
    #[error("writing output")]
    Write {
        /// The writer's or serializer's error.
        #[source]
        source: Cause,
    },
    /// The endpoint could not start a query worker process.
    #[error("cannot start the query worker {program}")]
    Worker {
        /// The program the endpoint tried to run.
        program: PathBuf,
        /// Why it could not be started.
        #[source]
        source: std::io::Error,
    },
    /// The endpoint could not listen on its address.
    #[error("cannot listen on {address}")]
    Listen {
        /// The address asked for (`127.0.0.1:7878`).
        address: String,
        /// Why it could not be bound.
        #[source]
        source: Cause,
    },
}

impl Error {
    /// An output error from any writer or serializer (their errors wrap `io::Error`).
    pub fn write(source: impl Into<Cause>) -> Error {
        Error::Write {
            source: source.into(),
        }
    }

    /// A failure while a query ran.
    pub fn query(source: impl Into<Cause>) -> Error {
        Error::Query {
            source: source.into(),
        }
    }

    /// True when the cause, at any depth, is a reader that went away (`zhkg query … | head`):
    /// not an error for a command line tool, which should stop quietly.
    pub fn is_broken_pipe(&self) -> bool {
        is_broken_pipe(self)
    }
}

/// The error and its causes on one line, `outer: inner: innermost`, as people read them.
pub fn report(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        let text = e.to_string();
        // (A wrapper that repeats its cause's words adds nothing.)
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = e.source();
    }
    out
}

/// True when `error` or any of its sources is a closed pipe, however it is wrapped
/// (`io::Error`, a serializer's error, `serde_json::Error`).
pub fn is_broken_pipe(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        let io_kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        if io_kind == Some(std::io::ErrorKind::BrokenPipe) {
            return true;
        }
        cause = e.source();
    }
    false
}

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_found_under_a_write_error() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(Error::write(pipe).is_broken_pipe());
        let full = std::io::Error::other("disk full");
        assert!(!Error::write(full).is_broken_pipe());
    }

    #[test]
    fn a_closed_pipe_is_found_under_serde_json() {
        struct Closed;
        impl std::io::Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let error = serde_json::to_writer(Closed, &vec![1, 2, 3]).unwrap_err();
        assert!(is_broken_pipe(&error));
        assert!(Error::write(error).is_broken_pipe());
    }

    #[test]
    fn store_errors_keep_their_cause() {
        let cause = std::io::Error::other("lock held by another process");
        let error = Error::Store {
            dir: "s".into(),
            source: cause.into(),
        };
        assert_eq!(error.to_string(), "s: store");
        assert_eq!(report(&error), "s: store: lock held by another process");
        assert!(std::error::Error::source(&error).is_some());
    }
}
