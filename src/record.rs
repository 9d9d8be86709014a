//! The extraction record: one JSON object per article, the contract between extraction and
//! everything downstream (graph building, exports, users' own scripts). Offsets are character
//! (Unicode scalar value) offsets into `text`, end exclusive.

use serde::{Deserialize, Serialize};

use crate::layout::{ArticleKind, CreditRole};
use crate::offsets::OffsetMap;

/// One article and everything extracted from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The article's id: `FILE#N` for the N-th article of a page (`FILE#pP.N` on page P of a
    /// file), the `id` of a JSON Lines article.
    pub id: String,
    /// Whether the article is a story or a photo caption (`story`, `caption`).
    pub kind: ArticleKind,
    /// The headline (主题), when the article has one.
    pub title: Option<String>,
    /// The line printed above a headline (引题).
    pub kicker: Option<String>,
    /// The line printed below a headline (副题).
    pub subtitle: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The paper's home area (`--region`), used to resolve 我市, 市委 …
    pub region: Option<String>,
    /// The article's address: the `url` of a JSON Lines input (left out of the JSON when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published the article: the `source` of a JSON Lines input (left out of the JSON when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where in the input the article was read from.
    pub source: SourceSpan,
    /// The article's body after layout repair; every span in the record indexes its characters.
    pub text: String,
    /// The people, organizations and places the article names, one entry each.
    pub entities: Vec<Entity>,
    /// The official posts the article gives people (市委书记王小平).
    pub posts: Vec<Post>,
    /// The people the byline credits (reporters, correspondents, photographers, editors).
    pub credits: Vec<Credit>,
    /// The events the article reports (meetings, inspections, accidents …).
    pub events: Vec<Event>,
    /// Input byte offset of each character of `text` (only with `extract --offsets`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byte_offsets: Option<Vec<usize>>,
    /// Character → input byte ranges; always kept in memory, printed only as `byte_offsets`.
    #[serde(skip)]
    pub offsets: OffsetMap,
}

/// Where the article sits in its input: file and byte range (for JSON Lines, the line's range
/// and its line number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSpan {
    /// The input's name as given: a file path, or `-` for standard input unless it was renamed.
    pub path: String,
    /// The article's first byte in the input.
    pub byte_start: usize,
    /// The end of the article in the input, in bytes (exclusive).
    pub byte_end: usize,
    /// The 1-based line number of a JSON Lines article; absent for text input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person (王小平); `person` in the JSON.
    Person,
    /// An organization: a party committee, a government body, a company (焦作市委).
    Organization,
    /// A place: a country, an administrative division, a village (修武县).
    Place,
}

impl EntityType {
    /// The word used in ids and in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
        }
    }
}

/// A person, organization or place with every surface form and mention in the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable across a run and across runs: `person:郭树勋`.
    pub id: String,
    /// Person, organization or place; `type` in the JSON.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name.
    pub name: String,
    /// Every surface form seen, sorted.
    pub aliases: Vec<String>,
    /// `[start, end)` character spans in `text`, sorted.
    pub mentions: Vec<[usize; 2]>,
    /// The entity this one belongs to: a branch's parent organization, a division's parent
    /// division (absent when unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// The id an entity of `kind` named `name` gets.
pub fn entity_id(kind: EntityType, name: &str) -> String {
    format!("{}:{}", kind.as_str(), name)
}

/// An official post: a person holding a title in an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// The entity id of the person who holds the post (`person:王小平@河南省`).
    pub person: String,
    /// The title as written (外长).
    pub title: String,
    /// The entity id of the organization the post is in, when the text names or implies it.
    pub organization: Option<String>,
    /// `[start, end)` of the whole post phrase (市委书记王小平).
    pub span: [usize; 2],
    /// The title of the post when it differs from the one written: 外长 and 外交部长 are the post
    /// 部长 @ 外交部 (`data/title_posts.tsv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_title: Option<String>,
    /// A change of the post the text reports (任命 … 为, 免去 … 职务), with its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<PostChange>,
}

impl Post {
    /// The title the post is known by: [`Post::post_title`], else the title as written.
    pub fn post_title(&self) -> &str {
        self.post_title.as_deref().unwrap_or(&self.title)
    }
}

