//! JSON Lines input: one article per line, `{"id", "title", "date", "text", "url"?, "source"?}`.
//!
//! The `text` value is read raw and unescaped here, character by character, so each character of
//! the article keeps the byte range it occupies in the file — escapes included (`\n`, `\u4e2d`).

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{encoding, Document};
use crate::error::Error;
use crate::layout::spacing::SourceChar;
use crate::time::parse_date;

/// One article read from a JSON Lines file.
#[derive(Debug, Clone)]
pub struct JsonArticle {
    /// The article's `id` (a number is kept as its text; `file:line` when missing or empty).
    pub id: String,
    /// The headline, unless missing or blank.
    pub title: Option<String>,
    /// ISO date, when the line had a valid one.
    pub date: Option<String>,
    /// The `url` field, if given.
    pub url: Option<String>,
    /// The `source` field (the paper or site), if given.
    pub source: Option<String>,
    /// Characters of `text` with their byte ranges in the file.
    pub chars: Vec<SourceChar>,
    /// 1-based line number.
    pub line: usize,
    /// Byte offset in the file where the line starts.
    pub byte_start: usize,
    /// Byte offset in the file just past the line's last character.
    pub byte_end: usize,
}

#[derive(Deserialize)]
struct Line<'a> {
    id: Option<serde_json::Value>,
    title: Option<String>,
    date: Option<serde_json::Value>,
    #[serde(borrow)]
    text: Option<&'a RawValue>,
    url: Option<String>,
    source: Option<String>,
}

/// True if the first non-blank line parses as a JSON object (used to sniff standard input).
pub(crate) fn looks_like_jsonl(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            l.trim_start().starts_with('{')
                && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(l).is_ok()
        })
}

/// The articles of a document already in memory, one line at a time; a bad line is an error
/// naming file and line, and the lines after it still count.
pub fn parse(doc: &Document) -> impl Iterator<Item = Result<JsonArticle, Error>> + '_ {
    let mut char_index = 0; // character index of the line's start in the decoded text
    doc.decoded
        .text
        .split_inclusive('\n')
        .enumerate()
        .flat_map(move |(i, line)| {
            let first = char_index;
            let n = line.chars().count();
            char_index += n;
            let body = line.trim_end_matches(['\n', '\r']);
            let starts = &doc.decoded.byte_starts[first..=first + n];
            article_or_errors(&doc.name, body, starts, i + 1)
        })
}

/// Reads JSON Lines from `reader` a line at a time, so a file of any size takes the memory of one
/// line. Each line is decoded on its own (UTF-8, else GB18030; a UTF-8 byte-order mark at the
/// start is skipped) and keeps its byte offsets in the input.
pub struct Lines<R> {
    name: String,
    reader: R,
    line: usize,
    offset: usize,
    buf: Vec<u8>,
    pending: Vec<Result<JsonArticle, Error>>,
    transcoded: bool,
    done: bool,
}

impl<R: std::io::BufRead> Lines<R> {
    /// Lines of `reader`, named `name` in records and messages.
    pub fn new(name: &str, reader: R) -> Lines<R> {
        Lines {
            name: name.to_owned(),
            reader,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            pending: Vec::new(),
            transcoded: false,
            done: false,
        }
    }

    /// True once a line had to be transcoded from GBK/GB18030.
    pub fn transcoded(&self) -> bool {
        self.transcoded
    }

    /// The same lines under another name (standard input standing for a file, `--source-name`).
    pub fn renamed(mut self, name: &str) -> Lines<R> {
        self.name = name.to_owned();
        self
    }

