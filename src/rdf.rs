//! The graph as RDF, in the vocabulary of `ontology/zhkg.ttl` (public API: users' saved queries
//! depend on these names).
//!
//! IRIs are minted from node keys, so rebuilding gives the same graph: `id:person/张维宁`,
//! `id:event/inspection/2019-08-28/张维宁`, `id:article/<record id>`; a mention or evidence span
//! is `id:span/<record id>/<start>-<end>`. Dates are typed as precisely as the text gives them
//! (xsd:date, xsd:gYearMonth, xsd:gYear, xsd:gMonthDay). Role properties (zkg:agent …) are also
//! written as zkg:participant, and credits as zkg:credit, because the store does no inference.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::graph::{Details, EdgeKind, Evidence, KnowledgeGraph, Node, NodeKind};
use crate::record::TimeBasis;

/// Our vocabulary (`zkg:`): classes and properties of `ontology/zhkg.ttl`.
pub const ZKG: &str = "https://w3id.org/zhkg/ontology#";
/// Where the graph's nodes live: `id:person/王小平`, `id:event/…`.
pub const ID: &str = "https://w3id.org/zhkg/id/";
/// The W3C Organization Ontology (`org:`): posts, memberships, sub-organizations.
pub const ORG: &str = "http://www.w3.org/ns/org#";
/// schema.org (`schema:`): articles (headline, date, URL, body) and places.
pub const SCHEMA: &str = "https://schema.org/";
/// SKOS (`skos:`): alternative labels (aliases).
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// PROV-O (`prov:`): which article each statement was derived from.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// FOAF (`foaf:`): people are also `foaf:Person`s.
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
/// The Simple Event Model (`sem:`): events are also `sem:Event`s.
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
/// OWL-Time (`time:`): the interval of a post's tenure.
pub const TIME: &str = "http://www.w3.org/2006/time#";

/// Prefixes for SPARQL and for output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("zkg", ZKG),
    ("id", ID),
    ("org", ORG),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("prov", PROV),
    ("foaf", FOAF),
    ("sem", SEM),
    ("time", TIME),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

fn iri(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

fn zkg(local: &str) -> NamedNode {
    iri(ZKG, local)
}

/// Percent-encodes what may not stand in an IRI path segment (ASCII punctuation other than
/// `-._~@`, spaces, controls, and what RFC 3987 leaves out of `ucschar`: private use,
/// non-characters); Chinese characters stay readable. Every IRI zhkg builds from input goes
/// through here, so none is invalid whatever the input.
pub fn segment(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-._~@".contains(c) || ucschar(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// RFC 3987's `ucschar`: the characters beyond ASCII an IRI may hold unencoded.
fn ucschar(c: char) -> bool {
    let c = c as u32;
    let plane_end = c & 0xFFFF >= 0xFFFE;
    // (Planes 1 to 13 but for their last two code points; plane 14 from E1000 only: the tags
    // and variation selectors below it are not for IRIs.)
    let planes = matches!(c, 0x10000..=0xDFFFD | 0xE1000..=0xEFFFD) && !plane_end;
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF) || planes
}

/// The IRI of a node, from its key.
pub fn node_iri(node: &Node) -> NamedNode {
    let (kind, rest) = node.key.split_once(':').unwrap_or(("node", &node.key));
    let path = match rest.split_once('/') {
        // `TYPE/DATE/AGENT` reads as a path; `TYPE/ARTICLE@OFFSET` keeps the article whole.
        Some((event_type, tail)) if node.kind == NodeKind::Event => match tail.split_once('/') {
            Some((date, agent)) if date.chars().all(|c| c.is_ascii_digit() || c == '-') => {
                format!(
                    "{}/{}/{}",
                    segment(event_type),
                    segment(date),
                    segment(agent)
                )
            }
            _ => format!("{}/{}", segment(event_type), segment(tail)),
        },
        _ => segment(rest),
    };
    iri(ID, &format!("{kind}/{path}"))
}

/// The IRI of an evidence span.
pub fn span_iri(e: &Evidence) -> NamedNode {
    iri(
        ID,
        &format!("span/{}/{}-{}", segment(&e.article), e.span[0], e.span[1]),
    )
}

fn zh(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "zh")
}

