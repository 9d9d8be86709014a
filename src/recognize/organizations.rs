//! Organizations: known names and aliases from the dictionary (工行 → 中国工商银行), and names
//! built from a suffix (党工委, 管委会, 支行, 有限公司 …) and the proper-name words before it
//! (示范区党工委宣传部, 中国银行新区支行, 焦作通财创新创业投资基金（有限合伙）).

use super::{Candidate, Mention, MentionKind, Recognizer, Text};
use crate::lexicon::words;
use crate::lexicon::WordClass;
use crate::resolve::RELATIVE_LEVELS;
use crate::segment::Token;

/// Tags of words that can be part of an organization name before its suffix.
const MATERIAL_TAGS: &[&str] = &[
    "n", "nr", "ns", "nt", "nz", "j", "vn", "b", "eng", "an", "a", "nrt", "nrfg", "x", "s", "g",
    "z",
];

/// Where a country's one-character abbreviation before an organization name starts, when `prev`
/// is one: a word of its own that jieba takes for a name or a place (黎/nr, not 以/p), or the end
/// of a word a preposition glued it to (据黎).
fn abbreviation_before(r: &Recognizer, prev: &Token) -> Option<usize> {
    let last = prev.word.chars().last()?;
    if !r.lexicons.place_abbreviations.contains_key(&last) {
        return None;
    }
    let alone = prev.len() == 1 && matches!(prev.tag, "nr" | "ns" | "j" | "nz");
    let glued = prev.len() == 2
        && !prev.known
        && prev
            .word
            .starts_with(['据', '在', '对', '与', '向', '从', '和', '同']);
    (alone || glued).then_some(prev.end - 1)
}

/// True when HanLP's dictionary counts `word` as a place (钱江 of 钱江蔬菜公司, whatever jieba
/// tags it).
fn hanlp_place(r: &Recognizer, word: &str) -> bool {
    hanlp_class(r, word) == Some(WordClass::Place)
}

/// True when HanLP's dictionary counts `word` as an ordinary word.
pub(super) fn ordinary_word(r: &Recognizer, word: &str) -> bool {
    hanlp_class(r, word) == Some(WordClass::Common)
}

/// The class HanLP's dictionary gives `word`, where it differs from jieba's tag.
fn hanlp_class(r: &Recognizer, word: &str) -> Option<WordClass> {
    r.lexicons
        .derived
        .word_classes
        .get(word)
        .map(|(class, _)| *class)
}

pub(crate) fn propose(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
    for start in 0..t.chars.len() {
        if t.token_starting[start].is_none() {
            continue;
        }
        for (end, canonicals) in r.organizations.prefixes(&t.chars, start) {
            // A long known name may end inside a word jieba glued on (安盛天平|等 → 安盛天/平等).
            let glued_function = t
                .chars
                .get(end)
                .is_some_and(|c| "等的和与在是及了".contains(*c));
            // 中共|中央政治局常委: the name ends where a title glued to it begins.
            let title_after = t.token_ending[end].is_none() && ends_in_title(r, t, end);
            if t.aligned(start, end) || (end - start >= 4 && (glued_function || title_after)) {
                out.push(org(start, end, 6, canonicals.first().cloned()));
            }
        }
    }
    for k in 0..t.tokens.len() {
        suffix_rule(r, t, k, out);
        relative_bare(r, t, k, out);
        jieba_organization(r, t, k, out);
    }
}

/// A word jieba's dictionary knows as an organization (中央气象台/nt, 北京军区/nt), when no rule
/// of ours found it: the weakest evidence, losing to every other candidate.
fn jieba_organization(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    // 中央政治局常委: an organization and a title in one word; the title split reads it.
    if (token.start + 2..token.end).any(|cut| !r.titles.get(t.slice(cut, token.end)).is_empty()) {
        return;
    }
    let suffix = suffix_ending_at(r, t, token.end, token.start + 1);
    let org_ending = suffix.is_some() || token.word.ends_with(['台', '军', '团']);
    // 美国政府: the place acting, not a named body (as in the suffix rule); 新政府, 两国政府:
    // a description.
    if let Some((suffix_start, _)) = suffix {
        let head = t.slice(suffix_start, token.end);
        let prefix = t.slice(token.start, suffix_start);
        if words::generic_after_place().contains(&head)
            && (!r.places.get(prefix).is_empty() || prefix.chars().count() <= 2)
        {
            return;
        }
    }
    if token.tag == "nt"
        && token.known
        && token.len() >= 3
        && org_ending
        && r.titles.get(token.word).is_empty()
    {
        out.push(org(token.start, token.end, 1, None));
    }
}

