//! Readers for the annotated corpora `zhkg eval` scores against.

use std::path::Path;

use serde::Deserialize;

use super::{Label, Sentence, Span};
use crate::error::{Error, Result};

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.to_owned(),
        source: e,
    })
}

fn data_error(path: &Path, line: usize, reason: impl Into<String>) -> Error {
    Error::Data {
        path: path.to_owned(),
        line,
        reason: reason.into(),
    }
}

fn bio_label(kind: &str) -> Option<Label> {
    match kind {
        "PER" | "PERSON" | "NR" => Some(Label::Person),
        "LOC" | "NS" | "GPE" => Some(Label::Place),
        "ORG" | "NT" => Some(Label::Organization),
        _ => None,
    }
}

/// Character-per-line BIO (also BIOES) with PER/LOC/ORG, tab or space separated.
pub fn bio(path: &Path) -> Result<Vec<Sentence>> {
    let text = read_text(path)?;
    let mut sentences = Vec::new();
    let mut chars = String::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<(Label, usize)> = None;
    let mut position = 0;
    let close = |open: &mut Option<(Label, usize)>, spans: &mut Vec<Span>, end: usize| {
        if let Some((label, start)) = open.take() {
            spans.push(Span { label, start, end });
        }
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            close(&mut open, &mut spans, position);
            if !chars.is_empty() {
                sentences.push(Sentence::undated(
                    std::mem::take(&mut chars),
                    std::mem::take(&mut spans),
                ));
            }
            position = 0;
            continue;
        }
        let mut fields = line.split(['\t', ' ']).filter(|f| !f.is_empty());
        let (Some(token), Some(tag)) = (fields.next(), fields.next()) else {
            return Err(data_error(path, i + 1, "expected a character and a tag"));
        };
        let mut token_chars = token.chars();
        let (Some(c), None) = (token_chars.next(), token_chars.next()) else {
            return Err(data_error(
                path,
                i + 1,
                format!("expected one character, found {token:?}"),
            ));
        };
        let (prefix, kind) = tag.split_once('-').unwrap_or((tag, ""));
        let label = bio_label(kind);
        match (prefix, label) {
            ("B" | "S", Some(label)) => {
                close(&mut open, &mut spans, position);
                open = Some((label, position));
            }
            ("I" | "M" | "E", Some(label)) if open.is_some_and(|o| o.0 == label) => {}
            ("I" | "M" | "E", Some(label)) => {
                // An I- without its B- starts a span, as conlleval does.
                close(&mut open, &mut spans, position);
                open = Some((label, position));
            }
            ("O", _) | (_, None) => close(&mut open, &mut spans, position),
            (other, Some(_)) => {
                return Err(data_error(
                    path,
                    i + 1,
                    format!("unknown tag prefix {other:?}"),
                ))
            }
        }
        chars.push(c);
        position += 1;
        if prefix == "S" || prefix == "E" {
            close(&mut open, &mut spans, position);
        }
    }
    close(&mut open, &mut spans, position);
    if !chars.is_empty() {
        sentences.push(Sentence::undated(chars, spans));
    }
    Ok(sentences)
}

#[derive(Deserialize)]
struct ClueLine {
    text: String,
    #[serde(default)]
    label: std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<[usize; 2]>>>,
}

/// Every non-blank line of a JSON Lines file, parsed; a bad line is an error naming it.
fn json_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let text = read_text(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line)
                .map_err(|e| data_error(path, i + 1, format!("invalid JSON: {e}")))
        })
        .collect()
}

/// CLUENER2020 JSON Lines; spans there are inclusive.
pub fn cluener(path: &Path) -> Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    for parsed in json_lines::<ClueLine>(path)? {
        let mut gold = Vec::new();
        for (kind, surfaces) in &parsed.label {
            let label = match kind.as_str() {
                "name" => Label::Person,
                "government" | "organization" | "company" => Label::Organization,
                "address" => Label::Place,
                "position" => Label::Title,
                _ => continue,
            };
            for ranges in surfaces.values() {
                for [start, end] in ranges {
                    gold.push(Span {
                        label,
                        start: *start,
                        end: end + 1,
                    });
                }
            }
        }
        gold.sort();
        sentences.push(Sentence::undated(parsed.text, gold));
    }
    Ok(sentences)
}

#[derive(Deserialize)]
struct PfrLine {
    text: String,
    entities: Vec<PfrEntity>,
}

#[derive(Deserialize)]
struct PfrEntity {
    #[serde(rename = "type")]
    kind: String,
    start: usize,
    end: usize,
    #[serde(default)]
    nested: bool,
}

/// PFR 1998 spans JSON Lines (end exclusive); nested spans are left out, as the flat corpora do.
pub fn pfr(path: &Path) -> Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    for parsed in json_lines::<PfrLine>(path)? {
        let gold = parsed
            .entities
            .iter()
            .filter(|e| !e.nested)
            .filter_map(|e| {
                let label = match e.kind.as_str() {
                    "nr" => Label::Person,
                    "ns" => Label::Place,
                    "nt" => Label::Organization,
                    _ => return None,
                };
                Some(Span {
                    label,
                    start: e.start,
                    end: e.end,
                })
            })
            .collect();
        sentences.push(Sentence::undated(parsed.text, gold));
    }
    Ok(sentences)
}

