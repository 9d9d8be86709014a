//! Scoring the recognizers on public annotated corpora, exact spans, sentence by sentence.
//!
//! Readers turn each format into [`Sentence`]s with gold spans of our four labels; [`score`]
//! runs a recognizer over every sentence without article context and counts true positives,
//! false positives and misses per label. A span counts only if type, start and end all match.

mod readers;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::Result;

/// The labels we score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Label {
    /// A person's name (PER).
    #[serde(rename = "PER")]
    Person,
    /// A place name (LOC).
    #[serde(rename = "LOC")]
    Place,
    /// An organization's name (ORG).
    #[serde(rename = "ORG")]
    Organization,
    /// An official or professional title (TITLE), as CLUENER's position.
    #[serde(rename = "TITLE")]
    Title,
    /// An event trigger (CEC denoter).
    #[serde(rename = "TRIGGER")]
    Trigger,
    /// A time argument of an event.
    #[serde(rename = "TIME")]
    Time,
    /// A participant argument of an event.
    #[serde(rename = "PARTICIPANT")]
    Participant,
}

impl Label {
    /// The short name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PER",
            Label::Place => "LOC",
            Label::Organization => "ORG",
            Label::Title => "TITLE",
            Label::Trigger => "TRIGGER",
            Label::Time => "TIME",
            Label::Participant => "PARTICIPANT",
        }
    }
}

/// A labelled `[start, end)` character span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// What the span names.
    pub label: Label,
    /// First character of the span.
    pub start: usize,
    /// Character just past the span.
    pub end: usize,
}

/// One sentence with its gold spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's text.
    pub text: String,
    /// The annotated spans, the answers the recognizer is scored against.
    pub gold: Vec<Span>,
    /// The publication date (`YYYY-MM-DD`) where the corpus gives one (CEC report times), for
    /// normalizing relative times.
    pub date: Option<String>,
}

impl Sentence {
    /// A sentence of a corpus that gives no publication date.
    pub fn undated(text: String, gold: Vec<Span>) -> Sentence {
        Sentence {
            text,
            gold,
            date: None,
        }
    }
}

/// Annotated corpus formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    /// One character and a BIO tag (PER/LOC/ORG) per line, tab or space separated; a blank line
    /// ends a sentence (MSRA, People's Daily NER).
    Bio,
    /// CLUENER2020 JSON Lines: name → PER, government/organization/company → ORG,
    /// address → LOC, position → TITLE.
    Cluener,
    /// PFR 1998 spans JSON Lines: nr → PER, ns → LOC, nt → ORG (nested spans ignored).
    Pfr,
    /// Chinese Emergency Corpus JSON Lines: denoter → TRIGGER, Time → TIME, Location → LOC,
    /// Participant → PARTICIPANT; only documents of the given categories (all if none).
    Cec,
}

/// Reads a corpus file.
pub fn read(path: &Path, corpus: Corpus, categories: &[String]) -> Result<Vec<Sentence>> {
    match corpus {
        Corpus::Bio => readers::bio(path),
        Corpus::Cluener => readers::cluener(path),
        Corpus::Pfr => readers::pfr(path),
        Corpus::Cec => readers::cec(path, categories),
    }
}

/// Counts for one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Spans of this label in the gold annotation.
    pub gold: usize,
    /// Spans of this label the recognizer proposed.
    pub predicted: usize,
    /// Proposed spans that match a gold span exactly (label, start and end).
    pub correct: usize,
}

impl Counts {
    /// Share of predicted spans that are correct (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Share of gold spans that were found (0 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub(crate) fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per label, over the labels the corpus annotates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// How many sentences were scored.
    pub sentences: usize,
    /// Counts for each label the corpus annotates.
    pub per_label: BTreeMap<Label, Counts>,
}

impl Report {
    /// Micro-averaged counts over all labels.
    pub(crate) fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for counts in self.per_label.values() {
            all.add(counts);
        }
        all
    }

    /// The human-readable table; the last line is `ALL P … R … F1 …`.
    pub fn table(&self) -> String {
        let width = self
            .per_label
            .keys()
            .map(|l| l.as_str().len())
            .max()
            .unwrap_or(0)
            .max(6);
        let mut out = format!(
            "{:<width$} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n",
            "type", "gold", "pred", "correct", "P", "R", "F1"
        );
        let line = |name: &str, c: &Counts| {
            format!(
                "{:<width$} {:>7} {:>7} {:>7} {:>7.4} {:>7.4} {:>7.4}\n",
                name,
                c.gold,
                c.predicted,
                c.correct,
                c.precision(),
                c.recall(),
                c.f1()
            )
        };
        for (label, counts) in &self.per_label {
            out.push_str(&line(label.as_str(), counts));
        }
        let all = self.overall();
        out.push_str(&format!(
            "ALL P {:.4} R {:.4} F1 {:.4}\n",
            all.precision(),
            all.recall(),
            all.f1()
        ));
        out
    }

    /// The machine-readable form.
    pub fn json(&self) -> serde_json::Value {
        let row = |c: &Counts| {
            serde_json::json!({
                "gold": c.gold, "predicted": c.predicted, "correct": c.correct,
                "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
            })
        };
        let mut types = serde_json::Map::new();
        for (label, counts) in &self.per_label {
            types.insert(label.as_str().to_owned(), row(counts));
        }
        serde_json::json!({"sentences": self.sentences, "types": types, "all": row(&self.overall())})
    }
}

