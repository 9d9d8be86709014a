//! Page furniture: the running head a paper prints at the top of each page
//! (`2019年9月20日 星期五  责任编辑：刘  洋  A2  本地新闻`) and the editors' lines (`本版编辑 王某`,
//! `版式 李某`). None of it belongs to a story; the running head also dates the page.

use crate::lexicon::words;

/// A line of page furniture, with the page's date if it gives one (ISO `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Furniture {
    pub date: Option<String>,
}

/// Reads `line` as page furniture: a short line with no sentence punctuation that names the
/// page's editors, or gives a full date with the weekday or a page number (`A3`, `第3版`).
pub(crate) fn parse_furniture(line: &str) -> Option<Furniture> {
    let line = line.trim();
    let len = line.chars().count();
    if len == 0 || len > 80 || line.contains(['。', '，', '；', '！', '？']) {
        return None;
    }
    let date = full_date(line);
    let staff = words::page_staff_words().iter().any(|w| line.contains(w));
    let dated_page = date.is_some() && (weekday(line) || page_number(line));
    // A section's name or a page number alone: `要闻`, `A3`, `第3版`, `A3 要闻`.
    let bare = line
        .split_whitespace()
        .all(|part| words::page_sections().contains(&part) || page_number_alone(part));
    (staff || dated_page || bare).then_some(Furniture { date })
}

/// The first `YYYY年M月D日` in `line`, as `YYYY-MM-DD`.
fn full_date(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len()).find_map(|i| date_at(&chars[i..]))
}

fn date_at(chars: &[char]) -> Option<String> {
    let (year, rest) = number(chars, 4, 4)?;
    let rest = rest.strip_prefix(&['年'])?;
    let (month, rest) = number(rest, 1, 2)?;
    let rest = rest.strip_prefix(&['月'])?;
    let (day, rest) = number(rest, 1, 2)?;
    rest.first().filter(|&&c| c == '日')?;
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A number of `min..=max` ASCII or full-width digits at the start of `chars`.
fn number(chars: &[char], min: usize, max: usize) -> Option<(u32, &[char])> {
    let digits: Vec<u32> = chars
        .iter()
        .take(max + 1)
        .map_while(|&c| c.to_digit(10).or_else(|| full_width_digit(c)))
        .collect();
    if digits.len() < min || digits.len() > max {
        return None;
    }
    let value = digits.iter().fold(0, |n, d| n * 10 + d);
    Some((value, &chars[digits.len()..]))
}

fn full_width_digit(c: char) -> Option<u32> {
    ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32)
}

fn weekday(line: &str) -> bool {
    [
        "星期", "周一", "周二", "周三", "周四", "周五", "周六", "周日",
    ]
    .iter()
    .any(|w| line.contains(w))
}

/// A page number standing alone: `A3`, `B12`, `第3版`, `3版` (a bare `3` may be a number a
/// column broke off a story's sentence).
fn page_number_alone(part: &str) -> bool {
    let body = part.trim_start_matches('第').trim_end_matches('版');
    let body = body
        .strip_prefix(|c: char| c.is_ascii_uppercase())
        .unwrap_or(body);
    let marked = body.len() < part.len();
    marked && !body.is_empty() && body.len() <= 2 && body.chars().all(|c| c.is_ascii_digit())
}

/// A page number: `A3`, `B12`, `第3版`, `3版`.
fn page_number(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let lettered = chars.windows(2).any(|w| {
        w[0].is_ascii_uppercase()
            && w[1].is_ascii_digit()
            && !chars.iter().any(|c| c.is_ascii_lowercase())
    });
    // (第3版, 3版, 第三版; not the 版 of 新版条例.)
    let numbered = chars
        .windows(2)
        .any(|w| w[1] == '版' && (w[0].is_ascii_digit() || "一二三四五六七八九十".contains(w[0])));
    lettered || numbered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_heads_with_date_weekday_editor_and_page() {
        assert_eq!(
            parse_furniture("2019年9月20日 星期五  责任编辑：刘  洋  A2  本地新闻"),
            Some(Furniture {
                date: Some("2019-09-20".to_owned())
            })
        );
        assert_eq!(
            parse_furniture("2011年4月14日 第3版 要闻"),
            Some(Furniture {
                date: Some("2011-04-14".to_owned())
            })
        );
        assert_eq!(
            parse_furniture("本版编辑 王小明  版式 李华  校对 张强"),
            Some(Furniture { date: None })
        );
    }

    #[test]
    fn section_names_and_page_numbers_alone() {
        for line in ["要闻", "A3  要闻", "第3版", "综合新闻", "B12"] {
            assert_eq!(
                parse_furniture(line),
                Some(Furniture { date: None }),
                "{line}"
            );
        }
        // A headline that opens with a section's word is a headline.
        assert_eq!(parse_furniture("要闻速览：全市经济稳中向好"), None);
        assert_eq!(parse_furniture("民生实事件件有着落"), None);
        assert_eq!(parse_furniture("3"), None);
    }

    #[test]
    fn story_lines_are_no_furniture() {
        // A date in a story's sentence, a headline, a dateline.
        assert_eq!(parse_furniture("2019年9月20日，全市召开工作会议。"), None);
        assert_eq!(parse_furniture("2019年9月20日起新版条例施行"), None);
        assert_eq!(parse_furniture("我市启动森林防火宣传月活动"), None);
        assert_eq!(parse_furniture("本报讯（记者 林海涛）9月20日上午"), None);
    }
}
