//! `zhkg extract`: inputs in, JSON Lines out. Bad inputs are reported and skipped; the exit code
//! is 1 when any input or line failed, so scripts notice without losing the rest.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use zhkg::input::Format;
use zhkg::pipeline::{Inputs, Notice, Pipeline};
use zhkg::{Options, Record};

use super::progress::Progress;
use super::{ExtractArgs, FormatArg, InputArgs, Say};

/// Checks `--date` and turns the input arguments into library options.
pub fn options(input: &InputArgs) -> Result<Options> {
    if let Some(region) = &input.region {
        zhkg::resolve::check_region(region)?;
    }
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

pub fn run(args: &ExtractArgs, say: Say) -> Result<ExitCode> {
    let mut options = options(&args.input)?;
    options.byte_offsets = args.offsets;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failed = for_each_record(&args.input, &options, say, |record| {
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

/// Reads every input and hands each record to `sink`, in input order, reporting bad inputs on
/// stderr and going on with the rest (see [`zhkg::pipeline`]), a progress bar meanwhile when
/// `say` wants one. Returns how many inputs or lines failed.
pub fn for_each_record(
    input: &InputArgs,
    options: &Options,
    say: Say,
    mut sink: impl FnMut(&Record) -> Result<()>,
) -> Result<usize> {
    let verbose = say.verbose;
    let progress = Progress::of_inputs(say.progress);
    let inputs = Inputs {
        paths: input.inputs.clone(),
        format: format(input.format),
        stdin_name: input.source_name.clone(),
    };
    let (mut records, mut documents) = (0, 0);
    let pipeline = Pipeline::new();
    let failed = pipeline.for_each_record(
        &inputs,
        options,
        |notice| match notice {
            Notice::Sources(sources) => progress.sources(sources),
            Notice::Problem(error) => {
                progress.say(&format!("zhkg: error: {}", zhkg::error::report(error)))
            }
            Notice::Empty(name) => progress.say(&format!(
                "zhkg: warning: {name}: empty input, nothing to extract"
            )),
            Notice::Transcoded(name, encoding) if verbose => {
                progress.say(&format!("zhkg: {name}: transcoded from {encoding}"))
            }
            Notice::Done(name, n) => {
                records += n;
                documents += 1;
                if verbose {
                    progress.say(&format!("zhkg: {name}: {n} records"));
                }
            }
            Notice::Transcoded(..) => {}
        },
        |record| {
            progress.article(&record.source.path, record.source.byte_end);
            sink(record)
        },
    );
    progress.finish();
    let failed = failed?;
    if verbose {
        eprintln!("zhkg: {records} records from {documents} documents (pages of text, files of JSON Lines)");
    }
    // The process ends soon: freeing the dictionaries one by one would only cost time (about
    // 40 ms).
    std::mem::forget(pipeline);
    Ok(failed)
}
