//! Entity recognition: persons, organizations, places and titles, from lexicons and rules over
//! jieba-rs tokens.
//!
//! jieba gives word boundaries and part-of-speech hints; our lexicons (`data/*.tsv`) and the rules
//! in the submodules decide types. Each recognizer proposes `Candidate`s with a priority; the
//! final mentions are chosen longest-first without overlaps, higher priority winning ties. So
//! `焦作市人民政府` is one organization rather than a place plus a word, and a title never eats a
//! name.

mod dict;
mod organizations;
mod persons;
mod places;
pub mod posts;
pub(crate) mod repair;
mod titles;

use crate::lexicon::words;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub(crate) use dict::{Dict, SuffixDict};

use crate::lexicon::{Level, Lexicons, WordClass};
use crate::segment::{Segmenter, Token};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// A person's name (张维宁).
    Person,
    /// An organization (焦作市人民政府).
    Organization,
    /// A place (焦作市, 大北张村).
    Place,
    /// An official or professional title (副主任); not an entity, but what posts are made of.
    Title,
}

/// A recognized span of text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    /// What the mention names.
    pub kind: MentionKind,
    /// `[start, end)` in characters.
    pub start: usize,
    /// Character just past the span.
    pub end: usize,
    /// The text of the span.
    pub surface: String,
    /// The canonical name where a lexicon gives one (工行 → 中国工商银行), else the surface.
    pub canonical: String,
    /// The canonical name of what it belongs to: a branch's parent organization (国元保险焦作支公司
    /// → 国元保险), a division's parent division.
    pub parent: Option<String>,
}

/// A proposed mention before overlaps are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub kind: MentionKind,
    pub start: usize,
    pub end: usize,
    /// Higher wins when two candidates of the same length overlap.
    pub priority: i32,
    pub canonical: Option<String>,
    pub parent: Option<String>,
}

/// What a Japanese name entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JapaneseName {
    /// A family name from our own list, trusted alone before a title (桥本首相).
    ListedSurname,
    /// A family or given name from HanLP's list.
    Part(crate::lexicon::JapanesePart),
}

/// A place entry in the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlaceEntry {
    pub canonical: String,
    /// Administrative level, for divisions of the gazetteer.
    pub level: Option<Level>,
    /// A short form (焦作 for 焦作市), trusted less than a full name.
    pub short: bool,
    /// The division it lies in (河南省 for 焦作市).
    pub parent: Option<String>,
    /// From the derived tables (CC-CEDICT, HanLP): a name there must be a word of its own, as
    /// many are also ordinary words inside longer ones (城中 of 城中村).
    pub derived: bool,
}

/// Everything the recognizers need, built once from the lexicons.
pub struct Recognizer {
    pub(crate) segmenter: Segmenter,
    places: Dict<PlaceEntry>,
    organizations: Dict<String>,
    titles: Dict<()>,
    /// The titles read whole (not split into body and title), as words for jieba.
    title_words: Vec<String>,
    /// The same titles, for "which title ends here" lookups.
    title_ends: SuffixDict<()>,
    /// Organization suffix → strong?
    org_suffixes: HashMap<String, bool>,
    /// The same suffixes, for lookups backwards from a word's end.
    org_suffix_ends: SuffixDict<bool>,
    max_org_suffix: usize,
    /// One-character government bodies (局, 厅, 委), named after a level alone: 市局, 省厅.
    government_bodies: HashSet<char>,
    /// Place suffix → kind (村 → village), read backwards from a word's end.
    place_suffixes: SuffixDict<String>,
    /// Known organizations, for "which known name ends here" lookups.
    organization_ends: SuffixDict<String>,
    /// Well-known people: our list (strong) and public figures from THUOCL and CC-CEDICT.
    known_people: Dict<bool>,
    /// Names of townships and villages without their level (李万 of 李万街道): no person's.
    place_stems: HashSet<String>,
    /// Japanese family and given names: our hand-written family names and HanLP's parts.
    japanese_names: Dict<JapaneseName>,
    /// Transliterated foreign names HanLP knows (普京, 斯捷帕申), for the longest one starting
    /// at a position.
    foreign_names: Dict<()>,
    /// Cue words after a name (说, 一行) and before one (会见), as tries.
    cue_after_dict: Dict<()>,
    cue_before_dict: SuffixDict<()>,
    lexicons: Lexicons,
}

impl std::fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Recognizer")
    }
}

