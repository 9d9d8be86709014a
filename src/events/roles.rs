//! Roles: who leads, accompanies, briefs, attends or hosts an event, and where it happens, read
//! from the cue words around the entities (`data/event_roles.tsv`).
//!
//! Only persons and organizations take part in an event; a place a cue points at (苍南县召开,
//! 会见斯洛文尼亚…) is where the event happens, never its agent or counterpart.

use super::{Detector, Found};
use crate::recognize::{Mention, MentionKind, Text};

/// What an entity does in an event. `Place` marks where it happens rather than who takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Who does the event: the leader who inspects, visits or speaks (李强率团).
    Agent,
    /// The other side of a two-sided event: whom the agent meets or writes to (会见普京).
    Counterpart,
    /// Who accompanies the agent (乔学达陪同).
    Companion,
    /// Who reports to the agent during the event (汇报, 介绍).
    Briefer,
    /// Who attends (冯利民、赵俊峰出席).
    Attendee,
    /// Who hosts or convenes the event (主持, 召开).
    Host,
    /// Whom a court or discipline case is about.
    Subject,
    /// A cue to where the event happens (到, 在); the entities after it become the event's places.
    Place,
}

impl Role {
    /// Names as written in `data/event_roles.tsv` and in the output.
    pub(crate) const NAMES: &'static [(&'static str, Role)] = &[
        ("agent", Role::Agent),
        ("counterpart", Role::Counterpart),
        ("companion", Role::Companion),
        ("briefer", Role::Briefer),
        ("attendee", Role::Attendee),
        ("host", Role::Host),
        ("subject", Role::Subject),
        ("place", Role::Place),
    ];

    /// The role's name as written in `data/event_roles.tsv` and in the output (`agent`).
    pub fn name(self) -> &'static str {
        Role::NAMES
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("participant", |(n, _)| n)
    }
}

/// Event types with another side: X会见Y, X同Y会谈, X致电Y, X与Y签订.
const TWO_SIDED: &[&str] = &["talks", "message", "signing"];

/// Characters before a person that make it the object of a preposition (为李强举行, 向市委汇报),
/// not the one who acts.
const PREPOSITIONS: &str = "向对为给";

/// Prepositions that are also "and" (X与Y出席): the other side only where an event has one.
const WITH: &str = "同与跟";

/// Gives roles and places to `events` (all in the sentence `[start, end)`) from the cue words
/// in the sentence; each cue serves the event whose trigger is nearest to it.
pub(super) fn assign(
    d: &Detector,
    t: &Text,
    mentions: &[Mention],
    start: usize,
    end: usize,
    events: &mut [Found],
) {
    if events.is_empty() {
        return;
    }
    let mut scope_start = start;
    let mut s = start;
    while s < end {
        if is_clause_break(t.chars[s]) {
            scope_start = s + 1;
        }
        if !d.cues.starts_with(t.chars[s]) {
            s += 1;
            continue;
        }
        let cue = d
            .cues
            .prefixes(&t.chars[..end], s)
            .filter(|(e, _)| on_boundaries(t, mentions, s, *e))
            .last();
        let Some((e, cues)) = cue else {
            s += 1;
            continue;
        };
        let word = t.slice(s, e);
        // (杨跃民指出，县四大班子领导参加义务植树…: who takes part in what is reported is not
        // given a role here.)
        if super::reports_speech(&t.chars[start..s]) {
            break;
        }
        for cue in cues {
            // 同 and 与 name the other side of talks, messages and signings only (X同Y会谈);
            // elsewhere they are "and".
            let two_sided = matches!(word, "同" | "与");
            let Some(target) = nearest(events, s, two_sided) else {
                continue;
            };
            let found = if cue.after {
                after(t, mentions, e, end, cue.role)
            } else {
                let from = list_start(t, mentions, start, scope_start, s, word);
                before(t, mentions, start, from, s, cue.role)
            };
            let event = &mut events[target];
            for &m in &found {
                match (cue.role, mentions[m].kind) {
                    (Role::Place, _) | (_, MentionKind::Place) => event.add_place(m),
                    // (在市智慧金服中心举办: the venue does not host.)
                    _ if event.places.contains(&m) => {}
                    (role, _) => event.add_participant(m, role),
                }
            }
            // (A venue before a cue, 在云南主持召开, leaves the persons before it to the cue.)
            if !found.is_empty() && cue.role != Role::Place {
                scope_start = e;
            }
        }
        s = e;
    }
}

