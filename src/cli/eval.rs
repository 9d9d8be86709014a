//! `zhkg eval`: exact-span precision, recall and F1 of the recognizers on an annotated corpus.

use std::process::ExitCode;

use anyhow::{Context, Result};
use zhkg::eval::{self, Corpus, Label, Span};
use zhkg::lexicon::Lexicons;
use zhkg::recognize::{MentionKind, Recognizer};

use super::{CorpusArg, EvalArgs};

pub fn run(args: &EvalArgs) -> Result<ExitCode> {
    let (corpus, labels) = match args.format {
        CorpusArg::Bio => (
            Corpus::Bio,
            vec![Label::Person, Label::Place, Label::Organization],
        ),
        CorpusArg::Pfr => (
            Corpus::Pfr,
            vec![Label::Person, Label::Place, Label::Organization],
        ),
        CorpusArg::Cluener => (
            Corpus::Cluener,
            vec![
                Label::Person,
                Label::Place,
                Label::Organization,
                Label::Title,
            ],
        ),
    };
    let sentences = eval::read(&args.file, corpus)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let recognizer = Recognizer::new(Lexicons::embedded()?);
    let recognize = |text: &str| -> Vec<Span> {
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
            .filter(|s| labels.contains(&s.label))
            .collect()
    };
    if args.show_errors {
        for sentence in &sentences {
            print!(
                "{}",
                eval::differences(sentence, &recognize(&sentence.text))
            );
        }
    }
    let report = eval::score(&sentences, &labels, recognize);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report.json())?);
    } else {
        println!(
            "{} sentences from {}",
            report.sentences,
            args.file.display()
        );
        print!("{}", report.table());
    }
    Ok(ExitCode::SUCCESS)
}
