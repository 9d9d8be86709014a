//! Reading inputs: files, directories (recursively, `*.txt` and `*.jsonl`, in sorted order) and
//! standard input, in any encoding [`encoding`] detects.
//!
//! Reading never stops at the first bad file: [`expand_paths`] and [`read_source`] report each
//! problem as an [`Error`] naming the file, and the caller goes on with the rest.

pub mod encoding;
pub mod jsonl;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::layout::spacing::SourceChar;
pub use encoding::{Decoded, Encoding};

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `.jsonl` files as JSON Lines, everything else as text; standard input is sniffed.
    #[default]
    Auto,
    /// A newspaper page or a single article.
    Text,
    /// One article per line: `id`, `title`, `date`, `text`, optional `url`, `source`.
    Jsonl,
}

/// Where text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// The name used in records and messages (`-` for standard input).
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// An input read into memory and decoded.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub decoded: Decoded,
    /// `Text` or `Jsonl`, never `Auto`.
    pub format: Format,
}

impl Document {
    /// Builds a document from text already in memory (the embedded sample, tests).
    pub fn from_text(name: &str, text: &str, format: Format) -> Document {
        Document {
            name: name.to_owned(),
            decoded: Decoded::from_utf8(text, 0, Encoding::Utf8),
            format,
        }
    }

    /// Every character with its byte range in the input.
    pub fn source_chars(&self) -> Vec<SourceChar> {
        self.decoded
            .text
            .chars()
            .zip(self.decoded.byte_starts.windows(2))
            .map(|(c, w)| (c, (w[0], w[1])))
            .collect()
    }

    /// True when there is nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.decoded.text.trim().is_empty()
    }
}

/// Turns command-line paths into sources: `-` is standard input, a directory contributes its
/// `*.txt` and `*.jsonl` files recursively in sorted order. A missing path is an error; the
/// others are still returned.
pub fn expand_paths(inputs: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if input.is_dir() {
            walk(input, &mut sources, &mut errors);
        } else if input.exists() {
            sources.push(Source::File(input.clone()));
        } else {
            errors.push(Error::Io {
                path: input.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                ),
            });
        }
    }
    (sources, errors)
}

fn walk(dir: &Path, sources: &mut Vec<Source>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(Error::Io {
                path: dir.to_owned(),
                source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, sources, errors);
        } else if matches!(extension(&path).as_deref(), Some("txt" | "jsonl")) {
            sources.push(Source::File(path));
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// An input opened for reading: JSON Lines stream a line at a time; a text page (which layout
/// repair needs whole) or a UTF-16 file is read and decoded whole.
pub enum Opened {
    Whole(Document),
    Lines(jsonl::Lines<Box<dyn BufRead + Send>>),
}

/// Opens one source. JSON Lines (`.jsonl` files, `--format jsonl`, or standard input whose first
/// line is a JSON object) are not read here but line by line as they are extracted, so an input
/// of any size takes the memory of the articles in flight.
pub fn open(source: &Source, format: Format) -> Result<Opened> {
    let name = source.name();
    let io_error = |e| io_error(&name, e);
    let mut reader = reader(source)?;
    let (utf16, binary) = {
        let head = reader.fill_buf().map_err(io_error)?;
        let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
        (utf16, encoding::check_not_binary(head).err())
    };
    let jsonl = match (format, source) {
        _ if utf16 => false,
        (Format::Jsonl, _) => true,
        (Format::Auto, Source::File(path)) => extension(path).as_deref() == Some("jsonl"),
        (Format::Auto, Source::Stdin) => {
            let (head, jsonl) = sniff(&mut reader).map_err(io_error)?;
            reader = Box::new(std::io::Cursor::new(head).chain(reader));
            jsonl
        }
        (Format::Text, _) => false,
    };
    if jsonl {
        // A compressed or binary file named .jsonl: one clear error, not one per "line".
        if let Some(e) = binary {
            return Err(Error::Encoding {
                path: name.into(),
                reason: e.0,
            });
        }
        return Ok(Opened::Lines(jsonl::Lines::new(&name, reader)));
    }
    read_whole(reader, source, format).map(Opened::Whole)
}

/// A buffered reader of `source`.
fn reader(source: &Source) -> Result<Box<dyn BufRead + Send>> {
    Ok(match source {
        Source::Stdin => Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
        Source::File(path) => Box::new(BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(path).map_err(|e| io_error(&source.name(), e))?,
        )),
    })
}

fn io_error(name: &str, source: std::io::Error) -> Error {
    Error::Io {
        path: name.into(),
        source,
    }
}

/// Reads standard input up to its first non-blank line; whether that line is a JSON object.
/// Returns what was read, to be read again.
fn sniff(reader: &mut impl BufRead) -> std::io::Result<(Vec<u8>, bool)> {
    let mut head = Vec::new();
    loop {
        let start = head.len();
        if reader.read_until(b'\n', &mut head)? == 0 {
            return Ok((head, false));
        }
        let line = String::from_utf8_lossy(&head[start..]);
        let line = line.trim_start_matches('\u{feff}');
        if !line.trim().is_empty() {
            let jsonl = jsonl::looks_like_jsonl(line);
            return Ok((head, jsonl));
        }
    }
}

/// Reads and decodes one source whole.
pub fn read_source(source: &Source, format: Format) -> Result<Document> {
    read_whole(reader(source)?, source, format)
}

/// The most of a text input read as one page: layout repair needs a page whole, and a page
/// of news is tens of kilobytes, so a larger file is a corpus in the wrong shape (give it as
/// JSON Lines, one article a line, which is read a line at a time).
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// The longest line of text or of JSON Lines read: a longer one is no article of news (a
/// dump without line breaks, a runaway file) and is skipped with a message naming it.
pub const MAX_LINE_BYTES: usize = 8 << 20;

/// The rest of `reader`, decoded.
fn read_whole(reader: impl Read, source: &Source, format: Format) -> Result<Document> {
    let name = source.name();
    let mut bytes = Vec::new();
    reader
        .take(MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&name, e))?;
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(Error::Data {
            path: name.into(),
            line: 1,
            reason: format!(
                "over {} MB of text read as one page; give a corpus as JSON Lines (one article a line) or as one file per page",
                MAX_PAGE_BYTES >> 20
            ),
        });
    }
    if let Some((line, length)) = overlong_line(&bytes) {
        return Err(Error::Data {
            path: name.into(),
            line,
            reason: format!(
                "a line of {:.1} MB, over the {} MB a line may have: no news text; skipped",
                length as f64 / 1048576.0,
                MAX_LINE_BYTES >> 20
            ),
        });
    }
    decode_document(name, &bytes, format, source)
}

/// The first line longer than [`MAX_LINE_BYTES`]: its number and length.
fn overlong_line(bytes: &[u8]) -> Option<(usize, usize)> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .find(|(_, line)| line.len() > MAX_LINE_BYTES)
        .map(|(n, line)| (n + 1, line.len()))
}

fn decode_document(
    name: String,
    bytes: &[u8],
    format: Format,
    source: &Source,
) -> Result<Document> {
    let decoded = encoding::decode(bytes).map_err(|e| Error::Encoding {
        path: name.clone().into(),
        reason: e.0,
    })?;
    let format = match (format, source) {
        (Format::Auto, Source::File(path)) if extension(path).as_deref() == Some("jsonl") => {
            Format::Jsonl
        }
        (Format::Auto, Source::Stdin) if jsonl::looks_like_jsonl(&decoded.text) => Format::Jsonl,
        (Format::Auto, _) => Format::Text,
        (f, _) => f,
    };
    Ok(Document {
        name,
        decoded,
        format,
    })
}
