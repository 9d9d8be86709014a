//! The sample page's outputs, pinned: what `zhkg demo` prints, the records `zhkg extract`
//! writes, and every canned query's answer on the sample's store are exactly the files in
//! `tests/data/`. A restructuring must leave them as they are; a change of behaviour shows here
//! as a diff. When a change is meant, `ZHKG_BLESS=1 cargo test --test sample_output` rewrites
//! the files, and the diff is reviewed in git like any other change.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::zhkg;

const SAMPLE: &str = "data/samples/jiaozuo-page-2019-08-30.txt";

/// Every canned query with arguments that find something on the sample.
const QUERIES: &[(&str, &[&str])] = &[
    ("articles-mentioning", &["name=王家鹏"]),
    ("career-of-person", &["person=王家鹏"]),
    ("companions", &["agent=张维宁"]),
    ("events-in-range", &["from=2019-08-01", "to=2019-08-31"]),
    ("events-of-person", &["person=赵俊峰"]),
    ("events-on-date", &["date=2019-08-28"]),
    (
        "holders-of-post",
        &["title=书记", "organization=焦作城乡一体化示范区党工委"],
    ),
    ("most-mentioned-people", &[]),
    ("organizations-in-place", &["place=焦作市"]),
    (
        "posts-by-organization",
        &["organization=焦作城乡一体化示范区党工委"],
    ),
    ("posts-of-person", &["person=王家鹏"]),
    (
        "successions",
        &["title=副主任", "organization=河南省人大常委会"],
    ),
];

#[test]
fn the_records_of_the_sample_are_unchanged() {
    let out = run(zhkg().args([
        "extract",
        SAMPLE,
        "--region",
        "焦作市",
        "--date",
        "2019-08-30",
    ]));
    check("sample-records.jsonl", &out);
}

#[test]
fn the_demo_prints_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = run(zhkg().arg("demo").arg("--store").arg(&store));
    let out = out.replace(&store.display().to_string(), "STORE");
    let shown: Vec<String> = out.lines().map(without_timing).collect();
    check("demo.txt", &(shown.join("\n") + "\n"));
}

#[test]
fn every_canned_query_answers_on_the_sample_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let built = common::build(&store, &[Path::new(SAMPLE)]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let mut answers = String::new();
    for (name, args) in QUERIES {
        let mut query = zhkg();
        query.arg("query").arg("--store").arg(&store);
        query.args(["--named", name, "--format", "tsv"]);
        for arg in *args {
            query.args(["--arg", arg]);
        }
        answers.push_str(&format!("## {name} {}\n", args.join(" ")));
        answers.push_str(&run(&mut query));
    }
    check("sample-queries.tsv", &answers);
}

/// Runs `command` in the crate's directory (so the sample's path in the records is relative)
/// and returns its standard output; a failure fails the test with its standard error.
fn run(command: &mut Command) -> String {
    let out = command.current_dir(root()).output().unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// The build line's timings (`… quads in 0.41 s (bulk loader …); store …`) vary from run to run.
fn without_timing(line: &str) -> String {
    match (line.find(" quads in "), line.find("; store ")) {
        (Some(a), Some(b)) if a < b => format!("{} quads in TIME{}", &line[..a], &line[b..]),
        _ => line.to_owned(),
    }
}

/// Compares `actual` with `tests/data/NAME`, or writes it there with `ZHKG_BLESS` set.
fn check(name: &str, actual: &str) {
    let path = root().join("tests/data").join(name);
    if std::env::var_os("ZHKG_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (ZHKG_BLESS=1 writes it)", path.display()));
    if expected == actual {
        return;
    }
    let (mut old, mut new) = (expected.lines(), actual.lines());
    for line in 1.. {
        let (a, b) = (old.next(), new.next());
        if a != b {
            panic!(
                "{name} differs from {} at line {line}:\n  expected: {}\n  actual:   {}\n\
                 (ZHKG_BLESS=1 rewrites the file if the change is meant)",
                path.display(),
                a.unwrap_or("(end)"),
                b.unwrap_or("(end)")
            );
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
