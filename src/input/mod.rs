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
    /// Standard input (`-` on the command line).
    Stdin,
    /// A file on disk.
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

/// An input read into memory and decoded: a page of text, or JSON Lines read whole.
#[derive(Debug, Clone)]
pub struct Document {
    /// The source's name (`-` for standard input).
    pub name: String,
    /// The text, decoded, with the byte offset of each character.
    pub decoded: Decoded,
    /// `Text` or `Jsonl`, never `Auto`.
    pub format: Format,
    /// Which page of its file (from 1): text files are read a page at a time, pages ending at
    /// form feeds.
    pub page: usize,
}

impl Document {
    /// Builds a document from text already in memory (the embedded sample, tests).
    pub fn from_text(name: &str, text: &str, format: Format) -> Document {
        Document {
            name: name.to_owned(),
            decoded: Decoded::from_utf8(text, 0, Encoding::Utf8),
            format,
            page: 1,
        }
    }

    /// The name in messages: the file's, with the page after the first.
    pub fn label(&self) -> String {
        match self.page {
            1 => self.name.clone(),
            page => format!("{} (page {page})", self.name),
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
    pub(crate) fn is_blank(&self) -> bool {
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
    /// Read and decoded whole (UTF-16 or binary-looking input).
    Whole(Document),
    /// A text file, read a page at a time.
    Pages(Pages),
    /// A JSON Lines input, read an article (one line) at a time.
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
    if utf16 || binary.is_some() {
        return read_whole(reader, source, format).map(Opened::Whole);
    }
    Ok(Opened::Pages(Pages::new(name, reader)))
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

/// The most of an input read whole (a UTF-16 file): a larger one should be JSON Lines or text,
/// which are read a line or a page at a time.
pub(crate) const MAX_WHOLE_BYTES: usize = 64 << 20;

/// The size past which text without a form feed is cut into parts, each laid out as a page: a
/// page of news is tens of kilobytes, so more is pages run together, and reading it whole
/// would take memory in proportion to the file.
pub(crate) const PART_BYTES: usize = 256 << 10;

/// The longest line of text or of JSON Lines read: a longer one is no article of news (a
/// dump without line breaks, a runaway file) and is skipped with a message naming it.
pub(crate) const MAX_LINE_BYTES: usize = 8 << 20;

/// The rest of `reader`, decoded.
fn read_whole(reader: impl Read, source: &Source, format: Format) -> Result<Document> {
    let name = source.name();
    let mut bytes = Vec::new();
    reader
        .take(MAX_WHOLE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&name, e))?;
    if bytes.len() > MAX_WHOLE_BYTES {
        return Err(Error::Data {
            path: name.into(),
            line: 1,
            reason: format!(
                "over {} MB of text read as one page; give a corpus as JSON Lines (one article a line) or as one file per page",
                MAX_WHOLE_BYTES >> 20
            ),
        });
    }
    if let Some((line, length)) = overlong_line(&bytes) {
        return Err(Error::Data {
            path: name.into(),
            line,
            reason: overlong(length),
        });
    }
    decode_document(name, &bytes, format, source)
}

/// A text input read a page at a time, pages ending at form feeds (`\x0C`, what `pdftotext`
/// writes after each page of a PDF), so a file of any number of pages takes the memory of the
/// pages in flight. Text that runs on past 256 KB without a form feed (page files joined with
/// `cat`, a corpus whose form feeds were stripped) is read in parts, each cut where a page or a
/// paragraph ends and laid out as a page. Each page is decoded alone (UTF-8, else GB18030) with
/// its bytes' offsets in the file; a page that cannot be read, or a line over 8 MB, is an error
/// naming its line, and what follows is read.
/// Blank pages are passed over (a file that is blank throughout gives its one blank page).
pub struct Pages {
    name: String,
    reader: Box<dyn BufRead + Send>,
    /// Pages read so far.
    page: usize,
    /// Where the next page starts: its byte in the file, its line.
    byte: usize,
    line: usize,
    /// Whether a page has been handed out.
    given: bool,
    /// The reader failed or ended.
    ended: bool,
    /// When to look for a cut in text without form feeds ([`PART_BYTES`]; less in tests).
    part: usize,
    /// What followed the last cut: the start of the next page.
    carry: Option<RawPage>,
}

/// One page's bytes as read: what it holds, what it dropped (an overlong line), how many line
/// breaks, and how it ended.
#[derive(Default)]
struct RawPage {
    bytes: Vec<u8>,
    /// Bytes of a line over [`MAX_LINE_BYTES`], read and dropped: the page is that line.
    dropped: usize,
    lines: usize,
    /// It ended at a form feed (read, and not in `bytes`).
    form_feed: bool,
    /// Nothing more is read into it: it ended at a form feed, at the end of its overlong line
    /// or of the input, or it was cut.
    complete: bool,
}

impl RawPage {
    /// How many bytes of the file it took.
    fn length(&self) -> usize {
        self.bytes.len() + self.dropped + usize::from(self.form_feed)
    }

    /// Ends the page at byte `at`; what follows is the start of the next page, which ends as
    /// this one would have.
    fn cut_at(&mut self, at: usize) -> RawPage {
        let bytes = self.bytes.split_off(at);
        let lines = line_breaks(&bytes);
        self.lines -= lines;
        let rest = RawPage {
            bytes,
            dropped: 0,
            lines,
            form_feed: self.form_feed,
            complete: self.complete,
        };
        self.form_feed = false;
        self.complete = true;
        rest
    }

    /// A page that is one line over [`MAX_LINE_BYTES`] keeps none of it: it is dropped (and
    /// the rest of the line with it, when more of it is read).
    fn drop_overlong(&mut self) {
        let (line, ended) = match self.bytes.strip_suffix(b"\n") {
            Some(line) => (line, true),
            None => (&self.bytes[..], false),
        };
        if line.len() > MAX_LINE_BYTES && !line.contains(&b'\n') {
            self.dropped = std::mem::take(&mut self.bytes).len();
            self.complete |= ended;
        }
    }
}

fn line_breaks(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

impl Pages {
    fn new(name: String, reader: Box<dyn BufRead + Send>) -> Pages {
        Pages {
            name,
            reader,
            page: 0,
            byte: 0,
            line: 1,
            given: false,
            ended: false,
            part: PART_BYTES,
            carry: None,
        }
    }

    /// The file's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads up to the next form feed or the end, cut once the page has [`PART_BYTES`] (where
    /// [`cut`] says, which depends on the bytes alone, not on how reads return them); a line
    /// growing past [`MAX_LINE_BYTES`] is read to its end and dropped.
    fn read_raw(&mut self) -> std::io::Result<RawPage> {
        let mut raw = self.carry.take().unwrap_or_default();
        // (Looked for a cut and found none: no line break came in since.)
        let mut looked = false;
        loop {
            if raw.bytes.len() >= self.part && !looked {
                match cut(&raw.bytes, self.part) {
                    Some(at) if at < raw.bytes.len() => {
                        self.carry = Some(raw.cut_at(at));
                        raw.drop_overlong();
                        return Ok(raw);
                    }
                    // (The cut is where the bytes end: it is made once one more comes in.)
                    Some(_) => {}
                    None => looked = true,
                }
            }
            raw.drop_overlong();
            if raw.complete {
                return Ok(raw);
            }
            let breaks = self.read_more(&mut raw)?;
            looked &= breaks == 0;
        }
    }

    /// Reads the next bytes into `raw`, up to its form feed (or, for an overlong line being
    /// dropped, its line break). Returns how many line breaks came in.
    fn read_more(&mut self, raw: &mut RawPage) -> std::io::Result<usize> {
        let buffer = self.reader.fill_buf()?;
        if buffer.is_empty() {
            raw.complete = true;
            return Ok(0);
        }
        let dropping = raw.dropped > 0;
        let stop = buffer
            .iter()
            .position(|&b| b == b'\x0C' || (dropping && b == b'\n'));
        let form_feed = stop.is_some_and(|i| buffer[i] == b'\x0C');
        let content = &buffer[..stop.map_or(buffer.len(), |i| i + usize::from(!form_feed))];
        let breaks = line_breaks(content);
        if dropping {
            raw.dropped += content.len();
        } else {
            raw.bytes.extend_from_slice(content);
        }
        raw.lines += breaks;
        raw.form_feed = form_feed;
        raw.complete = stop.is_some();
        let consumed = content.len() + usize::from(form_feed);
        self.reader.consume(consumed);
        Ok(breaks)
    }

    /// The page read as `raw`, starting at `byte` and `line` of the file.
    fn page(&self, raw: RawPage, byte: usize, line: usize) -> Result<Document> {
        if raw.dropped > 0 {
            let reason = overlong(raw.dropped - raw.lines);
            return Err(Error::Data {
                path: self.name.clone().into(),
                line,
                reason: match self.page {
                    1 => reason,
                    page => format!("page {page}: {reason}"),
                },
            });
        }
        let decoded =
            encoding::decode_page(&raw.bytes, byte, line).map_err(|e| Error::Encoding {
                path: self.name.clone().into(),
                reason: match self.page {
                    1 => e.0,
                    page => format!("page {page}: {}", e.0),
                },
            })?;
        Ok(Document {
            name: self.name.clone(),
            decoded,
            format: Format::Text,
            page: self.page,
        })
    }
}

impl Iterator for Pages {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        while !self.ended {
            let raw = match self.read_raw() {
                Ok(raw) => raw,
                Err(e) => {
                    self.ended = true;
                    return Some(Err(io_error(&self.name, e)));
                }
            };
            let (byte, line) = (self.byte, self.line);
            if raw.length() == 0 {
                self.ended = true;
                if self.given {
                    return None;
                }
                // (A file blank throughout: its one page, blank.)
                self.page = 1;
                self.given = true;
                return Some(self.page(raw, byte, line));
            }
            self.byte += raw.length();
            self.line += raw.lines;
            self.page += 1;
            if raw.dropped == 0 && raw.bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.given = true;
            return Some(self.page(raw, byte, line));
        }
        None
    }
}

/// Where a part of text without form feeds ends: a line start in `bytes`, chosen in its first
/// `part` bytes so that a story is rarely cut in two. The last gap of two or more blank lines
/// (where pages run together: page files end in blank lines), else the last blank line after a
/// line that ends a sentence (a paragraph's end; a blank line after a line broken mid-word is a
/// PDF column break), each looked for in the second half so parts stay large; else the last
/// line break; a line longer than `part` ends with its line break. None when there is none.
fn cut(bytes: &[u8], part: usize) -> Option<usize> {
    let window = &bytes[..part.min(bytes.len())];
    let Some(last) = window.iter().rposition(|&b| b == b'\n') else {
        let after = bytes[window.len()..].iter().position(|&b| b == b'\n')?;
        return Some(window.len() + after + 1);
    };
    let (mut gap, mut paragraph) = (None, None);
    let (mut blanks, mut after_sentence, mut start) = (0, false, 0);
    // (The window's last line may be cut short: enough to see that it is not blank.)
    for line in window.split_inclusive(|&b| b == b'\n') {
        if String::from_utf8_lossy(line).trim().is_empty() {
            blanks += 1;
        } else {
            if start >= part / 2 && blanks >= 2 {
                gap = Some(start);
            } else if start >= part / 2 && blanks == 1 && after_sentence {
                paragraph = Some(start);
            }
            blanks = 0;
            after_sentence = ends_sentence(line);
        }
        start += line.len();
    }
    Some(gap.or(paragraph).unwrap_or(last + 1))
}

/// Whether a line of text in UTF-8 or GB18030 ends a sentence (。！？ …, closing quotes aside).
fn ends_sentence(line: &[u8]) -> bool {
    let text = match std::str::from_utf8(line) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(line).0,
    };
    crate::layout::ends_sentence(text.trim())
}

/// Why a line of `length` bytes is skipped.
fn overlong(length: usize) -> String {
    format!(
        "a line of {:.1} MB, over the {} MB a line may have: no news text; skipped",
        length as f64 / 1048576.0,
        MAX_LINE_BYTES >> 20
    )
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
        page: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages of `bytes` read as a text file, each a page or an error's message.
    fn pages(bytes: &[u8], part: usize) -> Vec<std::result::Result<Document, String>> {
        let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes.to_vec()));
        read_pages(reader, part)
    }