/// 市委, 县委, 区政府: an organization named only relative to the paper's region.
fn relative_bare(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    let relative = token.word.starts_with(RELATIVE_LEVELS) && token.len() >= 2;
    // 市局, 省厅, 县院: the level and a one-character government body.
    let level_and_body = token.len() == 2
        && r.government_bodies
            .contains(&token.word.chars().last().unwrap_or_default());
    if relative && (r.org_suffixes.contains_key(token.word) || level_and_body) {
        out.push(org(token.start, token.end, 2, None));
    }
}

fn org(start: usize, end: usize, priority: i32, canonical: Option<String>) -> Candidate {
    Candidate {
        kind: MentionKind::Organization,
        start,
        end,
        priority,
        canonical,
        parent: None,
    }
}

/// The longest organization suffix ending at character `end`, as (start, strong).
fn suffix_ending_at(
    r: &Recognizer,
    t: &Text,
    end: usize,
    min_start: usize,
) -> Option<(usize, bool)> {
    r.org_suffix_ends
        .ending_at(&t.chars, end, min_start)
        .last()
        .and_then(|(start, strong)| Some((*start, *strong.first()?)))
}

/// Words ending in an organization suffix that name gatherings, not bodies: the event
/// triggers ending in 会 (座谈会, 推进会; `data/event_triggers.tsv`) and the other gatherings of
/// `data/words.tsv` (茶话会, 联欢会).
fn gatherings() -> &'static [&'static str] {
    static GATHERINGS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    GATHERINGS.get_or_init(|| {
        let triggers = crate::lexicon::event_trigger_words();
        let meetings = triggers
            .iter()
            .copied()
            .filter(|w| w.ends_with('会') || w.ends_with("会议"));
        meetings
            .chain(words::gatherings().iter().copied())
            .collect()
    })
}

fn is_material(word: &str, tag: &str) -> bool {
    if words::not_name_material().contains(&word) {
        return false;
    }
    let punct = word.chars().any(|c| !c.is_alphanumeric());
    let glued_function = word.starts_with(['及', '和', '与', '并', '或', '向', '在', '对'])
        && word.chars().count() == 2;
    !punct
        && !glued_function
        && (MATERIAL_TAGS.contains(&tag) || words::name_verbs().contains(&word))
}

