//! Entity cards: who or what a name is, from the store. Matching goes exact name, then alias,
//! then substring; several candidates are listed, never guessed.
//!
//! A person's card is a career: one line per post with the dates it was seen on first and last,
//! the starts and ends news stated, and how many articles report it; events grouped by month;
//! the sources as a short list. People of one name whose posts place them apart
//! (`person:王刚@湖南省`, `person:王刚@中央`, see [`crate::scope`]) are candidates to choose from
//! (`王刚@湖南省`); mentions no post places join the one scoped person when there is only one.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{Literal, Term};
use serde::Serialize;

use crate::error::Result;
use crate::scope::{self, Placement, Reach};
use crate::store::{text, Store};

/// One entity that matches a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The entity's IRI.
    pub iri: String,
    /// `person`, `organization` or `place`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its name (王小平).
    pub name: String,
    /// What tells people of one name apart (湖南省, 中央), when a post gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// How many times the corpus names it.
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
        /// How the name matched them: `name`, `alias` or `substring`.
        how: String,
        /// The matching entities, most mentioned first.
        candidates: Vec<Candidate>,
    },
    /// Nothing matches the name.
    None,
}

/// How much of a card to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Only the posts held on this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub at: Option<String>,
    /// Every source and every event, not the short lists.
    pub all: bool,
}

/// One post held for a while: a title in an organization, with its tenure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spell {
    /// The title of the post (书记, 部长).
    pub title: String,
    /// The organization it is held in, when news names one.
    pub organization: Option<String>,
    /// The person, on an organization's card.
    pub person: Option<String>,
    /// The titles written for it (外长, 外交部长 for 部长 @ 外交部).
    pub written: Vec<String>,
    /// The dates of the first and last articles that report it.
    pub first_seen: Option<String>,
    /// (The date of the last.)
    pub last_seen: Option<String>,
    /// The starts and ends news stated (任命 …, 免去 …), earliest start and latest end.
    pub stated_start: Option<String>,
    /// (The latest stated end.)
    pub stated_end: Option<String>,
    /// How many articles report it, and which (all of them with `--all`, else the latest few).
    pub articles: usize,
    /// (The articles' ids.)
    pub sources: Vec<String>,
}

impl Spell {
    /// First day of the tenure as far as news tells: the stated start or the first date seen,
    /// whichever is earlier.
    pub fn from(&self) -> Option<&str> {
        tenure_start(self.stated_start.as_deref(), self.first_seen.as_deref())
    }

    /// Last day as far as news tells: the stated end, else last seen.
    pub fn to(&self) -> Option<&str> {
        self.stated_end.as_deref().or(self.last_seen.as_deref())
    }

    /// True when the post was held on `date`, at the precision both give (2023 holds in
    /// 2023-05-02; 2023-05-02 lies in 2023).
    pub(crate) fn held_on(&self, date: &str) -> bool {
        let (Some(from), Some(to)) = (self.from(), self.to()) else {
            return false;
        };
        let cut = |a: &str, b: &str| a.len().min(b.len());
        from[..cut(from, date)] <= date[..cut(from, date)]
            && date[..cut(to, date)] <= to[..cut(to, date)]
    }
}

/// Where a tenure starts: the stated start or the first date seen, whichever is earlier (a
/// stated start after the first sighting is a re-appointment). Shared with the graph exports.
pub(crate) fn tenure_start<'d>(
    stated: Option<&'d str>,
    first_seen: Option<&'d str>,
) -> Option<&'d str> {
    match (stated, first_seen) {
        (Some(stated), Some(seen)) => Some(stated.min(seen)),
        (stated, seen) => stated.or(seen),
    }
}

