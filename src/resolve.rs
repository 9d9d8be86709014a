//! Resolution of names relative to the paper's home region (`--region`): 我市 is the paper's city,
//! 市委 its party committee, 省人大常委会 the provincial congress of its province.
//!
//! Without `--region`, each article's own region is inferred from the divisions it names
//! (`Region::infer`); where none fits, nothing is invented: relative names keep their surface
//! form, and 我市-style references are not entities at all.

use crate::lexicon::words;
use std::sync::Arc;

use crate::lexicon::{Division, Level, Lexicons};
use crate::recognize::{Mention, MentionKind};

/// The paper's home region, located in the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    /// The division's full name (焦作市).
    pub name: String,
    /// Its administrative level.
    pub level: Level,
    /// The province it lies in (itself for a province).
    pub province: Option<String>,
    /// The prefecture-level division it lies in (itself for a prefecture), for 市委 in a
    /// county's news.
    pub prefecture: Option<String>,
    /// The zones below it (焦作城乡一体化示范区), for names like 示范区 that are unique only
    /// inside it.
    zones: Vec<String>,
}

/// Checks a region the user names (`--region`): a division of the gazetteer by its full or
/// short name, else an error that suggests the names one character away (焦做市 → 焦作市), so a
/// typo is not silently an article without a home area.
pub fn check_region(name: &str) -> crate::error::Result<()> {
    let divisions = crate::lexicon::divisions();
    let known = divisions
        .iter()
        .any(|d| d.name == name || d.short.as_deref() == Some(name));
    if known {
        return Ok(());
    }
    let typed: Vec<char> = name.chars().collect();
    let one_off = |candidate: &str| {
        let chars: Vec<char> = candidate.chars().collect();
        chars.len() == typed.len() && chars.iter().zip(&typed).filter(|(a, b)| a != b).count() == 1
    };
    let mut near: Vec<&str> = divisions
        .iter()
        .map(|d| d.name.as_str())
        .filter(|n| one_off(n))
        .collect();
    near.sort_unstable();
    near.dedup();
    near.truncate(5);
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", near.join(", "))
    };
    Err(crate::error::Error::Invalid(format!(
        "--region {name:?}: no division of that name in the gazetteer{hint}"
    )))
}

impl Region {
    /// Finds `name` (full, 焦作市, or short, 焦作) in the gazetteer; the highest level wins when
    /// a name is ambiguous.
    pub fn find(name: &str, lexicons: &Lexicons) -> Option<Region> {
        let gazetteer = &lexicons.gazetteer;
        let index = lexicons.divisions();
        let division = index
            .named(name)
            .iter()
            .map(|&i| &gazetteer[i])
            .min_by_key(|d| (d.level, d.name != name))?;
        let by_code = |code: &str| index.coded(code).map(|i| &gazetteer[i]);
        let mut province = division;
        let mut prefecture = (division.level == Level::Prefecture).then(|| division.name.clone());
        while let Some(parent) = province.parent.as_deref().and_then(by_code) {
            if parent.level == Level::Prefecture {
                prefecture = Some(parent.name.clone());
            }
            province = parent;
        }
        Some(Region {
            name: division.name.clone(),
            level: division.level,
            province: Some(province.name.clone()),
            prefecture,
            zones: zones_below(lexicons, division),
        })
    }

