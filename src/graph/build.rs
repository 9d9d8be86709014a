//! From extraction records to the graph, following the resolution policy of [`super`].

use std::collections::HashMap;

use super::{Details, EdgeKind, Evidence, KnowledgeGraph, NodeKind, Time};
use crate::record::{ChangeKind, EntityType, Record, TimeBasis};

/// Builds one graph from the records of a run (or of several runs). Every node, edge and value
/// comes from one record and is added to what the others gave, so the graph — and its quads —
/// is the union of the graphs of the records one by one: the same whatever the order, and the
/// same whether the records are built together or in shards whose quads are joined.
pub fn from_records(records: &[Record]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    for record in records {
        add_record(&mut g, record);
    }
    g
}

fn add_record(g: &mut KnowledgeGraph, record: &Record) {
    let article = g.node(NodeKind::Article, &article_key(&record.id), &record.id);
    g.graph[article].details = Details {
        headline: record.title.clone(),
        date: record.date.clone(),
        url: record.url.clone(),
        publisher: record.publisher.clone(),
        region: record.region.clone(),
        source: Some(record.source.path.clone()),
        text: Some(record.text.clone()),
        ..Details::default()
    };
    let evidence = |span: [usize; 2]| Evidence {
        article: record.id.clone(),
        span,
    };
    // Record entity id → graph key.
    let mut keys: HashMap<&str, String> = HashMap::new();
    for entity in &record.entities {
        let key = entity_key(record, &entity.id);
        let kind = node_kind(entity.kind);
        let n = g.node(kind, &key, &entity.name);
        g.graph[n].aliases.extend(entity.aliases.iter().cloned());
        for span in &entity.mentions {
            g.graph[n].evidence.insert(evidence(*span));
            g.edge(n, article, EdgeKind::MentionedIn, Some(evidence(*span)));
        }
        if let Some(parent) = &entity.parent {
            let parent_key = entity_key(record, parent);
            let p = g.node(kind, &parent_key, name_of(parent));
            let edge = match kind {
                NodeKind::Organization => EdgeKind::SubOrganizationOf,
                _ => EdgeKind::LocatedIn,
            };
            g.edge(n, p, edge, None);
        }
        keys.insert(&entity.id, key);
    }
    let node_of = |g: &KnowledgeGraph, id: &str| keys.get(id).and_then(|k| g.find(k));
    for post in &record.posts {
        let Some(person) = node_of(g, &post.person) else {
            continue;
        };
        let organization = post.organization.as_deref().and_then(|o| node_of(g, o));
        let org_key = organization.map_or("-".to_owned(), |o| g.graph[o].key.clone());
        let title = post.post_title();
        let key = format!("post:{}|{title}|{org_key}", g.graph[person].key);
        let label = match organization {
            Some(o) => format!("{title} @ {}", g.graph[o].label),
            None => title.to_owned(),
        };
        let p = g.node(NodeKind::Post, &key, &label);
        let node = &mut g.graph[p];
        node.details.kind = Some(title.to_owned());
        node.aliases.insert(post.title.clone());
        node.evidence.insert(evidence(post.span));
        // Tenure: the dates the post was seen on, and the starts and ends news stated.
        node.details.seen.extend(record.date.clone());
        if let Some(change) = &post.change {
            let dates = match change.kind {
                ChangeKind::Start => &mut node.details.stated_starts,
                ChangeKind::End => &mut node.details.stated_ends,
            };
            dates.extend(change.date.clone());
        }
        g.edge(person, p, EdgeKind::Holds, Some(evidence(post.span)));
        if let Some(o) = organization {
            g.edge(p, o, EdgeKind::PostIn, Some(evidence(post.span)));
        }
        g.edge(p, article, EdgeKind::DerivedFrom, Some(evidence(post.span)));
    }
    for event in &record.events {
        let e = g.node(NodeKind::Event, &event.id, &event_label(event));
        let details = &mut g.graph[e].details;
        details.kind = Some(event.kind.clone());
        // Every value an article gives is kept, so that graphs built apart and joined hold
        // what one build holds (one article's trigger or time never hides another's).
        details.triggers.insert(event.trigger.clone());
        if let Some(t) = &event.time {
            details.times.insert(Time {
                text: t.text.clone(),
                basis: t.basis,
                start: t.start.clone(),
                end: t.end.clone(),
                part: t.part.clone(),
            });
        }
        if let Some(count) = &event.count {
            details.counts.insert(count.value);
        }
        for span in &event.mentions {
            g.graph[e].evidence.insert(evidence(*span));
        }
        g.edge(
            e,
            article,
            EdgeKind::DerivedFrom,
            Some(evidence(event.span)),
        );
        for p in &event.participants {
            if let Some(n) = node_of(g, &p.entity) {
                g.edge(e, n, EdgeKind::Role(p.role.clone()), Some(evidence(p.span)));
            }
        }
        for p in &event.places {
            if let Some(n) = node_of(g, &p.entity) {
                g.edge(e, n, EdgeKind::Place, Some(evidence(p.span)));
            }
        }
    }
    locate_organizations(g, record, &keys);
    for credit in &record.credits {
        if let Some(n) = node_of(g, &credit.person) {
            let role = serde_json::to_value(credit.role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            g.edge(article, n, EdgeKind::Credit(role), None);
        }
    }
}

/// An organization lies in the place its name begins with (焦作市人大常委会 → 焦作市; 大北张村两委
/// → 大北张村): the longest proper prefix of the name that is a division of the gazetteer or a
/// place the same article names. Both depend on the article alone, never on what else a run
/// holds.
fn locate_organizations(g: &mut KnowledgeGraph, record: &Record, keys: &HashMap<&str, String>) {
    let divisions = crate::lexicon::division_names();
    let places: HashMap<&str, &str> = record
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Place)
        .map(|e| (e.name.as_str(), e.id.as_str()))
        .collect();
    for organization in record
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Organization)
    {
        let name: Vec<char> = organization.name.chars().collect();
        let prefix = (2..name.len()).rev().find_map(|n| {
            let prefix: String = name[..n].iter().collect();
            let id = match places.get(prefix.as_str()) {
                Some(id) => (*id).to_owned(),
                None if divisions.contains(&prefix) => format!("place:{prefix}"),
                None => return None,
            };
            Some((prefix, id))
        });
        let (Some((place, id)), Some(org_key)) = (prefix, keys.get(organization.id.as_str()))
        else {
            continue;
        };
        let place_key = entity_key(record, &id);
        let p = g.node(NodeKind::Place, &place_key, &place);
        if let Some(o) = g.find(org_key) {
            g.edge(o, p, EdgeKind::LocatedIn, None);
        }
    }
}

