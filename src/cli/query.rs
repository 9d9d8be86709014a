//! `zhkg query`: SPARQL over a store, results in the W3C formats or as a table for people.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
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
    let bindings = store::arguments(&args.args, &sparql, named)?;
    let store = Store::open_read_only(&args.store)?;
    let results = store.query(&sparql, &bindings)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_results(&mut out, results, args.format)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
