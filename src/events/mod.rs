//! Events: who did what, when, where, with whom.
//!
//! A trigger word from `data/event_triggers.tsv` names an event and its type (调研 → inspection,
//! 座谈会 → meeting); the types are documented in `ontology/events.ttl`. Cue words from
//! `data/event_roles.tsv` give roles to the entities around them (乔学达陪同 → companion,
//! 冯利民、赵俊峰出席 → attendee, 到大北张村、鑫苑小区 → places). The time is the nearest time
//! expression in the sentence.
//!
//! A leader's visit is told over several sentences (一行来到…, 调研中…): a sentence with no
//! trigger of its own that names the event's agent, or opens with 调研中 / 会上 …, adds its
//! roles and places to the event before it. Within an article, events of one type whose agents
//! and times agree are one event; across articles, `event_id` gives the same event the same
//! id (type, date and agent), so a graph merges them and keeps every article.

mod counts;
mod roles;

use crate::error::Result;
use crate::lexicon::words;
use crate::lexicon::{choice, parse_tsv, strength};
use crate::recognize::{Dict, Mention, MentionKind, Text};
use crate::time::TimeMention;

pub(crate) use counts::Count;
pub use roles::Role;

const ROLES_TSV: &str = include_str!("../../data/event_roles.tsv");

/// Event types, as in `ontology/events.ttl` (concepts `zkg:inspection` …): public affairs,
/// then the incidents (from `disaster` on).
pub const TYPES: &[&str] = &[
    "inspection",
    "visit",
    "meeting",
    "talks",
    "message",
    "speech",
    "statement",
    "signing",
    "activity",
    "opening",
    "establishment",
    "appointment",
    "case",
    "disaster",
    "earthquake",
    "fire",
    "accident",
    "explosion",
    "attack",
    "poisoning",
    "epidemic",
    "pollution",
    "casualty",
    "rescue",
];

/// Types whose story runs over several sentences (a visit, a meeting, talks).
const MULTI_SENTENCE: &[&str] = &["inspection", "visit", "meeting", "talks", "activity"];

/// Incidents (the types under `zkg:incident` in the ontology, the tail of [`TYPES`]): told again
/// and again in one story (爆炸…此次爆炸事件), each is one event per time and place.
const INCIDENTS: &[&str] = TYPES.split_at(13).1;

/// Types someone attends, accompanies or hosts: a sentence naming only who took part
/// (肖捷、何立峰参加) belongs to the latest of them.
const ATTENDED: &[&str] = &[
    "inspection",
    "visit",
    "meeting",
    "talks",
    "activity",
    "opening",
    "signing",
    "speech",
];

#[derive(Debug, Clone)]
struct TriggerWord {
    kind: &'static str,
    strong: bool,
}

#[derive(Debug, Clone, Copy)]
struct Cue {
    role: Role,
    /// The entities after the cue (会见普京) rather than before it (乔学达陪同).
    after: bool,
}

/// The trigger and cue lexicons, built once and shared.
#[derive(Debug, Clone)]
pub struct Detector {
    triggers: Dict<TriggerWord>,
    cues: Dict<Cue>,
}

/// An event found in one text; entities are indices into the mentions given to [`Detector::find`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The event type, one of [`TYPES`] (调研 → `inspection`).
    pub kind: &'static str,
    /// `[start, end)` of the trigger that names the event.
    pub trigger: (usize, usize),
    /// Every trigger merged into this event, in text order.
    pub triggers: Vec<(usize, usize)>,
    /// Index into the time mentions.
    pub time: Option<usize>,
    /// True when `time` comes from an earlier sentence, not the event's own.
    pub time_carried: bool,
    /// Mention indices of places (and organizations as venues), in text order.
    pub places: Vec<usize>,
    /// `(mention index, role)`, in text order.
    pub participants: Vec<(usize, Role)>,
    /// How many people it befell (casualties, poisonings, cases), where the text says.
    pub count: Option<Count>,
}

impl Found {
    /// The mention index of who does the event (the agent), if known.
    pub fn agent(&self) -> Option<usize> {
        self.participants
            .iter()
            .find(|(_, r)| *r == Role::Agent)
            .map(|(m, _)| *m)
    }

    /// Who leads the event: its agent, else its host (a meeting is hosted, not done).
    pub(crate) fn leader(&self) -> Option<usize> {
        self.agent().or_else(|| {
            self.participants
                .iter()
                .find(|(_, r)| *r == Role::Host)
                .map(|(m, _)| *m)
        })
    }

    fn has(&self, mention: usize) -> bool {
        self.participants.iter().any(|(m, _)| *m == mention)
    }

    fn add_participant(&mut self, mention: usize, role: Role) {
        if role == Role::Agent && self.agent().is_some() {
            return;
        }
        if !self.has(mention) {
            self.participants.push((mention, role));
        }
    }

    /// Takes in the triggers, participants (in the role `role_of` gives them) and places of
    /// `other`, told as an event of its own but part of this one.
    fn absorb(&mut self, other: Found, role_of: impl Fn(Role) -> Role) {
        self.count = self.count.take().or(other.count);
        self.triggers.extend(other.triggers);
        self.triggers.sort();
        self.triggers.dedup();
        for (m, role) in other.participants {
            self.add_participant(m, role_of(role));
        }
        for p in other.places {
            self.add_place(p);
        }
    }

    /// Takes in the triggers of a statement made at this event; the speaker keeps the role they
    /// have (or get from the sentence's cues).
    fn hear(&mut self, statement: Found) {
        self.triggers.extend(statement.triggers);
        self.triggers.sort();
        self.triggers.dedup();
    }

    fn add_place(&mut self, mention: usize) {
        if !self.places.contains(&mention) {
            self.places.push(mention);
        }
    }
}

impl Detector {
    /// The lexicons shipped in `data/`.
    pub fn embedded() -> Result<Detector> {
        Detector::parse(crate::lexicon::EVENT_TRIGGERS_TSV, ROLES_TSV)
    }

