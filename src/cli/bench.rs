//! `zhkg bench`: the figures of the streaming-pipeline issue in one run, on the same text —
//! start-up, jieba-rs `tag()` alone, the whole extraction on one thread and on all cores, and the
//! load phase of `build` against Oxigraph's own bulk loader on the same quads.
//!
//! Rates are MB of UTF-8 article text per second (quads per second for loading). Everything runs
//! in this one process, so the machine's state is the same for every figure.

use std::collections::HashSet;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Quad;
use zhkg::input::{self, jsonl, Document, Format};
use zhkg::store::Store;
use zhkg::{rdf, Extractor, Record};

use super::{extract, BenchArgs};

/// Quads per load, as `build` hands them to the bulk loader.
const BATCH: usize = 100_000;

pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    let (sources, errors) = input::expand_paths(&args.inputs);
    if let Some(error) = errors.first() {
        anyhow::bail!("{error}");
    }
    let docs = sources
        .iter()
        .map(|s| input::read_source(s, Format::Auto))
        .collect::<Result<Vec<_>, _>>()
        .context("reading the benchmark inputs")?;
    let texts = article_texts(&docs);
    let megabytes = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    outln!(
        "{} documents, {} articles, {megabytes:.2} MB of text",
        docs.len(),
        texts.len()
    )?;

    let started = Instant::now();
    let extractor = Extractor::new()?;
    outln!(
        "start-up (lexicons and jieba's dictionary): {:>6.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    )?;
    let segmenter = extractor.recognizer().segmenter();
    let started = Instant::now();
    let tokens: usize = texts.iter().map(|t| segmenter.tag(t).len()).sum();
    let tag_rate = megabytes / started.elapsed().as_secs_f64();
    outln!("jieba-rs tag() alone, 1 thread:   {tag_rate:>7.2} MB/s ({tokens} tokens)")?;

    let options = extract::options(&args.input_options())?;
    let mut threads = vec![1];
    if zhkg::parallel::threads() > 1 {
        threads.push(zhkg::parallel::threads());
    }
    let mut records = Vec::new();
    for n in threads {
        let extractor = extractor.clone().with_threads(n);
        let started = Instant::now();
        records = docs
            .iter()
            .flat_map(|doc| extractor.extract(doc, &options).records)
            .collect();
        let rate = megabytes / started.elapsed().as_secs_f64();
        outln!(
            "zhkg extract, {n} thread{}:        {rate:>7.2} MB/s ({} records, {:.2} × tag())",
            if n == 1 { " " } else { "s" },
            records.len(),
            rate / tag_rate
        )?;
    }
    loading(&records)?;
    Ok(ExitCode::SUCCESS)
}

/// The text of every article, as extraction sees it.
fn article_texts(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .flat_map(|doc| match doc.format {
            Format::Jsonl => jsonl::parse(doc)
                .filter_map(Result::ok)
                .map(|a| a.chars.iter().map(|c| c.0).collect())
                .collect(),
            _ => vec![doc.decoded.text.clone()],
        })
        .collect()
}

/// The load phase of `build` (batches of the records' quads through [`Store::load`]) against
/// Oxigraph's bulk loader reading the N-Quads dump of the same quads, each into a fresh store.
fn loading(records: &[Record]) -> Result<()> {
    let scratch = Scratch::new()?;
    let started = Instant::now();
    let mut batches: Vec<Vec<Quad>> = Vec::new();
    let mut batch = HashSet::new();
    for record in records {
        batch.extend(rdf::record_quads(record));
        if batch.len() >= BATCH {
            batches.push(batch.drain().collect());
        }
    }
    batches.push(batch.into_iter().collect());
    let quads: usize = batches.iter().map(Vec::len).sum();
    outln!(
        "quads of the records:             {:>7.2} s ({quads} quads)",
        started.elapsed().as_secs_f64()
    )?;

    let dump = scratch.path("quads.nq");
    let mut out = RdfSerializer::from_format(RdfFormat::NQuads)
        .for_writer(BufWriter::new(std::fs::File::create(&dump)?));
    for quad in batches.iter().flatten() {
        out.serialize_quad(quad)?;
    }
    out.finish()?.flush()?;

    let ours = scratch.path("zhkg-store");
    let store = Store::open(&ours)?;
    let mut seconds = 0.0;
    for batch in batches {
        seconds += store.load(batch, &ours)?.seconds;
    }
    let our_rate = quads as f64 / seconds;
    outln!("zhkg build, load phase:           {our_rate:>7.0} quads/s")?;

    let theirs = scratch.path("oxigraph-store");
    let store = oxigraph::store::Store::open(&theirs)?;
    let started = Instant::now();
    let mut loader = store.bulk_loader();
    loader.load_from_reader(
        RdfFormat::NQuads,
        BufReader::new(std::fs::File::open(&dump)?),
    )?;
    loader.commit()?;
    let their_rate = quads as f64 / started.elapsed().as_secs_f64();
    outln!(
        "Oxigraph's bulk loader, N-Quads:  {their_rate:>7.0} quads/s (zhkg's load at {:.0} % of it)",
        100.0 * our_rate / their_rate
    )?;
    Ok(())
}

/// A directory of its own under the system's temporary directory, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let dir = std::env::temp_dir().join(format!("zhkg-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(Scratch(dir))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(Path::new(&self.0));
    }
}
