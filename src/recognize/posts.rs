//! Posts: who holds which title in which organization, read from the shapes news writes them in.
//!
//! - ORG TITLE NAME: 省人大常委会副主任张维宁
//! - chains, every title with its organization: 中共中央政治局常委、全国政协主席王沪宁;
//!   示范区党工委书记、管委会主任王家鹏 (a bare 管委会 takes the place part of the body before);
//!   区供销联社党委书记、主任倪晓锦 (主任 of the 联社 whose party committee came first)
//! - lists: 市委常委崔歆、刘丽、黄勇 (each holds the posts)
//! - heads of government, whose body the title names: 副省长徐鸣 → 副省长 @ 省政府,
//!   海淀区副区长孟景伟 → 副区长 @ 海淀区政府; officials of a township or community: 甘家口街道
//!   主任李振山 → 主任 @ 甘家口街道
//! - a title with no body in a sentence that named one for an earlier post belongs to it
//!   (…党委书记、主任倪晓锦，党委委员、副主任陆静)
//! - titles that name their organization (`data/title_posts.tsv`): 外长王毅 → 外长 @ 外交部,
//!   which the post normalizes to 部长 @ 外交部
//! - NAME TITLE: 赵乐际委员长 (organization unknown)
//! - appointments: NAME 任/担任/兼任 ORG TITLE (李四担任示范区党工委书记)

use super::{Mention, MentionKind, Recognizer};
use crate::lexicon::words;
use crate::lexicon::Rank;

/// A post found in a text: indexes into the mention list, plus an inherited organization name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPost {
    /// Index of the person mention who holds the post.
    pub person: usize,
    /// Index of the title mention (副主任).
    pub title: usize,
    /// The organization mention the title belongs to.
    pub organization: Option<usize>,
    /// An organization the text implies rather than names in full (管委会 after 示范区党工委,
    /// 省政府 of 副省长): its name and the span that implies it.
    pub inherited: Option<(String, usize, usize)>,
    /// `[start, end)` of the whole post phrase.
    pub start: usize,
    /// Character just past the phrase.
    pub end: usize,
    /// What the phrase says of the post's bounds (任命 → it begins), with the word's span.
    pub change: Option<(Change, usize, usize)>,
}

/// A change of post the text reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Appointed, elected, took office.
    Start,
    /// Removed, resigned, retired.
    End,
}

/// A title waiting for the name it belongs to.
#[derive(Debug, Clone)]
struct Pending {
    title: usize,
    organization: Option<usize>,
    inherited: Option<(String, usize, usize)>,
    start: usize,
    /// The title follows a place (俄罗斯外长).
    at_place: bool,
}

impl Pending {
    /// The organization's canonical name, whichever way it was found.
    fn organization_name<'m>(&'m self, mentions: &'m [Mention]) -> Option<&'m str> {
        match (&self.organization, &self.inherited) {
            (Some(i), _) => Some(mentions[*i].canonical.as_str()),
            (None, Some((name, _, _))) => Some(name.as_str()),
            _ => None,
        }
    }
}

/// Characters that separate sentences or clauses for the purpose of organization context.
const SENTENCE_END: &[char] = &['。', '！', '？', '；', '\n'];

/// Posts found in `chars`. A staff title (记者, 负责人) without an organization is no post.
pub fn find(r: &Recognizer, chars: &[char], mentions: &[Mention]) -> Vec<FoundPost> {
    let mut posts = Reader {
        r,
        chars,
        mentions,
        pending: Vec::new(),
        context: None,
        posts: Vec::new(),
    }
    .read();
    posts.retain(|p| {
        p.organization.is_some()
            || p.inherited.is_some()
            || r.title_rank(&mentions[p.title].canonical) != Some(Rank::Staff)
    });
    for post in &mut posts {
        post.change = change_of(chars, post, &mentions[post.title]);
    }
    posts
}

struct Reader<'a> {
    r: &'a Recognizer,
    chars: &'a [char],
    mentions: &'a [Mention],
    pending: Vec<Pending>,
    /// The organization of the sentence's last post, for titles that name none.
    context: Option<Pending>,
    posts: Vec<FoundPost>,
}

