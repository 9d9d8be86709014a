//! The `zhkg` binary end to end: the sample page, every input kind, and bad input.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn zhkg() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhkg"))
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/jiaozuo-page-2019-08-30.txt")
}

fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn extract(args: &[&str]) -> Output {
    zhkg().arg("extract").args(args).output().unwrap()
}

#[test]
fn sample_page_gives_nine_records_with_their_headlines() {
    let records = sample_records();
    let titles: Vec<Option<&str>> = records.iter().map(|r| r["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            Some("张维宁到示范区调研中原工业设计城"),
            None,
            Some("示范区环保攻坚持续发力打赢主动仗"),
            Some("“引金入区”让金融活水涌流不息"),
            Some("示范区召开“四城联创”集中攻坚例会"),
            Some("垃圾堆变身小游园"),
            Some("被抽调干部扎实开展征迁工作"),
            Some("大北张村征迁工作全面铺开"),
            None,
        ]
    );
    assert_eq!(records[2]["kicker"], "突出问题导向 层层压实责任");
    assert_eq!(
        records[3]["subtitle"],
        "——示范区上半年着力打造金融产业集聚区扫描"
    );
    assert_eq!(records[8]["kind"], "caption");
    assert!(records[1]["text"]
        .as_str()
        .unwrap()
        .contains("王家鹏在调研国家卫生城市创建工作时强调"));
    for r in &records {
        assert_eq!(r["date"], "2019-08-30");
        assert_eq!(r["region"], "焦作市");
    }
}

#[test]
fn sample_credits_name_reporters_and_the_photographer() {
    let out = extract(&[sample().to_str().unwrap()]);
    let records = records(&out);
    let credits: Vec<String> = records
        .iter()
        .map(|r| {
            r["credits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    format!(
                        "{} {}",
                        c["role"].as_str().unwrap(),
                        c["person"].as_str().unwrap()
                    )
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    assert_eq!(
        credits,
        [
            "reporter person:郭树勋",
            "reporter person:郭树勋",
            "reporter person:郭树勋",
            "reporter person:郭树勋",
            "reporter person:付凯明",
            "reporter person:付凯明",
            "reporter person:付凯明",
            "reporter person:付凯明",
            "photographer person:靳冬",
        ]
    );
    // The credited person is an entity whose mention spans the name in the text.
    let caption = &records[8];
    let entity = &caption["entities"][0];
    assert_eq!(entity["id"], "person:靳冬");
    assert_eq!(entity["type"], "person");
    let [s, e] = [&entity["mentions"][0][0], &entity["mentions"][0][1]]
        .map(|v| v.as_u64().unwrap() as usize);
    let text: Vec<char> = caption["text"].as_str().unwrap().chars().collect();
    assert_eq!(text[s..e].iter().collect::<String>(), "靳冬");
}

#[test]
fn date_is_read_from_the_file_name_when_not_given() {
    let records = records(&extract(&[sample().to_str().unwrap()]));
    assert_eq!(records[0]["date"], "2019-08-30");
}

#[test]
fn byte_offsets_point_at_the_characters_in_the_file() {
    let out = extract(&[sample().to_str().unwrap(), "--offsets"]);
    let bytes = std::fs::read(sample()).unwrap();
    for record in records(&out) {
        let offsets = record["byte_offsets"].as_array().unwrap();
        let text: Vec<char> = record["text"].as_str().unwrap().chars().collect();
        assert_eq!(offsets.len(), text.len());
        for (c, offset) in text.iter().zip(offsets) {
            let at = offset.as_u64().unwrap() as usize;
            if *c == '\n' {
                continue; // paragraph breaks are inserted
            }
            let in_file = std::str::from_utf8(&bytes[at..]).map(|s| s.chars().next());
            assert_eq!(in_file, Ok(Some(*c)), "{} at byte {at}", record["id"]);
        }
        let (s, e) = (
            record["source"]["byte_start"].as_u64().unwrap(),
            record["source"]["byte_end"].as_u64().unwrap(),
        );
        assert!(s < e && e as usize <= bytes.len());
    }
}

#[test]
fn jsonl_keeps_ids_titles_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"20220101-1\",\"date\":\"20220101\",\"title\":\"新年贺词\",\"text\":\"本报讯（记者张明）新年\\n到来。\",\"url\":\"http://example.org/1\"}\n\
         {\"id\":\"b\",\"date\":\"2022-01-02\",\"title\":\"第二篇\",\"text\":\"内容。\"}\n",
    )
    .unwrap();
    let out = extract(&[path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = records(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "20220101-1");
    assert_eq!(records[0]["title"], "新年贺词");
    assert_eq!(records[0]["date"], "2022-01-01");
    assert_eq!(records[0]["text"], "本报讯（记者张明）新年到来。");
    assert_eq!(records[0]["url"], "http://example.org/1");
    assert_eq!(records[0]["credits"][0]["person"], "person:张明");
    assert_eq!(records[1]["source"]["line"], 2);
}

#[test]
fn gbk_input_is_transcoded_and_reported_with_verbose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    let (bytes, _, _) = encoding_rs::GBK.encode("本报讯（记者郭树勋）8月28日，王家鹏调研。\n");
    std::fs::write(&path, &bytes).unwrap();
    let out = zhkg()
        .args(["-v", "extract", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("transcoded from GBK/GB18030"),
        "{}",
        stderr(&out)
    );
    let records = records(&out);
    assert_eq!(
        records[0]["text"],
        "本报讯（记者郭树勋）8月28日，王家鹏调研。"
    );
    // Offsets are bytes of the GBK file: two per Chinese character.
    assert_eq!(records[0]["source"]["byte_end"], bytes.len() - 1);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut command = zhkg();
    command.args(["extract", "-", "--date", "2019-08-30"]);
    let out = common::with_stdin(
        command,
        "本报讯（记者付凯明）8月26日下午，示范区召开例会。\n",
    );
    let records = records(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "-#1");
    assert_eq!(records[0]["source"]["path"], "-");
}

#[test]
fn directories_are_read_recursively_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "第二篇。\n").unwrap();
    std::fs::write(dir.path().join("sub/a.txt"), "第三篇。\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "第一篇。\n").unwrap();
    std::fs::write(dir.path().join("notes.md"), "ignored\n").unwrap();
    let records = records(&extract(&[dir.path().to_str().unwrap()]));
    let texts: Vec<&str> = records
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["第一篇。", "第二篇。", "第三篇。"]);
}

