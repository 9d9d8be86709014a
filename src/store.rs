//! The persistent RDF store (Oxigraph on RocksDB): loading a graph, answering SPARQL, and the
//! canned queries of `queries/`.
//!
//! Loading is idempotent: IRIs are deterministic and RDF is a set, so building the same articles
//! twice adds nothing, and a second `build` over new articles extends the store.

use std::path::Path;
use std::time::Instant;

use oxigraph::model::{Literal, NamedNode, Quad, Term, Variable};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};

use crate::error::{Error, Result};
use crate::rdf::PREFIXES;

/// A store directory, opened for writing (`build`) or reading (`query`). Cloning shares it.
#[derive(Clone)]
pub struct Store {
    inner: oxigraph::store::Store,
}

/// What a load did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadReport {
    /// Quads handed to the loader.
    pub quads: usize,
    /// Seconds the load took.
    pub seconds: f64,
}

fn store_error(dir: &Path, e: impl Into<crate::error::Cause>) -> Error {
    let (dir, source) = (dir.into(), e.into());
    // (RocksDB says so in words only: "While lock file: …/LOCK: Resource temporarily unavailable".)
    if source.to_string().contains("lock file") {
        Error::Locked { dir, source }
    } else {
        Error::Store { dir, source }
    }
}

impl Store {
    /// Opens the store in `dir` for writing, creating it if needed.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.into(),
            source,
        })?;
        let inner = oxigraph::store::Store::open(dir).map_err(|e| store_error(dir, e))?;
        Ok(Store { inner })
    }

    /// Opens an existing store for reading only.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        if !dir.join("CURRENT").exists() {
            return Err(Error::NoStore { dir: dir.into() });
        }
        let inner = oxigraph::store::Store::open_read_only(dir).map_err(|e| store_error(dir, e))?;
        Ok(Store { inner })
    }

    /// Adds `quads` with the bulk loader (a batch of a build; quads already there stay one).
    pub fn load(&self, quads: Vec<Quad>, dir: &Path) -> Result<LoadReport> {
        let started = Instant::now();
        let count = quads.len();
        let mut loader = self.inner.bulk_loader();
        loader.load_quads(quads).map_err(|e| store_error(dir, e))?;
        loader.commit().map_err(|e| store_error(dir, e))?;
        Ok(LoadReport {
            quads: count,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// The number of quads in the store (`dir` names it in an error).
    pub fn len(&self, dir: &Path) -> Result<usize> {
        self.inner.len().map_err(|e| store_error(dir, e))
    }

    /// Runs a SPARQL query. Our prefixes (zkg:, org:, schema: …) are predeclared; `bindings`
    /// fix variables (`?name` = "王家鹏"@zh) before evaluation (Oxigraph's substitution), so
    /// filters and aggregates see them.
    pub fn query(
        &self,
        sparql: &str,
        bindings: &[(String, Term)],
    ) -> Result<QueryResults<'static>> {
        self.query_cancellable(sparql, bindings, None)
    }

    /// [`Store::query`] that stops with an error once `token` is cancelled (a timeout). SERVICE
    /// calls fail: this build of Oxigraph has no HTTP client, so zhkg never reaches out to the network.
    pub(crate) fn query_cancellable(
        &self,
        sparql: &str,
        bindings: &[(String, Term)],
        token: Option<CancellationToken>,
    ) -> Result<QueryResults<'static>> {
        let mut parser = spargebra::SparqlParser::new();
        for (prefix, iri) in PREFIXES {
            parser = parser
                .with_prefix(*prefix, *iri)
                .map_err(|e| Error::Invalid(e.to_string()))?;
        }
        let query = parser.parse_query(sparql).map_err(|e| Error::Syntax {
            message: syntax_error(sparql, &e.to_string()),
        })?;
        let query = with_values(query, bindings)?;
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = token {
            evaluator = evaluator.with_cancellation_token(token);
        }
        evaluator
            .for_query(query)
            .on_store(&self.inner)
            .execute()
            .map_err(Error::query)
    }
}

impl Store {
    /// Runs a SELECT and returns its rows, each value in the order of the SELECT's variables.
    pub fn select(
        &self,
        sparql: &str,
        bindings: &[(String, Term)],
    ) -> Result<Vec<Vec<Option<Term>>>> {
        let QueryResults::Solutions(solutions) = self.query(sparql, bindings)? else {
            return Err(Error::Invalid("expected a SELECT query".into()));
        };
        let variables = solutions.variables().to_vec();
        let mut rows = Vec::new();
        for solution in solutions {
            let solution = solution.map_err(Error::query)?;
            rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
        }
        Ok(rows)
    }

