//! `zhkg demo`: the pipeline on the bundled sample page, printed for a person to read.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use zhkg::input::{Document, Format};
use zhkg::layout::ArticleKind;
use zhkg::{Extractor, Options, Record, SAMPLE_NAME, SAMPLE_PAGE};

pub fn run() -> Result<ExitCode> {
    let options = Options {
        date: Some("2019-08-30".into()),
        region: Some("焦作市".into()),
        byte_offsets: false,
    };
    let doc = Document::from_text(SAMPLE_NAME, SAMPLE_PAGE, Format::Text);
    let extraction = Extractor::new()?.extract(&doc, &options);
    print!("{}", summary(&extraction.records, &options));
    Ok(ExitCode::SUCCESS)
}

/// A readable summary: one block per article with headline, credits and the opening words.
pub fn summary(records: &[Record], options: &Options) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "zhkg demo: bundled page {SAMPLE_NAME} (date {}, region {})\n{} articles\n",
        options.date.as_deref().unwrap_or("-"),
        options.region.as_deref().unwrap_or("-"),
        records.len()
    );
    for (n, record) in records.iter().enumerate() {
        let headline = match (&record.title, record.kind) {
            (Some(title), _) => title.clone(),
            (None, ArticleKind::Caption) => "[photo caption]".to_owned(),
            (None, ArticleKind::Story) => "[no headline on this page]".to_owned(),
        };
        let _ = writeln!(out, "{:>2}. {headline}", n + 1);
        if let Some(kicker) = &record.kicker {
            let _ = writeln!(out, "    kicker:   {kicker}");
        }
        if let Some(subtitle) = &record.subtitle {
            let _ = writeln!(out, "    subtitle: {subtitle}");
        }
        let credits: Vec<String> = record
            .credits
            .iter()
            .map(|c| {
                let role = serde_json::to_value(c.role).unwrap_or_default();
                let name = c.person.split_once(':').map_or(c.person.as_str(), |p| p.1);
                format!("{} {name}", role.as_str().unwrap_or(""))
            })
            .collect();
        let opening: String = record.text.chars().take(48).collect();
        let _ = writeln!(
            out,
            "    {} chars, bytes {}..{}{}{}",
            record.text.chars().count(),
            record.source.byte_start,
            record.source.byte_end,
            if credits.is_empty() { "" } else { " · " },
            credits.join(", ")
        );
        let _ = writeln!(out, "    {}…", opening.replace('\n', " ¶ "));
        write_entities(&mut out, record);
        out.push('\n');
    }
    out
}

/// People, organizations, places and posts of one record, one line each.
fn write_entities(out: &mut String, record: &Record) {
    for (kind, label) in [
        ("person", "people"),
        ("organization", "organizations"),
        ("place", "places"),
    ] {
        let names: Vec<&str> = record
            .entities
            .iter()
            .filter(|e| e.kind.as_str() == kind)
            .map(|e| e.name.as_str())
            .collect();
        if !names.is_empty() {
            let _ = writeln!(out, "    {label}: {}", names.join("、"));
        }
    }
    for post in &record.posts {
        let name = |id: &str| id.split_once(':').map_or(id.to_owned(), |p| p.1.to_owned());
        let org = post
            .organization
            .as_deref()
            .map(name)
            .unwrap_or_else(|| "?".into());
        let _ = writeln!(
            out,
            "    post: {} — {} @ {org}",
            name(&post.person),
            post.title
        );
    }
}
