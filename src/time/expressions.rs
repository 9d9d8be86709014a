//! Time expressions in running text, normalized against the article's date.
//!
//! News writes dates partly (29日上午, 今年4月, 4月中旬), relatively (今年, 去年, 昨天), as ranges
//! (8月28日下午至29日), with open ends (2018年以来, 截至8月27日), in Chinese numerals
//! (一九九八年十二月三十一日) or full-width digits (２０１９年), and vaguely (近日, 日前). Each
//! expression becomes a [`TimeMention`] whose `from` / `to` are ISO 8601 at exactly the precision
//! the text gives (`2019-04`, never `2019-04-01`). What the text does not say is not invented: a
//! month and day with no article date stay `--08-28`, and vague words keep only their text.

use serde::Serialize;

use super::days_in_month;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// The year (2019).
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

impl Day {
    /// Reads an ISO `YYYY-MM-DD` date (as [`super::parse_date`] writes it).
    pub fn parse(iso: &str) -> Option<Day> {
        let iso = super::parse_date(iso)?;
        Some(Day {
            year: iso[0..4].parse().ok()?,
            month: iso[5..7].parse().ok()?,
            day: iso[8..10].parse().ok()?,
        })
    }

    /// The day `days` later (or earlier, when negative).
    pub(crate) fn shift(self, days: i32) -> Day {
        let mut d = self;
        for _ in 0..days.unsigned_abs() {
            d = if days > 0 { d.next() } else { d.previous() };
        }
        d
    }

