//! Titles (副主任, 党工委书记, 委员长): dictionary matches on token boundaries.

use super::{Candidate, MentionKind, Recognizer, Text};

/// Proposes every title from the lexicon that starts and ends on token boundaries, and splits
/// words jieba keeps whole (县委书记 → 县委 + 书记).
pub fn propose(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
    for (k, token) in t.tokens.iter().enumerate() {
        split_word(r, t, token.start, token.end, out);
        head_of_body(r, t, k, out);
    }
    for start in 0..t.chars.len() {
        if t.token_starting[start].is_none() {
            continue;
        }
        for (end, _) in r.titles.prefixes(&t.chars, start) {
            if t.aligned(start, end) {
                out.push(Candidate {
                    kind: MentionKind::Title,
                    start,
                    end,
                    priority: 3,
                    canonical: None,
                    parent: None,
                });
            }
        }
    }
}

/// An organization and a title in one word: 县委书记, 市长助理 is not (市长 is a title itself).
fn split_word(r: &Recognizer, t: &Text, start: usize, end: usize, out: &mut Vec<Candidate>) {
    if end - start < 3 {
        return;
    }
    // Titles ending the word, longest first; the rest of the word must be an organization.
    for (cut, _) in r
        .title_ends
        .ending_at(&t.chars, end, start + 1)
        .into_iter()
        .rev()
    {
        let head = t.slice(start, cut);
        let is_org = r.org_suffixes.contains_key(&head) || !r.organizations.get(&head).is_empty();
        if is_org {
            let kind = |kind, s, e| Candidate {
                kind,
                start: s,
                end: e,
                priority: 3,
                canonical: None,
                parent: None,
            };
            out.push(kind(MentionKind::Organization, start, cut));
            out.push(kind(MentionKind::Title, cut, end));
            return;
        }
    }
}

/// Heads named after their body, the body's last character shared (司法部长 = 司法部 + 部长,
/// 美国财政部长, 芬兰农林/部长): the organization, then the title's remaining characters,
/// whose canonical form is the whole title.
const HEADS: &[&str] = &["部长", "局长", "厅长", "署长"];

fn head_of_body(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    let Some(head) = HEADS.iter().find(|h| token.word.ends_with(*h)) else {
        return;
    };
    // The body's own words: inside this word (司法部长), or the word before a bare 部长.
    let body_start = if token.len() > 2 {
        token.start
    } else {
        match k.checked_sub(1).map(|j| &t.tokens[j]) {
            Some(prev)
                if matches!(prev.tag, "n" | "nz" | "vn") && r.titles.get(prev.word).is_empty() =>
            {
                prev.start
            }
            _ => return,
        }
    };
    let org_end = token.end - 1;
    if !r.titles.get(&t.slice(body_start, token.end)).is_empty() && token.len() > 2 {
        // 副部长, 外交部长 as a listed title: a known organization is read by split_word.
        if r.organizations
            .get(&t.slice(body_start, org_end))
            .is_empty()
        {
            return;
        }
    }
    // A place right before names the body's country (美国|财政部长).
    let start = match t.token_ending[body_start].map(|j| &t.tokens[j]) {
        Some(prev) if prev.tag == "ns" || !r.places.get(prev.word).is_empty() => prev.start,
        _ => body_start,
    };
    out.push(Candidate {
        kind: MentionKind::Organization,
        start,
        end: org_end,
        priority: 4,
        canonical: None,
        parent: None,
    });
    out.push(Candidate {
        kind: MentionKind::Title,
        start: org_end,
        end: token.end,
        priority: 4,
        canonical: Some((*head).to_owned()),
        parent: None,
    });
}
