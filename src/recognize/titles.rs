//! Titles (副主任, 党工委书记, 委员长): dictionary matches on token boundaries.

use super::{Candidate, MentionKind, Recognizer, Text};

/// Proposes every title from the lexicon that starts and ends on token boundaries, and splits
/// words jieba keeps whole (县委书记 → 县委 + 书记).
pub fn propose(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
    for token in &t.tokens {
        split_word(r, t, token.start, token.end, out);
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
    for cut in start + 1..end {
        let head = t.slice(start, cut);
        let tail = t.slice(cut, end);
        let is_org = r.org_suffixes.contains_key(&head) || !r.organizations.get(&head).is_empty();
        if is_org && !r.titles.get(&tail).is_empty() {
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
