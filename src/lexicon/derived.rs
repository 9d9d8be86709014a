//! Tables derived from third-party lexicons by `examples/lexicons.rs` (`data/hanlp/`,
//! `data/thuocl/`, `data/cedict/`; see `NOTICE`): name-role statistics, word classes, foreign
//! and Japanese names, organizations, places and public figures.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{borrowed_rows, choose};
use crate::error::{Error, Result};

const NAME_ROLES_TSV: &str = include_str!("../../data/hanlp/name_roles.tsv");
const WORD_CLASSES_TSV: &str = include_str!("../../data/hanlp/word_classes.tsv");
const FOREIGN_NAMES_TSV: &str = include_str!("../../data/hanlp/foreign_names.tsv");
const TRANSLITERATION_TSV: &str = include_str!("../../data/hanlp/transliteration.tsv");
const JAPANESE_NAMES_TSV: &str = include_str!("../../data/hanlp/japanese_names.tsv");
const ORGANIZATIONS_TSV: &str = include_str!("../../data/hanlp/organizations.tsv");
const PUBLIC_FIGURES_TSV: &str = include_str!("../../data/thuocl/public_figures.tsv");
const CEDICT_PLACES_TSV: &str = include_str!("../../data/cedict/places.tsv");
const CEDICT_PERSONS_TSV: &str = include_str!("../../data/cedict/persons.tsv");

/// A word's uses in and around person names (HanLP's role counts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RoleCounts {
    /// Uses as a token at all: as a word, and as a part of names.
    pub total: u32,
    /// Uses as a surname.
    pub surname: u32,
    /// First character of a two-character given name.
    pub first: u32,
    /// Last character of a two-character given name.
    pub last: u32,
    /// A one-character given name.
    pub single: u32,
    /// Right before a name (主席, 记者).
    pub before: u32,
    /// Right after a name (说, 同志).
    pub after: u32,
    /// Between two names (和, 、).
    pub between: u32,
}

/// A role a word can play in or around a name, for [`RoleCounts::ln_p`] (the counts before and
/// between names are read as counts, not as probabilities).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A surname.
    Surname,
    /// First character of a two-character given name.
    First,
    /// Last character of a two-character given name.
    Last,
    /// A one-character given name.
    Single,
    /// Right after a name (说, 同志).
    After,
}

impl RoleCounts {
    fn count(&self, role: Role) -> u32 {
        match role {
            Role::Surname => self.surname,
            Role::First => self.first,
            Role::Last => self.last,
            Role::Single => self.single,
            Role::After => self.after,
        }
    }

    /// ln P(role | word), smoothed so that a role never seen is unlikely, not impossible.
    pub(crate) fn ln_p(&self, role: Role) -> f32 {
        let total = self.total.max(self.count(role)) as f32;
        ((self.count(role) as f32 + 0.5) / (total + 1.0)).ln()
    }
}

/// Role counts by word, characters kept apart for lookups without allocating.
#[derive(Debug, Clone, Default)]
pub struct NameRoles {
    chars: HashMap<char, RoleCounts>,
    words: HashMap<String, RoleCounts>,
}

impl NameRoles {
    /// The counts of a single character.
    pub(crate) fn of_char(&self, c: char) -> Option<&RoleCounts> {
        self.chars.get(&c)
    }

    /// The counts of a word (or a single character).
    pub(crate) fn of_word(&self, word: &str) -> Option<&RoleCounts> {
        let mut chars = word.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => self.chars.get(&c),
            _ => self.words.get(word),
        }
    }

    fn parse(file: &str, text: &str) -> Result<NameRoles> {
        let columns = [
            "word", "total", "surname", "first", "last", "single", "before", "after", "between",
        ];
        let mut roles = NameRoles::default();
        for (line, fields) in borrowed_rows(file, text, &columns)? {
            let number = |i: usize| -> Result<u32> {
                fields[i].parse().map_err(|_| Error::Data {
                    path: file.into(),
                    line,
                    reason: format!("{} is not a count: {:?}", columns[i], fields[i]),
                })
            };
            let counts = RoleCounts {
                total: number(1)?,
                surname: number(2)?,
                first: number(3)?,
                last: number(4)?,
                single: number(5)?,
                before: number(6)?,
                after: number(7)?,
                between: number(8)?,
            };
            let mut chars = fields[0].chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    roles.chars.insert(c, counts);
                }
                _ => {
                    roles.words.insert(fields[0].to_owned(), counts);
                }
            }
        }
        Ok(roles)
    }
}

/// What HanLP's dictionary takes a word for, where jieba's tag says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// A Chinese person's name.
    Person,
    /// A transliterated foreign person's name.
    ForeignPerson,
    /// A Japanese person's name.
    JapanesePerson,
    /// A place name.
    Place,
    /// A transliterated foreign place name.
    ForeignPlace,
    /// An organization's name.
    Organization,
    /// An ordinary word (路基, 高素质) that jieba's dictionary tags as a name.
    Common,
}

