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
//! and times agree are one event; across articles, [`event_id`] gives the same event the same
//! id (type, date and agent), so a graph merges them and keeps every article.

mod roles;

use crate::error::Result;
use crate::lexicon::{choice, parse_tsv, strength};
use crate::recognize::{Dict, Mention, MentionKind, Text};
use crate::time::TimeMention;

pub use roles::Role;

const TRIGGERS_TSV: &str = include_str!("../../data/event_triggers.tsv");
const ROLES_TSV: &str = include_str!("../../data/event_roles.tsv");

/// Event types, as in `ontology/events.ttl` (concepts `zkg:inspection` …).
pub const TYPES: &[&str] = &[
    "inspection",
    "meeting",
    "talks",
    "speech",
    "signing",
    "opening",
    "establishment",
    "appointment",
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
const MULTI_SENTENCE: &[&str] = &["inspection", "meeting", "talks"];

/// Sentence openings that continue the event before (调研中，…; 会上，…).
const CONTINUATIONS: &[&str] = &[
    "调研中",
    "在调研中",
    "视察中",
    "考察中",
    "检查中",
    "座谈中",
    "会谈中",
    "期间",
    "其间",
    "随后",
    "会上",
    "会议",
    "活动中",
    "仪式上",
];

/// Words before a trigger that make it a plan or a wish, not something that happened.
const MODALITY: &[&str] = &[
    "确保", "争取", "力争", "计划", "将", "要", "拟", "准备", "预计", "即将", "未", "没有", "防止",
    "避免", "杜绝",
];

/// Words that open reported speech: what follows is what someone asked for, not what happened.
const SPEECH: &[&str] = &["强调", "要求", "指出", "表示", "认为", "提出"];

/// Words after a trigger that make it the name of a domain (污染防治, 火灾隐患, 疫情防控).
const NOMINAL_FOLLOWERS: &[&str] = &[
    "防治", "治理", "防控", "攻坚", "问题", "隐患", "风险", "指标", "工作", "排查", "整治", "防范",
    "预防", "应急", "意识", "制度", "机制", "企业", "资金", "资本", "用户", "会员",
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
}

impl Found {
    pub fn agent(&self) -> Option<usize> {
        self.participants
            .iter()
            .find(|(_, r)| *r == Role::Agent)
            .map(|(m, _)| *m)
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

    fn add_place(&mut self, mention: usize) {
        if !self.places.contains(&mention) {
            self.places.push(mention);
        }
    }
}

impl Detector {
    /// The lexicons shipped in `data/`.
    pub fn embedded() -> Result<Detector> {
        Detector::parse(TRIGGERS_TSV, ROLES_TSV)
    }

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
            // An event whose sentence gives no time happened when the article last said.
            if let Some(last) = last_date_before(t, times, start) {
                for f in found.iter_mut().filter(|f| f.time.is_none()) {
                    f.time = Some(last);
                    f.time_carried = true;
                }
            }
            if found.is_empty() {
                current = current.filter(|&c| continues(&events[c], t, mentions, start, end));
                if let Some(c) = current {
                    roles::assign(self, t, mentions, start, end, &mut events[c..=c]);
                }
                continue;
            }
            let before = events.len();
            let mut merged = Vec::new();
            for event in found {
                let i = merge_into(&mut events, event, mentions, times);
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
        parts_into_wholes(&mut events, mentions, times);
        events
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
            match found.iter_mut().find(|f| f.kind == word.kind) {
                Some(f) => f.triggers.push((s, e)),
                None => found.push(Found {
                    kind: word.kind,
                    trigger: (s, e),
                    triggers: vec![(s, e)],
                    time: None,
                    time_carried: false,
                    places: Vec::new(),
                    participants: Vec::new(),
                }),
            }
        }
        for f in &mut found {
            f.trigger = naming_trigger(t, &f.triggers);
            f.time = time_for(t, times, start, end, f.trigger.0);
        }
        roles::assign(self, t, mentions, start, end, &mut found);
        for f in &mut found {
            roles::default_agent(f, t, mentions, start);
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
                let bounded =
                    t.token_ending[e].is_some() && (t.token_starting[s].is_some() || e - s >= 2);
                let inside_name = mentions.iter().any(|m| {
                    m.kind != MentionKind::Title
                        && m.start <= s
                        && e <= m.end
                        && m.end - m.start > e - s
                });
                if !bounded || inside_name {
                    continue;
                }
                let kept = !(counted(t, s) || planned(t, start, s) || nominal(t, s, e));
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

/// 49次对接会, 多场座谈会: a count of events, not one event.
fn counted(t: &Text, s: usize) -> bool {
    let before: String = t.chars[s.saturating_sub(6)..s].iter().collect();
    let Some(at) = before.rfind(['次', '场']) else {
        return false;
    };
    let head = &before[..at];
    head.ends_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十百千多几数".contains(c))
}

/// A modal or negative word earlier in the trigger's clause.
fn planned(t: &Text, sentence_start: usize, s: usize) -> bool {
    let clause_start = (sentence_start..s)
        .rev()
        .find(|&i| matches!(t.chars[i], '，' | ',' | '：'))
        .map_or(sentence_start, |i| i + 1);
    let clause: String = t.chars[clause_start..s].iter().collect();
    let before: String = t.chars[sentence_start..s].iter().collect();
    MODALITY.iter().any(|w| clause.contains(w))
        || SPEECH
            .iter()
            .any(|w| before.contains(&format!("{w}，")) || before.contains(&format!("{w}：")))
}

/// A trigger used as a noun for a kind of work or a domain (测量、签约、补偿; 污染防治, 疫情防控),
/// not for one event.
fn nominal(t: &Text, s: usize, e: usize) -> bool {
    // 测量、签约、补偿 and 地震、火灾等 are lists of kinds; 9人死亡、52人受伤 are events.
    let opens_clause = s == 0 || matches!(t.chars[s - 1], '，' | '。' | '；' | '：' | '\n');
    let listed =
        (s > 0 && t.chars[s - 1] == '、') || (t.chars.get(e) == Some(&'、') && opens_clause);
    let follower = t.token_starting[e]
        .map(|k| t.tokens[k].word)
        .is_some_and(|w| NOMINAL_FOLLOWERS.contains(&w));
    listed || follower
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
    // (确保明年五一开园，…成立六个小组: 明年 dates the plan, not what follows.)
    let inside = |(_, x): &(usize, &TimeMention)| {
        x.start >= start && x.end <= end && !planned(t, start, x.start)
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

/// The day an earlier sentence of the same paragraph gave (8月28日，王家鹏调研… 他强调…): the
/// time the paragraph's later sentences go on in. Only a day carries: a year or a month (去年,
/// 今年4月份) sets a period for a summary, not a date for what follows; nor does a plan's date
/// (确保明年五一开园).
fn last_date_before(t: &Text, times: &[TimeMention], at: usize) -> Option<usize> {
    let paragraph = t.chars[..at]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |i| i + 1);
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
        .filter(|(_, x)| x.start >= paragraph && x.end <= at && !x.vague && a_day(x))
        .filter(|(_, x)| !planned(t, sentence_start(x), x.start))
        .map(|(i, _)| i)
        .next_back()
}

/// Does the sentence `[start, end)` go on about `event`? It names the event's agent near its
/// start (张维宁一行来到…) or opens with a continuation word (调研中，…).
fn continues(event: &Found, t: &Text, mentions: &[Mention], start: usize, end: usize) -> bool {
    if !MULTI_SENTENCE.contains(&event.kind) {
        return false;
    }
    let opening: String = t.chars[start..end.min(start + 6)].iter().collect();
    if CONTINUATIONS.iter().any(|w| opening.starts_with(w)) {
        return true;
    }
    let agent = event.agent().map(|a| &mentions[a].canonical);
    mentions.iter().any(|m| {
        m.start >= start
            && m.start < (start + 16).min(end)
            && m.kind == MentionKind::Person
            && Some(&m.canonical) == agent
    })
}

/// Adds `event` to `events`, merged into an earlier event of the same type whose agent and
/// time agree; returns its index.
fn merge_into(
    events: &mut Vec<Found>,
    event: Found,
    mentions: &[Mention],
    times: &[TimeMention],
) -> usize {
    let same = events.iter().position(|e| {
        e.kind == event.kind
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

/// Parts of a happening told as events of their own join it: a speech after a meeting at a time
/// that agrees (会议召开… 许仲梓出席会议并讲话: its speaker an attendee), and a talk the visitor
/// holds during a visit (王家鹏到大北张村调研… 与征迁干部们座谈), same agent, same time.
fn parts_into_wholes(events: &mut Vec<Found>, mentions: &[Mention], times: &[TimeMention]) {
    let mut k = 0;
    while k < events.len() {
        let time = |e: &Found| e.time.map(|i| &times[i]);
        let part = &events[k];
        let whole = (0..k).rev().find(|&m| {
            let whole = &events[m];
            let speech_at_meeting = whole.kind == "meeting" && part.kind == "speech";
            let talk_on_visit = whole.kind == "inspection"
                && part.kind == "meeting"
                && matches!((whole.agent(), part.agent()), (Some(a), Some(b))
                    if mentions[a].canonical == mentions[b].canonical);
            (speech_at_meeting || talk_on_visit)
                && whole.trigger.0 < part.trigger.0
                && times_agree(time(whole), time(part))
        });
        let Some(m) = whole else {
            k += 1;
            continue;
        };
        let part = events.remove(k);
        let speech = part.kind == "speech";
        events[m].absorb(part, |role| {
            if speech && role == Role::Agent {
                Role::Attendee
            } else {
                role
            }
        });
    }
}

/// One visit or meeting may name its agent in one sentence only; other events (an opening,
/// an establishment, an accident) are one only with the same agent.
fn agents_agree(a: &Found, b: &Found, mentions: &[Mention]) -> bool {
    match (a.agent(), b.agent()) {
        (Some(x), Some(y)) => mentions[x].canonical == mentions[y].canonical,
        _ => MULTI_SENTENCE.contains(&a.kind),
    }
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
pub fn event_id(
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
    fn a_day_carries_to_the_paragraph_s_later_sentences() {
        // The lead dates the visit; the talk two sentences on happened that day too.
        let found = events("8月28日，王家鹏到大北张村调研。王家鹏与村干部座谈，听取汇报。");
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("meeting 座谈 [carried 2019-08-28]")),
            "{found:?}"
        );
        // Not into the next paragraph, and not from a month or a year.
        let found = events("8月28日，王家鹏到大北张村调研。\n王家鹏与村干部座谈。");
        assert!(
            found.iter().any(|e| e == "meeting 座谈 agent:王家鹏"),
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
        assert!(events("确保明年五一开园。").is_empty());
        assert!(events("加快测量、签约、补偿等工作进度。").is_empty());
        assert!(events("打好污染防治攻坚战。").is_empty());
    }

    #[test]
    fn incidents_keep_time_and_place() {
        assert_eq!(
            events("昨天下午3时许，北京市朝阳区发生火灾，造成2人死亡。"),
            ["fire 火灾 [2019-08-29]", "casualty 死亡 [2019-08-29]"]
        );
    }

    #[test]
    fn every_type_is_in_the_ontology_and_every_trigger_has_a_type() {
        let ontology = include_str!("../../ontology/events.ttl");
        for kind in TYPES {
            assert!(
                ontology.contains(&format!("zkg:{kind} a skos:Concept")),
                "{kind}"
            );
        }
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