    /// Builds a detector from the texts of a trigger TSV and a role-cue TSV, as in `data/`.
    pub fn parse(triggers_tsv: &str, roles_tsv: &str) -> Result<Detector> {
        let file = "data/event_triggers.tsv";
        let kinds: Vec<(&str, &'static str)> = TYPES.iter().map(|t| (*t, *t)).collect();
        let mut triggers = Dict::default();
        for row in parse_tsv(file, triggers_tsv, &["trigger", "type", "strength"])? {
            let kind = choice(file, &row, 1, "type", &kinds)?;
            let strong = strength(file, &row, 2)?;
            triggers.insert(&row.fields[0], TriggerWord { kind, strong });
        }
        let file = "data/event_roles.tsv";
        let mut cues = Dict::default();
        for row in parse_tsv(file, roles_tsv, &["cue", "role", "side"])? {
            let role = choice(file, &row, 1, "role", Role::NAMES)?;
            let after = choice(file, &row, 2, "side", &[("after", true), ("before", false)])?;
            cues.insert(&row.fields[0], Cue { role, after });
        }
        Ok(Detector { triggers, cues })
    }

    /// The events of one article. `times` are the article's time expressions.
    pub fn find(&self, t: &Text, mentions: &[Mention], times: &[TimeMention]) -> Vec<Found> {
        let mut events: Vec<Found> = Vec::new();
        let mut current: Option<usize> = None;
        for (start, end) in sentences(&t.chars) {
            let mut found = self.in_sentence(t, mentions, times, start, end);
            // An event whose sentence gives no day (none, or only a clock time: 中午12时30分;
            // not a vague one, 近期, which says it was not that day) happened when the article
            // last said.
            if let Some(last) = last_date_before(t, times, start) {
                let dateless = |f: &&mut Found| {
                    f.time
                        .is_none_or(|i| times[i].from.is_none() && !times[i].vague)
                };
                for f in found.iter_mut().filter(dateless) {
                    f.time = Some(last);
                    f.time_carried = true;
                }
            }
            // What is said in a sentence that goes on with a happening (调研中，他强调…; 县委书记
            // 黄寿龙指出… after a meeting) is said at it, not a statement of its own.
            if let Some(c) = current.filter(|&c| continues(&events[c], t, mentions, start, end)) {
                let (said, rest): (Vec<Found>, Vec<Found>) =
                    found.into_iter().partition(|f| f.kind == "statement");
                for statement in said {
                    events[c].hear(statement);
                }
                found = rest;
            }
            if found.is_empty() {
                current = current.filter(|&c| continues(&events[c], t, mentions, start, end));
                if current.is_none() && self.joins(t, mentions, start, end) {
                    current = events.iter().rposition(|e| ATTENDED.contains(&e.kind));
                }
                if let Some(c) = current {
                    // (蔡奇、王毅等参加上述活动: every happening told so far.)
                    let told: Vec<usize> = if t.slice(start, end).contains("上述") {
                        (0..events.len())
                            .filter(|&i| ATTENDED.contains(&events[i].kind))
                            .collect()
                    } else {
                        vec![c]
                    };
                    for i in told {
                        roles::assign(self, t, mentions, start, end, &mut events[i..=i]);
                    }
                    if let Some(p) = speaker(t, mentions, start, end) {
                        let known = events[c]
                            .participants
                            .iter()
                            .any(|&(m, _)| mentions[m].canonical == mentions[p].canonical);
                        if events[c].kind == "meeting" && !known {
                            events[c].add_participant(p, Role::Attendee);
                        }
                    }
                }
                continue;
            }
            let before = events.len();
            let mut merged = Vec::new();
            for event in found {
                let i = merge_into(&mut events, event, t, mentions, times);
                merged.push(i);
                current = Some(i);
            }
            // A sentence that goes on with an earlier happening (视察组视察结束后召开专题座谈会)
            // is at that happening's time.
            let earlier = merged
                .iter()
                .filter(|&&i| i < before)
                .find_map(|&i| events[i].time);
            if let Some(time) = earlier {
                for &i in merged.iter().filter(|&&i| i >= before) {
                    if events[i].time.is_none() {
                        events[i].time = Some(time);
                        events[i].time_carried = true;
                    }
                }
            }
        }
        parts_into_wholes(&mut events, t, mentions, times);
        events
    }

    /// Does the sentence `[start, end)` tell who attends, accompanies or hosts (肖捷、何立峰参加;
    /// 市委副书记吴云、副市长李杰出席活动) without a trigger of its own? Then it is about the
    /// happening told just before.
    fn joins(&self, t: &Text, mentions: &[Mention], start: usize, end: usize) -> bool {
        (start..end).any(|s| {
            self.cues.starts_with(t.chars[s])
                && self
                    .cues
                    .prefixes(&t.chars[..end], s)
                    .filter(|(e, _)| roles::on_boundaries(t, mentions, s, *e))
                    .flat_map(|(_, cues)| cues.iter())
                    .any(|c| matches!(c.role, Role::Attendee | Role::Companion | Role::Host))
        })
    }

    /// The events whose triggers are in the sentence `[start, end)`, one per type, with roles,
    /// places and time.
    fn in_sentence(
        &self,
        t: &Text,
        mentions: &[Mention],
        times: &[TimeMention],
        start: usize,
        end: usize,
    ) -> Vec<Found> {
        let triggers = self.triggers_in(t, mentions, start, end);
        // (累计举行49次对接会: the counted 对接会 also silences 举行.)
        let any_strong = triggers.iter().any(|(_, _, w, _)| w.strong);
        let mut found: Vec<Found> = Vec::new();
        for (s, e, word, kept) in triggers {
            if !kept || (any_strong && !word.strong) {
                continue;
            }
            // (造成2人死亡、3人受伤: a count belongs to its own trigger; 确诊病例 is one.)
            let own_count = counts::COUNTED.contains(&word.kind);
            let same = |f: &&mut Found| {
                f.kind == word.kind
                    && (!own_count
                        || t.slice(f.trigger.0, f.trigger.1) == t.slice(s, e)
                        || f.triggers.last().is_some_and(|&(_, last)| last == s))
            };
            match found.iter_mut().find(same) {
                Some(f) => f.triggers.push((s, e)),
                None => found.push(Found {
                    kind: word.kind,
                    trigger: (s, e),
                    triggers: vec![(s, e)],
                    time: None,
                    time_carried: false,
                    places: Vec::new(),
                    participants: Vec::new(),
                    count: None,
                }),
            }
        }
        for f in &mut found {
            f.trigger = naming_trigger(t, &f.triggers);
            f.time = time_for(t, times, start, end, f.trigger.0);
            if counts::COUNTED.contains(&f.kind) {
                f.count = f
                    .triggers
                    .iter()
                    .find_map(|&(s, e)| counts::count_at(t, s, e));
            }
        }
        roles::assign(self, t, mentions, start, end, &mut found);
        for f in &mut found {
            roles::default_agent(f, t, mentions, start, end);
            if INCIDENTS.contains(&f.kind) {
                roles::default_places(f, t, mentions, start);
            }
        }
        found
    }

    /// Trigger words in `[start, end)` on word boundaries and outside entity names, each with
    /// whether it names an event here: not counted (49次对接会), planned (确保明年开园) or a
    /// domain (污染防治).
    fn triggers_in(
        &self,
        t: &Text,
        mentions: &[Mention],
        start: usize,
        end: usize,
    ) -> Vec<(usize, usize, TriggerWord, bool)> {
        let mut out = Vec::new();
        for s in (start..end).filter(|&s| self.triggers.starts_with(t.chars[s])) {
            for (e, words) in self.triggers.prefixes(&t.chars[..end], s) {
                // (主题边会上: jieba joins 会上, which ends a meeting word as well as 会.)
                let ends = t.token_ending[e].is_some()
                    || (t.chars[e - 1] == '会'
                        && t.token_ending
                            .get(e + 1)
                            .is_some_and(|k| k.is_some_and(|k| t.tokens[k].word == "会上")));
                // (赶赴现场/l: a verb jieba joined to its object; not 会议室/n, a room, nor
                // 发言人/l, a title.)
                let verb_with_object = e - s >= 2
                    && t.token_starting[s].is_some_and(|k| {
                        let tag = t.tokens[k].tag;
                        tag.starts_with('v') || tag == "l" || tag == "i"
                    })
                    && !mentions.iter().any(|m| m.start <= s && s < m.end);
                let bounded =
                    (ends && (t.token_starting[s].is_some() || e - s >= 2)) || verb_with_object;
                let inside_name = mentions.iter().any(|m| {
                    m.kind != MentionKind::Title
                        && m.start <= s
                        && e <= m.end
                        && m.end - m.start > e - s
                });
                if !bounded || inside_name {
                    continue;
                }
                let kept = !(counted(t, s)
                    || planned(t, start, s)
                    || announced(t, e, end)
                    || words.iter().all(|w| nominal(t, s, e, w.kind))
                    || anniversary(t, e)
                    || (words.iter().all(|w| w.kind == "appointment") && elect(mentions, e))
                    || describes_someone(t, mentions, e, end)
                    || t.chars.get(e) == Some(&'的')
                    || link_label(t, e)
                    || congratulated(t, start, s)
                    || (words.iter().all(|w| w.kind == "statement")
                        && (attributed(t, start, s) || byline(t, start, s))));
                out.extend(words.iter().map(|w| (s, e, w.clone(), kept)));
            }
        }
        // The longest trigger at a place wins (取得营业执照 over 营业执照's parts).
        out.sort_by_key(|&(s, e, ..)| (s, std::cmp::Reverse(e)));
        let mut kept: Vec<(usize, usize, TriggerWord, bool)> = Vec::new();
        for item in out {
            if kept.iter().all(|k| item.1 <= k.0 || k.1 <= item.0) {
                kept.push(item);
            }
        }
        kept
    }
}

/// The trigger that best names an event: a noun-like longer word (例会, 座谈会) over a verb.
fn naming_trigger(t: &Text, triggers: &[(usize, usize)]) -> (usize, usize) {
    let noun = |&&(s, e): &&(usize, usize)| {
        t.token_starting[s]
            .map(|k| t.tokens[k].tag)
            .is_some_and(|tag| tag.starts_with('n') || tag == "l")
            || t.token_starting[s].is_none()
            || e - s >= 3
    };
    *triggers.iter().find(noun).unwrap_or(&triggers[0])
}

/// 峰会将于4月2日至3日举行: an event announced for later.
fn announced(t: &Text, e: usize, end: usize) -> bool {
    let after = t.slice(e, (e + 4).min(end));
    ["将于", "将在", "即将", "拟于", "定于"]
        .iter()
        .any(|w| after.starts_with(w))
}

/// 会见来华出席中非合作论坛北京峰会的冈比亚总统巴罗: a trigger in a clause that describes a
/// person (…的 + titles + person) tells who the person is, not an event of this story.
fn describes_someone(t: &Text, mentions: &[Mention], e: usize, end: usize) -> bool {
    let clause_end = (e..end)
        .find(|&i| matches!(t.chars[i], '，' | '。' | '；' | '：'))
        .unwrap_or(end);
    let Some(de) = (e..clause_end).find(|&i| t.chars[i] == '的') else {
        return false;
    };
    // (会见[来华出席…的]巴罗: 会见 governs the description; a verb between says so.)
    let verb_between =
        (e..de).any(|i| t.token_starting[i].is_some_and(|k| t.tokens[k].tag.starts_with('v')));
    if verb_between {
        return false;
    }
    let mut pos = de + 1;
    while let Some(m) = mentions.iter().find(|m| m.start == pos) {
        if m.kind == MentionKind::Person {
            return true;
        }
        pos = m.end;
    }
    false
}

/// [查看原文](https://…): the label of a link, not text.
fn link_label(t: &Text, e: usize) -> bool {
    let rest = &t.chars[e..(e + 8).min(t.chars.len())];
    rest.windows(2).any(|w| w == [']', '('])
}

/// 本报讯 记者孟凡超 报道: a byline, not a statement.
fn byline(t: &Text, sentence_start: usize, s: usize) -> bool {
    let clause = t.slice(clause_start(t, sentence_start, s), s);
    clause.contains("记者") || clause.contains("通讯员")
}

/// 据媒体报道，…; 据介绍，…: the source of what the sentence reports, not a statement of its own.
fn attributed(t: &Text, sentence_start: usize, s: usize) -> bool {
    t.chars.get(clause_start(t, sentence_start, s)) == Some(&'据')
}

/// 祝贺她当选连任总统: the happening congratulated on is told as the reason for a message, not
/// as an event of the day.
fn congratulated(t: &Text, sentence_start: usize, s: usize) -> bool {
    let clause: String = t.chars[clause_start(t, sentence_start, s)..s]
        .iter()
        .collect();
    clause.contains("祝贺")
}

/// Where the clause holding `at` starts, within the sentence starting at `start`.
fn clause_start(t: &Text, start: usize, at: usize) -> usize {
    (start..at)
        .rev()
        .find(|&i| matches!(t.chars[i], '，' | ',' | '；' | '：' | '。'))
        .map_or(start, |i| i + 1)
}

/// 新中国成立70周年, 建党100周年: an anniversary, not the founding.
fn anniversary(t: &Text, e: usize) -> bool {
    let after: String = t.chars[e..(e + 8).min(t.chars.len())].iter().collect();
    let digits = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百".contains(*c))
        .count();
    digits > 0
        && after
            .chars()
            .skip(digits)
            .collect::<String>()
            .starts_with("周年")
}

/// 当选总统普拉博沃: a title ending in -elect, not an election (a title and a person follow).
fn elect(mentions: &[Mention], e: usize) -> bool {
    let title = mentions
        .iter()
        .find(|m| m.start == e && m.kind == MentionKind::Title);
    title.is_some_and(|x| {
        mentions
            .iter()
            .any(|m| m.start == x.end && m.kind == MentionKind::Person)
    })
}

/// 49次对接会, 多场座谈会: a count of events, not one event.
fn counted(t: &Text, s: usize) -> bool {
    let before: String = t.chars[s.saturating_sub(10)..s].iter().collect();
    let Some(at) = before.rfind(['次', '场']) else {
        return false;
    };
    // (累计举行49次政金企融资对接会: the count may stand a few words before the trigger.)
    if before[at..].contains(|c: char| "，。；：、".contains(c)) {
        return false;
    }
    // (一场边会 is one meeting: 一 counts only after another numeral, as in 十一次; 第三十四次
    // 主席会议 is the 34th, one meeting.)
    let head: Vec<char> = before[..at].chars().collect();
    let numeral = |c: &char| c.is_ascii_digit() || "一二三四五六七八九十百千多几数".contains(*c);
    let digits = head.iter().rev().take_while(|c| numeral(c)).count();
    let ordinal = head.len() > digits && head[head.len() - digits - 1] == '第';
    let lone_one = head.ends_with(&['一']) && digits == 1;
    digits > 0 && !ordinal && !lone_one
}

/// A modal or negative word earlier in the trigger's clause.
fn planned(t: &Text, sentence_start: usize, s: usize) -> bool {
    let clause_start = (sentence_start..s)
        .rev()
        .find(|&i| matches!(t.chars[i], '，' | ',' | '：'))
        .map_or(sentence_start, |i| i + 1);
    let clause: String = t.chars[clause_start..s].iter().collect();
    words::modality_words().iter().any(|w| clause.contains(w))
        || reports_speech(&t.chars[sentence_start..s])
}

/// Does `chars` hold a word of reported speech followed by a comma or colon (他强调，…)?
fn reports_speech(chars: &[char]) -> bool {
    chars.windows(3).any(|w| {
        matches!(w[2], '，' | '：')
            && words::speech_verbs()
                .iter()
                .any(|s| s.chars().eq(w[..2].iter().copied()))
    })
}

/// A trigger used as a noun for a kind of work or a domain (测量、签约、补偿; 污染防治, 疫情防控),
/// not for one event.
fn nominal(t: &Text, s: usize, e: usize, kind: &str) -> bool {
    // 测量、签约、补偿 and 地震、火灾等 are lists of kinds (智慧化运营、市场功能布局等情况);
    // 9人死亡、52人受伤 are events.
    let opens_clause = s == 0 || matches!(t.chars[s - 1], '，' | '。' | '；' | '：' | '\n');
    let incident = INCIDENTS.contains(&kind);
    let listed = (s > 0 && t.chars[s - 1] == '、')
        || (t.chars.get(e) == Some(&'、') && (opens_clause || !incident));
    // (颁奖晚会舞台, 全会精神: a meeting word before a noun names what the noun belongs to.)
    let modifier = matches!(kind, "meeting" | "activity")
        && t.token_ending[e].is_some()
        && t.token_starting.get(e).copied().flatten().is_some_and(|k| {
            t.tokens[k].tag == "n" && !words::event_heads().contains(&t.tokens[k].word)
        });
    let inspects = kind == "inspection";
    let follower = t.token_starting[e]
        .map(|k| t.tokens[k].word)
        .is_some_and(|w| words::nominal_followers().contains(&w));
    // (视察工作 is a visit, 做好调研工作 or 运营工作 a kind of work: after an inspection word, 工作
    // is the domain only after a verb.)
    let verb_before = t.token_ending[s]
        .map(|k| t.tokens[k].tag)
        .is_some_and(|tag| tag.starts_with('v'));
    let works = t.slice(e, (e + 2).min(t.chars.len())) == "工作";
    listed || modifier || (follower && (!works || verb_before || !inspects))
}

/// The time of an event: the nearest time expression before the trigger in its sentence, else
/// the first after it in its clause.
fn time_for(
    t: &Text,
    times: &[TimeMention],
    start: usize,
    end: usize,
    trigger: usize,
) -> Option<usize> {
    // (确保明年五一开园，…成立六个小组: 明年 dates the plan, not what follows; 2025年度宏观
    // 经济形势分析座谈会: a year alone names a period, not when something happened.)
    let inside = |(_, x): &(usize, &TimeMention)| {
        x.start >= start && x.end <= end && !planned(t, start, x.start) && !year_only(x)
    };
    let before = times
        .iter()
        .enumerate()
        .filter(inside)
        .rfind(|(_, t)| t.end <= trigger);
    before
        .or_else(|| {
            times
                .iter()
                .enumerate()
                .filter(inside)
                .find(|(_, x)| x.start >= trigger && !t.chars[trigger..x.start].contains(&'，'))
        })
        .map(|(i, _)| i)
}

/// A time that gives a year and nothing finer (2025年, 今年; not 今年年初).
fn year_only(x: &TimeMention) -> bool {
    x.part.is_none() && x.from.as_deref().is_some_and(|d| d.len() == "2025".len())
}

/// The day an earlier sentence of the same paragraph gave (8月28日，王家鹏调研… 他强调…), else
/// the day of the article's lead (6月20日至21日，李强赴巴伐利亚州参访。… [a later paragraph] 在会见
/// 索德尔时): the time later sentences go on in. A day from another paragraph in the middle of a
/// story does not carry (a summary tells one dated item per paragraph). Only a day carries: a
/// year or a month (去年, 今年4月份) sets a period for a summary, not a date for what follows; nor
/// does a plan's date (确保明年五一开园).
fn last_date_before(t: &Text, times: &[TimeMention], at: usize) -> Option<usize> {
    let paragraph_of = |i: usize| t.chars[..i].iter().filter(|&&c| c == '\n').count();
    let days = days_before(t, times, at);
    let same_paragraph = days
        .iter()
        .copied()
        .rfind(|&i| paragraph_of(times[i].start) == paragraph_of(at));
    let lead = days
        .first()
        .copied()
        .filter(|&i| paragraph_of(times[i].start) == paragraph_of(first_line_end(t)));
    same_paragraph.or(lead)
}

/// Where the lead paragraph ends: the first line that is a sentence (a headline line has no 。).
fn first_line_end(t: &Text) -> usize {
    let mut start = 0;
    for (i, &c) in t.chars.iter().enumerate() {
        if c == '\n' {
            if t.chars[start..i].contains(&'。') {
                return i;
            }
            start = i + 1;
        }
    }
    t.chars.len()
}

/// The days stated before `at`, in text order.
fn days_before(t: &Text, times: &[TimeMention], at: usize) -> Vec<usize> {
    let sentence_start = |x: &TimeMention| {
        t.chars[..x.start]
            .iter()
            .rposition(|&c| matches!(c, '。' | '！' | '？' | '\n'))
            .map_or(0, |i| i + 1)
    };
    let a_day = |x: &TimeMention| {
        x.from
            .as_deref()
            .is_some_and(|d| d.len() == "2019-08-28".len() || d.starts_with("--"))
    };
    times
        .iter()
        .enumerate()
        .filter(|(_, x)| x.end <= at && !x.vague && a_day(x))
        .filter(|(_, x)| !planned(t, sentence_start(x), x.start))
        .map(|(i, _)| i)
        .collect()
}

/// Does the sentence `[start, end)` go on about `event`? It names one who takes part near its
/// start (张维宁一行来到…; 植树间隙，杨跃民指出…), opens with a continuation word (调研中，…), or, after a meeting,
/// opens with someone speaking (县委书记黄寿龙强调…: a speech at the meeting).
fn continues(event: &Found, t: &Text, mentions: &[Mention], start: usize, end: usize) -> bool {
    if !MULTI_SENTENCE.contains(&event.kind) {
        return false;
    }
    let opening: String = t.chars[start..end.min(start + 6)].iter().collect();
    if words::event_continuations()
        .iter()
        .any(|w| opening.starts_with(w))
    {
        return true;
    }
    if event.kind == "meeting" && speaker(t, mentions, start, end).is_some() {
        return true;
    }
    let takes_part = |m: &Mention| {
        event
            .participants
            .iter()
            .any(|&(p, _)| mentions[p].canonical == m.canonical)
    };
    mentions.iter().any(|m| {
        m.start >= start
            && m.start < (start + 16).min(end)
            && m.kind == MentionKind::Person
            && takes_part(m)
    })
}

/// The person a sentence opens with (after titles) when the sentence reports what they said
/// (黄寿龙在了解…后指出).
fn speaker(t: &Text, mentions: &[Mention], start: usize, end: usize) -> Option<usize> {
    let mut pos = start;
    for (m, x) in mentions.iter().enumerate() {
        if x.start < pos {
            continue;
        }
        if x.start != pos || x.end > end {
            return None;
        }
        if x.kind == MentionKind::Person {
            let rest = t.slice(x.end, end);
            let speaks = words::speech_verbs()
                .iter()
                .chain(&["说"])
                .any(|w| rest.contains(w));
            return speaks.then_some(m);
        }
        pos = x.end;
    }
    None
}

/// Adds `event` to `events`, merged into an earlier event of the same type whose agent and
/// time agree; returns its index.
fn merge_into(
    events: &mut Vec<Found>,
    event: Found,
    t: &Text,
    mentions: &[Mention],
    times: &[TimeMention],
) -> usize {
    let same = events.iter().position(|e| {
        e.kind == event.kind
            && names_agree(t, e, &event)
            && (!counts::COUNTED.contains(&e.kind)
                || t.slice(e.trigger.0, e.trigger.1) == t.slice(event.trigger.0, event.trigger.1))
            && agents_agree(e, &event, mentions)
            && times_agree(e.time.map(|i| &times[i]), event.time.map(|i| &times[i]))
    });
    let Some(i) = same else {
        events.push(event);
        return events.len() - 1;
    };
    let target = &mut events[i];
    // A time of the event's own beats one carried from earlier sentences.
    if target.time.is_none() || (target.time_carried && !event.time_carried && event.time.is_some())
    {
        target.time = event.time;
        target.time_carried = event.time_carried;
    }
    target.absorb(event, |role| role);
    i
}

/// Parts of a happening told as events of their own join it, at a time that agrees:
/// - a speech after a meeting (会议召开… 许仲梓出席会议并讲话: its speaker an attendee, or a
///   briefer when the speech is a briefing: 赵奇玲汇报了…), and a briefing on a visit;
/// - a talk the visitor holds during a visit (王家鹏到大北张村调研… 与征迁干部们座谈), same leader;
/// - a signing the two sides witness after their talks (会见后，两国领导人共同见证签署…);
/// - the opening of a meeting (2022全国中小企业数字化转型大会在山东济南开幕);
/// - a look around by someone already taking part, on the same day (吴云、李杰出席活动。吴云一行
///   来到活动现场，认真查看…).
fn parts_into_wholes(
    events: &mut Vec<Found>,
    t: &Text,
    mentions: &[Mention],
    times: &[TimeMention],
) {
    let mut k = 0;
    while k < events.len() {
        let part = &events[k];
        let whole = (0..k).rev().find_map(|m| {
            let whole = &events[m];
            let agree = whole.trigger.0 < part.trigger.0
                && times_agree(whole.time.map(|i| &times[i]), part.time.map(|i| &times[i]));
            agree
                .then(|| role_in_whole(whole, part, t, mentions, times))
                .flatten()
                .map(|role| (m, role))
        });
        let Some((m, role)) = whole else {
            k += 1;
            continue;
        };
        let part = events.remove(k);
        if part.kind == "statement" {
            // (…李振山陪同视察，余立新对平台运营做了介绍: a briefing on the visit.)
            for &(p, r) in &part.participants {
                if r != Role::Agent || role == Role::Briefer {
                    events[m].add_participant(p, if r == Role::Agent { role } else { r });
                }
            }
            events[m].hear(part);
            continue;
        }
        // (A talk the visitor holds is led by them, as the visit; 王沪宁主持并讲话 still hosts.)
        let led_part = part.kind == "meeting";
        events[m].absorb(part, |r| match r {
            Role::Agent => role,
            Role::Host if led_part => role,
            r => r,
        });
    }
}

/// If `part` is part of `whole`, the role its agent has in the whole.
fn role_in_whole(
    whole: &Found,
    part: &Found,
    t: &Text,
    mentions: &[Mention],
    times: &[TimeMention],
) -> Option<Role> {
    let briefing = part
        .triggers
        .iter()
        .any(|&(s, e)| words::briefings().contains(&t.slice(s, e)));
    let canonical = |m: usize| mentions[m].canonical.as_str();
    let takes_part = |e: &Found, m: usize| {
        e.participants
            .iter()
            .any(|&(x, _)| canonical(x) == canonical(m))
    };
    let same_leader = matches!((whole.leader(), part.leader()), (Some(a), Some(b)) if canonical(a) == canonical(b));
    let same_day = match (whole.time, part.time) {
        (Some(a), Some(b)) => times[a].from.is_some() && times[a].from == times[b].from,
        _ => false,
    };
    let in_clause_after = !t.chars[whole.trigger.1..part.trigger.0.max(whole.trigger.1)]
        .iter()
        .any(|c| matches!(c, '，' | '。' | '；' | '\n'));
    match (whole.kind, part.kind) {
        ("meeting", "speech") if briefing => Some(Role::Briefer),
        ("meeting", "speech") => Some(Role::Attendee),
        ("inspection" | "visit", "speech") if briefing => Some(Role::Briefer),
        ("inspection" | "visit", "meeting") if same_leader => Some(Role::Agent),
        ("talks", "signing") if part.leader().is_none_or(|p| takes_part(whole, p)) => {
            Some(Role::Agent)
        }
        ("meeting", "opening") if in_clause_after => Some(Role::Host),
        // (韩正会见科斯塔… 韩正指出: said at the talks; a briefing told with no one leading it
        // is given at the happening it follows.)
        (w, "statement")
            if ATTENDED.contains(&w) && part.leader().is_none_or(|p| takes_part(whole, p)) =>
        {
            Some(if briefing { Role::Briefer } else { Role::Agent })
        }
        (w, "inspection")
            if ATTENDED.contains(&w)
                && w != "inspection"
                && same_day
                && part.leader().is_some_and(|p| takes_part(whole, p)) =>
        {
            Some(Role::Attendee)
        }
        _ => None,
    }
}

/// Two meetings each called by a name of their own (缔约方大会, CEO会议) are two meetings; a
/// meeting referred to without a name (出席会议, 此次会议), or by a word of the other's name
/// (举行学习…报告座谈会 … 在学习座谈会上), is the one told before.
fn names_agree(t: &Text, a: &Found, b: &Found) -> bool {
    if a.kind != "meeting" {
        return true;
    }
    match (meeting_name(t, a.trigger.0), meeting_name(t, b.trigger.0)) {
        (Some(x), Some(y)) => {
            x == y || lead_in(t, b.trigger.0).contains(x) || lead_in(t, a.trigger.0).contains(y)
        }
        _ => true,
    }
}

/// The word that names a meeting, right before its trigger (亚太电协CEO会议 → CEO), if any.
fn meeting_name<'t>(t: &'t Text, s: usize) -> Option<&'t str> {
    let token = &t.tokens[t.token_ending[s]?];
    // (Not a verb, preposition, pronoun, adverb, particle, number or punctuation: 出席会议.)
    let names = !token
        .tag
        .starts_with(['v', 'p', 'r', 'd', 'u', 'x', 'c', 'f', 'm', 'q'])
        && !["本次", "此次", "这次", "该"].contains(&token.word);
    names.then_some(token.word)
}

