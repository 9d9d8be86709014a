//! zhkg from another Rust program: extract records from text you already hold.
//!
//! In your Cargo.toml, `zhkg = { git = "…", default-features = false }` is enough for this: no
//! RocksDB, HTTP server or argument parser is compiled. Run it here with
//! `cargo run --example library --no-default-features`.

fn main() -> Result<(), zhkg::Error> {
    // Load the lexicons once (about a second); the extractor is cheap to clone and share.
    let extractor = zhkg::Extractor::new()?;

    // A newspaper page as PDF text extraction leaves it: its articles, laid out again.
    let options = zhkg::Options {
        date: Some("2019-08-30".into()),
        region: Some("焦作市".into()),
        ..Default::default()
    };
    for record in extractor.extract_text(zhkg::SAMPLE_PAGE, &options) {
        let title = record.title.as_deref().unwrap_or("(no headline)");
        println!("{} {title}", record.id);
        for post in &record.posts {
            let organization = post.organization.as_deref().unwrap_or("?");
            // (People and organizations by entity id: `person:王小平@河南省`.)
            println!("    {} {} @ {organization}", post.person, post.title);
        }
    }

    // One scraped article with its title and date.
    let record = extractor.extract_article(
        Some("王毅会见俄罗斯外长"),
        Some("2023-05-10"),
        "5月10日，外交部长王毅在北京会见俄罗斯外长拉夫罗夫。",
        &zhkg::Options::default(),
    );
    for event in &record.events {
        println!("{} {:?}", event.trigger, event.time);
    }
    // Every record is serde-serializable: the JSON `zhkg extract` writes.
    println!("{}", serde_json::to_string(&record).unwrap_or_default());
    Ok(())
}
