//! The extraction record: one JSON object per article, the contract between extraction and
//! everything downstream (graph building, exports, users' own scripts). Offsets are character
//! (Unicode scalar value) offsets into `text`, end exclusive.

use serde::{Deserialize, Serialize};

use crate::layout::{ArticleKind, CreditRole};
use crate::offsets::OffsetMap;

/// One article and everything extracted from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub kind: ArticleKind,
    pub title: Option<String>,
    /// The line printed above a headline (引题).
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The paper's home area (`--region`), used to resolve 我市, 市委 …
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    pub source: SourceSpan,
    pub text: String,
    pub entities: Vec<Entity>,
    pub posts: Vec<Post>,
    pub credits: Vec<Credit>,
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
    pub path: String,
    pub byte_start: usize,
    pub byte_end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Organization,
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
    pub person: String,
    /// The title as written (外长).
    pub title: String,
    pub organization: Option<String>,
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
    Start,
    End,
}

/// A person credited for the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub person: String,
    pub role: CreditRole,
}

/// Something that happened: its type (`ontology/events.ttl`), the word that names it, when,
/// where and who took part, each with its span in the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The same for the same type, date and agent in any article (`event:inspection/2019-08-28/王家鹏`).
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// The trigger word that names the event (例会, 调研).
    pub trigger: String,
    /// `[start, end)` of that trigger.
    pub span: [usize; 2],
    /// Every trigger of this event in the article (the same visit told in several sentences).
    pub mentions: Vec<[usize; 2]>,
    pub time: Option<EventTime>,
    pub places: Vec<Argument>,
    pub participants: Vec<Participant>,
    /// How many people an incident befell, where the text says (6人当场死亡).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<EventCount>,
}

/// A count as written (`6人`, `39人`, `5例`), its span and its value (at least: 300多人 → 300).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCount {
    pub text: String,
    pub span: [usize; 2],
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
    pub entity: String,
    pub span: [usize; 2],
}

/// An entity taking part in an event: agent, counterpart, companion, briefer, attendee or host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub entity: String,
    pub role: String,
    pub span: [usize; 2],
}