/// Per-text working state shared by the recognizers.
pub struct Text<'a> {
    /// The text itself, and the byte offset in it of each character (and of its end), so that
    /// spans are looked up in the lexicons as borrowed slices, not as new strings.
    text: &'a str,
    byte_starts: Vec<usize>,
    /// The characters of the text.
    pub chars: Vec<char>,
    /// The jieba tokens of the text, in order.
    pub tokens: Vec<Token<'a>>,
    /// Token index starting at each character, if any.
    pub token_starting: Vec<Option<usize>>,
    /// Token index ending at each character boundary, if any (index = end offset).
    pub token_ending: Vec<Option<usize>>,
}

impl<'a> Text<'a> {
    /// True if `[start, end)` begins and ends on token boundaries.
    pub(crate) fn aligned(&self, start: usize, end: usize) -> bool {
        self.token_starting.get(start).is_some_and(|t| t.is_some())
            && self.token_ending.get(end).is_some_and(|t| t.is_some())
    }

    /// The characters `[start, end)` as a string.
    pub(crate) fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.byte_starts[start]..self.byte_starts[end]]
    }
}

impl Recognizer {
    /// The recognizer with the embedded lexicons. jieba's dictionary loads on a second thread
    /// while the lexicons are parsed, which halves start-up.
    pub fn embedded() -> crate::Result<Recognizer> {
        std::thread::scope(|scope| {
            let segmenter = scope.spawn(Segmenter::default_dictionary);
            let recognizer = Lexicons::embedded().map(Recognizer::dictionaries);
            let segmenter = segmenter
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let mut recognizer = recognizer?;
            recognizer.use_segmenter(segmenter);
            Ok(recognizer)
        })
    }

    /// Builds dictionaries from the lexicons and the segmenter with our words added.
    pub fn new(lexicons: Lexicons) -> Recognizer {
        let mut recognizer = Recognizer::dictionaries(lexicons);
        recognizer.use_segmenter(Segmenter::default_dictionary());
        recognizer
    }

    /// Takes `segmenter` for this recognizer, adding the words jieba must keep whole: our titles
    /// and organization suffixes (党工委, 管委会).
    fn use_segmenter(&mut self, mut segmenter: Segmenter) {
        let suffixes = self
            .lexicons
            .org_suffixes
            .iter()
            .filter(|s| s.suffix.chars().count() >= 2)
            .map(|s| (s.suffix.as_str(), "nt"));
        let titles = self.title_words.iter().map(|t| (t.as_str(), "nnt"));
        segmenter.add_words(suffixes.chain(titles));
        self.segmenter = segmenter;
    }