    /// The pages of `bytes` read a byte at a time, as a slow pipe may give them.
    fn pages_bytewise(bytes: &[u8], part: usize) -> Vec<std::result::Result<Document, String>> {
        let cursor = std::io::Cursor::new(bytes.to_vec());
        read_pages(Box::new(BufReader::with_capacity(1, cursor)), part)
    }

    fn read_pages(
        reader: Box<dyn BufRead + Send>,
        part: usize,
    ) -> Vec<std::result::Result<Document, String>> {
        let mut pages = Pages::new("paper.txt".into(), reader);
        pages.part = part;
        pages.map(|p| p.map_err(|e| e.to_string())).collect()
    }

    /// The bytes of the file under a page's text.
    fn file_bytes<'a>(file: &'a [u8], page: &Document) -> &'a [u8] {
        let starts = &page.decoded.byte_starts;
        &file[starts[0]..starts[starts.len() - 1]]
    }

    #[test]
    fn pages_end_at_form_feeds_and_keep_their_place_in_the_file() {
        let file = "第一版\n本报讯 市委开会。\x0C第二版\n\x0C \n\x0C第三版\x0C".as_bytes();
        let read: Vec<Document> = pages(file, PART_BYTES)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let seen: Vec<(usize, &str)> = read
            .iter()
            .map(|p| (p.page, p.decoded.text.as_str()))
            .collect();
        // (The blank third page is passed over; so is the nothing after the last form feed.)
        assert_eq!(
            seen,
            [
                (1, "第一版\n本报讯 市委开会。"),
                (2, "第二版\n"),
                (4, "第三版")
            ]
        );
        for page in &read {
            assert_eq!(file_bytes(file, page), page.decoded.text.as_bytes());
        }
        assert_eq!(read[2].label(), "paper.txt (page 4)");
    }

    #[test]
    fn each_page_is_decoded_alone_gbk_beside_utf8() {
        let (gbk, _, _) = encoding_rs::GBK.encode("焦作市委书记调研");
        let mut file = b"\xEF\xBB\xBF".to_vec();
        file.extend_from_slice("本报讯\x0C".as_bytes());
        file.extend_from_slice(&gbk);
        let read: Vec<Document> = pages(&file, PART_BYTES)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(read[0].decoded.encoding, Encoding::Utf8Bom);
        assert_eq!(read[0].decoded.byte_starts[0], 3);
        assert_eq!(read[1].decoded.text, "焦作市委书记调研");
        assert!(read[1].decoded.encoding.is_transcoded());
        assert_eq!(file_bytes(&file, &read[1]), &gbk[..]);
    }

    /// The texts of pages read with parts of `part` bytes, all of which must read.
    fn texts(file: &[u8], part: usize) -> Vec<String> {
        let read = pages(file, part).into_iter().map(Result::unwrap);
        read.map(|page| {
            if !page.decoded.encoding.is_transcoded() {
                assert_eq!(file_bytes(file, &page), page.decoded.text.as_bytes());
            }
            page.decoded.text
        })
        .collect()
    }

    #[test]
    fn pages_run_together_without_form_feeds_are_cut_where_one_ends() {
        // (Page files end in blank lines; `cat` leaves them between the pages.)
        let page =
            "本报讯（记者 张三）市委召开会议，\n\n研究部署工作。\n\n会议强调，要抓好落实。\n\n\n";
        let file = page.repeat(3);
        let read = texts(file.as_bytes(), page.len() + 10);
        assert_eq!(read, [page, page, page]);
        // (Parts stay large: past the size, the last gap in the part's second half is taken.)
        let read = texts(file.as_bytes(), 2 * page.len() + 10);
        assert_eq!(read, [page.repeat(2), page.to_owned()]);
    }

    #[test]
    fn without_a_gap_a_part_ends_with_a_paragraph_not_at_a_column_break() {
        // (A blank line after 工 is a PDF column break inside a sentence; after 。 a paragraph.)
        let file = "听取有关负责人对工\n\n业设计的讲解。\n\n这个展厅以工业设计为主线，\n\n通过对比展现价值。\n";
        let read = texts(file.as_bytes(), 100);
        assert_eq!(
            read,
            [
                "听取有关负责人对工\n\n业设计的讲解。\n\n",
                "这个展厅以工业设计为主线，\n\n通过对比展现价值。\n"
            ]
        );
        // (GBK alike.)
        let (gbk, _, _) = encoding_rs::GBK.encode(file);
        assert_eq!(texts(&gbk, 70), read);
        // (No paragraph either: the last line break.)
        assert_eq!(
            texts("一行\n二行\n三".as_bytes(), 14),
            ["一行\n二行\n", "三"]
        );
        // (A line longer than a part: to its end.)
        assert_eq!(
            texts("一行\n二行\n三".as_bytes(), 3),
            ["一行\n", "二行\n", "三"]
        );
    }

    #[test]
    fn an_overlong_line_is_reported_at_its_line_and_what_follows_is_read() {
        // (8,388,615 bytes: read 8 at a time, the line's break comes in with its last bytes.)
        let long = "长".repeat(MAX_LINE_BYTES / 3 + 3);
        let file = format!("一\n二\n{long}\n三\n\x0C第二页");
        let read = pages(file.as_bytes(), 1000);
        assert_eq!(read.len(), 4);
        assert_eq!(read[0].as_ref().unwrap().decoded.text, "一\n二\n");
        let error = read[1].as_ref().unwrap_err();
        assert!(
            error.starts_with("paper.txt:3: page 2: a line of 8.0 MB"),
            "{error}"
        );
        let third = read[2].as_ref().unwrap();
        assert_eq!(third.decoded.text, "三\n");
        assert_eq!(third.decoded.byte_starts[0], file.find('三').unwrap());
        assert_eq!(read[3].as_ref().unwrap().decoded.text, "第二页");
        // (Read in pieces, as from a file or a pipe: the same.)
        let messages = |read: &[std::result::Result<Document, String>]| -> Vec<_> {
            read.iter()
                .map(|p| {
                    p.as_ref()
                        .map(|p| p.decoded.text.clone())
                        .map_err(Clone::clone)
                })
                .collect()
        };
        for capacity in [8, 4096] {
            let cursor = std::io::Cursor::new(file.clone().into_bytes());
            let pieces = read_pages(Box::new(BufReader::with_capacity(capacity, cursor)), 1000);
            assert_eq!(
                messages(&pieces),
                messages(&read),
                "read {capacity} at a time"
            );
        }
    }

    proptest::proptest! {
        /// Whatever the bytes, pages come in order, apart, each character on bytes of its own
        /// inside the file.
        #[test]
        fn pages_of_any_bytes_keep_to_their_bytes(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::collection::vec(proptest::num::u8::ANY, 0..40),
                    proptest::strategy::Just(b"\x0C".to_vec()),
                    proptest::strategy::Just("焦作\n".as_bytes().to_vec()),
                ],
                0..12,
            )
        ) {
            let file = parts.concat();
            let mut end = 0;
            for page in pages(&file, 64).into_iter().flatten() {
                let starts = &page.decoded.byte_starts;
                proptest::prop_assert!(starts.windows(2).all(|w| w[0] < w[1]) || page.is_blank());
                proptest::prop_assert!(starts[0] >= end && starts[starts.len() - 1] <= file.len());
                end = starts[starts.len() - 1];
            }
        }
    }

    proptest::proptest! {
        /// However text is cut into parts, every byte but form feeds and blank pages is on
        /// a page, and every page reads.
        #[test]
        fn text_cut_into_parts_loses_no_byte(
            parts in proptest::collection::vec(
                proptest::sample::select(&["焦作", "\n", "\n\n\n", "。\n\n", " ", "\x0C"][..]),
                0..60,
            ),
            part in 1usize..40,
        ) {
            let file = parts.concat();
            let gap = |bytes: &str| bytes.chars().all(|c| c.is_ascii_whitespace());
            let mut at = 0;
            for page in pages(file.as_bytes(), part) {
                let page = page.map_err(proptest::test_runner::TestCaseError::fail)?;
                let starts = &page.decoded.byte_starts;
                let (start, end) = (starts[0], starts[starts.len() - 1]);
                proptest::prop_assert!(gap(&file[at..start]), "{:?} lost", &file[at..start]);
                at = end;
            }
            proptest::prop_assert!(gap(&file[at..]), "{:?} lost", &file[at..]);
            // (Read a byte at a time, the same pages.)
            let texts = |read: Vec<std::result::Result<Document, String>>| -> Vec<_> {
                read.into_iter().map(|p| p.map(|p| (p.page, p.decoded.text))).collect()
            };
            proptest::prop_assert_eq!(
                texts(pages(file.as_bytes(), part)),
                texts(pages_bytewise(file.as_bytes(), part))
            );
        }
    }

    #[test]
    fn a_blank_file_is_one_blank_page() {
        let read = pages(b"\n \x0C\n", PART_BYTES);
        assert_eq!(read.len(), 1);
        let page = read[0].as_ref().unwrap();
        assert!(page.is_blank());
        assert_eq!(page.page, 1);
    }
}
