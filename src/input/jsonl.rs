//! JSON Lines input: one article per line, `{"id", "title", "date", "text", "url"?, "source"?}`.
//!
//! The `text` value is read raw and unescaped here, character by character, so each character of
//! the article keeps the byte range it occupies in the file — escapes included (`\n`, `\u4e2d`).

use serde::Deserialize;
use serde_json::value::RawValue;

use super::Document;
use crate::error::Error;
use crate::layout::spacing::SourceChar;
use crate::time::parse_date;

/// One article read from a JSON Lines file.
#[derive(Debug, Clone)]
pub struct JsonArticle {
    pub id: String,
    pub title: Option<String>,
    /// ISO date, when the line had a valid one.
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// Characters of `text` with their byte ranges in the file.
    pub chars: Vec<SourceChar>,
    /// 1-based line number.
    pub line: usize,
    pub byte_start: usize,
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
pub fn looks_like_jsonl(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            l.trim_start().starts_with('{')
                && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(l).is_ok()
        })
}

/// Parses every line; a bad line is an error naming file and line, and the others still count.
pub fn parse(doc: &Document) -> (Vec<JsonArticle>, Vec<Error>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let text = &doc.decoded.text;
    let mut line_start = 0; // byte offset in the decoded text
    let mut char_index = 0; // character index of `line_start`
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            let error = |reason| Error::Data {
                path: doc.name.clone().into(),
                line: i + 1,
                reason,
            };
            match parse_line(doc, body, i + 1, char_index) {
                Ok((article, date_problem)) => {
                    articles.push(article);
                    errors.extend(date_problem.map(error));
                }
                Err(reason) => errors.push(error(reason)),
            }
        }
        line_start += line.len();
        char_index += line.chars().count();
    }
    debug_assert_eq!(line_start, text.len());
    (articles, errors)
}

/// One line as an article, plus a complaint about its date if the date was unusable (the article
/// is kept, without a date).
fn parse_line(
    doc: &Document,
    body: &str,
    line: usize,
    first_char: usize,
) -> Result<(JsonArticle, Option<String>), String> {
    let parsed: Line = serde_json::from_str(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let raw = parsed.text.ok_or("no \"text\" field")?;
    let raw_text = raw.get();
    if !raw_text.starts_with('"') {
        return Err("\"text\" is not a string".into());
    }
    let raw_offset = raw_text.as_ptr() as usize - body.as_ptr() as usize;
    let starts = &doc.decoded.byte_starts;
    // Byte ranges in the file of each character of the line.
    let line_chars: Vec<SourceChar> = body
        .chars()
        .enumerate()
        .map(|(k, c)| (c, (starts[first_char + k], starts[first_char + k + 1])))
        .collect();
    let raw_first = body[..raw_offset].chars().count();
    let raw_len = raw_text.chars().count();
    let chars = unescape(&line_chars[raw_first + 1..raw_first + raw_len - 1])?;
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{}:{line}", doc.name),
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

    #[test]
    fn reads_articles_with_their_ids_and_dates() {
        let (articles, errors) = parse(&doc(
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
        let (articles, _) = parse(&doc(line));
        let chars = &articles[0].chars;
        let text: String = chars.iter().map(|c| c.0).collect();
        assert_eq!(text, "a\n中b");
        let at = line.find("\\u4e2d").unwrap();
        assert_eq!(chars[2].1, (at, at + 6));
        assert_eq!(&line[chars[3].1 .0..chars[3].1 .1], "b");
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let (articles, errors) = parse(&doc(
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