    /// Writes every quad of the store in `format` (N-Quads, Turtle, JSON-LD …).
    pub fn dump(&self, format: oxigraph::io::RdfFormat, out: impl std::io::Write) -> Result<()> {
        let serializer = crate::rdf::PREFIXES.iter().try_fold(
            oxigraph::io::RdfSerializer::from_format(format),
            |s, (p, iri)| s.with_prefix(*p, *iri),
        );
        let serializer = serializer.map_err(|e| Error::Invalid(e.to_string()))?;
        let result = if format.supports_datasets() {
            self.inner.dump_to_writer(serializer, out).map(|_| ())
        } else {
            self.inner
                .dump_graph_to_writer(oxigraph::model::GraphNameRef::DefaultGraph, serializer, out)
                .map(|_| ())
        };
        result.map_err(|e| match e {
            // (The write's own error, so that a closed pipe is seen as one.)
            oxigraph::store::SerializerError::Io(io) => Error::write(io),
            other => Error::write(other),
        })
    }
}

/// The text of a term: a literal's value, an IRI's string.
pub fn text(term: &Option<Term>) -> String {
    match term {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The parser's message (`error at 1:36: expected …`) with the line it points at and a caret
/// under the column.
fn syntax_error(sparql: &str, message: &str) -> String {
    let mut out = message.to_owned();
    let position = message.strip_prefix("error at ").and_then(|rest| {
        rest.split(':')
            .take(2)
            .map(|n| n.trim().parse::<usize>().ok())
            .collect::<Option<Vec<_>>>()
    });
    if let Some([line, column]) = position.as_deref() {
        if let Some(text) = sparql.lines().nth(line.saturating_sub(1)) {
            let before: String = text.chars().take(column.saturating_sub(1)).collect();
            let pad: usize = before
                .chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum();
            out.push_str(&format!("\n  {text}\n  {}^", " ".repeat(pad)));
        }
    }
    out
}

/// `query` with `bindings` as a `VALUES` block opening its WHERE clause, put there in the
/// parsed query (never spliced into its text, so no value can change the query): below the
/// solution modifiers, grouping, filters and binds of the clause, and into its first element,
/// so that filters, `BIND`s, `OPTIONAL`s and a leading subquery all see the values, as they
/// would a `VALUES` written first in the clause.
fn with_values(query: spargebra::Query, bindings: &[(String, Term)]) -> Result<spargebra::Query> {
    use spargebra::Query;
    if bindings.is_empty() {
        return Ok(query);
    }
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, term) in bindings {
        variables.push(Variable::new(name).map_err(|e| Error::Invalid(format!("?{name}: {e}")))?);
        let ground = match term {
            Term::NamedNode(n) => spargebra::term::GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => spargebra::term::GroundTerm::Literal(l.clone()),
            other => return Err(Error::Invalid(format!("?{name}: {other} cannot be bound"))),
        };
        row.push(Some(ground));
    }
    let values = spargebra::algebra::GraphPattern::Values {
        variables,
        bindings: vec![row],
    };
    let open = |pattern| open_with(pattern, values);
    Ok(match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: open(pattern),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: open(pattern),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: open(pattern),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: open(pattern),
            base_iri,
        },
    })
}

/// `pattern` with `values` joined in first (see [`with_values`]).
fn open_with(
    pattern: spargebra::algebra::GraphPattern,
    values: spargebra::algebra::GraphPattern,
) -> spargebra::algebra::GraphPattern {
    use spargebra::algebra::GraphPattern as P;
    let down = |p: Box<P>, values| Box::new(open_with(*p, values));
    match pattern {
        P::Project {
            inner: p,
            variables,
        } => P::Project {
            inner: down(p, values),
            variables,
        },
        P::Distinct { inner: p } => P::Distinct {
            inner: down(p, values),
        },
        P::Reduced { inner: p } => P::Reduced {
            inner: down(p, values),
        },
        P::Slice {
            inner: p,
            start,
            length,
        } => P::Slice {
            inner: down(p, values),
            start,
            length,
        },
        P::OrderBy {
            inner: p,
            expression,
        } => P::OrderBy {
            inner: down(p, values),
            expression,
        },
        P::Group {
            inner: p,
            variables,
            aggregates,
        } => P::Group {
            inner: down(p, values),
            variables,
            aggregates,
        },
        P::Extend {
            inner: p,
            variable,
            expression,
        } => P::Extend {
            inner: down(p, values),
            variable,
            expression,
        },
        P::Filter { expr, inner: p } => P::Filter {
            expr,
            inner: down(p, values),
        },
        P::Join { left, right } => P::Join {
            left: down(left, values),
            right,
        },
        P::LeftJoin {
            left,
            right,
            expression,
        } => P::LeftJoin {
            left: down(left, values),
            right,
            expression,
        },
        P::Minus { left, right } => P::Minus {
            left: down(left, values),
            right,
        },
        first => P::Join {
            left: Box::new(values),
            right: Box::new(first),
        },
    }
}

