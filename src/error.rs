//! Errors of the library. Each one names the file (and line, where there is one) so that a user
//! running zhkg over thousands of pages can find the bad input without a debugger.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not text in any encoding we read.
    #[error("{path}: {reason}")]
    Encoding { path: PathBuf, reason: String },
    /// A line of a data file (JSON Lines input, a lexicon) is unusable.
    #[error("{path}:{line}: {reason}")]
    Data {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// A user-supplied value (date, format name …) is malformed.
    #[error("{0}")]
    Invalid(String),
}

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
