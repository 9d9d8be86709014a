//! Resolution of names relative to the paper's home region (`--region`): 我市 is the paper's city,
//! 市委 its party committee, 省人大常委会 the provincial congress of its province.
//!
//! Without a region nothing is invented: relative names keep their surface form, and 我市-style
//! references are not entities at all.

use crate::lexicon::{Division, Level, Lexicons};

/// The paper's home region, located in the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub name: String,
    pub level: Level,
    /// The province it lies in (itself for a province).
    pub province: Option<String>,
    /// Every division below it, by name, for names like 示范区 that are unique only inside it.
    descendants: Vec<String>,
}

/// References to the region itself: word → the level it must have.
const SELF_REFERENCES: &[(&str, Level)] = &[
    ("我市", Level::Prefecture),
    ("本市", Level::Prefecture),
    ("该市", Level::Prefecture),
    ("我省", Level::Province),
    ("本省", Level::Province),
    ("我县", Level::County),
    ("本县", Level::County),
    ("我区", Level::County),
    ("本区", Level::County),
];

/// Generic zone names a paper uses for the one zone of that kind in its region.
const ZONES: &[&str] = &["示范区", "开发区", "高新区", "新区", "经开区", "自贸区"];

impl Region {
    /// Finds `name` (full, 焦作市, or short, 焦作) in the gazetteer; the highest level wins when
    /// a name is ambiguous.
    pub fn find(name: &str, lexicons: &Lexicons) -> Option<Region> {
        let gazetteer = &lexicons.gazetteer;
        let division = gazetteer
            .iter()
            .filter(|d| d.name == name || d.short.as_deref() == Some(name))
            .min_by_key(|d| (d.level, d.name != name))?;
        let by_code = |code: &str| gazetteer.iter().find(|d| d.code == code);
        let mut province = division.clone();
        while let Some(parent) = province.parent.as_deref().and_then(by_code) {
            province = parent.clone();
        }
        let descendants = descendants(gazetteer, division);
        Some(Region {
            name: division.name.clone(),
            level: division.level,
            province: Some(province.name),
            descendants,
        })
    }

    /// The place a self-reference (我市, 本省) means, if it fits this region.
    pub fn self_reference(&self, word: &str) -> Option<String> {
        let (_, level) = SELF_REFERENCES.iter().find(|(w, _)| *w == word)?;
        match level {
            Level::Province => self.province.clone(),
            level if *level == self.level => Some(self.name.clone()),
            _ => None,
        }
    }

    /// The full name of a region-relative organization or place: 市委 → 焦作市委,
    /// 省人大常委会 → 河南省人大常委会, 示范区 → 焦作城乡一体化示范区. `None` when the surface is not
    /// relative or does not fit this region.
    pub fn expand(&self, surface: &str) -> Option<String> {
        if let Some(zone) = ZONES.iter().find(|z| surface.starts_with(*z)) {
            let mut matches = self.descendants.iter().filter(|d| d.ends_with(zone));
            let only = matches.next()?;
            let rest = &surface[zone.len()..];
            return matches.next().is_none().then(|| format!("{only}{rest}"));
        }
        let mut chars = surface.chars();
        let first = chars.next()?;
        let rest = chars.as_str();
        if rest.is_empty() {
            return None;
        }
        let level = match first {
            '省' => Level::Province,
            '市' => Level::Prefecture,
            '县' | '区' => Level::County,
            _ => return None,
        };
        let base = match level {
            Level::Province => self.province.clone()?,
            level if level == self.level => {
                let suffix_ok = self.name.ends_with(first);
                if !suffix_ok {
                    return None;
                }
                self.name.clone()
            }
            _ => return None,
        };
        Some(format!("{base}{rest}"))
    }

    /// Words in `text` that refer to the region (我市 …) or a zone in it (示范区), with their
    /// character spans and the canonical place.
    pub fn references(&self, chars: &[char]) -> Vec<(usize, usize, String)> {
        let mut found = Vec::new();
        let words = SELF_REFERENCES
            .iter()
            .map(|(w, _)| *w)
            .chain(ZONES.iter().copied());
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

fn descendants(gazetteer: &[Division], root: &Division) -> Vec<String> {
    let mut codes = vec![root.code.clone()];
    let mut names = Vec::new();
    let mut i = 0;
    while i < codes.len() {
        let parent = codes[i].clone();
        for d in gazetteer
            .iter()
            .filter(|d| d.parent.as_deref() == Some(parent.as_str()))
        {
            codes.push(d.code.clone());
            names.push(d.name.clone());
        }
        i += 1;
    }
    names
}

#[cfg(test)]
mod tests {
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
}