/// An ISO 8601 date at its precision, typed accordingly.
pub fn date_literal(iso: &str) -> Literal {
    let datatype = match iso.strip_prefix("--") {
        Some(rest) if rest.len() == 5 => xsd::G_MONTH_DAY,
        Some(_) => xsd::G_MONTH,
        None => match iso.len() {
            10 => xsd::DATE,
            7 => xsd::G_YEAR_MONTH,
            4 => xsd::G_YEAR,
            _ => xsd::STRING,
        },
    };
    Literal::new_typed_literal(iso, datatype)
}

/// The ontology (`ontology/zhkg.ttl`, `ontology/events.ttl`) as quads, loaded into every store
/// so that labels and definitions of classes, properties and event types can be queried.
pub fn ontology_quads() -> Result<Vec<Quad>, String> {
    let mut out = Vec::new();
    for (name, text) in ONTOLOGY {
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
            out.push(quad.map_err(|e| format!("{name}: {e}"))?);
        }
    }
    Ok(out)
}

/// The ontology files, embedded.
pub const ONTOLOGY: &[(&str, &str)] = &[
    ("ontology/zhkg.ttl", include_str!("../ontology/zhkg.ttl")),
    (
        "ontology/events.ttl",
        include_str!("../ontology/events.ttl"),
    ),
];

struct Writer {
    quads: Vec<Quad>,
}

impl Writer {
    fn add(&mut self, s: &NamedNode, p: impl Into<NamedNode>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p.into(),
            o.into(),
            GraphName::DefaultGraph,
        ));
    }

    fn add_ref(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.add(s, p.into_owned(), o);
    }

    /// A span node: which article, where, and (for mentions) of what.
    fn span(&mut self, e: &Evidence, of: Option<&NamedNode>) -> NamedNode {
        let s = span_iri(e);
        self.add_ref(&s, rdf::TYPE, zkg("Span"));
        self.add(
            &s,
            zkg("inArticle"),
            iri(ID, &format!("article/{}", segment(&e.article))),
        );
        self.add(&s, zkg("start"), Literal::from(e.span[0] as i64));
        self.add(&s, zkg("end"), Literal::from(e.span[1] as i64));
        if let Some(of) = of {
            self.add(&s, zkg("mentionOf"), of.clone());
        }
        s
    }
}

/// The quads of one record's own graph: what `build`, `quads` and `bench` add per article (the
/// store is the union of these, however the corpus is cut).
pub fn record_quads(record: &crate::record::Record) -> Vec<Quad> {
    quads(&crate::graph::from_records(std::slice::from_ref(record)))
}

/// Every quad of the graph, in a deterministic order.
pub fn quads(g: &KnowledgeGraph) -> Vec<Quad> {
    let mut w = Writer { quads: Vec::new() };
    for (n, node) in g.nodes() {
        let s = node_iri(node);
        write_node(&mut w, &s, node);
        for (edge, target) in g.edges_from(n) {
            write_edge(&mut w, &s, &edge.kind, target, &edge.evidence);
        }
    }
    w.quads
}

fn write_node(w: &mut Writer, s: &NamedNode, node: &Node) {
    let classes: &[(&str, &str)] = match node.kind {
        NodeKind::Person => &[(ZKG, "Person"), (FOAF, "Person")],
        NodeKind::Organization => &[(ZKG, "Organization"), (ORG, "Organization")],
        NodeKind::Place => &[(ZKG, "Place"), (SCHEMA, "Place")],
        NodeKind::Event => &[(ZKG, "Event"), (SEM, "Event")],
        NodeKind::Post => &[(ORG, "Post"), (ORG, "Membership")],
        NodeKind::Article => &[(ZKG, "Article"), (SCHEMA, "NewsArticle")],
    };
    for (ns, class) in classes {
        w.add_ref(s, rdf::TYPE, iri(ns, class));
    }
    let d = &node.details;
    match node.kind {
        NodeKind::Article => {
            w.add_ref(s, rdfs::LABEL, Literal::new_simple_literal(&node.label));
            if let Some(h) = &d.headline {
                w.add(s, iri(SCHEMA, "headline"), zh(h));
            }
            if let Some(date) = &d.date {
                w.add(s, iri(SCHEMA, "datePublished"), date_literal(date));
            }
            if let Some(url) = &d.url {
                w.add(
                    s,
                    iri(SCHEMA, "url"),
                    Literal::new_typed_literal(url, xsd::ANY_URI),
                );
            }
            if let Some(p) = &d.publisher {
                w.add(s, zkg("publisher"), Literal::new_simple_literal(p));
            }
            if let Some(r) = &d.region {
                w.add(s, zkg("region"), zh(r));
            }
            if let Some(src) = &d.source {
                w.add(s, zkg("source"), Literal::new_simple_literal(src));
            }
            if let Some(text) = &d.text {
                w.add(s, iri(SCHEMA, "articleBody"), zh(text));
            }
        }
        _ => {
            w.add_ref(s, rdfs::LABEL, zh(&node.label));
            for alias in node.aliases.iter().filter(|a| **a != node.label) {
                w.add(s, iri(SKOS, "altLabel"), zh(alias));
            }
        }
    }
    match node.kind {
        NodeKind::Post => {
            if let Some(title) = &d.kind {
                w.add(s, zkg("title"), zh(title));
            }
            write_tenure(w, s, d);
            for e in &node.evidence {
                let span = w.span(e, None);
                w.add(s, zkg("evidence"), span);
            }
        }
        NodeKind::Event => write_event(w, s, node),
        NodeKind::Person | NodeKind::Organization | NodeKind::Place => {
            if let Some(scope) = crate::scope::scope_of_id(&node.key) {
                w.add(s, zkg("scope"), zh(scope));
            }
            for e in &node.evidence {
                w.span(e, Some(s));
            }
        }
        NodeKind::Article => {}
    }
}

