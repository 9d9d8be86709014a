//! Titles (副主任, 党工委书记, 委员长): dictionary matches on token boundaries.

use super::{Candidate, MentionKind, Recognizer, Text};

/// Proposes every title from the lexicon that starts and ends on token boundaries.
pub fn propose(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
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
                });
            }
        }
    }
}
