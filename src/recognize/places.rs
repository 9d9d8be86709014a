//! Places: gazetteer divisions and world places from the dictionary, jieba's `ns` words, and a
//! suffix rule for the small places no gazetteer lists (大北张村, 鑫苑小区, 沁泉湖, 万鑫商城).

use super::organizations::ordinary_word;
use super::{Candidate, MentionKind, PlaceEntry, Recognizer, Text};
use crate::lexicon::words;
use crate::lexicon::{Level, WordClass};

/// jieba tags under which a bare short form (焦作, 河南) is taken as a place.
const SHORT_FORM_TAGS: &[&str] = &["ns", "n", "nz", "j", "nt", "x", "s", "d"];

/// Suffix kinds that can close a single token into a place (张村, 李万村, 沁泉湖).
const WORD_FINAL_KINDS: &[&str] = &["village", "water", "estate", "mountain", "island", "park"];

/// Characters that, glued to the front of a name by jieba, are a preposition (向鑫苑 → 鑫苑).
const GLUED_PREPOSITIONS: &[char] = &[
    '向', '在', '到', '从', '对', '与', '和', '及', '把', '被', '给', '于',
];

/// Tags of words that can stand before a place suffix as its proper name.
const NAME_TAGS: &[&str] = &["nr", "ns", "nz", "nrt", "nrfg", "j", "x", "eng"];

/// Verbs before 华/京/沪/港 in one word: 访华, 抵京, 驻港.
const MOVES: &str = "访来驻在抵赴进返离留旅援侵晋使";

/// Words after an abbreviation in one word that keep it a place: 美军, 华裔, 日籍, 京剧.
const ABBREVIATION_NOUNS: &str = "军裔侨籍剧";

pub(crate) fn propose(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
    dictionary(r, t, out);
    abbreviations(r, t, out);
    foreign_divisions(r, t, out);
    for (k, token) in t.tokens.iter().enumerate() {
        if jieba_place(r, t, k) {
            out.push(place(token.start, token.end, 1, None));
        }
        suffix_rule(r, t, k, out);
        level_glued_after(t, k, out);
        township_in_list(r, t, k, out);
    }
}

/// A township named without its level in a list with other places (灵溪、龙港两镇): a word that
/// is a town's, township's or subdistrict's name once its level is added.
fn township_in_list(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    if token.len() < 2 || !token.word.chars().all(crate::layout::spacing::is_han) {
        return;
    }
    if !coordinated_with_place(r, t, k) || !r.places.get(token.word).is_empty() {
        return;
    }
    let township = ["镇", "乡", "街道"]
        .iter()
        .any(|level| !r.places.get(&format!("{}{level}", token.word)).is_empty());
    if township {
        out.push(place(token.start, token.end, 2, None));
    }
}

/// A village's or town's level glued by jieba to the word after it (大湾/ns 村茶/n 产业): the
/// place with its level.
fn level_glued_after(t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    let Some(next) = t.tokens.get(k + 1) else {
        return;
    };
    let glued = !next.known && next.len() == 2 && next.word.starts_with(['村', '镇', '乡']);
    let named = token.tag == "ns" && token.len() >= 2 && !token.word.ends_with(['村', '镇', '乡']);
    if glued && named {
        out.push(place(token.start, next.start + 1, 3, None));
    }
}

/// Divisions of foreign countries: a run of transliteration characters and the division's kind
/// (亚马孙州, 朗多尼亚州, 巴达赫尚省, 西埃斯皮冈市).
fn foreign_divisions(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
    let translit = &r.lexicons.transliteration;
    for (i, c) in t.chars.iter().enumerate() {
        if !"州省市县郡邦区".contains(*c) || t.token_ending[i + 1].is_none() {
            continue;
        }
        let start = (i.saturating_sub(6)..i)
            .rev()
            .take_while(|&j| translit.contains(&t.chars[j]))
            .last();
        if let Some(start) = start.filter(|&s| i - s >= 2 && t.token_starting[s].is_some()) {
            out.push(place(start, i + 1, 2, None));
        } else if let Some(start) = foreign_name_before(r, t, i) {
            out.push(place(start, i + 1, 2, None));
        }
    }
}

