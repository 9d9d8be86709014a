//! Our own lexicons: readable TSV files in `data/`, embedded in the binary and parsed once at
//! start-up. Each file starts with optional `#` comment lines, then a header row naming the
//! columns; a malformed row is an error naming the file and line, so a bad edit never goes silent.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::{Error, Result};

mod derived;
pub(crate) mod words;

pub(crate) use derived::{Derived, JapanesePart, Role, RoleCounts, WordClass};

const SURNAMES_TSV: &str = include_str!("../../data/surnames.tsv");
const GAZETTEER_TSV: &str = include_str!("../../data/gazetteer.tsv");
const PLACES_WORLD_TSV: &str = include_str!("../../data/places_world.tsv");
const PLACE_SUFFIXES_TSV: &str = include_str!("../../data/place_suffixes.tsv");
const ORGANIZATIONS_TSV: &str = include_str!("../../data/organizations.tsv");
const ORG_SUFFIXES_TSV: &str = include_str!("../../data/org_suffixes.tsv");
const TITLES_TSV: &str = include_str!("../../data/titles.tsv");
const TITLE_POSTS_TSV: &str = include_str!("../../data/title_posts.tsv");
const PERSON_CUES_TSV: &str = include_str!("../../data/person_cues.tsv");
const NOT_NAMES_TSV: &str = include_str!("../../data/not_names.tsv");
const TRANSLITERATION_TSV: &str = include_str!("../../data/transliteration.tsv");
const PEOPLE_TSV: &str = include_str!("../../data/people.tsv");
const PLACE_ABBREVIATIONS_TSV: &str = include_str!("../../data/place_abbreviations.tsv");
const JAPANESE_SURNAMES_TSV: &str = include_str!("../../data/japanese_surnames.tsv");
/// Event triggers: read by the event detector, and by organization recognition for the
/// gatherings (座谈会) that end like an organization's name.
pub(crate) const EVENT_TRIGGERS_TSV: &str = include_str!("../../data/event_triggers.tsv");

/// One parsed data row with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Parses a lexicon TSV whose header must be exactly `columns`.
pub(crate) fn parse_tsv(file: &str, text: &str, columns: &[&str]) -> Result<Vec<Row>> {
    Ok(borrowed_rows(file, text, columns)?
        .map(|(line, fields)| Row {
            line,
            fields: fields.into_iter().map(str::to_owned).collect(),
        })
        .collect())
}

/// The data rows of a lexicon TSV whose header must be exactly `columns`, as `(line, fields)`
/// borrowing from `text`: the large derived tables are read this way, without a `String` per
/// field. A row with the wrong number of columns is an error naming its line.
pub(crate) fn borrowed_rows<'t>(
    file: &str,
    text: &'t str,
    columns: &[&str],
) -> Result<impl Iterator<Item = (usize, Vec<&'t str>)>> {
    let invalid = |line: usize, reason: String| Error::Data {
        path: file.into(),
        line,
        reason,
    };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, raw)| (i + 1, raw))
        .filter(|(_, raw)| !raw.trim().is_empty() && !raw.starts_with('#'));
    let Some((line, header)) = lines.next() else {
        return Err(invalid(0, "no header row".into()));
    };
    let header: Vec<&str> = header.split('\t').map(str::trim).collect();
    if header != columns {
        return Err(invalid(
            line,
            format!("header should be {columns:?}, found {header:?}"),
        ));
    }
    let rows: Vec<(usize, Vec<&str>)> = lines
        .map(|(line, raw)| (line, raw.split('\t').map(str::trim).collect::<Vec<_>>()))
        .collect();
    if let Some((line, _)) = rows
        .iter()
        .find(|(_, fields)| fields.len() != columns.len() || fields[0].is_empty())
    {
        return Err(invalid(
            *line,
            format!("expected {} tab-separated columns", columns.len()),
        ));
    }
    Ok(rows.into_iter())
}

