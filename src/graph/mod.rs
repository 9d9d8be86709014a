//! The knowledge graph: extraction records of many articles resolved into one petgraph graph of
//! people, organizations, places, posts, events and articles.
//!
//! Resolution policy:
//! - One node per canonical entity: the same name in several articles (or surface forms merged by
//!   aliases, 工行 = 中国工商银行) is one node, with every mention kept as evidence.
//! - Names relative to a paper's region that resolution could not make absolute (区城管局 in a
//!   paper whose region has no district of that name; 市委 when no region was given) are kept
//!   apart per region — or per source file without a region — so 市委 of a Jiaozuo paper never
//!   merges with 市委 of another city. Their label stays as written; the key says where.
//! - Same-name persons are told apart by the scope of their posts ([`crate::scope`]): the province
//!   (or 中央, or a foreign country) an article places them in is part of their id
//!   (`person:王刚@湖南省`), so one name in two provinces is two people and one official promoted
//!   within a county is one. Mentions no post places keep the bare name; lookup joins them to
//!   the one scoped person of that name when there is only one.
//! - Posts are one per person, post title and organization: 外长, 外交部长 and 部长 @ 外交部 are one
//!   (`data/title_posts.tsv`), with the written titles as aliases and the dates it was seen on
//!   and stated to start or end (its tenure, see `ontology/zhkg.ttl`).
//! - Events with the same type, date and agent are one event across articles
//!   (`crate::events::event_id`); each article stays as provenance.
//!
//! Every node and edge carries its evidence: the articles and character spans it came from. The
//! number of mentions is the length of that list.

mod build;

use std::collections::{BTreeMap, BTreeSet};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

pub use build::from_records;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    /// A person (张维宁), kept apart from namesakes by the scope of their posts.
    Person,
    /// An organization (焦作市人大常委会).
    Organization,
    /// A place (焦作市, 美国).
    Place,
    /// An event, one across the articles that report it (调研, 会见).
    Event,
    /// A post one person holds: a title in an organization (副主任 @ 河南省人大常委会).
    Post,
    /// An article of the input: the provenance of everything else.
    Article,
}

impl NodeKind {
    /// The kind's name in lower case (`person`, `organization` …), as node keys begin with it.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Organization => "organization",
            NodeKind::Place => "place",
            NodeKind::Event => "event",
            NodeKind::Post => "post",
            NodeKind::Article => "article",
        }
    }
}

/// Where something was read: an article (record id) and a `[start, end)` character span.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// The id of the record (article) it was read in.
    pub article: String,
    /// `[start, end)` in characters of the article's text.
    pub span: [usize; 2],
}

/// A time as the record gives it: text and ISO 8601 bounds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Time {
    /// The expression as written (28日下午); empty when the article's date stands in for it.
    pub text: String,
    /// Stated in the event's sentence, carried from an earlier one, or the article's date.
    pub basis: crate::record::TimeBasis,
    /// First day, month or year covered (`2019-08-28`, `2019-04`; `--08-28` with no year known).
    pub start: Option<String>,
    /// Last day, month or year covered; none for open ranges (2018年以来).
    pub end: Option<String>,
    /// Part of the day or period named: morning, afternoon, mid (中旬), H1 (上半年) …
    pub part: Option<String>,
}

/// What only some kinds of node have.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    /// Event type (inspection …), post title (副主任).
    pub kind: Option<String>,
    /// Event trigger words, one or more per article that reports the event.
    pub triggers: BTreeSet<String>,
    /// Event times, one per article that reports the event (they may differ: 28日 in one, 28日下午
    /// in another, only the article's date in a third).
    pub times: BTreeSet<Time>,
    /// How many people an incident befell, as each article gives it.
    pub counts: BTreeSet<u64>,
    /// Post fields: the dates of the articles that report the post, and the dates news gave
    /// for its start (任命, 当选) and end (免去, 不再担任).
    pub seen: BTreeSet<String>,
    /// Post field: the dates news gave for the post's start (任命, 当选).
    pub stated_starts: BTreeSet<String>,
    /// Post field: the dates news gave for the post's end (免去, 不再担任).
    pub stated_ends: BTreeSet<String>,
    /// Article fields.
    pub headline: Option<String>,
    /// The article's publication date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Where the article was published online (JSONL input).
    pub url: Option<String>,
    /// The paper or site that published it (JSONL input's `source`).
    pub publisher: Option<String>,
    /// The paper's home region, given by `--region` or inferred (焦作市).
    pub region: Option<String>,
    /// The path of the input file it was read from.
    pub source: Option<String>,
    /// The article's repaired text, which evidence spans index into.
    pub text: Option<String>,
}

