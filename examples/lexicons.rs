//! Derives the shipped tables under `data/hanlp/`, `data/thuocl/` and `data/cedict/` from the
//! third-party lexicons whose licences allow it (`../shared/lexicons`, see its README):
//!
//! ```sh
//! cargo run --example lexicons -- ../shared/lexicons data
//! ```
//!
//! Each table is a readable TSV with a header, one entry per line, sorted, and says where it
//! comes from. The same sources give the same bytes (`tests/derived_tables.rs` checks it).
//! What each table is for:
//!
//! - `hanlp/name_roles.tsv`: how often a word is a surname, a given-name character, or the word
//!   right before or after a name (HanLP's person-role counts over its frequency as a word), the
//!   statistics persons are scored with;
//! - `hanlp/word_classes.tsv`: words whose class in HanLP's dictionary (person, foreign person,
//!   place, foreign place, organization, ordinary word) differs from jieba's tag, so that 路基 or
//!   斯特拉斯堡 (jieba: names) are not taken for people, 普京 (jieba: a place) is, and 汇报
//!   (jieba: a proper noun) opens no place's name;
//! - `hanlp/foreign_names.tsv`, `hanlp/japanese_names.tsv`: transliterated and Japanese names and
//!   their parts;
//! - `hanlp/organizations.tsv`: organization names (HanLP's 全国地名大全 of villages and
//!   communities was tried for places and left out: no gain on the DEV sets, and 64,000 names
//!   slow every lookup);
//! - `thuocl/public_figures.tsv`: historical and public figures (filtered against common words);
//! - `cedict/places.tsv`, `cedict/persons.tsv`: proper nouns told apart by their English glosses
//!   (CC BY-SA 4.0, kept in files of their own).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jieba_rs::Jieba;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// A derived file: its path under the data directory and its contents.
pub struct Table {
    pub path: PathBuf,
    pub contents: String,
}

/// Every table derived from the lexicons in `source` (`../shared/lexicons`), with the licence
/// texts that must ship beside them.
pub fn derive(source: &Path) -> Result<Vec<Table>> {
    let hanlp = source.join("hanlp-1.x");
    let core = read_core(&hanlp.join("CoreNatureDictionary.txt"))?;
    let jieba = Jieba::new();
    let mut tables = vec![
        name_roles(&hanlp, &core)?,
        word_classes(&core, &jieba),
        foreign_names(&hanlp, &core)?,
        transliteration(&hanlp, &core)?,
        japanese_names(&hanlp, &core)?,
        organizations(&hanlp, &core)?,
        public_figures(source, &core, &jieba)?,
    ];
    tables.extend(cedict(source, &core, &jieba)?);
    for (dir, licence) in [
        ("hanlp", hanlp.join("LICENSE")),
        ("thuocl", source.join("thuocl/LICENSE")),
    ] {
        tables.push(Table {
            path: PathBuf::from(dir).join("LICENSE"),
            contents: read(&licence)?,
        });
    }
    // CC-CEDICT carries its licence in its header.
    let cedict = read(&source.join("cc-cedict/cedict_1_0_ts_utf-8_mdbg.txt"))?;
    let mut header: String = cedict
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    header.push_str(
        "#\n# The tables in this directory are derived from CC-CEDICT and licensed CC BY-SA 4.0.\n",
    );
    tables.push(Table {
        path: PathBuf::from("cedict/LICENSE"),
        contents: header,
    });
    Ok(tables)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// HanLP's core dictionary: word → (nature, count) pairs.
type Core = HashMap<String, Vec<(String, u64)>>;

fn read_core(path: &Path) -> Result<Core> {
    let mut core = Core::new();
    for line in read(path)?.lines() {
        let mut fields = line.split('\t');
        let Some(word) = fields.next() else { continue };
        let rest: Vec<&str> = fields.collect();
        let natures = rest
            .chunks(2)
            .filter_map(|pair| Some((pair[0].to_owned(), pair.get(1)?.parse().ok()?)))
            .collect::<Vec<_>>();
        if !natures.is_empty() {
            core.insert(word.to_owned(), natures);
        }
    }
    Ok(core)
}

/// Total count of a word in the core dictionary.
fn core_total(core: &Core, word: &str) -> u64 {
    core.get(word)
        .map_or(0, |natures| natures.iter().map(|(_, n)| n).sum())
}

/// The coarse class of a HanLP nature.
fn class_of_nature(nature: &str) -> &'static str {
    match nature {
        "nr" | "nr1" | "nr2" | "nrfg" => "person",
        "nrf" => "foreign_person",
        "nrj" => "japanese_person",
        "ns" => "place",
        "nsf" => "foreign_place",
        n if n.starts_with("nt") || n == "nit" => "organization",
        _ => "common",
    }
}