/// The start of a foreign name jieba made one word right before a division's kind standing
/// alone (亚马孙/nr 州): a word mostly of transliteration characters, tagged as a name or place.
fn foreign_name_before(r: &Recognizer, t: &Text, kind_at: usize) -> Option<usize> {
    t.token_starting[kind_at]?;
    let prev = &t.tokens[t.token_ending[kind_at]?];
    let translit = prev
        .word
        .chars()
        .filter(|c| r.lexicons.transliteration.contains(c))
        .count();
    let named = matches!(prev.tag, "nr" | "nrt" | "ns" | "nz");
    (named && prev.len() >= 2 && translit * 3 >= prev.len() * 2).then_some(prev.start)
}

/// One-character abbreviations inside compounds: 中美关系 → 中, 美; 访华 → 华; 美军 → 美.
fn abbreviations(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
    let abbr = &r.lexicons.place_abbreviations;
    for token in &t.tokens {
        let chars = &t.chars[token.start..token.end];
        let run = chars.iter().take_while(|c| abbr.contains_key(c)).count();
        let rest: String = chars[run..].iter().collect();
        let word: String = chars.iter().collect();
        let places: Vec<usize> = if run >= 2
            && (rest.is_empty() || words::after_abbreviations().contains(&rest.as_str()))
            && !words::not_abbreviations().contains(&word.as_str())
            && (token.tag != "v" && token.tag != "a" && token.tag != "f" || !rest.is_empty())
        {
            (0..run).collect()
        } else if chars.len() >= 2 && MOVES.contains(chars[0]) && "华京沪港台澳".contains(chars[1])
        {
            vec![1]
        } else if abbr.contains_key(&chars[0])
            && (chars.len() == 1 && (lone_abbreviation(t, token) || before_title(r, t, token))
                || chars.len() == 2 && ABBREVIATION_NOUNS.contains(chars[1]))
        {
            vec![0]
        } else {
            continue;
        };
        for i in places {
            let at = token.start + i;
            out.push(place(at, at + 1, 4, abbr.get(&t.chars[at]).cloned()));
        }
    }
}

/// A one-character abbreviation standing alone as a word: tagged as a place or abbreviation by
/// jieba, or right after 对/与/赴 ….
fn lone_abbreviation(t: &Text, token: &crate::segment::Token) -> bool {
    let after_preposition = t.token_ending[token.start]
        .is_some_and(|k| words::before_abbreviations().contains(&t.tokens[k].word));
    // (以2∶0: a preposition before a score, not Israel.)
    let next_is_word = t.token_starting[token.end].is_some_and(|k| {
        let next = t.tokens[k].word;
        next.chars().all(char::is_alphanumeric) && !next.chars().any(|c| c.is_numeric())
    });
    // (在以习近平同志为核心: 以 is a preposition there, not Israel.)
    let function_word = matches!(token.tag, "p" | "c" | "d" | "r" | "u" | "uj" | "v");
    (matches!(token.tag, "j" | "ns") || after_preposition && !function_word) && next_is_word
}

/// A country's one-character abbreviation right before a title, opening its clause: 乌国防部长,
/// 俄外长, 美防长 — the country whose minister it is, not a one-character name.
fn before_title(r: &Recognizer, t: &Text, token: &crate::segment::Token) -> bool {
    let clause_start = token.start == 0
        || t.chars[token.start - 1].is_ascii_punctuation()
        || "，。；：、！？“”（）《》\n ".contains(t.chars[token.start - 1]);
    let country = r
        .lexicons
        .place_abbreviations
        .get(&t.chars[token.start])
        .is_some_and(|c| r.lexicons.is_foreign_country(c));
    let title_next =
        t.token_starting[token.end].is_some_and(|k| !r.titles.get(t.tokens[k].word).is_empty());
    clause_start && country && title_next
}

