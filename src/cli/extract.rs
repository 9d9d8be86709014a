//! `zhkg extract`: inputs in, JSON Lines out. Bad inputs are reported and skipped; the exit code
//! is 1 when any input or line failed, so scripts notice without losing the rest.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use zhkg::input::{self, Format};
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

/// Reads every input and hands each record to `sink`, reporting bad inputs on stderr and going
/// on with the rest. Returns how many inputs (files, JSON lines) failed.
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
    for source in &sources {
        let doc = match input::read_source(source, format(input.format)) {
            Ok(mut doc) => {
                if let (input::Source::Stdin, Some(name)) = (source, &input.source_name) {
                    doc.name = name.clone();
                }
                doc
            }
            Err(error) => {
                eprintln!("zhkg: error: {error}");
                failed.push(error);
                continue;
            }
        };
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
            continue;
        }
        let mut records = 0;
        let errors = extractor.extract_each(&doc, options, |record| {
            records += 1;
            sink(&record)
        })?;
        for error in &errors {
            eprintln!("zhkg: error: {error}");
        }
        if verbose {
            eprintln!("zhkg: {}: {records} records", doc.name);
        }
        count += records;
        failed.extend(errors);
    }
    if verbose {
        eprintln!("zhkg: {count} records from {} inputs", sources.len());
    }
    Ok(failed.len())
}
