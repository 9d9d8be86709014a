//! `zhkg build` and `zhkg query` end to end: a store built from the sample page answers the
//! canned queries of queries/ with the page's facts.

mod common;

use std::process::Output;

use common::{build, sample, sample_store, stderr, zhkg};
use serde_json::Value;

fn query(args: &[&str]) -> Output {
    zhkg()
        .args(["query", "--store"])
        .arg(sample_store())
        .args(args)
        .output()
        .unwrap()
}

/// The rows of a query as JSON results: each row a map from variable to value.
fn rows(args: &[&str]) -> Vec<std::collections::BTreeMap<String, String>> {
    let out = query(&[args, &["--format", "json"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect()
}

fn column(rows: &[std::collections::BTreeMap<String, String>], name: &str) -> Vec<String> {
    rows.iter()
        .map(|r| r.get(name).cloned().unwrap_or_default())
        .collect()
}

/// The number of quads a build reported in the store, and the change.
fn store_size(out: &Output) -> (usize, String) {
    let err = stderr(out);
    let tail = err.rsplit(": ").next().unwrap().trim().to_owned();
    let size = tail.split(' ').next().unwrap().parse().unwrap();
    (size, tail)
}

#[test]
fn building_again_changes_nothing_and_new_articles_extend_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (first, _) = store_size(&build(&store, &[&sample()]));
    let (second, change) = store_size(&build(&store, &[&sample()]));
    assert_eq!(first, second);
    assert!(change.ends_with("(+0)"), "{change}");
    let news = dir.path().join("more.jsonl");
    std::fs::write(
        &news,
        r#"{"id":"n1","date":"2019-09-02","title":"会见","text":"9月1日，省长王凯会见了客人。"}"#,
    )
    .unwrap();
    let (third, _) = store_size(&build(&store, &[&news]));
    assert!(third > second);
    let out = zhkg()
        .args(["query", "--store"])
        .arg(&store)
        .arg("ASK { ?p rdfs:label \"张维宁\"@zh . ?q rdfs:label \"王凯\"@zh }")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "yes");
}

#[test]
fn posts_by_organization_and_of_a_person() {
    let posts = rows(&[
        "--named",
        "posts-by-organization",
        "--arg",
        "organization=示范区党工委",
    ]);
    assert_eq!(column(&posts, "person"), ["王家鹏"]);
    assert_eq!(column(&posts, "title"), ["书记"]);
    let posts = rows(&["--named", "posts-of-person", "--arg", "person=王家鹏"]);
    let mut held: Vec<String> = posts
        .iter()
        .map(|r| format!("{} @ {}", r["title"], r["organization"]))
        .collect();
    held.dedup();
    assert_eq!(
        held,
        [
            "主任 @ 焦作城乡一体化示范区管委会",
            "书记 @ 焦作城乡一体化示范区党工委"
        ]
    );
    let all = rows(&["--named", "posts-by-organization"]);
    assert!(column(&all, "person").contains(&"张维宁".to_owned()));
}

#[test]
fn events_on_a_date_and_in_a_range() {
    // The two visits, and the groups formed in the story of the second, which names no day of
    // its own and goes on in its lead's day.
    let on = rows(&["--named", "events-on-date", "--arg", "date=2019-08-28"]);
    let agents: Vec<String> = column(&on, "participants");
    assert_eq!(on.len(), 3, "{on:?}");
    let with = |a: &str, b: &str| agents.iter().any(|p| p.contains(a) && p.contains(b));
    assert!(with("agent 张维宁", "companion 乔学达"), "{agents:?}");
    assert!(with("agent 王家鹏", "attendee 冯利民"), "{agents:?}");
    assert!(with("agent 大北张村两委", ""), "{agents:?}");
    let on29 = rows(&["--named", "events-on-date", "--arg", "date=2019-08-29"]);
    assert_eq!(
        column(&on29, "end"),
        ["2019-08-29"],
        "the two-day visit covers the 29th"
    );
    let range = rows(&[
        "--named",
        "events-in-range",
        "--arg",
        "from=2019-03-01",
        "--arg",
        "to=2019-04-30",
    ]);
    let triggers = column(&range, "trigger");
    for t in ["对接会", "签约", "开业"] {
        assert!(triggers.contains(&t.to_owned()), "{triggers:?}");
    }
    assert!(
        !triggers.contains(&"座谈会".to_owned()),
        "2019-08-09 is out of range"
    );
}

#[test]
fn events_of_a_person_with_co_participants_and_companions() {
    let events = rows(&["--named", "events-of-person", "--arg", "person=赵俊峰"]);
    assert_eq!(column(&events, "start"), ["2019-08-26", "2019-08-28"]);
    assert_eq!(column(&events, "role"), ["attendee", "attendee"]);
    assert!(events[1]["with"].contains("王家鹏"));
    let companions = rows(&["--named", "companions"]);
    assert_eq!(column(&companions, "companion"), ["乔学达"]);
    assert_eq!(column(&companions, "agent"), ["张维宁"]);
}

#[test]
fn organizations_in_a_place_mentions_and_articles() {
    let orgs = column(
        &rows(&["--named", "organizations-in-place", "--arg", "place=焦作市"]),
        "organization",
    );
    assert!(orgs.contains(&"焦作市人大常委会".to_owned()), "{orgs:?}");
    assert!(!orgs.contains(&"河南省人大常委会".to_owned()), "{orgs:?}");
    let people = rows(&["--named", "most-mentioned-people"]);
    assert_eq!(people[0]["person"], "王家鹏");
    assert_eq!(people.len(), 9, "the nine people of the page");
    let articles = rows(&["--named", "articles-mentioning", "--arg", "name=王家鹏"]);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["headline"], "张维宁到示范区调研中原工业设计城");
}