/// A post's tenure, an ORG `org:memberDuring` interval: every date it was seen on (first and
/// last seen are their MIN and MAX, which a store of any cut of the corpus computes alike) and
/// the starts and ends news stated, kept apart.
fn write_tenure(w: &mut Writer, post: &NamedNode, d: &Details) {
    let interval = tenure_iri(post);
    w.add(post, iri(ORG, "memberDuring"), interval.clone());
    w.add_ref(&interval, rdf::TYPE, iri(TIME, "Interval"));
    for date in &d.seen {
        w.add(&interval, zkg("seenOn"), date_literal(date));
    }
    for date in &d.stated_starts {
        w.add(&interval, zkg("statedStart"), date_literal(date));
    }
    for date in &d.stated_ends {
        w.add(&interval, zkg("statedEnd"), date_literal(date));
    }
}

/// The IRI of a post's tenure: the post's own, under `tenure/`.
fn tenure_iri(post: &NamedNode) -> NamedNode {
    let local = post.as_str().strip_prefix(ID).unwrap_or(post.as_str());
    let local = local.strip_prefix("post/").unwrap_or(local);
    iri(ID, &format!("tenure/{local}"))
}

fn write_event(w: &mut Writer, s: &NamedNode, node: &Node) {
    let d = &node.details;
    if let Some(kind) = &d.kind {
        w.add(s, zkg("eventType"), zkg(kind));
    }
    for trigger in &d.triggers {
        w.add(s, zkg("trigger"), zh(trigger));
    }
    for &count in &d.counts {
        w.add(s, zkg("count"), Literal::from(count));
    }
    for time in &d.times {
        w.add(
            s,
            zkg("timeBasis"),
            Literal::new_simple_literal(time.basis.name()),
        );
        // The article's date bounds the event; it is kept apart from dates the text gives, so
        // that queries on zkg:startDate see stated (and carried) dates only.
        if !time.text.is_empty() {
            w.add(s, zkg("timeText"), zh(&time.text));
        }
        if time.basis == TimeBasis::Article {
            if let Some(date) = &time.end {
                w.add(s, zkg("reportedBy"), date_literal(date));
            }
        } else {
            if let Some(start) = &time.start {
                w.add(s, zkg("startDate"), date_literal(start));
            }
            if let Some(end) = &time.end {
                w.add(s, zkg("endDate"), date_literal(end));
            }
        }
        if let Some(part) = &time.part {
            w.add(s, zkg("timePart"), Literal::new_simple_literal(part));
        }
    }
    for e in &node.evidence {
        let span = w.span(e, None);
        w.add(s, zkg("evidence"), span);
    }
}

