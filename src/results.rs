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
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    Table,
    Json,
    Csv,
    Tsv,
    Xml,
    Turtle,
    Ntriples,
}

impl ResultFormat {
    /// The media type of the format, for HTTP.
    pub fn media_type(self) -> &'static str {
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

fn io(e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("writing results: {e}"))
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
            let rows: Vec<_> = solutions
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| Error::Invalid(format!("query failed: {e}")))?;
            match results_format(format)? {
                Some(f) => {
                    let mut s = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, variables.clone())
                        .map_err(io)?;
                    for row in &rows {
                        s.serialize(row).map_err(io)?;
                    }
                    s.finish().map_err(io)?;
                }
                None => {
                    let header: Vec<String> =
                        variables.iter().map(|v| v.as_str().to_owned()).collect();
                    let cells: Vec<Vec<String>> = rows
                        .iter()
                        .map(|row| {
                            variables
                                .iter()
                                .map(|v| row.get(v).map(show).unwrap_or_default())
                                .collect()
                        })
                        .collect();
                    out.write_all(table(&header, &cells).as_bytes())
                        .map_err(io)?;
                }
            }
        }
        QueryResults::Boolean(value) => match results_format(format)? {
            Some(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *out, value)
                    .map_err(io)?;
            }
            None => writeln!(out, "{}", if value { "yes" } else { "no" }).map_err(io)?,
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
                serializer = serializer.with_prefix(*prefix, *iri).map_err(io)?;
            }
            let mut s = serializer.for_writer(&mut *out);
            for triple in triples {
                let triple = triple.map_err(|e| Error::Invalid(format!("query failed: {e}")))?;
                s.serialize_triple(&triple).map_err(io)?;
            }
            s.finish().map_err(io)?;
        }
    }
    Ok(())
}

/// The W3C results format of `format`, or `None` for the table.
pub fn results_format(format: ResultFormat) -> Result<Option<QueryResultsFormat>> {
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
        Term::Literal(l) => l.value().to_owned(),
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

/// Columns padded to the widest cell, counting CJK characters as two columns.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - width(c))))
            .collect();
        padded.join("  ").trim_end().to_owned() + "\n"
    };
    let mut out = line(header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in rows {
        out.push_str(&line(row));
    }
    out.push_str(&format!("({} rows)\n", rows.len()));
    out
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