/// The text of the clause before `at`.
fn lead_in<'a>(t: &Text<'a>, at: usize) -> &'a str {
    let from = t.chars[..at]
        .iter()
        .rposition(|&c| matches!(c, '，' | '。' | '；' | '：' | '\n'))
        .map_or(0, |i| i + 1);
    t.slice(from, at)
}

/// One visit or meeting may name its agent in one sentence only; other events (an opening,
/// an establishment, an accident) are one only with the same agent.
fn agents_agree(a: &Found, b: &Found, mentions: &[Mention]) -> bool {
    // (A meeting convened by 全国政协 is presided over by 王勇: several hosts, one meeting.)
    if a.kind == "meeting" {
        return true;
    }
    // (An incident told again names no agent either time: 爆炸… 此次爆炸事件; two openings
    // with no one named are two.)
    match (a.leader(), b.leader()) {
        (Some(x), Some(y)) => mentions[x].canonical == mentions[y].canonical,
        (None, None) if INCIDENTS.contains(&a.kind) => places_agree(a, b, mentions),
        _ => MULTI_SENTENCE.contains(&a.kind),
    }
}

/// Events with places of their own are one only if they share one.
fn places_agree(a: &Found, b: &Found, mentions: &[Mention]) -> bool {
    let canonical = |e: &Found| -> Vec<&str> {
        e.places
            .iter()
            .map(|&m| mentions[m].canonical.as_str())
            .collect()
    };
    let (x, y) = (canonical(a), canonical(b));
    x.is_empty() || y.is_empty() || x.iter().any(|p| y.contains(p))
}