/// A word's class in the core dictionary, by the sum of counts per class, and that sum.
fn core_class(core: &Core, word: &str) -> Option<(&'static str, u64)> {
    let mut by_class: BTreeMap<&str, u64> = BTreeMap::new();
    for (nature, n) in core.get(word)? {
        *by_class.entry(class_of_nature(nature)).or_default() += n;
    }
    by_class
        .into_iter()
        .max_by_key(|&(class, n)| (n, std::cmp::Reverse(class)))
}

/// The coarse class of jieba's dictionary tag for `word`, if jieba knows the word.
fn jieba_class(jieba: &Jieba, word: &str) -> Option<&'static str> {
    if !jieba.has_word(word) {
        return None;
    }
    let tags = jieba.tag(word, false);
    let tag = tags.first().filter(|t| t.word == word)?.tag;
    Some(match tag {
        "nr" | "nrt" | "nrfg" => "person",
        "ns" => "place",
        "nt" => "organization",
        _ => "common",
    })
}

/// True when jieba's dictionary tags `word` as an "other proper noun", a tag that holds many
/// ordinary words (汇报/nz).
fn jieba_proper(jieba: &Jieba, word: &str) -> bool {
    jieba.has_word(word)
        && jieba
            .tag(word, false)
            .first()
            .is_some_and(|t| t.word == word && t.tag == "nz")
}

fn header(out: &mut String, comments: &[&str], columns: &[&str]) {
    for comment in comments {
        out.push_str("# ");
        out.push_str(comment);
        out.push('\n');
    }
    out.push_str(&columns.join("\t"));
    out.push('\n');
}

/// A one-column table: `comments`, the header `column`, then `items` one per line.
fn list_table<I: AsRef<str>>(
    path: &str,
    comments: &[&str],
    column: &str,
    items: impl IntoIterator<Item = I>,
) -> Table {
    let mut contents = String::new();
    header(&mut contents, comments, &[column]);
    for item in items {
        contents.push_str(item.as_ref());
        contents.push('\n');
    }
    Table {
        path: path.into(),
        contents,
    }
}

/// Role letters of HanLP's person tagging, in the order of our columns.
const ROLES: [char; 7] = ['B', 'C', 'D', 'E', 'K', 'L', 'M'];

