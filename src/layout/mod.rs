//! Layout repair: from the text of a newspaper page (as PDF extraction leaves it) to clean
//! articles with headlines, credits and an offset map back to the input bytes.
//!
//! A page arrives as column lines broken mid-word, letter-spaced justification, stories run
//! together without blank lines, and — on many local papers — each headline printed *after* the
//! body it belongs to. The steps, each in plain code below:
//! 1. repair each line's spacing ([`spacing`]) and classify it: blank, byline/dateline, photo
//!    credit ([`byline`]) or text;
//! 2. find story boundaries: bylines and datelines open a story, a photo credit closes a caption;
//! 3. find headline blocks: short unpunctuated lines that start a paragraph and stand right
//!    before a boundary or the end of the page;
//! 4. detect the page's convention (headline before or after its body) and attach each block to
//!    its story; split it into kicker, title and subtitle;
//! 5. join the remaining lines into paragraphs.

pub mod byline;
pub mod furniture;
pub mod spacing;

use crate::lexicon::Surnames;
use crate::offsets::MappedString;
pub use byline::CreditRole;
use byline::{parse_byline, parse_closing_credit, parse_photo_credit, CreditedName};
use furniture::parse_furniture;
use spacing::{repair_line, SourceChar};

/// Whether the page prints a story's headline before or after its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadlineConvention {
    /// The headline comes before the body it belongs to.
    Before,
    /// The headline comes after the body it belongs to, as on many local papers.
    After,
}

/// What an article is on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// A news story.
    Story,
    /// A photo with its caption and credit.
    Caption,
}

/// A credited person, with the character range of the name in the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The person's name (张三).
    pub name: String,
    /// What they did for the article (reporter, photographer …).
    pub role: CreditRole,
    /// First character of the name in the article text.
    pub start: usize,
    /// Character just past the name in the article text.
    pub end: usize,
}

/// One article cut from the input, text repaired, every character mapped to input bytes.
#[derive(Debug)]
pub struct LaidOutArticle {
    /// Whether it is a story or a photo caption.
    pub kind: ArticleKind,
    /// The line above the title (引题), if any.
    pub kicker: Option<MappedString>,
    /// The main headline, if one was found.
    pub title: Option<MappedString>,
    /// The subtitle (副题), the headline line opening with a dash, if any.
    pub subtitle: Option<MappedString>,
    /// Paragraphs separated by `\n`.
    pub text: MappedString,
    /// The people the article credits, from its byline or photo credit.
    pub credits: Vec<Credit>,
}

/// The articles of a page and the headline convention they were read with.
#[derive(Debug)]
pub struct Page {
    /// The articles, in page order.
    pub articles: Vec<LaidOutArticle>,
    /// Whether the page's headlines come before or after their bodies.
    pub convention: HeadlineConvention,
    /// The date the page's running head gives (ISO `YYYY-MM-DD`), if any.
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Blank,
    /// A running head or an editors' line, with the page's date if it gives one.
    Furniture {
        date: Option<String>,
    },
    Byline {
        names: Vec<CreditedName>,
        whole_line: bool,
    },
    /// A photo credit starting at this character of the line (0: the whole line).
    Credit {
        start: usize,
        names: Vec<CreditedName>,
    },
    Text,
}

#[derive(Debug)]
struct Line {
    /// Spacing repaired; phrase spaces kept for headline and byline lines.
    text: MappedString,
    kind: Kind,
    /// No sentence punctuation: it could be a headline line.
    heading_like: bool,
    ends_sentence: bool,
    /// A headline-like line with a kept phrase space: a subhead inside a body.
    phrase_spaced: bool,
    /// The names of a credit in brackets closing the line (`…新成效。（简宁静 温加俏）`), with
    /// offsets in `text`.
    closing_credit: Vec<CreditedName>,
}

