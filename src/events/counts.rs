//! Counts: how many people an incident befell (6人当场死亡, 死亡人数已上升至39人, 新增确诊病例5例),
//! read from the number next to the trigger.

use crate::lexicon::words;
use crate::recognize::Text;

/// Types whose events count people (or cases).
pub(super) const COUNTED: &[&str] = &["casualty", "poisoning", "epidemic"];

/// Words that count people or cases.
const UNITS: &[char] = &['人', '名', '例', '位'];

/// Characters of the verb between those words and the count (已经上升至, 累计达, 增至).
const RISING: &str = "已经上升增至达为到累计共有的";

/// A count as written, its `[start, end)` and its value (at least; 多, 余 and 近 are dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub start: usize,
    pub end: usize,
    pub value: u64,
}

/// The count of the event whose trigger is `[s, e)`: a number of people right before it (past the
/// words of `count_between` in `data/words.tsv`) or right after it (past `count_after`'s).
pub(super) fn count_at(t: &Text, s: usize, e: usize) -> Option<Count> {
    // (至少3名抗议者受伤: whom the count counts may stand between.)
    let noun = t.token_ending[s]
        .map(|k| &t.tokens[k])
        .filter(|k| k.tag.starts_with('n') && k.word.chars().count() <= 3)
        .map_or(0, |k| k.word.chars().count());
    for word in words::count_between().iter().copied().chain([""]) {
        let n = word.chars().count();
        if s >= n && t.slice(s - n, s) == word {
            if let Some(c) = count_ending(&t.chars, s - n) {
                return Some(c);
            }
        }
    }
    if noun > 0 {
        if let Some(c) = count_ending(&t.chars, s - noun) {
            return Some(c);
        }
    }
    words::count_after()
        .iter()
        .copied()
        .chain([""])
        .find_map(|word| {
            let mut from = e + word.chars().count();
            if from > t.chars.len() || t.slice(e, from) != word {
                return None;
            }
            let verb = t.chars[from..]
                .iter()
                .take(6)
                .take_while(|c| RISING.contains(**c))
                .count();
            from += verb;
            count_starting(&t.chars, from)
        })
}

/// A count ending right before `at` (…6人).
fn count_ending(chars: &[char], at: usize) -> Option<Count> {
    if at == 0 || !UNITS.contains(&chars[at - 1]) {
        return None;
    }
    let mut end = at - 1;
    while end > 0 && matches!(chars[end - 1], '多' | '余') {
        end -= 1;
    }
    let start = (0..end)
        .rev()
        .take_while(|&i| is_numeral(chars[i]))
        .last()?;
    let value = parse(&chars[start..end])?;
    Some(Count {
        start,
        end: at,
        value,
    })
}

/// A count starting at `from` (39人, 近300人).
fn count_starting(chars: &[char], from: usize) -> Option<Count> {
    let start = from + usize::from(matches!(chars.get(from), Some('近' | '约')));
    let end = (start..chars.len())
        .take_while(|&i| is_numeral(chars[i]))
        .last()?
        + 1;
    let value = parse(&chars[start..end])?;
    let mut unit = end;
    while matches!(chars.get(unit), Some('多' | '余')) {
        unit += 1;
    }
    UNITS.contains(chars.get(unit)?).then_some(Count {
        start: from,
        end: unit + 1,
        value,
    })
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇零一二两三四五六七八九十百千万".contains(c)
}

/// The value of a number in digits (39, ３９) or Chinese (三十九, 两百, 1万).
fn parse(digits: &[char]) -> Option<u64> {
    let mut total = 0u64;
    let mut section = 0u64;
    let mut number = 0u64;
    for &c in digits {
        let digit = match c {
            '0'..='9' => c.to_digit(10).map(u64::from),
            '０'..='９' => Some(u64::from(c as u32 - '０' as u32)),
            _ => "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map(|d| d as u64)
                .or(match c {
                    '零' => Some(0),
                    '两' => Some(2),
                    _ => None,
                }),
        };
        if let Some(d) = digit {
            number = if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                number.checked_mul(10)?.checked_add(d)?
            } else {
                d
            };
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        if unit == 10_000 {
            total = total.checked_add((section + number).checked_mul(unit)?)?;
            section = 0;
        } else {
            // (十二: a ten with no digit before it is one ten.)
            section = section.checked_add(number.max(1).checked_mul(unit)?)?;
        }
        number = 0;
    }
    total.checked_add(section)?.checked_add(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_digits_and_in_chinese() {
        let value = |s: &str| parse(&s.chars().collect::<Vec<_>>());
        assert_eq!(value("39"), Some(39));
        assert_eq!(value("３９"), Some(39));
        assert_eq!(value("三十九"), Some(39));
        assert_eq!(value("十二"), Some(12));
        assert_eq!(value("两百"), Some(200));
        assert_eq!(value("2万"), Some(20_000));
        assert_eq!(value("一千二百零五"), Some(1205));
    }
}
