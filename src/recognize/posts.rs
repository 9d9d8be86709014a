//! Posts: who holds which title in which organization, read from the shapes news writes them in.
//!
//! - ORG TITLE NAME: 省人大常委会副主任张维宁
//! - coordinated, the organization inherited: 示范区党工委书记、管委会主任王家鹏 → 书记 @ 示范区党工委,
//!   主任 @ 示范区管委会 (the bare 管委会 takes the place part of the organization before it)
//! - chains: 中共中央政治局常委、全国政协主席王沪宁
//! - NAME TITLE: 赵乐际委员长 (organization unknown)
//! - appointments: NAME 任/担任/兼任 ORG TITLE (李四担任示范区党工委书记); an appointment to a
//!   place's post (任命张三为焦作市副市长) is not read yet

use super::{Mention, MentionKind, Recognizer};
use crate::lexicon::Rank;

/// A post found in a text: indexes into the mention list, plus an inherited organization name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPost {
    pub person: usize,
    pub title: usize,
    /// The organization mention the title belongs to.
    pub organization: Option<usize>,
    /// For an inherited organization (管委会 after 示范区党工委): the full name and its span.
    pub inherited: Option<(String, usize, usize)>,
    /// `[start, end)` of the whole post phrase.
    pub start: usize,
    pub end: usize,
}

/// A title waiting for the name it belongs to: (title mention, organization mention, inherited
/// organization, start of the phrase).
type Pending = (usize, Option<usize>, Option<(String, usize, usize)>, usize);

/// Words between a person and an organization that announce an appointment.
const APPOINTMENT: &[&str] = &["任", "担任", "兼任", "出任", "升任", "转任", "为"];

/// Posts found in `chars`. A staff title (记者, 负责人) without an organization is no post.
pub fn find(r: &Recognizer, chars: &[char], mentions: &[Mention]) -> Vec<FoundPost> {
    let mut posts = find_all(r, chars, mentions);
    posts.retain(|p| {
        p.organization.is_some()
            || p.inherited.is_some()
            || r.title_rank(&mentions[p.title].canonical) != Some(Rank::Staff)
    });
    posts
}

fn find_all(r: &Recognizer, chars: &[char], mentions: &[Mention]) -> Vec<FoundPost> {
    let mut posts = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let gap = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    for (i, m) in mentions.iter().enumerate() {
        match m.kind {
            MentionKind::Title => {
                let prev = i.checked_sub(1).map(|p| &mentions[p]);
                let (org, inherited, start) = match prev {
                    Some(o) if o.kind == MentionKind::Organization && o.end == m.start => {
                        (Some(i - 1), None, o.start)
                    }
                    _ => {
                        let inherited = inherit(r, chars, mentions, &pending, m.start);
                        let start = inherited.as_ref().map_or(m.start, |x| x.1);
                        (None, inherited, start)
                    }
                };
                let chained = pending.last().is_some_and(|p| {
                    let last_end = mentions[p.0].end;
                    last_end <= start && gap(last_end, start).chars().all(|c| c == '、')
                });
                if !chained {
                    pending.clear();
                }
                pending.push((i, org, inherited, start));
            }
            MentionKind::Person => {
                if let Some(last) = pending.last() {
                    if mentions[last.0].end == m.start {
                        for (title, organization, inherited, start) in pending.drain(..) {
                            posts.push(FoundPost {
                                person: i,
                                title,
                                organization,
                                inherited,
                                start,
                                end: m.end,
                            });
                        }
                    }
                }
                pending.clear();
                name_then_title(mentions, i, &mut posts);
                appointment(mentions, chars, i, &mut posts);
            }
            MentionKind::Organization => {}
            MentionKind::Place => pending.clear(),
        }
    }
    posts
}

/// A bare suffix before a title in a chain (…党工委书记、管委会主任): the organization is the
/// place part of the chain's previous organization plus this suffix.
fn inherit(
    r: &Recognizer,
    chars: &[char],
    mentions: &[Mention],
    pending: &[Pending],
    title_start: usize,
) -> Option<(String, usize, usize)> {
    let (_, Some(org), _, _) = pending.last()? else {
        return None;
    };
    let org = &mentions[*org];
    let separator = chars[..title_start].iter().rposition(|&c| c == '、')?;
    if separator < org.end {
        return None;
    }
    let bare: String = chars[separator + 1..title_start].iter().collect();
    if !r.org_suffixes.contains_key(&bare) {
        return None;
    }
    let org_chars: Vec<char> = org.canonical.chars().collect();
    let own_suffix = (1..org_chars.len()).rev().find(|&len| {
        let tail: String = org_chars[org_chars.len() - len..].iter().collect();
        r.org_suffixes.contains_key(&tail)
    })?;
    let stem: String = org_chars[..org_chars.len() - own_suffix].iter().collect();
    Some((format!("{stem}{bare}"), separator + 1, title_start))
}

/// 赵乐际委员长: a title right after a name.
fn name_then_title(mentions: &[Mention], i: usize, posts: &mut Vec<FoundPost>) {
    if let Some(next) = mentions.get(i + 1) {
        if next.kind == MentionKind::Title && next.start == mentions[i].end {
            posts.push(FoundPost {
                person: i,
                title: i + 1,
                organization: None,
                inherited: None,
                start: mentions[i].start,
                end: next.end,
            });
        }
    }
}

/// 张三任焦作市副市长 / 张三担任示范区党工委书记.
fn appointment(mentions: &[Mention], chars: &[char], i: usize, posts: &mut Vec<FoundPost>) {
    let (Some(org), Some(title)) = (mentions.get(i + 1), mentions.get(i + 2)) else {
        return;
    };
    if org.kind != MentionKind::Organization
        || title.kind != MentionKind::Title
        || org.end != title.start
    {
        return;
    }
    let between: String = chars[mentions[i].end..org.start].iter().collect();
    if APPOINTMENT.contains(&between.as_str()) {
        posts.push(FoundPost {
            person: i,
            title: i + 2,
            organization: Some(i + 1),
            inherited: None,
            start: mentions[i].start,
            end: title.end,
        });
    }
}