/// Runs `recognize` on every sentence and compares with the gold spans. Only labels present in
/// `labels` are scored (a corpus without titles does not penalize title predictions).
pub fn score(
    sentences: &[Sentence],
    labels: &[Label],
    recognize: impl Fn(&Sentence) -> Vec<Span> + Sync,
) -> Report {
    let chunk = sentences.len().div_ceil(threads()).max(1);
    let partials: Vec<Report> = std::thread::scope(|scope| {
        let handles: Vec<_> = sentences
            .chunks(chunk)
            .map(|part| scope.spawn(|| score_part(part, labels, &recognize)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("scoring thread panicked"))
            .collect()
    });
    let mut report = Report::default();
    for label in labels {
        report.per_label.insert(*label, Counts::default());
    }
    for part in partials {
        report.sentences += part.sentences;
        for (label, counts) in part.per_label {
            report.per_label.entry(label).or_default().add(&counts);
        }
    }
    report
}

fn score_part(
    sentences: &[Sentence],
    labels: &[Label],
    recognize: &impl Fn(&Sentence) -> Vec<Span>,
) -> Report {
    let mut report = Report::default();
    for sentence in sentences {
        report.sentences += 1;
        let mut predicted = recognize(sentence);
        predicted.retain(|s| labels.contains(&s.label));
        predicted.sort();
        predicted.dedup();
        for span in &sentence.gold {
            report.per_label.entry(span.label).or_default().gold += 1;
        }
        for span in &predicted {
            let counts = report.per_label.entry(span.label).or_default();
            counts.predicted += 1;
            if sentence.gold.contains(span) {
                counts.correct += 1;
            }
        }
    }
    report
}

/// The sentence and its missed (`-`) and spurious (`+`) spans, one per line; empty when the
/// prediction is exact.
pub fn differences(sentence: &Sentence, predicted: &[Span]) -> String {
    let chars: Vec<char> = sentence.text.chars().collect();
    let show = |s: &Span| chars[s.start..s.end].iter().collect::<String>();
    let mut out = String::new();
    for span in sentence.gold.iter().filter(|s| !predicted.contains(s)) {
        out.push_str(&format!("  - {} {}\n", span.label.as_str(), show(span)));
    }
    for span in predicted.iter().filter(|s| !sentence.gold.contains(s)) {
        out.push_str(&format!("  + {} {}\n", span.label.as_str(), show(span)));
    }
    if out.is_empty() {
        out
    } else {
        format!("{}\n{out}", sentence.text)
    }
}

use crate::parallel::threads;

#[cfg(test)]
mod tests {
    use super::*;

    fn span(label: Label, start: usize, end: usize) -> Span {
        Span { label, start, end }
    }

    #[test]
    fn exact_spans_only_count() {
        let sentences = vec![Sentence::undated(
            "张维宁到焦作市调研".into(),
            vec![span(Label::Person, 0, 3), span(Label::Place, 4, 7)],
        )];
        let report = score(&sentences, &[Label::Person, Label::Place], |_| {
            vec![
                span(Label::Person, 0, 3),
                span(Label::Place, 4, 6),
                span(Label::Title, 0, 1),
            ]
        });
        let per = report.per_label[&Label::Person];
        let loc = report.per_label[&Label::Place];
        assert_eq!((per.correct, per.predicted, per.gold), (1, 1, 1));
        assert_eq!((loc.correct, loc.predicted, loc.gold), (0, 1, 1));
        assert!(!report.per_label.contains_key(&Label::Title));
        let all = report.overall();
        assert_eq!((all.precision(), all.recall()), (0.5, 0.5));
        assert!(report
            .table()
            .lines()
            .last()
            .unwrap()
            .starts_with("ALL P 0.5000 R 0.5000 F1 0.5000"));
    }
}