impl Reader<'_> {
    fn gap(&self, a: usize, b: usize) -> String {
        self.chars[a.min(b)..b].iter().collect()
    }

    fn read(mut self) -> Vec<FoundPost> {
        let mut last_end = 0;
        for (i, m) in self.mentions.iter().enumerate() {
            if self.chars[last_end.min(m.start)..m.start]
                .iter()
                .any(|c| SENTENCE_END.contains(c))
            {
                self.context = None;
            }
            match m.kind {
                MentionKind::Title => self.title(i),
                MentionKind::Person => self.person(i),
                MentionKind::Organization => {}
                MentionKind::Place => {
                    let next_is_title = self
                        .mentions
                        .get(i + 1)
                        .is_some_and(|n| n.kind == MentionKind::Title && n.start == m.end);
                    if !next_is_title {
                        self.pending.clear();
                    }
                }
            }
            last_end = m.end;
        }
        self.posts
    }

    fn title(&mut self, i: usize) {
        let m = &self.mentions[i];
        let prev = i.checked_sub(1).map(|p| &self.mentions[p]);
        let adjacent = |kind| prev.filter(|p| p.kind == kind && p.end == m.start);
        let chained = self.pending.last().is_some_and(|p| {
            let last_end = self.mentions[p.title].end;
            let start = adjacent(MentionKind::Organization)
                .or(adjacent(MentionKind::Place))
                .map_or(m.start, |o| o.start);
            let gap = self.gap(last_end, start);
            // 、 or 兼 alone, or with a bare body (…党工委书记、管委会主任; 董事长兼首席执行官).
            let bare = gap
                .strip_prefix(['、', '兼'])
                .is_some_and(|rest| self.r.org_suffixes.contains_key(rest));
            last_end <= start && (matches!(gap.as_str(), "、" | "兼") || bare)
        });
        let mut pending = Pending {
            title: i,
            organization: None,
            inherited: None,
            start: m.start,
            at_place: adjacent(MentionKind::Place).is_some() || self.formerly_of_place(prev, m),
        };
        // (土库曼斯坦副总理兼外长: a chain that opened at a place is that place's, and its
        // titles do not name our central bodies.)
        // (Asked only of titles that name a body: the sentence scan is not for every title.)
        let placed_chain = || {
            pending.at_place
                || (chained && self.pending.iter().any(|p| p.at_place))
                || self.foreign_sentence(i)
        };
        // (管委会主任 in a chain: the bare body of the organization before.)
        let bare = adjacent(MentionKind::Organization)
            .filter(|o| self.r.org_suffixes.contains_key(&o.surface))
            .and_then(|_| self.bare_suffix(chained, m.start));
        if let Some(bare) = bare {
            pending.start = bare.1;
            pending.inherited = Some(bare);
        } else if let Some(o) = adjacent(MentionKind::Organization) {
            pending.organization = Some(i - 1);
            pending.start = o.start;
        } else if let Some(place) = adjacent(MentionKind::Place) {
            pending.inherited = self.body_of_place(place, &m.canonical);
            pending.start = place.start;
        } else {
            pending.inherited = self
                .bare_suffix(chained, m.start)
                .or_else(|| {
                    self.implied_body(&m.canonical, m.start, m.end)
                        .filter(|_| !placed_chain())
                })
                .or_else(|| self.government(&m.canonical, m.start, m.end))
                .or_else(|| chained.then(|| self.from(self.pending.last(), i)).flatten())
                .or_else(|| {
                    // (…委员长赵乐际…对俄罗斯进行访问，会见总统普京: a country named since the
                    // sentence's last post takes its titles abroad.)
                    let context = self.context.as_ref()?;
                    let since = self.mentions[context.title].end;
                    (!self.foreign_since(i, since)).then(|| self.from(Some(context), i))?
                });
            if let Some((_, start, end)) = &pending.inherited {
                // A bare suffix opens the post phrase (管委会主任); a body named earlier does not.
                if *end == m.start {
                    pending.start = *start;
                }
            }
        }
        if !chained {
            self.pending.clear();
        }
        self.pending.push(pending);
    }

    fn person(&mut self, i: usize) {
        let m = &self.mentions[i];
        let attached = self
            .pending
            .last()
            .is_some_and(|p| self.mentions[p.title].end == m.start);
        // 市委常委崔歆、刘丽、黄勇: the names after the first share its titles.
        let listed = !attached && self.listed_after_post(i);
        if attached || listed {
            for p in &self.pending {
                self.posts.push(FoundPost {
                    person: i,
                    title: p.title,
                    organization: p.organization,
                    inherited: p.inherited.clone(),
                    start: p.start,
                    end: m.end,
                    change: None,
                });
            }
            if let Some(last) = self
                .pending
                .iter()
                .rev()
                .find(|p| p.organization.is_some() || p.inherited.is_some())
            {
                self.context = Some(last.clone());
            }
        }
        if !attached && !listed {
            self.pending.clear();
        }
        let next_listed = self.mentions.get(i + 1).is_some_and(|n| {
            n.kind == MentionKind::Person && list_separator(&self.gap(m.end, n.start))
        });
        if !next_listed {
            self.pending.clear();
        }
        self.name_then_title(i);
        self.appointment(i);
    }

    /// True when person `i` follows a person who just took the pending titles, separated by 、
    /// or 和.
    fn listed_after_post(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).map(|p| &self.mentions[p]) else {
            return false;
        };
        !self.pending.is_empty()
            && prev.kind == MentionKind::Person
            && self.posts.last().is_some_and(|p| p.person == i - 1)
            && list_separator(&self.gap(prev.end, self.mentions[i].start))
    }

    /// A bare suffix before a title in a chain (…党工委书记、管委会主任): the organization is the
    /// chain's previous organization with its own body replaced by this one.
    fn bare_suffix(&self, chained: bool, title_start: usize) -> Option<(String, usize, usize)> {
        if !chained {
            return None;
        }
        let previous = self.pending.last()?.organization_name(self.mentions)?;
        let separator = self.chars[..title_start]
            .iter()
            .rposition(|&c| c == '、' || c == '兼')?;
        let bare: String = self.chars[separator + 1..title_start].iter().collect();
        if !self.r.org_suffixes.contains_key(&bare) {
            return None;
        }
        let org_chars: Vec<char> = previous.chars().collect();
        let own_suffix = (1..org_chars.len()).rev().find(|&len| {
            let tail: String = org_chars[org_chars.len() - len..].iter().collect();
            self.r.org_suffixes.contains_key(&tail)
        })?;
        let stem: String = org_chars[..org_chars.len() - own_suffix].iter().collect();
        Some((format!("{stem}{bare}"), separator + 1, title_start))
    }

    /// The body a title after a place belongs to: its government for a head of government
    /// (海淀区 + 副区长 → 海淀区政府), the place itself for an official of a township, street,
    /// community or village (甘家口街道 + 主任).
    fn body_of_place(&self, place: &Mention, title: &str) -> Option<(String, usize, usize)> {
        if let Some(level) = government_level(title) {
            // (巴伐利亚州州长: the place's canonical name may lack the level its surface has.)
            let name = [&place.canonical, &place.surface]
                .into_iter()
                .find(|name| name.ends_with(level))?;
            return Some((format!("{name}政府"), place.start, place.end));
        }
        let local = ["街道", "社区", "村", "镇", "乡"]
            .iter()
            .any(|s| place.canonical.ends_with(s));
        local.then(|| (place.canonical.clone(), place.start, place.end))
    }

    /// A head of government named by level alone (副省长, 县长): the government of that level,
    /// as the text would name it (省政府), for the region to expand.
    fn government(&self, title: &str, start: usize, end: usize) -> Option<(String, usize, usize)> {
        let level = government_level(title)?;
        Some((format!("{level}政府"), start, end))
    }

    /// True when the sentence names a foreign country before mention `i` (他已指示外交部长… after
    /// 美国总统…): its titles are that country's, not ours.
    fn foreign_sentence(&self, i: usize) -> bool {
        self.foreign_since(i, 0)
    }

    /// True when the sentence names a foreign country (as a place, or opening an organization's
    /// name) before mention `i` and at or after character `since`.
    fn foreign_since(&self, i: usize, since: usize) -> bool {
        let lexicons = self.r.lexicons();
        let title_start = self.mentions[i].start;
        self.mentions[..i]
            .iter()
            .rev()
            .take_while(|m| {
                m.start >= since
                    && !self.chars[m.end.min(title_start)..title_start]
                        .iter()
                        .any(|c| SENTENCE_END.contains(c))
            })
            .any(|m| match m.kind {
                MentionKind::Place => lexicons.is_foreign_country(&m.canonical),
                // (阿富汗临时政府代理外交部长: an organization of a foreign country names it too.)
                MentionKind::Organization => lexicons.places_world.iter().any(|p| {
                    m.canonical.starts_with(&p.name) && lexicons.is_foreign_country(&p.canonical)
                }),
                _ => false,
            })
    }

    /// 玻利维亚前外长: a place, 前 or 原, a title: a former post of that place.
    fn formerly_of_place(&self, prev: Option<&Mention>, title: &Mention) -> bool {
        prev.is_some_and(|p| {
            p.kind == MentionKind::Place
                && p.end <= title.start
                && matches!(self.gap(p.end, title.start).as_str(), "前" | "原")
        })
    }

    /// A title that names its organization (外长 → 外交部, 国务委员 → 国务院): that organization,
    /// before any the chain or sentence would lend it (…政治局委员、国务委员兼外交部长王毅).
    fn implied_body(
        &self,
        title: &str,
        start: usize,
        end: usize,
    ) -> Option<(String, usize, usize)> {
        let (_, body) = self.r.title_post(title)?;
        Some((body.to_owned(), start, end))
    }

    /// The organization a title inherits from an earlier post of the chain or sentence: the same
    /// body for party titles, the organization itself for others (党委 → 联社).
    fn from(&self, earlier: Option<&Pending>, title: usize) -> Option<(String, usize, usize)> {
        let earlier = earlier?;
        let name = earlier.organization_name(self.mentions)?;
        let (start, end) = match (&earlier.organization, &earlier.inherited) {
            (Some(i), _) => (self.mentions[*i].start, self.mentions[*i].end),
            (None, Some((_, start, end))) => (*start, *end),
            _ => return None,
        };
        let title_text = &self.mentions[title].canonical;
        let party_title =
            title_text.contains("党") || ["书记", "副书记"].contains(&title_text.as_str());
        let name = match words::party_bodies().iter().find(|b| name.ends_with(*b)) {
            Some(body) if !party_title => name[..name.len() - body.len()].to_owned(),
            _ => name.to_owned(),
        };
        (!name.is_empty()).then_some((name, start, end))
    }

    /// 赵乐际委员长: a title right after a name.
    fn name_then_title(&mut self, i: usize) {
        if let Some(next) = self.mentions.get(i + 1) {
            if next.kind == MentionKind::Title && next.start == self.mentions[i].end {
                self.posts.push(FoundPost {
                    person: i,
                    title: i + 1,
                    organization: None,
                    inherited: self.implied_body(&next.canonical, next.start, next.end),
                    start: self.mentions[i].start,
                    end: next.end,
                    change: None,
                });
            }
        }
    }

    /// 张三任焦作市副市长, 张三担任示范区党工委书记, 任命张三为副市长, 免去张三的副市长职务,
    /// 张三不再担任示范区党工委书记: a name, a word of appointment or removal, a post.
    fn appointment(&mut self, i: usize) {
        let mentions = self.mentions;
        let person = &mentions[i];
        let Some(next) = mentions.get(i + 1) else {
            return;
        };
        let gap = self.gap(person.end, next.start);
        let gap = gap.strip_prefix("同志").unwrap_or(&gap);
        let removed =
            gap == "的" && self.gap(person.start.saturating_sub(2), person.start) == "免去";
        if !words::appointment_verbs().contains(&gap)
            && !words::removal_verbs().contains(&gap)
            && !removed
        {
            return;
        }
        let title_after = |o: &Mention| {
            mentions
                .get(i + 2)
                .filter(|t| t.kind == MentionKind::Title && t.start == o.end)
        };
        let (title, organization, inherited) = match next.kind {
            MentionKind::Organization => match title_after(next) {
                Some(_) => (i + 2, Some(i + 1), None),
                None => return,
            },
            MentionKind::Place => match title_after(next) {
                Some(t) => (i + 2, None, self.body_of_place(next, &t.canonical)),
                None => return,
            },
            MentionKind::Title => {
                // (以色列总理…任命卡茨为国防部长: that country's ministry, not ours.)
                let inherited = self
                    .implied_body(&next.canonical, next.start, next.end)
                    .filter(|_| !self.foreign_sentence(i + 1))
                    .or_else(|| self.government(&next.canonical, next.start, next.end));
                (i + 1, None, inherited)
            }
            MentionKind::Person => return,
        };
        let post = FoundPost {
            person: i,
            title,
            organization,
            inherited,
            start: person.start,
            end: mentions[title].end,
            change: None,
        };
        let known = self.posts.iter().any(|p| p.person == i && p.title == title);
        if !known {
            self.posts.push(post);
        }
    }
}