#[derive(Deserialize)]
struct CecDocument {
    category: String,
    #[serde(default)]
    report_time: Option<String>,
    sentences: Vec<CecSentence>,
}

#[derive(Deserialize)]
struct CecSentence {
    text: String,
    events: Vec<CecEvent>,
}

#[derive(Deserialize)]
struct CecEvent {
    denoter: Option<CecSpan>,
    #[serde(default)]
    args: Vec<CecArgument>,
}

#[derive(Deserialize)]
struct CecSpan {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct CecArgument {
    role: String,
    start: usize,
    end: usize,
}

/// The Chinese Emergency Corpus as JSON Lines, one document per line; every sentence of the
/// chosen categories, with triggers and Time / Location / Participant arguments as gold spans
/// (Object arguments are not scored: zhkg has no such role).
pub fn cec(path: &Path, categories: &[String]) -> Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    for doc in json_lines::<CecDocument>(path)? {
        if !categories.is_empty() && !categories.contains(&doc.category) {
            continue;
        }
        let date = doc.report_time.as_deref().and_then(report_date);
        for sentence in doc.sentences {
            let length = sentence.text.chars().count();
            let mut gold = Vec::new();
            for event in &sentence.events {
                if let Some(d) = &event.denoter {
                    gold.push(Span {
                        label: Label::Trigger,
                        start: d.start,
                        end: d.end,
                    });
                }
                for arg in &event.args {
                    let label = match arg.role.as_str() {
                        "Time" => Label::Time,
                        "Location" => Label::Place,
                        "Participant" => Label::Participant,
                        _ => continue,
                    };
                    gold.push(Span {
                        label,
                        start: arg.start,
                        end: arg.end,
                    });
                }
            }
            gold.retain(|s| s.start < s.end && s.end <= length);
            gold.sort();
            gold.dedup();
            sentences.push(Sentence {
                text: sentence.text,
                gold,
                date: date.clone(),
            });
        }
    }
    Ok(sentences)
}

/// The date of a CEC report time, written many ways (`2008年04月05日 09:12`, `2007-7-26`,
/// `2014-04-18 10:24环球网`): its first three numbers.
fn report_date(time: &str) -> Option<String> {
    let numbers: Vec<&str> = time
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .collect();
    let [y, m, d] = numbers[..] else {
        return None;
    };
    crate::time::parse_date(&format!("{y:0>4}-{m:0>2}-{d:0>2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(content: &str) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, content.as_bytes()).unwrap();
        file
    }

    #[test]
    fn bio_sentences_and_spans() {
        let file = write(
            "张\tB-PER\n三\tI-PER\n在\tO\n北\tB-LOC\n京\tI-LOC\n\n新 B-ORG\n华 I-ORG\n社 I-ORG\n",
        );
        let sentences = bio(file.path()).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].text, "张三在北京");
        assert_eq!(
            sentences[0].gold,
            [
                Span {
                    label: Label::Person,
                    start: 0,
                    end: 2
                },
                Span {
                    label: Label::Place,
                    start: 3,
                    end: 5
                }
            ]
        );
        assert_eq!(
            sentences[1].gold,
            [Span {
                label: Label::Organization,
                start: 0,
                end: 3
            }]
        );
    }

    #[test]
    fn bio_errors_name_the_line() {
        let file = write("张\tB-PER\n三四\tI-PER\n");
        let err = bio(file.path()).unwrap_err().to_string();
        assert!(
            err.ends_with(":2: expected one character, found \"三四\""),
            "{err}"
        );
    }

    #[test]
    fn cluener_spans_are_inclusive() {
        let file = write(
            r#"{"text": "浙商银行叶老桂", "label": {"name": {"叶老桂": [[4, 6]]}, "company": {"浙商银行": [[0, 3]]}, "game": {"x": [[0, 0]]}}}"#,
        );
        let s = &cluener(file.path()).unwrap()[0];
        assert_eq!(
            s.gold,
            [
                Span {
                    label: Label::Person,
                    start: 4,
                    end: 7
                },
                Span {
                    label: Label::Organization,
                    start: 0,
                    end: 4
                }
            ]
        );
    }

    #[test]
    fn pfr_skips_nested_spans() {
        let file = write(
            r#"{"id": "1", "text": "中国国际广播电台", "entities": [{"type": "nt", "start": 0, "end": 8, "text": "中国国际广播电台", "compound": true}, {"type": "ns", "start": 0, "end": 2, "text": "中国", "nested": true}]}"#,
        );
        let s = &pfr(file.path()).unwrap()[0];
        assert_eq!(
            s.gold,
            [Span {
                label: Label::Organization,
                start: 0,
                end: 8
            }]
        );
    }
}
