//! `zhkg query`: SPARQL over a store, results in the W3C formats or as a table for people.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use zhkg::rdf::PREFIXES;
use zhkg::store::{self, Store};

use super::{QueryArgs, ResultFormat};

pub fn run(args: &QueryArgs) -> Result<ExitCode> {
    let (sparql, named) = match (&args.query, &args.file, &args.named) {
        (Some(q), None, None) => (q.clone(), false),
        (None, Some(f), None) => (
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?,
            false,
        ),
        (None, None, Some(name)) => (store::named_query(name)?.to_owned(), true),
        _ => bail!("give exactly one of QUERY, -f FILE or --named NAME"),
    };
    let bindings = bindings(&args.args, &sparql, named)?;
    let store = Store::open_read_only(&args.store)?;
    let results = store.query(&sparql, &bindings)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_results(&mut out, results, args.format)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `--arg NAME=VALUE` pairs as variable bindings; a canned query's required arguments must all
/// be given, and every argument must be a variable of the query.
fn bindings(args: &[String], sparql: &str, named: bool) -> Result<Vec<(String, Term)>> {
    let mut out = Vec::new();
    for arg in args {
        let Some((name, value)) = arg.split_once('=') else {
            bail!("--arg {arg:?}: want NAME=VALUE");
        };
        if !sparql.contains(&format!("?{name}")) {
            bail!("--arg {name}: the query has no variable ?{name}");
        }
        out.push((name.to_owned(), store::argument_term(value)));
    }
    if named {
        for required in store::required_arguments(sparql) {
            if !out.iter().any(|(n, _)| n == required) {
                bail!("this query needs --arg {required}=…");
            }
        }
    }
    Ok(out)
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
            let rows: Vec<_> = solutions.collect::<Result<_, _>>()?;
            match results_format(format)? {
                Some(f) => {
                    let mut s = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, variables.clone())?;
                    for row in &rows {
                        s.serialize(row)?;
                    }
                    s.finish()?;
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
                    out.write_all(table(&header, &cells).as_bytes())?;
                }
            }
        }
        QueryResults::Boolean(value) => match results_format(format)? {
            Some(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *out, value)?;
            }
            None => writeln!(out, "{}", if value { "yes" } else { "no" })?,
        },
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                ResultFormat::Table | ResultFormat::Turtle => RdfFormat::Turtle,
                ResultFormat::Ntriples => RdfFormat::NTriples,
                other => bail!("--format {other:?} is for SELECT and ASK; use turtle or ntriples for CONSTRUCT and DESCRIBE"),
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            for (prefix, iri) in PREFIXES {
                serializer = serializer.with_prefix(*prefix, *iri)?;
            }
            let mut s = serializer.for_writer(&mut *out);
            for triple in triples {
                s.serialize_triple(&triple?)?;
            }
            s.finish()?;
        }
    }
    Ok(())
}

fn results_format(format: ResultFormat) -> Result<Option<QueryResultsFormat>> {
    Ok(match format {
        ResultFormat::Table => None,
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        ResultFormat::Turtle | ResultFormat::Ntriples => {
            bail!("--format turtle and ntriples are for CONSTRUCT and DESCRIBE results")
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