impl Line {
    fn is_content(&self) -> bool {
        !matches!(self.kind, Kind::Blank | Kind::Furniture { .. })
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', '》']);
    // A line of closing marks alone (the `）` of a credit broken over two lines) ends what the
    // line above began.
    let only_closing = trimmed.is_empty() && !text.is_empty();
    only_closing || trimmed.chars().next_back().is_some_and(is_sentence_end)
}

fn heading_like(text: &str) -> bool {
    let len = text.chars().count();
    (2..=40).contains(&len)
        && !text.ends_with('、')
        && !text.contains(['，', '。', '；', '：', ',', ';'])
}

/// Splits input characters into lines (without their line breaks). `\n`, `\r\n`, a lone `\r`
/// and a form feed each end a line.
fn split_lines(chars: &[SourceChar]) -> Vec<&[SourceChar]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].0;
        if matches!(c, '\n' | '\r' | '\u{0C}') {
            lines.push(&chars[start..i]);
            if c == '\r' && chars.get(i + 1).is_some_and(|n| n.0 == '\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < chars.len() {
        lines.push(&chars[start..]);
    }
    lines
}

fn classify(raw: &[SourceChar], surnames: &Surnames) -> Line {
    let tight = repair_line(raw, false);
    let trimmed = raw
        .iter()
        .skip_while(|(c, _)| c.is_whitespace())
        .collect::<Vec<_>>();
    let has_inner_space = trimmed
        .iter()
        .rev()
        .skip_while(|(c, _)| c.is_whitespace())
        .any(|(c, _)| c.is_whitespace());
    let spaced = || {
        if has_inner_space {
            repair_line(raw, true)
        } else {
            tight.clone()
        }
    };
    if tight.text.is_empty() {
        return Line {
            text: tight,
            kind: Kind::Blank,
            heading_like: false,
            ends_sentence: false,
            phrase_spaced: false,
            closing_credit: Vec::new(),
        };
    }
    if let Some(furniture) = parse_furniture(&tight.text) {
        return Line {
            text: tight,
            kind: Kind::Furniture {
                date: furniture.date,
            },
            heading_like: false,
            ends_sentence: false,
            phrase_spaced: false,
            closing_credit: Vec::new(),
        };
    }
    let spaced_text = spaced();
    if let Some(b) = parse_byline(&spaced_text.text, surnames) {
        return Line {
            ends_sentence: ends_sentence(&spaced_text.text),
            text: spaced_text,
            kind: Kind::Byline {
                names: b.names,
                whole_line: b.whole_line,
            },
            heading_like: false,
            phrase_spaced: false,
            closing_credit: Vec::new(),
        };
    }
    if let Some((start, names)) = parse_photo_credit(&tight.text, surnames) {
        return Line {
            text: tight,
            kind: Kind::Credit { start, names },
            heading_like: false,
            ends_sentence: true,
            phrase_spaced: false,
            closing_credit: Vec::new(),
        };
    }
    let heading = heading_like(&tight.text);
    let phrase_spaced = heading && spaced_text.char_len() > tight.char_len();
    // Read on the spaced text, where the spaces part the names (简宁静 温加俏); only a line
    // that ends in a bracket can close with a credit.
    let closing_credit = if tight.text.ends_with(['）', ')']) {
        let kept = if phrase_spaced { &spaced_text } else { &tight };
        parse_closing_credit(&spaced_text.text, surnames)
            .map(|names| located_in(names, &kept.text))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let text = if phrase_spaced { spaced_text } else { tight };
    Line {
        // A credit closing the line closes its story too.
        ends_sentence: ends_sentence(&text.text) || !closing_credit.is_empty(),
        text,
        kind: Kind::Text,
        heading_like: heading,
        phrase_spaced,
        closing_credit,
    }
}

/// The names again, with their offsets in `text` (the same line with fewer spaces), each found
/// after the one before in the line's last bracket.
fn located_in(names: Vec<CreditedName>, text: &str) -> Vec<CreditedName> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = chars
        .iter()
        .rposition(|&c| matches!(c, '（' | '('))
        .unwrap_or(0);
    let mut out = Vec::with_capacity(names.len());
    for mut name in names {
        let needle: Vec<char> = name.name.chars().collect();
        let Some(found) = (at..chars.len()).find(|&i| chars[i..].starts_with(&needle)) else {
            return Vec::new();
        };
        name.start = found;
        name.end = found + needle.len();
        at = name.end;
        out.push(name);
    }
    out
}

/// Index of the nearest content line before `i`.
fn prev_content(lines: &[Line], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| lines[j].is_content())
}

/// Index of the nearest content line after `i`.
fn next_content(lines: &[Line], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| lines[j].is_content())
}

