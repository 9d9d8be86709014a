//! `zhkg quads`: articles in, N-Quads out, one article at a time and no store — the map step of
//! a distributed build. Every quad comes from one article, so the union of the quads of any
//! split of a corpus (made `distinct`) is the store `zhkg build` makes of the whole.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use zhkg::rdf;

use super::extract::{for_each_record, options};
use super::{QuadsArgs, Say};

pub fn run(args: &QuadsArgs, say: Say) -> Result<ExitCode> {
    let options = options(&args.input)?;
    let stdout = std::io::stdout();
    let mut out =
        RdfSerializer::from_format(RdfFormat::NQuads).for_writer(BufWriter::new(stdout.lock()));
    if !args.no_ontology {
        for quad in rdf::ontology_quads().map_err(anyhow::Error::msg)? {
            out.serialize_quad(&quad)?;
        }
    }
    let failed = for_each_record(&args.input, &options, say, |record| {
        for quad in rdf::record_quads(record) {
            out.serialize_quad(&quad)
                .with_context(|| format!("writing the quads of {}", record.id))?;
        }
        Ok(())
    })?;
    out.finish()?.flush()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