#[test]
fn bad_inputs_are_named_and_the_rest_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    let binary = dir.path().join("image.txt");
    let broken = dir.path().join("broken.txt");
    let good = dir.path().join("good.txt");
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    std::fs::write(
        &broken,
        b"\xe7\x84\xa6\xe4\xbd\x9c\n\xe5\xb8\x82\n\xff\xfe\xfa",
    )
    .unwrap();
    std::fs::write(&good, "焦作市召开会议。\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let paths = [&empty, &binary, &broken, &missing, &good].map(|p| p.to_str().unwrap().to_owned());
    let out = zhkg().arg("extract").args(&paths).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("warning: {}: empty input", paths[0])),
        "{err}"
    );
    assert!(err.contains(&format!("{}: binary data", paths[1])), "{err}");
    assert!(
        err.contains(&format!("{}: invalid UTF-8 at line 3", paths[2])),
        "{err}"
    );
    assert!(err.contains(&format!("{}: cannot read", paths[3])), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let records = records(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["text"], "焦作市召开会议。");
}

#[test]
fn bad_jsonl_lines_are_named_and_good_lines_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"1\",\"text\":\"好。\"}\n{broken\n{\"id\":\"3\",\"text\":\"也好。\"}\n",
    )
    .unwrap();
    let out = extract(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{}:2: invalid JSON", path.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn json_lines_are_read_a_line_at_a_time_each_in_its_own_encoding() {
    // An archive glued together from a UTF-8 and a GBK export, with one line in neither: every
    // good line gives its record with byte offsets into this very file, the bad one is named.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("glued.jsonl");
    let mut bytes = "{\"id\":\"u\",\"text\":\"王家鹏调研。\"}\n"
        .as_bytes()
        .to_vec();
    let gbk_start = bytes.len();
    let (gbk, _, _) = encoding_rs::GBK.encode("{\"id\":\"g\",\"text\":\"焦作市召开会议。\"}\n");
    bytes.extend_from_slice(&gbk);
    bytes.extend_from_slice(b"{\"id\":\"x\",\"text\":\"\xFF\xFF\"}\n");
    std::fs::write(&path, &bytes).unwrap();
    for from_stdin in [false, true] {
        let out = if from_stdin {
            let mut command = zhkg();
            command.args(["-v", "extract", "-"]);
            command.stdin(std::fs::File::open(&path).unwrap());
            command.output().unwrap()
        } else {
            zhkg()
                .args(["-v", "extract", path.to_str().unwrap()])
                .output()
                .unwrap()
        };
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let records = records(&out);
        let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["u", "g"]);
        assert_eq!(records[1]["text"], "焦作市召开会议。");
        let start = records[1]["source"]["byte_start"].as_u64().unwrap() as usize;
        assert_eq!(
            start, gbk_start,
            "the GBK line's offsets are bytes of the file"
        );
        let err = stderr(&out);
        assert!(err.contains(":3: invalid UTF-8 at byte"), "{err}");
        assert!(err.contains("transcoded from GBK/GB18030"), "{err}");
    }
}