/// Lines that could be headline lines: headline-like text that starts a paragraph, or any
/// short line that stands right before a byline without ending a sentence (a headline may hold
/// commas: 庆祖国70华诞国富民强，愿中华繁荣昌盛).
fn headline_candidates(lines: &[Line]) -> Vec<bool> {
    let mut candidate = vec![false; lines.len()];
    for i in 0..lines.len() {
        if lines[i].kind != Kind::Text {
            continue;
        }
        let before_byline = next_content(lines, i)
            .is_some_and(|j| matches!(lines[j].kind, Kind::Byline { .. }))
            && !lines[i].ends_sentence
            && lines[i].text.char_len() <= 60;
        if before_byline {
            candidate[i] = true;
            continue;
        }
        if !lines[i].heading_like {
            continue;
        }
        candidate[i] = match prev_content(lines, i) {
            None => true,
            Some(j) => {
                lines[j].ends_sentence
                    || candidate[j]
                    || matches!(lines[j].kind, Kind::Credit { .. })
            }
        };
    }
    candidate
}

/// Where the caption that a credit line closes begins: its paragraph, read upwards.
fn caption_start(lines: &[Line], candidate: &[bool], credit: usize) -> usize {
    let Kind::Credit { start, .. } = lines[credit].kind else {
        return credit;
    };
    let mut first = credit;
    let mut k = if start > 0 {
        credit
    } else {
        match prev_content(lines, credit) {
            Some(last) if !candidate[last] && lines[last].kind == Kind::Text => {
                first = last;
                last
            }
            _ => return credit,
        }
    };
    while let Some(j) = prev_content(lines, k) {
        let line = &lines[j];
        // A story above that closes with a bracket (its credit: `…实习生\n刘笑笑）`) and a blank
        // line end the caption's paragraph.
        let set_off = (j + 1..k).any(|i| lines[i].kind == Kind::Blank)
            && line.text.text.ends_with(['）', ')']);
        if line.ends_sentence || candidate[j] || line.kind != Kind::Text || set_off {
            break;
        }
        first = j;
        k = j;
    }
    first
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BoundaryKind {
    Byline,
    Caption,
    /// Text that follows a caption with no byline of its own.
    AfterCaption,
}

/// The run of headline candidate lines right before line `at` (blank lines allowed between).
fn block_before(lines: &[Line], candidate: &[bool], at: usize) -> Option<(usize, usize)> {
    let last = prev_content(lines, at)?;
    if !candidate[last] {
        return None;
    }
    let mut first = last;
    while let Some(j) = prev_content(lines, first) {
        if !candidate[j] {
            break;
        }
        first = j;
    }
    let chars: usize = (first..=last).map(|i| lines[i].text.char_len()).sum();
    let count = (first..=last).filter(|&i| lines[i].is_content()).count();
    (count <= 6 && chars <= 100).then_some((first, last))
}

/// Splits the repaired lines of a page into articles.
pub fn split_page(chars: &[SourceChar], surnames: &Surnames) -> Page {
    let lines: Vec<Line> = split_lines(chars)
        .into_iter()
        .map(|raw| classify(raw, surnames))
        .collect();
    let candidate = headline_candidates(&lines);

    let mut boundaries: Vec<(usize, BoundaryKind)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            // A second byline right under the first (本报讯（记者 X）/本报讯(记者Y)…) opens no
            // story of its own.
            Kind::Byline { .. }
                if prev_content(&lines, i)
                    .is_some_and(|j| matches!(lines[j].kind, Kind::Byline { .. })) => {}
            Kind::Byline { .. } => boundaries.push((i, BoundaryKind::Byline)),
            Kind::Credit { .. } => {
                boundaries.push((caption_start(&lines, &candidate, i), BoundaryKind::Caption));
                if let Some(next) = next_content(&lines, i) {
                    boundaries.push((next, BoundaryKind::AfterCaption));
                }
            }
            _ => {}
        }
    }
    boundaries.sort_by_key(|b| b.0);
    boundaries.dedup_by_key(|b| b.0);

    let end_block = block_before(&lines, &candidate, lines.len());
    let convention = detect_convention(&lines, &candidate, &boundaries, end_block);

    // Segment k runs from its start line to the next segment's start.
    let mut starts: Vec<(usize, BoundaryKind)> = Vec::new();
    let first_start = boundaries.first().map_or(lines.len(), |b| b.0);
    if first_start > 0 && (0..first_start).any(|i| lines[i].is_content()) {
        starts.push((0, BoundaryKind::AfterCaption));
    }
    starts.extend(boundaries.iter().copied());
    if starts.is_empty() {
        starts.push((0, BoundaryKind::AfterCaption));
    }

    let mut title_of: Vec<Option<(usize, usize)>> = vec![None; starts.len()];
    for k in 0..starts.len() {
        let next = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        match convention {
            HeadlineConvention::After => {
                let block = if k + 1 < starts.len() {
                    block_before(&lines, &candidate, next)
                } else {
                    end_block
                };
                // A caption's headline belongs to the story before it, never to the caption.
                title_of[k] = block.filter(|b| b.0 > starts[k].0);
            }
            HeadlineConvention::Before => {
                title_of[k] = block_before(&lines, &candidate, starts[k].0);
            }
        }
        if starts.len() == 1 && title_of[k].is_none() {
            // A lone article: a headline opening the text.
            title_of[k] = leading_block(&lines, &candidate, starts[k].0, next);
        }
    }

    let mut articles = Vec::new();
    for k in 0..starts.len() {
        let (from, kind) = starts[k];
        let to = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        let mut skip: Vec<(usize, usize)> = title_of.iter().flatten().copied().collect();
        skip.retain(|b| b.0 < to && b.1 >= from);
        let body: Vec<usize> = (from..to)
            .filter(|&i| lines[i].is_content() && !skip.iter().any(|b| (b.0..=b.1).contains(&i)))
            .collect();
        if body.is_empty() {
            continue;
        }
        let mut article = assemble(&lines, &body);
        article.kind = if kind == BoundaryKind::Caption {
            ArticleKind::Caption
        } else {
            ArticleKind::Story
        };
        if let Some(block) = title_of[k] {
            let (kicker, title, subtitle) = headline_parts(&lines, block);
            article.kicker = kicker;
            article.title = title;
            article.subtitle = subtitle;
        }
        articles.push(article);
    }
    let date = lines.iter().find_map(|line| match &line.kind {
        Kind::Furniture { date } => date.clone(),
        _ => None,
    });
    Page {
        articles,
        convention,
        date,
    }
}

