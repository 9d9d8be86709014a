//! Roles: who leads, accompanies, briefs, attends or hosts an event, and where it happens, read
//! from the cue words around the entities (`data/event_roles.tsv`).

use super::{Detector, Found};
use crate::recognize::{Mention, MentionKind, Text};

/// What an entity does in an event. `Place` marks where it happens rather than who takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Agent,
    Counterpart,
    Companion,
    Briefer,
    Attendee,
    Host,
    Place,
}

impl Role {
    /// Names as written in `data/event_roles.tsv` and in the output.
    pub const NAMES: &'static [(&'static str, Role)] = &[
        ("agent", Role::Agent),
        ("counterpart", Role::Counterpart),
        ("companion", Role::Companion),
        ("briefer", Role::Briefer),
        ("attendee", Role::Attendee),
        ("host", Role::Host),
        ("place", Role::Place),
    ];

    pub fn name(self) -> &'static str {
        Role::NAMES
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("participant", |(n, _)| n)
    }
}

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
            .into_iter()
            .rev()
            .find(|(e, _)| t.aligned(s, *e));
        let Some((e, cues)) = cue else {
            s += 1;
            continue;
        };
        let word = t.slice(s, e);
        let nearest = (0..events.len())
            .min_by_key(|&i| events[i].trigger.0.abs_diff(s))
            .unwrap_or(0);
        for cue in cues {
            let event = &mut events[nearest];
            // 同 and 与 name the other side of talks only (X同Y会谈); elsewhere they are "and".
            if matches!(word.as_str(), "同" | "与") && event.kind != "talks" {
                continue;
            }
            let found = if cue.after {
                after(t, mentions, e, end, cue.role)
            } else {
                before(mentions, scope_start, s, cue.role)
            };
            for &m in &found {
                match cue.role {
                    Role::Place => event.add_place(m),
                    // (在市智慧金服中心举办: the venue does not host.)
                    _ if event.places.contains(&m) => {}
                    role => event.add_participant(m, role),
                }
            }
            if !found.is_empty() {
                scope_start = e;
            }
        }
        s = e;
    }
}

/// With no agent or host from a cue, the person named last before the trigger in its sentence
/// leads it (本报讯（记者…）…主任王家鹏在调研…时强调: 王家鹏, not the reporter); an opening or establishment is done by the organizations before
/// the trigger in its clause (中国银行新区支行开业, 都邦保险、国元保险…相继落户).
pub(super) fn default_agent(event: &mut Found, t: &Text, mentions: &[Mention], start: usize) {
    let led = event
        .participants
        .iter()
        .any(|(_, r)| matches!(r, Role::Agent | Role::Host));
    if led {
        return;
    }
    let trigger = event.trigger.0;
    // (…倪晓锦，…陆静、何刚等陪同调研: those before 陪同 go with someone else's visit.)
    if t.chars[..trigger].ends_with(&['陪', '同']) {
        return;
    }
    let person = (0..mentions.len()).rev().find(|&m| {
        let x = &mentions[m];
        x.kind == MentionKind::Person && x.start >= start && x.end <= trigger && !event.has(m)
    });
    if let Some(p) = person {
        event.add_participant(p, Role::Agent);
        return;
    }
    if matches!(event.kind, "opening" | "establishment" | "signing") {
        let clause_start = (start..trigger)
            .rev()
            .find(|&i| is_clause_break(t.chars[i]))
            .map_or(start, |i| i + 1);
        for (m, x) in mentions.iter().enumerate() {
            if x.kind == MentionKind::Organization && x.start >= clause_start && x.end <= trigger {
                event.participants.push((m, Role::Agent));
            }
        }
    }
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | '：' | ':' | '。')
}

/// The entities a `before` cue points at: persons between `from` and the cue; for agents and
/// hosts, organizations (then places) when no person is there.
fn before(mentions: &[Mention], from: usize, cue: usize, role: Role) -> Vec<usize> {
    let of = |kind: MentionKind| -> Vec<usize> {
        (0..mentions.len())
            .filter(|&m| {
                mentions[m].kind == kind && mentions[m].start >= from && mentions[m].end <= cue
            })
            .collect()
    };
    let persons = of(MentionKind::Person);
    if !persons.is_empty() || !matches!(role, Role::Agent | Role::Host) {
        return persons;
    }
    let organizations = of(MentionKind::Organization);
    if !organizations.is_empty() {
        return organizations;
    }
    of(MentionKind::Place)
}

/// The entities an `after` cue points at: the list right after it (到李万街道大北张村、鑫苑小区及
/// 南李万村; 会见俄罗斯总统普京). For places, an organization followed by a title is someone's
/// post, not a venue (在省人大常委会副主任…陪同下).
fn after(t: &Text, mentions: &[Mention], from: usize, end: usize, role: Role) -> Vec<usize> {
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
            // (、及和 join a list; 的/内 a place in a place; 前/原 a former post: 美国前商务部长.)
            gap.chars().count() <= 3 && gap.chars().all(|c| "、及和与以的内并前原".contains(c))
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
    if role == Role::Place || persons.is_empty() {
        heads
    } else {
        persons
    }
}
