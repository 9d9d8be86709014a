//! `zhkg build`: inputs in, a persistent RDF store out (or extended).
//!
//! Records stream from extraction into the store: each record's quads (its own graph, see
//! `graph::from_records`) go into a batch, and a full batch goes to the bulk loader. Because the
//! store is the union of the records' quads, nothing needs all records at once, and memory stays
//! bounded by the articles in flight and one batch, however large the corpus.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use oxigraph::model::Quad;
use zhkg::store::Store;
use zhkg::{rdf, Record};

use super::extract::{for_each_record, options};
use super::{BuildArgs, Say};

/// Quads handed to the bulk loader at a time (about 150 bytes each as text; on a year of
/// transcripts 100,000 loads faster than 500,000 and halves the peak memory). Each batch holds
/// whole articles and goes into the store in one atomic ingestion, so a build killed at any
/// moment leaves every article whole or absent. `ZHKG_BATCH` sets another size (the crash
/// trials of `.ci/reliability-check` use small ones, to kill builds between and inside batches).
const BATCH: usize = 100_000;

fn batch_size() -> usize {
    std::env::var("ZHKG_BATCH")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(BATCH)
}

pub fn run(args: &BuildArgs, say: Say) -> Result<ExitCode> {
    let options = options(&args.input)?;
    let mut loading = Loading::open(&args.store)?;
    let failed = for_each_record(&args.input, &options, say, |record| loading.add(record))?;
    eprintln!("zhkg: {}", loading.finish()?);
    if say.verbose {
        report_splits(&args.store)?;
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Says which names the store keeps as several people, and why (the scopes of their posts).
fn report_splits(dir: &Path) -> Result<()> {
    let store = Store::open_read_only(dir)?;
    let splits = zhkg::lookup::splits(&store)?;
    eprintln!(
        "zhkg: {} names are several people, told apart by the places of their posts{}",
        splits.len(),
        if splits.is_empty() { "" } else { ":" }
    );
    for (name, people) in &splits {
        let people: Vec<String> = people
            .iter()
            .map(|scopes| scopes.iter().cloned().collect::<Vec<_>>().join("+"))
            .collect();
        eprintln!("  {name}: {}", people.join(", "));
    }
    Ok(())
}

/// Adds `records`, with the ontology, to the store in `dir`. Returns a one-line report.
pub fn build_store(records: &[Record], dir: &Path) -> Result<String> {
    let mut loading = Loading::open(dir)?;
    for record in records {
        loading.add(record)?;
    }
    loading.finish()
}

/// A store being filled batch by batch.
struct Loading {
    store: Store,
    dir: std::path::PathBuf,
    batch: HashSet<Quad>,
    batch_size: usize,
    before: usize,
    articles: usize,
    quads: usize,
    /// Seconds spent in the bulk loader, apart from extraction and making quads.
    loading: f64,
    started: Instant,
}

impl Loading {
    fn open(dir: &Path) -> Result<Loading> {
        let store = Store::open(dir)?;
        let before = store.len(dir)?;
        Ok(Loading {
            store,
            dir: dir.to_owned(),
            batch: HashSet::new(),
            batch_size: batch_size(),
            before,
            articles: 0,
            quads: 0,
            loading: 0.0,
            started: Instant::now(),
        })
    }

    /// The quads of `record`'s own graph into the batch; a full batch into the store.
    fn add(&mut self, record: &Record) -> Result<()> {
        self.batch.extend(rdf::record_quads(record));
        self.articles += 1;
        if self.batch.len() >= self.batch_size {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let quads: Vec<Quad> = self.batch.drain().collect();
        self.quads += quads.len();
        let report = self
            .store
            .load(quads, &self.dir)
            .with_context(|| format!("loading into {}", self.dir.display()))?;
        self.loading += report.seconds;
        Ok(())
    }

    /// Loads the ontology and the last batch; the report for people.
    fn finish(mut self) -> Result<String> {
        self.batch
            .extend(rdf::ontology_quads().map_err(anyhow::Error::msg)?);
        self.flush()?;
        let seconds = self.started.elapsed().as_secs_f64();
        let after = self.store.len(&self.dir)?;
        Ok(format!(
            "{} articles → {} quads in {seconds:.2} s (bulk loader {:.2} s, {:.0} quads/s); store {}: {after} quads ({:+})",
            self.articles,
            self.quads,
            self.loading,
            self.quads as f64 / self.loading.max(1e-9),
            self.dir.display(),
            after as i64 - self.before as i64
        ))
    }
}