fn name_roles(hanlp: &Path, core: &Core) -> Result<Table> {
    let mut out = String::new();
    header(
        &mut out,
        &[
            "Person-name roles of words, derived by examples/lexicons.rs from HanLP 1.x person_nr.txt (role",
            "counts) and CoreNatureDictionary.txt (word counts); Apache-2.0, see LICENSE here.",
            "total: uses of the word as a token (its count as a word plus its uses inside names);",
            "surname, first, last, single: uses as a surname, the first or last character of a two-character",
            "given name, a one-character given name; before, after, between: uses right before a name, right",
            "after one, between two names.",
        ],
        &[
            "word", "total", "surname", "first", "last", "single", "before", "after", "between",
        ],
    );
    let mut rows = BTreeMap::new();
    for line in read(&hanlp.join("person_nr.txt"))?.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        if fields.len() < 3 || fields.len().is_multiple_of(2) || fields[0].contains('\t') {
            continue;
        }
        let word = fields[0];
        let counts: HashMap<char, u64> = fields[1..]
            .chunks(2)
            .filter_map(|p| Some((p[0].chars().next()?, p[1].parse().ok()?)))
            .collect();
        let get = |role: char| counts.get(&role).copied().unwrap_or(0);
        let name_part: u64 = "BCDEXYZ".chars().map(get).sum();
        let context: u64 = "KLM".chars().map(get).sum();
        // Punctuation the core dictionary does not count (。) would look like it always
        // follows names.
        let counted = core_total(core, word) > 0 || word.chars().any(is_han_or_dot);
        if (name_part < 2 && context < 6) || !counted {
            continue;
        }
        // Punctuation and a few words are missing from the core dictionary: they were used at
        // least as often as their roles say.
        let total = (core_total(core, word) + name_part).max(name_part + context);
        let mut row = format!("{word}\t{total}");
        for role in ROLES {
            write!(row, "\t{}", get(role))?;
        }
        rows.insert(word.to_owned(), row);
    }
    for row in rows.values() {
        out.push_str(row);
        out.push('\n');
    }
    Ok(Table {
        path: "hanlp/name_roles.tsv".into(),
        contents: out,
    })
}

/// Words where HanLP's class and jieba's tag disagree, or proper names jieba does not know.
fn word_classes(core: &Core, jieba: &Jieba) -> Table {
    let mut out = String::new();
    header(
        &mut out,
        &[
            "Word classes from HanLP 1.x CoreNatureDictionary.txt where they differ from jieba's dictionary tag",
            "(or jieba lacks a proper name), derived by examples/lexicons.rs; Apache-2.0, see LICENSE here.",
            "class: person foreign_person japanese_person place foreign_place organization common; count: uses",
            "in that class in HanLP's corpus.",
        ],
        &["word", "class", "count"],
    );
    let mut words: Vec<&String> = core.keys().collect();
    words.sort();
    for word in words {
        let chars = word.chars().count();
        if chars < 2 || !word.chars().all(is_han_or_dot) {
            continue;
        }
        let Some((class, count)) = core_class(core, word) else {
            continue;
        };
        let keep = match (class, jieba_class(jieba, word)) {
            ("common", Some("common")) => count >= 2 && jieba_proper(jieba, word),
            ("common", None) => false,
            ("common", Some(_)) => count >= 2,
            ("person", Some("person")) => false,
            ("place", Some("place")) => false,
            ("organization", Some("organization")) => false,
            _ => true,
        };
        if keep {
            out.push_str(&format!("{word}\t{class}\t{count}\n"));
        }
    }
    Table {
        path: "hanlp/word_classes.tsv".into(),
        contents: out,
    }
}

fn is_han_or_dot(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '·'
}

fn foreign_names(hanlp: &Path, core: &Core) -> Result<Table> {
    let mut names = BTreeSet::new();
    for line in read(&hanlp.join("person_nrf.txt"))?.lines() {
        let name = line.trim();
        let ordinary = core_class(core, name).is_some_and(|(class, _)| class != "foreign_person");
        if name.chars().count() >= 2 && name.chars().all(is_han_or_dot) && !ordinary {
            names.insert(name.to_owned());
        }
    }
    for word in core.keys() {
        if core_class(core, word).is_some_and(|(class, _)| class == "foreign_person")
            && word.chars().count() >= 2
            && word.chars().all(is_han_or_dot)
        {
            names.insert(word.clone());
        }
    }
    Ok(list_table(
        "hanlp/foreign_names.tsv",
        &[
            "Transliterated foreign person names, derived by examples/lexicons.rs from HanLP 1.x person_nrf.txt",
            "and the nrf words of CoreNatureDictionary.txt (less those HanLP counts mostly as something else);",
            "Apache-2.0, see LICENSE here.",
        ],
        "name",
        names,
    ))
}