/// A `--arg NAME=VALUE` value as an RDF term: an IRI in `<…>`, an ISO date (typed at its
/// precision), an integer, otherwise Chinese text (`"王家鹏"@zh`, as labels are written).
pub(crate) fn argument_term(value: &str) -> Result<Term> {
    if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| Error::Invalid(format!("<{iri}> is not an IRI: {e}")));
    }
    let date_like = matches!(value.len(), 7 | 10)
        && value.contains('-')
        && value.chars().all(|c| c.is_ascii_digit() || c == '-');
    if date_like {
        return Ok(crate::rdf::date_literal(value).into());
    }
    if let Ok(n) = value.parse::<i64>() {
        return Ok(Literal::from(n).into());
    }
    Ok(Literal::new_language_tagged_literal_unchecked(value, "zh").into())
}

/// The canned queries shipped in `queries/`, by name.
pub(crate) const NAMED_QUERIES: &[(&str, &str)] = &[
    (
        "posts-by-organization",
        include_str!("../queries/posts-by-organization.rq"),
    ),
    (
        "posts-of-person",
        include_str!("../queries/posts-of-person.rq"),
    ),
    (
        "events-on-date",
        include_str!("../queries/events-on-date.rq"),
    ),
    (
        "events-in-range",
        include_str!("../queries/events-in-range.rq"),
    ),
    (
        "events-of-person",
        include_str!("../queries/events-of-person.rq"),
    ),
    ("companions", include_str!("../queries/companions.rq")),
    (
        "organizations-in-place",
        include_str!("../queries/organizations-in-place.rq"),
    ),
    (
        "most-mentioned-people",
        include_str!("../queries/most-mentioned-people.rq"),
    ),
    (
        "articles-mentioning",
        include_str!("../queries/articles-mentioning.rq"),
    ),
    (
        "career-of-person",
        include_str!("../queries/career-of-person.rq"),
    ),
    (
        "holders-of-post",
        include_str!("../queries/holders-of-post.rq"),
    ),
    ("successions", include_str!("../queries/successions.rq")),
];

/// `--arg NAME=VALUE` pairs as variable bindings. Every argument must be a variable of the
/// query, and a canned query (`named`) must get all its required arguments.
pub fn arguments(
    args: &[impl AsRef<str>],
    sparql: &str,
    named: bool,
) -> Result<Vec<(String, Term)>> {
    let mut out = Vec::new();
    for arg in args {
        let arg = arg.as_ref();
        let Some((name, value)) = arg.split_once('=') else {
            return Err(Error::Invalid(format!("--arg {arg:?}: want NAME=VALUE")));
        };
        if !sparql.contains(&format!("?{name}")) {
            return Err(Error::Invalid(format!(
                "--arg {name}: the query has no variable ?{name}"
            )));
        }
        out.push((name.to_owned(), argument_term(value)?));
    }
    if named {
        for required in required_arguments(sparql) {
            if !out.iter().any(|(n, _)| n == required) {
                return Err(Error::Invalid(format!(
                    "this query needs --arg {required}=…"
                )));
            }
        }
    }
    Ok(out)
}

/// The arguments a canned query cannot do without (its `# requires:` line).
pub(crate) fn required_arguments(query: &str) -> Vec<&str> {
    query
        .lines()
        .filter_map(|l| l.strip_prefix("# requires:"))
        .flat_map(str::split_whitespace)
        .collect()
}

/// The text of a canned query.
pub fn named_query(name: &str) -> Result<&'static str> {
    NAMED_QUERIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, q)| *q)
        .ok_or_else(|| {
            let names: Vec<&str> = NAMED_QUERIES.iter().map(|(n, _)| *n).collect();
            Error::Invalid(format!(
                "no query named {name:?}; the queries are: {}",
                names.join(", ")
            ))
        })
}