/// A headline block that opens a lone article: set off from the body by a blank line, since a
/// column line broken mid-sentence looks just like a headline otherwise.
fn leading_block(
    lines: &[Line],
    candidate: &[bool],
    from: usize,
    to: usize,
) -> Option<(usize, usize)> {
    let first = (from..to).find(|&i| lines[i].is_content())?;
    if !candidate[first] {
        return None;
    }
    let mut last = first;
    while let Some(j) = next_content(lines, last) {
        if j >= to || !candidate[j] {
            break;
        }
        last = j;
    }
    let set_off = lines.get(last + 1).is_some_and(|l| !l.is_content());
    let has_body = next_content(lines, last).is_some_and(|j| j < to);
    (set_off && has_body && last - first < 6).then_some((first, last))
}

/// Votes for the page's headline convention from where blocks stand relative to boundaries.
fn detect_convention(
    lines: &[Line],
    candidate: &[bool],
    boundaries: &[(usize, BoundaryKind)],
    end_block: Option<(usize, usize)>,
) -> HeadlineConvention {
    let Some(&(first, _)) = boundaries.first() else {
        return HeadlineConvention::Before;
    };
    let (mut before, mut after) = (0, 0);
    match block_before(lines, candidate, first) {
        Some(b) if !(0..b.0).any(|i| lines[i].is_content()) => before += 2,
        _ if !(0..first).any(|i| lines[i].is_content()) => after += 1,
        _ => {}
    }
    if end_block.is_some() {
        after += 2;
    }
    for &(at, kind) in boundaries {
        if kind == BoundaryKind::Caption && block_before(lines, candidate, at).is_some() {
            after += 1;
        }
    }
    let (topic_before, topic_after) = topic_votes(lines, candidate, boundaries);
    before += topic_before;
    after += topic_after;
    if after > before {
        HeadlineConvention::After
    } else {
        HeadlineConvention::Before
    }
}

