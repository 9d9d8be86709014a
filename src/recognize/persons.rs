//! Persons: Chinese names (surname + one or two characters) scored on jieba's hints and the
//! context news writes names in — a title before (副主任张维宁) or after (赵乐际委员长), a list
//! (冯利民、赵俊峰、万英奎), a cue after (张维宁说, 王家鹏一行, 同志) — and transliterated foreign
//! names next to a title (主席马特维延科).

use super::JapaneseName;
use super::{Candidate, Mention, MentionKind, Recognizer, Text};
use crate::lexicon::words;
use crate::lexicon::{JapanesePart, Role, RoleCounts};
use crate::segment::Token;

/// Characters that do not occur in given names in running text; a candidate containing one is
/// a name glued to the next word (张维宁在 …).
const NEVER_IN_GIVEN_NAME: &str =
    "的了是在和与及等这那就都也又而被把对从向为于以个们上下时说到将已并或";

/// Surname characters that are far more often ordinary words (全, 和, 国 …): never a person
/// alone, and the start of a name only where jieba made the whole name one word.
const WORDLIKE_SURNAMES: &str =
    "于向和从由应连都时文安全成明高国商平强原海来常方路金石白田古信公党管卫";

/// Tags of words a name never starts with (adverbs, prepositions, conjunctions, verbs …).
const NOT_NAME_START_TAGS: &[&str] = &[
    "d", "p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "v", "vn", "vd", "a", "ad", "an",
    "m", "q", "f", "t", "zg", "y", "e", "o",
];

/// One-character verbs and prepositions the HMM glues to the name after them.
const GLUED_BEFORE_NAME: &str = "胜对向和与给让请由被把见问找派叫同跟替为将";

/// Score a candidate needs to be proposed.
const THRESHOLD: i32 = 3;

/// Marks joining the parts of a foreign name: 铁木尔·达瓦买提, 迪亚斯-卡内尔, 约翰—格伦.
fn is_name_join(c: char) -> bool {
    matches!(c, '·' | '‧' | '•' | '-' | '－' | '—')
}

/// Characters after a transliterated run that make it a place name.
const FOREIGN_PLACE_SUFFIXES: &str = "省州市县区镇村岛郡河湖港湾堡山";

/// ln P of a name's characters in their roles above which it is likely a name: real names
/// mostly score above it, ordinary words mostly below (see `name_likelihood`).
const LIKELY_NAME_LN_P: f32 = -7.0;

/// Uses in HanLP's corpus under which a word of another class may still be a name after a title.
const RARE_WORD_USES: u32 = 5;

/// What a name listed among public figures (THUOCL, CC-CEDICT) adds: evidence, not proof, as
/// many of them are also the first characters of other people's names (罗点 of 罗点点).
const PUBLIC_FIGURE: i32 = 2;

/// ln P(role) of a character the role table does not list (rare characters, often in names).
const UNKNOWN_LN_P: f32 = -2.3;

/// ln P(after a name) of a word the role table does not list, and the least any word gets: what
/// follows a name is weak evidence, so it only tips close calls.
const AFTER_UNKNOWN_LN_P: f32 = -5.0;
const AFTER_FLOOR_LN_P: f32 = -6.0;

/// How the name statistics (`name_likelihood` + `after_likelihood`) join the rule score: a name
/// whose statistics sum to `STATS_EVEN` gains nothing, every point above or below it is worth
/// `STATS_WEIGHT` rule points. Tuned on the DEV sets (People's Daily dev, PFR).
const STATS_WEIGHT: f32 = 0.5;
const STATS_EVEN: f32 = -9.0;

const NAME_TAGS: &[&str] = &["nr", "nrfg", "nrt"];

pub(crate) fn propose(r: &Recognizer, t: &Text, taken: &[Mention], out: &mut Vec<Candidate>) {
    let n = t.chars.len();
    let mut title_ends = vec![false; n + 1];
    let mut title_starts = vec![false; n + 1];
    for m in taken.iter().filter(|m| m.kind == MentionKind::Title) {
        title_ends[m.end] = true;
        title_starts[m.start] = true;
    }
    let context = Context {
        r,
        t,
        title_ends: &title_ends,
        title_starts: &title_starts,
    };
    for (start, &after_title) in title_ends.iter().enumerate().take(n) {
        if t.token_starting[start].is_none() && !after_title && !context.inside_name_token(start) {
            continue;
        }
        let found = [
            context.known_person(start),
            context.titled_name(start),
            context.best_chinese_name(start),
            context.foreign_name(start),
            context.japanese_name(start),
            context.bare_surname(start),
        ];
        out.extend(found.into_iter().flatten().filter(|c| context.plausible(c)));
    }
}

/// The token covering character `i`.
fn token_covering<'t, 'a>(t: &'t Text<'a>, i: usize) -> Option<&'t Token<'a>> {
    let mut j = i;
    loop {
        if let Some(k) = t.token_starting[j] {
            return Some(&t.tokens[k]);
        }
        j = j.checked_sub(1)?;
    }
}

