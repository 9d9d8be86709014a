//! `zhkg serve`: the read-only SPARQL endpoint.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Result};
use zhkg::serve::{serve, Settings};
use zhkg::store::Store;

use super::ServeArgs;

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        bail!("--timeout must be a positive number of seconds");
    }
    let store = Store::open_read_only(&args.store)?;
    let settings = Settings {
        bind: args.bind.clone(),
        timeout: Duration::from_secs_f64(args.timeout),
        threads: args.threads,
    };
    serve(store, &settings, |address| {
        eprintln!("zhkg: SPARQL endpoint at http://{address}/sparql (query page http://{address}/); read-only");
    })?;
    Ok(ExitCode::SUCCESS)
}
