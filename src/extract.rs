//! The extraction pipeline, document in, records out:
//! input → layout repair → articles → credits and entities → records.
//!
//! An [`Extractor`] loads the lexicons once; [`Extractor::extract`] is then a pure function of a
//! document, so documents can be processed on any number of threads.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::assemble::{self, Entities};
use crate::error::{Error, Result};
use crate::events::Detector;
use crate::input::{jsonl, Document, Format};
use crate::layout::{self, LaidOutArticle};
use crate::recognize::{posts, repair, Mention, MentionKind, Recognizer};
use crate::record::{entity_id, EntityType, Record, SourceSpan};
use crate::resolve::Region;
use crate::scope::Scopes;
use crate::time::{date_in_file_name, times_in};

/// Articles of a JSON Lines input taken and not yet handed on: enough to keep every core busy
/// past a slow article, few enough that memory does not grow with the input.
const WINDOW: usize = 256;

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
    /// The document's records, in input order.
    pub records: Vec<Record>,
    /// Problems with the input (bad JSON lines); the records of the rest are still there.
    pub errors: Vec<Error>,
}

/// Holds everything loaded once per run: lexicons, the segmenter, located regions.
#[derive(Debug, Clone)]
pub struct Extractor {
    recognizer: Arc<Recognizer>,
    detector: Arc<Detector>,
    regions: Arc<RwLock<HashMap<String, Option<Arc<Region>>>>>,
    scopes: Arc<Scopes>,
    threads: usize,
}

impl Extractor {
    /// Loads the embedded lexicons and builds the recognizers.
    pub fn new() -> Result<Extractor> {
        let recognizer = Recognizer::embedded()?;
        Ok(Extractor {
            scopes: Arc::new(Scopes::new(recognizer.lexicons())),
            recognizer: Arc::new(recognizer),
            detector: Arc::new(Detector::embedded()?),
            regions: Arc::default(),
            threads: crate::parallel::threads(),
        })
    }

    /// The same extractor working on `threads` threads (1: single-threaded).
    pub fn with_threads(mut self, threads: usize) -> Extractor {
        self.threads = threads.max(1);
        self
    }

    /// The recognizer shared by this extractor.
    pub fn recognizer(&self) -> &Recognizer {
        &self.recognizer
    }

    /// The title of the post a written title stands for, when it differs (外长 at 外交部 → 部长).
    fn post_title(&self, title: &str, organization: Option<&str>) -> Option<String> {
        let (post, body) = self.recognizer.title_post(title)?;
        let at_body = organization == Some(entity_id(EntityType::Organization, body).as_str());
        (at_body && post != title).then(|| post.to_owned())
    }

    /// The region named `name`, located in the gazetteer once per run.
    fn region(&self, name: &str) -> Option<Arc<Region>> {
        // Looked up for every place an article names: read without blocking the other threads.
        if let Some(found) = self
            .regions
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
        {
            return found.clone();
        }
        let found = Region::find(name, self.recognizer.lexicons()).map(Arc::new);
        let mut regions = self.regions.write().unwrap_or_else(|e| e.into_inner());
        regions.entry(name.to_owned()).or_insert(found).clone()
    }

