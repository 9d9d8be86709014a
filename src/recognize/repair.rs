//! Mention repair: people the recognizer missed but the article itself vouches for — a
//! credited reporter, a name that recurs after it was once recognized with evidence.

use super::{Mention, MentionKind, Text};
use crate::layout::Credit;

/// Credited names are people even where the recognizer did not see them.
pub(crate) fn credited_people(mentions: &mut Vec<Mention>, credits: &[Credit], chars: &[char]) {
    for credit in credits {
        let overlaps = mentions.iter().any(|m| {
            m.start < credit.end
                && credit.start < m.end
                && !(m.start == credit.start && m.end == credit.end)
        });
        let same = mentions.iter().any(|m| {
            m.kind == MentionKind::Person && m.start == credit.start && m.end == credit.end
        });
        if same {
            continue;
        }
        if overlaps {
            mentions.retain(|m| !(m.start < credit.end && credit.start < m.end));
        }
        mentions.push(Mention {
            kind: MentionKind::Person,
            start: credit.start,
            end: credit.end,
            surface: chars[credit.start..credit.end].iter().collect(),
            canonical: credit.name.clone(),
            parent: None,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// A person named once with enough evidence (a title, a cue) is the same person wherever the
/// name recurs in the article, even where jieba cuts it badly (王家/鹏专程到).
pub(crate) fn repeated_names(mentions: &mut Vec<Mention>, text: &Text) {
    let chars = &text.chars;
    let mut names: Vec<(Vec<char>, String)> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person && m.end - m.start >= 2)
        .map(|m| (chars[m.start..m.end].to_vec(), m.canonical.clone()))
        .collect();
    names.sort();
    names.dedup();
    let mut added = Vec::new();
    for (name, canonical) in names {
        let n = name.len();
        for start in 0..chars.len().saturating_sub(n - 1) {
            let end = start + n;
            if chars[start..end] != name[..]
                || (n < 3 && !text.aligned(start, end))
                || mentions
                    .iter()
                    .chain(&added)
                    .any(|m: &Mention| m.start < end && start < m.end)
            {
                continue;
            }
            added.push(Mention {
                kind: MentionKind::Person,
                start,
                end,
                surface: name.iter().collect(),
                canonical: canonical.clone(),
                parent: None,
            });
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.start, m.end));
}