/// An event on a card, with the role the entity had in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRole {
    /// When the event began, as precisely as the text says (ISO 8601).
    pub start: Option<String>,
    /// When it ended (the start again for a one-day event).
    pub end: Option<String>,
    /// For an event the text gives no time for: the date of the article reporting it.
    pub reported_by: Option<String>,
    /// The event type (inspection, meeting …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The word that names it in the text (调研).
    pub trigger: String,
    /// The entity's role in it (agent, companion, attendee …).
    pub role: String,
    /// The others taking part.
    pub with: Vec<String>,
    /// Where it took place.
    pub places: Vec<String>,
    /// The event's IRI.
    pub event: String,
}

impl EventRole {
    /// The month (`2024-05`), year, or `undated` the event is filed under.
    fn month(&self) -> String {
        let date = self.start.as_deref().or(self.reported_by.as_deref());
        date.map_or("undated".to_owned(), |d| d.chars().take(7).collect())
    }
}

/// The events of one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    /// `2024-05` (or `2024`, or `undated`).
    pub month: String,
    /// Its events, in date order.
    pub events: Vec<EventRole>,
}

/// An entity often named in the same articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// Its name.
    pub name: String,
    /// `person`, `organization` or `place`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Articles naming both.
    pub articles: usize,
}

/// An article that names the entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The article's id (`jiaozuo-page-2019-08-30.txt#2`).
    pub article: String,
    /// Its headline, when it has one.
    pub headline: Option<String>,
    /// Its publication date.
    pub date: Option<String>,
    /// How many times it names the entity.
    pub mentions: usize,
    /// The text around each mention (the first few), the mention in 【】.
    pub snippets: Vec<String>,
}

/// Everything the store knows about one entity, as `zhkg lookup` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    /// The entity's IRI.
    pub iri: String,
    /// Other nodes shown on this card: mentions of the name no post placed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// `person`, `organization` or `place`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Where its posts place a person (湖南省, 中央), telling apart people of one name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Every form the articles name it by (外长, 外交部长).
    pub aliases: Vec<String>,
    /// How many times the corpus names it.
    pub mentions: usize,
    /// The posts held (a person's) or given (an organization's), by first date.
    pub posts: Vec<Spell>,
    /// `--at`: the date the posts were held on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Events by month, oldest first.
    pub months: Vec<Month>,
    /// The entities most often named in the same articles.
    pub related: Vec<Related>,
    /// Articles naming the entity, latest first.
    pub sources: Vec<Source>,
    /// How many articles name it in all.
    pub articles: usize,
}

/// How many related entities, source articles, months of events and snippets per article a
/// card shows without `--all`.
const RELATED: usize = 10;
const SOURCES: usize = 5;
const MONTHS: usize = 12;
const SNIPPETS: usize = 3;
/// Characters of context on each side of a mention in a snippet.
const CONTEXT: usize = 18;

const CANDIDATES: &str =
    "SELECT ?e ?type ?label (COUNT(DISTINCT ?m) AS ?mentions) (SAMPLE(?s) AS ?scope) WHERE {
  VALUES ?type { zkg:Person zkg:Organization zkg:Place }
  ?e a ?type ; rdfs:label ?label ; __MATCH__ .
  OPTIONAL { ?m zkg:mentionOf ?e }
  OPTIONAL { ?e zkg:scope ?s }
} GROUP BY ?e ?type ?label ORDER BY DESC(?mentions) ?label ?e";

