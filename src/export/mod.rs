//! Exports for graph tools: the store read back as a plain graph of entities and events, filtered
//! to stay readable, and written as GraphML, GEXF, DOT, Cytoscape.js JSON or a self-contained
//! HTML page.
//!
//! Nodes are people, organizations, places and events; edges are posts (person → organization,
//! labelled with the title), event roles and places, sub-organizations, locations, and
//! co-mentions (two entities named in the same article). Every edge's weight is the number of
//! articles its two ends share (at least 1), so tools can size or filter by it.

mod formats;
mod html;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use crate::error::{Error, Result};
use crate::store::{text, Store};

pub use formats::{
    cytoscape_json, dot, gexf, graphml, write_cytoscape_json, write_dot, write_gexf, write_graphml,
};
pub use html::html;

/// Node types, as written in every format.
pub const NODE_TYPES: &[&str] = &["person", "organization", "place", "event"];

/// A node to write: an entity or an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The node's IRI (under [`crate::rdf::ID`]), its id in every format.
    pub iri: String,
    /// The name shown: the entity's name, or the event's trigger and date.
    pub label: String,
    /// person, organization, place or event.
    pub kind: String,
    /// Mentions of an entity; articles reporting an event.
    pub mentions: usize,
    /// First and last date: of the articles naming an entity, of an event itself (ISO 8601 at
    /// the text's precision).
    pub start: Option<String>,
    /// (The last of those dates.)
    pub end: Option<String>,
    /// The event type (inspection …), for events.
    pub detail: Option<String>,
}

/// An edge to write, between two nodes of [`Graph::nodes`].
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The index in [`Graph::nodes`] of the edge's start.
    pub source: usize,
    /// The index in [`Graph::nodes`] of the edge's end.
    pub target: usize,
    /// holds, agent, companion …, place, subOrganizationOf, locatedIn, co-mention.
    pub kind: String,
    /// The title of a post.
    pub label: Option<String>,
    /// How strong the tie is: 1, or the number of articles for a co-mention.
    pub weight: f64,
    /// A post's tenure as news tells it (ISO 8601 at the text's precision).
    pub start: Option<String>,
    /// (The tenure's last date.)
    pub end: Option<String>,
}

/// The graph to write: nodes sorted by type, label and IRI; edges by ends and type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    /// The nodes, in the order edges refer to them.
    pub nodes: Vec<Node>,
    /// The edges between them.
    pub edges: Vec<Edge>,
}

/// What to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Node types to keep (empty: all).
    pub types: Vec<String>,
    /// Keep only what lies within `depth` edges of the entity with this name or alias.
    pub around: Option<String>,
    /// How many edges from `around` to keep (with `around`).
    pub depth: usize,
    /// Keep events and mentions dated within these bounds (YYYY-MM-DD, inclusive).
    pub since: Option<String>,
    /// (The last date kept.)
    pub until: Option<String>,
    /// Drop entities named fewer times, and events reported by fewer articles.
    pub min_mentions: usize,
    /// Co-mention edges only between entities sharing at least this many articles; 0: none.
    pub co_mentions: usize,
}

impl Default for Filter {
    /// Everything, with co-mention edges between entities sharing any article.
    fn default() -> Filter {
        Filter {
            types: Vec::new(),
            around: None,
            depth: 1,
            since: None,
            until: None,
            min_mentions: 0,
            co_mentions: 1,
        }
    }
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn keeps_all(&self) -> bool {
        self.types.is_empty()
            && self.around.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && self.min_mentions == 0
            && self.co_mentions == 1
    }

    /// Does a date (at any precision) fall within the bounds? Undated things pass only when
    /// there are no bounds.
    fn dated_within(&self, date: Option<&str>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(date) = date.filter(|d| !d.starts_with("--")) else {
            return false;
        };
        let after_since = self
            .since
            .as_deref()
            .is_none_or(|s| date >= s || s.starts_with(date));
        let before_until = self
            .until
            .as_deref()
            .is_none_or(|u| date <= u || u.starts_with(date));
        after_since && before_until
    }
}