/// Is `[s, e)` a word: on token boundaries, or on a name's edge where jieba glued a one-character
/// cue to the name (王伟率/nr)?
pub(super) fn on_boundaries(t: &Text, mentions: &[Mention], s: usize, e: usize) -> bool {
    let starts = t.token_starting[s].is_some() || mentions.iter().any(|m| m.end == s);
    let ends = t.token_ending[e].is_some() || mentions.iter().any(|m| m.start == e);
    starts && ends
}

/// The event whose trigger is nearest to `at`; with `two_sided`, only events that have another
/// side.
fn nearest(events: &[Found], at: usize, two_sided: bool) -> Option<usize> {
    (0..events.len())
        .filter(|&i| !two_sided || TWO_SIDED.contains(&events[i].kind))
        .min_by_key(|&i| events[i].trigger.0.abs_diff(at))
}

/// With no agent or host from a cue, the subject of the trigger's clause leads the event (王伟
/// 到萧山调研; 习近平同普拉博沃举行会谈: 习近平, not the one after 同); else the last person
/// before the trigger in its sentence; else the person who opens a later clause (在会见索德尔
/// 时，李强表示). A reporter in brackets (本报讯（记者刘健）) leads nothing. A list of persons as
/// subject (赵奇玲、周春涌…发言) all lead. A meeting is hosted, not done: its leader is its host,
/// unless it is only where someone speaks (在座谈会上说: an attendee). An opening or
/// establishment with no person is done by the organizations before the trigger in its clause
/// (中国银行新区支行开业, 都邦保险、国元保险…相继落户); so is a statement (外交部表示).
pub(super) fn default_agent(
    event: &mut Found,
    t: &Text,
    mentions: &[Mention],
    start: usize,
    end: usize,
) {
    if !needs_leader(event, t, start) {
        return;
    }
    let (trigger, _) = event.trigger;
    if let Some(p) = leading_person(event, t, mentions, start, end) {
        let limit = if mentions[p].start < trigger {
            trigger
        } else {
            end
        };
        let role = leader_role(event, t);
        for m in list_from(t, mentions, p, limit) {
            if !event.has(m) {
                event.participants.push((m, role));
            }
        }
        return;
    }
    if matches!(
        event.kind,
        "opening" | "establishment" | "signing" | "statement"
    ) {
        let clause = clause_start(t, start, trigger);
        for (m, x) in mentions.iter().enumerate() {
            if x.kind == MentionKind::Organization && x.start >= clause && x.end <= trigger {
                event.participants.push((m, Role::Agent));
            }
        }
    }
}

/// Does `event` still need someone to lead it? Not when a cue gave a leader (or, for an
/// activity, anyone), not for incidents (they happen; the persons they befall are not their
/// agents: 信仰坍塌, 3人死亡), not for a visit others accompany (…陆静、何刚等陪同调研), not
/// for what someone listens to (听取…汇报, 听取…介绍: whoever listens does not brief).
fn needs_leader(event: &Found, t: &Text, start: usize) -> bool {
    let led = event.participants.iter().any(|(_, r)| match event.kind {
        "activity" => true,
        _ => matches!(r, Role::Agent | Role::Host | Role::Subject),
    });
    let incident =
        super::INCIDENTS.contains(&event.kind) && !matches!(event.kind, "attack" | "rescue");
    let accompanied = t.chars[..event.trigger.0].ends_with(&['陪', '同']);
    let clause = clause_start(t, start, event.trigger.0);
    let heard = matches!(event.kind, "speech" | "statement")
        && t.slice(clause, event.trigger.0).contains("听");
    !(led || incident || accompanied || heard)
}