    /// The region an article is about, from the divisions it names, for the relative names it
    /// uses: an article that speaks of 县委 or 我县 is in the county it names first in its
    /// opening (else most often); 市委 or 我市, a city; 省委, a province. `division` locates a
    /// named place in the gazetteer.
    pub(crate) fn infer<'l>(
        title: &str,
        text: &[char],
        places: impl IntoIterator<Item = (usize, &'l str, &'l str)>,
        division: impl Fn(&str) -> Option<Arc<Region>>,
    ) -> Option<Arc<Region>> {
        let level = relative_level(text)?;
        let opening = opening_end(text);
        let mut best: Option<(bool, usize, usize, Arc<Region>)> = None;
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        let mut candidates = Vec::new();
        for (at, name, surface) in places {
            let Some(region) = division(name) else {
                continue;
            };
            if !region.fits(level) {
                continue;
            }
            *counts.entry(region.name.clone()).or_default() += 1;
            candidates.push((at < opening || title.contains(surface), at, region));
        }
        for (lead, at, region) in candidates {
            let key = (lead, counts[&region.name], usize::MAX - at);
            if best.as_ref().is_none_or(|b| key > (b.0, b.1, b.2)) {
                best = Some((key.0, key.1, key.2, region));
            }
        }
        best.map(|b| b.3)
    }

    /// True when this region can stand for relative names of `level`: a county for 县/区, a
    /// city (of prefecture or county level) for 市, a province for 省.
    fn fits(&self, level: char) -> bool {
        match level {
            '省' => self.level == Level::Province,
            '市' => {
                self.level == Level::Prefecture
                    || (self.level == Level::County && self.name.ends_with('市'))
            }
            c => self.level == Level::County && self.name.ends_with(c),
        }
    }

    /// The place a self-reference (我市, 本省) means, if it fits this region.
    pub(crate) fn self_reference(&self, word: &str) -> Option<String> {
        let (_, level) = words::self_references().iter().find(|(w, _)| *w == word)?;
        let relative = word.chars().nth(1)?;
        match level {
            Level::Province => self.province.clone(),
            _ => self.base(relative),
        }
    }

    /// The division a relative name opening with `relative` (市, 县, 区, 省) means here: the
    /// region itself when its name ends so (焦作市 for 市, 灵川县 for 县), the city it lies in
    /// for 市, its province for 省.
    fn base(&self, relative: char) -> Option<String> {
        match relative {
            '省' => self.province.clone(),
            c if self.name.ends_with(c) && matches!(c, '市' | '县' | '区') => {
                Some(self.name.clone())
            }
            '市' => self.prefecture.clone().filter(|p| p.ends_with('市')),
            _ => None,
        }
    }

    /// The full name of a region-relative organization or place: 市委 → 焦作市委,
    /// 省人大常委会 → 河南省人大常委会, 示范区 → 焦作城乡一体化示范区. `None` when the surface is not
    /// relative or does not fit this region.
    pub(crate) fn expand(&self, surface: &str) -> Option<String> {
        if let Some(zone) = words::zone_suffixes()
            .iter()
            .find(|z| surface.starts_with(*z))
        {
            let mut matches = self.zones.iter().filter(|d| d.ends_with(zone));
            let only = matches.next()?;
            let rest = &surface[zone.len()..];
            return matches.next().is_none().then(|| format!("{only}{rest}"));
        }
        let mut chars = surface.chars();
        let first = chars.next()?;
        let rest = chars.as_str();
        if rest.is_empty() || !opens_relative(surface) {
            return None;
        }
        Some(format!("{}{rest}", self.base(first)?))
    }

    /// Adds the words that refer to this region or a zone in it (我市, 本省, 示范区) as place
    /// mentions, where no other mention covers them.
    pub(crate) fn add_references(&self, mentions: &mut Vec<Mention>, chars: &[char]) {
        for (start, end, place) in self.references(chars) {
            if mentions.iter().any(|m| m.start < end && start < m.end) {
                continue;
            }
            mentions.push(Mention {
                kind: MentionKind::Place,
                start,
                end,
                surface: chars[start..end].iter().collect(),
                canonical: place,
                parent: None,
            });
        }
        mentions.sort_by_key(|m| (m.start, m.end));
    }

    /// Completes the organizations and places named relative to this region (市委 →
    /// 焦作市委, 示范区 → 焦作城乡一体化示范区).
    pub(crate) fn expand_mentions(&self, mentions: &mut [Mention]) {
        let named =
            |m: &&mut Mention| matches!(m.kind, MentionKind::Organization | MentionKind::Place);
        for mention in mentions.iter_mut().filter(named) {
            if let Some(full) = self.expand(&mention.canonical) {
                mention.canonical = full;
            }
        }
    }

    /// Words in `text` that refer to the region (我市 …) or a zone in it (示范区), with their
    /// character spans and the canonical place.
    pub(crate) fn references(&self, chars: &[char]) -> Vec<(usize, usize, String)> {
        let mut found = Vec::new();
        let words = words::self_references()
            .iter()
            .map(|(w, _)| *w)
            .chain(words::zone_suffixes().iter().copied());
        let words: Vec<(Vec<char>, &str)> = words.map(|w| (w.chars().collect(), w)).collect();
        let mut i = 0;
        while i < chars.len() {
            let hit = words.iter().find(|(w, _)| chars[i..].starts_with(w));
            match hit.and_then(|(w, word)| {
                let place = self.self_reference(word).or_else(|| self.expand(word))?;
                Some((w.len(), place))
            }) {
                Some((len, place)) => {
                    found.push((i, i + len, place));
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// The levels of division that open a name relative to where the paper or the article is:
/// 省委, 市委, 区城管局, 县政府, 镇政府, 乡卫生院, 村委会. Recognition reads such names as
/// organizations of the region; the graph keeps them apart per region.
pub(crate) const RELATIVE_LEVELS: &[char] = &['省', '市', '区', '县', '镇', '乡', '村'];

/// The levels a paper's region can have (the gazetteer's provinces, cities, counties and
/// districts): a name opening with one of them can be expanded to its full name.
const REGION_LEVELS: [char; 4] = ['省', '市', '区', '县'];

/// True when `name` opens with a level of division ([`RELATIVE_LEVELS`]), so that it means a
/// different body in each region (市委, 村委会) and must not be merged across regions.
pub(crate) fn is_relative_name(name: &str) -> bool {
    name.starts_with(RELATIVE_LEVELS)
}

/// True when `word` opens with 市, 县, 区 or 省 as a division (市委, 县政府), not as part of an
/// ordinary word (市场, 区域): a name [`Region::expand`] can complete.
pub(crate) fn opens_relative(word: &str) -> bool {
    word.starts_with(REGION_LEVELS) && !words::not_relative().iter().any(|w| word.starts_with(w))
}

/// The most local level of relative name the text uses (县 or 区 before 市 before 省).
fn relative_level(text: &[char]) -> Option<char> {
    let mut found: Vec<char> = Vec::new();
    for i in 0..text.len() {
        if !"县区市省我本全".contains(text[i]) {
            continue;
        }
        for (word, level) in words::relative_words() {
            let mut chars = word.chars();
            if chars.next() == Some(text[i])
                && chars
                    .enumerate()
                    .all(|(k, c)| text.get(i + 1 + k) == Some(&c))
            {
                found.push(*level);
            }
        }
    }
    ['县', '区', '市', '省']
        .into_iter()
        .find(|l| found.contains(l))
}

/// Where an article's opening ends: its first two sentences.
fn opening_end(text: &[char]) -> usize {
    text.iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, '。' | '！' | '？' | '\n'))
        .map(|(i, _)| i)
        .nth(1)
        .unwrap_or(text.len())
}

/// The zones below `root` (the divisions whose names end like 示范区 or 开发区): what a paper's
/// bare 示范区 can mean.
fn zones_below(lexicons: &Lexicons, root: &Division) -> Vec<String> {
    let gazetteer = &lexicons.gazetteer;
    let mut zones: Vec<String> = lexicons
        .divisions()
        .zones_below(&root.code)
        .iter()
        .map(|&i| gazetteer[i].name.clone())
        .collect();
    zones.sort();
    zones
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_misspelt_region_is_an_error_that_suggests_the_name() {
        assert!(super::check_region("焦作市").is_ok());
        assert!(super::check_region("焦作").is_ok());
        let error = super::check_region("焦做市").unwrap_err().to_string();
        assert!(
            error.contains("did you mean") && error.contains("焦作市"),
            "{error}"
        );
    }

    use super::*;

    fn jiaozuo() -> Region {
        Region::find("焦作市", &Lexicons::embedded().unwrap()).unwrap()
    }

    #[test]
    fn region_knows_its_province() {
        let r = jiaozuo();
        assert_eq!(r.level, Level::Prefecture);
        assert_eq!(r.province.as_deref(), Some("河南省"));
        assert_eq!(
            Region::find("焦作", &Lexicons::embedded().unwrap())
                .unwrap()
                .name,
            "焦作市"
        );
    }

    #[test]
    fn relative_names_expand() {
        let r = jiaozuo();
        assert_eq!(r.expand("市委").as_deref(), Some("焦作市委"));
        assert_eq!(
            r.expand("省人大常委会").as_deref(),
            Some("河南省人大常委会")
        );
        assert_eq!(r.expand("示范区").as_deref(), Some("焦作城乡一体化示范区"));
        assert_eq!(
            r.expand("示范区党工委").as_deref(),
            Some("焦作城乡一体化示范区党工委")
        );
        assert_eq!(
            r.expand("区城管局"),
            None,
            "a city's paper: 区 is not the city"
        );
        assert_eq!(r.self_reference("我市").as_deref(), Some("焦作市"));
        assert_eq!(r.self_reference("我县"), None);
    }

    #[test]
    fn a_county_s_relative_names() {
        let lexicons = Lexicons::embedded().unwrap();
        let county = Region::find("灵川县", &lexicons).unwrap();
        assert_eq!(county.expand("县委").as_deref(), Some("灵川县委"));
        assert_eq!(county.expand("市委").as_deref(), Some("桂林市委"));
        assert_eq!(county.expand("省委").as_deref(), Some("广西壮族自治区委"));
        assert_eq!(county.expand("市场监督管理局"), None, "市场 is no city");
        assert_eq!(county.self_reference("我县").as_deref(), Some("灵川县"));
    }

    #[test]
    fn the_region_an_article_names_in_its_opening() {
        let lexicons = Lexicons::embedded().unwrap();
        let division = |name: &str| Region::find(name, &lexicons).map(Arc::new);
        let text: Vec<char> = "灵川县召开会议。县委书记赵奇玲出席。桂林市领导到会。"
            .chars()
            .collect();
        let places = [(0, "灵川县", "灵川县"), (18, "桂林市", "桂林市")];
        let region = Region::infer("", &text, places, division).unwrap();
        assert_eq!(region.name, "灵川县");
        // No relative name, no region.
        let plain: Vec<char> = "灵川县召开会议。".chars().collect();
        assert!(Region::infer("", &plain, [(0, "灵川县", "灵川县")], division).is_none());
    }
}