/// Votes from what headlines say: a headline repeats words of its own story's opening, so a
/// block standing between two stories belongs to the one whose first lines share more of its
/// character pairs (市领导巡查“一节一展”筹备工作 / …牛兰英带领…巡查“一节一展”筹备…).
fn topic_votes(
    lines: &[Line],
    candidate: &[bool],
    boundaries: &[(usize, BoundaryKind)],
) -> (usize, usize) {
    let (mut before, mut after) = (0, 0);
    for k in 1..boundaries.len() {
        let (at, kind) = boundaries[k];
        let Some(block) =
            block_before(lines, candidate, at).filter(|_| kind == BoundaryKind::Byline)
        else {
            continue;
        };
        let headline: String = (block.0..=block.1)
            .map(|i| lines[i].text.text.as_str())
            .collect();
        let next_end = boundaries.get(k + 1).map_or(lines.len(), |b| b.0);
        let following = opening(lines, at, next_end);
        let preceding = opening(lines, boundaries[k - 1].0, block.0);
        match shared_pairs(&headline, &following).cmp(&shared_pairs(&headline, &preceding)) {
            std::cmp::Ordering::Greater => before += 1,
            std::cmp::Ordering::Less => after += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    (before, after)
}

/// The first 200 characters of the story text in lines `from..to`, bylines left out.
fn opening(lines: &[Line], from: usize, to: usize) -> String {
    (from..to)
        .filter(|&i| lines[i].kind == Kind::Text)
        .flat_map(|i| lines[i].text.text.chars())
        .take(200)
        .collect()
}

/// How many distinct pairs of adjacent Han characters of `headline` occur in `text`.
fn shared_pairs(headline: &str, text: &str) -> usize {
    let chars: Vec<char> = headline.chars().filter(|&c| spacing::is_han(c)).collect();
    let pairs: std::collections::HashSet<[char; 2]> =
        chars.windows(2).map(|w| [w[0], w[1]]).collect();
    let text: Vec<char> = text.chars().collect();
    pairs
        .iter()
        .filter(|p| text.windows(2).any(|w| w == &p[..]))
        .count()
}

/// Splits a headline block into kicker, title and subtitle: groups are separated by blank lines;
/// a group opening with a dash is the subtitle; the last other group is the title, earlier ones
/// the kicker.
fn headline_parts(
    lines: &[Line],
    (first, last): (usize, usize),
) -> (
    Option<MappedString>,
    Option<MappedString>,
    Option<MappedString>,
) {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut subtitle_lines: Vec<usize> = Vec::new();
    let mut in_subtitle = false;
    let mut new_group = true;
    for (i, line) in lines.iter().enumerate().take(last + 1).skip(first) {
        if !line.is_content() {
            new_group = true;
            continue;
        }
        if line.text.text.starts_with(['—', '－', '-']) {
            in_subtitle = true;
        }
        if in_subtitle {
            subtitle_lines.push(i);
        } else if new_group {
            groups.push(vec![i]);
        } else if let Some(g) = groups.last_mut() {
            g.push(i);
        }
        new_group = false;
    }
    let join = |idx: &[usize]| {
        let mut out = MappedString::default();
        for &i in idx {
            append_joined(&mut out, &lines[i].text);
        }
        out
    };
    // 强化责任担当  推动高质量发展 / 市政府召开全体会议: with no blank line between them, a
    // kicker of two parallel phrases (a phrase space kept) stands over a title of one.
    if let [only] = groups.as_slice() {
        let parallel = |i: &usize| lines[*i].phrase_spaced;
        let split = only.iter().position(|i| !parallel(i)).filter(|&p| p > 0);
        // (董事长周才炳 参加“ / 一带一路”建设推进会: a title broken inside its quotes.)
        let closed = |at: usize| {
            let text: String = only[..at]
                .iter()
                .map(|&i| lines[i].text.text.as_str())
                .collect();
            text.matches('“').count() == text.matches('”').count()
                && text.matches('（').count() == text.matches('）').count()
        };
        let split = split.filter(|&at| closed(at));
        if let Some(at) = split.filter(|&at| only[at..].iter().all(|i| !parallel(i))) {
            let (kicker, title) = only.split_at(at);
            groups = vec![kicker.to_vec(), title.to_vec()];
        }
    }
    let title = groups.pop().map(|g| join(&g));
    let kicker = (!groups.is_empty()).then(|| {
        let mut out = MappedString::default();
        for (n, g) in groups.iter().enumerate() {
            if n > 0 {
                out.push_inserted(' ');
            }
            let part = join(g);
            append_joined(&mut out, &part);
        }
        out
    });
    let subtitle = (!subtitle_lines.is_empty()).then(|| join(&subtitle_lines));
    (kicker, title, subtitle)
}

/// Appends `piece` to `out` as a continuation of the same line: no separator, except a space
/// between two Latin letters or digits that a line break had separated.
fn append_joined(out: &mut MappedString, piece: &MappedString) {
    if let (Some(a), Some(b)) = (out.last_char(), piece.text.chars().next()) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
            out.push_inserted(' ');
        }
    }
    for (i, c) in piece.text.chars().enumerate() {
        out.push(c, piece.map.char_bytes(i));
    }
}

