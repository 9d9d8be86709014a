//! Argument definitions (clap derive; doc comments are the `--help` text) and dispatch.

/// `print!` that returns the `io::Error` instead of panicking when stdout is closed
/// (`zhkg lookup … | head`): `main` ends quietly on a broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `println!` that returns the `io::Error`, as [`out!`].
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod bench;
mod build;
mod demo;
mod eval;
mod export;
mod extract;
mod lookup;
mod manual;
mod progress;
mod quads;
mod query;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
pub use zhkg::results::ResultFormat;

/// Build a knowledge graph of people, posts, organizations, places and events from Chinese news.
#[derive(Debug, Parser)]
#[command(name = "zhkg", version, about, long_about = None)]
pub struct Cli {
    /// Say more on stderr: transcoded files, counts.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// No progress bar (shown otherwise on a terminal during long runs); errors are still printed.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one JSON record per article (JSON Lines on stdout).
    Extract(ExtractArgs),
    /// Build or extend a persistent RDF store from news inputs.
    Build(BuildArgs),
    /// Write the N-Quads of news inputs to stdout, article by article, with no store: the map
    /// step of a distributed build (the distinct union of any split is what `build` makes).
    Quads(QuadsArgs),
    /// Run a SPARQL query against a store.
    Query(QueryArgs),
    /// Show an entity card: posts, events, related entities, sources.
    Lookup(LookupArgs),
    /// Export the graph for Gephi, Cytoscape, yEd, Graphviz or a browser, or dump it as RDF.
    Export(ExportArgs),
    /// Serve a read-only SPARQL endpoint.
    Serve(ServeArgs),
    /// Print a shell's completion script (bash: `zhkg completions bash > /etc/bash_completion.d/zhkg`).
    Completions(CompletionsArgs),
    /// Print the manual page (troff), or write one per command into a directory.
    Man(ManArgs),
    /// Score the recognizers on an annotated corpus.
    Eval(EvalArgs),
    /// Run the pipeline on the bundled sample page, build a store and query it.
    Demo(DemoArgs),
    /// Measure extraction throughput against jieba-rs tag() alone on the same text.
    Bench(BenchArgs),
}

/// Input selection shared by `extract` and `build`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories (searched recursively for *.txt and *.jsonl) or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// How to read the inputs: auto uses the file extension (.jsonl) and sniffs stdin.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The paper's home area (e.g. 焦作市), used to resolve 我市, 市委, 区 …
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
    /// The name standard input stands for in records and provenance (`zkg:source`), e.g. the
    /// file a shard of it came from; without it, `-`.
    #[arg(long, value_name = "NAME")]
    pub source_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Auto,
    Text,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Add `byte_offsets`: the input byte offset of every character of `text`.
    #[arg(long)]
    pub offsets: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Directory of the persistent store.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
}

#[derive(Debug, Args)]
pub struct QuadsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Leave out the ontology's quads (written first otherwise, as `build` loads them).
    #[arg(long)]
    pub no_ontology: bool,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Directory of the store (made by `zhkg build`).
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// The SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE). zkg:, org:, schema:, skos:, prov:,
    /// rdfs: … are predeclared.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// Read the query from a file.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Run a query shipped in queries/ (posts-of-person, events-on-date …).
    #[arg(long, value_name = "NAME")]
    pub named: Option<String>,
    /// Bind a query variable: --arg person=王家鹏 (text is taken as @zh, YYYY-MM-DD as a date,
    /// <…> as an IRI).
    #[arg(long = "arg", value_name = "NAME=VALUE")]
    pub args: Vec<String>,
    /// Output: table (for people), json, csv, tsv, xml (W3C SPARQL results), turtle or ntriples
    /// (for CONSTRUCT and DESCRIBE).
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the demo's store in this directory instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Directory of the store (made by `zhkg build`).
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// graphml, gexf (1.3), dot, cyjs (Cytoscape.js JSON), html (one self-contained page), or the
    /// RDF dumps nquads, turtle, jsonld.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Keep only these node types: person, organization, place, event (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "TYPES")]
    pub types: Vec<String>,
    /// Keep only what lies within --depth edges of the entity with this name.
    #[arg(long, value_name = "NAME")]
    pub around: Option<String>,
    /// How far --around reaches.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Keep events and mentions dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Keep events and mentions dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Drop entities mentioned fewer times, and events reported by fewer articles.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_mentions: usize,
    /// Draw co-mention edges only between entities sharing at least N articles (0: none).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub co_mentions: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Graphml,
    Gexf,
    Dot,
    Cyjs,
    Html,
    Nquads,
    Turtle,
    Jsonld,
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Directory of the store (made by `zhkg build`).
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// A name, an alias or part of a name; NAME@SCOPE for one of several people of a name
    /// (王刚@湖南省).
    pub name: String,
    /// Print the card (or the candidates) as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only the posts held on this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub at: Option<String>,
    /// Every source, event and article of a post, not the short lists.
    #[arg(long)]
    pub all: bool,
}

