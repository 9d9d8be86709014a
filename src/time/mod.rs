//! Dates and time expressions. Publication dates come as `YYYY-MM-DD` or `YYYYMMDD`; we store
//! ISO 8601 and check that the day exists, so a typo like `2019-02-30` is caught at the door.
//! Time expressions in the text (8月28日下午至29日, 今年上半年, 一九九八年十二月三十一日) are found
//! and normalized by [`expressions`], relative to the article's date.

pub mod expressions;

pub use expressions::{find_times, TimeMention};

/// Days in `month` of `year` (Gregorian).
pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// Parses `YYYY-MM-DD` or `YYYYMMDD` into ISO `YYYY-MM-DD`; `None` if malformed or impossible.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits: String = match s.len() {
        10 if s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => {
            s.chars().filter(|&c| c != '-').collect()
        }
        8 => s.to_owned(),
        _ => return None,
    };
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u32 = digits[0..4].parse().ok()?;
    let month: u32 = digits[4..6].parse().ok()?;
    let day: u32 = digits[6..8].parse().ok()?;
    (day >= 1 && day <= days_in_month(year, month))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A date written in a file name (`jiaozuo-page-2019-08-30.txt`, `20190830.txt`), if exactly one.
pub(crate) fn date_in_file_name(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    let mut found = Vec::new();
    for width in [10, 8] {
        for start in 0..bytes.len().saturating_sub(width - 1) {
            let edge_ok = |i: Option<usize>| {
                i.and_then(|i| bytes.get(i))
                    .is_none_or(|b| !b.is_ascii_digit())
            };
            if !edge_ok(start.checked_sub(1)) || !edge_ok(Some(start + width)) {
                continue;
            }
            if let Some(date) = name.get(start..start + width).and_then(parse_date) {
                found.push(date);
            }
        }
    }
    found.dedup();
    (found.len() == 1).then(|| found.remove(0))
}

/// The time expressions of a text that start on a word boundary (not 日前 inside 节日前).
pub fn times_in(text: &crate::recognize::Text, date: Option<&str>) -> Vec<TimeMention> {
    find_times(&text.chars, date.and_then(expressions::Day::parse))
        .into_iter()
        .filter(|t| text.token_starting[t.start].is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_date_forms_parse() {
        assert_eq!(parse_date("2019-08-30").as_deref(), Some("2019-08-30"));
        assert_eq!(parse_date("20220101").as_deref(), Some("2022-01-01"));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(parse_date("2019-02-30"), None);
        assert_eq!(parse_date("2020-02-29").as_deref(), Some("2020-02-29"));
        assert_eq!(parse_date("2019/08/30"), None);
        assert_eq!(parse_date("昨天"), None);
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date_in_file_name("jiaozuo-page-2019-08-30.txt").as_deref(),
            Some("2019-08-30")
        );
        assert_eq!(
            date_in_file_name("20190830.txt").as_deref(),
            Some("2019-08-30")
        );
        assert_eq!(date_in_file_name("page-12.txt"), None);
        assert_eq!(date_in_file_name("202201.jsonl"), None);
    }
}
