//! Same name, different people: what tells two 王刚 apart.
//!
//! A person's id is the name plus the *scope* of the posts the article gives them: the province
//! of the organization (湖南省 for 新化县副县长王刚), 中央 for the central party, state and
//! legislature (商务部副部长王刚, 国务委员王毅), or the country of a foreign one (美国). So
//! `person:王刚@湖南省` and `person:王刚@中央` are two people, and a 王刚 seen as 副县长 and then as
//! 县长 of one county is one. A mention whose article gives no post that places it keeps the bare
//! name (`person:王刚`): nothing contradicts any 王刚, and `zhkg lookup` shows it with the one
//! scoped 王刚 when there is only one.
//!
//! Well-known people (`data/people.tsv`: national leaders, historical figures) are never scoped:
//! one name is one of them, and their careers span provinces.
//!
//! The scope depends on the article alone, never on what else a run holds, so ids are the same
//! however the corpus is cut. Which scoped ids are one person whose career moved (江苏省 then
//! 中央) is decided when the store is read, by [`people`] over the [`Placement`]s of a name: a
//! question of the whole store, so it too is the same however the corpus was cut. What neither
//! sees: two people of one name in one province are one.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::lexicon::{words, Level, Lexicons};
use crate::record::{entity_id, Credit, Entity, EntityType, Event, Post};
use crate::resolve::Region;

/// The scope of central bodies.
pub(crate) const CENTRAL: &str = "中央";

/// Kinds of `organizations.tsv` whose bodies without a place in their name are central (外交部).
const STATE_KINDS: &[&str] = &[
    "party",
    "government",
    "legislature",
    "judiciary",
    "military",
];

/// The tables a scope is read from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scopes {
    /// Foreign places by name → their canonical name.
    world: HashMap<String, String>,
    /// Central bodies known by name (外交部, 商务部).
    central: HashSet<String>,
}

impl Scopes {
    /// Gives every person a post places its scope in their id (`person:王刚@湖南省`), in the
    /// entities, posts, events and credits of one article (see the module's introduction).
    pub(crate) fn scope_people(
        &self,
        lexicons: &Lexicons,
        entities: &mut [Entity],
        posts: &mut [Post],
        events: &mut [Event],
        credits: &mut [Credit],
    ) {
        // (A full name of the gazetteer, or a province's short one: 河南省委, 河南.)
        let province_of = |prefix: &str| {
            Region::find(prefix, lexicons)
                .filter(|r| r.name == prefix || r.level == Level::Province)
                .and_then(|r| r.province)
        };
        let mut scopes = scopes_of_people(posts, |organization| {
            let name = organization.strip_prefix("organization:")?;
            self.of_organization(name, province_of)
        });
        scopes.retain(|id, _| {
            let name = id.strip_prefix("person:").unwrap_or(id);
            !lexicons.people.contains(name)
        });
        if scopes.is_empty() {
            return;
        }
        let renamed: HashMap<String, String> = scopes
            .into_iter()
            .map(|(id, scope)| (id.clone(), format!("{id}@{scope}")))
            .collect();
        for entity in entities.iter_mut() {
            if let Some(new) = renamed.get(&entity.id) {
                entity.id.clone_from(new);
            }
        }
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        rename(&renamed, posts, events);
        for credit in credits {
            if let Some(new) = renamed.get(&credit.person) {
                credit.person.clone_from(new);
            }
        }
    }

    /// Reads the tables from the lexicons: the countries of `places_world.tsv` and the state
    /// bodies of `organizations.tsv`.
    pub fn new(lexicons: &Lexicons) -> Scopes {
        let world = lexicons
            .places_world
            .iter()
            .filter(|p| p.kind == "country")
            .map(|p| (p.name.clone(), p.canonical.clone()))
            .collect();
        let central = lexicons
            .organizations
            .iter()
            .filter(|o| STATE_KINDS.contains(&o.kind.as_str()))
            .flat_map(|o| [o.name.clone(), o.canonical.clone()])
            .collect();
        Scopes { world, central }
    }

