//! `zhkg bench`: throughput of the whole extraction against jieba-rs `tag()` alone on the same
//! text, single-threaded and on all cores. Numbers are MB of UTF-8 article text per second.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use zhkg::input::{self, jsonl, Format};
use zhkg::Extractor;

use super::{extract, BenchArgs};

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
    let texts: Vec<String> = docs
        .iter()
        .flat_map(|doc| match doc.format {
            Format::Jsonl => jsonl::parse(doc)
                .0
                .into_iter()
                .map(|a| a.chars.iter().map(|c| c.0).collect())
                .collect(),
            _ => vec![doc.decoded.text.clone()],
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1e6;
    println!(
        "{} documents, {} articles, {:.2} MB of text",
        docs.len(),
        texts.len(),
        megabytes
    );

    let extractor = Extractor::new()?;
    let segmenter = extractor.recognizer().segmenter();
    let started = Instant::now();
    let mut tokens = 0;
    for text in &texts {
        tokens += segmenter.tag(text).len();
    }
    let tag_rate = megabytes / started.elapsed().as_secs_f64();
    println!("jieba-rs tag() alone, 1 thread:   {tag_rate:>7.2} MB/s ({tokens} tokens)");

    let options = extract::options(&args.input_options())?;
    let mut rates = Vec::new();
    for threads in [1, zhkg::extract::threads()] {
        let extractor = extractor.clone().with_threads(threads);
        let started = Instant::now();
        let mut records = 0;
        for doc in &docs {
            records += extractor.extract(doc, &options).records.len();
        }
        let rate = megabytes / started.elapsed().as_secs_f64();
        println!(
            "zhkg extract, {threads} thread{}:        {rate:>7.2} MB/s ({records} records, {:.1}× tag() time)",
            if threads == 1 { " " } else { "s" },
            tag_rate / rate
        );
        rates.push(rate);
        if zhkg::extract::threads() == 1 {
            break;
        }
    }
    Ok(ExitCode::SUCCESS)
}