/// The role of the persons who lead an event with no cue: a meeting's host (an attendee when
/// it is only where someone speaks: 在座谈会上说), an activity's attendees (those who plant
/// trees together), a case's subject, else the agent.
fn leader_role(event: &Found, t: &Text) -> Role {
    match event.kind {
        "meeting" if t.chars.get(event.trigger.1) == Some(&'上') => Role::Attendee,
        "meeting" => Role::Host,
        "activity" => Role::Attendee,
        "case" => Role::Subject,
        _ => Role::Agent,
    }
}

/// The first person of the list that leads `event`, in the order [`default_agent`] says.
fn leading_person(
    event: &Found,
    t: &Text,
    mentions: &[Mention],
    start: usize,
    end: usize,
) -> Option<usize> {
    let (trigger, trigger_end) = event.trigger;
    let clause = clause_start(t, start, trigger);
    // (对李尚福…立案审查: a case is about the one after 对.)
    let case = event.kind == "case";
    let free = |m: &usize| {
        let x = &mentions[*m];
        x.kind == MentionKind::Person
            && !event.has(*m)
            && !in_brackets(t, start, x.start)
            && !reporter(t, mentions, *m)
            && (case || !after_preposition(t, mentions, *m, true))
    };
    let persons_in = |from: usize, to: usize| {
        (0..mentions.len()).filter(move |&m| mentions[m].start >= from && mentions[m].end <= to)
    };
    // (A statement's speaker is named before what they say.)
    let opens_later_clause = |m: &usize| {
        let at = np_start(mentions, *m);
        event.kind != "statement" && at > trigger && is_clause_break(t.chars[at - 1])
    };
    // (习近平祝贺普拉博沃当选: the one elected is named right before the word.)
    let subject = if event.kind == "appointment" {
        persons_in(clause, trigger).rfind(free)
    } else {
        persons_in(clause, trigger).find(free)
    };
    subject
        .or_else(|| persons_in(start, trigger).rfind(free))
        .or_else(|| {
            persons_in(trigger_end, end)
                .filter(free)
                .find(opens_later_clause)
        })
}

/// With no place from a cue, an incident happens where its clause says before the trigger
/// (北京市朝阳区发生火灾; 美国马萨诸塞州伍斯特州立大学28日发生枪击事件).
pub(super) fn default_places(event: &mut Found, t: &Text, mentions: &[Mention], start: usize) {
    if !event.places.is_empty() {
        return;
    }
    let (trigger, _) = event.trigger;
    let clause = clause_start(t, start, trigger);
    for (m, x) in mentions.iter().enumerate() {
        let venue = matches!(x.kind, MentionKind::Place | MentionKind::Organization);
        if venue && x.start >= clause && x.end <= trigger && !event.has(m) {
            event.add_place(m);
        }
    }
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | '：' | ':' | '。')
}

/// Where the clause holding `at` starts, within the sentence starting at `start`.
fn clause_start(t: &Text, start: usize, at: usize) -> usize {
    (start..at)
        .rev()
        .find(|&i| is_clause_break(t.chars[i]))
        .map_or(start, |i| i + 1)
}