    /// The scope of an organization's canonical name: the province its name opens with (found
    /// by `province_of`, which knows the gazetteer), else 中央 for a central body, else the
    /// country it opens with.
    pub(crate) fn of_organization(
        &self,
        name: &str,
        province_of: impl Fn(&str) -> Option<String>,
    ) -> Option<String> {
        let name = name.strip_prefix("中共").unwrap_or(name);
        let chars: Vec<char> = name.chars().collect();
        let prefixes = || (2..=chars.len()).rev().map(|n| chars[..n].iter().collect());
        let prefixes: Vec<String> = prefixes().collect();
        if let Some(province) = prefixes.iter().find_map(|p| province_of(p)) {
            return Some(province);
        }
        if words::central_openings()
            .iter()
            .any(|o| name.starts_with(o))
        {
            return Some(CENTRAL.to_owned());
        }
        // (美国国会 is a legislature the lexicon knows, and America's.)
        let country = prefixes.iter().find_map(|p| self.world.get(p));
        if let Some(country) = country.filter(|c| *c != "中国") {
            return Some(country.clone());
        }
        // (中国人民银行, 中国科学院: China's own national bodies are central too.)
        (country.is_some() || self.central.contains(name)).then(|| CENTRAL.to_owned())
    }
}

/// The id of a person of `name` in `scope`.
pub fn person_id(name: &str, scope: Option<&str>) -> String {
    let id = entity_id(EntityType::Person, name);
    match scope {
        Some(scope) => format!("{id}@{scope}"),
        None => id,
    }
}

/// The scope an id carries (`person:王刚@湖南省` → 湖南省).
pub fn scope_of_id(id: &str) -> Option<&str> {
    id.strip_prefix("person:")?.split_once('@').map(|(_, s)| s)
}

/// The scope of each person with a post that places them: a foreign country when any of their
/// posts in the article is abroad (a foreign minister the text also lends one of our bodies,
/// 美国国会众议长 … 国会), else 中央 when any is central (an article that gives a leader's
/// present post and a past provincial one), else the first such post in the text.
pub(crate) fn scopes_of_people(
    posts: &[Post],
    scope_of: impl Fn(&str) -> Option<String>,
) -> HashMap<String, String> {
    let rank = |scope: &str| match scope {
        CENTRAL => 1,
        _ if is_province(scope) => 0,
        _ => 2,
    };
    let mut by_span: Vec<&Post> = posts.iter().collect();
    by_span.sort_by_key(|p| p.span);
    let mut scopes: HashMap<String, String> = HashMap::new();
    for post in by_span {
        let Some(scope) = post.organization.as_deref().and_then(&scope_of) else {
            continue;
        };
        let outranks = scopes
            .get(&post.person)
            .is_none_or(|known| rank(&scope) > rank(known));
        if outranks {
            scopes.insert(post.person.clone(), scope);
        }
    }
    scopes
}

/// Renames every reference to a scoped person (`person:王刚` → `person:王刚@湖南省`) in an
/// article's posts and events.
pub(crate) fn rename(renamed: &HashMap<String, String>, posts: &mut [Post], events: &mut [Event]) {
    let swap = |id: &mut String| {
        if let Some(new) = renamed.get(id.as_str()) {
            id.clone_from(new);
        }
    };
    for post in posts {
        swap(&mut post.person);
    }
    for event in events {
        for p in &mut event.participants {
            swap(&mut p.entity);
        }
    }
}

/// How far up one person's posts reach: what decides whether a career can cross provinces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// A county, city or township post (新化县副县长, 上饶市工信局副局长).
    Local,
    /// A post of a province's own bodies (江苏省委书记, 山东省政府省长).
    Province,
    /// A central post.
    Central,
}

/// The reach of a post in `organization` (its canonical name): central for a central body, the
/// province for a body named by a province alone (河南省委, 广西壮族自治区党委), local when a city,
/// county or township follows or opens the name (江西省上饶市工信局, 焦作市委). None when no
/// place of the gazetteer opens the name (a company).
pub fn reach(organization: &str) -> Option<Reach> {
    let name = organization.strip_prefix("中共").unwrap_or(organization);
    if words::central_openings()
        .iter()
        .any(|o| name.starts_with(o))
    {
        return Some(Reach::Central);
    }
    let divisions = division_levels();
    let chars: Vec<char> = name.chars().collect();
    let mut at = 0;
    let mut deepest = None;
    while let Some((len, level)) = (2..=chars.len() - at).rev().find_map(|n| {
        let prefix: String = chars[at..at + n].iter().collect();
        divisions.get(&prefix).map(|level| (n, *level))
    }) {
        deepest = deepest.max(Some(level));
        at += len;
    }
    deepest.map(|level| match level {
        Level::Province => Reach::Province,
        _ => Reach::Local,
    })
}

