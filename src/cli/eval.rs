//! `zhkg eval`: exact-span precision, recall and F1 of the recognizers (or, for CEC, of event
//! detection) on an annotated corpus.

use std::process::ExitCode;

use anyhow::{Context, Result};
use zhkg::eval::{self, Corpus, Label, Sentence, Span};
use zhkg::events::Detector;
use zhkg::recognize::{MentionKind, Recognizer};

use super::{CorpusArg, EvalArgs};

pub fn run(args: &EvalArgs) -> Result<ExitCode> {
    let entities = vec![Label::Person, Label::Place, Label::Organization];
    let (corpus, labels) = match args.format {
        CorpusArg::Bio => (Corpus::Bio, entities),
        CorpusArg::Pfr => (Corpus::Pfr, entities),
        CorpusArg::Cluener => (Corpus::Cluener, [entities, vec![Label::Title]].concat()),
        CorpusArg::Cec => (
            Corpus::Cec,
            vec![
                Label::Trigger,
                Label::Time,
                Label::Place,
                Label::Participant,
            ],
        ),
    };
    let sentences = eval::read(&args.file, corpus, &args.category)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let recognizer = Recognizer::embedded()?;
    let detector = Detector::embedded()?;
    let recognize = |sentence: &Sentence| -> Vec<Span> {
        let spans = if corpus == Corpus::Cec {
            event_spans(&recognizer, &detector, sentence)
        } else {
            entity_spans(&recognizer, &sentence.text)
        };
        spans
            .into_iter()
            .filter(|s| labels.contains(&s.label))
            .collect()
    };
    if args.show_errors {
        for sentence in &sentences {
            out!("{}", eval::differences(sentence, &recognize(sentence)))?;
        }
    }
    let report = eval::score(&sentences, &labels, recognize);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report.json())?)?;
    } else {
        outln!(
            "{} sentences from {}",
            report.sentences,
            args.file.display()
        )?;
        out!("{}", report.table())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn entity_spans(recognizer: &Recognizer, text: &str) -> Vec<Span> {
    recognizer
        .recognize(text)
        .into_iter()
        .map(|m| Span {
            label: match m.kind {
                MentionKind::Person => Label::Person,
                MentionKind::Place => Label::Place,
                MentionKind::Organization => Label::Organization,
                MentionKind::Title => Label::Title,
            },
            start: m.start,
            end: m.end,
        })
        .collect()
}

/// Triggers, and the time, places and participants of every event found in the sentence.
fn event_spans(recognizer: &Recognizer, detector: &Detector, sentence: &Sentence) -> Vec<Span> {
    let (text, mentions) = recognizer.recognize_text(&sentence.text);
    let times = zhkg::time::times_in(&text, sentence.date.as_deref());
    let span = |label, (start, end): (usize, usize)| Span { label, start, end };
    let mut spans = Vec::new();
    for event in detector.find(&text, &mentions, &times) {
        spans.extend(event.triggers.iter().map(|&t| span(Label::Trigger, t)));
        if let Some(t) = event.time.map(|i| &times[i]) {
            spans.push(span(Label::Time, (t.start, t.end)));
        }
        for &m in &event.places {
            spans.push(span(Label::Place, (mentions[m].start, mentions[m].end)));
        }
        // (CEC's participant of 6人当场死亡 is 6人.)
        if let Some(c) = &event.count {
            spans.push(span(Label::Participant, (c.start, c.end)));
        }
        for &(m, _) in &event.participants {
            spans.push(span(
                Label::Participant,
                (mentions[m].start, mentions[m].end),
            ));
        }
    }
    spans
}
