//! Offset maps: from a character of repaired text back to the bytes of the input file.
//!
//! Layout repair joins lines, drops justification spaces and inserts paragraph breaks. Every later
//! stage works on the repaired text, so each repaired character carries the byte range it came
//! from. Characters the repair inserted (a paragraph break, a space between two Latin words that a
//! line break separated) get an empty range at the point where they were inserted.

/// Byte range in the input for each character of a repaired text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    ranges: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Number of characters mapped.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// True when no character is mapped.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Input byte range of character `i`.
    pub fn char_bytes(&self, i: usize) -> (usize, usize) {
        self.ranges[i]
    }

    /// Input byte range covering the characters `start..end` (end exclusive).
    /// An empty character range maps to the empty byte range where it sits.
    pub(crate) fn byte_range(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || self.ranges.is_empty() {
            let at = self.boundary(start);
            return (at, at);
        }
        let first = self.ranges[start..end].iter().map(|r| r.0).min();
        let last = self.ranges[start..end].iter().map(|r| r.1).max();
        (first.unwrap_or(0), last.unwrap_or(0))
    }

    /// Byte offset of the gap before character `i`.
    fn boundary(&self, i: usize) -> usize {
        match self.ranges.get(i) {
            Some(r) => r.0,
            None => self.ranges.last().map_or(0, |r| r.1),
        }
    }

    /// Start byte of every character, the form `zhkg extract --offsets` prints.
    pub fn starts(&self) -> Vec<usize> {
        self.ranges.iter().map(|r| r.0).collect()
    }
}

/// Builds a string and its offset map together, so they can never drift apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedString {
    /// The text built so far.
    pub text: String,
    /// The input byte range of each character of `text`.
    pub map: OffsetMap,
}

impl MappedString {
    /// Appends a character copied from the input bytes `range`.
    pub fn push(&mut self, c: char, range: (usize, usize)) {
        self.text.push(c);
        self.map.ranges.push(range);
    }

    /// Appends a character the repair invented; it maps to the end of what came before.
    pub(crate) fn push_inserted(&mut self, c: char) {
        let at = self.map.ranges.last().map_or(0, |r| r.1);
        self.text.push(c);
        self.map.ranges.push((at, at));
    }

    /// Number of characters so far.
    pub(crate) fn char_len(&self) -> usize {
        self.map.len()
    }

    /// Last character, if any.
    pub(crate) fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// The characters `start..end` as a new mapped string.
    pub fn slice(&self, start: usize, end: usize) -> MappedString {
        let text = self.text.chars().skip(start).take(end - start).collect();
        MappedString {
            text,
            map: OffsetMap {
                ranges: self.map.ranges[start..end].to_vec(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_characters_sit_between_their_neighbours() {
        let mut s = MappedString::default();
        s.push('王', (0, 3));
        s.push_inserted('\n');
        s.push('鹏', (10, 13));
        assert_eq!(s.map.char_bytes(1), (3, 3));
        assert_eq!(s.map.byte_range(0, 3), (0, 13));
        assert_eq!(s.map.byte_range(2, 2), (10, 10));
        assert_eq!(s.map.byte_range(3, 3), (13, 13));
    }
}
