//! The DEV pages of `../shared/data/zhkg-gold/pages/` (local articles laid out the way most papers
//! print them: running head, headlines above their stories, every byline shape, a photo caption)
//! come out as their gold says: one record per story and caption, each headline on its story,
//! every credit with its role, and the page's date read from its running head.
//!
//! The pages live outside the repository, so the tests are ignored by a plain `cargo test`;
//! `.ci/run` runs them with `--ignored` where `../shared/data` is present.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/zhkg-gold/pages")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The records `zhkg extract` makes of the page.
fn extract(page: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_zhkg"))
        .arg("extract")
        .arg(page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Checks one page against its gold: records, headlines story by story, credits, date.
fn page_matches_its_gold(name: &str, date: &str) {
    let gold = read_json(&pages().join(format!("{name}.json")));
    let records = extract(&pages().join(format!("{name}.txt")));
    assert_eq!(
        records.len() as u64,
        gold["records"].as_u64().unwrap(),
        "records"
    );

    // Stories in page order, each with its headline ("" where the story prints none).
    let titles: Vec<&str> = records
        .iter()
        .filter(|r| r["kind"] == "story")
        .map(|r| r["title"].as_str().unwrap_or(""))
        .collect();
    let expected: Vec<String> = gold["headlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().split_whitespace().collect())
        .collect();
    let titles: Vec<String> = titles
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    assert_eq!(titles, expected, "headlines");

    let mut credits: Vec<(String, String)> = records
        .iter()
        .flat_map(|r| r["credits"].as_array().unwrap().iter())
        .map(|c| {
            let person = c["person"].as_str().unwrap().trim_start_matches("person:");
            (person.to_owned(), c["role"].as_str().unwrap().to_owned())
        })
        .collect();
    credits.sort();
    credits.dedup();
    for credit in gold["credits"].as_array().unwrap() {
        let wanted = (
            credit["person"].as_str().unwrap().to_owned(),
            credit["role"].as_str().unwrap().to_owned(),
        );
        assert!(
            credits.contains(&wanted),
            "{wanted:?} not credited in {credits:?}"
        );
    }
    assert!(
        records.iter().all(|r| r["date"] == date),
        "date from the running head"
    );
}

#[test]
#[ignore = "needs ../shared/data (run by .ci/run when present)"]
fn dev_page_1_headlines_above_bylines_of_every_shape() {
    page_matches_its_gold("dev-page1", "2019-09-20");
}

#[test]
#[ignore = "needs ../shared/data (run by .ci/run when present)"]
fn dev_page_2_stories_without_headlines_and_credits_closing_stories() {
    page_matches_its_gold("dev-page2", "2017-10-20");
}