/// A node of the graph: one canonical entity, post, event or article, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Stable key, unique in the graph: `person:张维宁`, `organization:区城管局@焦作市`,
    /// `post:张维宁@河南省|副主任|河南省人大常委会`, `event:inspection/2019-08-28/张维宁`, `article:ID`.
    pub key: String,
    /// The name to show: as written (张维宁, 区城管局), or built for posts
    /// (副主任 @ 河南省人大常委会) and events (调研 2019-08-28).
    pub label: String,
    /// Other forms it was written as (工行 for 中国工商银行; 外长 for 部长 @ 外交部).
    pub aliases: BTreeSet<String>,
    /// Where it was mentioned: every span in every article.
    pub evidence: BTreeSet<Evidence>,
    /// What only some kinds of node have.
    pub details: Details,
}

/// What an edge says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// person → post
    Holds,
    /// post → organization
    PostIn,
    /// event → person or organization, with the role (agent, companion …)
    Role(String),
    /// event → place (or organization as a venue)
    Place,
    /// branch → parent organization
    SubOrganizationOf,
    /// place → place (gazetteer), organization → place (by name)
    LocatedIn,
    /// entity → article
    MentionedIn,
    /// post or event → article
    DerivedFrom,
    /// article → person, with the role (reporter, photographer …)
    Credit(String),
}

/// An edge of the graph: what it says and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// What the edge says.
    pub kind: EdgeKind,
    /// The articles and spans that state it; empty for edges read off names or credits
    /// ([`EdgeKind::LocatedIn`], [`EdgeKind::SubOrganizationOf`], [`EdgeKind::Credit`]).
    pub evidence: BTreeSet<Evidence>,
}

/// The graph and an index from node keys.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    /// The petgraph graph itself. Add to it through [`KnowledgeGraph::node`] and
    /// [`KnowledgeGraph::edge`], which keep the key index in step.
    pub graph: StableDiGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
}

impl KnowledgeGraph {
    /// The node with `key`, created with `kind` and `label` if new.
    pub fn node(&mut self, kind: NodeKind, key: &str, label: &str) -> NodeIndex {
        if let Some(&n) = self.index.get(key) {
            return n;
        }
        let n = self.graph.add_node(Node {
            kind,
            key: key.to_owned(),
            label: label.to_owned(),
            aliases: BTreeSet::new(),
            evidence: BTreeSet::new(),
            details: Details::default(),
        });
        self.index.insert(key.to_owned(), n);
        n
    }

    /// The node with `key`, if there is one.
    pub fn find(&self, key: &str) -> Option<NodeIndex> {
        self.index.get(key).copied()
    }

    /// Adds `evidence` to the edge `kind` from `a` to `b`, creating it if new.
    pub fn edge(&mut self, a: NodeIndex, b: NodeIndex, kind: EdgeKind, evidence: Option<Evidence>) {
        let existing = self
            .graph
            .edges_connecting(a, b)
            .find(|e| e.weight().kind == kind)
            .map(|e| e.id());
        let id = existing.unwrap_or_else(|| {
            self.graph.add_edge(
                a,
                b,
                Edge {
                    kind,
                    evidence: BTreeSet::new(),
                },
            )
        });
        if let Some(evidence) = evidence {
            self.graph[id].evidence.insert(evidence);
        }
    }

    /// Nodes in key order: the deterministic order every exporter uses.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.index.values().map(|&n| (n, &self.graph[n]))
    }

    /// Outgoing edges of `n`, sorted by kind and target key.
    pub fn edges_from(&self, n: NodeIndex) -> Vec<(&Edge, &Node)> {
        let mut out: Vec<(&Edge, &Node)> = self
            .graph
            .edges(n)
            .map(|e| (e.weight(), &self.graph[e.target()]))
            .collect();
        out.sort_by(|a, b| (&a.0.kind, &a.1.key).cmp(&(&b.0.kind, &b.1.key)));
        out
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}