    /// The input's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads the next line into `buf`; false at the end of the input.
    fn next_line(&mut self) -> Result<bool, Error> {
        self.buf.clear();
        let read = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|source| Error::Io {
                path: self.name.clone().into(),
                source,
            })?;
        if self.line == 0 && self.buf.starts_with(b"\xEF\xBB\xBF") {
            self.buf.drain(..3);
            self.offset = 3;
        }
        self.line += 1;
        Ok(read > 0)
    }

    /// The articles and problems of the line in `buf`, in the order met.
    fn parse_buffered(&mut self) -> Vec<Result<JsonArticle, Error>> {
        let base = self.offset;
        self.offset += self.buf.len();
        let mut end = self.buf.len();
        while end > 0 && matches!(self.buf[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        let bytes = &self.buf[..end];
        if bytes.len() > super::MAX_LINE_BYTES {
            let reason = format!(
                "a line of {:.1} MB, over the {} MB an article may have; skipped",
                bytes.len() as f64 / 1048576.0,
                super::MAX_LINE_BYTES >> 20
            );
            return vec![Err(line_error(&self.name, self.line, reason))];
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Vec::new();
        }
        match encoding::decode_line(bytes, base) {
            Ok(decoded) => {
                self.transcoded |= decoded.encoding.is_transcoded();
                article_or_errors(&self.name, &decoded.text, &decoded.byte_starts, self.line)
            }
            Err(e) => vec![Err(line_error(&self.name, self.line, e.0))],
        }
    }
}

impl<R: std::io::BufRead> Iterator for Lines<R> {
    type Item = Result<JsonArticle, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.pending.is_empty() {
            if self.done {
                return None;
            }
            match self.next_line() {
                Ok(true) => {
                    let mut parsed = self.parse_buffered();
                    parsed.reverse();
                    self.pending = parsed;
                }
                Ok(false) => return None,
                Err(e) => {
                    // The input cannot be read on: say so once and stop.
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        self.pending.pop()
    }
}

/// The article of one line (after the complaint about its date, if any), or why there is none.
fn article_or_errors(
    name: &str,
    body: &str,
    starts: &[usize],
    line: usize,
) -> Vec<Result<JsonArticle, Error>> {
    if body.trim().is_empty() {
        return Vec::new();
    }
    match parse_line(name, body, starts, line) {
        Ok((article, None)) => vec![Ok(article)],
        Ok((article, Some(problem))) => vec![Err(line_error(name, line, problem)), Ok(article)],
        Err(reason) => vec![Err(line_error(name, line, reason))],
    }
}

fn line_error(name: &str, line: usize, reason: String) -> Error {
    Error::Data {
        path: name.into(),
        line,
        reason,
    }
}

/// One line as an article, plus a complaint about its date if the date was unusable (the article
/// is kept, without a date). `starts` holds the input byte offset of each character of `body`
/// and of its end.
fn parse_line(
    name: &str,
    body: &str,
    starts: &[usize],
    line: usize,
) -> Result<(JsonArticle, Option<String>), String> {
    let parsed: Line = serde_json::from_str(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let raw = parsed.text.ok_or("no \"text\" field")?;
    let raw_text = raw.get();
    if !raw_text.starts_with('"') {
        return Err("\"text\" is not a string".into());
    }
    let raw_offset = raw_text.as_ptr() as usize - body.as_ptr() as usize;
    // Byte ranges in the file of each character of the line.
    let line_chars: Vec<SourceChar> = body
        .chars()
        .enumerate()
        .map(|(k, c)| (c, (starts[k], starts[k + 1])))
        .collect();
    let raw_first = body[..raw_offset].chars().count();
    let raw_len = raw_text.chars().count();
    let chars = unescape(&line_chars[raw_first + 1..raw_first + raw_len - 1])?;
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{name}:{line}"),
    };
    let (date, date_problem) = match parsed.date {
        None | Some(serde_json::Value::Null) => (None, None),
        Some(value) => {
            let written = match &value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match parse_date(&written) {
                Some(date) => (Some(date), None),
                None => (
                    None,
                    Some(format!(
                        "bad date {value} (want YYYY-MM-DD or YYYYMMDD); kept without a date"
                    )),
                ),
            }
        }
    };
    let article = JsonArticle {
        id,
        title: parsed.title.filter(|t| !t.trim().is_empty()),
        date,
        url: parsed.url,
        source: parsed.source,
        chars,
        line,
        byte_start: line_chars.first().map_or(0, |c| c.1 .0),
        byte_end: line_chars.last().map_or(0, |c| c.1 .1),
    };
    Ok((article, date_problem))
}

/// Unescapes the inside of a JSON string, keeping each output character's input byte range.
fn unescape(raw: &[SourceChar]) -> Result<Vec<SourceChar>, String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (c, range) = raw[i];
        if c != '\\' {
            out.push((c, range));
            i += 1;
            continue;
        }
        let escape = raw.get(i + 1).ok_or("string ends in a backslash")?.0;
        let simple = match escape {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'u' => None,
            other => return Err(format!("bad escape \\{other}")),
        };
        if let Some(s) = simple {
            out.push((s, (range.0, raw[i + 1].1 .1)));
            i += 2;
            continue;
        }
        let unit = |at: usize| -> Option<u16> {
            let hex: String = raw.get(at + 2..at + 6)?.iter().map(|c| c.0).collect();
            u16::from_str_radix(&hex, 16).ok()
        };
        let first = unit(i).ok_or("bad \\u escape")?;
        let (decoded, len) = if (0xD800..0xDC00).contains(&first) {
            let second = (raw.get(i + 6).map(|c| c.0) == Some('\\'))
                .then(|| unit(i + 6))
                .flatten()
                .ok_or("lone surrogate in \\u escape")?;
            let c = char::decode_utf16([first, second])
                .next()
                .and_then(|r| r.ok())
                .ok_or("bad surrogate pair")?;
            (c, 12)
        } else {
            (
                char::from_u32(first as u32).ok_or("lone surrogate in \\u escape")?,
                6,
            )
        };
        out.push((decoded, (range.0, raw[i + len - 1].1 .1)));
        i += len;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Format;

    fn doc(text: &str) -> Document {
        Document::from_text("in.jsonl", text, Format::Jsonl)
    }

    /// Articles and problems apart, each in input order.
    fn split(doc: &Document) -> (Vec<JsonArticle>, Vec<Error>) {
        let (articles, errors): (Vec<_>, Vec<_>) = parse(doc).partition(Result::is_ok);
        let articles = articles.into_iter().map(Result::unwrap).collect();
        (
            articles,
            errors.into_iter().map(|e| e.unwrap_err()).collect(),
        )
    }

    /// What reading `bytes` a line at a time gives.
    fn read(bytes: &[u8]) -> Vec<Result<JsonArticle, String>> {
        Lines::new("in.jsonl", bytes)
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn reading_a_line_at_a_time_gives_what_reading_whole_gives() {
        let text = "\u{feff}{\"id\":\"a\",\"text\":\"正文\\n二\"}\r\n\nbad\n{\"id\":\"b\",\"text\":\"乙\"}";
        let whole = crate::input::encoding::decode(text.as_bytes()).unwrap();
        let whole = Document {
            name: "in.jsonl".into(),
            decoded: whole,
            format: Format::Jsonl,
            page: 1,
        };
        let expected: Vec<Result<(String, Vec<SourceChar>), String>> = parse(&whole)
            .map(|r| r.map(|a| (a.id, a.chars)).map_err(|e| e.to_string()))
            .collect();
        let streamed: Vec<Result<(String, Vec<SourceChar>), String>> = read(text.as_bytes())
            .into_iter()
            .map(|r| r.map(|a| (a.id, a.chars)))
            .collect();
        assert_eq!(streamed, expected);
        assert_eq!(
            streamed[1],
            Err("in.jsonl:3: invalid JSON: expected value at line 1 column 1".into())
        );
        let (_, chars) = streamed[2].clone().unwrap();
        assert_eq!(
            &text.as_bytes()[chars[0].1 .0..chars[0].1 .1],
            "乙".as_bytes()
        );
    }

    #[test]
    fn each_line_is_decoded_alone_so_gbk_lines_keep_their_bytes() {
        let mut bytes = b"{\"id\":\"u\",\"text\":\"\xE7\x94\xB2\"}\n".to_vec();
        let (gbk, _, _) = encoding_rs::GBK.encode("{\"id\":\"g\",\"text\":\"焦作\"}\n");
        let at = bytes.len();
        bytes.extend_from_slice(&gbk);
        bytes.extend_from_slice(b"{\"id\":\"x\",\"text\":\"\xFF\"}\n");
        let read = read(&bytes);
        let gbk_article = read[1].as_ref().unwrap();
        let text: String = gbk_article.chars.iter().map(|c| c.0).collect();
        assert_eq!(text, "焦作");
        let first = gbk_article.chars[0].1;
        assert_eq!(&bytes[first.0..first.1], &gbk[first.0 - at..first.1 - at]);
        let error = read[2].as_ref().unwrap_err();
        assert!(error.starts_with("in.jsonl:3: invalid UTF-8"), "{error}");
    }

    #[test]
    fn reads_articles_with_their_ids_and_dates() {
        let (articles, errors) = split(&doc(
            "{\"id\":\"a1\",\"title\":\"标题\",\"date\":\"20220101\",\"text\":\"正文\"}\n",
        ));
        assert!(errors.is_empty());
        assert_eq!(articles[0].id, "a1");
        assert_eq!(articles[0].date.as_deref(), Some("2022-01-01"));
        let text: String = articles[0].chars.iter().map(|c| c.0).collect();
        assert_eq!(text, "正文");
    }

    #[test]
    fn escaped_characters_map_to_their_escape_bytes() {
        let line = r#"{"id":"x","text":"a\n\u4e2db"}"#;
        let (articles, _) = split(&doc(line));
        let chars = &articles[0].chars;
        let text: String = chars.iter().map(|c| c.0).collect();
        assert_eq!(text, "a\n中b");
        let at = line.find("\\u4e2d").unwrap();
        assert_eq!(chars[2].1, (at, at + 6));
        assert_eq!(&line[chars[3].1 .0..chars[3].1 .1], "b");
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let (articles, errors) = split(&doc(
            "{\"id\":\"ok\",\"text\":\"好\"}\nnot json\n{\"id\":\"no-text\"}\n{\"id\":\"d\",\"date\":\"2019-13-01\",\"text\":\"x\"}\n",
        ));
        assert_eq!(articles.len(), 2, "the badly dated article is kept");
        assert_eq!(articles[1].date, None);
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            messages[0].starts_with("in.jsonl:2: invalid JSON"),
            "{messages:?}"
        );
        assert_eq!(messages[1], "in.jsonl:3: no \"text\" field");
        assert!(
            messages[2].starts_with("in.jsonl:4: bad date"),
            "{messages:?}"
        );
    }
}