/// Whether `scope` is one of China's provinces (not 中央, not a foreign country).
pub(crate) fn is_province(scope: &str) -> bool {
    division_levels().get(scope) == Some(&Level::Province)
}

/// The gazetteer's full names and two-character-or-longer short names with their levels
/// (河南省, 河南 → province; 焦作市, 焦作 → prefecture), parsed once.
fn division_levels() -> &'static HashMap<String, Level> {
    static LEVELS: OnceLock<HashMap<String, Level>> = OnceLock::new();
    LEVELS.get_or_init(|| {
        let mut levels = HashMap::new();
        for d in crate::lexicon::divisions() {
            let short = d.short.iter().filter(|s| s.chars().count() >= 2);
            for name in std::iter::once(&d.name).chain(short) {
                let level = levels.entry(name.clone()).or_insert(d.level);
                *level = (*level).min(d.level);
            }
        }
        levels
    })
}

/// What the store knows of one scoped person (`person:王刚@湖南省`): the scope, how far their
/// posts reach, and the months their posts were seen in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The scope of the person's id: a province (湖南省), 中央, or a foreign country.
    pub scope: String,
    /// The highest reach of their posts in that scope.
    pub reach: Reach,
    /// First and last dates a post of theirs was seen on (`YYYY-MM-DD`; empty when no article
    /// of theirs is dated).
    pub first: String,
    /// The last date a post of theirs was seen on (empty when none is dated).
    pub last: String,
}

/// Months two placements may share and still be one career: an official moved mid-month is
/// reported in both posts that month and the next.
const OVERLAP_MONTHS: i32 = 1;

/// True when the people of two placements of one name can be one person whose career moved:
/// a provincial leader and a central one (they sit on central bodies and are moved to the
/// centre), or two provinces' leaders one after the other. Two provinces at the same time,
/// local officials of different scopes and a foreign scope are different people.
pub(crate) fn one_career(a: &Placement, b: &Placement) -> bool {
    let domestic = |p: &Placement| p.scope == CENTRAL || is_province(&p.scope);
    if a.scope == b.scope {
        return true;
    }
    if !domestic(a) || !domestic(b) || a.reach < Reach::Province || b.reach < Reach::Province {
        return false;
    }
    a.scope == CENTRAL || b.scope == CENTRAL || shared_months(a, b) <= OVERLAP_MONTHS
}

/// How many months the two placements were both seen in (all, when either has no date).
fn shared_months(a: &Placement, b: &Placement) -> i32 {
    if [&a.first, &b.first].iter().any(|d| d.is_empty()) {
        return i32::MAX;
    }
    let month = |date: &str| -> i32 {
        let year: i32 = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        let month: i32 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
        year * 12 + month
    };
    let from = month(&a.first).max(month(&b.first));
    let to = month(&a.last).min(month(&b.last));
    (to - from + 1).max(0)
}