#[test]
fn results_come_in_the_w3c_formats_and_as_a_table() {
    let csv = query(&["--named", "companions", "--format", "csv"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("companion,agent,start,type,event\r\n"),
        "{csv}"
    );
    let tsv =
        String::from_utf8(query(&["--named", "companions", "--format", "tsv"]).stdout).unwrap();
    assert!(tsv.starts_with("?companion\t?agent"), "{tsv}");
    let xml =
        String::from_utf8(query(&["--named", "companions", "--format", "xml"]).stdout).unwrap();
    assert!(xml.contains("<sparql") && xml.contains("乔学达"), "{xml}");
    let table = String::from_utf8(query(&["--named", "companions"]).stdout).unwrap();
    assert!(
        table
            .lines()
            .next()
            .unwrap()
            .starts_with("companion  agent"),
        "{table}"
    );
    assert!(table.ends_with("(1 rows)\n"), "{table}");
    let turtle = query(&["CONSTRUCT { ?p org:holds ?post } WHERE { ?p org:holds ?post }"]);
    let turtle = String::from_utf8(turtle.stdout).unwrap();
    assert!(turtle.contains("org:holds"), "{turtle}");
    let ask = query(&[
        "ASK { ?e zkg:eventType zkg:inspection }",
        "--format",
        "json",
    ]);
    assert_eq!(
        String::from_utf8(ask.stdout).unwrap().trim(),
        r#"{"head":{},"boolean":true}"#
    );
}

#[test]
fn query_errors_say_what_and_where() {
    let out = query(&["SELECT ?x WHERE { ?x a zkg:Person"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("syntax error: error at 1:"),
        "{}",
        stderr(&out)
    );
    let out = query(&["--named", "events-on-date"]);
    assert!(
        stderr(&out).contains("needs --arg date="),
        "{}",
        stderr(&out)
    );
    let out = query(&["--named", "nothing"]);
    assert!(stderr(&out).contains("posts-of-person"), "{}", stderr(&out));
    let out = query(&["--named", "companions", "--arg", "nope=1"]);
    assert!(
        stderr(&out).contains("no variable ?nope"),
        "{}",
        stderr(&out)
    );
    let out = zhkg()
        .args(["query", "--store", "/nonexistent/zhkg", "ASK {}"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("no zhkg store here"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn demo_builds_a_store_and_runs_three_queries() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let out = zhkg()
        .arg("demo")
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Posts held in 示范区党工委"));
    assert!(text.contains("Events on 2019-08-28"));
    assert!(text.contains("Most-mentioned people"));
    assert!(
        store.join("CURRENT").exists(),
        "the store is kept where asked"
    );
}