fn suffix_rule(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    if gatherings().iter().any(|w| token.word.ends_with(w)) {
        return;
    }
    let lowest = token.end.saturating_sub(r.max_org_suffix);
    let Some((suffix_start, strong)) = suffix_ending_at(r, t, token.end, lowest) else {
        return;
    };
    // 政治局常委: the word ends in a title (常委), not in an organization suffix (委).
    if (token.start + 1..suffix_start).any(|cut| !r.titles.get(t.slice(cut, token.end)).is_empty())
    {
        return;
    }
    // The token holding the suffix's first character; what precedes the suffix inside it
    // (城管 of 城管局) is part of the name, unless the word is an ordinary one (大院, 干部).
    let Some(first) = (0..=k).rev().find(|&j| t.tokens[j].start <= suffix_start) else {
        return;
    };
    let holder = &t.tokens[first];
    // 大院, 全部: an ordinary two-character word that happens to end like an organization
    // (but words ending in 委 are bodies: 计委, 体委).
    if holder.start < suffix_start
        && holder.known
        && holder.len() == 2
        && holder.tag != "nt"
        && !holder.word.ends_with('委')
    {
        return;
    }
    // 西北部/f: a direction, not a department.
    if token.tag == "f" {
        return;
    }
    let mut start = holder.start;
    // Inside the word, before its suffix: a place (智利队) anchors a weak suffix.
    let inner_place = holder.start < suffix_start
        && !r.places.get(t.slice(holder.start, suffix_start)).is_empty();
    let mut anchored = inner_place || t.tokens[first..=k].iter().any(|w| w.tag == "nt");
    // A word jieba already knows as an organization (中国队/nt), or one with its place inside
    // (匈牙利队), only grows by places before it.
    let mut after_proper_name = (holder.tag == "nt" || inner_place) && holder.start < suffix_start;
    let mut parent = None;
    let mut j = first;
    let mut before_and = None;
    while j > 0 && first - j < 6 {
        let prev = &t.tokens[j - 1];
        let current = &t.tokens[j];
        // 市林业和园林局, 区文化和旅游局: two fields joined by 和 inside one body's name.
        if prev.word == "和"
            && before_and.is_none()
            && j >= 2
            && field_of_work(r, t, j - 2)
            && (field_of_work(r, t, j) || j == first)
        {
            before_and = Some(start);
            start = prev.start;
            j -= 1;
            continue;
        }
        // A name relative to the region starts at its 市/区/省 (落实|市委).
        if crate::resolve::opens_relative(current.word) && j < first && current.len() <= 3 {
            break;
        }
        // A known organization ending here is taken whole: 国元保险 + 焦作支公司.
        if let Some((known, canonical)) = known_org_ending_at(r, t, start) {
            start = known;
            parent = Some(canonical);
            break;
        }
        // 定江镇和县|国土资源局: a conjunction and the level, after a noun, open the name at the
        // level (县国土资源局), not at the county 和县.
        if super::places::conjunction_reading(t, prev.start, prev.end)
            && RELATIVE_LEVELS.contains(&t.chars[prev.start + 1])
        {
            start = prev.start + 1;
            anchored = true;
            break;
        }
        // 黎外交部, 据黎|公共卫生部: a country's one-character abbreviation opens the name.
        if let Some(at) = abbreviation_before(r, prev) {
            start = at;
            break;
        }
        // 医养康（北京）健康管理有限公司: a place in brackets inside a company's name.
        if let Some(open) = bracketed_place_before(r, t, j) {
            start = t.tokens[open].start;
            j = open;
            continue;
        }
        let title = !r.titles.get(prev.word).is_empty();
        // (养老/nr, 智慧/nr: jieba's name tag on a word HanLP counts as ordinary is no name.)
        // (海霞/nr 社区 党委: a name before a place's level is the place's.)
        let place_level = words::local_levels().contains(&current.word);
        let person = NAME_TAGS_PERSON.contains(&prev.tag)
            && j != first
            && !place_level
            && !hanlp_place(r, prev.word)
            && !r.lexicons.not_names.contains(prev.word)
            && !ordinary_word(r, prev.word);
        let proper = matches!(prev.tag, "ns" | "nt" | "nz" | "j")
            || hanlp_place(r, prev.word)
            || !r.places.get(prev.word).is_empty()
            || !r.organizations.get(prev.word).is_empty();
        // Past a place or organization, only more of them (河南省焦作市 …) extend the name, or
        // a field that a place opens (巴西|地理|统计局, 据黎|公共|卫生部).
        let level = prev.len() == 1 && prev.word.starts_with(RELATIVE_LEVELS);
        let extends = proper || level || field_after_place(r, t, j - 1);
        if after_proper_name && !extends {
            break;
        }
        let relative_char = level || words::autonomous_kinds().contains(&prev.word);
        if title
            || verb_glued(r, prev)
            || person
            || !(is_material(prev.word, prev.tag) || relative_char)
            || token.end - prev.start > 20
        {
            break;
        }
        anchored |= proper || relative_char;
        after_proper_name |= proper;
        start = prev.start;
        j -= 1;
        if relative_char {
            break;
        }
    }
    // Across 和 only into a name that opens with its level or a place (市林业和园林局), not
    // into a list (企业和政府).
    if let Some(after_and) = before_and {
        let level =
            RELATIVE_LEVELS.contains(&t.chars[start]) && t.token_starting[start + 1].is_some();
        let place =
            t.token_starting[start].is_some_and(|k| !r.places.get(t.tokens[k].word).is_empty());
        if !level && !place {
            start = after_and;
        }
    }
    // 研究室副处长, 业务处处长: a unit named right before a title is a body even bare or with
    // a plain name (the title says so).
    let titled =
        title_starts_at(r, t, token.end) && (strong || !NAME_TAGS_PERSON.contains(&holder.tag));
    if start == suffix_start {
        // (Not a bare party body, 党组书记: whose party group is for the context to tell.)
        let party_body =
            words::attached_bodies().contains(&token.word) || token.word.ends_with("工委");
        // (海霞社区|党委顺应…: a community's or village's own body, joined to it later.)
        let local_body = party_body
            && k > 0
            && words::local_levels()
                .iter()
                .any(|l| t.tokens[k - 1].word.ends_with(l));
        if local_body {
            out.push(org(token.start, token.end, 3, None));
        }
        if titled && token.start == suffix_start && token.len() >= 2 && strong && !party_body {
            out.push(org(token.start, token.end, 3, None));
        }
        return;
    }
    let ends_in_title =
        token.end >= start + 2 && !r.titles.get(t.slice(token.end - 2, token.end)).is_empty();
    let department = token.end - suffix_start == 1
        && !ends_in_title
        && r.government_bodies.contains(&t.chars[suffix_start])
        && listed_departments(t, start, token.end, suffix_start);
    if !strong && !anchored && !titled && !department {
        return;
    }
    let head = t.slice(suffix_start, token.end);
    let prefix = t.slice(start, suffix_start);
    let abbreviation = prefix.chars().count() == 1
        && prefix
            .chars()
            .all(|c| r.lexicons.place_abbreviations.contains_key(&c));
    if words::generic_after_place().contains(&head)
        && (!r.places.get(prefix).is_empty()
            || abbreviation
            || words::generic_org_prefixes().contains(&prefix))
    {
        return;
    }
    // 养老保险, 大银行, 基金公司: one common word before a strong suffix describes, not names
    // (but 业务处处长: a title after it says it is a body).
    if j + 1 == first && holder.start == suffix_start && start == t.tokens[j].start && !titled {
        let only = &t.tokens[j];
        let relative = only.word.starts_with(RELATIVE_LEVELS);
        if only.known
            && only.len() <= 2
            && !relative
            && matches!(only.tag, "a" | "b" | "vn" | "v" | "an" | "n" | "d")
        {
            return;
        }
    }
    let mut candidate = org(start, token.end, 4, None);
    candidate.parent = parent;
    out.push(candidate);
}