/// Looks `name` up: exact name, then alias, then substring of a name. `王刚@湖南省` asks for the
/// 王刚 whose posts lie in 湖南省.
pub fn lookup(store: &Store, name: &str, view: &View) -> Result<Lookup> {
    let (name, scope) = match name.split_once('@') {
        Some((name, scope)) => (name, Some(scope)),
        None => (name, None),
    };
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
        let mut candidates: Vec<Candidate> = rows
            .iter()
            .map(|r| Candidate {
                iri: text(&r[0]),
                kind: local(&text(&r[1])).to_lowercase(),
                name: text(&r[2]),
                mentions: text(&r[3]).parse().unwrap_or(0),
                scope: opt(&r[4]),
            })
            .collect();
        let people = people_of(store, &candidates)?;
        if let Some(scope) = scope {
            // (吴政隆@江苏省 asks for the person whose career includes 江苏省.)
            let person = people.iter().find(|p| p.contains(scope));
            candidates.retain(|c| {
                c.scope
                    .as_deref()
                    .is_some_and(|s| s == scope || person.is_some_and(|p| p.contains(s)))
            });
        }
        match one_entity(&candidates, &people) {
            Some(chosen) => {
                let mut card = card(store, &chosen, view)?;
                // (A career across scopes shows them all: 中央+江苏省.)
                if let Some(scope) = &card.scope {
                    if let Some(person) = people.get(person_with(&people, scope)) {
                        card.scope = Some(person.iter().cloned().collect::<Vec<_>>().join("+"));
                    }
                }
                return Ok(Lookup::Card(Box::new(card)));
            }
            None if candidates.is_empty() => continue,
            None => {
                return Ok(Lookup::Candidates {
                    how: how.to_owned(),
                    candidates: one_per_person(candidates, &people),
                })
            }
        }
    }
    Ok(Lookup::None)
}

/// The candidates as one entity, when they are one: a single candidate, or people of one name
/// whose scopes are all one person's career (`people`; the unscoped ones no post placed, so
/// nothing contradicts it). The first is the one the card is of.
fn one_entity<'c>(candidates: &'c [Candidate], people: &[Person]) -> Option<Vec<&'c Candidate>> {
    let first = candidates.first()?;
    let same_name = candidates
        .iter()
        .all(|c| c.kind == "person" && first.kind == "person" && c.name == first.name);
    if candidates.len() > 1 && !same_name {
        return None;
    }
    let persons: BTreeSet<usize> = candidates
        .iter()
        .filter_map(|c| c.scope.as_deref())
        .map(|s| person_with(people, s))
        .collect();
    if persons.len() > 1 {
        return None;
    }
    let mut chosen: Vec<&Candidate> = candidates.iter().collect();
    // (The most mentioned scoped node names the card.)
    chosen.sort_by_key(|c| c.scope.is_none());
    Some(chosen)
}

/// The scopes of one person of a name: one or several, when a career crossed them (江苏省 then
/// 中央), sorted.
type Person = BTreeSet<String>;

/// Which of `people` has `scope` (`people` has every scope of the candidates it was made of).
fn person_with(people: &[Person], scope: &str) -> usize {
    people
        .iter()
        .position(|p| p.contains(scope))
        .unwrap_or(usize::MAX)
}

/// The people the scoped candidates of one name are, by [`scope::people`]: empty unless the
/// candidates are people of one name with two scopes or more.
fn people_of(store: &Store, candidates: &[Candidate]) -> Result<Vec<Person>> {
    let Some(first) = candidates.first() else {
        return Ok(Vec::new());
    };
    let scoped: Vec<&Candidate> = candidates.iter().filter(|c| c.scope.is_some()).collect();
    let one_name = candidates
        .iter()
        .all(|c| c.kind == "person" && c.name == first.name);
    if !one_name || scoped.len() < 2 {
        return Ok(scoped
            .iter()
            .filter_map(|c| c.scope.clone())
            .map(|s| Person::from([s]))
            .collect());
    }
    let rows = store.select(
        &format!(
            "SELECT ?name ?scope ?organization (MIN(STR(?seen)) AS ?first) (MAX(STR(?seen)) AS ?last)
             WHERE {{ {} ?e rdfs:label ?name ; zkg:scope ?scope . {PLACEMENT} }}
             GROUP BY ?name ?scope ?organization",
            values(&scoped)
        ),
        &[],
    )?;
    Ok(placed_people(&rows)
        .into_values()
        .next()
        .unwrap_or_default())
}

/// What [`placed_people`] reads, after `?e`, its name and scope are bound: each post's
/// organization and the dates it was seen on.
const PLACEMENT: &str = "?e org:holds ?post .
  OPTIONAL { ?post org:memberDuring/zkg:seenOn ?seen }
  OPTIONAL { ?post org:postIn/rdfs:label ?organization }";

