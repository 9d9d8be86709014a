//! Bylines, datelines and photo credits: the lines that start and end stories on a page and name
//! the people who made them.
//!
//! Forms handled: `本报讯（记者郭树勋）`, `本报讯 （记者 张三 通讯员 李四）`, a line of its own
//! `本报记者 付凯明`, datelines `新华社北京8月29日电（记者 X）` / `本报郑州8月29日电`, and photo
//! credits `靳 冬 摄`, `（本报记者 张三 摄）` either on their own line or closing a caption.

use crate::lexicon::words;
use serde::{Deserialize, Serialize};

use crate::lexicon::Surnames;

/// What a credited person did for the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CreditRole {
    /// A reporter (记者, 本报记者).
    Reporter,
    /// A correspondent (通讯员).
    Correspondent,
    /// A photographer (摄, 摄影).
    Photographer,
    /// An editor (编辑, 责任编辑).
    Editor,
}

/// A credited name with its character range in the line it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CreditedName {
    pub name: String,
    pub role: CreditRole,
    pub start: usize,
    pub end: usize,
}

/// A byline or dateline at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    pub names: Vec<CreditedName>,
    /// True when the line holds nothing but the byline (`本报记者 郭树勋`).
    pub whole_line: bool,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | '，' | ',' | '/' | '／' | '；' | ';' | '|' | '｜')
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let word: Vec<char> = word.chars().collect();
    chars.get(at..at + word.len()) == Some(&word[..])
}

fn role_at(chars: &[char], at: usize) -> Option<(usize, CreditRole)> {
    words::credit_roles()
        .iter()
        .find(|(word, _)| starts_with_at(chars, at, word))
        .map(|(word, role)| (word.chars().count(), *role))
}

/// True for a plausible Chinese personal name: a known surname and 2–4 characters, or a
/// transliterated / minority name joined with `·`.
pub(crate) fn looks_like_name(name: &[char], surnames: &Surnames) -> bool {
    let han = name.iter().all(|&c| super::spacing::is_han(c) || c == '·');
    if !han {
        return false;
    }
    if name.contains(&'·') {
        return (3..=12).contains(&name.len()) && name[0] != '·' && name[name.len() - 1] != '·';
    }
    let text: String = name.iter().collect();
    match surnames.prefix_len(&text) {
        Some(len) => name.len() > len && name.len() <= 4,
        None => false,
    }
}

/// Reads a list of role words and names in `chars[from..to]`; `None` if anything else is there.
fn parse_names(
    chars: &[char],
    from: usize,
    to: usize,
    role: CreditRole,
    surnames: &Surnames,
) -> Option<Vec<CreditedName>> {
    let mut names = Vec::new();
    let mut role = role;
    let mut i = from;
    while i < to {
        if is_separator(chars[i]) {
            i += 1;
            continue;
        }
        if let Some((len, r)) = role_at(chars, i) {
            role = r;
            i += len;
            continue;
        }
        let start = i;
        while i < to && !is_separator(chars[i]) && role_at(chars, i).is_none() {
            i += 1;
        }
        if !looks_like_name(&chars[start..i], surnames) {
            return None;
        }
        names.push(CreditedName {
            name: chars[start..i].iter().collect(),
            role,
            start,
            end: i,
        });
    }
    Some(names)
}

/// If a bracket opens at `at`, the names inside it and the offset just past the closing bracket.
fn bracketed_names(
    chars: &[char],
    at: usize,
    surnames: &Surnames,
) -> Option<(Vec<CreditedName>, usize)> {
    let close = match chars.get(at)? {
        '（' => '）',
        '(' => ')',
        _ => return None,
    };
    let end = (at + 1..chars.len().min(at + 40)).find(|&i| chars[i] == close)?;
    let names = parse_names(chars, at + 1, end, CreditRole::Reporter, surnames)?;
    Some((names, end + 1))
}

