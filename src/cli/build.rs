//! `zhkg build`: inputs in, a persistent RDF store out (or extended).

use std::process::ExitCode;

use anyhow::{Context, Result};
use zhkg::store::Store;
use zhkg::{graph, rdf, Extractor};

use super::extract::{for_each_record, options};
use super::BuildArgs;

pub fn run(args: &BuildArgs, verbose: bool) -> Result<ExitCode> {
    let options = options(&args.input)?;
    let extractor = Extractor::new()?;
    let mut records = Vec::new();
    let failed = for_each_record(&args.input, &options, &extractor, verbose, |record| {
        records.push(record.clone());
        Ok(())
    })?;
    let report = build_store(&records, &args.store)?;
    eprintln!("zhkg: {report}");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Resolves `records` into one graph and adds it, with the ontology, to the store in `dir`.
/// Returns a one-line report for people.
pub fn build_store(records: &[zhkg::Record], dir: &std::path::Path) -> Result<String> {
    let graph = graph::from_records(records);
    let mut quads = rdf::quads(&graph);
    quads.extend(rdf::ontology_quads().map_err(anyhow::Error::msg)?);
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    let store = Store::open(dir)?;
    let load = store
        .load(quads, dir)
        .with_context(|| format!("loading into {}", dir.display()))?;
    Ok(format!(
        "{} articles → {} nodes, {} edges → {} quads loaded in {:.2} s ({:.0} quads/s); store {}: {} quads ({:+})",
        records.len(),
        graph.node_count(),
        graph.edge_count(),
        load.quads,
        load.seconds,
        load.quads_per_second(),
        dir.display(),
        load.after,
        load.after as i64 - load.before as i64
    ))
}