    /// Builds every dictionary from the lexicons, with an empty segmenter.
    fn dictionaries(lexicons: Lexicons) -> Recognizer {
        let mut places = Dict::default();
        let place_suffix_words: HashSet<&str> = lexicons
            .place_suffixes
            .iter()
            .map(|(s, _)| s.as_str())
            .collect();
        let bare_suffix = |name: &str| place_suffix_words.contains(name);
        // The source has a few divisions literally called 街道; a bare suffix names no place.
        let names: HashMap<&str, &str> = lexicons
            .gazetteer
            .iter()
            .map(|d| (d.code.as_str(), d.name.as_str()))
            .collect();
        for division in lexicons.gazetteer.iter().filter(|d| !bare_suffix(&d.name)) {
            let parent = division
                .parent
                .as_deref()
                .and_then(|code| names.get(code))
                .map(|name| name.to_string());
            let entry = |short| PlaceEntry {
                canonical: division.name.clone(),
                level: Some(division.level),
                short,
                parent: parent.clone(),
                derived: false,
            };
            places.insert(&division.name, entry(false));
            if let Some(short) = &division.short {
                places.insert(short, entry(true));
            }
        }
        for place in &lexicons.places_world {
            places.insert(
                &place.name,
                PlaceEntry {
                    canonical: place.canonical.clone(),
                    level: None,
                    short: false,
                    parent: None,
                    derived: false,
                },
            );
        }
        add_derived_places(&mut places, &lexicons.derived);
        let mut organizations = Dict::default();
        for org in &lexicons.organizations {
            organizations.insert(&org.name, org.canonical.clone());
        }
        for (name, _) in &lexicons.derived.organizations {
            if organizations.get(name).is_empty() {
                organizations.insert(name, name.clone());
            }
        }
        let government_bodies = lexicons
            .org_suffixes
            .iter()
            .filter(|s| s.kind == "government" && s.suffix.chars().count() == 1)
            .filter_map(|s| s.suffix.chars().next())
            .collect();
        let org_suffixes: HashMap<String, bool> = lexicons
            .org_suffixes
            .iter()
            .map(|s| (s.suffix.clone(), s.strong))
            .collect();
        let mut titles = Dict::default();
        let mut title_ends = SuffixDict::default();
        let mut title_words = Vec::new();
        let title_set: HashSet<&str> = lexicons.titles.iter().map(|t| t.title.as_str()).collect();
        for title in &lexicons.titles {
            // 国务院副总理, 市委书记: an organization and a title, read as two mentions.
            let chars: Vec<char> = title.title.chars().collect();
            let split = (1..chars.len()).any(|i| {
                let head: String = chars[..i].iter().collect();
                let tail: String = chars[i..].iter().collect();
                let head_is_org = !organizations.get(&head).is_empty()
                    || (1..=head.chars().count()).any(|len| {
                        let end: String = chars[i - len..i].iter().collect();
                        org_suffixes.contains_key(&end)
                    });
                // 党委委员, 党组成员: membership of a body is one title, read whole.
                let membership = title.rank == crate::lexicon::Rank::Member
                    && words::attached_bodies().contains(&head.as_str());
                title_set.contains(tail.as_str()) && head_is_org && !membership
            });
            if !split {
                titles.insert(&title.title, ());
                title_ends.insert(&title.title, ());
                title_words.push(title.title.as_str());
            }
        }
        let max_org_suffix = org_suffixes
            .keys()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(1);
        let title_words = title_words.into_iter().map(str::to_owned).collect();
        Recognizer {
            segmenter: Segmenter::empty(),
            title_words,
            places,
            organizations,
            titles,
            title_ends,
            org_suffix_ends: {
                let mut d = SuffixDict::default();
                for (suffix, strong) in &org_suffixes {
                    d.insert(suffix, *strong);
                }
                d
            },
            org_suffixes,
            max_org_suffix,
            government_bodies,
            place_suffixes: {
                let mut d = SuffixDict::default();
                for (suffix, kind) in &lexicons.place_suffixes {
                    d.insert(suffix, kind.clone());
                }
                d
            },
            organization_ends: {
                let mut d = SuffixDict::default();
                for org in &lexicons.organizations {
                    d.insert(&org.name, org.canonical.clone());
                }
                d
            },
            known_people: {
                let mut d = Dict::default();
                for name in &lexicons.people {
                    d.insert(name, true);
                }
                for name in &lexicons.derived.public_figures {
                    if !lexicons.people.contains(name) {
                        d.insert(name, false);
                    }
                }
                d
            },
            place_stems: lexicons
                .gazetteer
                .iter()
                .filter_map(|d| {
                    let stem = words::place_levels()
                        .iter()
                        .find_map(|l| d.name.strip_suffix(l))?;
                    Some(stem.to_owned())
                })
                .collect(),
            japanese_names: {
                let mut d = Dict::default();
                for name in &lexicons.japanese_surnames {
                    d.insert(name, JapaneseName::ListedSurname);
                }
                for (name, part) in &lexicons.derived.japanese_names {
                    d.insert(name, JapaneseName::Part(*part));
                }
                d
            },
            foreign_names: {
                let mut d = Dict::default();
                for name in &lexicons.derived.foreign_names {
                    d.insert(name, ());
                }
                d
            },
            cue_after_dict: {
                let mut d = Dict::default();
                for cue in lexicons.cues.iter().filter(|c| c.after_name) {
                    d.insert(&cue.cue, ());
                }
                d
            },
            cue_before_dict: {
                let mut d = SuffixDict::default();
                for cue in lexicons.cues.iter().filter(|c| !c.after_name) {
                    d.insert(&cue.cue, ());
                }
                d
            },
            lexicons,
        }
    }

    /// The rank of a title in the lexicon (副主任 → deputy).
    pub(crate) fn title_rank(&self, title: &str) -> Option<crate::lexicon::Rank> {
        self.lexicons
            .titles
            .iter()
            .find(|t| t.title == title)
            .map(|t| t.rank)
    }

    /// For a title that names its own organization (外长): the title of the post and the
    /// organization's canonical name (部长, 外交部).
    pub(crate) fn title_post(&self, title: &str) -> Option<(&str, &str)> {
        let tp = self.lexicons.title_posts.get(title)?;
        let body = self
            .lexicons
            .organizations
            .iter()
            .find(|o| o.name == tp.body)
            .map_or(tp.body.as_str(), |o| o.canonical.as_str());
        Some((tp.post.as_str(), body))
    }

    /// The shared segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The lexicons this recognizer was built from.
    pub fn lexicons(&self) -> &Lexicons {
        &self.lexicons
    }