/// Length of a dateline such as `新华社北京8月29日电` at the start of the line.
fn dateline_len(chars: &[char]) -> Option<usize> {
    let agency = words::news_agencies()
        .iter()
        .find(|a| starts_with_at(chars, 0, a))?;
    let from = agency.chars().count();
    let window = &chars[from..chars.len().min(from + 16)];
    let dian = window.iter().position(|&c| c == '电')?;
    let head = &window[..dian];
    // 新华社北京8月29日电, or with the place alone: 新华社北京电, 中新社香港电.
    let dated = head.iter().any(|&c| c == '月' || c == '日');
    let placed = (2..=6).contains(&head.len()) && head.iter().all(|&c| super::spacing::is_han(c));
    (dated || placed).then_some(from + dian + 1)
}

/// Parses a byline or dateline that opens a story, if the line starts with one.
pub(crate) fn parse_byline(line: &str, surnames: &Surnames) -> Option<Byline> {
    let chars: Vec<char> = line.chars().collect();
    // □本报记者 X, ■本报讯: a box or bullet some papers print before the byline.
    let from = chars
        .iter()
        .position(|&c| !is_ornament(c) && !c.is_whitespace())
        .unwrap_or(chars.len());
    let head = if starts_with_at(&chars, from, "本报讯") {
        Some(from + 3)
    } else if from == 0 {
        dateline_len(&chars)
    } else {
        None
    };
    // （记者 X 通讯员 Y） opening a story, with or without its first words after it; a role word
    // must open the bracket.
    if head.is_none() && matches!(chars.get(from), Some('（' | '(')) {
        let (_, _) = role_at(&chars, from + 1)?;
        let (names, end) = bracketed_names(&chars, from, surnames)?;
        return Some(Byline {
            names,
            whole_line: chars[end..].iter().all(|c| c.is_whitespace()),
        });
    }
    if let Some(head) = head {
        let (names, end) = bracketed_names(&chars, head, surnames)
            .or_else(|| reported_names(&chars, head, surnames))
            .unwrap_or((Vec::new(), head));
        return Some(Byline {
            names,
            whole_line: chars[end..].iter().all(|c| c.is_whitespace()),
        });
    }
    // A line of its own: `本报记者 付凯明`, `记者 张三 通讯员 李四`, `□本报记者 贺 建 平`; not a
    // photo credit (`本报记者 梁振华 摄`).
    let (_, role) = role_at(&chars, from)?;
    let photo = line.trim_end().ends_with('摄') || line.trim_end().ends_with("摄影");
    if chars.len() > 30 || photo {
        return None;
    }
    let names = parse_names(&chars, from, chars.len(), role, surnames)?;
    (!names.is_empty()).then_some(Byline {
        names,
        whole_line: true,
    })
}

/// Boxes and bullets printed before a byline (□本报记者).
fn is_ornament(c: char) -> bool {
    matches!(
        c,
        '□' | '■'
            | '◆'
            | '◇'
            | '●'
            | '○'
            | '★'
            | '☆'
            | '▲'
            | '△'
            | '▼'
            | '◎'
            | '◉'
            | '※'
    )
}

/// Names after `本报讯` without brackets, up to `报道` or the end of the line: `本报讯 记者孟凡超
/// 报道`, `本报讯 记者 张三 通讯员 李四`. A role word must open them, so that the story's own
/// first words are never read as names.
fn reported_names(
    chars: &[char],
    head: usize,
    surnames: &Surnames,
) -> Option<(Vec<CreditedName>, usize)> {
    let at = (head..chars.len()).find(|&i| !chars[i].is_whitespace())?;
    let (_, role) = role_at(chars, at)?;
    let window = &chars[at..chars.len().min(at + 40)];
    let (to, end) = match window.windows(2).position(|w| w == ['报', '道']) {
        Some(p) => (at + p, at + p + 2),
        None if chars.len() - at <= 30 => (chars.len(), chars.len()),
        None => return None,
    };
    let names = parse_names(chars, at, to, role, surnames)?;
    (!names.is_empty()).then_some((names, end))
}

