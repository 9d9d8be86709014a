//! Word segmentation: the one shared jieba-rs instance, with tokens carrying character spans.
//!
//! jieba supplies word boundaries and part-of-speech hints; it does not decide entity types
//! (its `nr`/`ns`/`nt` tags are weak evidence, and `add_word` cannot change the tag of a word it
//! already knows). Building a `Jieba` loads a 350,000-word dictionary, so a run builds one
//! [`Segmenter`] and shares it.

use jieba_rs::Jieba;

/// A word with its part-of-speech tag and `[start, end)` character span in the segmented text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it appears in the text.
    pub word: &'a str,
    /// jieba's part-of-speech tag (`n` noun, `nr` person's name, `ns` place name …).
    pub tag: &'a str,
    /// Character offset of the word's first character.
    pub start: usize,
    /// Character offset just past the word's last character.
    pub end: usize,
    /// True when the word is in the dictionary; false for words the HMM put together, whose
    /// tag is only a guess.
    pub known: bool,
}

impl Token<'_> {
    /// Length in characters.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for a zero-length token (never produced by the segmenter).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The shared segmenter.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// jieba's default dictionary plus `words` (word, POS tag) from our lexicons, so that titles
    /// and organization suffixes such as 党工委 or 管委会 come out as single words.
    pub fn new<'w>(words: impl IntoIterator<Item = (&'w str, &'w str)>) -> Segmenter {
        let mut segmenter = Segmenter::default_dictionary();
        segmenter.add_words(words);
        segmenter
    }

    /// jieba's default dictionary alone. Loading it is most of zhkg's start-up (about 0.1 s),
    /// so [`crate::recognize::Recognizer::embedded`] does it on a thread of its own while the
    /// lexicons are parsed.
    pub(crate) fn default_dictionary() -> Segmenter {
        Segmenter {
            jieba: Jieba::new(),
        }
    }

    /// A segmenter with no dictionary, to be replaced by a real one.
    pub fn empty() -> Segmenter {
        Segmenter {
            jieba: Jieba::empty(),
        }
    }

    /// Adds `words` (word, POS tag) that jieba does not know yet.
    pub(crate) fn add_words<'w>(&mut self, words: impl IntoIterator<Item = (&'w str, &'w str)>) {
        for (word, tag) in words {
            if !self.jieba.has_word(word) {
                self.jieba.add_word(word, None, Some(tag));
            }
        }
    }

    /// The dictionary's tag for `word`, if it is a dictionary word.
    pub(crate) fn dictionary_tag<'a>(&'a self, word: &'a str) -> Option<&'a str> {
        if !self.jieba.has_word(word) {
            return None;
        }
        self.jieba
            .tag(word, false)
            .first()
            .filter(|t| t.word == word)
            .map(|t| t.tag)
    }

    /// Segments and tags `text` (HMM on, so unknown names are kept together where possible).
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                tag: t.tag,
                start: t.start,
                end: t.end,
                known: t.word.chars().count() == 1 || self.jieba.has_word(t.word),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_character_spans() {
        let seg = Segmenter::new([("党工委", "n")]);
        let tokens = seg.tag("示范区党工委书记");
        let words: Vec<&str> = tokens.iter().map(|t| t.word).collect();
        assert!(words.contains(&"党工委"), "{words:?}");
        let last = tokens.last().unwrap();
        assert_eq!((last.word, last.end), ("书记", 8));
    }
}