/// The index of the `（` of a place in brackets right before token `j` (医养康（北京）健康管理),
/// when a name goes on before it.
fn bracketed_place_before(r: &Recognizer, t: &Text, j: usize) -> Option<usize> {
    let close = t.tokens.get(j.checked_sub(1)?)?;
    let place = t.tokens.get(j.checked_sub(2)?)?;
    let open = j.checked_sub(3)?;
    let named_before = open > 0 && is_material(t.tokens[open - 1].word, t.tokens[open - 1].tag);
    let bracketed = matches!(close.word, "）" | ")")
        && matches!(t.tokens[open].word, "（" | "(")
        && !r.places.get(place.word).is_empty();
    (bracketed && named_before).then_some(open)
}

/// A verb jieba's HMM made one word with what follows (渗透到, 赴科): no part of a name.
fn verb_glued(r: &Recognizer, word: &Token) -> bool {
    let head: String = word.word.chars().take(2).collect();
    let first: String = word.word.chars().take(1).collect();
    !word.known
        && word.len() >= 2
        && (r.segmenter.dictionary_tag(&head) == Some("v") && word.len() >= 3
            || r.segmenter.dictionary_tag(&first) == Some("v") && word.len() == 2)
}

/// Whether a name ending in `suffix_start..end` stands in a list of names with the same suffix
/// (律师工作处、公证工作处、司法鉴定处): departments, though no place or title stands by them.
fn listed_departments(t: &Text, start: usize, end: usize, suffix_start: usize) -> bool {
    let suffix = &t.chars[suffix_start..end];
    let ends_list = |at: usize| at > suffix.len() && &t.chars[at - suffix.len()..at] == suffix;
    let before = start >= 2 && t.chars[start - 1] == '、' && ends_list(start - 1);
    let after = t.chars.get(end) == Some(&'、')
        && (end + 2..=(end + 8).min(t.chars.len())).any(|at| {
            ends_list(at) && !t.chars[end + 1..at].iter().any(|c| "、，。；".contains(*c))
        });
    before || after
}