fn times_agree(a: Option<&TimeMention>, b: Option<&TimeMention>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let within = |x: &TimeMention, y: &TimeMention| match (&x.from, &y.from, &y.to) {
        (Some(d), Some(from), Some(to)) => from.as_str() <= d.as_str() && d.as_str() <= to.as_str(),
        (Some(d), Some(from), None) => d == from,
        _ => true,
    };
    within(a, b) || within(b, a)
}

/// The Chinese name of an event type, from `ontology/events.ttl` (inspection → 调研视察).
pub(crate) fn type_label(kind: &str) -> &str {
    const ONTOLOGY: &str = include_str!("../../ontology/events.ttl");
    let Some(at) = ONTOLOGY.find(&format!("zkg:{kind} a skos:Concept")) else {
        return kind;
    };
    let block = &ONTOLOGY[at..];
    let block = &block[..block.find(" .\n").unwrap_or(block.len())];
    block
        .split_once("skos:prefLabel \"")
        .and_then(|(_, rest)| rest.split_once("\"@zh"))
        .map_or(kind, |(label, _)| label)
}

/// Sentences as `[start, end)` character ranges: split after 。！？； and at line breaks.
pub fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        let end = match c {
            '。' | '！' | '？' | '；' | '!' | '?' | ';' => i + 1,
            '\n' => i,
            _ => continue,
        };
        if end > start {
            out.push((start, end));
        }
        start = i + 1;
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

