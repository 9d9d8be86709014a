//! `zhkg export`, `zhkg lookup` and `zhkg serve` on a store built from the sample page. (CI also
//! reads every export with its real consumer: .ci/export-check.)

mod common;

use std::process::Output;

use common::{sample_store, stderr, zhkg, Server};
use serde_json::Value;

fn export(args: &[&str]) -> Output {
    let out = zhkg()
        .args(["export", "--store"])
        .arg(sample_store())
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

fn cytoscape(args: &[&str]) -> Value {
    serde_json::from_slice(&export(&[&["--format", "cyjs"], args].concat()).stdout).unwrap()
}

fn labels(graph: &Value) -> Vec<String> {
    graph["elements"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["data"]["label"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_format_is_written() {
    let text = |format: &str| String::from_utf8(export(&["--format", format]).stdout).unwrap();
    let graphml = text("graphml");
    assert!(graphml
        .contains("<key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>"));
    assert!(graphml.contains("<data key=\"label\">王家鹏</data>"));
    let gexf = text("gexf");
    assert!(
        gexf.contains("version=\"1.3\"")
            && gexf.contains("start=\"2019-08-28\" end=\"2019-08-29\"")
    );
    let dot = text("dot");
    assert!(dot.starts_with("digraph zhkg {") && dot.contains("Noto Sans CJK SC"));
    let html = text("html");
    assert!(html.contains("cytoscape") && html.contains("王家鹏") && !html.contains("src=\"http"));
    for (format, rdf) in [
        ("nquads", oxigraph::io::RdfFormat::NQuads),
        ("turtle", oxigraph::io::RdfFormat::Turtle),
    ] {
        let dump = export(&["--format", format]).stdout;
        let quads: Vec<_> = oxigraph::io::RdfParser::from_format(rdf)
            .for_slice(&dump)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(quads.len() > 1000, "{format}");
    }
    let jsonld: Value = serde_json::from_slice(&export(&["--format", "jsonld"]).stdout).unwrap();
    assert!(jsonld.as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn edges_carry_type_label_and_co_mention_weight() {
    let graph = cytoscape(&[]);
    let edges = graph["elements"]["edges"].as_array().unwrap();
    let holds: Vec<&str> = edges
        .iter()
        .filter(|e| e["data"]["type"] == "holds")
        .map(|e| e["data"]["label"].as_str().unwrap())
        .collect();
    assert!(
        holds.contains(&"书记") && holds.contains(&"副主任"),
        "{holds:?}"
    );
    assert!(edges.iter().any(|e| e["data"]["type"] == "companion"));
    assert!(edges
        .iter()
        .any(|e| e["data"]["type"] == "co-mention" && e["data"]["weight"].as_f64() == Some(2.0)));
}

#[test]
fn filters_keep_big_graphs_readable() {
    let people = labels(&cytoscape(&["--types", "person"]));
    assert_eq!(people.len(), 9, "{people:?}");
    let near = labels(&cytoscape(&["--around", "乔学达", "--co-mentions", "0"]));
    assert!(
        near.contains(&"张维宁 调研视察 2019-08-28".to_owned()),
        "{near:?}"
    );
    assert!(
        !near.contains(&"万英奎".to_owned()),
        "two steps away: {near:?}"
    );
    let two = labels(&cytoscape(&[
        "--around",
        "乔学达",
        "--depth",
        "2",
        "--co-mentions",
        "0",
    ]));
    assert!(two.contains(&"张维宁".to_owned()) && two.len() > near.len());
    let august = labels(&cytoscape(&[
        "--types",
        "event",
        "--since",
        "2019-08-01",
        "--until",
        "2019-08-31",
    ]));
    assert!(
        august.iter().all(|l| !l.contains("2019-03-14")),
        "{august:?}"
    );
    assert!(august.contains(&"例会 2019-08-26".to_owned()), "{august:?}");
    let often = labels(&cytoscape(&["--types", "person", "--min-mentions", "4"]));
    assert_eq!(often, ["付凯明", "张维宁", "王家鹏", "郭树勋"]);
    let out = zhkg()
        .args(["export", "--store"])
        .arg(sample_store())
        .args(["--format", "nquads", "--types", "person"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "filters do not apply to RDF dumps"
    );
    let out = zhkg()
        .args(["export", "--store"])
        .arg(sample_store())
        .args(["--format", "dot", "--types", "people"])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("the types are person, organization, place, event"));
}

fn lookup(args: &[&str]) -> Output {
    zhkg()
        .args(["lookup", "--store"])
        .arg(sample_store())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn lookup_shows_posts_events_related_and_sources() {
    let out = lookup(&["王家鹏"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let card = String::from_utf8(out.stdout).unwrap();
    // (His posts place him in 河南省.)
    assert!(card.starts_with("王家鹏 (person, 河南省)"), "{card}");
    assert!(
        card.contains("2019-08 … 2019-08  书记 @ 焦作城乡一体化示范区党工委  (2 articles)"),
        "{card}"
    );
    assert!(card.contains("主任 @ 焦作城乡一体化示范区管委会"), "{card}");
    assert!(
        card.contains("2019-08  inspection ×"),
        "events by month: {card}"
    );
    let all = String::from_utf8(lookup(&["王家鹏", "--all"]).stdout).unwrap();
    assert!(
        all.contains("inspection 调研 as agent; with 冯利民、赵俊峰、万英奎"),
        "{all}"
    );
    assert!(all.contains("inspection 调研 as briefer"), "{all}");
    assert!(all.contains("【王家鹏】"), "{all}");
    let json: Value = serde_json::from_slice(&lookup(&["王家鹏", "--json"]).stdout).unwrap();
    assert_eq!(json["result"], "card");
    assert_eq!(json["posts"].as_array().unwrap().len(), 2);
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    let visit = sources.iter().find(|s| s["mentions"] == 5).unwrap();
    assert_eq!(
        visit["snippets"].as_array().unwrap().len(),
        3,
        "the first three"
    );
}

#[test]
fn lookup_matches_aliases_and_lists_candidates_instead_of_guessing() {
    let by_alias: Value =
        serde_json::from_slice(&lookup(&["示范区党工委", "--json"]).stdout).unwrap();
    assert_eq!(by_alias["name"], "焦作城乡一体化示范区党工委");
    let organization = String::from_utf8(lookup(&["焦作城乡一体化示范区党工委"]).stdout).unwrap();
    assert!(organization.contains("王家鹏 — 书记"), "{organization}");
    let city = String::from_utf8(lookup(&["焦作"]).stdout).unwrap();
    assert!(
        city.starts_with("焦作市 (place)"),
        "an alias of one place: {city}"
    );
    let out = lookup(&["人大常委会"]);
    assert_eq!(out.status.code(), Some(1));
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.contains("entities match \"人大常委会\" by substring"),
        "{list}"
    );
    assert!(list.contains("焦作市人大常委会 (organization"), "{list}");
    assert_eq!(lookup(&["没有这个人"]).status.code(), Some(1));
}

const POSTS: &str =
    "SELECT ?title WHERE { ?p rdfs:label \"王家鹏\"@zh ; org:holds/zkg:title ?title } ORDER BY ?title";

#[test]
fn the_endpoint_answers_sparql_clients_over_http() {
    let server = Server::start(sample_store(), "30");
    let body = ureq::get(&server.endpoint)
        .query("query", POSTS)
        .set("Accept", "application/sparql-results+json")
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    let json: Value = serde_json::from_str(&body).unwrap();
    let titles: Vec<&str> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["主任", "书记"]);
    let csv = ureq::post(&server.endpoint)
        .set("Content-Type", "application/sparql-query")
        .set("Accept", "text/csv")
        .send_string(POSTS)
        .unwrap();
    assert_eq!(csv.header("Access-Control-Allow-Origin"), Some("*"));
    assert!(csv.content_type().starts_with("text/csv"));
    assert_eq!(csv.into_string().unwrap(), "title\r\n主任\r\n书记\r\n");
    let form = ureq::post(&server.endpoint)
        .set("Accept", "application/sparql-results+xml")
        .send_form(&[("query", "ASK { ?e zkg:eventType zkg:inspection }")])
        .unwrap()
        .into_string()
        .unwrap();
    assert!(form.contains("<boolean>true</boolean>"), "{form}");
    let turtle = ureq::get(&server.endpoint)
        .query(
            "query",
            "CONSTRUCT { ?p org:holds ?post } WHERE { ?p org:holds ?post }",
        )
        .call()
        .unwrap();
    assert_eq!(turtle.content_type(), "text/turtle");
    let page = ureq::get(&server.endpoint.replace("/sparql", "/"))
        .call()
        .unwrap();
    assert!(page.into_string().unwrap().contains("zhkg SPARQL endpoint"));
}

#[test]
fn the_endpoint_is_read_only_and_reports_bad_queries() {
    let server = Server::start(sample_store(), "30");
    let status = |r: Result<ureq::Response, ureq::Error>| match r {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(e) => panic!("{e}"),
    };
    let update = ureq::post(&server.endpoint)
        .set("Content-Type", "application/sparql-update")
        .send_string("CLEAR ALL");
    assert_eq!(status(update), 403);
    let form = ureq::post(&server.endpoint).send_form(&[("update", "CLEAR ALL")]);
    assert_eq!(status(form), 403);
    assert_eq!(
        status(
            ureq::get(&server.endpoint)
                .query("query", "SELECT ?x WHERE {")
                .call()
        ),
        400
    );
    assert_eq!(status(ureq::get(&server.endpoint).call()), 400);
    let preflight = ureq::request("OPTIONS", &server.endpoint).call().unwrap();
    assert_eq!(
        preflight.header("Access-Control-Allow-Methods"),
        Some("GET, POST, OPTIONS")
    );
}

#[test]
fn a_query_that_runs_too_long_is_stopped() {
    let server = Server::start(sample_store(), "0.5");
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    match ureq::get(&server.endpoint).query("query", slow).call() {
        Err(ureq::Error::Status(503, r)) => {
            assert!(r.into_string().unwrap().contains("longer than 0.5 s"))
        }
        other => panic!("expected 503, got {:?}", other.map(|r| r.status())),
    }
}
