//! From what recognition and event detection found in an article to the parts of its record:
//! entities with their aliases and mentions, posts with their organizations and dated changes,
//! credits, and events with normalized times, roles and stable ids.

use std::collections::BTreeMap;

use crate::events::{self, Role};
use crate::recognize::posts::{self as found_posts, FoundPost};
use crate::recognize::{Mention, MentionKind};
use crate::record::{
    entity_id, Argument, ChangeKind, Credit, Entity, EntityType, Event, EventCount, EventTime,
    Participant, Post, PostChange, TimeBasis,
};
use crate::resolve::Region;
use crate::time::TimeMention;

/// What was found in one article, which posts and events are read against.
pub(crate) struct Article<'a> {
    /// The article's characters, which every span indexes.
    pub chars: &'a [char],
    /// Its mentions, in text order.
    pub mentions: &'a [Mention],
    /// Its time expressions.
    pub times: &'a [TimeMention],
    /// Its publication date, which dates what the text leaves undated.
    pub date: Option<&'a str>,
}

/// Entities of one article, keyed by id, collecting aliases and mentions.
#[derive(Default)]
pub(crate) struct Entities {
    by_id: BTreeMap<String, Entity>,
}

impl Entities {
    /// Adds a mention and returns its entity id; `None` for a title, which is no entity
    /// (posts carry titles).
    pub(crate) fn add(&mut self, mention: &Mention) -> Option<String> {
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

    pub(crate) fn into_sorted(self) -> Vec<Entity> {
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

/// The posts of an article as the record writes them: entity ids for the person and the
/// organization (an organization the title implies, 外长 → 外交部, named in full), the title of
/// the post where it differs from the written one (`post_title`), dated changes of post; a
/// title without an organization borrows the one the article gives it elsewhere.
pub(crate) fn posts(
    article: &Article,
    found: &[FoundPost],
    region: Option<&Region>,
    entities: &mut Entities,
    post_title: impl Fn(&str, Option<&str>) -> Option<String>,
) -> Vec<Post> {
    let Article {
        chars, mentions, ..
    } = *article;
    let mut posts: Vec<Post> = found
        .iter()
        .filter_map(|p| {
            let title = &mentions[p.title];
            let organization = match (&p.organization, &p.inherited) {
                (Some(i), _) => entities.add(&mentions[*i]),
                (None, Some((name, start, end))) => {
                    let name = region
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
                post_title: post_title(&title.canonical, organization.as_deref()),
                organization,
                span: [p.start, p.end],
                change: p.change.map(|change| post_change(change, article)),
            })
        })
        .collect();
    lend_organizations(&mut posts);
    posts
}

/// The credits of an article's bylines, each person and role once.
pub(crate) fn credits(credited: &[crate::layout::Credit]) -> Vec<Credit> {
    let mut credits = Vec::new();
    for credit in credited {
        let credit = Credit {
            person: entity_id(EntityType::Person, &credit.name),
            role: credit.role,
        };
        if !credits.contains(&credit) {
            credits.push(credit);
        }
    }
    credits
}

/// The date of a change of post: the last date of its sentence before the change word, else the
/// article's date.
fn post_change(
    (change, start, end): (found_posts::Change, usize, usize),
    article: &Article,
) -> PostChange {
    let Article {
        chars,
        times,
        date: article_date,
        ..
    } = *article;
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
            found_posts::Change::Start => ChangeKind::Start,
            found_posts::Change::End => ChangeKind::End,
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

/// Roles that make attending the same event go without saying.
const LEADING: &[&str] = &["agent", "host", "counterpart"];

/// Events as the record writes them: entity ids, normalized times, stable ids. An event the text
/// gives no time for is dated by the article (`basis: article`), the latest it can have been.
pub(crate) fn events(
    article_id: &str,
    article: &Article,
    found: &[events::Found],
    entities: &mut Entities,
) -> Vec<Event> {
    let Article {
        chars,
        mentions,
        times,
        date: article_date,
    } = *article;
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
            id: events::event_id(f.kind, date, agent, article_id, s),
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