/// Rows of name, scope, organization, first and last date seen, as the people of each name.
fn placed_people(rows: &[Vec<Option<Term>>]) -> BTreeMap<String, Vec<Person>> {
    let mut placements: BTreeMap<String, BTreeMap<String, Placement>> = BTreeMap::new();
    for row in rows {
        let (name, scope) = (text(&row[0]), text(&row[1]));
        let reach = match scope.as_str() {
            scope::CENTRAL => Reach::Central,
            _ => opt(&row[2])
                .and_then(|o| scope::reach(&o))
                .unwrap_or(Reach::Local),
        };
        let (first, last) = (text(&row[3]), text(&row[4]));
        let placement = placements
            .entry(name)
            .or_default()
            .entry(scope.clone())
            .or_insert_with(|| Placement {
                scope,
                reach,
                first: first.clone(),
                last: last.clone(),
            });
        placement.reach = placement.reach.max(reach);
        // (An undated article's post has no dates: the others' stand.)
        if placement.first.is_empty() || (!first.is_empty() && first < placement.first) {
            placement.first = first;
        }
        placement.last = placement.last.clone().max(last);
    }
    placements
        .into_iter()
        .map(|(name, by_scope)| {
            let placements: Vec<Placement> = by_scope.into_values().collect();
            let mut people: Vec<Person> = scope::people(&placements)
                .into_iter()
                .map(|person| {
                    person
                        .into_iter()
                        .map(|i| placements[i].scope.clone())
                        .collect()
                })
                .collect();
            people.sort();
            (name, people)
        })
        .collect()
}

/// Candidates of one person merged into one (the most mentioned names it; its scope lists the
/// person's scopes, 中央+江苏省), in the order of their best candidate.
fn one_per_person(candidates: Vec<Candidate>, people: &[Person]) -> Vec<Candidate> {
    let mut merged: Vec<(usize, Candidate)> = Vec::new();
    for c in candidates {
        let Some(person) = c.scope.as_deref().map(|s| person_with(people, s)) else {
            merged.push((usize::MAX, c));
            continue;
        };
        match merged.iter_mut().find(|(p, _)| *p == person) {
            Some((_, first)) => first.mentions += c.mentions,
            None => {
                let mut c = c;
                if let Some(scopes) = people.get(person) {
                    c.scope = Some(scopes.iter().cloned().collect::<Vec<_>>().join("+"));
                }
                merged.push((person, c));
            }
        }
    }
    merged.into_iter().map(|(_, c)| c).collect()
}