fn place(start: usize, end: usize, priority: i32, canonical: Option<String>) -> Candidate {
    Candidate {
        kind: MentionKind::Place,
        start,
        end,
        priority,
        canonical,
        parent: None,
    }
}

fn dictionary(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
    for start in 0..t.chars.len() {
        let Some(k) = t.token_starting[start] else {
            continue;
        };
        let token = &t.tokens[k];
        for (end, entries) in r.places.prefixes(&t.chars, start) {
            let full: Vec<&PlaceEntry> = entries.iter().filter(|e| !e.short).collect();
            let aligned = t.aligned(start, end);
            if !full.is_empty() {
                if conjunction_reading(t, start, end) || common_noun_named(r, t, start, end, &full)
                {
                    continue;
                }
                // A full name may also open a longer word: 南京大屠杀, 香港市民, 中国人民 (not a
                // name of the derived tables: 城中 of 城中村).
                let opens_word =
                    end < token.end && end - start >= 2 && full.iter().any(|e| !e.derived);
                if aligned || opens_word {
                    out.push(entry_place(start, end, 5, &full));
                }
                continue;
            }
            let surface = t.slice(start, end);
            // County short forms (资源, 修武) are often ordinary words: only jieba's ns counts.
            let big = entries
                .iter()
                .any(|e| matches!(e.level, Some(Level::Province | Level::Prefecture)));
            let tag_ok = if big {
                SHORT_FORM_TAGS.contains(&token.tag)
            } else {
                token.tag == "ns" || coordinated_with_place(r, t, k)
            };
            let inside = end < token.end && big && tag_ok;
            let single = token.end == end && tag_ok;
            if (single || inside) && !r.lexicons.not_names.contains(surface) {
                let shorts: Vec<&PlaceEntry> = entries.iter().collect();
                out.push(entry_place(start, end, 3, &shorts));
            }
        }
    }
}

/// Whether the word at `k` stands in a list with a word jieba tags as a place (灵溪、龙港两镇,
/// 龙港和金乡): a township's short form there is a place whatever jieba made of it.
fn coordinated_with_place(r: &Recognizer, t: &Text, k: usize) -> bool {
    // (机场和海港, 古庙、灯塔, 深度/ns 和广度/ns: a word the dictionary knows as a common noun,
    // or HanLP counts as one, is no place.)
    let token = &t.tokens[k];
    if token.known && !NAME_TAGS.contains(&token.tag) || ordinary_word(r, token.word) {
        return false;
    }
    let joins = |i: usize| {
        t.tokens
            .get(i)
            .is_some_and(|j| matches!(j.word, "、" | "和" | "与" | "及"))
    };
    let place = |i: usize| {
        t.tokens
            .get(i)
            .is_some_and(|p| p.tag == "ns" && !ordinary_word(r, p.word))
    };
    (joins(k + 1) && place(k + 2)) || (k >= 2 && joins(k - 1) && place(k - 2))
}

/// 城区, 林场, 郊区: a division the gazetteer names by a common noun (大同市城区), where jieba's
/// dictionary reads the word as a noun and HanLP or our lists count it as an ordinary word.
/// Such a name is no place of its own in running text.
fn common_noun_named(
    r: &Recognizer,
    t: &Text,
    start: usize,
    end: usize,
    entries: &[&PlaceEntry],
) -> bool {
    let Some(tok) = t.token_starting[start].map(|k| &t.tokens[k]) else {
        return false;
    };
    let ordinary = words::generic_places().contains(&tok.word)
        || r.lexicons.not_names.contains(tok.word)
        || ordinary_word(r, tok.word);
    tok.end == end
        && tok.known
        && tok.tag == "n"
        && ordinary
        && entries.iter().all(|e| e.level.is_some())
}