    /// The region an article is about, inferred from the places it names (`--region` absent).
    fn inferred_region(
        &self,
        article: &LaidOutArticle,
        chars: &[char],
        mentions: &[Mention],
    ) -> Option<Arc<Region>> {
        let title = article.title.as_ref().map_or("", |t| t.text.as_str());
        let places = mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Place)
            .map(|m| (m.start, m.canonical.as_str(), m.surface.as_str()));
        Region::infer(title, chars, places, |name| self.region(name))
    }

    /// Extracts the articles of a page of text (or of a single article), in page order: the
    /// simplest way in from another program. The text is named `text` in the records.
    ///
    /// ```
    /// let extractor = zhkg::Extractor::new()?;
    /// let options = zhkg::Options {
    ///     date: Some("2019-08-30".into()),
    ///     region: Some("焦作市".into()),
    ///     ..Default::default()
    /// };
    /// let records = extractor.extract_text("本报讯 8月29日，市委书记王小平到修武县调研。", &options);
    /// let post = &records[0].posts[0];
    /// // (Posts name their people and organizations by entity id; the person's carries the
    /// // province of the post, which tells apart people of one name.)
    /// assert_eq!(post.person, "person:王小平@河南省");
    /// assert_eq!(post.title, "书记");
    /// assert!(post.organization.as_deref().is_some_and(|o| o.contains("焦作市委")));
    /// # Ok::<(), zhkg::Error>(())
    /// ```
    pub fn extract_text(&self, text: &str, options: &Options) -> Vec<Record> {
        let doc = Document::from_text("text", text, crate::input::Format::Text);
        self.extract(&doc, options).records
    }

    /// Extracts one article whose title and date are known apart from its text (a scraped
    /// article, a transcript): its record, named `article`. A date that is not `YYYY-MM-DD` (or
    /// `YYYYMMDD`) is left out, as in JSON Lines.
    ///
    /// ```
    /// let extractor = zhkg::Extractor::new()?;
    /// let record = extractor.extract_article(
    ///     Some("王毅会见俄罗斯外长"),
    ///     Some("2023-05-10"),
    ///     "5月10日，外交部长王毅在北京会见俄罗斯外长拉夫罗夫。",
    ///     &zhkg::Options::default(),
    /// );
    /// assert_eq!(record.date.as_deref(), Some("2023-05-10"));
    /// assert!(record.entities.iter().any(|e| e.name == "王毅"));
    /// # Ok::<(), zhkg::Error>(())
    /// ```
    pub fn extract_article(
        &self,
        title: Option<&str>,
        date: Option<&str>,
        text: &str,
        options: &Options,
    ) -> Record {
        let article = jsonl::JsonArticle {
            id: "article".to_owned(),
            title: title.map(str::to_owned),
            date: date.and_then(crate::time::parse_date),
            url: None,
            source: None,
            chars: text
                .char_indices()
                .map(|(at, c)| (c, (at, at + c.len_utf8())))
                .collect(),
            line: 1,
            byte_start: 0,
            byte_end: text.len(),
        };
        self.jsonl_record("article", article, options)
    }

    /// Extracts every article of a document.
    pub fn extract(&self, doc: &Document, options: &Options) -> Extraction {
        let mut records = Vec::new();
        let errors = self.extract_each(doc, options, |record| {
            records.push(record);
            Ok::<(), std::convert::Infallible>(())
        });
        Extraction {
            records,
            errors: errors.unwrap_or_else(|never| match never {}),
        }
    }

    /// Extracts text documents (newspaper pages, single articles) in parallel, one document per
    /// task: a directory of pages keeps every core busy. The extractions come in the order given.
    pub(crate) fn extract_pages(&self, docs: &[Document], options: &Options) -> Vec<Extraction> {
        let mut extractions = Vec::with_capacity(docs.len());
        let extract = |doc| self.extract(doc, options);
        let _ = crate::parallel::for_each_ordered(
            docs.iter(),
            self.threads,
            docs.len(),
            extract,
            |e| {
                extractions.push(e);
                Ok::<(), std::convert::Infallible>(())
            },
        );
        extractions
    }

    /// Extracts every article of a document and hands the records to `sink` in input order as
    /// they are made, so that what is held does not grow with the document. Returns the input
    /// errors (bad JSON lines), or the first error of `sink`, which stops the extraction.
    pub(crate) fn extract_each<E>(
        &self,
        doc: &Document,
        options: &Options,
        sink: impl FnMut(Record) -> std::result::Result<(), E>,
    ) -> std::result::Result<Vec<Error>, E> {
        match doc.format {
            Format::Jsonl => self.extract_lines(&doc.name, jsonl::parse(doc), options, sink),
            Format::Text | Format::Auto => {
                let extraction = self.extract_page(doc, options);
                extraction.records.into_iter().try_for_each(sink)?;
                Ok(extraction.errors)
            }
        }
    }

    /// Extracts the articles of JSON Lines input `name` as they are read (see [`jsonl::Lines`])
    /// on every core, handing the records to `sink` in input order with at most a window (256)
    /// articles in flight (see [`crate::parallel`]). Returns the problems met (bad lines,
    /// unreadable input), or the first error of `sink`, which stops the extraction.
    pub(crate) fn extract_lines<E>(
        &self,
        name: &str,
        lines: impl Iterator<Item = Result<jsonl::JsonArticle>> + Send,
        options: &Options,
        mut sink: impl FnMut(Record) -> std::result::Result<(), E>,
    ) -> std::result::Result<Vec<Error>, E> {
        let mut errors = Vec::new();
        let articles = lines.filter_map(|line| line.map_err(|e| errors.push(e)).ok());
        crate::parallel::for_each_ordered(
            articles,
            self.threads,
            WINDOW,
            |a| self.jsonl_record(name, a, options),
            &mut sink,
        )?;
        Ok(errors)
    }

    fn extract_page(&self, doc: &Document, options: &Options) -> Extraction {
        let chars = doc.source_chars();
        let page = layout::split_page(&chars, &self.recognizer.lexicons().surnames);
        // --date, else the page's running head, else a date in the file's name.
        let date = options.date.clone().or(page.date.clone()).or_else(|| {
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
                // (FILE#3 on a file's first page, FILE#p2.3 on its second.)
                let id = match doc.page {
                    1 => format!("{}#{}", doc.name, n + 1),
                    page => format!("{}#p{page}.{}", doc.name, n + 1),
                };
                self.record(id, article, date.clone(), source, options)
            })
            .collect();
        Extraction {
            records,
            errors: Vec::new(),
        }
    }

    fn jsonl_record(&self, name: &str, a: jsonl::JsonArticle, options: &Options) -> Record {
        let mut article = layout::repair_article(&a.chars, &self.recognizer.lexicons().surnames);
        article.title = a.title.map(|t| crate::offsets::MappedString {
            text: t,
            map: Default::default(),
        });
        let source = SourceSpan {
            path: name.to_owned(),
            byte_start: a.byte_start,
            byte_end: a.byte_end,
            line: Some(a.line),
        };
        let date = a.date.or_else(|| options.date.clone());
        let mut record = self.record(a.id, article, date, source, options);
        record.url = a.url;
        record.publisher = a.source;
        record
    }

    fn record(
        &self,
        id: String,
        article: LaidOutArticle,
        date: Option<String>,
        source: SourceSpan,
        options: &Options,
    ) -> Record {
        let chars: Vec<char> = article.text.text.chars().collect();
        let (text, mut mentions) = self.recognizer.recognize_text(&article.text.text);
        let region = match options.region.as_deref() {
            Some(name) => self.region(name),
            None => self.inferred_region(&article, &chars, &mentions),
        };
        repair::credited_people(&mut mentions, &article.credits, &chars);
        repair::repeated_names(&mut mentions, &text);
        if let Some(region) = &region {
            region.add_references(&mut mentions, &chars);
            region.expand_mentions(&mut mentions);
        }
        let found = posts::find(&self.recognizer, &chars, &mentions);
        let mut entities = Entities::default();
        for mention in &mentions {
            entities.add(mention);
        }
        let times = times_in(&text, date.as_deref());
        let read = assemble::Article {
            chars: &chars,
            mentions: &mentions,
            times: &times,
            date: date.as_deref(),
        };
        let post_title =
            |title: &str, organization: Option<&str>| self.post_title(title, organization);
        let mut posts =
            assemble::posts(&read, &found, region.as_deref(), &mut entities, post_title);
        let mut credits = assemble::credits(&article.credits);
        let found = self.detector.find(&text, &mentions, &times);
        let mut events = assemble::events(&id, &read, &found, &mut entities);
        drop(text);
        let mut entities = entities.into_sorted();
        let lexicons = self.recognizer.lexicons();
        self.scopes.scope_people(
            lexicons,
            &mut entities,
            &mut posts,
            &mut events,
            &mut credits,
        );
        let text_of = |m: Option<crate::offsets::MappedString>| m.map(|m| m.text);
        Record {
            id,
            kind: article.kind,
            title: text_of(article.title),
            kicker: text_of(article.kicker),
            subtitle: text_of(article.subtitle),
            date,
            region: region.as_ref().map(|r| r.name.clone()),
            url: None,
            publisher: None,
            source,
            byte_offsets: options.byte_offsets.then(|| article.text.map.starts()),
            text: article.text.text,
            entities,
            posts,
            credits,
            events,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// More articles than a window: records come in input order, and a sink's error stops the
    /// extraction there.
    #[test]
    fn records_stream_in_input_order_a_window_at_a_time() {
        let lines: String = (0..WINDOW + 10)
            .map(|i| format!("{{\"id\":\"a{i}\",\"text\":\"王家鹏到大北张村调研。\"}}\n"))
            .collect();
        let doc = Document::from_text("in.jsonl", &lines, Format::Jsonl);
        let extractor = Extractor::new().unwrap().with_threads(2);
        let mut ids = Vec::new();
        let errors = extractor.extract_each(&doc, &Options::default(), |r| {
            ids.push(r.id);
            Ok::<(), ()>(())
        });
        assert!(errors.unwrap().is_empty());
        let expected: Vec<String> = (0..WINDOW + 10).map(|i| format!("a{i}")).collect();
        assert_eq!(ids, expected);
        let mut seen = 0;
        let stopped = extractor.extract_each(&doc, &Options::default(), |_| {
            seen += 1;
            if seen == 3 {
                Err("disk full")
            } else {
                Ok(())
            }
        });
        assert_eq!(stopped.unwrap_err(), "disk full");
        assert_eq!(seen, 3);
    }

    /// The posts of one article of `text`, as (person, post title, organization).
    fn posts_of(text: &str) -> Vec<(String, String, Option<String>)> {
        let doc = Document::from_text("a.txt", text, Format::Text);
        let options = Options {
            date: Some("2023-03-01".into()),
            ..Options::default()
        };
        let records = Extractor::new().unwrap().extract(&doc, &options).records;
        records
            .iter()
            .flat_map(|r| &r.posts)
            .map(|p| {
                (
                    p.person.clone(),
                    p.post_title().to_owned(),
                    p.organization.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn titles_that_name_their_body_are_posts_there() {
        let posts =
            posts_of("中共中央政治局委员、国务委员兼外交部长王毅会见了他。外长王毅表示欢迎。");
        // (王毅, a well-known name of data/people.tsv, is never scoped.)
        let minister = (
            "person:王毅".to_owned(),
            "部长".to_owned(),
            Some("organization:外交部".to_owned()),
        );
        assert_eq!(
            posts.iter().filter(|p| **p == minister).count(),
            2,
            "{posts:?}"
        );
        assert!(posts.contains(&(
            "person:王毅".to_owned(),
            "国务委员".to_owned(),
            Some("organization:国务院".to_owned())
        )));
    }

    #[test]
    fn a_foreign_minister_is_not_ours() {
        for text in [
            "土库曼斯坦副总理兼外长梅列多夫出席。",
            "玻利维亚前外长费尔南多·瓦纳库尼说。",
            "乌国防部长乌梅罗夫当天在会谈结束后称，双方达成一致。",
            "以色列总理内塔尼亚胡宣布解除加兰特的职务，任命卡茨为国防部长。",
            "阿富汗临时政府代理外交部长穆塔基25日再次要求美国归还资产。",
        ] {
            let posts = posts_of(text);
            let ours = ["organization:外交部", "organization:国防部"];
            assert!(
                posts
                    .iter()
                    .all(|p| !ours.contains(&p.2.as_deref().unwrap_or(""))
                        && !p.0.ends_with("@中央")),
                "{text}: {posts:?}"
            );
        }
    }

    #[test]
    fn a_foreign_leader_met_abroad_takes_no_post_of_ours() {
        let posts = posts_of(
            "全国人大常委会委员长赵乐际对俄罗斯进行正式友好访问，在圣彼得堡会见总统普京。",
        );
        let putin: Vec<_> = posts.iter().filter(|p| p.0.contains("普京")).collect();
        assert!(
            putin.iter().all(|p| p.0 == "person:普京" && p.2.is_none()),
            "{posts:?}"
        );
    }

    #[test]
    fn a_foreign_legislature_places_its_speaker_abroad() {
        let posts = posts_of("美国国会众议长佩洛西窜访台湾。");
        assert!(
            posts.iter().any(|p| p.0 == "person:佩洛西@美国"),
            "{posts:?}"
        );
    }
}
