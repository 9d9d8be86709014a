//! The same graph however the input is cut: a corpus built at once, built as shards in another
//! order into one store, or mapped article by article through `zhkg quads` and joined, gives the
//! same quads.

mod common;

use std::path::Path;

use common::{stderr, with_stdin, zhkg};

/// Articles that share entities and events, told differently: the same talks (one id) with
/// another trigger and time in the second report, an organization whose place only another
/// article names, a relative name (区城管局), counts of one incident.
const CORPUS: &[&str] = &[
    r#"{"id":"a1","date":"2023-02-14","text":"国家主席习近平14日在人民大会堂同伊朗总统莱希举行会谈。\n王毅等参加会谈。"}"#,
    r#"{"id":"a2","date":"2023-02-15","text":"2月14日下午，国家主席习近平会见伊朗总统莱希。\n焦作市人大常委会副主任张维宁陪同。"}"#,
    r#"{"id":"a3","date":"2023-02-15","text":"2月15日，焦作市区城管局局长王家鹏到修武县调研。\n区城管局干部参加。"}"#,
    r#"{"id":"a4","date":"2023-02-16","text":"15日下午，修武县一工厂发生火灾，造成2人死亡、3人受伤。"}"#,
    r#"{"id":"a5","date":"2023-02-17","text":"据修武县通报，15日的火灾死亡人数已上升至3人。\n县委书记李四赶赴现场指挥救援。"}"#,
    r#"{"id":"a6","date":"2023-02-17","text":"16日，焦作市委书记葛巧红主持召开座谈会。\n修武县县长赵五参加。"}"#,
];

/// Runs `zhkg ARGS` with `input` on stdin; its stdout.
fn piped(args: &[&str], store: Option<&Path>, input: &str) -> Vec<u8> {
    let mut command = zhkg();
    command.args(args);
    if let Some(store) = store {
        command.arg("--store").arg(store);
    }
    let out = with_stdin(command, input);
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout
}

/// The articles `picks` of the corpus as JSON Lines.
fn lines(picks: &[usize]) -> String {
    picks.iter().map(|&i| format!("{}\n", CORPUS[i])).collect()
}

/// Builds `shards` (in this order) into one store read from stdin as `corpus.jsonl`; its
/// N-Quads, sorted.
fn built(dir: &Path, name: &str, shards: &[&[usize]]) -> Vec<String> {
    let store = dir.join(name);
    for shard in shards {
        let args = ["build", "--source-name", "corpus.jsonl", "-"];
        piped(&args, Some(&store), &lines(shard));
    }
    let out = zhkg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    sorted(&out.stdout)
}

fn sorted(nquads: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8(nquads.to_vec())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

#[test]
fn shards_built_in_any_order_give_the_store_of_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let one = built(dir.path(), "one", &[&[0, 1, 2, 3, 4, 5]]);
    let shards = built(dir.path(), "shards", &[&[5, 2], &[1, 4], &[3, 0]]);
    assert!(one.len() > 500, "{}", one.len());
    assert_eq!(one, shards);
    // The same talks, reported twice, keep both triggers; the incident both counts.
    let text = one.join("\n");
    assert!(text.contains("\"举行会谈\"@zh") || text.contains("\"会谈\"@zh"));
    assert!(text.contains("\"会见\"@zh"), "both reports' triggers");
}

#[test]
fn quads_of_any_split_joined_are_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let one = built(dir.path(), "one", &[&[0, 1, 2, 3, 4, 5]]);
    let mut union = Vec::new();
    for shard in [&[3usize, 1][..], &[0, 5, 2], &[4]] {
        let args = ["quads", "--source-name", "corpus.jsonl", "-"];
        union.extend(piped(&args, None, &lines(shard)));
    }
    assert_eq!(sorted(&union), one);
}