/// Names the store keeps as several people, each person with the scopes of their career
/// (`王刚: [中央], [湖南省]`; 吴政隆's 中央 and 江苏省 are one career, no split), by name.
/// `zhkg build -v` reports them.
pub fn splits(store: &Store) -> Result<Vec<(String, Vec<Person>)>> {
    let rows = store.select(
        &format!(
            "SELECT ?name ?scope ?organization (MIN(STR(?seen)) AS ?first) (MAX(STR(?seen)) AS ?last)
             WHERE {{
               {{ SELECT ?name WHERE {{ ?p a zkg:Person ; rdfs:label ?name ; zkg:scope ?s }}
                 GROUP BY ?name HAVING (COUNT(DISTINCT ?s) > 1) }}
               ?e a zkg:Person ; rdfs:label ?name ; zkg:scope ?scope . {PLACEMENT}
             }} GROUP BY ?name ?scope ?organization"
        ),
        &[],
    )?;
    Ok(placed_people(&rows)
        .into_iter()
        .filter(|(_, people)| people.len() > 1)
        .collect())
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

/// `VALUES ?e { <iri> … }` for the nodes of a card (IRIs read from the store, so valid).
fn values(nodes: &[&Candidate]) -> String {
    let iris: Vec<String> = nodes.iter().map(|c| format!("<{}>", c.iri)).collect();
    format!("VALUES ?e {{ {} }}", iris.join(" "))
}

/// The card of one entity, shown over `nodes` (the first names it).
pub fn card(store: &Store, nodes: &[&Candidate], view: &View) -> Result<Card> {
    let c = nodes[0];
    let values = values(nodes);
    let aliases = store
        .select(
            &format!("SELECT DISTINCT ?alias WHERE {{ {values} ?e skos:altLabel ?alias }} ORDER BY ?alias"),
            &[],
        )?
        .iter()
        .map(|r| text(&r[0]))
        .collect();
    let mut posts = spells(store, &values, view.all)?;
    if let Some(at) = &view.at {
        posts.retain(|p| p.held_on(at));
    }
    let (sources, articles) = sources(store, &values, view.all)?;
    Ok(Card {
        iri: c.iri.clone(),
        merged: nodes[1..].iter().map(|n| n.iri.clone()).collect(),
        kind: c.kind.clone(),
        name: c.name.clone(),
        scope: c.scope.clone(),
        aliases,
        mentions: nodes.iter().map(|n| n.mentions).sum(),
        posts,
        at: view.at.clone(),
        months: months(events(store, &values)?),
        related: related(store, &values)?,
        sources,
        articles,
    })
}

/// The posts of a card as spells: one per title and organization (and person, on an
/// organization's card), with the dates they were seen on and stated.
fn spells(store: &Store, values: &str, all: bool) -> Result<Vec<Spell>> {
    // (Two queries: the dates of a post and its articles joined in one would multiply, a
    // leader's thousands of articles by as many dates.)
    let posts = format!(
        "{values}
         {{ ?e org:holds ?post . OPTIONAL {{ ?post org:postIn/rdfs:label ?organization }} }}
         UNION {{ ?post org:postIn ?e ; org:heldBy/rdfs:label ?person }}
         ?post zkg:title ?title ; org:memberDuring ?tenure ."
    );
    let dates = store.select(
        &format!(
            "SELECT ?title ?organization ?person ?written ?seen ?start ?end WHERE {{
               {posts}
               {{ ?post skos:altLabel ?written }} UNION {{ ?tenure zkg:seenOn ?seen }}
               UNION {{ ?tenure zkg:statedStart ?start }} UNION {{ ?tenure zkg:statedEnd ?end }}
             }}"
        ),
        &[],
    )?;
    let articles = store.select(
        &format!(
            "SELECT DISTINCT ?title ?organization ?person ?article ?date WHERE {{
               {posts}
               ?post prov:wasDerivedFrom ?a . ?a rdfs:label ?article .
               OPTIONAL {{ ?a schema:datePublished ?date }}
             }}"
        ),
        &[],
    )?;
    let mut grouped: BTreeMap<(String, Option<String>, Option<String>), Gathered> = BTreeMap::new();
    let key = |r: &[Option<Term>]| (text(&r[0]), opt(&r[1]), opt(&r[2]));
    for r in &dates {
        let g = grouped.entry(key(r)).or_default();
        g.written.extend(opt(&r[3]));
        g.seen.extend(opt(&r[4]));
        g.starts.extend(opt(&r[5]));
        g.ends.extend(opt(&r[6]));
    }
    for r in &articles {
        let g = grouped.entry(key(r)).or_default();
        g.articles
            .insert((opt(&r[4]).unwrap_or_default(), text(&r[3])));
    }
    lend_organizations(&mut grouped);
    let mut spells: Vec<Spell> = grouped
        .into_iter()
        .map(|((title, organization, person), g)| g.spell(title, organization, person, all))
        .collect();
    spells.sort_by(|a, b| {
        (a.from(), &a.title, &a.organization, &a.person).cmp(&(
            b.from(),
            &b.title,
            &b.organization,
            &b.person,
        ))
    });
    Ok(spells)
}

/// What the rows of one spell gave.
#[derive(Debug, Default)]
struct Gathered {
    written: BTreeSet<String>,
    seen: BTreeSet<String>,
    starts: BTreeSet<String>,
    ends: BTreeSet<String>,
    /// (date, article id), so the latest sort last.
    articles: BTreeSet<(String, String)>,
}