/// 定江镇和县国土资源局: a two-character division opening with a conjunction (和县) right after
/// a noun is the conjunction and a relative name, not the county.
pub(crate) fn conjunction_reading(t: &Text, start: usize, end: usize) -> bool {
    end - start == 2
        && "和与及同跟".contains(t.chars[start])
        && t.token_ending[start].is_some_and(|k| t.tokens[k].tag.starts_with('n'))
}

/// jieba's `ns` words are often ordinary nouns (城市, 两国, 山区) or a place glued to a word
/// (香港市民); only those ending in a place suffix, and not made of a known place plus more, count.
fn jieba_place(r: &Recognizer, t: &Text, k: usize) -> bool {
    let token = &t.tokens[k];
    if token.tag != "ns" || token.len() < 2 || words::generic_places().contains(&token.word) {
        return false;
    }
    let Some((len, kind)) = place_suffix(r, t, token) else {
        return false;
    };
    let glued = r
        .places
        .prefixes(&t.chars, token.start)
        .any(|(end, _)| end < token.end && token.end - end > len);
    // 城市, 上市: a division suffix needs a name of two characters or more before it.
    // (巢县, 沛县: a county may have a one-character name.)
    let stem_ok = kind != "division" || token.len() - len >= 2 || token.word.ends_with('县');
    // 七楼, 三号楼: a number names a floor or a building, no place.
    let stem = &t.chars[token.start..token.end - len];
    let number = stem
        .iter()
        .all(|c| c.is_numeric() || "一二三四五六七八九十百千两".contains(*c));
    // 文明城市, 沿海城市: the suffix ends a common noun (城市), not a name.
    let tail: String = t.chars[token.end - 2..token.end].iter().collect();
    let common_tail = len == 1
        && (words::generic_places().contains(&tail.as_str())
            || r.segmenter.dictionary_tag(&tail) == Some("n") && r.places.get(&tail).is_empty());
    len < token.len() && kind != "zone" && !glued && stem_ok && !number && !common_tail
}

/// Whether a word ending in a place suffix is itself a place name (张村, 李万村 made up by
/// jieba's HMM) rather than a word of another kind that happens to end so. 山, 江, 海 and 河
/// end many given names and phrases, so a word jieba's dictionary takes for a person or HanLP
/// for an ordinary word (绿水青山/nr, 金山 of 金山银山) is no mountain or river.
fn named_by_its_suffix(r: &Recognizer, token: &crate::segment::Token, kind: &str) -> bool {
    if !matches!(kind, "mountain" | "water") {
        return true;
    }
    match r.lexicons.derived.word_classes.get(token.word) {
        Some((class, _)) => matches!(class, WordClass::Place | WordClass::ForeignPlace),
        None => !token.known || !matches!(token.tag, "nr" | "nrfg" | "nrt"),
    }
}

/// A place from dictionary entries: the canonical name and parent they agree on.
fn entry_place(start: usize, end: usize, priority: i32, entries: &[&PlaceEntry]) -> Candidate {
    let mut candidate = place(start, end, priority, unique_canonical(entries));
    let parent = entries.first().and_then(|e| e.parent.clone());
    if entries.iter().all(|e| e.parent == parent) {
        candidate.parent = parent;
    }
    candidate
}

/// The canonical name when all entries agree on one.
fn unique_canonical(entries: &[&PlaceEntry]) -> Option<String> {
    let first = &entries.first()?.canonical;
    entries
        .iter()
        .all(|e| &e.canonical == first)
        .then(|| first.clone())
}