/// True when jieba's dictionary or HanLP's counts take `word` for something other than a name
/// (上海, 两国, 和平 are also Japanese family names).
fn word_elsewhere(core: &Core, jieba: &Jieba, word: &str) -> bool {
    matches!(
        jieba_class(jieba, word),
        Some("common" | "place" | "organization")
    ) || core_class(core, word).is_some_and(|(class, _)| !class.contains("person"))
}

/// Characters mostly used to write foreign names: seen at least 20 times in HanLP's foreign
/// names and no more than three times as often as words of their own (斯, 卜, 翰; not 大, 不).
fn transliteration(hanlp: &Path, core: &Core) -> Result<Table> {
    let mut counts: BTreeMap<char, u64> = BTreeMap::new();
    for line in read(&hanlp.join("person_nrf.txt"))?.lines() {
        for c in line.trim().chars().filter(|c| *c != '·') {
            *counts.entry(c).or_default() += 1;
        }
    }
    let chars = counts
        .into_iter()
        .filter(|&(c, n)| n >= 20 && core_total(core, &c.to_string()) <= 3 * n && is_han_or_dot(c))
        .map(|(c, _)| c.to_string());
    Ok(list_table(
        "hanlp/transliteration.tsv",
        &[
            "Characters mostly used to transliterate foreign names, derived by examples/lexicons.rs from",
            "HanLP 1.x person_nrf.txt and CoreNatureDictionary.txt (seen 20 times or more in foreign names,",
            "and at most three times as often as a word of their own); Apache-2.0, see LICENSE here.",
        ],
        "char",
        chars,
    ))
}

fn japanese_names(hanlp: &Path, core: &Core) -> Result<Table> {
    let mut parts = BTreeMap::new();
    for line in read(&hanlp.join("person_nrj.txt"))?.lines() {
        let mut fields = line.split(' ');
        let (Some(word), Some(role)) = (fields.next(), fields.next()) else {
            continue;
        };
        let part = match role {
            "x" => "surname",
            "m" => "given",
            _ => continue,
        };
        let chars = word.chars().count();
        if (2..=4).contains(&chars) && word.chars().all(is_han_or_dot) && !not_a_name(core, word) {
            parts.insert(word.to_owned(), part);
        }
    }
    let mut out = String::new();
    header(
        &mut out,
        &[
            "Japanese family and given names of two to four characters, derived by examples/lexicons.rs from",
            "HanLP 1.x person_nrj.txt, less words HanLP counts as something else (上海, 和平);",
            "Apache-2.0, see LICENSE here.",
        ],
        &["name", "part"],
    );
    for (name, part) in parts {
        out.push_str(&format!("{name}\t{part}\n"));
    }
    Ok(Table {
        path: "hanlp/japanese_names.tsv".into(),
        contents: out,
    })
}

/// True when HanLP counts `word` mostly as an ordinary word.
fn ordinary(core: &Core, word: &str) -> bool {
    core_class(core, word).is_some_and(|(class, n)| class == "common" && n >= 3)
}

/// True when HanLP counts `word` mostly as something other than a person's name.
fn not_a_name(core: &Core, word: &str) -> bool {
    core_class(core, word).is_some_and(|(class, n)| !class.contains("person") && n >= 3)
}