/// Is `at` inside brackets opened after `start` (本报讯（记者刘健）)?
fn in_brackets(t: &Text, start: usize, at: usize) -> bool {
    let mut depth = 0i32;
    for &c in &t.chars[start..at] {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Where the noun phrase ending in mention `m` starts: its titles and organizations joined to it
/// (省委书记杨长亚 starts at 省委).
fn np_start(mentions: &[Mention], m: usize) -> usize {
    let mut at = mentions[m].start;
    while let Some(x) = mentions
        .iter()
        .find(|x| x.end == at && x.kind != MentionKind::Person)
    {
        at = x.start;
    }
    at
}

/// Is the person `m` a reporter (本报讯 记者孟凡超 报道: the byline, not who acts)?
fn reporter(t: &Text, mentions: &[Mention], m: usize) -> bool {
    let titles = t.slice(np_start(mentions, m), mentions[m].start);
    titles.contains("记者") || titles.contains("通讯员")
}

/// Is the person `m` (with its titles) the object of a preposition (为李强举行; with `with`, also
/// 同印尼当选总统普拉博沃)?
fn after_preposition(t: &Text, mentions: &[Mention], m: usize, with: bool) -> bool {
    let at = np_start(mentions, m);
    at > 0 && (PREPOSITIONS.contains(t.chars[at - 1]) || (with && WITH.contains(t.chars[at - 1])))
}

/// The persons of the list that starts with person `first` and ends before `limit`: persons
/// joined by 、，和及与 with their titles between (赵奇玲、县长周春涌、…赵国平).
fn list_from(t: &Text, mentions: &[Mention], first: usize, limit: usize) -> Vec<usize> {
    let mut out = vec![first];
    let mut pos = mentions[first].end;
    for (m, x) in mentions.iter().enumerate().skip(first + 1) {
        if x.start < pos || x.end > limit {
            continue;
        }
        let gap = &t.chars[pos..x.start];
        let joins = gap.len() <= 1 && gap.iter().all(|c| "、，,和及与".contains(*c));
        if !joins {
            break;
        }
        if x.kind == MentionKind::Person {
            out.push(m);
        }
        pos = x.end;
    }
    out
}

/// Where the persons a `before` cue points at start. 在…陪同下 opens at 在; a list of titled
/// persons split by commas (省委常委、副省长徐鸣，省人大常委会副主任许仲梓出席) reaches back over
/// every clause that is one titled person.
fn list_start(
    t: &Text,
    mentions: &[Mention],
    start: usize,
    scope_start: usize,
    cue: usize,
    word: &str,
) -> usize {
    if word == "陪同下" {
        if let Some(at) = (scope_start..cue).rev().find(|&i| t.chars[i] == '在') {
            return at + 1;
        }
    }
    let mut from = scope_start;
    while from > start && matches!(t.chars[from - 1], '，' | ',') {
        let item_start = clause_start(t, start, from - 1);
        if !is_titled_person(t, mentions, item_start, from - 1) {
            break;
        }
        from = item_start;
    }
    from
}

/// Is `[start, end)` one list item of titled persons: it opens with a mention and ends with a
/// person (省委组织部部务会成员、省委非公和社会组织工委书记赵亚莉)?
fn is_titled_person(t: &Text, mentions: &[Mention], start: usize, end: usize) -> bool {
    let mut end = end;
    for tail in ["等", "同志"] {
        let n = tail.chars().count();
        if end >= start + n && t.slice(end - n, end) == tail {
            end -= n;
        }
    }
    let opens = mentions.iter().any(|m| m.start == start);
    let closes = mentions
        .iter()
        .any(|m| m.end == end && m.kind == MentionKind::Person);
    opens && closes
}

/// The entities a `before` cue points at: persons between `from` and the cue (not a reporter in
/// brackets); for agents and hosts, organizations (then places, which become the event's places)
/// when no person is there. Attendees of a clause that names no one (…来到渑池南站，与群众一起
/// 参加植树活动) are the persons the sentence opens with.
fn before(
    t: &Text,
    mentions: &[Mention],
    start: usize,
    from: usize,
    cue: usize,
    role: Role,
) -> Vec<usize> {
    let of = |kind: MentionKind, from: usize| -> Vec<usize> {
        (0..mentions.len())
            .filter(|&m| {
                let x = &mentions[m];
                x.kind == kind
                    && x.start >= from
                    && x.end <= cue
                    && !in_brackets(t, start, x.start)
                    && !after_preposition(t, mentions, m, false)
            })
            .collect()
    };
    let persons = of(MentionKind::Person, from);
    if !persons.is_empty() {
        return persons;
    }
    match role {
        Role::Agent | Role::Host => {
            let organizations = of(MentionKind::Organization, from);
            if organizations.is_empty() {
                of(MentionKind::Place, from)
            } else {
                organizations
            }
        }
        // (与广大党员干部和群众一起参加: a bare title names no one.)
        Role::Attendee
            if !mentions
                .iter()
                .any(|x| x.start >= from && x.end <= cue && x.kind != MentionKind::Title) =>
        {
            // (The subject opens a clause: 11月14日，县委书记杨跃民，…; not 践行习近平…思想.)
            let subject = of(MentionKind::Person, start).into_iter().find(|&m| {
                let at = np_start(mentions, m);
                (at == start || is_clause_break(t.chars[at - 1]))
                    && !after_preposition(t, mentions, m, true)
            });
            subject.map_or_else(Vec::new, |m| list_from(t, mentions, m, cue))
        }
        _ => Vec::new(),
    }
}

/// The entities an `after` cue points at: the list right after it (到李万街道大北张村、鑫苑小区及
/// 南李万村; 会见俄罗斯总统普京), past a clause that describes them (会见来华出席峰会的冈比亚总统
/// 巴罗). For places, an organization followed by a title is someone's post, not a venue (在省人大
/// 常委会副主任…陪同下).
fn after(t: &Text, mentions: &[Mention], from: usize, end: usize, role: Role) -> Vec<usize> {
    let from = if role == Role::Place {
        from
    } else {
        past_description(t, mentions, from, end)
    };
    let mut pos = from;
    let mut heads = Vec::new();
    let mut persons = Vec::new();
    for (m, x) in mentions.iter().enumerate() {
        if x.start < pos || x.end > end {
            continue;
        }
        let gap: String = t.chars[pos..x.start].iter().collect();
        let gap_ok = if pos == from {
            gap.is_empty() || gap == "了"
        } else {
            // (、及和 join a list; 的/内 a place in a place; 前/原 a former post: 美国前商务部长;
            // 兼 a second post: 副总理兼外长法永; 当选/候任 a post to come: 印尼当选总统.)
            let joins = gap.chars().count() <= 3
                && gap.chars().all(|c| "、及和与以的内并前原兼".contains(c));
            joins || ["当选", "候任", "新任", "时任"].contains(&gap.as_str())
        };
        if !gap_ok {
            break;
        }
        match (role, x.kind) {
            (_, MentionKind::Title) if role == Role::Place => {
                if heads
                    .last()
                    .is_some_and(|&h: &usize| mentions[h].end == x.start)
                {
                    heads.pop();
                }
                break;
            }
            (Role::Place, MentionKind::Place | MentionKind::Organization) => heads.push(m),
            (Role::Place, MentionKind::Person) => break,
            (_, MentionKind::Person) => persons.push(m),
            (_, MentionKind::Organization | MentionKind::Place) => heads.push(m),
            (_, MentionKind::Title) => {}
        }
        pos = x.end;
    }
    // (会见美国代表团: a delegation is met; 率调研组: the group a leader brings is not a
    // participant of its own.)
    match role {
        Role::Place => heads,
        Role::Counterpart if persons.is_empty() => heads,
        _ => persons,
    }
}

/// Past a describing clause ending in 的 (来华出席第19届亚洲运动会开幕式的) to the list it
/// describes, when a person follows within the clause; else `from`.
fn past_description(t: &Text, mentions: &[Mention], from: usize, end: usize) -> usize {
    if mentions.iter().any(|m| m.start == from) {
        return from;
    }
    let clause_end = (from..end)
        .find(|&i| is_clause_break(t.chars[i]))
        .unwrap_or(end);
    let Some(person) = mentions
        .iter()
        .find(|m| m.kind == MentionKind::Person && m.start > from && m.end <= clause_end)
    else {
        return from;
    };
    (from..person.start)
        .rev()
        .find(|&i| t.chars[i] == '的')
        .map_or(from, |i| i + 1)
}
