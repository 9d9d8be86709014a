//! # zhkg — knowledge graphs from Chinese local news
//!
//! ```text
//! input (text / JSONL / dirs; UTF-8, GBK, UTF-16)      input
//!   → layout repair (column breaks, letter spacing,    layout
//!     headlines after bodies, bylines, photo credits)
//!   → articles with offset maps back to input bytes    offsets
//!   → extraction records (entities, posts, credits,    extract, record
//!     events)
//! ```
//!
//! The library does the work; the `zhkg` binary parses the command line and calls it. Every
//! character of a repaired article keeps the input byte range it came from ([`offsets`]), so each
//! mention, post or event can be traced to its file and bytes.

#![warn(missing_docs)]

mod assemble;
pub mod error;
pub mod eval;
pub mod events;
#[cfg(feature = "store")]
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod layout;
pub mod lexicon;
#[cfg(feature = "store")]
pub mod lookup;
pub mod offsets;
pub mod parallel;
pub mod pipeline;
#[cfg(feature = "store")]
pub mod rdf;
pub mod recognize;
pub mod record;
pub mod resolve;
#[cfg(feature = "store")]
pub mod results;
pub mod scope;
pub mod segment;
#[cfg(feature = "serve")]
pub mod serve;
#[cfg(feature = "store")]
pub mod store;
pub mod time;

pub use error::{Error, Result};
pub use extract::{Extraction, Extractor, Options};
pub use record::Record;

/// The bundled sample: a page of the Jiaozuo daily of 2019-08-30, as PDF text extraction left it.
pub const SAMPLE_PAGE: &str = include_str!("../data/samples/jiaozuo-page-2019-08-30.txt");
/// The name the sample goes by in records.
pub const SAMPLE_NAME: &str = "jiaozuo-page-2019-08-30.txt";
