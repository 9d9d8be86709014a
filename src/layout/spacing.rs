//! Spacing repair inside one line.
//!
//! PDF text of justified Chinese columns comes out letter-spaced (`传 达 市 委 巡 察 组`), with
//! spaces around digits (`增长 20 倍`) and before full-width brackets (`各乡镇 （街道）`). None of
//! these spaces is in the printed text's meaning, so they go. Two kinds of space stay: between two
//! Latin words or numbers (`Hello World`, `2019 08`), and, in headlines, the wide gap that separates
//! two phrases (`突出问题导向 层层压实责任`), which a reader sees as a real separator.

use crate::offsets::MappedString;

/// One input character with its byte range.
pub type SourceChar = (char, (usize, usize));

/// Characters that are "wide": CJK ideographs, CJK and full-width punctuation, Chinese quotes.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// CJK ideographs only (the characters names and words are made of).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Punctuation that never has a meaningful space next to it in Chinese typesetting.
fn is_hard_punct(c: char) -> bool {
    matches!(
        c,
        '（' | '）'
            | '【'
            | '】'
            | '，'
            | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〔'
            | '〕'
            | '〈'
            | '〉'
    )
}

/// Repairs the spacing of one line (already without its line break).
///
/// With `keep_phrase_spaces`, a space between two runs of two or more wide characters is kept as
/// one space; use it for headline lines. Leading and trailing whitespace always goes.
pub(crate) fn repair_line(line: &[SourceChar], keep_phrase_spaces: bool) -> MappedString {
    let tokens: Vec<&[SourceChar]> = line
        .split(|(c, _)| c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = MappedString::default();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && keeps_space(tokens[i - 1], token, keep_phrase_spaces) {
            let gap_start = tokens[i - 1].last().map_or(0, |(_, r)| r.1);
            out.push(' ', (gap_start, token[0].1 .0));
        }
        for &(c, range) in token.iter() {
            out.push(c, range);
        }
    }
    out
}

fn keeps_space(left: &[SourceChar], right: &[SourceChar], keep_phrase_spaces: bool) -> bool {
    let a = left[left.len() - 1].0;
    let b = right[0].0;
    if !is_wide(a) && !is_wide(b) {
        return true;
    }
    keep_phrase_spaces
        && is_wide(a)
        && is_wide(b)
        && !is_hard_punct(a)
        && !is_hard_punct(b)
        && left.len() >= 2
        && right.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<SourceChar> {
        s.char_indices()
            .map(|(i, c)| (c, (i, i + c.len_utf8())))
            .collect()
    }

    fn repair(s: &str, keep: bool) -> String {
        repair_line(&chars(s), keep).text
    }

    #[test]
    fn letter_spaced_column_lines_close_up() {
        assert_eq!(
            repair("议 ， 传 达 市 委 巡 察 组 反 馈 意", false),
            "议，传达市委巡察组反馈意"
        );
        assert_eq!(
            repair("健 全 完 善 环 保 攻 坚 调 度 、 分", false),
            "健全完善环保攻坚调度、分"
        );
        assert_eq!(repair("靳 冬 摄", true), "靳冬摄");
    }

    #[test]
    fn spaces_around_numbers_and_brackets_go() {
        assert_eq!(
            repair("税收比去年同期增长 20 倍，", false),
            "税收比去年同期增长20倍，"
        );
        assert_eq!(repair("各乡镇 （街道）", false), "各乡镇（街道）");
        assert_eq!(
            repair(" 本报讯 （记者郭树勋） 近", false),
            "本报讯（记者郭树勋）近"
        );
        assert_eq!(
            repair("向证监会递交 IPO 材料。服", false),
            "向证监会递交IPO材料。服"
        );
    }

    #[test]
    fn latin_and_number_spaces_stay() {
        assert_eq!(repair("Hello  World", false), "Hello World");
        assert_eq!(repair("2019 08", false), "2019 08");
    }

    #[test]
    fn headline_phrase_spaces_stay_only_when_asked() {
        assert_eq!(
            repair("突出问题导向 层层压实责任", true),
            "突出问题导向 层层压实责任"
        );
        assert_eq!(repair("“引金入区” 金融集聚", true), "“引金入区” 金融集聚");
        assert_eq!(repair("本报记者 郭树勋", false), "本报记者郭树勋");
    }

    #[test]
    fn offsets_point_into_the_line() {
        let line = chars("传 达");
        let out = repair_line(&line, false);
        assert_eq!(out.text, "传达");
        assert_eq!(out.map.char_bytes(1), (4, 7));
    }
}
