//! The small word lists the stages' rules consult (byline roles, page furniture, cue words of
//! events, posts, places and organizations, region references), read from `data/words.tsv`.
//!
//! They are data, not code: a reader can see and extend every list in one readable file
//! without touching a rule. Each list is reached through the function of its name below; the
//! file is checked when the lexicons load ([`check`]): a list the code asks for must be in the
//! file, and every list in the file must be one the code knows, so a misspelt list name is an
//! error naming its line rather than an empty list.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::layout::CreditRole;
use crate::lexicon::Level;
use crate::recognize::posts::Change;

const FILE: &str = "data/words.tsv";
const WORDS_TSV: &str = include_str!("../../data/words.tsv");

/// One word of a list and the value it gives as written (`-` where the list has none).
type Entry = (&'static str, &'static str);

/// Declares the lists: a function per list returning its words in file order, and `LISTS`,
/// the names the file is checked against.
macro_rules! lists {
    (words { $($(#[$doc:meta])* $name:ident,)* } valued { $($valued:ident,)* }) => {
        const LISTS: &[&str] = &[$(stringify!($name),)* $(stringify!($valued),)*];
        $(
            $(#[$doc])*
            pub(crate) fn $name() -> &'static [&'static str] {
                static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
                WORDS.get_or_init(|| entries(stringify!($name)).iter().map(|e| e.0).collect())
            }
        )*
        #[cfg(test)]
        fn every_list() -> Vec<(&'static str, usize)> {
            vec![$((stringify!($name), $name().len()),)* $((stringify!($valued), $valued().len()),)*]
        }
    };
}

lists! {
    words {
        /// News agencies and the paper itself, named before a byline's role word.
        news_agencies,
        /// Words that open a page's staff line (责任编辑, 校对).
        page_staff_words,
        /// Page section names printed in a page's header (要闻, 本地新闻).
        page_sections,
        /// Words allowed between a casualty verb and its count (均, 已).
        count_between,
        /// Words allowed right after a count's unit (人数, 病例).
        count_after,
        /// Openings of a sentence that goes on with the event just told (调研中, 会上).
        event_continuations,
        /// Words of a briefing given at an event (汇报, 介绍).
        briefings,
        /// Nouns a trigger can head without becoming a mere modifier (仪式, 活动).
        event_heads,
        /// Words that make a trigger a plan, an aim or a denial (计划, 将, 防止).
        modality_words,
        /// Verbs of speech that introduce what was said at an event (强调, 指出).
        speech_verbs,
        /// Nouns after an incident word that make it a topic (隐患, 防治).
        nominal_followers,
        /// Words that may follow a person name and are never part of it (同志, 一行).
        name_tails,
        /// Forms of address after a surname (先生, 老师, 某).
        honorifics,
        /// Verbs that put a person in a post (任, 担任, 当选为).
        appointment_verbs,
        /// Verbs that take a person out of a post (不再担任, 辞去).
        removal_verbs,
        /// Party bodies inside an organization (党委, 党组).
        party_bodies,
        /// Place words that name no particular place (社区, 当地).
        generic_places,
        /// Words after a run of one-character country abbreviations (关系, 两国).
        after_abbreviations,
        /// Words that look like country abbreviations and are not (美德, 新华).
        not_abbreviations,
        /// Words before a one-character country abbreviation (访, 驻).
        before_abbreviations,
        /// Words ending like a street that name none (公路, 思路).
        generic_streets,
        /// Verbs that can be part of an organization's name (创新, 监督).
        name_verbs,
        /// Autonomous divisions named by their kind alone (自治区).
        autonomous_kinds,
        /// Words after a place that make no organization's name (政府, 企业).
        generic_after_place,
        /// Words before an organization suffix that make no name of their own (临时, 各级).
        generic_org_prefixes,
        /// Gatherings that end like an organization and are not event triggers (茶话会).
        gatherings,
        /// Words never part of a name however tagged (日电, 本报讯, 见图).
        not_name_material,
        /// Local divisions below a county whose bodies are named after them (村, 社区).
        local_levels,
        /// Bodies attached to an organization and named after it (党组, 纪委).
        attached_bodies,
        /// Titles of a ministry's or department's head (部长, 局长).
        ministry_heads,
        /// Levels of township and village divisions (街道, 镇).
        place_levels,
        /// Openings of the names of central bodies (中共中央, 国务院).
        central_openings,
        /// Words that open with 市, 县, 区 or 省 without naming a division (市场, 区域).
        not_relative,
        /// Names that zones of the gazetteer end with (示范区, 开发区).
        zone_suffixes,
    }
    valued {
        credit_roles,
        government_heads,
        post_changes,
        self_references,
        relative_words,
    }
}

/// Declares a list whose words each give a value: a function returning `(word, value)` pairs,
/// converted once; [`check`] converts every list so a bad value is an error when the lexicons
/// load.
macro_rules! valued {
    ($($(#[$doc:meta])* $name:ident -> $ty:ty = $convert:expr;)*) => {
        $(
            $(#[$doc])*
            pub(crate) fn $name() -> &'static [(&'static str, $ty)] {
                static PAIRS: OnceLock<Vec<(&'static str, $ty)>> = OnceLock::new();
                PAIRS.get_or_init(|| convert(stringify!($name), $convert).unwrap_or_default())
            }
        )*
        /// Converts every valued list, for [`check`].
        fn check_values() -> Result<()> {
            $(convert(stringify!($name), $convert)?;)*
            Ok(())
        }
    };
}

valued! {
    /// Byline role words and the credit they give (记者 → reporter), longest first so 本报记者
    /// wins over 记者.
    credit_roles -> CreditRole = |value| match value {
        "reporter" => Some(CreditRole::Reporter),
        "correspondent" => Some(CreditRole::Correspondent),
        "photographer" => Some(CreditRole::Photographer),
        "editor" => Some(CreditRole::Editor),
        _ => None,
    };
    /// Heads of government and the level of division they head (省长 → 省).
    government_heads -> char = level_character;
    /// Words of a change of post: whether it starts or ends one (任命 start, 免去 end).
    post_changes -> Change = |value| match value {
        "start" => Some(Change::Start),
        "end" => Some(Change::End),
        _ => None,
    };
    /// Words by which a paper names its own region, and the level the region must have
    /// (我市 → prefecture).
    self_references -> Level = |value| match value {
        "province" => Some(Level::Province),
        "prefecture" => Some(Level::Prefecture),
        "county" => Some(Level::County),
        _ => None,
    };
    /// Words naming bodies or places relative to the region, and the level they need
    /// (县委 → 县).
    relative_words -> char = level_character;
}

/// A level written as its one character (省, 市, 县, 区, 州, 镇, 乡).
fn level_character(value: &str) -> Option<char> {
    let mut chars = value.chars();
    let level = chars.next().filter(|c| "省市县区州镇乡".contains(*c))?;
    chars.next().is_none().then_some(level)
}

/// The entries of `list` with their values converted; a value `convert` refuses is an error
/// naming its line.
fn convert<T>(list: &str, convert: fn(&str) -> Option<T>) -> Result<Vec<(&'static str, T)>> {
    entries(list)
        .iter()
        .map(|&(word, value)| match convert(value) {
            Some(value) => Ok((word, value)),
            None => Err(Error::Data {
                path: FILE.into(),
                line: line_of(list, word),
                reason: format!("{list} {word}: unknown value {value:?}"),
            }),
        })
        .collect()
}

/// The lists of `data/words.tsv` by name, each in file order.
fn parse(text: &'static str) -> Result<HashMap<&'static str, Vec<Entry>>> {
    let mut lists: HashMap<&'static str, Vec<Entry>> = HashMap::new();
    for (line, fields) in super::borrowed_rows(FILE, text, &["list", "word", "value"])? {
        let list = fields[0];
        if !LISTS.contains(&list) {
            return Err(Error::Data {
                path: FILE.into(),
                line,
                reason: format!("unknown list {list:?}"),
            });
        }
        lists.entry(list).or_default().push((fields[1], fields[2]));
    }
    match LISTS.iter().find(|name| !lists.contains_key(*name)) {
        Some(missing) => Err(Error::Invalid(format!(
            "{FILE}: no words for the list {missing:?}"
        ))),
        None => Ok(lists),
    }
}

/// Checks the embedded file: called when the lexicons load, so a broken list is an error then.
pub(crate) fn check() -> Result<()> {
    parse(WORDS_TSV)?;
    check_values()
}

/// The entries of list `name` (empty only if the embedded file failed [`check`]).
fn entries(name: &str) -> &'static [Entry] {
    static PARSED: OnceLock<HashMap<&'static str, Vec<Entry>>> = OnceLock::new();
    PARSED
        .get_or_init(|| parse(WORDS_TSV).unwrap_or_default())
        .get(name)
        .map_or(&[], Vec::as_slice)
}

/// The line of `word` in `list`, for an error message.
fn line_of(list: &str, word: &str) -> usize {
    let row = format!("{list}\t{word}\t");
    WORDS_TSV
        .lines()
        .position(|line| line.starts_with(&row))
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_the_code_asks_for_has_words() {
        check().unwrap();
        for (name, len) in every_list() {
            assert!(len > 0, "{name} is empty");
        }
    }

    #[test]
    fn a_list_the_code_does_not_know_is_an_error_naming_its_line() {
        let text = "list\tword\tvalue\nnews_agencies\t新华社\t-\nagencies\t本报\t-\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.contains("words.tsv:3") && err.contains("agencies"),
            "{err}"
        );
    }

    #[test]
    fn a_list_missing_from_the_file_is_an_error() {
        let err = parse("list\tword\tvalue\nnews_agencies\t新华社\t-\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no words for the list"), "{err}");
    }

    #[test]
    fn lists_keep_the_file_s_order() {
        assert_eq!(news_agencies()[..2], ["本报", "新华社"]);
        assert_eq!(credit_roles()[0], ("文/图", CreditRole::Reporter));
        assert_eq!(self_references()[0], ("我市", Level::Prefecture));
    }
}