/// Whether the word at `k` is a common noun with a place (or a country's abbreviation) right
/// before it: the field of a body the place names (巴西 + 地理 + 统计局).
fn field_after_place(r: &Recognizer, t: &Text, k: usize) -> bool {
    let word = &t.tokens[k];
    let field = matches!(word.tag, "n" | "b") && word.len() >= 2 && word.known;
    field
        && k > 0
        && (t.tokens[k - 1].tag == "ns" || abbreviation_before(r, &t.tokens[k - 1]).is_some())
}

/// Whether the word at `k`, beside a 和 inside a name, is a field of work (林业 and 园林局 of
/// 市林业和园林局, 社会 of 人力资源和社会保障局) rather than a body (财政局和教育局) or a place
/// (美国和俄罗斯队, 福建省和漳州市教委) of a list.
fn field_of_work(r: &Recognizer, t: &Text, k: usize) -> bool {
    let word = &t.tokens[k];
    matches!(word.tag, "n" | "vn" | "an" | "nz")
        && word.len() >= 2
        && !words::not_name_material().contains(&word.word)
        && r.places.prefixes(&t.chars, word.start).next().is_none()
        && (word.len() == 2 || suffix_ending_at(r, t, word.end, word.start).is_none())
}

/// A dictionary organization that ends exactly at `end` and starts on a token boundary: its
/// start and canonical name (the longest such).
fn known_org_ending_at(r: &Recognizer, t: &Text, end: usize) -> Option<(usize, String)> {
    r.organization_ends
        .ending_at(&t.chars, end, end.saturating_sub(12))
        .into_iter()
        .rev()
        .find(|(start, _)| t.token_starting[*start].is_some())
        .and_then(|(start, canonicals)| Some((start, canonicals.first()?.clone())))
}

/// True when a title from the lexicon starts at `at` on a word boundary.
fn title_starts_at(r: &Recognizer, t: &Text, at: usize) -> bool {
    t.token_starting.get(at).is_some_and(|k| k.is_some())
        && r.titles
            .prefixes(&t.chars, at)
            .any(|(end, _)| t.token_ending[end].is_some())
}

/// True when the rest of the word that `end` falls inside is a title (常委 of 中央政治局常委).
fn ends_in_title(r: &Recognizer, t: &Text, end: usize) -> bool {
    let Some(word_end) = (end + 1..=t.chars.len()).find(|&e| t.token_ending[e].is_some()) else {
        return false;
    };
    !r.titles.get(t.slice(end, word_end)).is_empty()
}

/// jieba tags of person names.
const NAME_TAGS_PERSON: &[&str] = &["nr", "nrfg", "nrt"];