    /// Segments `text` and indexes token boundaries.
    pub(crate) fn prepare<'a>(&'a self, text: &'a str) -> Text<'a> {
        let chars: Vec<char> = text.chars().collect();
        let byte_starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let tokens = titles::resegment(self, text, &chars, self.segmenter.tag(text));
        let mut token_starting = vec![None; chars.len() + 1];
        let mut token_ending = vec![None; chars.len() + 1];
        for (k, t) in tokens.iter().enumerate() {
            token_starting[t.start] = Some(k);
            token_ending[t.end] = Some(k);
        }
        Text {
            text,
            byte_starts,
            chars,
            tokens,
            token_starting,
            token_ending,
        }
    }

    /// Recognizes the mentions in `text`, sorted by position.
    pub fn recognize(&self, text: &str) -> Vec<Mention> {
        self.recognize_text(text).1
    }

    /// Like [`Recognizer::recognize`], also returning the segmented text, for later stages
    /// (events) that need word boundaries without segmenting again. Bodies named relative to
    /// the paper's region (市委, 县政府) are organizations under the name the text gives; a
    /// region, given or inferred, expands them later.
    pub fn recognize_text<'a>(&'a self, text: &'a str) -> (Text<'a>, Vec<Mention>) {
        let t = self.prepare(text);
        let mut candidates = Vec::new();
        places::propose(self, &t, &mut candidates);
        organizations::propose(self, &t, &mut candidates);
        titles::propose(self, &t, &mut candidates);
        let taken = select(&t, candidates.clone());
        persons::propose(self, &t, &taken, &mut candidates);
        let mentions = organizations::join_compounds(self, select(&t, candidates));
        (t, mentions)
    }
}

/// Places from the derived tables (HanLP's and CC-CEDICT's place names, and words HanLP counts
/// as places where jieba does not), behind the gazetteer and our world places: a name already
/// known keeps its level and parent.
fn add_derived_places(places: &mut Dict<PlaceEntry>, derived: &crate::lexicon::Derived) {
    let classed = derived
        .word_classes
        .iter()
        .filter(|(_, (class, _))| matches!(class, WordClass::Place | WordClass::ForeignPlace))
        .map(|(name, _)| name);
    for name in derived.places.iter().chain(classed) {
        if places.get(name).is_empty() && !words::generic_places().contains(&name.as_str()) {
            places.insert(
                name,
                PlaceEntry {
                    canonical: name.clone(),
                    level: None,
                    short: false,
                    parent: None,
                    derived: true,
                },
            );
        }
    }
}