fn organizations(hanlp: &Path, core: &Core) -> Result<Table> {
    let mut names = BTreeMap::new();
    for line in read(&hanlp.join("custom_机构名词典.txt"))?.lines() {
        let mut fields = line.split(' ');
        let (Some(name), Some(nature)) = (fields.next(), fields.next()) else {
            continue;
        };
        let kind = match nature {
            n if n.starts_with("ntc") => "company",
            "ntu" => "school",
            "nth" => "hospital",
            "nts" => "school",
            "nto" => "government",
            "nt" | "nit" => "other",
            _ => continue,
        };
        let usable = name.chars().count() >= 3
            && name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            && !name.contains(char::is_whitespace)
            && !ordinary(core, name);
        if usable {
            names.insert(name.to_owned(), kind);
        }
    }
    let mut out = String::new();
    header(
        &mut out,
        &[
            "Organization names, derived by examples/lexicons.rs from HanLP 1.x custom_机构名词典.txt (names of",
            "three characters or more that HanLP does not count as ordinary words); Apache-2.0, see LICENSE here.",
            "kind: company school hospital government other.",
        ],
        &["name", "kind"],
    );
    for (name, kind) in names {
        out.push_str(&format!("{name}\t{kind}\n"));
    }
    Ok(Table {
        path: "hanlp/organizations.tsv".into(),
        contents: out,
    })
}

/// A place name worth shipping: HanLP counts it as a place, or neither HanLP nor jieba counts
/// it as an ordinary word (和平, 西方, 成功 are also the names of districts and towns) and it is
/// not shaped like a Chinese person's name jieba knows (王毅 is also a village).
fn usable_place(core: &Core, jieba: &Jieba, name: &str) -> bool {
    let hanlp_place = core_class(core, name).is_some_and(|(class, _)| class.contains("place"));
    let jieba_says = jieba_class(jieba, name);
    let chinese_name = jieba_says == Some("person")
        && (2..=3).contains(&name.chars().count())
        && name
            .chars()
            .next()
            .is_some_and(|c| COMMON_SURNAMES.contains(c));
    hanlp_place || (!ordinary(core, name) && jieba_says != Some("common") && !chinese_name)
}

/// The hundred commonest Chinese surnames.
const COMMON_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// THUOCL's historical and public figures, less names that are mostly ordinary words (和平,
/// 文化) in HanLP's or jieba's dictionary.
fn public_figures(source: &Path, core: &Core, jieba: &Jieba) -> Result<Table> {
    let mut names = BTreeSet::new();
    let text = read(&source.join("thuocl/THUOCL_lishimingren.txt"))?;
    for line in text.lines() {
        let name = line.split('\t').next().unwrap_or_default().trim();
        let chars = name.chars().count();
        if (2..=8).contains(&chars)
            && name.chars().all(is_han_or_dot)
            && !word_elsewhere(core, jieba, name)
        {
            names.insert(name.to_owned());
        }
    }
    Ok(list_table(
        "thuocl/public_figures.tsv",
        &[
            "Historical and public figures, derived by examples/lexicons.rs from THUOCL_lishimingren.txt (THUOCL,",
            "MIT, see LICENSE here), less names jieba or HanLP count as ordinary words, places or organizations.",
        ],
        "name",
        names,
    ))
}

/// Gloss words that make a CC-CEDICT proper noun a place (matched as whole words).
const PLACE_GLOSSES: &[&str] = &[
    "county",
    "city",
    "province",
    "district",
    "prefecture",
    "river",
    "mountain",
    "mountains",
    "lake",
    "island",
    "islands",
    "capital",
    "country",
    "region",
    "town",
    "village",
    "port",
    "sea",
    "bay",
    "peninsula",
    "desert",
    "canal",
    "strait",
    "gulf",
    "republic",
    "kingdom",
    "borough",
    "municipality",
    "banner",
    "township",
    "valley",
    "plateau",
    "basin",
    "ocean",
];

/// Words in a dated gloss that name an event or an age, not a person (World War I (1914-1918)).
const NOT_PERSON_GLOSSES: &[&str] = &[
    "war",
    "incident",
    "movement",
    "rebellion",
    "dynasty",
    "period",
    "era",
    "uprising",
    "revolution",
    "battle",
    "treaty",
    "festival",
    "prize",
    "award",
    "reign",
    "expedition",
    "campaign",
    "kingdom",
    "empire",
    "states",
    "games",
    "olympics",
    "conference",
    "affair",
];