/// The placements of one name grouped into people: each joins the first person all of whose
/// placements share a career with it (central ones first, then by first date), else is a
/// person of its own. Indexes into `placements`, in that order.
pub fn people(placements: &[Placement]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..placements.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&placements[a], &placements[b]);
        (a.scope != CENTRAL, &a.first, &a.scope).cmp(&(b.scope != CENTRAL, &b.first, &b.scope))
    });
    let mut people: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let joined = people.iter_mut().find(|person| {
            person
                .iter()
                .all(|&j| one_career(&placements[i], &placements[j]))
        });
        match joined {
            Some(person) => person.push(i),
            None => people.push(vec![i]),
        }
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes() -> Scopes {
        Scopes::new(&Lexicons::embedded().unwrap())
    }

    fn province(name: &str) -> Option<String> {
        let provinces = [
            ("新化县", "湖南省"),
            ("湖南省", "湖南省"),
            ("焦作市", "河南省"),
        ];
        provinces
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| (*p).to_owned())
    }

    #[test]
    fn an_organization_is_scoped_by_the_province_its_name_opens_with() {
        let s = scopes();
        assert_eq!(
            s.of_organization("新化县人民政府", province).as_deref(),
            Some("湖南省")
        );
        assert_eq!(
            s.of_organization("中共焦作市委", province).as_deref(),
            Some("河南省")
        );
    }

    #[test]
    fn central_bodies_are_scoped_central() {
        let s = scopes();
        for name in [
            "外交部",
            "中共中央政治局",
            "国务院",
            "全国人民代表大会常务委员会",
        ] {
            assert_eq!(
                s.of_organization(name, province).as_deref(),
                Some(CENTRAL),
                "{name}"
            );
        }
    }

    #[test]
    fn a_foreign_body_the_lexicon_knows_is_its_country_s() {
        let s = scopes();
        assert_eq!(
            s.of_organization("美国国会", province).as_deref(),
            Some("美国")
        );
        assert_eq!(
            s.of_organization("中国人民银行", province).as_deref(),
            Some(CENTRAL)
        );
    }

    #[test]
    fn a_company_without_a_place_has_no_scope() {
        assert_eq!(scopes().of_organization("华为技术有限公司", province), None);
    }

    #[test]
    fn ids_carry_the_scope() {
        assert_eq!(person_id("王刚", Some("湖南省")), "person:王刚@湖南省");
        assert_eq!(person_id("王刚", None), "person:王刚");
        assert_eq!(scope_of_id("person:王刚@湖南省"), Some("湖南省"));
        assert_eq!(scope_of_id("person:王刚"), None);
    }

    fn placed(scope: &str, reach: Reach, first: &str, last: &str) -> Placement {
        Placement {
            scope: scope.to_owned(),
            reach,
            first: first.to_owned(),
            last: last.to_owned(),
        }
    }

    #[test]
    fn a_post_reaches_as_far_as_the_deepest_place_its_body_names() {
        assert_eq!(reach("中共河南省委"), Some(Reach::Province));
        assert_eq!(reach("广西壮族自治区党委"), Some(Reach::Province));
        assert_eq!(reach("江西省上饶市工信局"), Some(Reach::Local));
        assert_eq!(reach("焦作市委"), Some(Reach::Local));
        assert_eq!(reach("国务院"), Some(Reach::Central));
        assert_eq!(reach("华为技术有限公司"), None);
    }

    #[test]
    fn a_provincial_leader_moved_to_the_centre_is_one_person() {
        let jiangsu = placed("江苏省", Reach::Province, "2022-12-28", "2022-12-28");
        let centre = placed(CENTRAL, Reach::Central, "2023-03-31", "2026-08-03");
        assert_eq!(people(&[jiangsu, centre]), vec![vec![1, 0]]);
    }

    #[test]
    fn provincial_leaders_one_after_the_other_are_one_person_at_once_two() {
        let guangxi = placed(
            "广西壮族自治区",
            Reach::Province,
            "2021-10-01",
            "2024-11-20",
        );
        let henan = placed("河南省", Reach::Province, "2024-12-31", "2025-05-20");
        assert_eq!(people(&[guangxi.clone(), henan]).len(), 1);
        let henan_meanwhile = placed("河南省", Reach::Province, "2023-01-10", "2025-05-20");
        assert_eq!(people(&[guangxi, henan_meanwhile]).len(), 2);
    }

    #[test]
    fn provinces_without_dates_cannot_be_told_to_follow_each_other() {
        let guangxi = placed("广西壮族自治区", Reach::Province, "", "");
        let henan = placed("河南省", Reach::Province, "2024-12-31", "2025-05-20");
        assert_eq!(people(&[guangxi.clone(), henan]).len(), 2);
        let centre = placed(CENTRAL, Reach::Central, "2023-03-31", "2026-08-03");
        assert_eq!(people(&[guangxi, centre]).len(), 1);
    }

    #[test]
    fn local_officials_of_two_scopes_and_foreigners_stay_apart() {
        let county = placed("湖南省", Reach::Local, "2015-04-02", "2015-04-02");
        let ministry = placed(CENTRAL, Reach::Central, "2018-09-12", "2018-09-12");
        assert_eq!(people(&[county, ministry.clone()]).len(), 2);
        let abroad = placed("乌克兰", Reach::Central, "2024-05-18", "2024-05-18");
        assert_eq!(people(&[abroad, ministry]).len(), 2);
    }

    #[test]
    fn a_person_cannot_join_a_career_one_of_its_scopes_contradicts() {
        // (浙江省 fits the central career, 江苏省 too, but not both at once.)
        let centre = placed(CENTRAL, Reach::Central, "2020-01-01", "2026-01-01");
        let jiangsu = placed("江苏省", Reach::Province, "2021-01-01", "2022-12-01");
        let zhejiang = placed("浙江省", Reach::Province, "2021-06-01", "2022-06-01");
        assert_eq!(
            people(&[centre, jiangsu, zhejiang]),
            vec![vec![0, 1], vec![2]]
        );
    }
}
