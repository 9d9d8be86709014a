//! Titles (副主任, 党工委书记, 委员长): dictionary matches on token boundaries.

use super::{Candidate, MentionKind, Recognizer, Text};
use crate::lexicon::words;
use crate::segment::Token;

/// jieba sometimes cuts across a title that stands between an organization's last character
/// and a name (部副/部长 of 科教社团部副部长, 处处长 of 业务处处长, 办主/任何/建吾 of
/// 经信办主任何建吾): the title is then no word of its own and neither the organization nor the
/// name is found. Where a title from the lexicon starts right after a one-character
/// organization suffix inside a word, the words are cut again at both ends of the title.
pub(crate) fn resegment<'a>(
    r: &Recognizer,
    text: &'a str,
    chars: &[char],
    tokens: Vec<Token<'a>>,
) -> Vec<Token<'a>> {
    let n = chars.len();
    let mut boundary = vec![false; n + 1];
    for t in &tokens {
        boundary[t.start] = true;
        boundary[t.end] = true;
    }
    let mut cuts = Vec::new();
    for p in 1..n {
        if boundary[p]
            || !r
                .org_suffixes
                .contains_key(chars[p - 1].encode_utf8(&mut [0; 4]))
        {
            continue;
        }
        let longest = r
            .titles
            .prefixes(chars, p)
            .map(|(end, _)| end)
            .filter(|&end| end - p >= 2)
            .last();
        if let Some(end) = longest {
            cuts.push((p, end));
        }
    }
    if cuts.is_empty() {
        return tokens;
    }
    for &(p, end) in &cuts {
        boundary[p] = true;
        boundary[end] = true;
        boundary[p + 1..end].iter_mut().for_each(|b| *b = false);
    }
    let mut byte_at = Vec::with_capacity(n + 1);
    byte_at.extend(text.char_indices().map(|(b, _)| b));
    byte_at.push(text.len());
    let original: std::collections::HashMap<(usize, usize), Token<'a>> =
        tokens.into_iter().map(|t| ((t.start, t.end), t)).collect();
    let mut out = Vec::new();
    let mut from = 0;
    for to in (1..=n).filter(|&i| boundary[i]) {
        let token = original.get(&(from, to)).copied().unwrap_or_else(|| {
            let title = cuts.iter().any(|&(p, end)| (p, end) == (from, to));
            Token {
                word: &text[byte_at[from]..byte_at[to]],
                tag: if title { "nnt" } else { "x" },
                start: from,
                end: to,
                known: title || to - from == 1,
            }
        });
        out.push(token);
        from = to;
    }
    out
}

/// Proposes every title from the lexicon that starts and ends on token boundaries, and splits
/// words jieba keeps whole (县委书记 → 县委 + 书记).
pub(crate) fn propose(r: &Recognizer, t: &Text, out: &mut Vec<Candidate>) {
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
    // 江主席, 汤局长: a surname and a title in one word; the title is read, the surname is
    // for the person recognizer.
    if let Some((cut, _)) = r.title_ends.ending_at(&t.chars, end, start + 1).last() {
        let head = &t.chars[start..*cut];
        if head.len() == 1 && r.lexicons.surnames.prefix_len_of(head[0], None) == Some(1) {
            out.push(Candidate {
                kind: MentionKind::Title,
                start: *cut,
                end,
                priority: 3,
                canonical: None,
                parent: None,
            });
            return;
        }
    }
    // Titles ending the word, longest first; the rest of the word must be an organization.
    for (cut, _) in r
        .title_ends
        .ending_at(&t.chars, end, start + 1)
        .into_iter()
        .rev()
    {
        let head = t.slice(start, cut);
        let is_org = r.org_suffixes.contains_key(head) || !r.organizations.get(head).is_empty();
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

fn head_of_body(r: &Recognizer, t: &Text, k: usize, out: &mut Vec<Candidate>) {
    let token = &t.tokens[k];
    let Some(head) = words::ministry_heads()
        .iter()
        .find(|h| token.word.ends_with(*h))
    else {
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
    if !r.titles.get(t.slice(body_start, token.end)).is_empty() && token.len() > 2 {
        // 副部长, 外交部长 as a listed title: a known organization is read by split_word.
        if r.organizations.get(t.slice(body_start, org_end)).is_empty() {
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