/// The start or end of a post as news reports it: 任命张三为副市长 (start), 免去张三的副市长职务
/// (end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostChange {
    /// `start` or `end`.
    pub kind: ChangeKind,
    /// The word that says so (任命, 免去).
    pub trigger: String,
    /// `[start, end)` of that word.
    pub span: [usize; 2],
    /// When: a date of the same sentence before the word, else the article's date.
    pub date: Option<String>,
    /// `stated` when the sentence gives the date, `article` when it is the article's.
    pub basis: TimeBasis,
}

/// Which bound of a post a change gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The post begins (任命, 当选).
    Start,
    /// The post ends (免去, 辞去).
    End,
}

/// A person credited for the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// The entity id of the credited person.
    pub person: String,
    /// What they did: `reporter`, `correspondent`, `photographer` or `editor`.
    pub role: CreditRole,
}

/// Something that happened: its type (`ontology/events.ttl`), the word that names it, when,
/// where and who took part, each with its span in the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The same for the same type, date and agent in any article (`event:inspection/2019-08-28/王家鹏`).
    pub id: String,
    /// The event type from `ontology/events.ttl` (`meeting`, `inspection`, `accident`); `type` in
    /// the JSON.
    #[serde(rename = "type")]
    pub kind: String,
    /// The trigger word that names the event (例会, 调研).
    pub trigger: String,
    /// `[start, end)` of that trigger.
    pub span: [usize; 2],
    /// Every trigger of this event in the article (the same visit told in several sentences).
    pub mentions: Vec<[usize; 2]>,
    /// When it happened; absent when neither the text nor the article gives a date.
    pub time: Option<EventTime>,
    /// Where it happened, each place once.
    pub places: Vec<Argument>,
    /// Who took part, each entity once per role.
    pub participants: Vec<Participant>,
    /// How many people an incident befell, where the text says (6人当场死亡).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<EventCount>,
}

/// A count as written (`6人`, `39人`, `5例`), its span and its value (at least: 300多人 → 300).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCount {
    /// The count as written (`300多人`).
    pub text: String,
    /// `[start, end)` of the count.
    pub span: [usize; 2],
    /// The number it gives; at least that many when the text says more (300多人 → 300).
    pub value: u64,
}

/// A time expression and its normalized ISO 8601 bounds, as precise as the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTime {
    /// The expression as written; empty when the article's date stands in for it.
    pub text: String,
    /// `[start, end)` of the expression (`[0, 0]` for the article's date).
    pub span: [usize; 2],
    /// Where the time comes from: the event's own sentence, an earlier sentence, or the date of
    /// the article (then `start` and `end` are that date, an upper bound).
    #[serde(default)]
    pub basis: TimeBasis,
    /// First day, month or year (`2019-08-28`, `2019-04`, `2019`; `--08-28` with no year known).
    pub start: Option<String>,
    /// Last day, month or year; absent for open ranges (2018年以来).
    pub end: Option<String>,
    /// Part of the day or period: morning, afternoon, evening, mid (中旬), H1 (上半年) …
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub part: Option<String>,
}

/// Where an event's time comes from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TimeBasis {
    /// A time expression in the event's own sentence (8月28日下午).
    #[default]
    Stated,
    /// The last time an earlier sentence of the article gave (a meeting dated in the lead, its
    /// speeches told after).
    Carried,
    /// No date in the text before it (no time, or one without a date: 当场, 第一时间): the
    /// article's date, the latest the event can be.
    Article,
}

impl TimeBasis {
    /// The name used in records and in RDF (`stated`, `carried`, `article`).
    pub fn name(self) -> &'static str {
        match self {
            TimeBasis::Stated => "stated",
            TimeBasis::Carried => "carried",
            TimeBasis::Article => "article",
        }
    }
}

/// An entity where an event happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    /// The entity id of the place (`place:修武县`).
    pub entity: String,
    /// `[start, end)` of the mention that places the event.
    pub span: [usize; 2],
}

/// An entity taking part in an event: agent, counterpart, companion, briefer, attendee or host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The entity id of the participant.
    pub entity: String,
    /// How it took part: `agent`, `counterpart`, `companion`, `briefer`, `attendee`, `host` or
    /// `subject` (see `ontology/events.ttl`).
    pub role: String,
    /// `[start, end)` of the mention that names it in the event.
    pub span: [usize; 2],
}