/// Lines that make a paragraph of their own: subheads, bylines and credits on their own line.
fn stands_alone(line: &Line) -> bool {
    line.phrase_spaced
        || matches!(
            line.kind,
            Kind::Byline {
                whole_line: true,
                ..
            }
        )
        || matches!(line.kind, Kind::Credit { start: 0, .. })
}

/// Joins body lines into paragraphs and collects credits.
fn assemble(lines: &[Line], body: &[usize]) -> LaidOutArticle {
    let mut text = MappedString::default();
    let mut credits = Vec::new();
    let mut prev: Option<&Line> = None;
    for &i in body {
        let line = &lines[i];
        let breaks = prev.is_some_and(|p| {
            p.ends_sentence
                || stands_alone(p)
                || stands_alone(line)
                || matches!(line.kind, Kind::Byline { .. })
        });
        if breaks {
            text.push_inserted('\n');
        }
        let base = text.char_len();
        append_joined(&mut text, &line.text);
        // A joining space shifts the line by one character.
        let base = base + (text.char_len() - base - line.text.char_len());
        let names = match &line.kind {
            Kind::Byline { names, .. } | Kind::Credit { names, .. } => names.as_slice(),
            _ => line.closing_credit.as_slice(),
        };
        credits.extend(names.iter().map(|n| Credit {
            name: n.name.clone(),
            role: n.role,
            start: base + n.start,
            end: base + n.end,
        }));
        prev = Some(line);
    }
    LaidOutArticle {
        kind: ArticleKind::Story,
        kicker: None,
        title: None,
        subtitle: None,
        text,
        credits,
    }
}