/// Joins what news writes as one body but the recognizers see as two mentions:
/// - an organization and a bare party or board body after it (省工商联 + 党组 → 省工商联党组,
///   whose parent is 省工商联);
/// - a place and a body named relative to a division of its level (连云港 + 市委 → 连云港市委,
///   海淀区 + 区委 → 海淀区委).
pub(crate) fn join_compounds(r: &Recognizer, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in party_titles(r, mentions) {
        if let Some(last) = out.last_mut() {
            if let Some(joined) = joined(r, last, &m) {
                *last = joined;
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// A party group and the title right after it are one title of the organization before them
/// (市局 + 党组 + 书记 → 市局, 党组书记): news and readers name the post so, and the party
/// group, the leadership inside a government body, is no body of its own in the graph. Party
/// committees (党委, 党工委) are bodies and stay (区供销联社党委书记 → 书记 @ 区供销联社党委).
fn party_titles(r: &Recognizer, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        let split = out
            .last()
            .filter(|body| body.kind == MentionKind::Organization && m.kind == MentionKind::Title)
            .filter(|body| body.end == m.start)
            .and_then(|body| party_title(r, body, &m));
        match split {
            Some((owner, title)) => {
                out.pop();
                out.extend(owner);
                out.push(title);
            }
            None => out.push(m),
        }
    }
    out
}

/// A government body's party group, named with its titles (党组书记, 党组成员).
const PARTY_GROUP: &str = "党组";

/// The organization (if any is left) and the title when `body` ends in a party group that
/// makes one title with `title` (党组 + 书记 = 党组书记).
fn party_title(
    r: &Recognizer,
    body: &Mention,
    title: &Mention,
) -> Option<(Option<Mention>, Mention)> {
    let party = PARTY_GROUP;
    if !body.surface.ends_with(party) {
        return None;
    }
    let whole = format!("{party}{}", title.surface);
    r.title_rank(&whole)?;
    let at = body.end - party.chars().count();
    let owner = (at > body.start).then(|| {
        let surface = body.surface[..body.surface.len() - party.len()].to_owned();
        let canonical = body
            .canonical
            .strip_suffix(party)
            .map_or_else(|| surface.clone(), str::to_owned);
        Mention {
            end: at,
            surface,
            canonical,
            parent: None,
            ..body.clone()
        }
    });
    let title = Mention {
        kind: MentionKind::Title,
        start: at,
        end: title.end,
        canonical: whole.clone(),
        surface: whole,
        parent: None,
    };
    Some((owner, title))
}

/// 玉林街道 + 人民调解委员会: a body right after a place, named by its function alone, is that
/// place's (a name of two characters or more, not an abbreviation such as 中 of 中美).
fn placed_body(r: &Recognizer, place: &Mention, body: &Mention) -> bool {
    let chars: Vec<char> = body.surface.chars().collect();
    place.surface.chars().count() >= 2
        && body.canonical == body.surface
        && !words::attached_bodies().contains(&body.surface.as_str())
        && r.places.prefixes(&chars, 0).next().is_none()
}

fn joined(r: &Recognizer, first: &Mention, second: &Mention) -> Option<Mention> {
    if first.end != second.start || second.kind != MentionKind::Organization {
        return None;
    }
    let attached = words::attached_bodies().contains(&second.surface.as_str());
    let local_place = words::local_levels()
        .iter()
        .any(|s| first.canonical.ends_with(s));
    let canonical = match first.kind {
        MentionKind::Organization if attached => format!("{}{}", first.canonical, second.surface),
        // 海霞社区 + 党委: a community's or village's own body.
        MentionKind::Place if attached && local_place => {
            format!("{}{}", first.canonical, second.surface)
        }
        MentionKind::Place => {
            let level = second.surface.chars().next()?;
            let rest = &second.surface[level.len_utf8()..];
            let relative = RELATIVE_LEVELS.contains(&level) && r.org_suffixes.contains_key(rest);
            if !relative {
                if !placed_body(r, first, second) {
                    return None;
                }
                format!("{}{}", first.canonical, second.surface)
            } else if first.canonical.ends_with(level) {
                format!("{}{}", first.canonical, rest)
            } else if "村镇乡".contains(level) && first.surface == first.canonical {
                // 大湾 + 村党总支: the village's name and its level split apart by jieba.
                format!("{}{}", first.canonical, second.surface)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let parent = (first.kind == MentionKind::Organization).then(|| first.canonical.clone());
    Some(Mention {
        kind: MentionKind::Organization,
        start: first.start,
        end: second.end,
        surface: format!("{}{}", first.surface, second.surface),
        canonical,
        parent,
    })
}
