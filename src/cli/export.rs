//! `zhkg export`: the store as a graph file for Gephi, Cytoscape, yEd, Graphviz, networkx or a
//! browser, or dumped as RDF.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use zhkg::export::{self, Filter, NODE_TYPES};
use zhkg::store::Store;

use super::extract::date_flag;
use super::progress::{Counted, Progress};
use super::{ExportArgs, ExportFormat, Say};

pub fn run(args: &ExportArgs, say: Say) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.store)?;
    let progress = Progress::of_output(say.progress);
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut out = Counted {
        inner: out,
        progress: &progress,
    };
    let rdf = match args.format {
        ExportFormat::Nquads => Some(RdfFormat::NQuads),
        ExportFormat::Turtle => Some(RdfFormat::Turtle),
        ExportFormat::Jsonld => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        _ => None,
    };
    let filter = filter(args)?;
    if let Some(format) = rdf {
        if !filter.keeps_all() {
            bail!("filters (--types, --around, --since, --until, --min-mentions, --co-mentions) apply to graph formats, not to RDF dumps");
        }
        store.dump(format, &mut out)?;
    } else {
        let graph = export::load(&store, &filter)?;
        match args.format {
            ExportFormat::Graphml => export::write_graphml(&graph, &mut out)?,
            ExportFormat::Gexf => export::write_gexf(&graph, &mut out)?,
            ExportFormat::Dot => export::write_dot(&graph, &mut out)?,
            ExportFormat::Cyjs => export::write_cytoscape_json(&graph, &mut out)?,
            _ => out.write_all(export::html(&graph).as_bytes())?,
        }
        progress.finish();
        eprintln!(
            "zhkg: {} nodes, {} edges",
            graph.nodes.len(),
            graph.edges.len()
        );
    }
    out.flush()?;
    progress.finish();
    Ok(ExitCode::SUCCESS)
}

/// The filter the flags ask for, checked.
fn filter(args: &ExportArgs) -> Result<Filter> {
    for t in &args.types {
        if !NODE_TYPES.contains(&t.as_str()) {
            bail!("--types {t:?}: the types are {}", NODE_TYPES.join(", "));
        }
    }
    Ok(Filter {
        types: args.types.clone(),
        around: args.around.clone(),
        depth: args.depth,
        since: date_flag("--since", &args.since)?,
        until: date_flag("--until", &args.until)?,
        min_mentions: args.min_mentions,
        co_mentions: args.co_mentions,
    })
}
