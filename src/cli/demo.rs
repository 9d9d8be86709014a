//! `zhkg demo`: the pipeline on the bundled sample page, printed for a person to read.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use zhkg::input::{Document, Format};
use zhkg::layout::ArticleKind;
use zhkg::record::TimeBasis;
use zhkg::{Extractor, Options, Record, SAMPLE_NAME, SAMPLE_PAGE};

use super::DemoArgs;

pub fn run(args: &DemoArgs) -> Result<ExitCode> {
    let options = Options {
        date: Some("2019-08-30".into()),
        region: Some("焦作市".into()),
        byte_offsets: false,
    };
    let doc = Document::from_text(SAMPLE_NAME, SAMPLE_PAGE, Format::Text);
    let extraction = Extractor::new()?.extract(&doc, &options);
    out!("{}", summary(&extraction.records, &options))?;
    out!("{}", timeline(&extraction.records))?;
    let (dir, temporary) = match &args.store {
        Some(dir) => (dir.clone(), false),
        None => (
            std::env::temp_dir().join(format!("zhkg-demo-{}", std::process::id())),
            true,
        ),
    };
    let shown = build_and_query(&extraction.records, &dir);
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }
    out!("{}", shown?)?;
    Ok(ExitCode::SUCCESS)
}

/// The three canned queries the demo shows, with their arguments.
const DEMO_QUERIES: &[(&str, &str, &[&str])] = &[
    (
        "Posts held in 示范区党工委",
        "posts-by-organization",
        &["organization=示范区党工委"],
    ),
    (
        "Events on 2019-08-28",
        "events-on-date",
        &["date=2019-08-28"],
    ),
    ("Most-mentioned people", "most-mentioned-people", &[]),
];

/// Builds a store from `records` in `dir` and runs the demo queries on it.
fn build_and_query(records: &[Record], dir: &std::path::Path) -> Result<String> {
    let report = super::build::build_store(records, dir)?;
    let mut out = format!("\nStore\n  {report}\n");
    let store = zhkg::store::Store::open_read_only(dir)?;
    for (title, name, args) in DEMO_QUERIES {
        let sparql = zhkg::store::named_query(name)?;
        let bindings = zhkg::store::arguments(args, sparql, true)?;
        let args_shown: String = args.iter().map(|a| format!(" --arg {a}")).collect();
        let _ = writeln!(
            out,
            "\n{title}: zhkg query --store {} --named {name}{args_shown}",
            dir.display()
        );
        let mut buf = Vec::new();
        zhkg::results::write_results(
            &mut buf,
            store.query(sparql, &bindings)?,
            zhkg::results::ResultFormat::Table,
        )?;
        out.push_str(&String::from_utf8_lossy(&buf));
    }
    Ok(out)
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

/// The dated events of all records in date order, one line each: when, what, who in which
/// role, where, and the article; then how many events had no date.
pub fn timeline(records: &[Record]) -> String {
    let mut dated = Vec::new();
    let mut undated = 0;
    for (n, record) in records.iter().enumerate() {
        for event in &record.events {
            match event.time.as_ref().and_then(|t| t.start.clone()) {
                Some(start) => dated.push((start, n, event.span[0], record, event)),
                None => undated += 1,
            }
        }
    }
    dated.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    let mut out = String::from("Timeline\n");
    for (start, n, _, record, event) in dated {
        let time = event.time.as_ref().expect("dated");
        let mut when = match &time.end {
            // (No time in the text: the article's date, the latest it can have been.)
            _ if time.basis == TimeBasis::Article => format!("by {start}"),
            Some(end) if *end != start => format!("{start} – {end}"),
            _ => start.clone(),
        };
        if let Some(part) = &time.part {
            when.push_str(&format!(" ({part})"));
        }
        let name = |id: &str| {
            record
                .entities
                .iter()
                .find(|e| e.id == id)
                .map_or(id.to_owned(), |e| e.name.clone())
        };
        let who: Vec<String> = event
            .participants
            .iter()
            .map(|p| format!("{} {}", p.role, name(&p.entity)))
            .collect();
        let places: Vec<String> = event.places.iter().map(|p| name(&p.entity)).collect();
        let mut line = format!("  {when:<36} {} {}", event.kind, event.trigger);
        if !who.is_empty() {
            line.push_str(&format!(" · {}", who.join("; ")));
        }
        if !places.is_empty() {
            line.push_str(&format!(" @ {}", places.join("、")));
        }
        let _ = writeln!(out, "{line} [article {}]", n + 1);
    }
    let _ = writeln!(out, "  ({undated} more events without a date)");
    out
}
