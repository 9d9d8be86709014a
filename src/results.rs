//! Writing SPARQL results: the W3C results formats (JSON, XML, CSV, TSV) for solutions and
//! booleans, Turtle or N-Triples for graphs, and a plain table for people.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use crate::error::{Error, Result};
use crate::rdf::PREFIXES;

/// How to write results (also the values of `zhkg query --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ResultFormat {
    /// Aligned columns for a person to read.
    Table,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL Query Results XML.
    Xml,
    /// Turtle, for CONSTRUCT and DESCRIBE.
    Turtle,
    /// N-Triples, for CONSTRUCT and DESCRIBE.
    Ntriples,
}

impl ResultFormat {
    /// The media type of the format, for HTTP.
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            ResultFormat::Table => "text/plain; charset=utf-8",
            ResultFormat::Json => "application/sparql-results+json",
            ResultFormat::Csv => "text/csv; charset=utf-8",
            ResultFormat::Tsv => "text/tab-separated-values; charset=utf-8",
            ResultFormat::Xml => "application/sparql-results+xml",
            ResultFormat::Turtle => "text/turtle",
            ResultFormat::Ntriples => "application/n-triples",
        }
    }
}

/// Writes any kind of result: solutions and booleans in a results format (or a table), graphs
/// in Turtle or N-Triples.
pub fn write_results(
    out: &mut impl Write,
    results: QueryResults,
    format: ResultFormat,
) -> Result<()> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match results_format(format)? {
                // (Row by row as the store gives them: memory stays flat whatever the size.)
                Some(f) => {
                    let mut s = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, variables)
                        .map_err(Error::write)?;
                    for row in solutions {
                        s.serialize(&row.map_err(Error::query)?)
                            .map_err(Error::write)?;
                    }
                    s.finish().map_err(Error::write)?;
                }
                None => {
                    let rows = solutions.map(|row| {
                        let row = row.map_err(Error::query)?;
                        Ok(variables
                            .iter()
                            .map(|v| row.get(v).map(show).unwrap_or_default())
                            .collect())
                    });
                    let header: Vec<String> =
                        variables.iter().map(|v| v.as_str().to_owned()).collect();
                    write_table(out, &header, rows, TABLE_WINDOW)?;
                }
            }
        }
        QueryResults::Boolean(value) => match results_format(format)? {
            Some(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *out, value)
                    .map_err(Error::write)?;
            }
            None => writeln!(out, "{}", if value { "yes" } else { "no" }).map_err(Error::write)?,
        },
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                ResultFormat::Table | ResultFormat::Turtle => RdfFormat::Turtle,
                ResultFormat::Ntriples => RdfFormat::NTriples,
                other => {
                    return Err(Error::Invalid(format!(
                        "{other:?} is for SELECT and ASK results; use turtle or ntriples for CONSTRUCT and DESCRIBE"
                    )))
                }
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            for (prefix, iri) in PREFIXES {
                serializer = serializer
                    .with_prefix(*prefix, *iri)
                    .map_err(Error::write)?;
            }
            let mut s = serializer.for_writer(&mut *out);
            for triple in triples {
                let triple = triple.map_err(Error::query)?;
                s.serialize_triple(&triple).map_err(Error::write)?;
            }
            s.finish().map_err(Error::write)?;
        }
    }
    Ok(())
}

/// The W3C results format of `format`, or `None` for the table.
pub(crate) fn results_format(format: ResultFormat) -> Result<Option<QueryResultsFormat>> {
    Ok(match format {
        ResultFormat::Table => None,
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        ResultFormat::Turtle | ResultFormat::Ntriples => {
            return Err(Error::Invalid(
                "turtle and ntriples are for CONSTRUCT and DESCRIBE results".into(),
            ))
        }
    })
}

/// A term as people read it: a literal's text, an IRI shortened with our prefixes.
fn show(term: &Term) -> String {
    match term {
        // (One row, one line: an article body's breaks would tear the table.)
        Term::Literal(l) => l.value().replace(['\n', '\r', '\t'], " "),
        Term::NamedNode(n) => {
            let iri = n.as_str();
            PREFIXES
                .iter()
                .find_map(|(p, ns)| iri.strip_prefix(ns).map(|rest| format!("{p}:{rest}")))
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        other => other.to_string(),
    }
}

/// Rows the table format reads before it fixes the width of its columns. Later rows are written
/// as they come, padded to those widths (a longer cell pushes its line out), so that a table of
/// millions of rows needs the memory of this many.
pub(crate) const TABLE_WINDOW: usize = 1000;

/// The widest a column is padded to: a longer cell (an article body) is written whole and
/// pushes its line out, rather than padding every other row to its length.
pub(crate) const TABLE_COLUMN: usize = 60;

/// Writes `rows` as columns padded to the widest cell of the header and the first `window`
/// rows (at most [`TABLE_COLUMN`]), counting CJK characters as two columns, then the number of
/// rows.
pub(crate) fn write_table(
    out: &mut impl Write,
    header: &[String],
    mut rows: impl Iterator<Item = Result<Vec<String>>>,
    window: usize,
) -> Result<()> {
    let first: Vec<Vec<String>> = rows.by_ref().take(window).collect::<Result<_>>()?;
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &first {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell).min(TABLE_COLUMN));
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end()).map_err(Error::write)
    };
    line(out, header)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule)?;
    let mut count = 0;
    for row in first.into_iter().map(Ok).chain(rows) {
        line(out, &row?)?;
        count += 1;
    }
    writeln!(out, "({count} rows)").map_err(Error::write)
}

fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && !('\u{ff61}'..='\u{ffdc}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> impl Iterator<Item = Result<Vec<String>>> {
        let rows: Vec<Vec<String>> = cells
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect();
        rows.into_iter().map(Ok)
    }

    #[test]
    fn a_table_aligns_on_its_first_rows_and_streams_the_rest() {
        let header = ["name".to_owned(), "n".to_owned()];
        let mut out = Vec::new();
        let body = rows(&[&["王毅", "1"], &["李强", "22"], &["习近平总书记", "3"]]);
        write_table(&mut out, &header, body, 2).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name  n\n----  --\n王毅  1\n李强  22\n习近平总书记  3\n(3 rows)\n"
        );
    }

    #[test]
    fn a_long_cell_pushes_its_own_line_out_not_every_line() {
        let header = ["body".to_owned(), "n".to_owned()];
        let long = "长".repeat(100);
        let mut out = Vec::new();
        write_table(&mut out, &header, rows(&[&[&long, "1"], &["短", "2"]]), 10).unwrap();
        let text = String::from_utf8(out).unwrap();
        let short = text.lines().find(|l| l.starts_with('短')).unwrap();
        assert_eq!(short, format!("短{}  2", " ".repeat(TABLE_COLUMN - 2)));
    }

    #[test]
    fn a_closed_pipe_under_the_table_is_reported_as_one() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let header = ["name".to_owned()];
        let error = write_table(&mut Closed, &header, rows(&[&["王毅"]]), 10).unwrap_err();
        assert!(error.is_broken_pipe(), "{error:?}");
    }
}