/// CC-CEDICT proper nouns (capitalized pinyin) read as places or persons from their glosses.
fn cedict(source: &Path, core: &Core, jieba: &Jieba) -> Result<Vec<Table>> {
    let text = read(&source.join("cc-cedict/cedict_1_0_ts_utf-8_mdbg.txt"))?;
    let licence: Vec<&str> = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .filter(|l| l.contains("Creative Commons") || l.starts_with("# https://creativecommons"))
        .map(|l| l.trim_start_matches('#').trim())
        .collect();
    let mut places = BTreeSet::new();
    let mut persons = BTreeSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((simplified, pinyin, gloss)) = cedict_entry(line) else {
            continue;
        };
        let proper = pinyin
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase());
        let chars = simplified.chars().count();
        if !proper || !(2..=10).contains(&chars) || !simplified.chars().all(is_han_or_dot) {
            continue;
        }
        let first = gloss.split('/').find(|g| !g.is_empty()).unwrap_or_default();
        let lower = first.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        if is_person_gloss(first, &words) {
            persons.insert(simplified.to_owned());
        } else if (words.iter().any(|w| PLACE_GLOSSES.contains(w)) || lower.contains("state of"))
            && !lower.starts_with("surname")
            && !lower.starts_with("see ")
            && usable_place(core, jieba, simplified)
        {
            places.insert(simplified.to_owned());
        }
    }
    // 周瑜 has a place named after him; the person wins.
    places.retain(|name| !persons.contains(name));
    let comments = |what: &str| -> Vec<String> {
        let mut c = vec![
            format!("{what}, derived by examples/lexicons.rs from CC-CEDICT (2023-11-07): proper nouns whose"),
            "English gloss says what they are (places that HanLP or jieba count as ordinary words left out).".into(),
            "This file is licensed CC BY-SA 4.0, like its source:".into(),
        ];
        c.extend(licence.iter().map(|l| l.to_string()));
        c
    };
    let table = |path: &str, what: &str, names: BTreeSet<String>| {
        let comments = comments(what);
        let comments: Vec<&str> = comments.iter().map(String::as_str).collect();
        list_table(path, &comments, "name", names)
    };
    Ok(vec![
        table("cedict/places.tsv", "Places", places),
        table("cedict/persons.tsv", "Persons", persons),
    ])
}

/// `Trad Simp [pin1 yin1] /gloss/…/` → (simplified, pinyin, glosses).
fn cedict_entry(line: &str) -> Option<(&str, &str, &str)> {
    let mut parts = line.splitn(3, ' ');
    let _traditional = parts.next()?;
    let simplified = parts.next()?;
    let rest = parts.next()?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, gloss) = rest.split_once("] ")?;
    Some((simplified, pinyin, gloss))
}

/// A gloss naming a person: `Ding Ling (1904-1986), novelist`, `(d. 1234)`, `(c. 450 BC)`;
/// `words` are its lower-case words.
fn is_person_gloss(gloss: &str, words: &[&str]) -> bool {
    let Some(open) = gloss.find('(') else {
        return false;
    };
    let inside = &gloss[open + 1..];
    let dated = inside.starts_with(|c: char| c.is_ascii_digit())
        && inside
            .chars()
            .take_while(|c| *c != ')')
            .any(|c| c == '-' || c == '–');
    let died =
        inside.starts_with("d. ") || inside.starts_with("c. ") || inside.starts_with("born ");
    let name_first = gloss[..open]
        .trim()
        .split(' ')
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || w.is_empty());
    let event = words.iter().any(|w| NOT_PERSON_GLOSSES.contains(w));
    (dated || died) && name_first && !event
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(source), Some(out)) = (args.next(), args.next()) else {
        return Err(
            "usage: lexicons SHARED_LEXICONS_DIR DATA_DIR (e.g. ../shared/lexicons data)".into(),
        );
    };
    for table in derive(Path::new(&source))? {
        let path = Path::new(&out).join(&table.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, table.contents)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