/// A date at the precision given: 2023, 2023-05 or 2023-05-02.
fn parse_date(s: &str) -> Result<String, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if ok {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "{s:?} is not a date: write 2023, 2023-05 or 2023-05-02"
        ))
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Directory of the store (made by `zhkg build`).
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// Address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "HOST:PORT")]
    pub bind: String,
    /// Seconds a query may run before it is stopped.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Requests served at once, each query in a worker process of its own.
    #[arg(long, default_value_t = 4)]
    pub threads: usize,
    /// Megabytes of memory a query may use (its worker's resident set) before it is stopped
    /// with 503.
    #[arg(long, default_value_t = 512, value_name = "MB")]
    pub query_memory: u64,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write zhkg.1 and a zhkg-COMMAND.1 per command into this directory instead of printing
    /// zhkg.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// What to say on stderr besides errors and warnings.
#[derive(Debug, Clone, Copy)]
pub struct Say {
    pub verbose: bool,
    /// A progress bar on long work.
    pub progress: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Files or directories of news (text or JSON Lines).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The paper's home area, as for `extract`.
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
}

impl BenchArgs {
    /// The input options `extract` would use.
    pub fn input_options(&self) -> InputArgs {
        InputArgs {
            inputs: self.inputs.clone(),
            format: FormatArg::Auto,
            date: None,
            region: self.region.clone(),
            source_name: None,
        }
    }
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The annotated corpus file.
    pub file: PathBuf,
    /// Its format: bio (MSRA, People's Daily NER), cluener (CLUENER2020), pfr (PFR 1998 spans),
    /// cec (Chinese Emergency Corpus events: triggers, times, locations, participants).
    #[arg(long, value_enum)]
    pub format: CorpusArg,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Before the scores, print every sentence with a missed (-) or spurious (+) span.
    #[arg(long)]
    pub show_errors: bool,
    /// With --format cec: score only these categories (comma-separated, e.g. 新冠疫情,环境污染).
    #[arg(long, value_delimiter = ',')]
    pub category: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusArg {
    Bio,
    Cluener,
    Pfr,
    Cec,
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let say = Say {
        verbose: cli.verbose,
        progress: progress::wanted(cli.quiet),
    };
    match cli.command {
        Command::Extract(args) => extract::run(&args, say),
        Command::Demo(args) => demo::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Build(args) => build::run(&args, say),
        Command::Quads(args) => quads::run(&args, say),
        Command::Query(args) => query::run(&args),
        Command::Lookup(args) => lookup::run(&args),
        Command::Export(args) => export::run(&args, say),
        Command::Serve(args) => serve::run(&args),
        Command::Completions(args) => manual::completions(&args),
        Command::Man(args) => manual::man(&args),
        Command::Eval(args) => eval::run(&args),
    }
}

/// True when the error chain bottoms out in a closed output pipe.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(zhkg::error::is_broken_pipe)
}