/// Chinese surnames, single and compound.
#[derive(Debug, Clone, Default)]
pub struct Surnames {
    single: HashSet<char>,
    /// Two-character surnames as character pairs: asked at almost every position of every
    /// article, so no string is built or hashed.
    compound: HashSet<(char, char)>,
}

impl Surnames {
    /// Parses `surnames.tsv` (`surname`, `kind` = single|compound).
    pub fn parse(file: &str, text: &str) -> Result<Surnames> {
        let mut surnames = Surnames::default();
        for row in parse_tsv(file, text, &["surname", "kind"])? {
            let surname = &row.fields[0];
            let mut chars = surname.chars();
            match (row.fields[1].as_str(), chars.next(), chars.next()) {
                ("single", Some(c), None) => {
                    surnames.single.insert(c);
                }
                ("compound", Some(a), Some(b)) if chars.next().is_none() => {
                    surnames.compound.insert((a, b));
                }
                _ => {
                    return Err(Error::Data {
                        path: file.into(),
                        line: row.line,
                        reason: format!("{surname:?} does not fit kind {:?}", row.fields[1]),
                    })
                }
            }
        }
        Ok(surnames)
    }

    /// Length in characters of the surname `name` starts with, compound first.
    pub(crate) fn prefix_len(&self, name: &str) -> Option<usize> {
        let mut chars = name.chars();
        let first = chars.next()?;
        self.prefix_len_of(first, chars.next())
    }

    /// Length of the surname that starts with `first` (and `second`), without building strings.
    pub(crate) fn prefix_len_of(&self, first: char, second: Option<char>) -> Option<usize> {
        if second.is_some_and(|second| self.compound.contains(&(first, second))) {
            return Some(2);
        }
        self.single.contains(&first).then_some(1)
    }
}

/// The value of column `index` (named `column`) among `choices`; an unknown value is an error
/// naming the file, line and value.
pub(crate) fn choice<T: Copy>(
    file: &str,
    row: &Row,
    index: usize,
    column: &str,
    choices: &[(&str, T)],
) -> Result<T> {
    choose(file, row.line, &row.fields[index], column, choices)
}

/// `value`, read at `line` of `file` in column `column`, among `choices`.
pub(crate) fn choose<T: Copy>(
    file: &str,
    line: usize,
    value: &str,
    column: &str,
    choices: &[(&str, T)],
) -> Result<T> {
    choices
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, choice)| *choice)
        .ok_or_else(|| Error::Data {
            path: file.into(),
            line,
            reason: format!("unknown {column} {value:?}"),
        })
}

/// A `strength` column: `strong` (true) or `weak` (false).
pub(crate) fn strength(file: &str, row: &Row, index: usize) -> Result<bool> {
    choice(
        file,
        row,
        index,
        "strength",
        &[("strong", true), ("weak", false)],
    )
}

/// Level of a Chinese administrative division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// A province, autonomous region or municipality (河南省, 北京市).
    Province,
    /// A prefecture-level division (焦作市).
    Prefecture,
    /// A county-level division: county, district or county-level city (修武县, 东城区).
    County,
    /// A township, town or subdistrict (城关镇, 东城街道).
    Township,
}

/// One administrative division of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Its code, as long as its level needs (41 河南省, 4108 焦作市, 410821 修武县).
    pub code: String,
    /// Its full name, with the level suffix (焦作市).
    pub name: String,
    /// Its administrative level.
    pub level: Level,
    /// The code of the division it lies in; none for a province.
    pub parent: Option<String>,
    /// The form news uses without the level suffix (河南, 焦作, 修武).
    pub short: Option<String>,
}

/// The trigger words of `data/event_triggers.tsv` (its first column; the detector checks the
/// rest when it loads).
pub(crate) fn event_trigger_words() -> Vec<&'static str> {
    let columns = ["trigger", "type", "strength"];
    borrowed_rows("data/event_triggers.tsv", EVENT_TRIGGERS_TSV, &columns)
        .map(|rows| rows.map(|(_, fields)| fields[0]).collect())
        .unwrap_or_default()
}

