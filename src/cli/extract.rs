//! `zhkg extract`: inputs in, JSON Lines out. Bad inputs are reported and skipped; the exit code
//! is 1 when any input or line failed, so scripts notice without losing the rest.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use zhkg::input::{self, Document, Format, Opened};
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
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failed = for_each_record(&args.input, &options, verbose, |record| {
        serde_json::to_writer(&mut out, record)?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Text documents read before they are extracted together, one per core at a time.
const PAGES_AT_ONCE: usize = 64;

/// The extractor, loaded when the first article needs it: a run over empty or unreadable inputs
/// does not pay for the lexicons.
#[derive(Default)]
struct Lazy(std::cell::OnceCell<Extractor>);

impl Lazy {
    fn get(&self) -> Result<&Extractor> {
        if self.0.get().is_none() {
            let _ = self.0.set(Extractor::new()?);
        }
        Ok(self.0.get().expect("set just above"))
    }
}

impl Drop for Lazy {
    /// The process ends soon after: freeing the dictionaries one by one would only cost time
    /// (about 40 ms of a run).
    fn drop(&mut self) {
        if let Some(extractor) = self.0.take() {
            std::mem::forget(extractor);
        }
    }
}

/// Reads every input and hands each record to `sink`, in input order, reporting bad inputs on
/// stderr and going on with the rest. Text documents (pages) are extracted several at a time in
/// parallel, JSON Lines articles a window at a time. Returns how many inputs (files, JSON lines)
/// failed.
pub fn for_each_record(
    input: &InputArgs,
    options: &Options,
    verbose: bool,
    mut sink: impl FnMut(&Record) -> Result<()>,
) -> Result<usize> {
    let extractor = &Lazy::default();
    let (sources, mut failed) = input::expand_paths(&input.inputs);
    for error in &failed {
        eprintln!("zhkg: error: {error}");
    }
    let mut count = 0;
    let mut pages: Vec<Document> = Vec::new();
    for source in &sources {
        let Some(opened) = open(source, input, verbose, &mut failed) else {
            continue;
        };
        // Pages wait to be extracted together; JSON Lines go after the pages before them.
        let (name, records, errors) = match opened {
            Opened::Whole(doc) if doc.format != Format::Jsonl => {
                pages.push(doc);
                if pages.len() >= PAGES_AT_ONCE {
                    count += extract_pages(
                        &mut pages,
                        options,
                        extractor,
                        verbose,
                        &mut failed,
                        &mut sink,
                    )?;
                }
                continue;
            }
            Opened::Whole(doc) => {
                count += extract_pages(
                    &mut pages,
                    options,
                    extractor,
                    verbose,
                    &mut failed,
                    &mut sink,
                )?;
                let mut records = 0;
                let errors = extractor.get()?.extract_each(&doc, options, |record| {
                    records += 1;
                    sink(&record)
                })?;
                (doc.name, records, errors)
            }
            Opened::Lines(mut lines) => {
                count += extract_pages(
                    &mut pages,
                    options,
                    extractor,
                    verbose,
                    &mut failed,
                    &mut sink,
                )?;
                let name = lines.name().to_owned();
                let mut ahead = (&mut lines).peekable();
                let mut records = 0;
                let errors = match ahead.peek() {
                    None => Vec::new(),
                    Some(_) => extractor
                        .get()?
                        .extract_lines(&name, ahead, options, |record| {
                            records += 1;
                            sink(&record)
                        })?,
                };
                if verbose && lines.transcoded() {
                    eprintln!("zhkg: {name}: transcoded from {}", input::Encoding::Gb18030);
                }
                if records == 0 && errors.is_empty() {
                    eprintln!("zhkg: warning: {name}: empty input, nothing to extract");
                }
                (name, records, errors)
            }
        };
        count += records;
        report(&name, records, errors, verbose, &mut failed);
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

/// Opens one input; `None` (after saying why on stderr) when it cannot be read or, read whole,
/// holds nothing.
fn open(
    source: &input::Source,
    input: &InputArgs,
    verbose: bool,
    failed: &mut Vec<zhkg::Error>,
) -> Option<Opened> {
    let opened = match input::open(source, format(input.format)) {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!("zhkg: error: {error}");
            failed.push(error);
            return None;
        }
    };
    let renamed = input
        .source_name
        .as_ref()
        .filter(|_| *source == input::Source::Stdin);
    let mut doc = match opened {
        Opened::Lines(lines) => {
            return Some(Opened::Lines(match renamed {
                Some(name) => lines.renamed(name),
                None => lines,
            }))
        }
        Opened::Whole(doc) => doc,
    };
    if let Some(name) = renamed {
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
    Some(Opened::Whole(doc))
}

/// Extracts the waiting `pages` together and hands their records on; how many there were.
fn extract_pages(
    pages: &mut Vec<Document>,
    options: &Options,
    extractor: &Lazy,
    verbose: bool,
    failed: &mut Vec<zhkg::Error>,
    sink: &mut impl FnMut(&Record) -> Result<()>,
) -> Result<usize> {
    if pages.is_empty() {
        return Ok(0);
    }
    let mut count = 0;
    for (doc, extraction) in pages
        .iter()
        .zip(extractor.get()?.extract_pages(pages, options))
    {
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
