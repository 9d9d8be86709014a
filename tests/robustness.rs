//! Property tests: whatever bytes or news-like text come in, decoding, layout repair and
//! extraction never panic, every span lies inside its text, every character maps back into the
//! input's bytes, and the output is the same on every run. `cargo test` runs a bounded number of
//! cases; `.ci/run` runs more with `PROPTEST_CASES`.

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::Value;
use zhkg::input::encoding::decode;
use zhkg::input::{Document, Format};
use zhkg::{Extractor, Options, Record, SAMPLE_PAGE};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new().expect("embedded lexicons load"))
}

/// Cases per property: `PROPTEST_CASES` when set (the long run of `.ci/run`), else a few
/// dozen, so that `cargo test` stays quick.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// The sample page's lines, the raw material of generated pages.
fn sample_lines() -> &'static [&'static str] {
    static LINES: OnceLock<Vec<&'static str>> = OnceLock::new();
    LINES.get_or_init(|| {
        SAMPLE_PAGE
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    })
}

/// What the layout of a scanned or scraped page does to a line: nothing, spaced-out
/// characters, a break in the middle, full-width forms, a byline or photo credit, emoji,
/// control characters, a line cut at any character.
fn damaged_line() -> impl Strategy<Value = String> {
    let line = (0..sample_lines().len()).prop_map(|i| sample_lines()[i].to_owned());
    (line, 0..9u8, any::<prop::sample::Index>()).prop_map(|(line, damage, at)| {
        let chars: Vec<char> = line.chars().collect();
        let cut = at.index(chars.len() + 1);
        let (head, tail): (String, String) =
            (chars[..cut].iter().collect(), chars[cut..].iter().collect());
        match damage {
            0 => line,
            1 => chars.iter().map(|c| format!("{c} ")).collect(),
            2 => format!("{head}\n{tail}"),
            3 => line
                .chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    ' ' => '\u{3000}',
                    c => c,
                })
                .collect(),
            4 => format!("{head}（本报记者 王小明 摄）{tail}"),
            5 => format!("{head}😀🇨🇳{tail}"),
            6 => format!("{head}\u{0}\u{7}\u{1b}[0m\u{feff}\u{200b}{tail}"),
            7 => head,
            _ => format!("■{tail}\r\n"),
        }
    })
}

/// A page of 1 to 12 damaged lines of the sample.
fn news_like_page() -> impl Strategy<Value = String> {
    prop::collection::vec(damaged_line(), 1..12).prop_map(|lines| lines.join("\n"))
}

/// Every `[start, end)` span a record holds (entities' mentions, posts, events and their
/// arguments, credits, times), wherever it sits in the JSON.
fn spans(value: &Value, out: &mut Vec<(usize, usize)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("span", Value::Array(pair)) => out.push(pair_of(pair)),
                    ("mentions", Value::Array(list)) => {
                        for pair in list {
                            if let Value::Array(pair) = pair {
                                out.push(pair_of(pair));
                            }
                        }
                    }
                    _ => spans(v, out),
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|v| spans(v, out)),
        _ => {}
    }
}

fn pair_of(pair: &[Value]) -> (usize, usize) {
    let n = |i: usize| pair[i].as_u64().expect("span bounds are numbers") as usize;
    (n(0), n(1))
}

/// Checks what every record of `input` must hold, and returns them as JSON for comparing runs.
fn check_records(records: &[Record], input_bytes: usize) -> Vec<String> {
    records
        .iter()
        .map(|record| {
            let json = serde_json::to_value(record).expect("records serialize");
            let chars = record.text.chars().count();
            let mut found = Vec::new();
            spans(&json, &mut found);
            for (start, end) in found {
                assert!(
                    start <= end && end <= chars,
                    "span [{start}, {end}) outside a text of {chars} characters in {}",
                    record.id
                );
            }
            assert_eq!(record.offsets.len(), chars, "one byte range per character");
            for i in 0..chars {
                let (first, last) = record.offsets.char_bytes(i);
                assert!(
                    first <= last && last <= input_bytes,
                    "character {i} of {}: bytes {first}..{last} of {input_bytes}",
                    record.id
                );
            }
            assert!(record.source.byte_end <= input_bytes);
            json.to_string()
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_decode_or_fail_with_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(decoded) = decode(&bytes) {
            prop_assert_eq!(decoded.byte_starts.len(), decoded.text.chars().count() + 1);
            prop_assert!(decoded.byte_starts.windows(2).all(|w| w[0] <= w[1]));
            prop_assert_eq!(*decoded.byte_starts.last().unwrap(), bytes.len());
        }
    }

    #[test]
    fn any_bytes_that_decode_extract_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(decoded) = decode(&bytes) {
            let doc = Document { name: "x.txt".into(), decoded, format: Format::Text, page: 1 };
            let extraction = extractor().extract(&doc, &Options::default());
            check_records(&extraction.records, bytes.len());
        }
    }

    #[test]
    fn news_like_pages_extract_inside_their_text_and_alike_every_time(page in news_like_page()) {
        let doc = Document::from_text("page.txt", &page, Format::Text);
        let options = Options { date: Some("2019-08-30".into()), ..Options::default() };
        let first = extractor().extract(&doc, &options);
        let again = extractor().extract(&doc, &options);
        let first = check_records(&first.records, page.len());
        prop_assert_eq!(first, check_records(&again.records, page.len()));
    }

    #[test]
    fn json_lines_of_any_shape_are_records_or_errors(lines in prop::collection::vec(json_line(), 1..6)) {
        let text = lines.join("\n");
        let doc = Document::from_text("news.jsonl", &text, Format::Jsonl);
        let extraction = extractor().extract(&doc, &Options::default());
        prop_assert!(extraction.records.len() + extraction.errors.len() >= 1 || text.trim().is_empty());
        for error in &extraction.errors {
            prop_assert!(error.to_string().starts_with("news.jsonl:"), "{}", error);
        }
    }

    #[test]
    fn ids_of_any_name_make_valid_iris(name in "\\PC{0,12}|[\\x00-\\x7f\\u{e000}-\\u{f8ff}\\u{fffe}\\u{ffff}]{0,12}") {
        let iri = format!("https://w3id.org/zhkg/id/person/{}", zhkg::rdf::segment(&name));
        prop_assert!(oxigraph::model::NamedNode::new(&iri).is_ok(), "{}", iri);
    }
}

/// A JSON Lines line: an article, an article with wrong types, deep nesting, not JSON at all.
fn json_line() -> impl Strategy<Value = String> {
    let text = (0..sample_lines().len()).prop_map(|i| sample_lines()[i].to_owned());
    (text, 0..6u8, 1..200usize).prop_map(|(text, shape, depth)| {
        let quoted = serde_json::to_string(&text).expect("strings serialize");
        match shape {
            0 => format!("{{\"id\":\"a\",\"date\":\"2019-08-30\",\"text\":{quoted}}}"),
            1 => format!("{{\"id\":7,\"text\":{quoted}}}"),
            2 => format!(
                "{{\"text\":{}{quoted}{}}}",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
            3 => format!("{}{}", "[".repeat(depth * 50), "]".repeat(depth * 50)),
            4 => text,
            _ => format!("{{\"id\":\"b\",\"text\":{quoted}"),
        }
    })
}