struct Context<'a> {
    r: &'a Recognizer,
    t: &'a Text<'a>,
    title_ends: &'a [bool],
    title_starts: &'a [bool],
}

impl Context<'_> {
    /// The last word on a candidate, whichever rule proposed it. jieba's dictionary tags many
    /// ordinary words and foreign places as names (路基, 尼古丁, 斯特拉斯堡); where HanLP's
    /// dictionary counts the span as something else, it is no person unless a title stands
    /// beside it and HanLP saw it so only rarely.
    fn plausible(&self, c: &Candidate) -> bool {
        let name = self.t.slice(c.start, c.end);
        if self.r.lexicons.people.contains(name) {
            return true;
        }
        let titled = self.title_ends[c.start] || self.title_starts[c.end];
        let place = self.r.places.get(name).iter().any(|p| !p.short);
        match self.r.lexicons.derived.word_classes.get(name) {
            Some((class, count)) if !class.is_person() => titled && *count < RARE_WORD_USES,
            _ if place => titled,
            _ => !self.place_follows(c.end),
        }
    }

    /// A place suffix right after a foreign-looking run makes it a place: 莱克伍德县, 肯特郡,
    /// 巴达赫尚省, 库卡尔特河.
    fn place_follows(&self, end: usize) -> bool {
        self.t
            .chars
            .get(end)
            .is_some_and(|c| FOREIGN_PLACE_SUFFIXES.contains(*c))
            && self.t.token_ending[end].is_none_or(|k| {
                let tok = &self.t.tokens[k];
                tok.end == end && tok.start + 1 < end
            })
    }

    /// A well-known person whatever jieba made of the name (习近平/nrfg, 普京/ns): the longest
    /// listed name starting here that ends on a word boundary or where a title begins.
    fn known_person(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let (end, listed) = self
            .r
            .known_people
            .longest_prefix(&t.chars, start, |end, _| {
                t.token_ending[end].is_some() || self.title_starts[end]
            })?;
        let strong = listed.iter().any(|strong| *strong);
        Some(person(start, end, if strong { 8 } else { 5 }))
    }

    /// A word jieba takes for a name, or made up itself, right after a title: a name whatever
    /// its characters (外长法永, 首席执行官博乐/仁 with a lone character jieba left out).
    fn titled_name(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        if !self.title_ends[start] {
            return None;
        }
        let tok = &t.tokens[t.token_starting[start]?];
        if !NAME_TAGS.contains(&tok.tag)
            || !(2..=3).contains(&tok.len())
            || !tok.word.chars().all(crate::layout::spacing::is_han)
        {
            return None;
        }
        let mut end = tok.end;
        if let Some(next) = self.foreign_continuation(tok) {
            return Some(person(start, next, 4));
        }
        // 韩正于: a function character or a verb jieba glued to the name stays outside it.
        let last = t.chars[end - 1];
        if tok.len() == 3 && (NEVER_IN_GIVEN_NAME.contains(last) || self.follows_names(last)) {
            end -= 1;
        }
        // A lone character jieba left after the name (博乐/nr 仁/ng).
        if let Some(next) = t
            .token_starting
            .get(end)
            .copied()
            .flatten()
            .map(|k| &t.tokens[k])
        {
            let lone = next.len() == 1
                && matches!(next.tag, "ng" | "nr" | "x")
                && crate::layout::spacing::is_han(t.chars[end])
                && !NEVER_IN_GIVEN_NAME.contains(t.chars[end]);
            if lone && end - start == 2 {
                end += 1;
            }
        }
        Some(person(start, end, 4))
    }

    /// The end of a foreign name jieba's HMM cut in two made-up name words (斯捷/nr 帕申/nr
    /// after 内务部长): both unknown to the dictionary, with transliteration characters in them.
    fn foreign_continuation(&self, tok: &Token) -> Option<usize> {
        let t = self.t;
        let next = &t.tokens[t.token_starting.get(tok.end).copied().flatten()?];
        let translit = &self.r.lexicons.transliteration;
        let translit_chars = t.chars[tok.start..next.end]
            .iter()
            .filter(|c| translit.contains(c))
            .count();
        let made_up = |w: &Token| !w.known && NAME_TAGS.contains(&w.tag) && w.len() >= 2;
        // (陈珂/nr 胡琼/nr: two Chinese names in a row.)
        let chinese = self.r.lexicons.surnames.prefix_len(tok.word).is_some()
            && !translit.contains(&t.chars[tok.start]);
        (made_up(tok) && made_up(next) && next.len() <= 3 && !chinese && translit_chars >= 2)
            .then_some(next.end)
    }

    /// Whether `[start, end)` lies inside a dictionary word that is no name and goes on for two
    /// characters or more: 马克思 of 马克思主义/n names a doctrine, not the person.
    fn inside_ordinary_word(&self, start: usize, end: usize) -> bool {
        token_covering(self.t, start)
            .is_some_and(|tok| tok.end >= end + 2 && tok.known && !NAME_TAGS.contains(&tok.tag))
    }

    /// Whether the transliteration character at `at` goes on with the name before it. jieba's
    /// word boundaries say where a name stops: a known word of another kind begins there
    /// (科菲·安南|希望), or a one-character verb follows a known name (克林顿|派代表).
    fn run_goes_on(&self, at: usize) -> bool {
        let t = self.t;
        let Some(tok) = t.token_starting[at].map(|k| &t.tokens[k]) else {
            return true;
        };
        if !tok.known || NAME_TAGS.contains(&tok.tag) {
            return true;
        }
        // (纳尔|尼亚, 斯图|尔特: jieba's words inside a foreign name are made of transliteration
        // characters too.)
        let translit = &self.r.lexicons.transliteration;
        if tok.len() >= 2 {
            return tok.word.chars().all(|c| translit.contains(&c));
        }
        let after_name = t.token_ending[at].is_some_and(|k| {
            let before = &t.tokens[k];
            self.r.lexicons.people.contains(before.word)
                || !self.r.foreign_names.get(before.word).is_empty()
        });
        !(after_name && tok.tag == "v")
    }

    /// The longest foreign name HanLP knows starting at `start` (斯捷帕申, 赫里斯坚科), when it
    /// does not run on into more transliteration characters.
    fn known_foreign_name(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let translit = &self.r.lexicons.transliteration;
        if start > 0 && translit.contains(&t.chars[start - 1]) && t.token_ending[start].is_none() {
            return None;
        }
        let (end, _) = self
            .r
            .foreign_names
            .longest_prefix(&t.chars, start, |end, _| {
                end - start >= 2
                    && (t.token_ending[end].is_some()
                        || t.chars.get(end).is_none_or(|c| !translit.contains(c)))
                    && !self.inside_ordinary_word(start, end)
            })?;
        Some(person(start, end, 5))
    }

    /// A name glued to a one-character word before it in one HMM-made word (胜王磊 → 王磊,
    /// 对陶汉明, 致牟小东, 但葛菲): the first character is a verb or preposition from our list, or
    /// one HanLP's counts show beside names far more than inside them.
    fn inside_name_token(&self, start: usize) -> bool {
        token_covering(self.t, start).is_some_and(|tok| {
            let first = self.t.chars[tok.start];
            !tok.known
                && tok.start + 1 == start
                && (2..=3).contains(&(tok.end - start))
                && (NAME_TAGS.contains(&tok.tag) || tok.tag == "x" || tok.tag == "nz")
                && (GLUED_BEFORE_NAME.contains(first) || self.context_char(first))
        })
    }

    /// A character HanLP saw right after names more often than ending one (作, 还, 率 of
    /// 刘奇作, 黄强还, 薛良率: jieba glues a one-character verb to the name before it).
    fn follows_names(&self, c: char) -> bool {
        self.r
            .lexicons
            .derived
            .name_roles
            .of_char(c)
            .is_some_and(|r| r.after > r.last + r.single && r.after >= 20)
    }

    /// A character HanLP saw beside names (as the word before, after or between them) much
    /// more often than inside one: 致, 但, 当, 可.
    fn context_char(&self, c: char) -> bool {
        self.r
            .lexicons
            .derived
            .name_roles
            .of_char(c)
            .is_some_and(|r| {
                let beside = r.before + r.after + r.between;
                let inside = r.surname + r.first + r.last + r.single;
                beside >= 20 && beside > 4 * inside
            })
    }

    /// The tail of the word that `end` falls inside, if it is a word that sticks to names.
    fn name_tail(&self, end: usize) -> bool {
        if self.t.token_ending[end].is_some() {
            return false;
        }
        token_covering(self.t, end).is_some_and(|tok| {
            let tail = self.t.slice(end, tok.end);
            // 张维宁到: the HMM glued a following preposition or particle to the name.
            let glued = tail.chars().count() == 1
                && tail
                    .chars()
                    .all(|c| NEVER_IN_GIVEN_NAME.contains(c) || self.follows_names(c));
            words::name_tails().contains(&tail) || glued
        })
    }

    /// A Japanese name: a family name with a given name jieba keeps apart (桥本/龙太郎), or the
    /// family name alone before a title or cue (桥本首相, 桥本说). Family names come from our
    /// hand-written list and HanLP's; a given name after one of HanLP's must be a known Japanese
    /// given name (HanLP's family names include many ordinary words).
    fn japanese_name(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let names = &self.r.japanese_names;
        if let Some(whole) = self.japanese_name_word(start) {
            return Some(whole);
        }
        let (surname_end, parts) = names.longest_prefix(&t.chars, start, |end, parts| {
            (2..=3).contains(&(end - start))
                && t.token_ending[end].is_some()
                && (parts.contains(&JapaneseName::ListedSurname)
                    || parts.contains(&JapaneseName::Part(JapanesePart::Surname)))
        })?;
        let listed = parts.contains(&JapaneseName::ListedSurname);
        let given = t.token_starting[surname_end].map(|k| &t.tokens[k]);
        let known_given = names
            .longest_prefix(&t.chars, surname_end, |end, parts| {
                (2..=4).contains(&(end - surname_end))
                    && t.token_ending[end].is_some()
                    && parts.contains(&JapaneseName::Part(JapanesePart::Given))
            })
            .map(|(end, _)| end);
        if let Some(end) = known_given {
            return Some(person(start, end, 4));
        }
        if let Some(given) = given.filter(|g| {
            listed
                && (1..=3).contains(&g.len())
                && matches!(g.tag, "nr" | "nrfg" | "nrt" | "nz" | "ng" | "x")
                && g.word.chars().all(crate::layout::spacing::is_han)
        }) {
            return Some(person(start, given.end, 4));
        }
        let alone = self.title_starts[surname_end] || self.cue_after(surname_end);
        (alone && listed).then(|| person(start, surname_end, 4))
    }

    /// A Japanese name jieba keeps as one name word (冈田武史/nr): the word opens with a family
    /// name of our list and goes on for two or three characters (HanLP's family names include
    /// many ordinary words: 古代 of 古代文明).
    fn japanese_name_word(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let tok = &t.tokens[t.token_starting[start]?];
        if !NAME_TAGS.contains(&tok.tag) || !(3..=6).contains(&tok.len()) {
            return None;
        }
        self.r
            .japanese_names
            .longest_prefix(&t.chars, start, |end, parts| {
                (2..=3).contains(&(end - start))
                    && (2..=3).contains(&(tok.end - end))
                    && parts.contains(&JapaneseName::ListedSurname)
            })
            .map(|_| person(start, tok.end, 4))
    }

    /// A surname alone standing for a person: 陈教授, 王小姐, 毛主席, 老李.
    fn bare_surname(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let c = *t.chars.get(start)?;
        let titled = self.title_starts[start + 1];
        // 江主席, 金教授: a surname that is mostly an ordinary word stands alone only before a
        // title, and only where HanLP saw it as a surname often.
        let wordlike_ok = titled
            && self
                .r
                .lexicons
                .derived
                .name_roles
                .of_char(c)
                .is_some_and(|r| r.ln_p(Role::Surname) >= 0.2f32.ln());
        // 老于的女儿, 小李说: 老/小 and a surname, then a word of its own.
        let after_lao = start > 0
            && matches!(t.chars[start - 1], '老' | '小')
            && t.chars.get(start + 1).is_none_or(|n| {
                !crate::layout::spacing::is_han(*n) || NEVER_IN_GIVEN_NAME.contains(*n)
            });
        if self.r.lexicons.surnames.prefix_len(&c.to_string()) != Some(1)
            || (WORDLIKE_SURNAMES.contains(c) && !wordlike_ok)
        {
            return None;
        }
        // The surname must begin a word (贯彻|毛主席, 职工|王某), not end one.
        let before_ok = start == 0
            || !crate::layout::spacing::is_han(t.chars[start - 1])
            || t.token_starting[start].is_some()
            || matches!(t.chars[start - 1], '老' | '小');
        let honorific = words::honorifics()
            .iter()
            .any(|h| t.chars[start + 1..].starts_with(&h.chars().collect::<Vec<_>>()));
        ((before_ok && (honorific || titled)) || after_lao).then(|| person(start, start + 1, 2))
    }

    fn best_chinese_name(&self, start: usize) -> Option<Candidate> {
        let chars = &self.t.chars;
        let surname = self
            .r
            .lexicons
            .surnames
            .prefix_len_of(chars[start], chars.get(start + 1).copied())
            .or_else(|| self.statistical_surname(chars[start]).then_some(1))?;
        (1..=2)
            .map(|given| start + surname + given)
            .filter(|&end| end <= self.t.chars.len())
            .filter_map(|end| {
                let rules = self.score_chinese(start, surname, end)?;
                let stats = self.name_likelihood(start, surname, end) + self.after_likelihood(end);
                Some((rules as f32 + STATS_WEIGHT * (stats - STATS_EVEN), end))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .filter(|&(score, _)| score >= THRESHOLD as f32)
            .map(|(score, end)| person(start, end, score.round() as i32))
    }

    /// A character HanLP saw as a surname often and mostly (习, 郅): our list holds the common
    /// ones only.
    fn statistical_surname(&self, c: char) -> bool {
        self.r
            .lexicons
            .derived
            .name_roles
            .of_char(c)
            .is_some_and(|r| r.surname >= 200 && r.ln_p(Role::Surname) >= 0.5f32.ln())
    }

    /// ln P of the candidate's characters in their name roles (HanLP's counts): the surname,
    /// then the first and last characters of a two-character given name or a single one. Real
    /// names score about -1 to -6; 高素质 or 刘奇作 (作 never ends a name) -9 and below.
    fn name_likelihood(&self, start: usize, surname: usize, end: usize) -> f32 {
        let roles = &self.r.lexicons.derived.name_roles;
        let ln_p =
            |counts: Option<&RoleCounts>, role| counts.map_or(UNKNOWN_LN_P, |c| c.ln_p(role));
        let chars = &self.t.chars;
        let family = if surname == 1 {
            roles.of_char(chars[start])
        } else {
            roles.of_word(self.t.slice(start, start + surname))
        };
        // A compound surname the table does not list is as good as a common one.
        let mut total = if surname > 1 && family.is_none() {
            0.0
        } else {
            ln_p(family, Role::Surname)
        };
        let given = &chars[start + surname..end];
        match given {
            [single] => total += ln_p(roles.of_char(*single), Role::Single),
            [first, last] => {
                total += ln_p(roles.of_char(*first), Role::First);
                total += ln_p(roles.of_char(*last), Role::Last);
            }
            _ => {}
        }
        total
    }

    /// ln P that what follows `end` is a word that follows names (说, 同志, 作 of 刘奇作).
    fn after_likelihood(&self, end: usize) -> f32 {
        let t = self.t;
        let Some(tok) = token_covering(t, end) else {
            return 0.0;
        };
        let roles = &self.r.lexicons.derived.name_roles;
        let counts = if tok.start == end {
            roles.of_word(tok.word)
        } else if tok.end == end + 1 {
            roles.of_char(t.chars[end])
        } else {
            roles.of_word(t.slice(end, tok.end))
        };
        counts.map_or(AFTER_UNKNOWN_LN_P, |c| {
            c.ln_p(Role::After).max(AFTER_FLOOR_LN_P)
        })
    }

    fn score_chinese(&self, start: usize, surname: usize, end: usize) -> Option<i32> {
        let t = self.t;
        let name = t.slice(start, end);
        let given = &t.chars[start + surname..end];
        if given
            .iter()
            .any(|c| !crate::layout::spacing::is_han(*c) || NEVER_IN_GIVEN_NAME.contains(*c))
            || self.r.lexicons.not_names.contains(name)
            || !self.r.places.get(name).is_empty()
            || !self.r.organizations.get(name).is_empty()
            || self.r.org_suffixes.contains_key(name)
            || self.r.place_stems.contains(name)
        {
            return None; // 李万 of 李万、文苑街道: a township's name, not a person
        }
        // 乌军, 俄方, 美籍: a country's army, side or nationality, not a person.
        let country_word = end - start == 2
            && "军方籍".contains(t.chars[start + 1])
            && self
                .r
                .lexicons
                .place_abbreviations
                .contains_key(&t.chars[start]);
        if country_word {
            return None;
        }
        let titled = self.title_ends[start] || self.title_starts[end];
        if self.inside_ordinary_word(start, end) {
            return None;
        }
        if self.r.lexicons.people.contains(name) {
            return Some(8);
        }
        let public_figure = self.r.lexicons.derived.public_figures.contains(name);
        let given_text: String = given.iter().collect();
        if words::honorifics().contains(&given_text.as_str())
            || !self.r.titles.get(&given_text).is_empty()
        {
            return None; // 陈教授, 王小姐: a surname and a form of address
        }
        if let Some(first) = token_covering(t, start).filter(|tok| tok.start == start) {
            let word_not_name =
                NOT_NAME_START_TAGS.contains(&first.tag) && !NAME_TAGS.contains(&first.tag);
            // 都需要: a function word; 周二晚: a longer word that merely starts with a surname.
            if word_not_name && (first.len() > surname || !titled) {
                return None;
            }
        }
        // 连/正常, 时/表示: what follows the surname is an ordinary adverb, verb or particle.
        if let Some(rest) = t.token_starting[start + surname].map(|k| &t.tokens[k]) {
            let function = matches!(
                rest.tag,
                "d" | "p"
                    | "c"
                    | "u"
                    | "uj"
                    | "ul"
                    | "uz"
                    | "v"
                    | "vd"
                    | "f"
                    | "m"
                    | "q"
                    | "r"
                    | "t"
                    | "tg"
            );
            // (记者翟/nr 启运/v: jieba split the surname off after a title; a name.)
            // (董事长余/m 立新/d: after a title, any surname jieba split off, when the role
            // statistics find the name likely.)
            let surname_alone = t.token_starting[start]
                .is_some_and(|k| t.tokens[k].end == start + surname && t.tokens[k].tag == "nr");
            let split_after_title = t.token_starting[start]
                .is_some_and(|k| t.tokens[k].end == start + surname)
                && self.name_likelihood(start, surname, end) >= LIKELY_NAME_LN_P;
            let titled_alone = (surname_alone || split_after_title) && self.title_ends[start];
            if rest.known && rest.len() >= 2 && rest.end == end && function && !titled_alone {
                return None;
            }
        }
        let mut score = 0;
        let token = t.token_starting[start].map(|k| &t.tokens[k]);
        // 全部撤, 和专业, 国大陆: a surname that is mostly an ordinary word opens a name only when
        // jieba itself made the name one word.
        let exact_name = token.is_some_and(|tok| tok.end == end && NAME_TAGS.contains(&tok.tag));
        let third_char = self.third_given_char(start, surname, end);
        // (政协副主席路一民: after a title, a name the role statistics find likely.)
        let likely_after_title =
            self.title_ends[start] && self.name_likelihood(start, surname, end) >= LIKELY_NAME_LN_P;
        // (、石玉/nr 碧/nr、: a three-character name in a list of names.)
        let listed = start > 0 && t.chars[start - 1] == '、';
        let wordlike_ok = exact_name || (third_char && (titled || listed)) || likely_after_title;
        if WORDLIKE_SURNAMES.contains(t.chars[start]) && !wordlike_ok {
            return None;
        }
        // 成立六 (HMM word 成立六/nr): a name never opens with an ordinary verb or adverb.
        if token.is_some_and(|tok| !tok.known) && !titled {
            let opening: String = t.chars[start..(start + 2).min(end)].iter().collect();
            if self
                .r
                .segmenter
                .dictionary_tag(&opening)
                .is_some_and(|tag| NOT_NAME_START_TAGS.contains(&tag))
            {
                return None;
            }
        }
        if let Some(token) = token.filter(|tok| tok.end == end) {
            let neutral = matches!(token.tag, "nz" | "x") || !token.known;
            if !NAME_TAGS.contains(&token.tag) && !titled && !neutral {
                return None; // a dictionary word of another kind: 宿舍, 高度
            }
            score += match (NAME_TAGS.contains(&token.tag), token.known) {
                (true, true) => 4,
                (true, false) => 3,
                _ if neutral => 0,
                _ => -2,
            };
        }
        if self.inside_name_token(start)
            && token_covering(t, start).is_some_and(|tok| tok.end == end)
        {
            score += 4;
        } else if t.token_ending[end].is_some() {
            score += 1;
        } else if self.name_tail(end) {
            score += 2;
        } else {
            score -= 3;
        }
        // A given name that is one ordinary two-character word (连/金融, 都/不) is suspect, and
        // so is one jieba knows only inside a longer word (雷阵雨 = 雷 + 阵雨, 高素质).
        if let Some(rest) = t.token_starting[start + surname].map(|k| &t.tokens[k]) {
            if rest.end == end && rest.len() == 2 && rest.known && !NAME_TAGS.contains(&rest.tag) {
                score -= 1;
            }
        }
        // (A dictionary name is trusted: 王学文, 许银川.)
        let one_token = token.is_some_and(|tok| tok.end == end && !tok.known);
        if given.len() == 2 && one_token {
            let given_word: String = given.iter().collect();
            if let Some(tag) = self.r.segmenter.dictionary_tag(&given_word) {
                if matches!(tag, "n" | "v" | "vn" | "a" | "d" | "an" | "ad" | "l" | "i") {
                    score -= 3;
                }
            }
        }
        // Two-character names are mostly ordinary words in jieba's dictionary (玉米, 叶子, 白云):
        // they need some context.
        if end - start == 2 {
            score -= 1;
            // An HMM-made two-character "name" whose surname is mostly an ordinary word (向征,
            // 白加) needs context.
            let wordlike = WORDLIKE_SURNAMES.contains(t.chars[start])
                || "白黑红蓝绿青紫".contains(t.chars[start]);
            if token.is_some_and(|tok| !tok.known) && wordlike {
                score -= 2;
            }
        }
        // A name split by jieba as surname + given name (冯/nr 利民/n, 王家/n 鹏/nr, 江/nr 宏伟/n).
        if token.is_some_and(|tok| tok.end < end && NAME_TAGS.contains(&tok.tag)) {
            score += 1;
            if token.is_some_and(|tok| tok.end - tok.start == surname) {
                score += 2; // jieba itself split off the surname: 袁/nr 步兵, 曹/nr 火星
            }
        }
        if third_char {
            score += 2;
        }
        if public_figure {
            score += PUBLIC_FIGURE;
        }
        if self.title_ends[start] {
            score += 3;
        }
        if self.title_starts[end] {
            score += 2;
        }
        if self.cue_before(start) {
            score += 2;
        }
        if self.cue_after(end) {
            score += 2;
        }
        match t.chars.get(end) {
            Some('、') => score += 1,
            Some('，' | '。' | '）' | '；' | '：') => score += 1,
            _ => {}
        }
        if start > 0 && t.chars[start - 1] == '、' {
            score += 1;
        }
        Some(score)
    }

    /// A three-character name jieba cut as a two-character name and a lone character
    /// (汪明/nr 新/a 经常, 李铁/nr 辰/ng 校长): the lone character is a given-name character,
    /// not a word of its own, unless it is a verb, adverb or other function word (王刚/nr 说).
    fn third_given_char(&self, start: usize, surname: usize, end: usize) -> bool {
        let t = self.t;
        if end - start != surname + 2 {
            return false;
        }
        let head = t.token_starting[start].map(|k| &t.tokens[k]);
        let lone = t.token_starting[end - 1].map(|k| &t.tokens[k]);
        // (主任杨省/ns 世: after a title, jieba's tag for the first two characters matters less.)
        let name_head = |tok: &Token| {
            NAME_TAGS.contains(&tok.tag)
                || (self.title_ends[start] && (tok.tag == "ns" || !tok.known))
        };
        // (杨省/ns 世到/v 会: the HMM glued a verb after the third character.)
        let glued_verb = |tok: &Token| {
            !tok.known
                && tok.len() == 2
                && t.chars
                    .get(end)
                    .is_some_and(|c| NEVER_IN_GIVEN_NAME.contains(*c) || self.follows_names(*c))
        };
        head.is_some_and(|tok| tok.end + 1 == end && name_head(tok))
            && lone.is_some_and(|tok| {
                tok.len() == 1 && matches!(tok.tag, "a" | "ag" | "ng" | "n" | "nr" | "tg" | "x")
                    || glued_verb(tok)
            })
    }

    fn cue_before(&self, start: usize) -> bool {
        !self
            .r
            .cue_before_dict
            .ending_at(&self.t.chars, start, start.saturating_sub(4))
            .is_empty()
    }

    fn cue_after(&self, end: usize) -> bool {
        self.r
            .cue_after_dict
            .prefixes(&self.t.chars, end)
            .next()
            .is_some()
    }

    /// A run of transliteration characters (with `·` or `-` joins) right after a title or
    /// tagged as a name by jieba.
    fn foreign_name(&self, start: usize) -> Option<Candidate> {
        // Only a transliteration character, or a word jieba takes for a name or an unknown one,
        // can open a foreign name.
        let t = self.t;
        let name_word = t.token_starting[start].is_some_and(|k| {
            let tok = &t.tokens[k];
            NAME_TAGS.contains(&tok.tag) || !tok.known || tok.tag == "nz"
        });
        if !name_word && !self.r.lexicons.transliteration.contains(&t.chars[start]) {
            return None;
        }
        [
            self.dotted_name(start),
            self.name_word_run(start),
            self.known_foreign_name(start),
            self.transliterated_run(start),
            self.foreign_word(start),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|c| (c.end, c.priority))
    }

    /// Names of two or three parts joined by `·` or a dash (铁木尔·达瓦买提, 卡洛斯·阿马特,
    /// 拉·甘地, 约翰—格伦): each part a run of transliteration characters (an initial may be one
    /// character, the last part has two or more) or one word jieba takes for a name, none of
    /// them a place.
    fn dotted_name(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let translit = &self.r.lexicons.transliteration;
        let window = &t.chars[start..(start + 12).min(t.chars.len())];
        if !window.iter().any(|c| is_name_join(*c)) {
            return None;
        }
        let mid_run = start > 0
            && (is_name_join(t.chars[start - 1])
                || (translit.contains(&t.chars[start - 1])
                    && t.token_ending[start].is_none_or(|k| {
                        let tok = &t.tokens[k];
                        NAME_TAGS.contains(&tok.tag) || !tok.known
                    })));
        if mid_run {
            return None; // the run is read from its first part
        }
        let run_end = |at: usize| {
            let mut end = at;
            while end < t.chars.len()
                && translit.contains(&t.chars[end])
                && (end == start || self.run_goes_on(end))
            {
                end += 1;
            }
            end
        };
        // After a join, any word of a few characters continues the name (拉·甘地/n), unless
        // HanLP counts it as an ordinary word.
        let word_end = |at: usize| -> Option<usize> {
            let tok = &t.tokens[t.token_starting.get(at).copied().flatten()?];
            let after_join = at > 0 && is_name_join(t.chars[at - 1]);
            let common = self
                .r
                .lexicons
                .derived
                .word_classes
                .get(tok.word)
                .is_some_and(|(class, _)| !class.is_person());
            let name_like = NAME_TAGS.contains(&tok.tag)
                || tok.tag == "nz"
                || !tok.known
                || (after_join && !common);
            let ok = name_like
                && (2..=5).contains(&tok.len())
                && tok.word.chars().all(crate::layout::spacing::is_han)
                && !self.r.lexicons.not_names.contains(tok.word);
            ok.then_some(tok.end)
        };
        // A name word may go on in transliteration characters jieba left out (汤姆/士).
        let part_end = |at: usize| run_end(run_end(at).max(word_end(at).unwrap_or(at)));
        let mut end = part_end(start);
        if end == start {
            return None;
        }
        let mut parts = 1;
        while parts < 4 && t.chars.get(end).is_some_and(|c| is_name_join(*c)) {
            let next = part_end(end + 1);
            if next < end + 3 {
                break; // the last part has two characters or more
            }
            end = next;
            parts += 1;
        }
        let name = t.slice(start, end);
        let place = !self.r.places.get(name).is_empty();
        (parts >= 2 && !place).then(|| person(start, end, 5))
    }

    /// A foreign name jieba cut into several name words (斯特罗/nr 耶夫/nr, 尤尔/nr 科夫/nrt):
    /// two or more adjacent short name words, each mostly transliteration characters.
    fn name_word_run(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let translit = &self.r.lexicons.transliteration;
        let foreign_word = |tok: &Token| {
            let count = tok.word.chars().filter(|c| translit.contains(c)).count();
            NAME_TAGS.contains(&tok.tag)
                && tok.len() <= 4
                && count * 3 >= tok.len() * 2
                && !self.r.lexicons.not_names.contains(tok.word)
                && self.r.places.get(tok.word).is_empty()
        };
        if t.token_ending[start].is_some_and(|k| foreign_word(&t.tokens[k])) {
            return None; // not the first word of the run
        }
        let mut end = start;
        let mut words = 0;
        while let Some(k) = t.token_starting.get(end).copied().flatten() {
            if !foreign_word(&t.tokens[k]) {
                break;
            }
            words += 1;
            end = t.tokens[k].end;
        }
        let chinese_surname = self
            .r
            .lexicons
            .surnames
            .prefix_len(t.slice(start, end))
            .is_some()
            && !translit.contains(&t.chars[start]);
        (words >= 2 && end - start >= 3 && !chinese_surname).then(|| person(start, end, 4))
    }

    /// A long jieba word tagged as a name, mostly transliteration characters (基里延科).
    fn foreign_word(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let tok = t.token_starting[start].map(|k| &t.tokens[k])?;
        let surname = self.r.lexicons.surnames.prefix_len(tok.word).is_some();
        let long_name = tok.len() >= 4 || (tok.len() == 3 && !surname);
        let known = !self.r.places.get(tok.word).is_empty()
            || !self.r.organizations.get(tok.word).is_empty()
            || self.r.lexicons.not_names.contains(tok.word);
        let translit = tok
            .word
            .chars()
            .filter(|c| self.r.lexicons.transliteration.contains(c))
            .count();
        let mostly_translit = translit * 3 >= tok.len() * 2;
        (NAME_TAGS.contains(&tok.tag) && tok.known && long_name && !known && mostly_translit)
            .then(|| person(tok.start, tok.end, 4))
    }

    /// A run of transliteration characters, joined by `·` or `-` (卡洛斯·阿马特), right after a
    /// title or made of words jieba tags as names.
    fn transliterated_run(&self, start: usize) -> Option<Candidate> {
        let t = self.t;
        let translit = &self.r.lexicons.transliteration;
        let mut end = start;
        while end < t.chars.len()
            && (translit.contains(&t.chars[end]) && (end == start || self.run_goes_on(end))
                || (matches!(t.chars[end], '·' | '-' | '－')
                    && end > start
                    && end + 1 < t.chars.len()))
        {
            end += 1;
        }
        while end > start && matches!(t.chars[end - 1], '·' | '-' | '－') {
            end -= 1;
        }
        if end - start < 2 || t.token_ending[end].is_none() {
            return None;
        }
        // Only whole runs: 奥利塞赫, not its tail 塞赫 (but 主席|迪亚斯: 席 ends a title).
        let inside_run = t.token_ending[start].is_none_or(|k| NAME_TAGS.contains(&t.tokens[k].tag));
        if start > 0 && translit.contains(&t.chars[start - 1]) && inside_run {
            return None;
        }
        let token = t.token_starting[start].map(|k| &t.tokens[k]);
        let mut pieces = Vec::new();
        let mut at = start;
        while let Some(k) = t.token_starting.get(at).copied().flatten() {
            if t.tokens[k].end > end {
                break;
            }
            pieces.push(&t.tokens[k]);
            at = t.tokens[k].end;
        }
        let tagged = token.is_some_and(|tok| tok.end == end && NAME_TAGS.contains(&tok.tag))
            || (pieces.len() >= 2
                && end - start >= 3
                && pieces.iter().any(|tok| NAME_TAGS.contains(&tok.tag)));
        let titled = self.title_ends[start] || self.title_starts[end];
        let long = end - start >= 3;
        let name = t.slice(start, end);
        // (吉林/ns 延吉/nr: a run made of place names is a place.)
        let place_piece = pieces
            .iter()
            .any(|tok| self.r.places.get(tok.word).iter().any(|p| !p.derived));
        if !self.r.places.get(name).is_empty()
            || !self.r.organizations.get(name).is_empty()
            || self.r.lexicons.not_names.contains(name)
            || place_piece
        {
            return None;
        }
        let dotted = name.contains('·') && name.split('·').all(|part| part.chars().count() >= 2);
        // Two characters jieba tags as a name need a title or a cue besides (占/比达/三分之二).
        let cued = titled || self.cue_after(end) || self.cue_before(start);
        let score = match (tagged, titled, long) {
            _ if dotted => 4,
            (true, _, true) => 4,
            (true, _, false) if cued => 4,
            (_, true, true) => 4,
            _ => return None,
        };
        Some(person(start, end, score))
    }
}

fn person(start: usize, end: usize, score: i32) -> Candidate {
    Candidate {
        kind: MentionKind::Person,
        start,
        end,
        priority: score,
        canonical: None,
        parent: None,
    }
}