/// Chooses non-overlapping candidates: longest first, then higher priority, then leftmost.
fn select(t: &Text, mut candidates: Vec<Candidate>) -> Vec<Mention> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.priority.cmp(&a.priority))
            .then(a.start.cmp(&b.start))
    });
    let mut used = vec![false; t.chars.len()];
    let mut chosen = Vec::new();
    for c in candidates {
        if c.start >= c.end || used[c.start..c.end].iter().any(|&u| u) {
            continue;
        }
        used[c.start..c.end].iter_mut().for_each(|u| *u = true);
        let surface = t.slice(c.start, c.end).to_owned();
        chosen.push(Mention {
            kind: c.kind,
            start: c.start,
            end: c.end,
            canonical: c.canonical.unwrap_or_else(|| surface.clone()),
            parent: c.parent,
            surface,
        });
    }
    chosen.sort_by_key(|m| (m.start, m.end));
    chosen
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The recognizer with the embedded lexicons, built once for all tests.
    pub(crate) fn recognizer() -> &'static Recognizer {
        static R: OnceLock<Recognizer> = OnceLock::new();
        R.get_or_init(|| Recognizer::embedded().unwrap())
    }

    /// `KIND surface` for every mention, in text order.
    fn found(text: &str) -> Vec<String> {
        recognizer()
            .recognize(text)
            .iter()
            .map(|m| format!("{:?} {}", m.kind, m.surface))
            .collect()
    }

    #[test]
    fn organization_title_and_name() {
        assert_eq!(
            found("省人大常委会副主任张维宁带领调研组"),
            ["Organization 省人大常委会", "Title 副主任", "Person 张维宁"]
        );
    }

    #[test]
    fn a_country_s_army_or_side_is_not_a_person() {
        for text in ["乌军当天撤出该地。", "俄方表示反对。", "韩方代表出席。"]
        {
            assert!(
                !found(text).iter().any(|m| m.starts_with("Person")),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn three_character_names_jieba_cuts_after_two() {
        // 汪明/nr 新/a, 方齐/nr 连/nr, 翟/nr 启运/v: the whole name, not its first two characters.
        assert!(found("县委书记汪明新经常到基层").contains(&"Person 汪明新".to_owned()));
        assert!(found("局长方齐连上任后").contains(&"Person 方齐连".to_owned()));
        assert!(found("本报记者翟启运报道").contains(&"Person 翟启运".to_owned()));
        // A lone verb after a two-character name stays outside it.
        assert!(found("市长王刚说，").contains(&"Person 王刚".to_owned()));
    }

    #[test]
    fn names_in_a_list_after_a_collective_title() {
        let mentions = found("区领导冯利民、赵俊峰、万英奎出席。");
        for name in ["Person 冯利民", "Person 赵俊峰", "Person 万英奎"] {
            assert!(mentions.contains(&name.to_owned()), "{mentions:?}");
        }
    }

    #[test]
    fn ordinary_words_that_look_like_names_are_not_people() {
        assert!(!found("北京雷阵雨转晴，玉米长势良好。")
            .iter()
            .any(|m| m.starts_with("Person")));
    }

    #[test]
    fn foreign_names_whole() {
        assert!(found("古巴司法部长卡洛斯·阿马特在会上发言")
            .contains(&"Person 卡洛斯·阿马特".to_owned()));
    }

    #[test]
    fn foreign_names_end_where_jieba_starts_another_word() {
        // 希望 and the verb 派 after a known name are words of their own, not name characters.
        let mentions = found("联合国秘书长科菲·安南希望这次会议取得成功");
        assert!(
            mentions.contains(&"Person 科菲·安南".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("美国总统克林顿派代表前来祝贺");
        assert!(
            mentions.contains(&"Person 克林顿".to_owned()),
            "{mentions:?}"
        );
        // Words inside a transliteration are transliteration characters themselves.
        let mentions = found("美国女演员格洛丽亚·斯图尔特去世");
        assert!(
            mentions.contains(&"Person 格洛丽亚·斯图尔特".to_owned()),
            "{mentions:?}"
        );
    }

    #[test]
    fn a_foreign_name_cut_in_two_made_up_words() {
        let mentions = found("内务部长斯捷帕申是前政府的司法部长");
        assert!(
            mentions.contains(&"Person 斯捷帕申".to_owned()),
            "{mentions:?}"
        );
    }

    #[test]
    fn japanese_names_jieba_keeps_whole() {
        let mentions = found("日本队教练冈田武史说，很遗憾没进球");
        assert!(
            mentions.contains(&"Person 冈田武史".to_owned()),
            "{mentions:?}"
        );
    }

    #[test]
    fn slogans_and_prepositions_are_no_places() {
        let mentions = found("让绿水青山就是金山银山的理念开花结果");
        assert!(
            !mentions
                .iter()
                .any(|m| m.contains("金山") || m.contains("青山")),
            "{mentions:?}"
        );
        let mentions = found("全国各族人民在以习近平同志为核心的党中央坚强领导下");
        assert!(
            !mentions.iter().any(|m| m.starts_with("Place")),
            "{mentions:?}"
        );
    }

    #[test]
    fn common_nouns_are_no_places() {
        // 城区 (a district's name in the gazetteer), 七楼 (a floor), 文明城市, 销路 (no road).
        for text in [
            "确保城区、景区干净整洁",
            "我县在县行政大楼七楼会议室召开会议",
            "开展深化文明城市建设专题视察活动",
            "询问葡萄产量、品质、销路等情况",
        ] {
            assert!(
                !found(text).iter().any(|m| m.starts_with("Place")),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn places_with_their_level_or_division() {
        assert!(found("大湾村茶产业和旅游业蓬勃发展").contains(&"Place 大湾村".to_owned()));
        let mentions = found("包括亚马孙州、朗多尼亚州等多地在内");
        assert!(
            mentions.contains(&"Place 亚马孙州".to_owned()),
            "{mentions:?}"
        );
    }

    #[test]
    fn bodies_named_after_places_and_fields() {
        let mentions = found("王伟一行首先来到钱江蔬菜公司参观");
        assert!(
            mentions.contains(&"Organization 钱江蔬菜公司".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("市林业和园林局、湖滨区和县人力资源和社会保障局");
        assert!(
            mentions.contains(&"Organization 市林业和园林局".to_owned()),
            "{mentions:?}"
        );
        assert!(
            mentions.contains(&"Organization 县人力资源和社会保障局".to_owned()),
            "{mentions:?}"
        );
        // A list of places or bodies stays a list.
        let mentions = found("感动了福建省和漳州市教委");
        assert!(
            mentions.contains(&"Organization 漳州市教委".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("武侯区和玉林街道人民调解委员会联合设立调解室");
        assert!(
            mentions.contains(&"Organization 玉林街道人民调解委员会".to_owned()),
            "{mentions:?}"
        );
    }

    #[test]
    fn names_jieba_cuts_oddly_after_titles_and_in_lists() {
        // 余/m 立新/d after a title; 杨省/ns 世到/v with a verb glued on; 石玉/nr 碧/nr in a list.
        let mentions = found("健康管理有限公司董事长余立新对平台运营工作作了介绍");
        assert!(
            mentions.contains(&"Person 余立新".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("连云港市委书记、市人大常委会主任杨省世到会致辞");
        assert!(
            mentions.contains(&"Person 杨省世".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("领导刘云堂、曾秀维、石玉碧、赵珂参加会议");
        assert!(
            mentions.contains(&"Person 石玉碧".to_owned()),
            "{mentions:?}"
        );
    }

    #[test]
    fn a_name_inside_a_doctrine_is_no_person() {
        assert!(!found("坚持把马克思主义基本原理同中国具体实际相结合")
            .iter()
            .any(|m| m.starts_with("Person")));
        assert!(found("马克思说过").contains(&"Person 马克思".to_owned()));
    }

    #[test]
    fn bodies_a_place_names_with_a_field_between() {
        let mentions = found("巴西地理统计局28日表示");
        assert!(
            mentions.contains(&"Organization 巴西地理统计局".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("据黎公共卫生部部长阿卜亚德今天说");
        assert!(
            mentions.contains(&"Organization 黎公共卫生部".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("德国汉莎航空暂停了所有航班，法国航空则已经暂停往返");
        assert!(
            mentions.contains(&"Organization 德国汉莎航空".to_owned()),
            "{mentions:?}"
        );
        assert!(
            mentions.contains(&"Organization 法国航空".to_owned()),
            "{mentions:?}"
        );
        // Cadres and directions are no departments.
        for text in ["青海广大干部群众表示", "巴西西北部遭遇干旱"] {
            assert!(
                !found(text).iter().any(|m| m.starts_with("Organization")),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn townships_in_lists_and_communities_named_after_villages() {
        let mentions = found("考核组随机抽取了灵溪、龙港两镇进行检查");
        assert!(mentions.contains(&"Place 灵溪".to_owned()), "{mentions:?}");
        assert!(found("位于花园村社区的甘家口").contains(&"Place 花园村社区".to_owned()));
        // Common nouns in a list with a place stay common nouns.
        for text in ["拓展合作的深度和广度", "走好“绿色路”"] {
            assert!(
                !found(text).iter().any(|m| m.starts_with("Place")),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn parks_and_markets_with_words_describing_them() {
        let mentions = found("天鹅湖国家城市湿地公园、钱江综合市场");
        assert!(
            mentions.contains(&"Place 天鹅湖国家城市湿地公园".to_owned()),
            "{mentions:?}"
        );
        assert!(
            mentions.contains(&"Place 钱江综合市场".to_owned()),
            "{mentions:?}"
        );
        // A country's market is an economy.
        let mentions = found("中国企业进入欧洲市场，印度信息技术市场放慢");
        assert!(
            !mentions.iter().any(|m| m.ends_with("市场")),
            "{mentions:?}"
        );
    }

    #[test]
    fn company_names_with_a_place_in_brackets_and_lists_of_departments() {
        let mentions = found("医养康（北京）健康管理有限公司董事长余立新");
        assert!(
            mentions.contains(&"Organization 医养康（北京）健康管理有限公司".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("TCL宏齐科技(惠州)有限公司");
        assert!(
            mentions.contains(&"Organization TCL宏齐科技(惠州)有限公司".to_owned()),
            "{mentions:?}"
        );
        let mentions = found("公证工作处、司法鉴定处、法律援助处的党员参加");
        for body in ["公证工作处", "司法鉴定处", "法律援助处"] {
            assert!(
                mentions.contains(&format!("Organization {body}")),
                "{mentions:?}"
            );
        }
    }

    #[test]
    fn transliterated_names_after_titles() {
        let mentions = found("俄罗斯联邦委员会主席马特维延科会见古巴国家主席迪亚斯-卡内尔");
        assert!(
            mentions.contains(&"Person 马特维延科".to_owned()),
            "{mentions:?}"
        );
        assert!(
            mentions.contains(&"Person 迪亚斯-卡内尔".to_owned()),
            "{mentions:?}"
        );
    }

    /// (title, organization) of every post in `text`.
    fn posts_in(text: &str) -> Vec<(String, String)> {
        let mentions = recognizer().recognize(text);
        let chars: Vec<char> = text.chars().collect();
        posts::find(recognizer(), &chars, &mentions)
            .iter()
            .map(|p| {
                let org = match (&p.organization, &p.inherited) {
                    (Some(i), _) => mentions[*i].surface.clone(),
                    (None, Some((name, _, _))) => name.clone(),
                    _ => "-".into(),
                };
                (mentions[p.title].canonical.clone(), org)
            })
            .collect()
    }

    #[test]
    fn chains_of_posts() {
        assert_eq!(
            posts_in("中共中央政治局常委、全国政协主席王沪宁出席"),
            [
                ("常委".to_owned(), "中共中央政治局".to_owned()),
                ("主席".to_owned(), "全国政协".to_owned())
            ]
        );
    }

    #[test]
    fn appointments() {
        assert_eq!(
            posts_in("李四担任示范区党工委书记"),
            [("书记".to_owned(), "示范区党工委".to_owned())]
        );
    }

    #[test]
    fn a_minister_named_after_the_ministry() {
        assert_eq!(
            posts_in("美国财政部长鲁宾表示"),
            [("部长".to_owned(), "美国财政部".to_owned())]
        );
    }

    #[test]
    fn branches_keep_their_parent() {
        let mentions = recognizer().recognize("其中，国元保险焦作支公司6月26日取得营业执照");
        let branch = mentions
            .iter()
            .find(|m| m.surface == "国元保险焦作支公司")
            .unwrap();
        assert_eq!(branch.kind, MentionKind::Organization);
        assert_eq!(branch.parent.as_deref(), Some("国元农业保险股份有限公司"));
    }

    #[test]
    fn small_places_by_suffix_and_divisions_with_parents() {
        let mentions = recognizer().recognize("王家鹏一行先后到李万街道大北张村、鑫苑小区察看");
        let surfaces: Vec<&str> = mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Place)
            .map(|m| m.surface.as_str())
            .collect();
        assert_eq!(surfaces, ["李万街道", "大北张村", "鑫苑小区"]);
        assert_eq!(
            mentions
                .iter()
                .find(|m| m.surface == "李万街道")
                .unwrap()
                .parent
                .as_deref(),
            Some("焦作城乡一体化示范区")
        );
    }

    #[test]
    fn country_abbreviations_in_compounds() {
        let places: Vec<String> = found("中美关系和访华日程")
            .into_iter()
            .filter(|m| m.starts_with("Place"))
            .collect();
        assert_eq!(places, ["Place 中", "Place 美", "Place 华"]);
    }

    #[test]
    fn relative_bodies_keep_the_name_the_text_gives() {
        let kinds: Vec<MentionKind> = recognizer()
            .recognize("市委、市政府决策部署")
            .iter()
            .map(|m| m.kind)
            .collect();
        assert_eq!(
            kinds,
            [MentionKind::Organization, MentionKind::Organization]
        );
    }

    #[test]
    fn coordinated_titles_inherit_the_organization() {
        assert_eq!(
            posts_in("示范区党工委书记、管委会主任王家鹏"),
            [
                ("书记".to_owned(), "示范区党工委".to_owned()),
                ("主任".to_owned(), "示范区管委会".to_owned())
            ]
        );
    }

    fn persons_in(text: &str) -> Vec<String> {
        found(text)
            .into_iter()
            .filter_map(|m| m.strip_prefix("Person ").map(str::to_owned))
            .collect()
    }

    #[test]
    fn well_known_people_whatever_jieba_tags_them() {
        // jieba tags 习近平 nrfg and 普京 ns.
        assert_eq!(
            persons_in("国家主席习近平在北京会见俄罗斯总统普京"),
            ["习近平", "普京"]
        );
    }

    #[test]
    fn a_verb_jieba_glues_to_a_name_stays_outside_it() {
        // jieba's words 刘奇作, 黄强还, 薛良率: 作, 还 and 率 follow names, HanLP's counts say.
        assert_eq!(persons_in("刘奇作了报告。"), ["刘奇"]);
        assert_eq!(persons_in("黄强还指出，"), ["黄强"]);
        assert_eq!(persons_in("薛良率队调研。"), ["薛良"]);
        assert!(persons_in("惠州能够发展。").is_empty());
    }

    #[test]
    fn places_and_ordinary_words_jieba_tags_as_names_are_not_people() {
        assert!(persons_in("他在约翰内斯堡出席峰会。").is_empty());
        assert!(persons_in("紧靠护栏的黄土路基已被雨水冲出一道沟。").is_empty());
    }

    #[test]
    fn a_surname_alone_before_a_title() {
        assert_eq!(persons_in("江主席洞察世界军事发展变革"), ["江"]);
    }

    #[test]
    fn foreign_names_joined_by_dots_and_dashes() {
        assert_eq!(
            persons_in("美国参议员约翰—格伦在招贴画上签名"),
            ["约翰—格伦"]
        );
        assert_eq!(persons_in("印度前总理拉·甘地1988年访华"), ["拉·甘地"]);
    }

    #[test]
    fn every_title_in_a_chain_gets_its_body() {
        // 县长 names the county government; no region is known, so the surface stays.
        assert_eq!(
            posts_in("县委副书记、县长张庆红出席"),
            [
                ("副书记".to_owned(), "县委".to_owned()),
                ("县长".to_owned(), "县政府".to_owned())
            ]
        );
        // 主任 of the 联社 whose party committee came first.
        assert_eq!(
            posts_in("区供销联社党委书记、主任倪晓锦陪同"),
            [
                ("书记".to_owned(), "区供销联社党委".to_owned()),
                ("主任".to_owned(), "区供销联社".to_owned())
            ]
        );
    }

    #[test]
    fn names_in_a_list_share_their_titles() {
        assert_eq!(
            posts_in("市委常委崔歆、刘丽、黄勇出席"),
            vec![("常委".to_owned(), "市委".to_owned()); 3]
        );
    }

    #[test]
    fn titles_jieba_cuts_across_are_read() {
        // jieba: 部副/部长, 办主/任何/建吾.
        assert_eq!(
            posts_in("总社科教社团部副部长沈青出席"),
            [("副部长".to_owned(), "总社科教社团部".to_owned())]
        );
        assert_eq!(
            posts_in("海淀区经信办主任何建吾陪同"),
            [("主任".to_owned(), "海淀区经信办".to_owned())]
        );
    }

    #[test]
    fn bodies_written_in_two_parts_are_one() {
        // A party group is the body's leadership, named in the title: 党组书记 of 省工商联.
        assert_eq!(
            posts_in("省工商联党组书记杨勇主持会议"),
            [("党组书记".to_owned(), "省工商联".to_owned())]
        );
        assert_eq!(
            posts_in("市局党组书记、局长张进出席"),
            [
                ("党组书记".to_owned(), "市局".to_owned()),
                ("局长".to_owned(), "市局".to_owned())
            ]
        );
        // A party committee is a body of its own.
        assert!(found("海霞社区党委书记王红").contains(&"Organization 海霞社区党委".to_owned()));
        assert!(found("连云港市委书记到会").contains(&"Organization 连云港市委".to_owned()));
    }

    #[test]
    fn streets_in_a_list() {
        let places: Vec<String> = found("到大岭南路、迎宾大道、上阳路察看")
            .into_iter()
            .filter(|m| m.starts_with("Place"))
            .collect();
        assert_eq!(places, ["Place 大岭南路", "Place 迎宾大道", "Place 上阳路"]);
        assert!(found("要开拓思路").iter().all(|m| !m.starts_with("Place")));
    }

    #[test]
    fn a_name_jieba_tags_after_a_title() {
        // 法永/nr: no Chinese surname, no transliteration list; the title says it is a name.
        assert_eq!(persons_in("会见斯洛文尼亚副总理兼外长法永。"), ["法永"]);
        assert_eq!(persons_in("国家副主席韩正于北京会见"), ["韩正"]);
    }

    #[test]
    fn titles_joined_by_jian_share_the_body() {
        assert_eq!(
            posts_in("会见了莫塔集团董事长兼首席执行官卡洛斯·莫塔。"),
            [
                ("董事长".to_owned(), "莫塔集团".to_owned()),
                ("首席执行官".to_owned(), "莫塔集团".to_owned())
            ]
        );
    }

    #[test]
    fn bodies_of_villages_and_foreign_countries() {
        assert!(found("大湾村党总支第一书记余静").contains(&"Organization 大湾村党总支".to_owned()));
        assert!(found("黎外交部发表声明").contains(&"Organization 黎外交部".to_owned()));
        let places: Vec<String> = found("朗多尼亚州和巴达赫尚省遭灾")
            .into_iter()
            .filter(|m| m.starts_with("Place"))
            .collect();
        assert_eq!(places, ["Place 朗多尼亚州", "Place 巴达赫尚省"]);
    }
}