/// A stable id: the same type, date and agent give the same event in any article
/// (`event:inspection/2019-08-28/张维宁`); otherwise the article and trigger position.
pub(crate) fn event_id(
    kind: &str,
    date: Option<&str>,
    agent: Option<&str>,
    article: &str,
    at: usize,
) -> String {
    match (date, agent) {
        (Some(date), Some(agent)) => format!("event:{kind}/{date}/{agent}"),
        _ => format!("event:{kind}/{article}@{at}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::tests::recognizer;
    use crate::time::{expressions::Day, find_times};

    /// `type trigger [time] role:name … @place …` for each event of `text`, dated 2019-08-30.
    fn events(text: &str) -> Vec<String> {
        let (t, mentions) = recognizer().recognize_text(text);
        let times = find_times(&t.chars, Day::parse("2019-08-30"));
        let detector = Detector::embedded().unwrap();
        detector
            .find(&t, &mentions, &times)
            .iter()
            .map(|e| {
                let mut s = format!("{} {}", e.kind, t.slice(e.trigger.0, e.trigger.1));
                if let Some(time) = e.time.map(|i| &times[i]) {
                    let carried = if e.time_carried { "carried " } else { "" };
                    s += &format!(" [{carried}{}]", time.from.as_deref().unwrap_or("?"));
                }
                for (m, role) in &e.participants {
                    s += &format!(" {}:{}", role.name(), mentions[*m].surface);
                }
                for m in &e.places {
                    s += &format!(" @{}", mentions[*m].surface);
                }
                if let Some(c) = &e.count {
                    s += &format!(" #{}", t.slice(c.start, c.end));
                }
                s
            })
            .collect()
    }

    #[test]
    fn a_sentence_going_on_with_a_happening_is_at_its_time() {
        // 视察 joins the dated inspection, so the meeting of the same sentence is that day's.
        let found = events(
            "7月29日，区人大代表视察朝阳市场。\n视察组视察结束后召开专题座谈会。会议听取了汇报。",
        );
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("meeting 座谈会 [carried 2019-07-29]")),
            "{found:?}"
        );
    }

    #[test]
    fn speeches_at_a_meeting_and_companions_belong_to_it() {
        // The talk a visitor holds on a visit is part of it.
        let found = events("8月28日，示范区党工委书记王家鹏到大北张村调研，并与征迁干部们座谈。");
        assert_eq!(found.len(), 1, "{found:?}");
        let found = events("7月15日，推进会在连云港召开。许仲梓出席会议并讲话。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("许仲梓"), "{found:?}");
        let found = events(
            "11月22日，总社副主任王伟一行到萧山调研。区供销联社主任倪晓锦、副主任陆静等陪同调研。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("agent:王伟"), "{found:?}");
        assert!(found[0].contains("companion:陆静"), "{found:?}");
    }

    #[test]
    fn a_day_carries_to_the_article_s_later_sentences() {
        // The lead dates the visit; the talk two sentences on happened that day too.
        let found = events("8月28日，王家鹏到大北张村调研。王家鹏与村干部座谈，听取汇报。");
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("meeting 座谈 [carried 2019-08-28]")),
            "{found:?}"
        );
        // Also into a later paragraph (a trip's stops told one per paragraph), but not from a
        // month or a year.
        let found = events("6月20日，李强赴巴伐利亚州参访。\n在会见州长索德尔时，李强表示欢迎。");
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("talks 会见 [carried 2019-06-20]")
                    && e.contains("agent:李强")),
            "{found:?}"
        );
        let found = events("今年4月份，中国银行新区支行开业。都邦保险相继落户。");
        assert!(!found.iter().any(|e| e.contains("carried")), "{found:?}");
    }

    #[test]
    fn talks_have_an_agent_and_a_counterpart() {
        assert_eq!(
            events("5月7日，国务院副总理李岚清在中南海会见了美国前商务部长芭芭拉·弗兰克林。"),
            ["talks 会见 [2019-05-07] counterpart:芭芭拉·弗兰克林 agent:李岚清 @中南海"]
        );
    }

    #[test]
    fn a_host_and_attendees_of_a_meeting() {
        assert_eq!(
            events("8月26日下午，示范区管委会召开集中攻坚例会，区领导赵俊峰、万英奎出席。"),
            ["meeting 例会 [2019-08-26] host:示范区管委会 attendee:赵俊峰 attendee:万英奎"]
        );
    }

    #[test]
    fn a_visit_told_over_several_sentences_is_one_event() {
        let found = events(
            "8月28日，市长张三带领调研组到焦作市调研。李四陪同调研。29日上午，张三一行来到大北张村。",
        );
        assert_eq!(
            found,
            ["inspection 调研 [2019-08-28] agent:张三 companion:李四 @焦作市 @大北张村"]
        );
    }

    #[test]
    fn counted_planned_and_listed_triggers_are_not_events() {
        assert!(events("累计举行49次融资对接会。").is_empty());
        assert!(events("第八届数字中国建设峰会将于4月29日举行。").is_empty());
        // The 34th meeting is one meeting; its chair hosts it and speaks at it.
        assert_eq!(
            events("政协第三十四次主席会议26日在京召开。全国政协主席王沪宁主持并讲话。"),
            ["meeting 会议 [2019-08-26] host:王沪宁 @京"]
        );
        assert!(events("确保明年五一开园。").is_empty());
        assert!(events("加快测量、签约、补偿等工作进度。").is_empty());
        assert!(events("打好污染防治攻坚战。").is_empty());
    }

    #[test]
    fn incidents_keep_time_place_and_counts() {
        assert_eq!(
            events("昨天下午3时许，北京市朝阳区发生火灾，造成2人死亡、3人受伤。"),
            [
                "fire 火灾 [2019-08-29] @北京市 @朝阳区",
                "casualty 死亡 [2019-08-29] #2人",
                "casualty 受伤 [2019-08-29] #3人"
            ]
        );
        // The same incident told again is the same event; a count can follow its trigger.
        let found =
            events("28日，一所大学发生枪击事件。警方称，此次枪击由争吵引发，死亡人数已上升至3人。");
        assert_eq!(
            found.iter().filter(|e| e.starts_with("attack")).count(),
            1,
            "{found:?}"
        );
        assert!(found.iter().any(|e| e.ends_with("#3人")), "{found:?}");
        // Court and discipline cases, disasters.
        let found = events("会议决定给予魏凤和开除党籍处分。");
        assert!(
            found.iter().any(|e| e.starts_with("case 开除党籍")),
            "{found:?}"
        );
        assert!(events("7月20日，郑州遭遇特大暴雨。")[0].starts_with("disaster 暴雨"));
    }

    #[test]
    fn a_list_of_titled_persons_over_commas_takes_the_cue_s_role() {
        let found = events(
            "11月22日，总社副主任王伟率科教社团部副部长沈青、研究室副处长陈安宁等到萧山调研。\
             省供销社副主任沈省文、业务处处长吴小樟，区供销联社党委书记、主任倪晓锦，党委委员、副主任陆静、何刚等陪同调研。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        for part in [
            "agent:王伟",
            "attendee:沈青",
            "attendee:陈安宁",
            "companion:沈省文",
            "companion:吴小樟",
            "companion:倪晓锦",
            "companion:陆静",
            "companion:何刚",
        ] {
            assert!(found[0].contains(part), "{part}: {found:?}");
        }
    }

    #[test]
    fn the_other_side_of_talks_past_a_description_or_a_second_post() {
        assert_eq!(
            events("蔡奇5日在人民大会堂会见来华出席中非合作论坛北京峰会的冈比亚总统巴罗。"),
            ["talks 会见 [2019-08-05] counterpart:巴罗 agent:蔡奇 @人民大会堂"]
        );
        let found = events("韩正17日在北京会见斯洛文尼亚副总理兼外长法永。");
        assert!(found[0].contains("counterpart:法永"), "{found:?}");
        // 同 names the other side; 当选总统 is a title, not an election.
        let found =
            events("4月1日下午，国家主席习近平在北京人民大会堂同印尼当选总统普拉博沃举行会谈。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("talks 会谈 [2019-04-01] counterpart:普拉博沃 agent:习近平"),
            "{found:?}"
        );
        // A message: 祝贺…当选 is the reason, not an event of the day.
        assert_eq!(
            events("11月6日，国家主席习近平致电玛雅·桑杜，祝贺她当选连任摩尔多瓦共和国总统。"),
            ["message 致电 [2018-11-06] counterpart:玛雅·桑杜 agent:习近平"]
        );
    }

    #[test]
    fn who_takes_part_may_be_told_in_a_sentence_of_its_own() {
        let found = events(
            "18日，国务院总理李克强在云南主持召开座谈会。李克强说，要用改革办法解决困难。肖捷、何立峰参加。",
        );
        assert_eq!(
            found,
            ["meeting 座谈会 [2019-08-18] host:李克强 attendee:肖捷 attendee:何立峰 @云南"]
        );
        // Who speaks at a meeting attends it; a place that convenes it is where it is.
        let found = events(
            "今天下午，苍南县召开联席会议。县委书记黄寿龙强调，要抓住机遇。县领导董庆华、林小同等参加会议。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        for part in ["attendee:黄寿龙", "attendee:董庆华", "@苍南县"] {
            assert!(found[0].contains(part), "{part}: {found:?}");
        }
        // 上述活动: everything told so far; a signing after talks is part of them.
        let found = events(
            "9月22日，习近平会见科威特王储米沙勒。会见后，两国领导人共同见证签署合作文件。蔡奇、王毅等参加上述活动。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("attendee:王毅"), "{found:?}");
    }

    #[test]
    fn a_statement_stands_alone_unless_made_at_a_happening() {
        assert_eq!(
            events("以色列外交部长科亨28日表示，以色列决定召回驻土耳其的外交人员。"),
            ["statement 表示 [2019-08-28] agent:科亨"]
        );
        let found = events("韩正7日会见科斯塔总理。韩正指出，中方高度重视中葡友谊。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("talks"), "{found:?}");
        // 据…报道 names a source; 记者…报道 is a byline, and the reporter leads nothing.
        assert!(events("据媒体报道，土耳其总统埃尔多安指责以色列。")
            .iter()
            .all(|e| !e.contains("报道")));
        assert_eq!(
            events("本报讯 记者孟凡超 报道 7月15日，推进会在连云港召开。"),
            ["meeting 推进会 [2019-07-15] @连云港"]
        );
    }

    #[test]
    fn two_meetings_with_names_of_their_own_stay_two() {
        let found = events(
            "记者从正在召开的第十四届缔约方大会上了解到，红树林面积增加。\n今天（11月9日），2022亚太电协CEO会议在海口召开。",
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_briefing_at_a_meeting_and_a_tour_with_a_companion() {
        let found = events(
            "10月16日，我县召开信访维稳工作会议，市委秘书长赵仲华出席会议。赵奇玲汇报了工作进展。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("attendee:赵仲华") && found[0].contains("briefer:赵奇玲"));
        let found = events("李强在宝马公司董事长齐普策陪同下参观了展区。");
        assert!(
            found[0].contains("companion:齐普策") && found[0].contains("agent:李强"),
            "{found:?}"
        );
    }

    #[test]
    fn collective_activities_have_attendees() {
        let found = events(
            "11月14日，县委书记杨跃民，县长谢喜来，县政协主席郭艳华等来到果园乡，与群众一起参加植树活动。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        for part in [
            "activity",
            "attendee:杨跃民",
            "attendee:谢喜来",
            "attendee:郭艳华",
        ] {
            assert!(found[0].contains(part), "{part}: {found:?}");
        }
    }

    #[test]
    fn every_type_is_in_the_ontology_and_every_trigger_has_a_type() {
        let ontology = include_str!("../../ontology/events.ttl");
        for kind in TYPES {
            assert!(
                ontology.contains(&format!("zkg:{kind} a skos:Concept")),
                "{kind}"
            );
            assert_ne!(type_label(kind), *kind, "a Chinese label for {kind}");
        }
        assert_eq!(type_label("inspection"), "调研视察");
        for kind in INCIDENTS {
            assert!(
                ontology.contains(&format!("zkg:{kind} a skos:Concept ;\n    skos:inScheme zkg:EventTypes ;\n    skos:broader zkg:incident")),
                "{kind} is an incident"
            );
        }
        assert_eq!(INCIDENTS[0], "disaster");
        for (role, _) in Role::NAMES.iter().filter(|(_, r)| *r != Role::Place) {
            assert!(
                ontology.contains(&format!("zkg:{role} a rdf:Property")),
                "{role}"
            );
        }
        assert!(Detector::embedded().is_ok());
    }

    #[test]
    fn an_unknown_type_in_the_lexicon_is_an_error_naming_the_line() {
        let err = Detector::parse("trigger\ttype\tstrength\n开会\tparty\tstrong\n", ROLES_TSV)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("event_triggers.tsv") && err.contains(":2"),
            "{err}"
        );
    }
}