/// Longest place suffix the word ends with, as (suffix length in chars, kind).
fn place_suffix<'r>(
    r: &'r Recognizer,
    t: &Text,
    token: &crate::segment::Token,
) -> Option<(usize, &'r str)> {
    let lowest = token.end.saturating_sub(4).max(token.start);
    r.place_suffixes
        .ending_at(&t.chars, token.end, lowest)
        .last()
        .and_then(|(start, kinds)| Some((token.end - start, kinds.first()?.as_str())))
}

fn suffix_rule(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    let Some((len, kind)) = place_suffix(r, t, token) else {
        return;
    };
    if kind == "division" {
        return;
    }
    if kind == "zone" && len == token.len() {
        zone(r, t, k, out);
        return;
    }
    if kind == "street" {
        street(t, token.end - len, token.end, out);
    }
    let whole_word_is_suffix = len == token.len();
    let mut start = token.start;
    if !whole_word_is_suffix {
        // 张村, 李万村: the token is itself a small place name.
        if !WORD_FINAL_KINDS.contains(&kind)
            || !NAME_TAGS.contains(&token.tag)
            || r.lexicons.not_names.contains(token.word)
            || !named_by_its_suffix(r, token, kind)
        {
            return;
        }
    }
    // Join the proper-name words right before: 大北 + 张村, 鑫苑 + 小区, 南 + 李万村.
    let mut j = k;
    while j > 0 && k - j < 2 {
        let prev = &t.tokens[j - 1];
        if !prev.word.chars().all(char::is_alphanumeric) {
            break;
        }
        let direction = "东南西北大小新老上下前后中".contains(prev.word);
        // (汇报/nz 香湾街道: jieba's "other proper noun" that HanLP counts as an ordinary
        // word is no part of a name.)
        let ordinary = prev.tag == "nz" && ordinary_word(r, prev.word);
        let name_like = NAME_TAGS.contains(&prev.tag) && prev.len() >= 2 && !ordinary;
        let usable = if prev.len() == 1 {
            direction
        } else {
            name_like || direction
        };
        // 万埠镇 | 桃花村: a place of its own before is not part of this name.
        // (花园村 + 社区: a community keeps the village's name it grew from.)
        let village_community = kind == "community" && prev.word.ends_with('村');
        let own_place = prev.len() >= 2
            && prev
                .word
                .ends_with(['县', '镇', '乡', '村', '区', '市', '省'])
            && !village_community;
        if !usable || own_place || r.lexicons.not_names.contains(prev.word) {
            break;
        }
        if prev.len() >= 3 && prev.word.starts_with(GLUED_PREPOSITIONS) {
            start = prev.start + 1;
            break;
        }
        start = prev.start;
        j -= 1;
    }
    if start == token.start && matches!(kind, "park" | "market") {
        start = described_name_before(r, t, k).unwrap_or(start);
    }
    if whole_word_is_suffix && start == token.start {
        return;
    }
    // 欧洲市场, 印度信息技术市场: a country's or province's market is an economy, not a place.
    if kind == "market" && wide_area(r, t.slice(start, token.end - len)) {
        return;
    }
    if words::generic_places().contains(&t.slice(start, token.end)) {
        return;
    }
    out.push(place(start, token.end, 2, None));
}

/// Whether `name` opens with a country, continent, region or province.
fn wide_area(r: &Recognizer, name: &str) -> bool {
    let world = r.lexicons.places_world.iter().any(|p| {
        name.starts_with(p.name.as_str())
            && matches!(p.kind.as_str(), "country" | "continent" | "region")
    });
    let chars: Vec<char> = name.chars().collect();
    let province = r
        .places
        .prefixes(&chars, 0)
        .any(|(_, entries)| entries.iter().any(|e| e.level == Some(Level::Province)));
    world || province
}