impl Gathered {
    fn absorb(&mut self, other: Gathered) {
        self.written.extend(other.written);
        self.seen.extend(other.seen);
        self.starts.extend(other.starts);
        self.ends.extend(other.ends);
        self.articles.extend(other.articles);
    }

    fn spell(
        self,
        title: String,
        organization: Option<String>,
        person: Option<String>,
        all: bool,
    ) -> Spell {
        let shown = if all { self.articles.len() } else { SOURCES };
        let mut sources: Vec<String> = self
            .articles
            .iter()
            .rev()
            .take(shown)
            .map(|(_, id)| id.clone())
            .collect();
        sources.reverse();
        Spell {
            written: self.written.into_iter().filter(|w| *w != title).collect(),
            title,
            organization,
            person,
            first_seen: self.seen.first().cloned(),
            last_seen: self.seen.last().cloned(),
            stated_start: self.starts.first().cloned(),
            stated_end: self.ends.last().cloned(),
            articles: self.articles.len(),
            sources,
        }
    }
}

/// A title seen without an organization joins the spell of that title with one, when the card
/// has exactly one such spell (主任 → 主任 @ 中央外事工作委员会办公室).
fn lend_organizations(grouped: &mut BTreeMap<(String, Option<String>, Option<String>), Gathered>) {
    let bare: Vec<_> = grouped
        .keys()
        .filter(|(_, organization, _)| organization.is_none())
        .cloned()
        .collect();
    for key in bare {
        let (title, _, person) = &key;
        let mut homes = grouped
            .keys()
            .filter(|(t, o, p)| t == title && o.is_some() && p == person);
        let home = match (homes.next(), homes.next()) {
            (Some(only), None) => only.clone(),
            _ => continue,
        };
        if let Some(gathered) = grouped.remove(&key) {
            if let Some(target) = grouped.get_mut(&home) {
                target.absorb(gathered);
            }
        }
    }
}

