//! `zhkg query`: SPARQL over a store, results in the W3C formats or as a table for people.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use oxigraph::model::Term;
use zhkg::results::write_results;
use zhkg::store::{self, Store};

use super::QueryArgs;

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