/// The full names of the divisions of the embedded gazetteer (焦作市, 修武县 …), parsed once.
pub(crate) fn division_names() -> &'static HashSet<String> {
    static NAMES: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| divisions().iter().map(|d| d.name.clone()).collect())
}

/// The divisions of the embedded gazetteer, parsed once (for the graph and the store, which
/// hold no [`Lexicons`]).
pub fn divisions() -> &'static [Division] {
    static DIVISIONS: std::sync::OnceLock<Vec<Division>> = std::sync::OnceLock::new();
    DIVISIONS
        .get_or_init(|| parse_gazetteer("data/gazetteer.tsv", GAZETTEER_TSV).unwrap_or_default())
}

/// Parses `gazetteer.tsv` (`code`, `name`, `level`, `parent`, `short`; `-` for none).
pub(crate) fn parse_gazetteer(file: &str, text: &str) -> Result<Vec<Division>> {
    let none = |s: &str| (s != "-").then(|| s.to_owned());
    parse_tsv(file, text, &["code", "name", "level", "parent", "short"])?
        .into_iter()
        .map(|row| {
            let level = choice(
                file,
                &row,
                2,
                "level",
                &[
                    ("province", Level::Province),
                    ("prefecture", Level::Prefecture),
                    ("county", Level::County),
                    ("township", Level::Township),
                ],
            )?;
            Ok(Division {
                code: row.fields[0].clone(),
                name: row.fields[1].clone(),
                level,
                parent: none(&row.fields[3]),
                short: none(&row.fields[4]),
            })
        })
        .collect()
}

/// A surface form with its kind and canonical name (`places_world.tsv`, `organizations.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The form written in text (日本国, 中共).
    pub name: String,
    /// What it is: country, city, region … for places; party, government, company … for
    /// organizations.
    pub kind: String,
    /// The name it stands for (日本, 中国共产党); the name itself when already canonical.
    pub canonical: String,
}

fn parse_named(file: &str, text: &str) -> Result<Vec<Named>> {
    Ok(parse_tsv(file, text, &["name", "kind", "canonical"])?
        .into_iter()
        .map(|row| Named {
            name: row.fields[0].clone(),
            kind: row.fields[1].clone(),
            canonical: row.fields[2].clone(),
        })
        .collect())
}

/// An organization suffix; a weak one needs a place or organization before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSuffix {
    /// The suffix as written (委员会, 局, 有限公司).
    pub suffix: String,
    /// The kind of organization it marks (committee, government, company …).
    pub kind: String,
    /// True when the suffix alone marks an organization after a proper name (有限公司); false when
    /// it needs a place or organization before it (局).
    pub strong: bool,
}

fn parse_org_suffixes(file: &str, text: &str) -> Result<Vec<OrgSuffix>> {
    parse_tsv(file, text, &["suffix", "kind", "strength"])?
        .into_iter()
        .map(|row| {
            let strong = strength(file, &row, 2)?;
            Ok(OrgSuffix {
                suffix: row.fields[0].clone(),
                kind: row.fields[1].clone(),
                strong,
            })
        })
        .collect()
}

/// How senior a title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    /// Leads a body (书记, 主任, 局长).
    Head,
    /// Second to the head (副书记, 副主任).
    Deputy,
    /// Member of a leading body (常委, 政治局委员, 董事).
    Member,
    /// Below the leadership, or a profession (调研员, 秘书, 记者, 医生).
    Staff,
}

/// An official or professional title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title as written (副主任).
    pub title: String,
    /// How senior it is.
    pub rank: Rank,
    /// Where it is held: party, government, legislature, media …; `other` for bare titles
    /// (主席, 院长) whose organization decides.
    pub sector: String,
}

