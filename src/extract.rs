//! The extraction pipeline, document in, records out:
//! input → layout repair → articles → credits and entities → records.
//!
//! An [`Extractor`] loads the lexicons once; [`Extractor::extract`] is then a pure function of a
//! document, so documents can be processed on any number of threads.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::input::{jsonl, Document, Format};
use crate::layout::{self, LaidOutArticle};
use crate::lexicon::Lexicons;
use crate::record::{entity_id, Credit, Entity, EntityType, Record, SourceSpan};
use crate::time::date_in_file_name;

/// Run-wide settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publication date for inputs that carry none (ISO `YYYY-MM-DD`).
    pub date: Option<String>,
    /// The paper's home area, e.g. `焦作市`.
    pub region: Option<String>,
    /// Print each character's input byte offset in the record.
    pub byte_offsets: bool,
}

/// What one document gave: its records and the problems met on the way.
#[derive(Debug, Default)]
pub struct Extraction {
    pub records: Vec<Record>,
    pub errors: Vec<Error>,
}

/// Holds everything loaded once per run.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicons: Lexicons,
}

impl Extractor {
    /// Loads the embedded lexicons.
    pub fn new() -> Result<Extractor> {
        Ok(Extractor {
            lexicons: Lexicons::embedded()?,
        })
    }

    /// Extracts every article of a document.
    pub fn extract(&self, doc: &Document, options: &Options) -> Extraction {
        match doc.format {
            Format::Jsonl => self.extract_jsonl(doc, options),
            Format::Text | Format::Auto => self.extract_page(doc, options),
        }
    }

    fn extract_page(&self, doc: &Document, options: &Options) -> Extraction {
        let chars = doc.source_chars();
        let page = layout::split_page(&chars, &self.lexicons.surnames);
        let date = options.date.clone().or_else(|| {
            (doc.name != "-")
                .then(|| date_in_file_name(&doc.name))
                .flatten()
        });
        let records = page
            .articles
            .into_iter()
            .enumerate()
            .map(|(n, article)| {
                let (byte_start, byte_end) = article_bytes(&article);
                let source = SourceSpan {
                    path: doc.name.clone(),
                    byte_start,
                    byte_end,
                    line: None,
                };
                let id = format!("{}#{}", doc.name, n + 1);
                self.record(id, article, date.clone(), source, options)
            })
            .collect();
        Extraction {
            records,
            errors: Vec::new(),
        }
    }

    fn extract_jsonl(&self, doc: &Document, options: &Options) -> Extraction {
        let (articles, errors) = jsonl::parse(doc);
        let records = articles
            .into_iter()
            .map(|a| {
                let mut article = layout::repair_article(&a.chars, &self.lexicons.surnames);
                article.title = a.title.map(|t| crate::offsets::MappedString {
                    text: t,
                    map: Default::default(),
                });
                let source = SourceSpan {
                    path: doc.name.clone(),
                    byte_start: a.byte_start,
                    byte_end: a.byte_end,
                    line: Some(a.line),
                };
                let date = a.date.or_else(|| options.date.clone());
                let mut record = self.record(a.id, article, date, source, options);
                record.url = a.url;
                record.publisher = a.source;
                record
            })
            .collect();
        Extraction { records, errors }
    }

    fn record(
        &self,
        id: String,
        article: LaidOutArticle,
        date: Option<String>,
        source: SourceSpan,
        options: &Options,
    ) -> Record {
        let mut people: BTreeMap<String, Entity> = BTreeMap::new();
        let mut credits = Vec::new();
        for credit in &article.credits {
            let person = entity_id(EntityType::Person, &credit.name);
            let entity = people.entry(person.clone()).or_insert_with(|| Entity {
                id: person.clone(),
                kind: EntityType::Person,
                name: credit.name.clone(),
                aliases: vec![credit.name.clone()],
                mentions: Vec::new(),
            });
            entity.mentions.push([credit.start, credit.end]);
            let credit = Credit {
                person,
                role: credit.role,
            };
            if !credits.contains(&credit) {
                credits.push(credit);
            }
        }
        let text_of = |m: Option<crate::offsets::MappedString>| m.map(|m| m.text);
        Record {
            id,
            kind: article.kind,
            title: text_of(article.title),
            kicker: text_of(article.kicker),
            subtitle: text_of(article.subtitle),
            date,
            region: options.region.clone(),
            url: None,
            publisher: None,
            source,
            byte_offsets: options.byte_offsets.then(|| article.text.map.starts()),
            text: article.text.text,
            entities: people.into_values().collect(),
            posts: Vec::new(),
            credits,
            events: Vec::new(),
            offsets: article.text.map,
        }
    }
}

/// Input byte range of everything an article was built from: headline lines and body.
fn article_bytes(article: &LaidOutArticle) -> (usize, usize) {
    let pieces = [&article.kicker, &article.title, &article.subtitle]
        .into_iter()
        .flatten()
        .chain(std::iter::once(&article.text));
    let ranges: Vec<(usize, usize)> = pieces
        .filter(|p| !p.map.is_empty())
        .map(|p| p.map.byte_range(0, p.map.len()))
        .collect();
    let start = ranges.iter().map(|r| r.0).min().unwrap_or(0);
    let end = ranges.iter().map(|r| r.1).max().unwrap_or(0);
    (start, end)
}