#[test]
fn a_binary_file_named_jsonl_is_one_error_naming_it() {
    // A gzipped export renamed .jsonl: one message for the file, not one per "line" of bytes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    let mut bytes = b"\x1f\x8b\x08\x00\x00\x00\x00\x00".to_vec();
    bytes.extend((0..4000u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(&path, &bytes).unwrap();
    let out = extract(&[path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{}: binary data", path.display())),
        "{err}"
    );
}

#[test]
fn an_empty_input_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.jsonl", "empty.txt"] {
        let path = dir.path().join(name);
        std::fs::write(&path, "\n  \n").unwrap();
        let out = extract(&[path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert!(
            stderr(&out).contains("empty input, nothing to extract"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_bad_date_flag_is_a_usage_error() {
    let out = extract(&[sample().to_str().unwrap(), "--date", "2019-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date \"2019-02-30\" is not a valid date"));
}

#[test]
fn demo_runs_on_the_embedded_sample() {
    let out = zhkg().arg("demo").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("9 articles"), "{text}");
    assert!(text.contains("张维宁到示范区调研中原工业设计城"));
    assert!(text.contains("photographer 靳冬"));
}

/// Everything extracted from the sample page with the paper's region, as JSON records.
fn sample_records() -> Vec<Value> {
    let out = extract(&[
        sample().to_str().unwrap(),
        "--date",
        "2019-08-30",
        "--region",
        "焦作市",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    records(&out)
}

fn entity_names(records: &[Value], kind: &str) -> std::collections::BTreeSet<String> {
    records
        .iter()
        .flat_map(|r| r["entities"].as_array().unwrap().iter())
        .filter(|e| e["type"] == kind)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

/// `person|title|organization` for each post of a record, by entity name.
fn post_strings(record: &Value) -> Vec<String> {
    let name = |id: &Value| -> String {
        record["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == *id)
            .map_or("-".to_owned(), |e| e["name"].as_str().unwrap().to_owned())
    };
    record["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}|{}|{}",
                name(&p["person"]),
                p["title"].as_str().unwrap(),
                name(&p["organization"])
            )
        })
        .collect()
}

/// True when the record's entity named `name` has `alias` among its surface forms.
fn has_alias(record: &Value, name: &str, alias: &str) -> bool {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == name)
        .any(|e| {
            e["aliases"]
                .as_array()
                .unwrap()
                .contains(&Value::from(alias))
        })
}

#[test]
fn sample_people_are_the_nine_people_on_the_page() {
    let people = entity_names(&sample_records(), "person");
    let expected = [
        "张维宁",
        "乔学达",
        "王家鹏",
        "冯利民",
        "赵俊峰",
        "万英奎",
        "郭树勋",
        "付凯明",
        "靳冬",
    ];
    assert_eq!(
        people,
        expected.iter().map(|s| s.to_string()).collect(),
        "no place or company fragments as people"
    );
}

#[test]
fn sample_posts_resolve_their_organizations() {
    let records = sample_records();
    let posts: Vec<(String, String, String)> = records
        .iter()
        .flat_map(|r| r["posts"].as_array().unwrap().iter())
        .map(|p| {
            let field = |k: &str| p[k].as_str().unwrap_or("-").to_owned();
            (field("person"), field("title"), field("organization"))
        })
        .collect();
    for expected in [
        // (A post in 河南省 places its holder there: person ids carry that scope.)
        (
            "person:张维宁@河南省",
            "副主任",
            "organization:河南省人大常委会",
        ),
        (
            "person:乔学达@河南省",
            "副主任",
            "organization:焦作市人大常委会",
        ),
        (
            "person:王家鹏@河南省",
            "书记",
            "organization:焦作城乡一体化示范区党工委",
        ),
        (
            "person:王家鹏@河南省",
            "主任",
            "organization:焦作城乡一体化示范区管委会",
        ),
    ] {
        let expected = (
            expected.0.to_owned(),
            expected.1.to_owned(),
            expected.2.to_owned(),
        );
        assert!(posts.contains(&expected), "{expected:?} not in {posts:?}");
    }
    // The surface a reader saw is kept as an alias of the canonical name.
    assert!(has_alias(&records[0], "河南省人大常委会", "省人大常委会"));
    // Every post span covers its person's name in the text.
    let text: Vec<char> = records[0]["text"].as_str().unwrap().chars().collect();
    let post = &records[0]["posts"][0];
    let span: String = text
        [post["span"][0].as_u64().unwrap() as usize..post["span"][1].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(span, "省人大常委会副主任张维宁");
}

#[test]
fn sample_finance_story_names_its_banks_insurers_and_funds() {
    let orgs = entity_names(&sample_records(), "organization");
    for name in [
        "中国银行新区支行",
        "中国工商银行",
        "中国建设银行",
        "中国银行",
        "国元保险焦作支公司",
        "焦作通财创新创业投资基金（有限合伙）",
        "中国证券监督管理委员会",
        "焦作市智慧金融服务有限公司",
    ] {
        assert!(orgs.contains(name), "{name} missing from {orgs:?}");
    }
}

#[test]
fn sample_places_include_villages_estates_and_the_region() {
    let records = sample_records();
    let places = entity_names(&records, "place");
    for name in [
        "大北张村",
        "鑫苑小区",
        "南李万村",
        "沁泉湖",
        "李万街道",
        "焦作市",
        "焦作城乡一体化示范区",
    ] {
        assert!(places.contains(name), "{name} missing from {places:?}");
    }
    // 我市 is the paper's city.
    assert!(has_alias(&records[0], "焦作市", "我市"));
}

#[test]
fn without_a_region_each_article_s_own_is_inferred() {
    let records = records(&extract(&[sample().to_str().unwrap()]));
    // The provincial inspection names 焦作 and speaks of 省人大常委会 and 我市.
    assert_eq!(records[0]["region"], "焦作市");
    assert!(has_alias(&records[0], "河南省人大常委会", "省人大常委会"));
    assert!(has_alias(&records[0], "焦作市", "我市"));
    // An article naming no city keeps its 市委 as written, and invents no region.
    let third = &records[2];
    assert_eq!(third["region"], Value::Null);
    let orgs: Vec<&str> = third["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "organization")
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(orgs.contains(&"市委"), "{orgs:?}");
}

#[test]
fn region_inferred_from_a_county_s_news() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.jsonl");
    let article = serde_json::json!({
        "id": "c1",
        "date": "2022-03-01",
        "title": "灵川县召开乡村振兴工作会议",
        "text": "3月1日，灵川县召开乡村振兴工作会议。县委副书记、县长周春涌出席会议并讲话。",
    });
    std::fs::write(&path, format!("{article}\n")).unwrap();
    let records = records(&extract(&[path.to_str().unwrap()]));
    assert_eq!(records[0]["region"], "灵川县");
    assert!(has_alias(&records[0], "灵川县委", "县委"));
    let posts = post_strings(&records[0]);
    assert!(
        posts.contains(&"周春涌|副书记|灵川县委".to_owned()),
        "{posts:?}"
    );
    assert!(
        posts.contains(&"周春涌|县长|灵川县政府".to_owned()),
        "{posts:?}"
    );
}

#[test]
fn eval_scores_a_bio_file_and_names_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.bio");
    let mut bio = String::new();
    for (c, tag) in "副主任张维宁到焦作市调研".chars().zip([
        "O", "O", "O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC", "O", "O",
    ]) {
        bio.push_str(&format!("{c}\t{tag}\n"));
    }
    std::fs::write(&path, &bio).unwrap();
    let out = zhkg()
        .args(["eval", "--format", "bio", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        table.lines().last().unwrap(),
        "ALL P 1.0000 R 1.0000 F1 1.0000",
        "{table}"
    );
    let out = zhkg()
        .args(["eval", "--format", "bio", "--json", path.to_str().unwrap()])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["types"]["PER"]["gold"], 1);
    std::fs::write(&path, "张\tB-PER\n三四\tI-PER\n").unwrap();
    let out = zhkg()
        .args(["eval", "--format", "bio", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(":2: expected one character"),
        "{}",
        stderr(&out)
    );
}

/// Every event of the sample as `(type, trigger, start date, end date, record)`, with a lookup
/// from entity id to name.
struct SampleEvents {
    events: Vec<(Value, Value)>,
}

impl SampleEvents {
    fn load() -> SampleEvents {
        let mut events = Vec::new();
        for record in sample_records() {
            for event in record["events"].as_array().unwrap() {
                events.push((event.clone(), record.clone()));
            }
        }
        SampleEvents { events }
    }

    /// The event with `id` (type, date and agent) and its record.
    fn by_id(&self, id: &str) -> (&Value, &Value) {
        self.events
            .iter()
            .find(|(e, _)| e["id"] == id)
            .map(|(e, r)| (e, r))
            .unwrap_or_else(|| panic!("no event {id}"))
    }

    /// The one event of `kind` starting on `date` (ISO, as precise as the text).
    fn on(&self, kind: &str, date: &str) -> (&Value, &Value) {
        let found: Vec<_> = self
            .events
            .iter()
            .filter(|(e, _)| e["type"] == kind && e["time"]["start"] == date)
            .collect();
        assert_eq!(found.len(), 1, "{kind} on {date}: {found:?}");
        (&found[0].0, &found[0].1)
    }
}

fn name_of(record: &Value, id: &Value) -> String {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| &e["id"] == id)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// The names of the participants with `role`.
fn with_role(event: &Value, record: &Value, role: &str) -> Vec<String> {
    event["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["role"] == role)
        .map(|p| name_of(record, &p["entity"]))
        .collect()
}

fn places_of(event: &Value, record: &Value) -> Vec<String> {
    event["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| name_of(record, &p["entity"]))
        .collect()
}

#[test]
fn sample_provincial_inspection_has_its_roles_time_and_place() {
    let events = SampleEvents::load();
    let (e, r) = events.by_id("event:inspection/2019-08-28/张维宁");
    assert_eq!(e["time"]["text"], "8月28日下午至29日");
    assert_eq!(e["time"]["end"], "2019-08-29");
    assert_eq!(e["time"]["part"], "afternoon");
    assert_eq!(with_role(e, r, "agent"), ["张维宁"]);
    assert_eq!(with_role(e, r, "companion"), ["乔学达"]);
    assert_eq!(with_role(e, r, "briefer"), ["王家鹏"]);
    assert!(places_of(e, r).contains(&"中原工业设计城".to_owned()));
    // The trigger and every argument point back into the article text.
    let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    let at = |span: &Value| -> String {
        let (s, e) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        text[s..e].iter().collect()
    };
    assert_eq!(at(&e["span"]), "调研");
    assert_eq!(at(&e["time"]["span"]), "8月28日下午至29日");
    for p in e["participants"].as_array().unwrap() {
        assert_eq!(at(&p["span"]), name_of(r, &p["entity"]));
    }
}

#[test]
fn every_event_says_where_its_time_comes_from() {
    let events = SampleEvents::load();
    let (e, _) = events.by_id("event:inspection/2019-08-28/张维宁");
    assert_eq!(e["time"]["basis"], "stated");
    // The pollution of the environment story names no time: the page's date bounds it.
    let (pollution, _) = events
        .events
        .iter()
        .find(|(e, _)| e["type"] == "pollution")
        .expect("a pollution event");
    assert_eq!(pollution["time"]["basis"], "article");
    assert_eq!(pollution["time"]["end"], "2019-08-30");
    assert_eq!(pollution["time"]["text"], "");
}

#[test]
fn article_dates_stay_apart_from_stated_ones_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let out = zhkg()
        .arg("build")
        .arg("--store")
        .arg(&store)
        .arg(sample())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let query = |q: &str| {
        let out = zhkg()
            .args(["query", "--format", "tsv", "--store"])
            .arg(&store)
            .arg(q)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let prefix = "PREFIX zkg: <https://w3id.org/zhkg/ontology#> ";
    let reported = query(&format!(
        "{prefix} SELECT ?e WHERE {{ ?e zkg:reportedBy ?d ; zkg:timeBasis \"article\" }}"
    ));
    assert!(reported.lines().count() > 1, "{reported}");
    let mixed = query(&format!(
        "{prefix} SELECT ?e WHERE {{ ?e zkg:reportedBy ?d ; zkg:startDate ?s }}"
    ));
    assert_eq!(mixed.lines().count(), 1, "no event has both: {mixed}");
    // lookup shows an event bounded by its article's date as such; the talk 王家鹏 held on his
    // dated visit is part of the visit.
    let card = |name: &str| {
        let out = zhkg()
            .args(["lookup", "--all", "--store"])
            .arg(&store)
            .arg(name)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let insurer = card("都邦财产保险股份有限公司");
    assert!(
        insurer.contains("by 2019-08-30  establishment 落户 as agent"),
        "{insurer}"
    );
    let wang = card("王家鹏");
    assert!(
        wang.contains("2019-08-28  inspection 调研 as agent"),
        "{wang}"
    );
    assert!(!wang.contains("座谈 as agent"), "{wang}");
    assert!(!wang.contains("(undated)"), "{wang}");
}

#[test]
fn sample_sanitary_city_inspection_is_one_event_over_the_whole_story() {
    let events = SampleEvents::load();
    let (e, r) = events.by_id("event:inspection/2019-08-28/王家鹏");
    assert_eq!(with_role(e, r, "attendee"), ["冯利民", "赵俊峰", "万英奎"]);
    let places = places_of(e, r);
    for place in ["大北张村", "鑫苑小区", "万鑫商城", "南李万村"] {
        assert!(places.contains(&place.to_owned()), "{places:?}");
    }
    let inspections = events
        .events
        .iter()
        .filter(|(x, rec)| x["type"] == "inspection" && rec["id"] == r["id"])
        .count();
    assert_eq!(inspections, 1, "told in several sentences, one event");
}

#[test]
fn sample_meetings_openings_and_registrations_are_dated() {
    let events = SampleEvents::load();
    let (e, r) = events.on("meeting", "2019-08-26");
    assert_eq!(e["trigger"], "例会");
    assert_eq!(with_role(e, r, "attendee"), ["赵俊峰", "万英奎"]);
    assert_eq!(events.on("meeting", "2019-03-14").0["trigger"], "对接会");
    assert_eq!(events.on("meeting", "2019-08-09").0["trigger"], "座谈会");
    let (e, r) = events.on("opening", "2019-04");
    assert_eq!(e["trigger"], "开业");
    assert_eq!(with_role(e, r, "agent"), ["中国银行新区支行"]);
    let (e, r) = events.on("establishment", "2019-06-26");
    assert_eq!(e["trigger"], "取得营业执照");
    assert_eq!(with_role(e, r, "agent"), ["国元保险焦作支公司"]);
    // Counted (累计举行49次…对接会) and planned (确保明年五一开园) events are not events.
    assert!(!events
        .events
        .iter()
        .any(|(e, _)| e["type"] == "opening" && e["trigger"] == "开园"));
    let fairs = events
        .events
        .iter()
        .filter(|(e, _)| e["trigger"] == "对接会")
        .count();
    assert_eq!(fairs, 1);
}

#[test]
fn demo_prints_the_sample_timeline() {
    let out = zhkg().arg("demo").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |date: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(date))
            .unwrap_or_else(|| panic!("no {date} in {text}"))
            .to_owned()
    };
    assert!(line("2019-03-14").contains("对接会"));
    let visit = line("2019-08-28 – 2019-08-29");
    assert!(
        visit.contains("inspection") && visit.contains("张维宁"),
        "{visit}"
    );
    assert!(visit.contains("companion 乔学达"), "{visit}");
    let first = text.find("2019-03-14").unwrap();
    assert!(first < text.find("2019-08-26").unwrap(), "in date order");
}

#[test]
fn eval_scores_cec_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cec.jsonl");
    let doc = serde_json::json!({
        "file": "x.xml", "category": "火灾", "report_time": "2008年04月05日 09:12",
        "sentences": [{"text": "昨天下午3时许，北京市发生火灾。", "events": [{
            "denoter": {"text": "火灾", "start": 13, "end": 15},
            "args": [{"role": "Time", "text": "昨天下午3时许", "start": 0, "end": 7},
                     {"role": "Location", "text": "北京市", "start": 8, "end": 11}]}]}]
    });
    std::fs::write(&path, format!("{doc}\n")).unwrap();
    let run = |category: &str| {
        let out = zhkg()
            .args(["eval", "--format", "cec", "--json", "--category", category])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let json = run("火灾");
    assert_eq!(json["sentences"], 1);
    assert_eq!(json["types"]["TRIGGER"]["correct"], 1);
    assert_eq!(json["types"]["TIME"]["correct"], 1);
    assert_eq!(json["types"]["TIME"]["gold"], 1);
    assert_eq!(run("地震")["sentences"], 0);
}

/// A minister's events on a small corpus of transcripts: each dated, though most sentences that
/// name him give no date of their own.
#[test]
fn lookup_lists_a_minister_s_events_with_their_dates() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("transcripts.jsonl");
    let articles = [
        r#"{"id":"a1","date":"2023-02-14","text":"国家主席习近平14日在人民大会堂同伊朗总统莱希举行会谈。\n习近平指出，中伊是全面战略伙伴。\n王毅等参加会谈。"}"#,
        r#"{"id":"a2","date":"2023-03-01","text":"当地时间2月28日，王毅在莫斯科会见俄罗斯外长拉夫罗夫。\n王毅表示，中方愿同俄方加强战略沟通。\n会见后，双方签署合作文件。"}"#,
    ];
    std::fs::write(&corpus, articles.join("\n") + "\n").unwrap();
    let store = dir.path().join("kg");
    let out = zhkg()
        .arg("build")
        .arg("--store")
        .arg(&store)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = zhkg()
        .args(["lookup", "--all", "--store"])
        .arg(&store)
        .arg("王毅")
        .output()
        .unwrap();
    let card = String::from_utf8(out.stdout).unwrap();
    assert!(
        card.contains("2023-02-14  talks 会谈 as attendee"),
        "{card}"
    );
    assert!(card.contains("2023-02-28  talks 会见 as agent"), "{card}");
    assert!(!card.contains("(undated)"), "{card}");
    // What he said at his talks is part of them, not a statement of its own.
    assert!(!card.contains("statement"), "{card}");
}

/// `zhkg ARGS` run under `script`, which gives it a terminal; what the terminal showed.
fn on_a_terminal(args: &str) -> Option<String> {
    let binary = env!("CARGO_BIN_EXE_zhkg");
    let out = Command::new("script")
        .args(["-qec", &format!("{binary} {args} > /dev/null"), "/dev/null"])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn long_work_shows_progress_on_a_terminal_only() {
    let page = sample().display().to_string();
    let Some(shown) = on_a_terminal(&format!("extract {page}")) else {
        eprintln!("no `script` here to make a terminal: skipped");
        return;
    };
    assert!(shown.contains("KiB/19.58 KiB"), "{shown:?}");
    assert!(shown.contains("zhkg: 9 articles (0.0 MB) in "), "{shown:?}");
    let quiet = on_a_terminal(&format!("--quiet extract {page}")).unwrap();
    assert!(!quiet.contains("articles"), "{quiet:?}");
    // (Not on a terminal, as here: nothing but the records.)
    let out = extract(&[&page]);
    assert_eq!(stderr(&out), "");
}

#[test]
fn completions_and_the_manual_come_from_the_commands() {
    let out = zhkg().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("_zhkg()") && script.contains("--query-memory"));
    assert!(!script.contains("worker"), "the query worker is offered");
    let out = zhkg().arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH zhkg 1"),
        "{page}"
    );
    assert!(page.contains("lookup"));
    let dir = tempfile::tempdir().unwrap();
    let out = zhkg()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for page in ["zhkg.1", "zhkg-build.1", "zhkg-serve.1"] {
        assert!(dir.path().join(page).exists(), "no {page}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 13);
}