/// Characters that close the clause a change word governs (任命甲为…，免去乙…).
const CLAUSE_END: &[char] = &['，', '。', '！', '？', '；', '\n'];

/// The change of post a post phrase reports: the change word of its clause nearest before the
/// title (or, as in 免职, right after it), with that word's span.
fn change_of(chars: &[char], post: &FoundPost, title: &Mention) -> Option<(Change, usize, usize)> {
    let clause_start = chars[..post.start]
        .iter()
        .rposition(|c| CLAUSE_END.contains(c))
        .map_or(0, |i| i + 1);
    let clause_end = chars[title.end..]
        .iter()
        .position(|c| CLAUSE_END.contains(c))
        .map_or(chars.len(), |i| title.end + i);
    let mut best = None;
    for at in clause_start..clause_end {
        for (word, change) in words::post_changes() {
            let len = word.chars().count();
            let matches = chars
                .get(at..at + len)
                .is_some_and(|w| w.iter().copied().eq(word.chars()));
            // Nearest before the title wins; one after it counts only when none is before.
            if matches && (at < title.start || best.is_none()) {
                best = Some((*change, at, at + len));
            }
        }
    }
    best
}
/// The level of government a head-of-government title names (副县长 → 县).
fn government_level(title: &str) -> Option<char> {
    words::government_heads()
        .iter()
        .find(|(head, _)| title.ends_with(head))
        .map(|(_, level)| *level)
}

fn list_separator(gap: &str) -> bool {
    matches!(gap, "、" | "和" | "及" | "与")
}