fn parse_titles(file: &str, text: &str) -> Result<Vec<Title>> {
    parse_tsv(file, text, &["title", "rank", "sector"])?
        .into_iter()
        .map(|row| {
            let rank = choice(
                file,
                &row,
                1,
                "rank",
                &[
                    ("head", Rank::Head),
                    ("deputy", Rank::Deputy),
                    ("member", Rank::Member),
                    ("staff", Rank::Staff),
                ],
            )?;
            Ok(Title {
                title: row.fields[0].clone(),
                rank,
                sector: row.fields[2].clone(),
            })
        })
        .collect()
}

/// A title that names its own organization (外长 → 部长 @ 外交部), from `title_posts.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitlePost {
    /// The title as written (外长).
    pub title: String,
    /// The title as the post's (部长).
    pub post: String,
    /// The organization it belongs to, as `organizations.tsv` names it (外交部).
    pub body: String,
}

fn parse_title_posts(file: &str, text: &str) -> Result<HashMap<String, TitlePost>> {
    Ok(parse_tsv(file, text, &["title", "post", "body"])?
        .into_iter()
        .map(|mut row| {
            let body = row.fields.pop().unwrap_or_default();
            let post = row.fields.pop().unwrap_or_default();
            let title = row.fields.pop().unwrap_or_default();
            (title.clone(), TitlePost { title, post, body })
        })
        .collect())
}

/// A word that signals a person name right before (`Before`) or after (`After`) it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The cue word (说, 记者).
    pub cue: String,
    /// True when the cue follows the name (张三表示), false when it precedes it (记者张三).
    pub after_name: bool,
    /// What sort of cue it is: speech, group, honorific, action, role or other.
    pub kind: String,
}

fn parse_cues(file: &str, text: &str) -> Result<Vec<Cue>> {
    parse_tsv(file, text, &["cue", "side", "kind"])?
        .into_iter()
        .map(|row| {
            let after_name = choice(file, &row, 1, "side", &[("after", true), ("before", false)])?;
            Ok(Cue {
                cue: row.fields[0].clone(),
                after_name,
                kind: row.fields[2].clone(),
            })
        })
        .collect()
}

/// Every lexicon the pipeline uses, loaded once and shared.
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// Chinese surnames (`surnames.tsv`).
    pub surnames: Surnames,
    /// China's administrative divisions (`gazetteer.tsv`), indexed by [`Lexicons::divisions`].
    pub gazetteer: Vec<Division>,
    /// Countries and other places of the world with their canonical names (日本国 → 日本).
    pub places_world: Vec<Named>,
    /// Place-name suffixes (村, 小区, 湖 …) with their kind.
    pub place_suffixes: Vec<(String, String)>,
    /// Known organizations and their other names (中共 → 中国共产党).
    pub organizations: Vec<Named>,
    /// Organization-name suffixes (委员会, 局, 有限公司), strong or weak.
    pub org_suffixes: Vec<OrgSuffix>,
    /// Official and professional titles, with rank and sector.
    pub titles: Vec<Title>,
    /// Titles that name their organization, by title.
    pub title_posts: HashMap<String, TitlePost>,
    /// Words that signal a person name next to them (说, 记者).
    pub cues: Vec<Cue>,
    /// Words that look like names but are not.
    pub not_names: HashSet<String>,
    /// Characters used to transliterate foreign names.
    pub transliteration: HashSet<char>,
    /// Well-known people, recognized whatever jieba tags them.
    pub people: HashSet<String>,
    /// One-character place abbreviations (美 → 美国) for compounds such as 中美, 访华.
    pub place_abbreviations: HashMap<char, String>,
    /// Japanese family names (桥本, 佐佐木).
    pub japanese_surnames: HashSet<String>,
    /// Tables derived from third-party lexicons (name statistics, word classes, names).
    pub derived: Derived,
    /// The gazetteer indexed, built on first use.
    divisions: std::sync::OnceLock<Divisions>,
}

