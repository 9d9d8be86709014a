//! `zhkg extract`: inputs in, JSON Lines out. Bad inputs are reported and skipped; the exit code
//! is 1 when any input or line failed, so scripts notice without losing the rest.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use zhkg::input::{self, Document, Format};
use zhkg::{Extractor, Options, Record};

use super::{ExtractArgs, FormatArg, InputArgs};

/// Checks `--date` and turns the input arguments into library options.
pub fn options(input: &InputArgs) -> Result<Options> {
    Ok(Options {
        date: date_flag("--date", &input.date)?,
        region: input.region.clone(),
        byte_offsets: false,
    })
}

/// A date flag checked and written as ISO `YYYY-MM-DD`.
pub fn date_flag(flag: &str, value: &Option<String>) -> Result<Option<String>> {
    value
        .as_ref()
        .map(|d| {
            zhkg::time::parse_date(d)
                .with_context(|| format!("{flag} {d:?} is not a valid date (want YYYY-MM-DD)"))
        })
        .transpose()
}

pub fn format(arg: FormatArg) -> Format {
    match arg {
        FormatArg::Auto => Format::Auto,
        FormatArg::Text => Format::Text,
        FormatArg::Jsonl => Format::Jsonl,
    }
}

pub fn run(args: &ExtractArgs, verbose: bool) -> Result<ExitCode> {
    let mut options = options(&args.input)?;
    options.byte_offsets = args.offsets;
    let extractor = Extractor::new()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failed = for_each_record(&args.input, &options, &extractor, verbose, |record| {
        serde_json::to_writer(&mut out, record)?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    // The process ends here: freeing the dictionaries one by one would only cost time (about
    // 40 ms of a run's start-up and end).
    std::mem::forget(extractor);
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Text documents read before they are extracted together, one per core at a time.
const PAGES_AT_ONCE: usize = 64;

/// Reads every input and hands each record to `sink`, in input order, reporting bad inputs on
/// stderr and going on with the rest. Text documents (pages) are extracted several at a time in
/// parallel, JSON Lines articles a window at a time. Returns how many inputs (files, JSON lines)
/// failed.
pub fn for_each_record(
    input: &InputArgs,
    options: &Options,
    extractor: &Extractor,
    verbose: bool,
    mut sink: impl FnMut(&Record) -> Result<()>,
) -> Result<usize> {
    let (sources, mut failed) = input::expand_paths(&input.inputs);
    for error in &failed {
        eprintln!("zhkg: error: {error}");
    }
    let mut count = 0;
    let mut pages: Vec<Document> = Vec::new();
    for source in &sources {
        let Some(doc) = read(source, input, verbose, &mut failed) else {
            continue;
        };
        // (Pages wait to be extracted together; a JSON Lines input goes after those before it.)
        let jsonl = if doc.format == Format::Jsonl {
            Some(doc)
        } else {
            pages.push(doc);
            None
        };
        if jsonl.is_some() || pages.len() >= PAGES_AT_ONCE {
            count += extract_pages(
                &mut pages,
                options,
                extractor,
                verbose,
                &mut failed,
                &mut sink,
            )?;
        }
        let Some(doc) = jsonl else {
            continue;
        };
        let mut records = 0;
        let errors = extractor.extract_each(&doc, options, |record| {
            records += 1;
            sink(&record)
        })?;
        count += records;
        report(&doc.name, records, errors, verbose, &mut failed);
    }
    count += extract_pages(
        &mut pages,
        options,
        extractor,
        verbose,
        &mut failed,
        &mut sink,
    )?;
    if verbose {
        eprintln!("zhkg: {count} records from {} inputs", sources.len());
    }
    Ok(failed.len())
}

/// Reads and decodes one input; `None` (after saying why on stderr) when it cannot be read or
/// holds nothing.
fn read(
    source: &input::Source,
    input: &InputArgs,
    verbose: bool,
    failed: &mut Vec<zhkg::Error>,
) -> Option<Document> {
    let mut doc = match input::read_source(source, format(input.format)) {
        Ok(doc) => doc,
        Err(error) => {
            eprintln!("zhkg: error: {error}");
            failed.push(error);
            return None;
        }
    };
    if let (input::Source::Stdin, Some(name)) = (source, &input.source_name) {
        doc.name = name.clone();
    }
    if verbose && doc.decoded.encoding.is_transcoded() {
        eprintln!(
            "zhkg: {}: transcoded from {}",
            doc.name, doc.decoded.encoding
        );
    }
    if doc.is_blank() {
        eprintln!(
            "zhkg: warning: {}: empty input, nothing to extract",
            doc.name
        );
        return None;
    }
    Some(doc)
}

/// Extracts the waiting `pages` together and hands their records on; how many there were.
fn extract_pages(
    pages: &mut Vec<Document>,
    options: &Options,
    extractor: &Extractor,
    verbose: bool,
    failed: &mut Vec<zhkg::Error>,
    sink: &mut impl FnMut(&Record) -> Result<()>,
) -> Result<usize> {
    let mut count = 0;
    for (doc, extraction) in pages.iter().zip(extractor.extract_pages(pages, options)) {
        for record in &extraction.records {
            sink(record)?;
        }
        count += extraction.records.len();
        report(
            &doc.name,
            extraction.records.len(),
            extraction.errors,
            verbose,
            failed,
        );
    }
    pages.clear();
    Ok(count)
}

/// Says on stderr what went wrong in one input (and, with -v, how many records it gave).
fn report(
    name: &str,
    records: usize,
    errors: Vec<zhkg::Error>,
    verbose: bool,
    failed: &mut Vec<zhkg::Error>,
) {
    for error in &errors {
        eprintln!("zhkg: error: {error}");
    }
    if verbose {
        eprintln!("zhkg: {name}: {records} records");
    }
    failed.extend(errors);
}
