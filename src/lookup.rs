//! Entity cards: who or what a name is, from the store. Matching goes exact name, then alias,
//! then substring; several candidates are listed, never guessed.

use std::collections::BTreeMap;

use oxigraph::model::{Literal, NamedNode, Term};
use serde::Serialize;

use crate::error::Result;
use crate::store::{text, Store};

/// One entity that matches a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub iri: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub mentions: usize,
}

/// What a lookup found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "lowercase")]
pub enum Lookup {
    /// One entity: its card.
    Card(Box<Card>),
    /// Several entities match equally well: the user chooses.
    Candidates {
        how: String,
        candidates: Vec<Candidate>,
    },
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Post {
    pub title: String,
    pub organization: Option<String>,
    /// The person, on an organization's card.
    pub person: Option<String>,
    pub dates: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRole {
    pub start: Option<String>,
    pub end: Option<String>,
    /// For an event the text gives no time for: the date of the article reporting it.
    pub reported_by: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub trigger: String,
    pub role: String,
    pub with: Vec<String>,
    pub places: Vec<String>,
    pub event: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Articles naming both.
    pub articles: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub article: String,
    pub headline: Option<String>,
    pub date: Option<String>,
    pub mentions: usize,
    /// The text around each mention (the first few), the mention in 【】.
    pub snippets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub iri: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub posts: Vec<Post>,
    pub events: Vec<EventRole>,
    pub related: Vec<Related>,
    pub sources: Vec<Source>,
}

/// How many related entities, source articles and snippets per article a card shows.
const RELATED: usize = 10;
const SOURCES: usize = 10;
const SNIPPETS: usize = 3;
/// Characters of context on each side of a mention in a snippet.
const CONTEXT: usize = 18;

const CANDIDATES: &str = "SELECT ?e ?type ?label (COUNT(DISTINCT ?m) AS ?mentions) WHERE {
  VALUES ?type { zkg:Person zkg:Organization zkg:Place }
  ?e a ?type ; rdfs:label ?label ; __MATCH__ .
  OPTIONAL { ?m zkg:mentionOf ?e }
} GROUP BY ?e ?type ?label ORDER BY DESC(?mentions) ?label";

/// Looks `name` up: exact name, then alias, then substring of a name.
pub fn lookup(store: &Store, name: &str) -> Result<Lookup> {
    let literal: Term = Literal::new_language_tagged_literal_unchecked(name, "zh").into();
    let binding = [("name".to_owned(), literal)];
    let quoted = Literal::new_simple_literal(name).to_string();
    let stages = [
        ("name", "rdfs:label ?name".to_owned(), true),
        ("alias", "skos:altLabel ?name".to_owned(), true),
        (
            "substring",
            format!("rdfs:label ?l . FILTER(CONTAINS(STR(?l), {quoted}))"),
            false,
        ),
    ];
    for (how, pattern, bound) in stages {
        let sparql = CANDIDATES.replace("__MATCH__", &pattern);
        let rows = store.select(&sparql, if bound { &binding } else { &[] })?;
        let candidates: Vec<Candidate> = rows
            .iter()
            .map(|r| Candidate {
                iri: text(&r[0]),
                kind: local(&text(&r[1])).to_lowercase(),
                name: text(&r[2]),
                mentions: text(&r[3]).parse().unwrap_or(0),
            })
            .collect();
        match candidates.len() {
            0 => continue,
            1 => return card(store, &candidates[0]).map(|c| Lookup::Card(Box::new(c))),
            _ => {
                return Ok(Lookup::Candidates {
                    how: how.to_owned(),
                    candidates,
                })
            }
        }
    }
    Ok(Lookup::None)
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn opt(term: &Option<Term>) -> Option<String> {
    term.as_ref().map(|_| text(term))
}

fn split(list: &Option<Term>) -> Vec<String> {
    text(list)
        .split('\u{1f}')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The card of one entity.
pub fn card(store: &Store, c: &Candidate) -> Result<Card> {
    let e: Term = NamedNode::new_unchecked(&c.iri).into();
    let bind = [("e".to_owned(), e)];
    let aliases = store
        .select(
            "SELECT ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias",
            &bind,
        )?
        .iter()
        .map(|r| text(&r[0]))
        .collect();
    Ok(Card {
        iri: c.iri.clone(),
        kind: c.kind.clone(),
        name: c.name.clone(),
        aliases,
        mentions: c.mentions,
        posts: posts(store, &bind)?,
        events: events(store, &bind)?,
        related: related(store, &bind)?,
        sources: sources(store, &bind)?,
    })
}

fn posts(store: &Store, bind: &[(String, Term)]) -> Result<Vec<Post>> {
    let rows = store.select(
        "SELECT ?title ?organization ?person ?date ?article WHERE {
           { ?e org:holds ?post . OPTIONAL { ?post org:postIn/rdfs:label ?organization } }
           UNION { ?post org:postIn ?e ; org:heldBy/rdfs:label ?person }
           ?post zkg:title ?title ; prov:wasDerivedFrom ?a .
           ?a rdfs:label ?article .
           OPTIONAL { ?a schema:datePublished ?date }
         } ORDER BY ?title ?organization ?person ?date ?article",
        bind,
    )?;
    let mut grouped: BTreeMap<(String, Option<String>, Option<String>), Post> = BTreeMap::new();
    for r in &rows {
        let key = (text(&r[0]), opt(&r[1]), opt(&r[2]));
        let post = grouped.entry(key.clone()).or_insert_with(|| Post {
            title: key.0,
            organization: key.1,
            person: key.2,
            dates: Vec::new(),
            sources: Vec::new(),
        });
        if let Some(date) = opt(&r[3]).filter(|d| !post.dates.contains(d)) {
            post.dates.push(date);
        }
        post.sources.push(text(&r[4]));
    }
    Ok(grouped.into_values().collect())
}

fn events(store: &Store, bind: &[(String, Term)]) -> Result<Vec<EventRole>> {
    let rows = store.select(
        // (One line per event and role: several reports may give several triggers and times.)
        "SELECT ?event (MIN(?s) AS ?start) (MAX(?e2) AS ?end) ?type
                (GROUP_CONCAT(DISTINCT ?t2; separator=\"/\") AS ?trigger) ?role
                (GROUP_CONCAT(DISTINCT ?other; separator=\"\u{1f}\") AS ?with)
                (GROUP_CONCAT(DISTINCT ?where; separator=\"\u{1f}\") AS ?places)
                (MIN(?reported) AS ?by) WHERE {
           VALUES ?p { zkg:agent zkg:counterpart zkg:companion zkg:briefer zkg:attendee zkg:host zkg:subject zkg:place }
           ?event ?p ?e ; zkg:eventType ?t .
           BIND(STRAFTER(STR(?p), \"#\") AS ?role)
           BIND(STRAFTER(STR(?t), \"#\") AS ?type)
           OPTIONAL { ?event zkg:trigger ?t2 }
           OPTIONAL { ?event zkg:startDate ?s }
           OPTIONAL { ?event zkg:endDate ?e2 }
           OPTIONAL { ?event zkg:reportedBy ?reported }
           OPTIONAL { ?event zkg:participant ?o . FILTER(?o != ?e) ?o rdfs:label ?other }
           OPTIONAL { ?event zkg:place/rdfs:label ?where }
         } GROUP BY ?event ?type ?role
           ORDER BY COALESCE(MIN(?s), MIN(?reported)) ?event",
        bind,
    )?;
    Ok(rows
        .iter()
        .map(|r| EventRole {
            event: text(&r[0]),
            start: opt(&r[1]),
            end: opt(&r[2]),
            kind: text(&r[3]),
            trigger: text(&r[4]),
            role: text(&r[5]),
            with: split(&r[6]),
            places: split(&r[7]),
            reported_by: opt(&r[8]),
        })
        .collect())
}

fn related(store: &Store, bind: &[(String, Term)]) -> Result<Vec<Related>> {
    let rows = store.select(
        &format!(
            "SELECT ?name ?type (COUNT(DISTINCT ?a) AS ?articles) WHERE {{
               VALUES ?class {{ zkg:Person zkg:Organization zkg:Place }}
               ?e zkg:mentionedIn ?a .
               ?o zkg:mentionedIn ?a ; a ?class ; rdfs:label ?name .
               FILTER(?o != ?e)
               BIND(LCASE(STRAFTER(STR(?class), \"#\")) AS ?type)
             }} GROUP BY ?name ?type ORDER BY DESC(?articles) ?name LIMIT {RELATED}"
        ),
        bind,
    )?;
    Ok(rows
        .iter()
        .map(|r| Related {
            name: text(&r[0]),
            kind: text(&r[1]),
            articles: text(&r[2]).parse().unwrap_or(0),
        })
        .collect())
}

/// `[start, end)` of an article's first mentions.
type Spans = Vec<(usize, usize)>;

/// The articles naming the entity, by date, with snippets around their first mentions.
fn sources(store: &Store, bind: &[(String, Term)]) -> Result<Vec<Source>> {
    let rows = store.select(
        "SELECT ?a ?article ?headline ?date ?start ?end WHERE {
           ?m zkg:mentionOf ?e ; zkg:inArticle ?a ; zkg:start ?start ; zkg:end ?end .
           ?a rdfs:label ?article .
           OPTIONAL { ?a schema:headline ?headline }
           OPTIONAL { ?a schema:datePublished ?date }
         } ORDER BY ?date ?article ?start",
        bind,
    )?;
    let mut out: Vec<(String, Source, Spans)> = Vec::new();
    for r in &rows {
        let article = text(&r[1]);
        let start = text(&r[4]).parse().unwrap_or(0);
        let span = (start, text(&r[5]).parse().unwrap_or(start));
        if let Some(last) = out.last_mut().filter(|s| s.1.article == article) {
            last.1.mentions += 1;
            if last.2.len() < SNIPPETS {
                last.2.push(span);
            }
            continue;
        }
        if out.len() == SOURCES {
            continue;
        }
        let source = Source {
            article,
            headline: opt(&r[2]),
            date: opt(&r[3]),
            mentions: 1,
            snippets: Vec::new(),
        };
        out.push((text(&r[0]), source, vec![span]));
    }
    for (iri, source, spans) in &mut out {
        let a: Term = NamedNode::new_unchecked(iri.as_str()).into();
        let body = store.select(
            "SELECT ?body WHERE { ?a schema:articleBody ?body }",
            &[("a".to_owned(), a)],
        )?;
        let body: Vec<char> = body
            .first()
            .map(|r| text(&r[0]))
            .unwrap_or_default()
            .chars()
            .collect();
        source.snippets = spans.iter().map(|&(s, e)| snippet(&body, s, e)).collect();
    }
    Ok(out.into_iter().map(|(_, s, _)| s).collect())
}

/// The text around `[start, end)` with the span marked 【…】, on one line.
pub fn snippet(body: &[char], start: usize, end: usize) -> String {
    let (start, end) = (start.min(body.len()), end.min(body.len()));
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(body.len());
    let piece = |a: usize, b: usize| -> String {
        body[a..b]
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c })
            .collect()
    };
    format!(
        "{}{}【{}】{}{}",
        if from > 0 { "…" } else { "" },
        piece(from, start),
        piece(start, end),
        piece(end, to),
        if to < body.len() { "…" } else { "" }
    )
}

/// A card for people to read in a terminal.
pub fn render(card: &Card) -> String {
    let mut out = format!("{} ({})\n", card.name, card.kind);
    if !card.aliases.is_empty() {
        out += &format!("  also written: {}\n", card.aliases.join("、"));
    }
    out += &format!("  {} mentions\n", card.mentions);
    if !card.posts.is_empty() {
        out += "  posts:\n";
        for p in &card.posts {
            let who = match (&p.person, &p.organization) {
                (Some(person), _) => format!("{person} — {}", p.title),
                (None, Some(org)) => format!("{} @ {org}", p.title),
                (None, None) => p.title.clone(),
            };
            out += &format!(
                "    {who}  ({}; {})\n",
                p.dates.join(", "),
                p.sources.join(", ")
            );
        }
    }
    if !card.events.is_empty() {
        out += "  events:\n";
        for e in &card.events {
            let when = match (&e.start, &e.end) {
                (Some(s), Some(x)) if s != x => format!("{s} – {x}"),
                (Some(s), _) => s.clone(),
                _ => match &e.reported_by {
                    Some(by) => format!("by {by}"),
                    None => "(undated)".into(),
                },
            };
            out += &format!("    {when}  {} {} as {}", e.kind, e.trigger, e.role);
            if !e.with.is_empty() {
                out += &format!("; with {}", e.with.join("、"));
            }
            if !e.places.is_empty() {
                out += &format!(" @ {}", e.places.join("、"));
            }
            out += "\n";
        }
    }
    if !card.related.is_empty() {
        let related: Vec<String> = card
            .related
            .iter()
            .map(|r| format!("{} ({}, {})", r.name, r.kind, r.articles))
            .collect();
        out += &format!("  related: {}\n", related.join(", "));
    }
    out += "  sources:\n";
    for s in &card.sources {
        out += &format!(
            "    {} {} [{}] ×{}\n",
            s.date.as_deref().unwrap_or("-"),
            s.headline.as_deref().unwrap_or("(no headline)"),
            s.article,
            s.mentions,
        );
        for snippet in &s.snippets {
            out += &format!("      {snippet}\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_the_mention_and_cut_long_context() {
        let body: Vec<char> = "示范区党工委书记、管委会主任王家鹏在调研国家卫生城市创建工作时强调"
            .chars()
            .collect();
        assert_eq!(
            snippet(&body, 14, 17),
            "示范区党工委书记、管委会主任【王家鹏】在调研国家卫生城市创建工作时强调"
        );
        assert_eq!(
            snippet(&body, 0, 3),
            "【示范区】党工委书记、管委会主任王家鹏在调研国…"
        );
        assert!(snippet(&body, 30, 33).starts_with('…'));
    }
}
