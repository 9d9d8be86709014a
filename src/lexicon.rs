//! Our own lexicons: readable TSV files in `data/`, embedded in the binary and parsed once at
//! start-up. Each file starts with optional `#` comment lines, then a header row naming the
//! columns; a malformed row is an error naming the file and line, so a bad edit never goes silent.

use std::collections::HashSet;

use crate::error::{Error, Result};

const SURNAMES_TSV: &str = include_str!("../data/surnames.tsv");

/// One parsed data row with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Parses a lexicon TSV whose header must be exactly `columns`.
pub fn parse_tsv(file: &str, text: &str, columns: &[&str]) -> Result<Vec<Row>> {
    let invalid = |line: usize, reason: String| Error::Data {
        path: file.into(),
        line,
        reason,
    };
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = raw.split('\t').map(|f| f.trim().to_owned()).collect();
        if !header_seen {
            if fields != columns {
                return Err(invalid(
                    line,
                    format!("header should be {:?}, found {:?}", columns, fields),
                ));
            }
            header_seen = true;
            continue;
        }
        if fields.len() != columns.len() || fields[0].is_empty() {
            return Err(invalid(
                line,
                format!("expected {} tab-separated columns", columns.len()),
            ));
        }
        rows.push(Row { line, fields });
    }
    if !header_seen {
        return Err(invalid(0, "no header row".into()));
    }
    Ok(rows)
}

/// Chinese surnames, single and compound.
#[derive(Debug, Clone, Default)]
pub struct Surnames {
    single: HashSet<char>,
    compound: HashSet<String>,
}

impl Surnames {
    /// Parses `surnames.tsv` (`surname`, `kind` = single|compound).
    pub fn parse(file: &str, text: &str) -> Result<Surnames> {
        let mut surnames = Surnames::default();
        for row in parse_tsv(file, text, &["surname", "kind"])? {
            let surname = &row.fields[0];
            let mut chars = surname.chars();
            match (row.fields[1].as_str(), chars.next(), chars.next()) {
                ("single", Some(c), None) => {
                    surnames.single.insert(c);
                }
                ("compound", Some(_), Some(_)) => {
                    surnames.compound.insert(surname.clone());
                }
                _ => {
                    return Err(Error::Data {
                        path: file.into(),
                        line: row.line,
                        reason: format!("{surname:?} does not fit kind {:?}", row.fields[1]),
                    })
                }
            }
        }
        Ok(surnames)
    }

    /// Length in characters of the surname `name` starts with, compound first.
    pub fn prefix_len(&self, name: &str) -> Option<usize> {
        let mut chars = name.chars();
        let first = chars.next()?;
        if let Some(second) = chars.next() {
            let mut two = String::new();
            two.push(first);
            two.push(second);
            if self.compound.contains(&two) {
                return Some(2);
            }
        }
        self.single.contains(&first).then_some(1)
    }
}

/// Every lexicon the pipeline uses, loaded once and shared.
#[derive(Debug, Clone)]
pub struct Lexicons {
    pub surnames: Surnames,
}

impl Lexicons {
    /// The lexicons shipped in `data/`, compiled into the binary.
    pub fn embedded() -> Result<Lexicons> {
        Ok(Lexicons {
            surnames: Surnames::parse("data/surnames.tsv", SURNAMES_TSV)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_load() {
        let lex = Lexicons::embedded().unwrap();
        assert_eq!(lex.surnames.prefix_len("郭树勋"), Some(1));
        assert_eq!(lex.surnames.prefix_len("欧阳夏丹"), Some(2));
        assert_eq!(lex.surnames.prefix_len("日前"), None);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let err =
            Surnames::parse("x.tsv", "# c\nsurname\tkind\n王\tsingle\n欧阳\tsingle\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.tsv:4: \"欧阳\" does not fit kind \"single\""
        );
        let err = parse_tsv("y.tsv", "a\tb\nonly-one\n", &["a", "b"]).unwrap_err();
        assert!(err.to_string().starts_with("y.tsv:2:"), "{err}");
    }
}
