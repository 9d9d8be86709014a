//! `zhkg serve`: the read-only SPARQL endpoint, and (with `ZHKG_QUERY_WORKER=1` in its
//! environment, as the endpoint starts them) the worker process each of its queries runs in.
//! An environment variable rather than a command, so that the worker stays out of `--help`,
//! the completions and the manual.

use std::io::BufRead;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use zhkg::serve::{answer_queries, serve, Settings, WorkerCommand};
use zhkg::store::Store;

use super::ServeArgs;

/// Set in a worker's environment by the endpoint.
const WORKER: &str = "ZHKG_QUERY_WORKER";

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    if std::env::var_os(WORKER).is_some() {
        return worker(args);
    }
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        bail!("--timeout must be a positive number of seconds");
    }
    if args.query_memory == 0 {
        bail!("--query-memory must be a positive number of megabytes");
    }
    // (Opened here once so that a wrong directory is reported before the server starts.)
    drop(Store::open_read_only(&args.store)?);
    let program = std::env::current_exe().context("finding the zhkg program for the workers")?;
    let settings = Settings {
        bind: args.bind.clone(),
        timeout: Duration::from_secs_f64(args.timeout),
        threads: args.threads,
        query_memory: args.query_memory << 20,
        worker: WorkerCommand {
            program,
            args: vec!["serve".into(), "--store".into(), args.store.clone().into()],
            env: vec![(WORKER.into(), "1".into())],
        },
    };
    serve(&settings, |address| {
        eprintln!("zhkg: SPARQL endpoint at http://{address}/sparql (query page http://{address}/); read-only");
    })?;
    Ok(ExitCode::SUCCESS)
}

fn worker(args: &ServeArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.store)?;
    // (Requests are read on their own thread, which ends the process when stdin closes: the
    // endpoint has gone, and a query still running for it would only burn a core.)
    let (to, requests) = std::sync::mpsc::sync_channel::<String>(0);
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines().map_while(|line| line.ok()) {
            if to.send(line).is_err() {
                break;
            }
        }
        std::process::exit(0);
    });
    let output = std::io::BufWriter::with_capacity(1 << 17, std::io::stdout().lock());
    answer_queries(&store, requests, output)?;
    Ok(ExitCode::SUCCESS)
}