const ENTITIES: &str = "SELECT ?e ?type ?label WHERE {
  VALUES ?type { zkg:Person zkg:Organization zkg:Place }
  ?e a ?type ; rdfs:label ?label .
}";

const MENTIONS: &str = "SELECT DISTINCT ?e ?m ?a ?date WHERE {
  ?m zkg:mentionOf ?e ; zkg:inArticle ?a .
  OPTIONAL { ?a schema:datePublished ?date }
}";

const EVENTS: &str = "SELECT ?e ?label ?type ?start ?end (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  ?e a zkg:Event ; rdfs:label ?label ; zkg:eventType ?t ; prov:wasDerivedFrom ?a .
  BIND(STRAFTER(STR(?t), \"#\") AS ?type)
  OPTIONAL { ?e zkg:startDate ?start }
  OPTIONAL { ?e zkg:endDate ?end }
} GROUP BY ?e ?label ?type ?start ?end";

/// Posts as person → organization edges with their tenure: from the stated start or first date
/// seen, whichever is earlier, to the stated end, else the last date seen.
const POSTS: &str = "SELECT ?s ?o ?title (MIN(STR(?seen)) AS ?first) (MAX(STR(?seen)) AS ?last)
       (MIN(STR(?start)) AS ?stated_start) (MAX(STR(?end)) AS ?stated_end) WHERE {
  ?s org:holds ?post . ?post org:postIn ?o ; zkg:title ?title ; org:memberDuring ?t .
  OPTIONAL { ?t zkg:seenOn ?seen }
  OPTIONAL { ?t zkg:statedStart ?start }
  OPTIONAL { ?t zkg:statedEnd ?end }
} GROUP BY ?s ?o ?title";

const RELATIONS: &str = "SELECT ?s ?kind ?o WHERE {
  {
    VALUES (?p ?kind) {
      (zkg:agent \"agent\") (zkg:counterpart \"counterpart\") (zkg:companion \"companion\")
      (zkg:briefer \"briefer\") (zkg:attendee \"attendee\") (zkg:host \"host\")
      (zkg:place \"place\") (org:subOrganizationOf \"subOrganizationOf\")
      (zkg:locatedIn \"locatedIn\")
    }
    ?s ?p ?o .
  }
}";

/// Reads the graph back from `store` and applies `filter`.
pub fn load(store: &Store, filter: &Filter) -> Result<Graph> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // Mentions within the dates asked for: entity → articles (with counts and dates).
    let mut mentions: HashMap<String, usize> = HashMap::new();
    let mut dates: HashMap<String, (String, String)> = HashMap::new();
    let mut articles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in store.select(MENTIONS, &[])? {
        let (entity, article, date) = (
            text(&row[0]),
            text(&row[2]),
            row[3].as_ref().map(|_| text(&row[3])),
        );
        if !filter.dated_within(date.as_deref()) {
            continue;
        }
        *mentions.entry(entity.clone()).or_default() += 1;
        if let Some(date) = date {
            let range = dates
                .entry(entity.clone())
                .or_insert_with(|| (date.clone(), date.clone()));
            if date < range.0 {
                range.0 = date;
            } else if date > range.1 {
                range.1 = date;
            }
        }
        articles.entry(article).or_default().insert(entity);
    }
    for row in store.select(ENTITIES, &[])? {
        let iri = text(&row[0]);
        let count = mentions.get(&iri).copied().unwrap_or(0);
        if count == 0 || count < filter.min_mentions {
            continue;
        }
        let kind = text(&row[1])
            .rsplit('#')
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let (start, end) = dates.get(&iri).cloned().unzip();
        index.insert(iri.clone(), nodes.len());
        nodes.push(Node {
            iri,
            label: text(&row[2]),
            kind,
            mentions: count,
            start,
            end,
            detail: None,
        });
    }
    for row in store.select(EVENTS, &[])? {
        let start = row[3].as_ref().map(|_| text(&row[3]));
        let articles: usize = text(&row[5]).parse().unwrap_or(0);
        if !filter.dated_within(start.as_deref()) || articles < filter.min_mentions {
            continue;
        }
        let iri = text(&row[0]);
        index.insert(iri.clone(), nodes.len());
        nodes.push(Node {
            iri,
            label: text(&row[1]),
            kind: "event".into(),
            mentions: articles,
            start,
            end: row[4].as_ref().map(|_| text(&row[4])),
            detail: Some(text(&row[2])),
        });
    }
    let mut edges = Vec::new();
    let opt = |t: &Option<oxigraph::model::Term>| t.as_ref().map(|_| text(t));
    for row in store.select(POSTS, &[])? {
        let (Some(&s), Some(&o)) = (index.get(&text(&row[0])), index.get(&text(&row[1]))) else {
            continue;
        };
        let (first, last) = (opt(&row[3]), opt(&row[4]));
        let (stated_start, stated_end) = (opt(&row[5]), opt(&row[6]));
        let start = crate::lookup::tenure_start(stated_start.as_deref(), first.as_deref())
            .map(str::to_owned);
        edges.push(Edge {
            source: s,
            target: o,
            kind: "holds".into(),
            label: Some(text(&row[2])),
            weight: 1.0,
            start,
            end: stated_end.or(last),
        });
    }
    for row in store.select(RELATIONS, &[])? {
        let (Some(&s), Some(&o)) = (index.get(&text(&row[0])), index.get(&text(&row[2]))) else {
            continue;
        };
        edges.push(Edge {
            source: s,
            target: o,
            kind: text(&row[1]),
            label: None,
            weight: 1.0,
            start: None,
            end: None,
        });
    }
    let shared = co_mentions(&articles, &index);
    let wanted = |n: usize| filter.co_mentions > 0 && n >= filter.co_mentions;
    for (&(a, b), &n) in shared.iter().filter(|(_, &n)| wanted(n)) {
        edges.push(Edge {
            source: a,
            target: b,
            kind: "co-mention".into(),
            label: None,
            weight: n as f64,
            start: None,
            end: None,
        });
    }
    for edge in &mut edges {
        let key = (edge.source.min(edge.target), edge.source.max(edge.target));
        let ends_are_events =
            nodes[edge.source].kind == "event" || nodes[edge.target].kind == "event";
        edge.weight = if ends_are_events {
            nodes[edge.source]
                .mentions
                .min(nodes[edge.target].mentions)
                .max(1) as f64
        } else {
            shared.get(&key).copied().unwrap_or(1).max(1) as f64
        };
    }
    let graph = Graph { nodes, edges };
    let graph = match &filter.around {
        Some(name) => around(graph, name, filter.depth)?,
        None => graph,
    };
    Ok(sorted(keep_types(graph, &filter.types)))
}

/// Pairs of entities named in the same article, with the number of such articles.
fn co_mentions(
    articles: &BTreeMap<String, BTreeSet<String>>,
    index: &HashMap<String, usize>,
) -> BTreeMap<(usize, usize), usize> {
    let mut shared = BTreeMap::new();
    for entities in articles.values() {
        let present: Vec<usize> = entities
            .iter()
            .filter_map(|e| index.get(e).copied())
            .collect();
        for (i, &a) in present.iter().enumerate() {
            for &b in &present[i + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_insert(0) += 1;
            }
        }
    }
    shared
}

/// What lies within `depth` edges (either direction) of the nodes named `name`.
fn around(graph: Graph, name: &str, depth: usize) -> Result<Graph> {
    let starts: Vec<usize> = (0..graph.nodes.len())
        .filter(|&i| graph.nodes[i].label == name)
        .collect();
    if starts.is_empty() {
        return Err(Error::Invalid(format!(
            "--around {name:?}: no such entity in the graph"
        )));
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
    for e in &graph.edges {
        neighbours[e.source].push(e.target);
        neighbours[e.target].push(e.source);
    }
    let mut distance: Vec<Option<usize>> = vec![None; graph.nodes.len()];
    let mut queue: VecDeque<usize> = starts.iter().copied().collect();
    for &s in &starts {
        distance[s] = Some(0);
    }
    while let Some(n) = queue.pop_front() {
        let d = distance[n].unwrap_or(0);
        if d == depth {
            continue;
        }
        for &m in &neighbours[n] {
            if distance[m].is_none() {
                distance[m] = Some(d + 1);
                queue.push_back(m);
            }
        }
    }
    Ok(retain(graph, |i, _| distance[i].is_some()))
}

fn keep_types(graph: Graph, types: &[String]) -> Graph {
    if types.is_empty() {
        return graph;
    }
    retain(graph, |_, n| types.contains(&n.kind))
}

/// The nodes for which `keep` holds, and the edges between them.
fn retain(graph: Graph, keep: impl Fn(usize, &Node) -> bool) -> Graph {
    let mut new_index = vec![None; graph.nodes.len()];
    let mut nodes = Vec::new();
    for (i, node) in graph.nodes.into_iter().enumerate() {
        if keep(i, &node) {
            new_index[i] = Some(nodes.len());
            nodes.push(node);
        }
    }
    let edges = graph
        .edges
        .into_iter()
        .filter_map(|e| {
            Some(Edge {
                source: new_index[e.source]?,
                target: new_index[e.target]?,
                ..e
            })
        })
        .collect();
    Graph { nodes, edges }
}

/// Deterministic order: nodes by type, label and IRI; edges by their ends' order and type.
fn sorted(graph: Graph) -> Graph {
    let mut order: Vec<usize> = (0..graph.nodes.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&graph.nodes[a], &graph.nodes[b]);
        let rank = |k: &str| NODE_TYPES.iter().position(|t| *t == k);
        (rank(&x.kind), &x.label, &x.iri).cmp(&(rank(&y.kind), &y.label, &y.iri))
    });
    let mut position = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let mut nodes: Vec<Option<Node>> = graph.nodes.into_iter().map(Some).collect();
    let nodes = order.iter().filter_map(|&i| nodes[i].take()).collect();
    let mut edges: Vec<Edge> = graph
        .edges
        .into_iter()
        .map(|e| Edge {
            source: position[e.source],
            target: position[e.target],
            ..e
        })
        .collect();
    edges.sort_by(|a, b| (a.source, a.target, &a.kind).cmp(&(b.source, b.target, &b.kind)));
    Graph { nodes, edges }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(label: &str, kind: &str) -> Node {
        Node {
            iri: format!("x:{label}"),
            label: label.into(),
            kind: kind.into(),
            mentions: 1,
            start: None,
            end: None,
            detail: None,
        }
    }

    fn edge(source: usize, target: usize) -> Edge {
        Edge {
            source,
            target,
            kind: "co-mention".into(),
            label: None,
            weight: 1.0,
            start: None,
            end: None,
        }
    }

    /// 甲 — 乙 — 丙 — 丁, a chain.
    fn chain() -> Graph {
        Graph {
            nodes: ["甲", "乙", "丙", "丁"]
                .iter()
                .map(|l| node(l, "person"))
                .collect(),
            edges: vec![edge(0, 1), edge(1, 2), edge(2, 3)],
        }
    }

    #[test]
    fn around_keeps_what_is_within_depth() {
        let g = around(chain(), "乙", 1).unwrap();
        let labels: Vec<&str> = g.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["甲", "乙", "丙"]);
        assert_eq!(g.edges.len(), 2);
        assert!(around(chain(), "戊", 1).is_err());
    }

    #[test]
    fn dates_at_any_precision_fall_within_bounds() {
        let f = Filter {
            since: Some("2019-04-01".into()),
            until: Some("2019-08-31".into()),
            ..Filter::default()
        };
        assert!(f.dated_within(Some("2019-08-28")));
        assert!(f.dated_within(Some("2019-04")));
        assert!(!f.dated_within(Some("2019-03-14")));
        assert!(!f.dated_within(None));
        assert!(Filter::default().dated_within(None));
    }
}
