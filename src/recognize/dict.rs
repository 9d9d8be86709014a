//! A character trie for dictionary lookups over text: every entry that starts at a position,
//! found by walking the text once from there. Used for gazetteer places, known organizations,
//! titles and aliases.

use rustc_hash::FxHashMap;

/// Maps surface strings to values of type `V`; one surface may carry several values.
///
/// The root's children sit in a map of their own: most positions of a text start no entry, and
/// that lookup then stays in a small table the caches hold, not in the large map of all edges.
#[derive(Debug, Clone)]
pub(crate) struct Dict<V> {
    /// First character → its node.
    root: FxHashMap<char, u32>,
    /// (node, char) → child node, below the first character. Node 0 is the root.
    edges: FxHashMap<(u32, char), u32>,
    /// Values ending at each node.
    values: Vec<Vec<V>>,
}

impl<V> Default for Dict<V> {
    fn default() -> Self {
        Dict {
            root: FxHashMap::default(),
            edges: FxHashMap::default(),
            values: vec![Vec::new()],
        }
    }
}

impl<V> Dict<V> {
    /// Adds `value` under `surface`.
    pub fn insert(&mut self, surface: &str, value: V) {
        let mut node = 0u32;
        for c in surface.chars() {
            let next = self.values.len() as u32;
            node = if node == 0 {
                *self.root.entry(c).or_insert(next)
            } else {
                *self.edges.entry((node, c)).or_insert(next)
            };
            if node == next {
                self.values.push(Vec::new());
            }
        }
        self.values[node as usize].push(value);
    }

    /// The node reached from `node` by `c`, if any.
    fn step(&self, node: u32, c: char) -> Option<u32> {
        if node == 0 {
            self.root.get(&c).copied()
        } else {
            self.edges.get(&(node, c)).copied()
        }
    }

    /// True if some entry starts with `c`: a cheap test before [`Dict::prefixes`].
    pub fn starts_with(&self, c: char) -> bool {
        self.root.contains_key(&c)
    }

    /// The values stored under exactly `surface`.
    pub fn get(&self, surface: &str) -> &[V] {
        let mut node = 0u32;
        for c in surface.chars() {
            match self.step(node, c) {
                Some(next) => node = next,
                None => return &[],
            }
        }
        &self.values[node as usize]
    }

    /// Every entry starting at `chars[start]`: `(end, values)` with `end` exclusive, shortest
    /// first. Lazy: the walk goes only as far as the caller reads, and allocates nothing.
    pub(crate) fn prefixes<'d, 'c>(
        &'d self,
        chars: &'c [char],
        start: usize,
    ) -> Prefixes<'d, 'c, V> {
        Prefixes {
            dict: self,
            chars,
            at: start,
            node: Some(0),
        }
    }

    /// The longest entry starting at `chars[start]` that `accept`s its end and values.
    pub(crate) fn longest_prefix(
        &self,
        chars: &[char],
        start: usize,
        accept: impl Fn(usize, &[V]) -> bool,
    ) -> Option<(usize, &[V])> {
        self.prefixes(chars, start)
            .filter(|(end, values)| accept(*end, values))
            .last()
    }

    /// Follows `steps` (a position to report and the character that leads there) from the root
    /// for as long as the trie has edges, collecting the values met on the way.
    fn walk(&self, steps: impl Iterator<Item = (usize, char)>) -> Vec<(usize, &[V])> {
        let mut found = Vec::new();
        let mut node = 0u32;
        for (at, c) in steps {
            match self.step(node, c) {
                Some(next) => node = next,
                None => break,
            }
            let values = &self.values[node as usize];
            if !values.is_empty() {
                found.push((at, values.as_slice()));
            }
        }
        found
    }
}

/// The entries starting at one position, see [`Dict::prefixes`].
pub(crate) struct Prefixes<'d, 'c, V> {
    dict: &'d Dict<V>,
    chars: &'c [char],
    at: usize,
    /// The node reached so far; `None` once the trie has no edge for the next character.
    node: Option<u32>,
}

impl<'d, V> Iterator for Prefixes<'d, '_, V> {
    type Item = (usize, &'d [V]);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let c = *self.chars.get(self.at)?;
            let node = self.dict.step(self.node?, c);
            self.node = node;
            self.at += 1;
            let values = &self.dict.values[node? as usize];
            if !values.is_empty() {
                return Some((self.at, values.as_slice()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_entry_starting_at_a_position() {
        let mut dict = Dict::default();
        dict.insert("焦作", 1);
        dict.insert("焦作市", 2);
        dict.insert("焦作市", 3);
        let chars: Vec<char> = "在焦作市调研".chars().collect();
        let found: Vec<_> = dict.prefixes(&chars, 1).collect();
        assert_eq!(found, vec![(3, &[1][..]), (4, &[2, 3][..])]);
        assert!(dict.prefixes(&chars, 0).next().is_none());
        assert_eq!(
            dict.longest_prefix(&chars, 1, |end, _| end < 4),
            Some((3, &[1][..]))
        );
        assert_eq!(dict.get("焦作市"), &[2, 3]);
        assert!(dict.get("焦").is_empty());
    }
}

/// A dictionary read backwards: every entry that *ends* at a position (suffix lookups such as
/// 有限公司 at the end of a word), without building strings.
#[derive(Debug, Clone)]
pub(crate) struct SuffixDict<V> {
    reversed: Dict<V>,
}

impl<V> Default for SuffixDict<V> {
    fn default() -> Self {
        SuffixDict {
            reversed: Dict::default(),
        }
    }
}

impl<V> SuffixDict<V> {
    /// Adds `value` under `surface`.
    pub fn insert(&mut self, surface: &str, value: V) {
        let reversed: String = surface.chars().rev().collect();
        self.reversed.insert(&reversed, value);
    }

    /// Every entry ending at `chars[end - 1]` and starting at or after `min_start`:
    /// `(start, values)`, shortest first.
    pub(crate) fn ending_at(
        &self,
        chars: &[char],
        end: usize,
        min_start: usize,
    ) -> Vec<(usize, &[V])> {
        self.reversed
            .walk((min_start..end).rev().map(|i| (i, chars[i])))
    }
}

#[cfg(test)]
mod suffix_tests {
    use super::*;

    #[test]
    fn finds_entries_ending_at_a_position() {
        let mut dict = SuffixDict::default();
        dict.insert("公司", 1);
        dict.insert("有限公司", 2);
        let chars: Vec<char> = "焦作有限公司成立".chars().collect();
        assert_eq!(
            dict.ending_at(&chars, 6, 0),
            vec![(4, &[1][..]), (2, &[2][..])]
        );
        assert_eq!(dict.ending_at(&chars, 6, 3), vec![(4, &[1][..])]);
        assert!(dict.ending_at(&chars, 5, 0).is_empty());
    }
}
