//! Officials' careers end to end, on a small corpus of our own making (`tests/data/careers.jsonl`):
//! posts with their tenure, changes of post news states, who held a post on a date, and people
//! of one name told apart by where their posts are.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{stderr, zhkg};
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/careers.jsonl")
}

/// One store of the corpus, shared by the tests.
fn store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = dir.path().join("store");
            let out = zhkg()
                .arg("build")
                .arg(corpus())
                .arg("--store")
                .arg(&store)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            (dir, store)
        })
        .1
}

fn lookup(args: &[&str]) -> (bool, String) {
    let out = zhkg()
        .args(["lookup", "--store"])
        .arg(store())
        .args(args)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

fn card(args: &[&str]) -> Value {
    let (ok, out) = lookup(&[args, &["--json"]].concat());
    assert!(ok, "{out}");
    serde_json::from_str(&out).unwrap()
}

fn query(args: &[&str]) -> Vec<Value> {
    let out = zhkg()
        .args(["query", "--format", "json", "--store"])
        .arg(store())
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["results"]["bindings"].as_array().unwrap().clone()
}

fn value<'v>(row: &'v Value, name: &str) -> &'v str {
    row[name]["value"].as_str().unwrap_or("")
}

#[test]
fn an_appointment_then_a_removal_close_the_stated_spell() {
    let card = card(&["王刚@河南省"]);
    let posts = card["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 1, "{card:#}");
    let post = &posts[0];
    assert_eq!(post["title"], "副市长");
    assert_eq!(post["organization"], "焦作市政府");
    // 任命 on 3月9日, 免去 on 6月1日: the dates the sentences give, not the articles'.
    assert_eq!(post["stated_start"], "2020-03-09");
    assert_eq!(post["stated_end"], "2021-06-01");
    assert_eq!(
        (&post["first_seen"], &post["last_seen"]),
        (&"2020-03-10".into(), &"2021-06-02".into())
    );
    assert_eq!(post["articles"], 2);
}

#[test]
fn at_picks_the_holder_of_a_post_on_a_date() {
    let holders = |date: &str| -> Vec<String> {
        card(&["温县政府", "--at", date])["posts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["person"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(holders("2019-05"), ["李明"]);
    assert_eq!(holders("2021"), ["张伟"]);
    assert!(holders("2020-01-01").is_empty());
    let (ok, text) = lookup(&["温县政府", "--at", "2021-07-20"]);
    assert!(
        ok && text.contains("posts held on 2021-07-20:") && text.contains("张伟 — 县长"),
        "{text}"
    );
}

#[test]
fn holders_of_a_post_come_in_order_and_on_a_date() {
    let all = query(&[
        "--named",
        "holders-of-post",
        "--arg",
        "title=县长",
        "--arg",
        "organization=温县政府",
    ]);
    let people: Vec<&str> = all.iter().map(|r| value(r, "person")).collect();
    assert_eq!(people, ["李明", "张伟"]);
    let on = query(&[
        "--named",
        "holders-of-post",
        "--arg",
        "title=县长",
        "--arg",
        "organization=温县政府",
        "--arg",
        "on=2021-07",
    ]);
    assert_eq!(
        on.iter().map(|r| value(r, "person")).collect::<Vec<_>>(),
        ["张伟"]
    );
    let succession = query(&[
        "--named",
        "successions",
        "--arg",
        "title=县长",
        "--arg",
        "organization=温县政府",
    ]);
    assert_eq!(succession.len(), 2);
    assert!(succession
        .iter()
        .all(|r| value(r, "overlapsWith").is_empty()));
}

#[test]
fn two_people_of_one_name_in_unrelated_places_are_two() {
    let (ok, text) = lookup(&["王刚"]);
    assert!(!ok, "one name, several people: the user chooses\n{text}");
    for choice in ["王刚@河南省", "王刚@湖南省", "王刚@中央"] {
        assert!(text.contains(choice), "{choice} missing in\n{text}");
    }
    let hunan = card(&["王刚@湖南省"]);
    let posts: Vec<&str> = hunan["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["organization"].as_str().unwrap())
        .collect();
    assert_eq!(posts, ["新化县政府"]);
}

#[test]
fn one_person_rising_in_one_county_is_one() {
    let card = card(&["赵强"]);
    assert_eq!(card["scope"], "河南省");
    let titles: Vec<&str> = card["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["副县长", "县长"]);
}

#[test]
fn a_provincial_leader_moved_to_the_centre_is_one_person() {
    let card = card(&["陈建华"]);
    let posts: Vec<(&str, &str)> = card["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap(),
                p["organization"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(posts, [("书记", "江苏省委"), ("国务委员", "国务院")]);
}

#[test]
fn provincial_leaders_in_turn_are_one_a_city_official_of_another_province_is_not() {
    let (ok, text) = lookup(&["孙立军"]);
    assert!(!ok, "{text}");
    for choice in ["孙立军@山东省+浙江省", "孙立军@江西省"] {
        assert!(text.contains(choice), "{choice} missing in\n{text}");
    }
    let governor = card(&["孙立军@浙江省"]);
    assert_eq!(governor["posts"].as_array().unwrap().len(), 2, "{governor}");
}

#[test]
fn career_of_person_gives_each_post_with_its_dates() {
    let rows = query(&["--named", "career-of-person", "--arg", "person=赵强"]);
    let careers: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                value(r, "title"),
                value(r, "organization"),
                value(r, "firstSeen"),
            )
        })
        .collect();
    assert_eq!(
        careers,
        [
            ("副县长", "修武县政府", "2018-09-12"),
            ("县长", "修武县政府", "2020-11-03")
        ]
    );
}

#[test]
fn build_verbose_reports_every_split() {
    let dir = tempfile::tempdir().unwrap();
    let out = zhkg()
        .args(["build", "-v"])
        .arg(corpus())
        .arg("--store")
        .arg(dir.path().join("s"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("王刚: 中央, 河南省, 湖南省"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("孙立军: 山东省+浙江省, 江西省"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("陈建华"), "{}", stderr(&out));
}