/// The gazetteer indexed by name (full and short), by code and by parent: regions are located
/// for every article whose region is inferred, so lookups must not scan the 44,000 divisions.
#[derive(Debug, Clone, Default)]
pub struct Divisions {
    by_name: HashMap<String, Vec<usize>>,
    by_code: HashMap<String, usize>,
    children: HashMap<String, Vec<usize>>,
    /// Divisions that are zones (示范区, 开发区, 高新区 …).
    zones: Vec<usize>,
    /// The zones below each division (at any depth), by the division's code: asked for every
    /// region an article names, so walked once here rather than per region.
    zones_below: HashMap<String, Vec<usize>>,
}

impl Divisions {
    fn new(gazetteer: &[Division]) -> Divisions {
        let mut index = Divisions::default();
        for (i, d) in gazetteer.iter().enumerate() {
            index.by_name.entry(d.name.clone()).or_default().push(i);
            if let Some(short) = &d.short {
                index.by_name.entry(short.clone()).or_default().push(i);
            }
            index.by_code.insert(d.code.clone(), i);
            if let Some(parent) = &d.parent {
                index.children.entry(parent.clone()).or_default().push(i);
            }
            if words::zone_suffixes().iter().any(|z| d.name.ends_with(z)) {
                index.zones.push(i);
            }
        }
        for &zone in &index.zones {
            let mut at = gazetteer[zone].parent.as_deref();
            // (A cycle of parent codes in a broken gazetteer would stop at the depth bound.)
            for _ in 0..gazetteer.len() {
                let Some(code) = at else { break };
                index
                    .zones_below
                    .entry(code.to_owned())
                    .or_default()
                    .push(zone);
                at = index
                    .coded(code)
                    .and_then(|i| gazetteer[i].parent.as_deref());
            }
        }
        index
    }

    /// The zones below the division with `code`, at any depth.
    pub(crate) fn zones_below(&self, code: &str) -> &[usize] {
        self.zones_below.get(code).map_or(&[], Vec::as_slice)
    }