impl WordClass {
    /// True for the person classes.
    pub(crate) fn is_person(self) -> bool {
        matches!(
            self,
            WordClass::Person | WordClass::ForeignPerson | WordClass::JapanesePerson
        )
    }
}

/// A part of a Japanese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JapanesePart {
    /// A family name (桥本).
    Surname,
    /// A given name.
    Given,
}

/// The derived tables, parsed.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// How often words are used in and around person names (HanLP).
    pub name_roles: NameRoles,
    /// Word → (class, uses in that class).
    pub word_classes: HashMap<String, (WordClass, u32)>,
    /// Transliterated foreign person names (HanLP).
    pub foreign_names: HashSet<String>,
    /// Characters mostly used in foreign names (joined to our hand-written list).
    pub transliteration: Vec<String>,
    /// Japanese family and given names, with which part each is (HanLP).
    pub japanese_names: HashMap<String, JapanesePart>,
    /// Organization names with their kind (company, school …).
    pub organizations: Vec<(String, String)>,
    /// Place names from CC-CEDICT.
    pub places: Vec<String>,
    /// Historical and public figures (THUOCL, CC-CEDICT).
    pub public_figures: HashSet<String>,
}

impl Derived {
    /// The tables shipped in `data/`, compiled into the binary.
    pub fn embedded() -> Result<Derived> {
        let column = |file: &str, text: &str, column: &str| -> Result<Vec<String>> {
            Ok(borrowed_rows(file, text, &[column])?
                .map(|(_, fields)| fields[0].to_owned())
                .collect())
        };
        let names = |file: &str, text: &str| column(file, text, "name");
        let places = names("data/cedict/places.tsv", CEDICT_PLACES_TSV)?;
        let mut public_figures: HashSet<String> =
            names("data/thuocl/public_figures.tsv", PUBLIC_FIGURES_TSV)?
                .into_iter()
                .collect();
        public_figures.extend(names("data/cedict/persons.tsv", CEDICT_PERSONS_TSV)?);
        Ok(Derived {
            name_roles: NameRoles::parse("data/hanlp/name_roles.tsv", NAME_ROLES_TSV)?,
            word_classes: word_classes("data/hanlp/word_classes.tsv", WORD_CLASSES_TSV)?,
            foreign_names: names("data/hanlp/foreign_names.tsv", FOREIGN_NAMES_TSV)?
                .into_iter()
                .collect(),
            transliteration: column(
                "data/hanlp/transliteration.tsv",
                TRANSLITERATION_TSV,
                "char",
            )?,
            japanese_names: japanese_names("data/hanlp/japanese_names.tsv", JAPANESE_NAMES_TSV)?,
            organizations: borrowed_rows(
                "data/hanlp/organizations.tsv",
                ORGANIZATIONS_TSV,
                &["name", "kind"],
            )?
            .map(|(_, fields)| (fields[0].to_owned(), fields[1].to_owned()))
            .collect(),
            places,
            public_figures,
        })
    }
}

fn word_classes(file: &str, text: &str) -> Result<HashMap<String, (WordClass, u32)>> {
    let classes = [
        ("person", WordClass::Person),
        ("foreign_person", WordClass::ForeignPerson),
        ("japanese_person", WordClass::JapanesePerson),
        ("place", WordClass::Place),
        ("foreign_place", WordClass::ForeignPlace),
        ("organization", WordClass::Organization),
        ("common", WordClass::Common),
    ];
    let mut out = HashMap::default();
    for (line, fields) in borrowed_rows(file, text, &["word", "class", "count"])? {
        let class = choose(file, line, fields[1], "class", &classes)?;
        let count = fields[2].parse().map_err(|_| Error::Data {
            path: file.into(),
            line,
            reason: format!("count is not a number: {:?}", fields[2]),
        })?;
        out.insert(fields[0].to_owned(), (class, count));
    }
    Ok(out)
}

fn japanese_names(file: &str, text: &str) -> Result<HashMap<String, JapanesePart>> {
    let parts = [
        ("surname", JapanesePart::Surname),
        ("given", JapanesePart::Given),
    ];
    borrowed_rows(file, text, &["name", "part"])?
        .map(|(line, fields)| {
            let part = choose(file, line, fields[1], "part", &parts)?;
            Ok((fields[0].to_owned(), part))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_tables_load_and_know_names() {
        let d = Derived::embedded().unwrap();
        let wang = d.name_roles.of_char('王').unwrap();
        assert!(
            wang.ln_p(Role::Surname) > 0.7f32.ln(),
            "王 is mostly a surname"
        );
        let zuo = d.name_roles.of_char('作').unwrap();
        assert!(
            zuo.ln_p(Role::After) > zuo.ln_p(Role::Last),
            "作 follows names"
        );
        assert_eq!(
            d.word_classes.get("路基").map(|c| c.0),
            Some(WordClass::Common)
        );
        assert!(d.foreign_names.contains("普京"));
        assert_eq!(d.japanese_names.get("桥本"), Some(&JapanesePart::Surname));
    }
}