/// Where a park or market is named by a place and words describing it (钱江 + 综合 + 市场,
/// 天鹅湖 + 国家城市湿地 + 公园): up to three common nouns back to a word jieba takes for a
/// place.
fn described_name_before(r: &Recognizer, t: &Text, k: usize) -> Option<usize> {
    let mut j = k;
    while j > 0 && k - j <= 3 {
        let prev = &t.tokens[j - 1];
        let named = matches!(prev.tag, "ns" | "nr" | "nz")
            && prev.len() >= 2
            && !ordinary_word(r, prev.word)
            && !words::generic_places().contains(&prev.word);
        if named && j < k {
            return Some(prev.start);
        }
        let describes =
            prev.known && prev.len() >= 2 && matches!(prev.tag, "n" | "vn" | "z" | "ns");
        if !describes {
            return None;
        }
        j -= 1;
    }
    None
}

/// Characters that end the words before a street's name: separators, and verbs and
/// prepositions of going (到大岭南路, 沿迎宾大道).
const BEFORE_STREET: &str = "、，。；：（）“”《》 到在沿经至往从向近临";

/// Characters no street name holds (function words: the name would run into the sentence).
const NOT_IN_STREET: &str = "的了是和与及等为把被将也都就又着过";

/// A street or road whose name jieba cut apart (大岭/南路, 上/阳路, 崤/山路): the characters
/// from the last separator or verb of going up to the suffix, one to four of them.
fn street(t: &Text, suffix_start: usize, end: usize, out: &mut Vec<Candidate>) {
    let opening = (suffix_start.saturating_sub(5)..suffix_start)
        .rev()
        .find(|&i| BEFORE_STREET.contains(t.chars[i]))
        .map(|i| i + 1);
    let Some(start) = opening else {
        return;
    };
    let stem = &t.chars[start..suffix_start];
    // (东、西巷: a direction alone names no street.)
    let direction = stem.len() == 1 && "东南西北前后左右".contains(stem[0]);
    let ok = !stem.is_empty()
        && !direction
        && stem
            .iter()
            .all(|c| crate::layout::spacing::is_han(*c) && !NOT_IN_STREET.contains(*c))
        && t.token_starting[start].is_some();
    // 开拓思路, 世界公路, 科普一条街: an ordinary word before a common noun for roads.
    let mut at = start;
    let mut plain = true;
    while let Some(k) = t.token_starting.get(at).copied().flatten() {
        let tok = &t.tokens[k];
        if tok.end > end {
            break;
        }
        let generic = words::generic_streets().contains(&tok.word);
        let ordinary = tok.known && tok.len() >= 2 && !NAME_TAGS.contains(&tok.tag);
        if generic || (tok.end <= suffix_start && ordinary && !matches!(tok.tag, "ns" | "n")) {
            plain = false;
        }
        if tok.word.chars().any(|c| "一二三四五六七八九十".contains(c)) {
            plain = false;
        }
        at = tok.end;
    }
    // 销路, 思路: one ordinary word of the dictionary.
    let one_word = t.token_starting[start]
        .map(|k| &t.tokens[k])
        .is_some_and(|tok| tok.end == end && tok.known && tok.tag != "ns");
    // (走好“绿色路”: a road in quotes is a figure of speech.)
    let quoted = start > 0 && t.chars[start - 1] == '“' && t.chars.get(end) == Some(&'”');
    if ok && plain && !one_word && !quoted {
        out.push(place(start, end, 2, None));
    }
}

/// Parks, zones and new towns named from a place and ordinary words: 中原工业设计城,
/// 数字经济产业园. The name must open with a place.
fn zone(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let mut start = None;
    let mut j = k;
    while j > 0 && k - j < 4 {
        let prev = &t.tokens[j - 1];
        let is_place = prev.tag == "ns" || !r.places.get(prev.word).is_empty();
        if is_place {
            start = Some(prev.start);
        }
        if !matches!(prev.tag, "n" | "vn" | "nz" | "ns" | "j")
            || !prev.word.chars().all(char::is_alphanumeric)
        {
            break;
        }
        j -= 1;
    }
    if let Some(start) = start {
        out.push(place(start, t.tokens[k].end, 2, None));
    }
}