fn events(store: &Store, values: &str) -> Result<Vec<EventRole>> {
    let rows = store.select(
        // (One line per event and role: several reports may give several triggers and times.)
        &format!("SELECT ?event (MIN(?s) AS ?start) (MAX(?e2) AS ?end) ?type
                (GROUP_CONCAT(DISTINCT ?t2; separator=\"/\") AS ?trigger) ?role
                (GROUP_CONCAT(DISTINCT ?other; separator=\"\u{1f}\") AS ?with)
                (GROUP_CONCAT(DISTINCT ?where; separator=\"\u{1f}\") AS ?places)
                (MIN(?reported) AS ?by) WHERE {{
           {values}
           VALUES ?p {{ zkg:agent zkg:counterpart zkg:companion zkg:briefer zkg:attendee zkg:host zkg:subject zkg:place }}
           ?event ?p ?e ; zkg:eventType ?t .
           BIND(STRAFTER(STR(?p), \"#\") AS ?role)
           BIND(STRAFTER(STR(?t), \"#\") AS ?type)
           OPTIONAL {{ ?event zkg:trigger ?t2 }}
           OPTIONAL {{ ?event zkg:startDate ?s }}
           OPTIONAL {{ ?event zkg:endDate ?e2 }}
           OPTIONAL {{ ?event zkg:reportedBy ?reported }}
           OPTIONAL {{ ?event zkg:participant ?o . FILTER(?o != ?e) ?o rdfs:label ?other }}
           OPTIONAL {{ ?event zkg:place/rdfs:label ?where }}
         }} GROUP BY ?event ?type ?role
           ORDER BY COALESCE(MIN(?s), MIN(?reported)) ?event"),
        &[],
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

/// Events grouped by the month they happened in (or were reported by), oldest first.
fn months(events: Vec<EventRole>) -> Vec<Month> {
    let mut by_month: BTreeMap<String, Vec<EventRole>> = BTreeMap::new();
    for event in events {
        by_month.entry(event.month()).or_default().push(event);
    }
    by_month
        .into_iter()
        .map(|(month, events)| Month { month, events })
        .collect()
}

fn related(store: &Store, values: &str) -> Result<Vec<Related>> {
    let rows = store.select(
        &format!(
            "SELECT ?name ?type (COUNT(DISTINCT ?a) AS ?articles) WHERE {{
               {values}
               VALUES ?class {{ zkg:Person zkg:Organization zkg:Place }}
               ?e zkg:mentionedIn ?a .
               ?o zkg:mentionedIn ?a ; a ?class ; rdfs:label ?name .
               FILTER(?o != ?e && ?name != ?self)
               ?e rdfs:label ?self .
               BIND(LCASE(STRAFTER(STR(?class), \"#\")) AS ?type)
             }} GROUP BY ?name ?type ORDER BY DESC(?articles) ?name LIMIT {RELATED}"
        ),
        &[],
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

/// The articles naming the entity, latest first (the first [`SOURCES`] unless `all`), with
/// snippets around their first mentions; and how many articles there are in all.
fn sources(store: &Store, values: &str, all: bool) -> Result<(Vec<Source>, usize)> {
    let rows = store.select(
        &format!(
            "SELECT ?a ?article ?headline ?date ?start ?end WHERE {{
               {values}
               ?m zkg:mentionOf ?e ; zkg:inArticle ?a ; zkg:start ?start ; zkg:end ?end .
               ?a rdfs:label ?article .
               OPTIONAL {{ ?a schema:headline ?headline }}
               OPTIONAL {{ ?a schema:datePublished ?date }}
             }} ORDER BY DESC(?date) DESC(?article) ?start"
        ),
        &[],
    )?;
    let mut out: Vec<(String, Source, Spans)> = Vec::new();
    let mut articles = 0;
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
        articles += 1;
        if out.len() == SOURCES && !all {
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
        let a: Term = oxigraph::model::NamedNode::new(iri.as_str())
            .map_err(|e| crate::error::Error::Invalid(format!("<{iri}>: {e}")))?
            .into();
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
    Ok((out.into_iter().map(|(_, s, _)| s).collect(), articles))
}

/// The text around `[start, end)` with the span marked 【…】, on one line.
pub(crate) fn snippet(body: &[char], start: usize, end: usize) -> String {
    // (Spans come from the store, which anyone may have written: a reversed one is empty.)
    let end = end.min(body.len());
    let start = start.min(end);
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

/// A card for people to read in a terminal: short lists unless `all`.
pub fn render(card: &Card, all: bool) -> String {
    let mut out = format!("{} ({}", card.name, card.kind);
    if let Some(scope) = &card.scope {
        out += &format!(", {scope}");
    }
    out += ")\n";
    if !card.aliases.is_empty() {
        out += &format!("  also written: {}\n", card.aliases.join("、"));
    }
    out += &format!(
        "  {} mentions in {} articles\n",
        card.mentions, card.articles
    );
    render_posts(&mut out, card);
    render_months(&mut out, &card.months, all);
    if !card.related.is_empty() {
        let related: Vec<String> = card
            .related
            .iter()
            .map(|r| format!("{} ({})", r.name, r.articles))
            .collect();
        out += &format!("  related: {}\n", related.join(", "));
    }
    let more = card.articles.saturating_sub(card.sources.len());
    out += &format!(
        "  sources{}:\n",
        if more > 0 {
            format!(
                " (latest {} of {}; --all for every one)",
                card.sources.len(),
                card.articles
            )
        } else {
            String::new()
        }
    );
    for s in &card.sources {
        out += &format!(
            "    {} [{}] {} ×{}\n",
            s.date.as_deref().unwrap_or("-"),
            s.article,
            s.headline.as_deref().unwrap_or("(no headline)"),
            s.mentions,
        );
        if all {
            for snippet in &s.snippets {
                out += &format!("      {snippet}\n");
            }
        }
    }
    out
}

/// One line per spell: `2023-03 … 2026-08  部长 @ 外交部  (62 articles)`.
fn render_posts(out: &mut String, card: &Card) {
    if card.posts.is_empty() {
        if let Some(at) = &card.at {
            *out += &format!("  posts held on {at}: none known\n");
        }
        return;
    }
    *out += &match &card.at {
        Some(at) => format!("  posts held on {at}:\n"),
        None => "  posts:\n".to_owned(),
    };
    for p in &card.posts {
        let when = format!(
            "{} … {}",
            p.first_seen.as_deref().map_or("?", month_of),
            p.last_seen.as_deref().map_or("?", month_of)
        );
        let what = match (&p.person, &p.organization) {
            (Some(person), Some(org)) => format!("{person} — {} @ {org}", p.title),
            (Some(person), None) => format!("{person} — {}", p.title),
            (None, Some(org)) => format!("{} @ {org}", p.title),
            (None, None) => p.title.clone(),
        };
        let mut notes = vec![format!(
            "{} article{}",
            p.articles,
            if p.articles == 1 { "" } else { "s" }
        )];
        if let Some(start) = &p.stated_start {
            notes.push(format!("from {start}"));
        }
        if let Some(end) = &p.stated_end {
            notes.push(format!("until {end}"));
        }
        if !p.written.is_empty() {
            notes.push(format!("as {}", p.written.join("、")));
        }
        *out += &format!("    {when:<17}  {what}  ({})\n", notes.join("; "));
    }
}

/// Events by month: one line a month (the latest [`MONTHS`]), each event too with `all`.
fn render_months(out: &mut String, months: &[Month], all: bool) {
    if months.is_empty() {
        return;
    }
    let shown = if all {
        months.len()
    } else {
        MONTHS.min(months.len())
    };
    let hidden = months.len() - shown;
    *out += &if hidden > 0 {
        format!(
            "  events by month (latest {shown} of {}; --all for every one):\n",
            months.len()
        )
    } else {
        "  events by month:\n".to_owned()
    };
    for m in &months[hidden..] {
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        let mut with: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &m.events {
            *kinds.entry(e.kind.as_str()).or_default() += 1;
            for w in &e.with {
                *with.entry(w.as_str()).or_default() += 1;
            }
        }
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        let mut with: Vec<(&str, usize)> = with.into_iter().collect();
        with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let with: Vec<&str> = with.iter().take(3).map(|(w, _)| *w).collect();
        *out += &format!("    {:<9}{}", m.month, kinds.join(", "));
        if !with.is_empty() {
            *out += &format!("; with {}", with.join("、"));
        }
        *out += "\n";
        if all {
            for e in &m.events {
                *out += &format!("      {}\n", render_event(e));
            }
        }
    }
}

fn render_event(e: &EventRole) -> String {
    let when = match (&e.start, &e.end) {
        (Some(s), Some(x)) if s != x => format!("{s} – {x}"),
        (Some(s), _) => s.clone(),
        _ => match &e.reported_by {
            Some(by) => format!("by {by}"),
            None => "(undated)".into(),
        },
    };
    let mut line = format!("{when}  {} {} as {}", e.kind, e.trigger, e.role);
    if !e.with.is_empty() {
        line += &format!("; with {}", e.with.join("、"));
    }
    if !e.places.is_empty() {
        line += &format!(" @ {}", e.places.join("、"));
    }
    line
}

/// `2023-03` of `2023-03-05` (a year or month stays as it is).
fn month_of(date: &str) -> &str {
    date.get(..7).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_or_outlying_span_makes_an_empty_mark_not_a_panic() {
        let body: Vec<char> = "王家鹏到焦作调研".chars().collect();
        assert_eq!(snippet(&body, 5, 2), "王家【】鹏到焦作调研");
        assert_eq!(snippet(&body, 40, 50), "王家鹏到焦作调研【】");
    }

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
