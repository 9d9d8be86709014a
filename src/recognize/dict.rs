//! A character trie for dictionary lookups over text: every entry that starts at a position,
//! found by walking the text once from there. Used for gazetteer places, known organizations,
//! titles and aliases.

use std::collections::HashMap;

/// Maps surface strings to values of type `V`; one surface may carry several values.
#[derive(Debug, Clone)]
pub struct Dict<V> {
    /// (node, char) → child node. Node 0 is the root.
    edges: HashMap<(u32, char), u32>,
    /// Values ending at each node.
    values: Vec<Vec<V>>,
}

impl<V> Default for Dict<V> {
    fn default() -> Self {
        Dict {
            edges: HashMap::new(),
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
            node = *self.edges.entry((node, c)).or_insert_with(|| next);
            if node == next {
                self.values.push(Vec::new());
            }
        }
        self.values[node as usize].push(value);
    }

    /// The values stored under exactly `surface`.
    pub fn get(&self, surface: &str) -> &[V] {
        let mut node = 0u32;
        for c in surface.chars() {
            match self.edges.get(&(node, c)) {
                Some(&next) => node = next,
                None => return &[],
            }
        }
        &self.values[node as usize]
    }

    /// Every entry starting at `chars[start]`: `(end, values)` with `end` exclusive, shortest first.
    pub fn prefixes<'d>(&'d self, chars: &[char], start: usize) -> Vec<(usize, &'d [V])> {
        let mut found = Vec::new();
        let mut node = 0u32;
        for (i, c) in chars.iter().enumerate().skip(start) {
            match self.edges.get(&(node, *c)) {
                Some(&next) => node = next,
                None => break,
            }
            let values = &self.values[node as usize];
            if !values.is_empty() {
                found.push((i + 1, values.as_slice()));
            }
        }
        found
    }

    /// True when nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.edges.is_empty()
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
        let found = dict.prefixes(&chars, 1);
        assert_eq!(found, vec![(3, &[1][..]), (4, &[2, 3][..])]);
        assert!(dict.prefixes(&chars, 0).is_empty());
        assert_eq!(dict.get("焦作市"), &[2, 3]);
        assert!(dict.get("焦").is_empty());
    }
}
