//! The extraction pipeline, document in, records out:
//! input → layout repair → articles → credits and entities → records.
//!
//! An [`Extractor`] loads the lexicons once; [`Extractor::extract`] is then a pure function of a
//! document, so documents can be processed on any number of threads.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use crate::error::{Error, Result};
use crate::events::{self, Detector, Found, Role};
use crate::input::{jsonl, Document, Format};
use crate::layout::{self, LaidOutArticle};
use crate::lexicon::Level;
use crate::recognize::{posts, Mention, MentionKind, Recognizer};
use crate::record::{
    entity_id, Argument, ChangeKind, Credit, Entity, EntityType, Event, EventCount, EventTime,
    Participant, Post, PostChange, Record, SourceSpan, TimeBasis,
};
use crate::resolve::Region;
use crate::scope::{self, Scopes};
use crate::time::{date_in_file_name, expressions::Day, find_times, TimeMention};

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
    pub records: Vec<Record>,
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
            threads: threads(),
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

    /// Gives every person a post places its scope in their id (`person:王刚@湖南省`), in the
    /// entities, posts, events and credits of one article ([`crate::scope`]).
    fn scope_people(
        &self,
        entities: &mut [Entity],
        posts: &mut [Post],
        events: &mut [crate::record::Event],
        credits: &mut [Credit],
    ) {
        let lexicons = self.recognizer.lexicons();
        // (A full name of the gazetteer, or a province's short one: 河南省委, 河南.)
        let province_of = |prefix: &str| {
            Region::find(prefix, lexicons)
                .filter(|r| r.name == prefix || r.level == Level::Province)
                .and_then(|r| r.province)
        };
        let mut scopes = scope::scopes_of_people(posts, |organization| {
            let name = organization.strip_prefix("organization:")?;
            self.scopes.of_organization(name, province_of)
        });
        scopes.retain(|id, _| {
            let name = id.strip_prefix("person:").unwrap_or(id);
            !lexicons.people.contains(name)
        });
        if scopes.is_empty() {
            return;
        }
        let renamed: HashMap<String, String> = scopes
            .into_iter()
            .map(|(id, scope)| (id.clone(), format!("{id}@{scope}")))
            .collect();
        for entity in entities.iter_mut() {
            if let Some(new) = renamed.get(&entity.id) {
                entity.id.clone_from(new);
            }
        }
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        scope::rename(&renamed, posts, events);
        for credit in credits {
            if let Some(new) = renamed.get(&credit.person) {
                credit.person.clone_from(new);
            }
        }
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
    pub fn extract_pages(&self, docs: &[Document], options: &Options) -> Vec<Extraction> {
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
    pub fn extract_each<E>(
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
    pub fn extract_lines<E>(
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
        add_credited_people(&mut mentions, &article, &chars);
        add_repeated_names(&mut mentions, &text);
        if let Some(region) = &region {
            add_region_references(&mut mentions, region, &chars);
        }
        for mention in &mut mentions {
            let named = matches!(mention.kind, MentionKind::Organization | MentionKind::Place);
            if let Some(full) = region
                .as_ref()
                .filter(|_| named)
                .and_then(|r| r.expand(&mention.canonical))
            {
                mention.canonical = full;
            }
        }
        let found = posts::find(&self.recognizer, &chars, &mentions);
        let mut entities = Entities::default();
        for mention in &mentions {
            entities.add(mention);
        }
        let times = times_in(&text, date.as_deref());
        let mut posts: Vec<Post> = found
            .iter()
            .filter_map(|p| {
                let title = &mentions[p.title];
                let organization = match (&p.organization, &p.inherited) {
                    (Some(i), _) => entities.add(&mentions[*i]),
                    (None, Some((name, start, end))) => {
                        let name = region
                            .as_ref()
                            .and_then(|r| r.expand(name))
                            .unwrap_or_else(|| name.clone());
                        // (An organization the title alone implies, 外长 → 外交部, is not
                        // called 外长.)
                        let a_title = mentions.iter().any(|m| {
                            m.kind == MentionKind::Title && [m.start, m.end] == [*start, *end]
                        });
                        let surface = if a_title {
                            name.clone()
                        } else {
                            chars[*start..*end].iter().collect()
                        };
                        entities.add(&Mention {
                            kind: MentionKind::Organization,
                            start: *start,
                            end: *end,
                            surface,
                            canonical: name,
                            parent: None,
                        })
                    }
                    _ => None,
                };
                Some(Post {
                    person: entities.add(&mentions[p.person])?,
                    title: title.canonical.clone(),
                    post_title: self.post_title(&title.canonical, organization.as_deref()),
                    organization,
                    span: [p.start, p.end],
                    change: p
                        .change
                        .map(|change| post_change(change, &chars, &times, date.as_deref())),
                })
            })
            .collect();
        lend_organizations(&mut posts);
        let mut credits = Vec::new();
        for credit in &article.credits {
            let credit = Credit {
                person: entity_id(EntityType::Person, &credit.name),
                role: credit.role,
            };
            if !credits.contains(&credit) {
                credits.push(credit);
            }
        }
        let found = self.detector.find(&text, &mentions, &times);
        let mut events = event_records(
            (&id, date.as_deref()),
            &chars,
            &found,
            &mentions,
            &times,
            &mut entities,
        );
        drop(text);
        let mut entities = entities.into_sorted();
        self.scope_people(&mut entities, &mut posts, &mut events, &mut credits);
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

/// The date of a change of post: the last date of its sentence before the change word, else the
/// article's date.
fn post_change(
    (change, start, end): (posts::Change, usize, usize),
    chars: &[char],
    times: &[TimeMention],
    article_date: Option<&str>,
) -> PostChange {
    let sentence_start = chars[..start]
        .iter()
        .rposition(|c| matches!(c, '。' | '！' | '？' | '\n'))
        .map_or(0, |i| i + 1);
    let stated = times
        .iter()
        .filter_map(|t| {
            let inside = t.start >= sentence_start && t.end <= start && !t.vague;
            t.from.clone().filter(|d| inside && !d.starts_with("--"))
        })
        .next_back();
    let (date, basis) = match stated {
        Some(date) => (Some(date), TimeBasis::Stated),
        None => (article_date.map(str::to_owned), TimeBasis::Article),
    };
    PostChange {
        kind: match change {
            posts::Change::Start => ChangeKind::Start,
            posts::Change::End => ChangeKind::End,
        },
        trigger: chars[start..end].iter().collect(),
        span: [start, end],
        date,
        basis,
    }
}

/// A title an article gives a person without an organization (外长王毅 after 外交部部长王毅) is
/// the post of that title the article gives with one, when there is exactly one.
fn lend_organizations(posts: &mut [Post]) {
    for i in 0..posts.len() {
        if posts[i].organization.is_some() {
            continue;
        }
        let mut lenders = posts.iter().filter(|p| {
            p.person == posts[i].person
                && p.post_title() == posts[i].post_title()
                && p.organization.is_some()
        });
        let organization = match (lenders.next(), lenders.next()) {
            (Some(only), None) => only.organization.clone(),
            _ => None,
        };
        posts[i].organization = organization;
    }
}

/// The time expressions of a text that start on a word boundary (not 日前 inside 节日前).
pub fn times_in(text: &crate::recognize::Text, date: Option<&str>) -> Vec<TimeMention> {
    find_times(&text.chars, date.and_then(Day::parse))
        .into_iter()
        .filter(|t| text.token_starting[t.start].is_some())
        .collect()
}

/// Roles that make attending the same event go without saying.
const LEADING: &[&str] = &["agent", "host", "counterpart"];

/// Events as the record writes them: entity ids, normalized times, stable ids. An event the text
/// gives no time for is dated by the article (`basis: article`), the latest it can have been.
fn event_records(
    (article, article_date): (&str, Option<&str>),
    chars: &[char],
    found: &[Found],
    mentions: &[Mention],
    times: &[TimeMention],
    entities: &mut Entities,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for f in found {
        let basis = if f.time_carried {
            TimeBasis::Carried
        } else {
            TimeBasis::Stated
        };
        let stated = f.time.map(|i| &times[i]).map(|t| EventTime {
            text: t.text.clone(),
            span: [t.start, t.end],
            basis,
            start: t.from.clone(),
            end: t.to.clone(),
            part: t.part.map(str::to_owned),
        });
        // (A time with no date, 当场 or 第一时间, keeps its text; the article's date bounds it.)
        let dated = |t: &EventTime| t.start.is_some() || t.end.is_some();
        let time = match (stated, article_date) {
            (Some(t), Some(date)) if !dated(&t) => Some(EventTime {
                basis: TimeBasis::Article,
                start: Some(date.to_owned()),
                end: Some(date.to_owned()),
                ..t
            }),
            (Some(t), _) => Some(t),
            (None, date) => date.map(|date| EventTime {
                text: String::new(),
                span: [0, 0],
                basis: TimeBasis::Article,
                start: Some(date.to_owned()),
                end: Some(date.to_owned()),
                part: None,
            }),
        };
        let date = time
            .as_ref()
            .and_then(|t| t.start.as_deref().or(t.end.as_deref()));
        let agent = f.leader().map(|m| mentions[m].canonical.as_str());
        // One argument per entity and role: its first mention in the role. Someone may attend
        // and brief (赵奇玲 参加会议 … 汇报), but one who leads or is met does not also attend.
        let mut participants: Vec<Participant> = Vec::new();
        for &(m, role) in &f.participants {
            let Some(entity) = entities.add(&mentions[m]) else {
                continue;
            };
            let name = role.name();
            let known = participants.iter().any(|p| {
                p.entity == entity
                    && (p.role == name
                        || (role == Role::Attendee && LEADING.contains(&p.role.as_str())))
            });
            if !known {
                participants.push(Participant {
                    entity,
                    role: name.to_owned(),
                    span: [mentions[m].start, mentions[m].end],
                });
            }
        }
        let mut places: Vec<Argument> = Vec::new();
        for &m in &f.places {
            let Some(entity) = entities.add(&mentions[m]) else {
                continue;
            };
            if !places.iter().any(|p| p.entity == entity) {
                places.push(Argument {
                    entity,
                    span: [mentions[m].start, mentions[m].end],
                });
            }
        }
        let (s, e) = f.trigger;
        out.push(Event {
            id: events::event_id(f.kind, date, agent, article, s),
            kind: f.kind.to_owned(),
            trigger: chars[s..e].iter().collect(),
            span: [s, e],
            mentions: f.triggers.iter().map(|&(s, e)| [s, e]).collect(),
            time,
            places,
            participants,
            count: f.count.as_ref().map(|c| EventCount {
                text: chars[c.start..c.end].iter().collect(),
                span: [c.start, c.end],
                value: c.value,
            }),
        });
    }
    out
}

/// Worker threads: `ZHKG_THREADS` if set, else the machine's parallelism.
pub fn threads() -> usize {
    std::env::var("ZHKG_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Credited names are people even where the recognizer did not see them.
fn add_credited_people(mentions: &mut Vec<Mention>, article: &LaidOutArticle, chars: &[char]) {
    for credit in &article.credits {
        let overlaps = mentions.iter().any(|m| {
            m.start < credit.end
                && credit.start < m.end
                && !(m.start == credit.start && m.end == credit.end)
        });
        let same = mentions.iter().any(|m| {
            m.kind == MentionKind::Person && m.start == credit.start && m.end == credit.end
        });
        if same {
            continue;
        }
        if overlaps {
            mentions.retain(|m| !(m.start < credit.end && credit.start < m.end));
        }
        mentions.push(Mention {
            kind: MentionKind::Person,
            start: credit.start,
            end: credit.end,
            surface: chars[credit.start..credit.end].iter().collect(),
            canonical: credit.name.clone(),
            parent: None,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// 我市, 本省, 示范区: places named relative to the paper's region.
/// A person named once with enough evidence (a title, a cue) is the same person wherever the
/// name recurs in the article, even where jieba cuts it badly (王家/鹏专程到).
fn add_repeated_names(mentions: &mut Vec<Mention>, text: &crate::recognize::Text) {
    let chars = &text.chars;
    let mut names: Vec<(Vec<char>, String)> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person && m.end - m.start >= 2)
        .map(|m| (chars[m.start..m.end].to_vec(), m.canonical.clone()))
        .collect();
    names.sort();
    names.dedup();
    let mut added = Vec::new();
    for (name, canonical) in names {
        let n = name.len();
        for start in 0..chars.len().saturating_sub(n - 1) {
            let end = start + n;
            if chars[start..end] != name[..]
                || (n < 3 && !text.aligned(start, end))
                || mentions
                    .iter()
                    .chain(&added)
                    .any(|m: &Mention| m.start < end && start < m.end)
            {
                continue;
            }
            added.push(Mention {
                kind: MentionKind::Person,
                start,
                end,
                surface: name.iter().collect(),
                canonical: canonical.clone(),
                parent: None,
            });
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.start, m.end));
}

fn add_region_references(mentions: &mut Vec<Mention>, region: &Region, chars: &[char]) {
    for (start, end, place) in region.references(chars) {
        if mentions.iter().any(|m| m.start < end && start < m.end) {
            continue;
        }
        mentions.push(Mention {
            kind: MentionKind::Place,
            start,
            end,
            surface: chars[start..end].iter().collect(),
            canonical: place,
            parent: None,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// Entities of one article, keyed by id, collecting aliases and mentions.
#[derive(Default)]
struct Entities {
    by_id: BTreeMap<String, Entity>,
}

impl Entities {
    /// Adds a mention and returns its entity id; `None` for a title, which is no entity
    /// (posts carry titles).
    fn add(&mut self, mention: &Mention) -> Option<String> {
        let kind = match mention.kind {
            MentionKind::Person => EntityType::Person,
            MentionKind::Organization => EntityType::Organization,
            MentionKind::Place => EntityType::Place,
            MentionKind::Title => return None,
        };
        let id = entity_id(kind, &mention.canonical);
        let entity = self.by_id.entry(id.clone()).or_insert_with(|| Entity {
            id: id.clone(),
            kind,
            name: mention.canonical.clone(),
            aliases: Vec::new(),
            mentions: Vec::new(),
            parent: None,
        });
        if entity.parent.is_none() {
            entity.parent = mention.parent.as_ref().map(|p| entity_id(kind, p));
        }
        if !entity.aliases.contains(&mention.surface) {
            entity.aliases.push(mention.surface.clone());
        }
        let span = [mention.start, mention.end];
        if !entity.mentions.contains(&span) {
            entity.mentions.push(span);
        }
        Some(id)
    }

    fn into_sorted(self) -> Vec<Entity> {
        self.by_id
            .into_values()
            .map(|mut e| {
                e.aliases.sort();
                e.mentions.sort();
                e
            })
            .collect()
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