/// Repairs one article whose boundaries are already known (a JSON Lines record): lines are
/// joined into paragraphs and credits read, but nothing is split off or taken as a headline.
pub fn repair_article(chars: &[SourceChar], surnames: &Surnames) -> LaidOutArticle {
    let lines: Vec<Line> = split_lines(chars)
        .into_iter()
        .map(|raw| classify(raw, surnames))
        .collect();
    let body: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].is_content())
        .collect();
    assemble(&lines, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn chars(s: &str) -> Vec<SourceChar> {
        s.char_indices()
            .map(|(i, c)| (c, (i, i + c.len_utf8())))
            .collect()
    }

    fn page(s: &str) -> Page {
        split_page(&chars(s), &Lexicons::embedded().unwrap().surnames)
    }

    fn texts(p: &Page) -> Vec<String> {
        p.articles.iter().map(|a| a.text.text.clone()).collect()
    }

    fn title(a: &LaidOutArticle) -> Option<&str> {
        a.title.as_ref().map(|t| t.text.as_str())
    }

    /// A page printed the way most papers print it: a running head, headlines above their
    /// stories, a kicker and a subtitle, bylines of several shapes, a story with no headline.
    const HEADLINES_ABOVE: &str = "2021年3月5日 星期五 第2版 综合新闻 本版编辑 张 敏\n\n\
        全市春耕生产全面展开\n本报讯 记者 王小明 通讯员 李红 报道 眼下正值春耕\n时节，全市各地抢抓\
        农时。市农业农村局介绍，今年计划\n播种粮食作物120万亩。\n\n\
        新华社北京3月4日电（记者 刘伟）国务院新闻办公\n室4日举行新闻发布会。\n\n\
        强化责任担当  推动高质量发展\n市政府召开全体会议\n——部署今年重点工作\n\
        □本报记者 周 建 国\n3月4日，市政府召开第三次全体会议。\n会议强调，要真抓实干。\n";

    #[test]
    fn headlines_above_their_stories_with_a_running_head() {
        let p = page(HEADLINES_ABOVE);
        assert_eq!(p.convention, HeadlineConvention::Before);
        assert_eq!(p.date.as_deref(), Some("2021-03-05"));
        let titles: Vec<Option<&str>> = p.articles.iter().map(title).collect();
        assert_eq!(
            titles,
            [
                Some("全市春耕生产全面展开"),
                None,
                Some("市政府召开全体会议")
            ]
        );
        let last = &p.articles[2];
        let part = |m: &Option<MappedString>| m.as_ref().map(|m| m.text.clone());
        assert_eq!(
            part(&last.kicker).as_deref(),
            Some("强化责任担当 推动高质量发展")
        );
        assert_eq!(part(&last.subtitle).as_deref(), Some("——部署今年重点工作"));
        // The running head is in no story; every credit has its role.
        assert!(!p.articles[0].text.text.contains("星期五"));
        let credits: Vec<(&str, CreditRole)> = p
            .articles
            .iter()
            .flat_map(|a| a.credits.iter().map(|c| (c.name.as_str(), c.role)))
            .collect();
        assert_eq!(
            credits,
            [
                ("王小明", CreditRole::Reporter),
                ("李红", CreditRole::Correspondent),
                ("刘伟", CreditRole::Reporter),
                ("周建国", CreditRole::Reporter)
            ]
        );
    }

    #[test]
    fn a_second_byline_under_the_first_opens_no_story() {
        let p = page(
            "本报讯（记者 林海涛 通讯员 宋雨晴）\n本报讯(记者刘健)10月18日，调研组到我县调研。\n",
        );
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].credits.len(), 3);
    }

    #[test]
    fn column_lines_join_mid_word() {
        let p = page("示范区党工\n委书记、管委会主任王家\n鹏就中原工业设计城建设进行汇报。\n");
        assert_eq!(
            texts(&p),
            ["示范区党工委书记、管委会主任王家鹏就中原工业设计城建设进行汇报。"]
        );
    }

    #[test]
    fn blank_line_inside_a_sentence_is_a_column_break() {
        let p = page("走进1500平方米的展厅，听取有关负责人对工\n\n业设计的讲解。\n这个展厅以工业设计为主线。\n");
        assert_eq!(
            texts(&p),
            ["走进1500平方米的展厅，听取有关负责人对工业设计的讲解。\n这个展厅以工业设计为主线。"]
        );
    }

    #[test]
    fn letter_spacing_is_removed_inside_paragraphs() {
        let p = page("示范区召开党工委扩大会\n议 ， 传 达 市 委 巡 察 组 反 馈 意\n\n见。\n");
        assert_eq!(
            texts(&p),
            ["示范区召开党工委扩大会议，传达市委巡察组反馈意见。"]
        );
    }

    #[test]
    fn headline_after_body_belongs_to_the_story_above() {
        let p = page(
            "本报讯（记者郭树勋） 8月28日下午\n至29日，张维宁调研。\n\n张维宁到示范区调研中原工业设计城\n\
             本报讯（记者郭树勋） 8月28日，\n王家鹏调研。\n",
        );
        assert_eq!(p.convention, HeadlineConvention::After);
        assert_eq!(p.articles.len(), 2);
        assert_eq!(
            title(&p.articles[0]),
            Some("张维宁到示范区调研中原工业设计城")
        );
        assert_eq!(title(&p.articles[1]), None);
        assert_eq!(
            p.articles[1].text.text,
            "本报讯（记者郭树勋）8月28日，王家鹏调研。"
        );
    }

    #[test]
    fn headline_before_body_when_the_page_opens_with_one() {
        let p = page("张维宁到示范区调研\n本报讯（记者郭树勋）张维宁调研。\n\n王家鹏调研创卫工作\n本报讯（记者付凯明）王家鹏调研。\n");
        assert_eq!(p.convention, HeadlineConvention::Before);
        let titles: Vec<_> = p.articles.iter().map(title).collect();
        assert_eq!(
            titles,
            [Some("张维宁到示范区调研"), Some("王家鹏调研创卫工作")]
        );
    }

    #[test]
    fn kicker_title_and_subtitle_are_told_apart() {
        let p = page(
            "本报讯（记者郭树勋）近期工作。\n\n突出问题导向 层层压实责任\n\n示范区环保攻坚持续发力打赢主动仗\n\n\
             本报记者 郭树勋\n\n金融业贡献增长快。\n\n“引金入区”让金融活水涌流不息\n——示范区上半年着力打造金融产业集聚区扫描\n",
        );
        let a = &p.articles;
        assert_eq!(a.len(), 2);
        assert_eq!(
            a[0].kicker.as_ref().unwrap().text,
            "突出问题导向 层层压实责任"
        );
        assert_eq!(title(&a[0]), Some("示范区环保攻坚持续发力打赢主动仗"));
        assert_eq!(title(&a[1]), Some("“引金入区”让金融活水涌流不息"));
        assert_eq!(
            a[1].subtitle.as_ref().unwrap().text,
            "——示范区上半年着力打造金融产业集聚区扫描"
        );
        assert_eq!(a[1].text.text, "本报记者 郭树勋\n金融业贡献增长快。");
        assert_eq!(a[1].credits[0].name, "郭树勋");
    }

    #[test]
    fn two_line_headline_is_one_title() {
        let p = page("本报讯（记者付凯明）会议强调。\n\n示范区召开\n“四城联创”集中攻坚例会\n\n本报记者 付凯明\n\n记者看到。\n");
        assert_eq!(
            title(&p.articles[0]),
            Some("示范区召开“四城联创”集中攻坚例会")
        );
    }

    #[test]
    fn subheads_inside_a_body_stay_in_the_body() {
        let p = page("本报记者 郭树勋\n\n金融服务能力不断提升。\n\n“引金入区” 金融集聚\n\n今年年初以来，示范区加大力度。\n");
        assert_eq!(p.articles.len(), 1);
        assert_eq!(title(&p.articles[0]), None);
        assert_eq!(
            p.articles[0].text.text,
            "本报记者 郭树勋\n金融服务能力不断提升。\n“引金入区” 金融集聚\n今年年初以来，示范区加大力度。"
        );
    }

    #[test]
    fn photo_caption_is_its_own_article_with_a_photographer() {
        let p = page(
            "本报讯（记者付凯明）赢得拥护和支持。\n\n大北张村征迁工作全面铺开\n\n连日来，文\n昌街道积极开展\n\n\
             “走基层、送健\n康”文体志愿活动。图\n为活动现场。\n\n靳 冬 摄\n",
        );
        assert_eq!(p.articles.len(), 2);
        assert_eq!(title(&p.articles[0]), Some("大北张村征迁工作全面铺开"));
        let caption = &p.articles[1];
        assert_eq!(caption.kind, ArticleKind::Caption);
        assert_eq!(
            caption.text.text,
            "连日来，文昌街道积极开展“走基层、送健康”文体志愿活动。图为活动现场。\n靳冬摄"
        );
        let credit = &caption.credits[0];
        assert_eq!(
            (credit.name.as_str(), credit.role),
            ("靳冬", CreditRole::Photographer)
        );
        let name: String = caption
            .text
            .text
            .chars()
            .skip(credit.start)
            .take(credit.end - credit.start)
            .collect();
        assert_eq!(name, "靳冬");
    }

    #[test]
    fn every_character_maps_back_to_its_input_bytes() {
        let input = "本报讯（记者郭树勋） 8月28日下午\n至29日，王家\n鹏调研。\n";
        let p = page(input);
        let a = &p.articles[0];
        for (i, c) in a.text.text.chars().enumerate() {
            let (s, e) = a.text.map.char_bytes(i);
            if s < e {
                assert_eq!(&input[s..e], c.to_string());
            }
        }
    }

    #[test]
    fn a_lone_article_takes_its_first_line_as_headline() {
        let p = page("沁泉湖公园开园\n\n沁泉湖公园今天开园，市民纷至沓来。\n");
        assert_eq!(title(&p.articles[0]), Some("沁泉湖公园开园"));
        assert_eq!(texts(&p), ["沁泉湖公园今天开园，市民纷至沓来。"]);
    }
}