    fn next(self) -> Day {
        let Day { year, month, day } = self;
        if day < month_len(year, month) {
            Day {
                day: day + 1,
                ..self
            }
        } else if month < 12 {
            Day {
                year,
                month: month + 1,
                day: 1,
            }
        } else {
            Day {
                year: year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    fn previous(self) -> Day {
        let Day { year, month, day } = self;
        if day > 1 {
            Day {
                day: day - 1,
                ..self
            }
        } else if month > 1 {
            Day {
                year,
                month: month - 1,
                day: month_len(year, month - 1),
            }
        } else {
            Day {
                year: year - 1,
                month: 12,
                day: 31,
            }
        }
    }

    /// The day as ISO 8601 `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn month_len(year: i32, month: u32) -> u32 {
    days_in_month(year.max(0) as u32, month)
}

/// A time expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeMention {
    /// `[start, end)` in characters.
    pub start: usize,
    /// End of the expression (exclusive), in characters.
    pub end: usize,
    /// The expression as written (8月28日下午至29日).
    pub text: String,
    /// The first day, month or year covered, ISO 8601 at the text's precision: `2019-08-28`,
    /// `2019-04`, `2019`, or `--08-28` when the year is unknown.
    pub from: Option<String>,
    /// The last day, month or year covered (the same as `from` for a single date).
    pub to: Option<String>,
    /// The part of the day or period named: morning, noon, afternoon, evening, night, early,
    /// mid, late (旬), beginning, end, H1, H2, Q1 … Q4.
    pub part: Option<&'static str>,
    /// A vague reference (近日, 日前, 连日来, 近期) with no date to give.
    pub vague: bool,
}

/// Finds every time expression in `chars`, left to right, normalizing against `article` (the
/// publication date). Day-only references (29日) take their month from the last full date
/// mentioned before them, else from the article date.
pub fn find_times(chars: &[char], article: Option<Day>) -> Vec<TimeMention> {
    let mut resolver = Resolver {
        article,
        last: None,
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let parsed = if !can_start(chars[i]) || preceded_by_digit(chars, i) {
            None
        } else {
            vague(chars, i).or_else(|| expression(chars, i))
        };
        match parsed {
            Some((expr, end)) => {
                found.push(resolver.mention(chars, i, end, &expr));
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Characters an expression can start with (a digit, or the first character of a word in the
/// lists below): most characters are rejected before any parsing.
fn can_start(c: char) -> bool {
    digit(c).is_some()
        || chinese_digit(c).is_some()
        || matches!(
            c,
            '十' | '今'
                | '本'
                | '当'
                | '去'
                | '上'
                | '前'
                | '明'
                | '昨'
                | '次'
                | '翌'
                | '近'
                | '日'
                | '连'
                | '最'
                | '目'
                | '此'
                | '不'
                | '事'
                | '与'
                | '同'
                | '随'
                | '第'
                | '截'
                | '自'
                | '凌'
                | '清'
                | '早'
                | '中'
                | '午'
                | '下'
                | '傍'
                | '晚'
                | '夜'
                | '深'
                | '晨'
        )
}

fn preceded_by_digit(chars: &[char], i: usize) -> bool {
    i > 0 && (digit(chars[i - 1]).is_some() || chars[i - 1] == '.' || chars[i - 1] == '．')
}

const VAGUE: &[&str] = &[
    "连日来",
    "近日",
    "日前",
    "近期",
    "近来",
    "最近",
    "近年来",
    "近年",
    "前不久",
    "不久前",
    "目前",
    "当前",
    "此前",
    "日内",
    "当时",
    "此时",
    "事发时",
    "与此同时",
    "同时",
    "随后",
    "此后",
    "当场",
    "第一时间",
];

const RELATIVE_YEARS: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("当年", 0),
    ("去年", -1),
    ("上年", -1),
    ("前年", -2),
    ("明年", 1),
];

const RELATIVE_DAYS: &[(&str, DayRef)] = &[
    ("今天", DayRef::Relative(0)),
    ("今日", DayRef::Relative(0)),
    ("昨天", DayRef::Relative(-1)),
    ("昨日", DayRef::Relative(-1)),
    ("前天", DayRef::Relative(-2)),
    ("明天", DayRef::Relative(1)),
    ("当天", DayRef::Same),
    ("当日", DayRef::Same),
    ("当晚", DayRef::Same),
    ("昨晚", DayRef::Relative(-1)),
    ("昨夜", DayRef::Relative(-1)),
    ("今晨", DayRef::Relative(0)),
    ("今晚", DayRef::Relative(0)),
    ("次日", DayRef::Next),
    ("翌日", DayRef::Next),
];

/// Parts of a year after 年 or a relative year (今年上半年, 2019年底).
const YEAR_PARTS: &[(&str, &str, u32, u32)] = &[
    ("上半年", "H1", 1, 6),
    ("下半年", "H2", 7, 12),
    ("第一季度", "Q1", 1, 3),
    ("第二季度", "Q2", 4, 6),
    ("第三季度", "Q3", 7, 9),
    ("第四季度", "Q4", 10, 12),
    ("一季度", "Q1", 1, 3),
    ("二季度", "Q2", 4, 6),
    ("三季度", "Q3", 7, 9),
    ("四季度", "Q4", 10, 12),
    ("年初", "beginning", 1, 12),
    ("年底", "end", 1, 12),
    ("年末", "end", 1, 12),
    ("初", "beginning", 1, 12),
    ("底", "end", 1, 12),
];

const MONTH_PARTS: &[(&str, &str)] = &[
    ("上旬", "early"),
    ("中旬", "mid"),
    ("下旬", "late"),
    ("初", "beginning"),
    ("底", "end"),
    ("末", "end"),
];

/// Parts of the day; the one-character forms only directly after a date (28日晚).
const DAY_PARTS: &[(&str, &str)] = &[
    ("凌晨", "night"),
    ("清晨", "morning"),
    ("早晨", "morning"),
    ("早上", "morning"),
    ("上午", "morning"),
    ("中午", "noon"),
    ("午后", "afternoon"),
    ("下午", "afternoon"),
    ("傍晚", "evening"),
    ("晚上", "evening"),
    ("晚间", "evening"),
    ("夜间", "night"),
    ("深夜", "night"),
    ("晚", "evening"),
    ("晨", "morning"),
    ("夜", "night"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRef {
    Absolute(i32),
    Relative(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayRef {
    Number(u32),
    /// Days from the article date (昨天 = -1).
    Relative(i32),
    /// The day last mentioned (当天).
    Same,
    /// The day after the one last mentioned (次日).
    Next,
}

/// One point in time as written, before normalization.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Point {
    year: Option<YearRef>,
    month: Option<u32>,
    day: Option<DayRef>,
    /// Months of the year a part covers (上半年 = 1..=6).
    months: Option<(u32, u32)>,
    part: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// A point or a range: both ends known.
    Closed,
    /// 2018年以来: from the point on.
    Since,
    /// 截至8月27日: up to the point.
    Until,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    Vague,
    Time {
        first: Point,
        last: Option<Point>,
        bound: Bound,
    },
}

fn vague(chars: &[char], i: usize) -> Option<(Expr, usize)> {
    VAGUE
        .iter()
        .find_map(|w| literal(chars, i, w))
        .map(|end| (Expr::Vague, end))
}

/// `[截至] point [至 point] [以来]`.
fn expression(chars: &[char], i: usize) -> Option<(Expr, usize)> {
    let (until, start) = ["截至", "截止到", "截止"]
        .iter()
        .find_map(|w| literal(chars, i, w))
        .map_or((false, i), |end| (true, end));
    let (first, mut end) = point(chars, start)?;
    let mut last = None;
    if let Some(after) = ['至', '到', '—', '－', '-', '～', '~']
        .iter()
        .find(|&&c| chars.get(end) == Some(&c))
        .map(|_| end + 1)
    {
        if let Some((second, e)) = point(chars, after) {
            last = Some(second);
            end = e;
        }
    }
    let mut bound = if until { Bound::Until } else { Bound::Closed };
    if let Some(e) = ["以来", "至今"].iter().find_map(|w| literal(chars, end, w)) {
        bound = Bound::Since;
        end = e;
    }
    Some((Expr::Time { first, last, bound }, end))
}

/// `[year [part]] [month [part]] [day] [part of day] [clock]`, at least one of them.
fn point(chars: &[char], i: usize) -> Option<(Point, usize)> {
    let mut p = Point::default();
    let mut j = i;
    if let Some((year, e)) = absolute_year(chars, j) {
        p.year = Some(YearRef::Absolute(year));
        j = e;
    } else if let Some(&(w, k)) = RELATIVE_YEARS
        .iter()
        .find(|(w, _)| literal(chars, j, w).is_some())
    {
        p.year = Some(YearRef::Relative(k));
        j += w.chars().count();
    }
    if p.year.is_some() {
        if let Some(&(w, part, a, b)) = YEAR_PARTS
            .iter()
            .find(|(w, ..)| literal(chars, j, w).is_some())
        {
            p.part = Some(part);
            p.months = ((a, b) != (1, 12)).then_some((a, b));
            return Some((p, j + w.chars().count()));
        }
    }
    let chinese_ok = p.year.is_some();
    if let Some((month, e)) = month(chars, j, chinese_ok) {
        p.month = Some(month);
        j = e;
        if let Some(e) = literal(chars, j, "份") {
            j = e;
        }
        if let Some(&(w, part)) = MONTH_PARTS
            .iter()
            .find(|(w, _)| literal(chars, j, w).is_some())
        {
            p.part = Some(part);
            return Some((p, j + w.chars().count()));
        }
    }
    if let Some((day, e)) = day_number(chars, j, p.month.is_some()) {
        p.day = Some(DayRef::Number(day));
        j = e;
    } else if p.year.is_none() && p.month.is_none() {
        if let Some(&(w, d)) = RELATIVE_DAYS
            .iter()
            .find(|(w, _)| literal(chars, j, w).is_some())
        {
            p.day = Some(d);
            j += w.chars().count();
        }
    }
    let dated = p.year.is_some() || p.month.is_some() || p.day.is_some();
    if let Some(&(w, part)) = DAY_PARTS
        .iter()
        .filter(|(w, _)| dated || w.chars().count() == 2)
        .find(|(w, _)| literal(chars, j, w).is_some())
    {
        p.part = Some(part);
        j += w.chars().count();
    }
    let timed = clock(chars, j, dated || p.part.is_some());
    if let Some(e) = timed {
        j = e;
    }
    (j > i && (dated || p.part.is_some() || timed.is_some())).then_some((p, j))
}

/// Four digits (ASCII, full-width or Chinese: 一九九八, 二〇一九) and 年.
fn absolute_year(chars: &[char], i: usize) -> Option<(i32, usize)> {
    let digits: Option<Vec<u32>> = (i..i + 4)
        .map(|k| {
            chars
                .get(k)
                .and_then(|&c| digit(c).or_else(|| chinese_digit(c)))
        })
        .collect();
    let year = digits?.iter().fold(0, |y, d| y * 10 + *d as i32);
    let end = literal(chars, i + 4, "年")?;
    let five_digits = chars.get(i + 4).is_some_and(|&c| digit(c).is_some());
    (!five_digits && (1000..=2999).contains(&year)).then_some((year, end))
}

fn month(chars: &[char], i: usize, chinese_ok: bool) -> Option<(u32, usize)> {
    let (m, e) = number(chars, i, chinese_ok)?;
    let end = literal(chars, e, "月")?;
    ((1..=12).contains(&m)).then_some((m, end))
}

/// A day of the month and 日 (or 号 after a month: 8月28号).
fn day_number(chars: &[char], i: usize, after_month: bool) -> Option<(u32, usize)> {
    let (d, e) = number(chars, i, after_month)?;
    let end = literal(chars, e, "日")
        .or_else(|| after_month.then(|| literal(chars, e, "号")).flatten())?;
    ((1..=31).contains(&d)).then_some((d, end))
}

/// A clock time: 10时, 13时30分, 下午1点多, 9时许.
fn clock(chars: &[char], i: usize, chinese_ok: bool) -> Option<usize> {
    let (h, e) = number(chars, i, chinese_ok)?;
    let mut end = ['时', '点']
        .iter()
        .find_map(|c| literal(chars, e, &c.to_string()))?;
    if h > 24 {
        return None;
    }
    if let Some((m, e)) = number(chars, end, true) {
        if let Some(e) = literal(chars, e, "分").filter(|_| m < 60) {
            end = e;
        }
    }
    ["许", "左右", "多", "前后", "半"]
        .iter()
        .find_map(|w| literal(chars, end, w))
        .or(Some(end))
}

/// One or two digits (ASCII or full-width), or a Chinese number up to 31 (十二, 三十一).
fn number(chars: &[char], i: usize, chinese_ok: bool) -> Option<(u32, usize)> {
    let mut value = 0;
    let mut j = i;
    while let Some(d) = chars.get(j).and_then(|&c| digit(c)) {
        value = value * 10 + d;
        j += 1;
        if j - i > 2 {
            return None;
        }
    }
    if j > i {
        return Some((value, j));
    }
    if chinese_ok {
        chinese_number(chars, i)
    } else {
        None
    }
}

fn chinese_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let units = chars
        .get(i)
        .and_then(|&c| chinese_digit(c).filter(|&d| d > 0));
    match (units, chars.get(i + 1)) {
        (Some(tens), Some('十')) => {
            let ones = chars
                .get(i + 2)
                .and_then(|&c| chinese_digit(c))
                .filter(|&d| d > 0);
            Some((
                tens * 10 + ones.unwrap_or(0),
                i + 2 + usize::from(ones.is_some()),
            ))
        }
        (Some(d), _) => Some((d, i + 1)),
        (None, _) if chars.get(i) == Some(&'十') => {
            let ones = chars
                .get(i + 1)
                .and_then(|&c| chinese_digit(c))
                .filter(|&d| d > 0);
            Some((10 + ones.unwrap_or(0), i + 1 + usize::from(ones.is_some())))
        }
        _ => None,
    }
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .or(match c {
            '零' | '○' | 'Ｏ' => Some(0),
            _ => None,
        })
        .map(|d| d as u32)
}

fn literal(chars: &[char], i: usize, word: &str) -> Option<usize> {
    let mut j = i;
    for w in word.chars() {
        if chars.get(j) != Some(&w) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Turns written points into ISO dates, remembering the last full day mentioned.
struct Resolver {
    article: Option<Day>,
    last: Option<Day>,
}

/// A point resolved as far as the text allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Resolved {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl Resolver {
    fn mention(&mut self, chars: &[char], start: usize, end: usize, expr: &Expr) -> TimeMention {
        let text: String = chars[start..end].iter().collect();
        let Expr::Time { first, last, bound } = expr else {
            return TimeMention {
                start,
                end,
                text,
                from: None,
                to: None,
                part: None,
                vague: true,
            };
        };
        let a = self.resolve(first, None);
        let b = last.map(|l| self.resolve(&l, Some(a)));
        for r in [Some(a), b].into_iter().flatten() {
            if let (Some(year), Some(month), Some(day)) = (r.year, r.month, r.day) {
                self.last = Some(Day { year, month, day });
            }
        }
        let (from, to) = match first.months {
            Some((m1, m2)) => (
                a.year.map(|y| format!("{y:04}-{m1:02}")),
                a.year.map(|y| format!("{y:04}-{m2:02}")),
            ),
            None => (iso(a), b.map_or_else(|| iso(a), iso)),
        };
        // 今年4月 with no article date: the text names a year we cannot know.
        let (from, to) = if first.year.is_some() && a.year.is_none() {
            (None, None)
        } else {
            (from, to)
        };
        let (from, to) = match bound {
            Bound::Closed => (from, to),
            Bound::Since => (from, None),
            Bound::Until => (None, to),
        };
        TimeMention {
            start,
            end,
            text,
            from,
            to,
            part: first.part,
            vague: false,
        }
    }

    /// Fills what a point leaves out: the year from the article date (a month well after the
    /// article's is last year's), the month of a bare day from the last date mentioned.
    fn resolve(&self, p: &Point, context: Option<Resolved>) -> Resolved {
        let article = self.article;
        let anchor = self.last.or(article);
        match p.day {
            Some(DayRef::Relative(k)) => return day(article.map(|a| a.shift(k))),
            Some(DayRef::Same) => return day(anchor),
            Some(DayRef::Next) => return day(anchor.map(|a| a.shift(1))),
            _ => {}
        }
        let number = match p.day {
            Some(DayRef::Number(d)) => Some(d),
            _ => None,
        };
        let mut year = match p.year {
            Some(YearRef::Absolute(y)) => Some(y),
            Some(YearRef::Relative(k)) => article.map(|a| a.year + k),
            None => None,
        };
        let mut month = p.month;
        if let Some(c) = context {
            year = year.or(c.year);
            month = month.or(c.month);
        }
        if p.year.is_none() && context.is_none() {
            if let (Some(m), Some(a)) = (month, article) {
                year = Some(if m > a.month + 1 { a.year - 1 } else { a.year });
            }
        }
        if month.is_none() && number.is_some() && context.is_none() {
            if let Some(a) = anchor {
                let back = self.last.is_none() && number > Some(a.day);
                let (y, m) = if back && a.month == 1 {
                    (a.year - 1, 12)
                } else if back {
                    (a.year, a.month - 1)
                } else {
                    (a.year, a.month)
                };
                year = year.or(Some(y));
                month = Some(m);
            }
        }
        if p.year.is_none() && p.month.is_none() && number.is_none() {
            // A part of the day or a clock time alone (下午, 13时许): no date.
            return Resolved {
                year: None,
                month: None,
                day: None,
            };
        }
        Resolved {
            year,
            month,
            day: number,
        }
    }
}

fn day(d: Option<Day>) -> Resolved {
    Resolved {
        year: d.map(|d| d.year),
        month: d.map(|d| d.month),
        day: d.map(|d| d.day),
    }
}

/// ISO 8601 at the precision known; `None` for a day with no month or an impossible date.
fn iso(r: Resolved) -> Option<String> {
    match (r.year, r.month, r.day) {
        (Some(y), Some(m), Some(d)) => {
            (d <= month_len(y, m)).then(|| format!("{y:04}-{m:02}-{d:02}"))
        }
        (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
        (Some(y), None, None) => Some(format!("{y:04}")),
        (None, Some(m), Some(d)) => (d <= month_len(2000, m)).then(|| format!("--{m:02}-{d:02}")),
        (None, Some(m), None) => Some(format!("--{m:02}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_can_start_an_expression() {
        let words = VAGUE
            .iter()
            .chain(RELATIVE_YEARS.iter().map(|(w, _)| w))
            .chain(RELATIVE_DAYS.iter().map(|(w, _)| w))
            .chain(DAY_PARTS.iter().map(|(w, _)| w))
            .chain(["截至", "截止"].iter());
        for word in words {
            assert!(can_start(word.chars().next().unwrap()), "{word}");
        }
    }

    fn times(text: &str, article: Option<&str>) -> Vec<TimeMention> {
        let chars: Vec<char> = text.chars().collect();
        find_times(&chars, article.and_then(Day::parse))
    }

    /// `(text, from, to, part)` of the first expression in `text`, on 2019-08-30.
    fn first(text: &str) -> (String, Option<String>, Option<String>, Option<&'static str>) {
        let t = times(text, Some("2019-08-30")).remove(0);
        (t.text, t.from, t.to, t.part)
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn a_range_within_a_month() {
        assert_eq!(
            first("8月28日下午至29日，省人大常委会"),
            (
                "8月28日下午至29日".into(),
                s("2019-08-28"),
                s("2019-08-29"),
                Some("afternoon")
            )
        );
    }

    #[test]
    fn a_bare_day_takes_the_month_of_the_last_date() {
        let found = times(
            "8月28日下午至29日，…。29日上午，张维宁一行",
            Some("2019-08-30"),
        );
        assert_eq!(found[1].text, "29日上午");
        assert_eq!(found[1].from, s("2019-08-29"));
        assert_eq!(found[1].part, Some("morning"));
    }

    #[test]
    fn a_bare_day_after_the_article_day_is_last_month() {
        assert_eq!(first("6日下午，召开会议").1, s("2019-08-06"));
        assert_eq!(first("31日上午").1, s("2019-07-31"));
    }

    #[test]
    fn months_and_parts_of_months() {
        assert_eq!(first("今年4月份中国银行新区支行开业").1, s("2019-04"));
        assert_eq!(first("今年4月").0, "今年4月");
        assert_eq!(first("于今年4月中旬办理").3, Some("mid"));
        assert_eq!(first("于今年4月中旬办理").1, s("2019-04"));
        assert_eq!(first("截至今年6月底").2, s("2019-06"));
    }

    #[test]
    fn parts_of_a_year() {
        assert_eq!(
            first("今年上半年，该区"),
            ("今年上半年".into(), s("2019-01"), s("2019-06"), Some("H1"))
        );
        assert_eq!(first("去年第三季度").1, s("2018-07"));
    }

    #[test]
    fn open_ranges() {
        assert_eq!(first("2018年以来，示范区").1, s("2018"));
        assert_eq!(first("2018年以来，示范区").2, None);
        let until = first("截至8月27日，5个征迁工作小组");
        assert_eq!(
            (until.0.as_str(), until.1, until.2),
            ("截至8月27日", None, s("2019-08-27"))
        );
    }

    #[test]
    fn a_month_and_day_take_the_article_year() {
        assert_eq!(first("于3月14日在市智慧金服中心").1, s("2019-03-14"));
        // Well after the article's month: last year.
        assert_eq!(
            times("12月28日", Some("2019-01-05"))[0].from,
            s("2018-12-28")
        );
    }

    #[test]
    fn chinese_numerals_and_full_width_digits() {
        assert_eq!(first("一九九八年十二月三十一日").1, s("1998-12-31"));
        assert_eq!(first("二〇一九年一月").1, s("2019-01"));
        assert_eq!(first("２０１９年").1, s("2019"));
        assert_eq!(first("８月２８日").1, s("2019-08-28"));
    }

    #[test]
    fn vague_words_keep_only_their_text() {
        for word in ["近日", "日前", "连日来", "近期"] {
            let t = times(&format!("{word}，示范区"), Some("2019-08-30")).remove(0);
            assert_eq!((t.text.as_str(), t.from, t.vague), (word, None, true));
        }
    }

    #[test]
    fn without_an_article_date_no_year_is_guessed() {
        let t = times("8月28日，", None).remove(0);
        assert_eq!(t.from, s("--08-28"));
        assert_eq!(times("今年4月", None)[0].from, None);
        assert_eq!(times("2019年8月28日", None)[0].from, s("2019-08-28"));
    }

    #[test]
    fn relative_days_and_clock_times() {
        let t = first("昨天下午1点多，101国道");
        assert_eq!((t.0.as_str(), t.1), ("昨天下午1点多", s("2019-08-29")));
        assert_eq!(first("当日13时许").0, "当日13时许");
        assert_eq!(first("13时30分左右").0, "13时30分左右");
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for text in [
            "投资2000万元",
            "10个项目",
            "3个月",
            "2019年度报告第10年",
            "新增10家",
        ] {
            let found = times(text, Some("2019-08-30"));
            assert!(found.iter().all(|t| t.text != "10"), "{text}: {found:?}");
        }
        assert!(times("投资2000万元，占地3个月", Some("2019-08-30")).is_empty());
        assert!(times("一时难以", Some("2019-08-30")).is_empty());
        assert!(times("二月河", Some("2019-08-30")).is_empty());
    }

    #[test]
    fn impossible_dates_have_no_value() {
        assert_eq!(first("2月30日").1, None);
    }
}