    /// Divisions named `name`, in full or short form.
    pub fn named(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The division with `code`.
    pub(crate) fn coded(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// The divisions right below the one with `code`.
    pub fn children(&self, code: &str) -> &[usize] {
        self.children.get(code).map_or(&[], Vec::as_slice)
    }
}

impl Lexicons {
    /// True when `canonical` is a country of `places_world.tsv` other than China: a place whose
    /// titles (外长, 国防部长) are not our bodies'.
    pub(crate) fn is_foreign_country(&self, canonical: &str) -> bool {
        canonical != "中国"
            && self
                .places_world
                .iter()
                .any(|p| p.kind == "country" && p.canonical == canonical)
    }

    /// The lexicons shipped in `data/`, compiled into the binary.
    pub fn embedded() -> Result<Lexicons> {
        let first_column = |file: &str, text: &str, columns: &[&str]| -> Result<Vec<String>> {
            Ok(parse_tsv(file, text, columns)?
                .into_iter()
                .map(|mut row| row.fields.swap_remove(0))
                .collect())
        };
        let derived = Derived::embedded()?;
        words::check()?;
        Ok(Lexicons {
            surnames: Surnames::parse("data/surnames.tsv", SURNAMES_TSV)?,
            gazetteer: parse_gazetteer("data/gazetteer.tsv", GAZETTEER_TSV)?,
            places_world: parse_named("data/places_world.tsv", PLACES_WORLD_TSV)?,
            place_suffixes: parse_tsv(
                "data/place_suffixes.tsv",
                PLACE_SUFFIXES_TSV,
                &["suffix", "kind"],
            )?
            .into_iter()
            .map(|row| (row.fields[0].clone(), row.fields[1].clone()))
            .collect(),
            organizations: parse_named("data/organizations.tsv", ORGANIZATIONS_TSV)?,
            org_suffixes: parse_org_suffixes("data/org_suffixes.tsv", ORG_SUFFIXES_TSV)?,
            titles: parse_titles("data/titles.tsv", TITLES_TSV)?,
            title_posts: parse_title_posts("data/title_posts.tsv", TITLE_POSTS_TSV)?,
            cues: parse_cues("data/person_cues.tsv", PERSON_CUES_TSV)?,
            not_names: first_column("data/not_names.tsv", NOT_NAMES_TSV, &["word", "reason"])?
                .into_iter()
                .collect(),
            transliteration: first_column(
                "data/transliteration.tsv",
                TRANSLITERATION_TSV,
                &["char"],
            )?
            .iter()
            .chain(&derived.transliteration)
            .filter_map(|c| c.chars().next())
            .collect(),
            people: first_column("data/people.tsv", PEOPLE_TSV, &["name"])?
                .into_iter()
                .collect(),
            place_abbreviations: parse_tsv(
                "data/place_abbreviations.tsv",
                PLACE_ABBREVIATIONS_TSV,
                &["abbreviation", "canonical"],
            )?
            .into_iter()
            .filter_map(|row| Some((row.fields[0].chars().next()?, row.fields[1].clone())))
            .collect(),
            japanese_surnames: first_column(
                "data/japanese_surnames.tsv",
                JAPANESE_SURNAMES_TSV,
                &["surname"],
            )?
            .into_iter()
            .collect(),
            derived,
            divisions: std::sync::OnceLock::new(),
        })
    }

    /// The gazetteer's index.
    pub fn divisions(&self) -> &Divisions {
        self.divisions
            .get_or_init(|| Divisions::new(&self.gazetteer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_load() {
        let lex = Lexicons::embedded().unwrap();
        assert_eq!(lex.surnames.prefix_len("郭树勋"), Some(1));
        assert_eq!(lex.surnames.prefix_len("欧阳夏丹"), Some(2));
        assert_eq!(lex.surnames.prefix_len("日前"), None);
        let jiaozuo = lex.gazetteer.iter().find(|d| d.name == "焦作市").unwrap();
        assert_eq!(
            (jiaozuo.level, jiaozuo.short.as_deref()),
            (Level::Prefecture, Some("焦作"))
        );
        assert!(lex
            .titles
            .iter()
            .any(|t| t.title == "副主任" && t.rank == Rank::Deputy));
        assert!(lex
            .org_suffixes
            .iter()
            .any(|s| s.suffix == "党工委" && s.strong));
        assert!(lex.transliteration.contains(&'克'));
    }

    /// A title that names its organization must be a title we read, and its body an
    /// organization we know, or the post it stands for could never be made.
    #[test]
    fn title_posts_name_known_titles_and_organizations() {
        let lex = Lexicons::embedded().unwrap();
        for tp in lex.title_posts.values() {
            assert!(
                lex.titles.iter().any(|t| t.title == tp.title),
                "{}",
                tp.title
            );
            assert!(lex.titles.iter().any(|t| t.title == tp.post), "{}", tp.post);
            assert!(
                lex.organizations.iter().any(|o| o.name == tp.body),
                "{}",
                tp.body
            );
        }
    }

    #[test]
    fn bad_rows_name_their_line() {
        let err =
            Surnames::parse("x.tsv", "# c\nsurname\tkind\n王\tsingle\n欧阳\tsingle\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.tsv:4: \"欧阳\" does not fit kind \"single\""
        );
        let err =
            parse_titles("t.tsv", "title\trank\tsector\n主任\tboss\tgovernment\n").unwrap_err();
        assert_eq!(err.to_string(), "t.tsv:2: unknown rank \"boss\"");
        let err = parse_tsv("y.tsv", "a\tb\nonly-one\n", &["a", "b"]).unwrap_err();
        assert!(err.to_string().starts_with("y.tsv:2:"), "{err}");
    }
}