/// An event's label, the same in every article that reports it: for an event known across
/// articles (`event:talks/2023-02-14/习近平`) its leader, type and date (习近平 会见会谈
/// 2023-02-14); for one known to one article, its trigger and stated date (调研 2019-08-28).
fn event_label(event: &crate::record::Event) -> String {
    let across = event
        .id
        .strip_prefix("event:")
        .and_then(|rest| rest.split_once('/'))
        .and_then(|(kind, rest)| {
            rest.split_once('/')
                .map(|(date, leader)| (kind, date, leader))
        })
        .filter(|(_, _, leader)| !leader.contains('@'));
    if let Some((kind, date, leader)) = across {
        return format!("{leader} {} {date}", crate::events::type_label(kind));
    }
    // (The article's date is no date of the event's own: it stays out of the label.)
    let date = event
        .time
        .as_ref()
        .filter(|t| t.basis != TimeBasis::Article)
        .and_then(|t| t.start.as_deref());
    match date {
        Some(date) => format!("{} {date}", event.trigger),
        None => event.trigger.clone(),
    }
}

/// The graph key of a record's article node (`article:ID`).
pub(crate) fn article_key(record_id: &str) -> String {
    format!("article:{record_id}")
}

/// The graph key of a record's entity: its id, scoped to the region (or source file) when the
/// name is still relative to the paper's region.
fn entity_key(record: &Record, id: &str) -> String {
    let relative = !id.starts_with("person:") && crate::resolve::is_relative_name(name_of(id));
    if !relative {
        return id.to_owned();
    }
    let scope = record.region.as_deref().unwrap_or(&record.source.path);
    format!("{id}@{scope}")
}

/// The name part of `TYPE:NAME`.
fn name_of(id: &str) -> &str {
    id.split_once(':').map_or(id, |(_, name)| name)
}

fn node_kind(kind: EntityType) -> NodeKind {
    match kind {
        EntityType::Person => NodeKind::Person,
        EntityType::Organization => NodeKind::Organization,
        EntityType::Place => NodeKind::Place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Entity, SourceSpan};

    fn record(id: &str, region: Option<&str>, entities: &[(&str, EntityType)]) -> Record {
        Record {
            id: id.into(),
            kind: crate::layout::ArticleKind::Story,
            title: None,
            kicker: None,
            subtitle: None,
            date: None,
            region: region.map(str::to_owned),
            url: None,
            publisher: None,
            source: SourceSpan {
                path: format!("{id}.txt"),
                byte_start: 0,
                byte_end: 0,
                line: None,
            },
            text: String::new(),
            entities: entities
                .iter()
                .map(|(id, kind)| Entity {
                    id: (*id).into(),
                    kind: *kind,
                    name: name_of(id).into(),
                    aliases: vec![name_of(id).into()],
                    mentions: vec![[0, 2]],
                    parent: None,
                })
                .collect(),
            posts: Vec::new(),
            credits: Vec::new(),
            events: Vec::new(),
            byte_offsets: None,
            offsets: Default::default(),
        }
    }

    #[test]
    fn one_node_per_entity_across_articles_with_all_evidence() {
        let a = record("a", None, &[("person:张三", EntityType::Person)]);
        let b = record("b", None, &[("person:张三", EntityType::Person)]);
        let g = from_records(&[a, b]);
        let n = g.find("person:张三").unwrap();
        assert_eq!(g.graph[n].evidence.len(), 2);
    }

    #[test]
    fn relative_names_stay_apart_per_region() {
        let a = record(
            "a",
            Some("焦作市"),
            &[("organization:区城管局", EntityType::Organization)],
        );
        let b = record(
            "b",
            Some("洛阳市"),
            &[("organization:区城管局", EntityType::Organization)],
        );
        let g = from_records(&[a, b]);
        assert!(g.find("organization:区城管局@焦作市").is_some());
        assert!(g.find("organization:区城管局@洛阳市").is_some());
    }

    #[test]
    fn organizations_lie_in_the_place_they_are_named_after() {
        let a = record(
            "a",
            None,
            &[
                ("organization:焦作市人大常委会", EntityType::Organization),
                ("place:焦作市", EntityType::Place),
            ],
        );
        let g = from_records(&[a]);
        let org = g.find("organization:焦作市人大常委会").unwrap();
        let located: Vec<&str> = g
            .edges_from(org)
            .into_iter()
            .filter(|(e, _)| e.kind == EdgeKind::LocatedIn)
            .map(|(_, n)| n.key.as_str())
            .collect();
        assert_eq!(located, ["place:焦作市"]);
    }
}