/// The names of a credit in brackets that closes a story's last line: `…取得新成效。（简宁静
/// 温加俏）`, `（记者 李静静 实习生 刘笑笑）`, `(陈林道)`. The bracket follows the end of a
/// sentence (or stands alone on the line) and holds nothing but role words and names; names
/// without a role are the reporters'. Offsets are in `line`.
pub(crate) fn parse_closing_credit(line: &str, surnames: &Surnames) -> Option<Vec<CreditedName>> {
    let chars: Vec<char> = line.chars().collect();
    let end = chars.iter().rposition(|c| !c.is_whitespace())?;
    let open = match chars[end] {
        '）' => '（',
        ')' => '(',
        _ => return None,
    };
    let start = chars[..end].iter().rposition(|&c| c == open)?;
    let before = chars[..start].iter().rev().find(|c| !c.is_whitespace());
    let after_sentence =
        before.is_none_or(|&c| super::is_sentence_end(c) || matches!(c, '”' | '」' | '』' | '"'));
    if !after_sentence || end - start > 40 {
        return None;
    }
    let names = parse_names(&chars, start + 1, end, CreditRole::Reporter, surnames)?;
    (!names.is_empty()).then_some(names)
}

/// A photo credit closing a line: `靳冬摄`, `图为活动现场。 本报记者 张三 摄`, `（张三 摄影）`.
/// Returns the character offset where the credit starts and the photographers.
pub(crate) fn parse_photo_credit(
    line: &str,
    surnames: &Surnames,
) -> Option<(usize, Vec<CreditedName>)> {
    let chars: Vec<char> = line.chars().collect();
    let mut end = chars.len();
    while end > 0 && matches!(chars[end - 1], '）' | ')' | ' ') {
        end -= 1;
    }
    let names_end = if chars[..end].ends_with(&['摄', '影']) {
        end - 2
    } else if chars[..end].ends_with(&['摄']) {
        end - 1
    } else {
        return None;
    };
    let start = chars[..names_end]
        .iter()
        .rposition(|&c| {
            matches!(
                c,
                '。' | '！' | '？' | '；' | '）' | ')' | '：' | '（' | '('
            )
        })
        .map_or(0, |i| i + 1);
    if names_end - start > 20 {
        return None;
    }
    let mut names = parse_names(&chars, start, names_end, CreditRole::Photographer, surnames)?;
    if names.is_empty() {
        return None;
    }
    for name in &mut names {
        name.role = CreditRole::Photographer;
    }
    let start = if start > 0 && matches!(chars[start - 1], '（' | '(') {
        start - 1
    } else {
        start
    };
    Some((start, names))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn surnames() -> Surnames {
        Lexicons::embedded().unwrap().surnames
    }

    fn names(b: &[CreditedName]) -> Vec<(&str, CreditRole)> {
        b.iter().map(|n| (n.name.as_str(), n.role)).collect()
    }

    #[test]
    fn credits_in_brackets_closing_a_story() {
        let s = surnames();
        let names_of = |line: &str| {
            parse_closing_credit(line, &s).map(|n| {
                n.iter()
                    .map(|n| (n.name.clone(), n.role))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            names_of("不断推动禁毒工作取得新成效。（简宁静 温加俏）"),
            Some(vec![
                ("简宁静".to_owned(), CreditRole::Reporter),
                ("温加俏".to_owned(), CreditRole::Reporter)
            ])
        );
        assert_eq!(
            names_of("让更多优秀的项目进驻苍南。（记者 李静静 实习生 刘笑笑）"),
            Some(vec![
                ("李静静".to_owned(), CreditRole::Reporter),
                ("刘笑笑".to_owned(), CreditRole::Correspondent)
            ])
        );
        assert_eq!(
            names_of("并提出具体要求。   (陈林道)"),
            Some(vec![("陈林道".to_owned(), CreditRole::Reporter)])
        );
        // A bracket inside a sentence, or holding anything but names, credits nobody.
        assert_eq!(names_of("会议由副县长（王明）主持"), None);
        assert_eq!(names_of("全年增长12%。（数据来源：统计局）"), None);
    }

    #[test]
    fn benbaoxun_with_reporter_in_brackets() {
        let b = parse_byline("本报讯（记者郭树勋）8月28日下午", &surnames()).unwrap();
        assert_eq!(names(&b.names), [("郭树勋", CreditRole::Reporter)]);
        assert_eq!((b.names[0].start, b.names[0].end), (6, 9));
        assert!(!b.whole_line);
    }

    #[test]
    fn byline_on_its_own_line() {
        let b = parse_byline("本报记者 付凯明", &surnames()).unwrap();
        assert_eq!(names(&b.names), [("付凯明", CreditRole::Reporter)]);
        assert!(b.whole_line);
        let b = parse_byline("记者 张三 通讯员 李四", &surnames()).unwrap();
        assert_eq!(
            names(&b.names),
            [
                ("张三", CreditRole::Reporter),
                ("李四", CreditRole::Correspondent)
            ]
        );
    }

    #[test]
    fn every_common_byline_shape() {
        let s = surnames();
        let read = |line: &str| {
            let b = parse_byline(line, &s).unwrap_or_else(|| panic!("{line}: no byline"));
            (
                names(&b.names)
                    .iter()
                    .map(|(n, r)| (n.to_string(), *r))
                    .collect::<Vec<_>>(),
                b.whole_line,
            )
        };
        let reporter = |n: &str| (n.to_owned(), CreditRole::Reporter);
        let correspondent = |n: &str| (n.to_owned(), CreditRole::Correspondent);
        assert_eq!(
            read("本报讯（记者 林海涛 通讯员 宋雨晴）"),
            (vec![reporter("林海涛"), correspondent("宋雨晴")], true)
        );
        assert_eq!(
            read("本报讯 记者孟凡超 报道"),
            (vec![reporter("孟凡超")], true)
        );
        assert_eq!(
            read("本报讯 记者孟凡超 报道 7月15日，推进会召开。"),
            (vec![reporter("孟凡超")], false)
        );
        assert_eq!(read("□本报记者 贺建平"), (vec![reporter("贺建平")], true));
        assert_eq!(
            read("本报通讯员 欧阳明 记者 贺建平"),
            (vec![correspondent("欧阳明"), reporter("贺建平")], true)
        );
        assert_eq!(
            read("文/图 本报记者 黄柏秀"),
            (vec![reporter("黄柏秀")], true)
        );
        assert_eq!(
            read("本报讯(记者黄柏秀 文/摄)10月18日上午"),
            (vec![reporter("黄柏秀")], false)
        );
        assert_eq!(read("（记者 张三）"), (vec![reporter("张三")], true));
        assert_eq!(
            read("新华社北京8月29日电（记者 王明）"),
            (vec![reporter("王明")], true)
        );
        // A photo credit is no byline, and 本报讯 with the story's words after it credits nobody.
        assert_eq!(parse_byline("本报记者 梁振华 摄", &s), None);
        assert_eq!(read("本报讯 近日，我市召开会议"), (Vec::new(), false));
    }

    #[test]
    fn body_lines_starting_with_jizhe_are_not_bylines() {
        assert_eq!(parse_byline("记者日前在文苑街道南李", &surnames()), None);
    }

    #[test]
    fn datelines_open_stories() {
        let b = parse_byline("新华社北京8月29日电（记者 王明）国务院", &surnames()).unwrap();
        assert_eq!(names(&b.names), [("王明", CreditRole::Reporter)]);
        assert!(parse_byline("本报郑州8月29日电 今天", &surnames()).is_some());
        let b = parse_byline("新华社北京电（记者 王明）国务院", &surnames()).unwrap();
        assert_eq!(names(&b.names), [("王明", CreditRole::Reporter)]);
        // The agency named in a sentence opens nothing.
        assert_eq!(
            parse_byline("新华社记者从国家统计局获悉，电力", &surnames()),
            None
        );
    }

    #[test]
    fn photo_credits_alone_or_closing_a_caption() {
        let (start, n) = parse_photo_credit("靳冬摄", &surnames()).unwrap();
        assert_eq!(
            (start, names(&n)),
            (0, vec![("靳冬", CreditRole::Photographer)])
        );
        let (start, n) = parse_photo_credit("图为活动现场。本报记者张三摄", &surnames()).unwrap();
        assert_eq!(
            (start, names(&n)),
            (7, vec![("张三", CreditRole::Photographer)])
        );
        assert_eq!(
            parse_photo_credit("工作人员正在进行拍摄", &surnames()),
            None
        );
    }
}