/// One edge; an event's role and place edges also get their spans (`zkg:argumentOf`), so every
/// argument can be traced to its article and characters.
fn write_edge(
    w: &mut Writer,
    s: &NamedNode,
    kind: &EdgeKind,
    target: &Node,
    evidence: &std::collections::BTreeSet<Evidence>,
) {
    let o = node_iri(target);
    match kind {
        EdgeKind::Holds => {
            w.add(s, iri(ORG, "holds"), o.clone());
            w.add(&o, iri(ORG, "heldBy"), s.clone());
            w.add(&o, iri(ORG, "member"), s.clone());
        }
        EdgeKind::PostIn => {
            w.add(s, iri(ORG, "postIn"), o.clone());
            w.add(s, iri(ORG, "organization"), o);
        }
        EdgeKind::Role(role) => {
            w.add(s, zkg(role), o.clone());
            w.add(s, zkg("participant"), o.clone());
            write_arguments(w, s, &o, role, evidence);
        }
        EdgeKind::Place => {
            w.add(s, zkg("place"), o.clone());
            write_arguments(w, s, &o, "place", evidence);
        }
        EdgeKind::SubOrganizationOf => w.add(s, iri(ORG, "subOrganizationOf"), o),
        EdgeKind::LocatedIn => w.add(s, zkg("locatedIn"), o),
        EdgeKind::MentionedIn => w.add(s, zkg("mentionedIn"), o),
        EdgeKind::DerivedFrom => w.add(s, iri(PROV, "wasDerivedFrom"), o),
        EdgeKind::Credit(role) => {
            w.add(s, zkg(role), o.clone());
            w.add(s, zkg("credit"), o.clone());
            if role == "reporter" || role == "correspondent" {
                w.add(s, iri(SCHEMA, "author"), o);
            }
        }
    }
}

fn write_arguments(
    w: &mut Writer,
    event: &NamedNode,
    entity: &NamedNode,
    role: &str,
    evidence: &std::collections::BTreeSet<Evidence>,
) {
    for e in evidence {
        let span = w.span(e, Some(entity));
        w.add(&span, zkg("argumentOf"), event.clone());
        w.add(&span, zkg("role"), Literal::new_simple_literal(role));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> Vec<Quad> {
        RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn ontology_and_shapes_parse() {
        assert!(ontology_quads().unwrap().len() > 100);
        assert!(!parse("shapes", include_str!("../ontology/shapes.ttl")).is_empty());
    }

    /// Every zkg: class and property the sample graph uses is declared in the ontology, with a
    /// Chinese and an English label.
    #[test]
    fn the_sample_graph_uses_only_declared_terms() {
        let extractor = crate::Extractor::new().unwrap();
        let doc = crate::input::Document::from_text(
            crate::SAMPLE_NAME,
            crate::SAMPLE_PAGE,
            crate::input::Format::Text,
        );
        let options = crate::Options {
            date: Some("2019-08-30".into()),
            region: Some("焦作市".into()),
            byte_offsets: false,
        };
        let records = extractor.extract(&doc, &options).records;
        let graph = crate::graph::from_records(&records);
        let ontology = ontology_quads().unwrap();
        let declared = |iri: &str| {
            let labels: Vec<String> = ontology
                .iter()
                .filter(|q| q.subject.to_string() == format!("<{iri}>"))
                .filter(|q| {
                    q.predicate.as_ref() == rdfs::LABEL
                        || q.predicate.as_str().ends_with("prefLabel")
                })
                .map(|q| q.object.to_string())
                .collect();
            labels.iter().any(|l| l.ends_with("@zh")) && labels.iter().any(|l| l.ends_with("@en"))
        };
        for quad in quads(&graph) {
            let mut used = vec![quad.predicate.as_str().to_owned()];
            if quad.predicate.as_ref() == rdf::TYPE
                || quad.predicate.as_str().ends_with("eventType")
            {
                used.push(quad.object.to_string().trim_matches(['<', '>']).to_owned());
            }
            for iri in used.iter().filter(|i| i.starts_with(ZKG)) {
                assert!(declared(iri), "{iri} is not declared with zh and en labels");
            }
        }
    }

    #[test]
    fn dates_are_typed_at_their_precision() {
        assert_eq!(date_literal("2019-08-28").datatype(), xsd::DATE);
        assert_eq!(date_literal("2019-04").datatype(), xsd::G_YEAR_MONTH);
        assert_eq!(date_literal("2019").datatype(), xsd::G_YEAR);
        assert_eq!(date_literal("--08-28").datatype(), xsd::G_MONTH_DAY);
    }

    #[test]
    fn iri_segments_keep_chinese_and_escape_punctuation() {
        assert_eq!(segment("张维宁"), "张维宁");
        assert_eq!(segment("page.txt#1"), "page.txt%231");
        assert_eq!(segment("a b/c"), "a%20b%2Fc");
    }
}
