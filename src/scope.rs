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
//! however the corpus is cut. What the rule cannot see: an official moved from one province to
//! another is two people (one per province), and two people of one name in one province are one.

use std::collections::{HashMap, HashSet};

use crate::lexicon::Lexicons;
use crate::record::{entity_id, EntityType, Event, Post};

/// The scope of central bodies.
pub const CENTRAL: &str = "中央";

/// Names of central bodies begin with these (中共中央政治局, 国务院办公厅, 全国人大常委会).
const CENTRAL_OPENINGS: &[&str] = &[
    "中央",
    "中共中央",
    "中国共产党中央",
    "国务院",
    "全国人民代表大会",
    "全国人大",
    "全国政协",
    "中国人民政治协商会议全国委员会",
    "最高人民法院",
    "最高人民检察院",
    "国家",
    "中华人民共和国",
];

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
pub struct Scopes {
    /// Foreign places by name → their canonical name.
    world: HashMap<String, String>,
    /// Central bodies known by name (外交部, 商务部).
    central: HashSet<String>,
}

impl Scopes {
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
    pub fn of_organization(
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
        if CENTRAL_OPENINGS.iter().any(|o| name.starts_with(o)) || self.central.contains(name) {
            return Some(CENTRAL.to_owned());
        }
        // (中国人民银行, 中国科学院: China's own national bodies are central too.)
        let country = prefixes.iter().find_map(|p| self.world.get(p))?;
        Some(
            if country == "中国" {
                CENTRAL
            } else {
                country
            }
            .to_owned(),
        )
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

/// The scope of each person with a post that places them: 中央 when any of their posts in the
/// article is central (an article that gives a leader's present post and a past provincial
/// one), else the first such post in the text.
pub fn scopes_of_people(
    posts: &[Post],
    scope_of: impl Fn(&str) -> Option<String>,
) -> HashMap<String, String> {
    let mut by_span: Vec<&Post> = posts.iter().collect();
    by_span.sort_by_key(|p| p.span);
    let mut scopes: HashMap<String, String> = HashMap::new();
    for post in by_span {
        if scopes.get(&post.person).is_some_and(|s| s == CENTRAL) {
            continue;
        }
        let Some(scope) = post.organization.as_deref().and_then(&scope_of) else {
            continue;
        };
        if scope == CENTRAL || !scopes.contains_key(&post.person) {
            scopes.insert(post.person.clone(), scope);
        }
    }
    scopes
}

/// Renames every reference to a scoped person (`person:王刚` → `person:王刚@湖南省`) in an
/// article's posts and events.
pub fn rename(renamed: &HashMap<String, String>, posts: &mut [Post], events: &mut [Event]) {
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
}
