//! Criterion benchmarks of the pipeline's hot functions on the bundled sample page: the whole
//! extraction, and its stages one by one, against jieba-rs `tag()` on the same text.
//!
//! `cargo bench` (the first run builds the release profile with the dev-dependencies, RocksDB
//! included: allow 20 minutes on two cores). `zhkg bench FILES` measures the same on a corpus.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhkg::input::{jsonl::Lines, Document, Format};
use zhkg::layout::{repair_article, spacing::SourceChar};
use zhkg::time::find_times;
use zhkg::{Extractor, Options, SAMPLE_PAGE};

fn pipeline(c: &mut Criterion) {
    let extractor = Extractor::new().unwrap().with_threads(1);
    let recognizer = extractor.recognizer();
    let page = Document::from_text("page.txt", SAMPLE_PAGE, Format::Text);
    let options = Options {
        date: Some("2019-08-30".into()),
        ..Options::default()
    };
    let chars: Vec<char> = SAMPLE_PAGE.chars().collect();
    let source: Vec<SourceChar> = page.source_chars();
    let lines: String = (0..50)
        .map(|i| {
            let line = serde_json::json!({"id": i, "date": "2019-08-30", "text": SAMPLE_PAGE});
            format!("{line}\n")
        })
        .collect();

    let mut group = c.benchmark_group("sample page");
    group.throughput(Throughput::Bytes(SAMPLE_PAGE.len() as u64));
    group.bench_function("jieba-rs tag() alone", |b| {
        b.iter(|| recognizer.segmenter().tag(SAMPLE_PAGE).len())
    });
    group.bench_function("extract (whole pipeline)", |b| {
        b.iter(|| extractor.extract(&page, &options).records.len())
    });
    group.bench_function("layout repair", |b| {
        b.iter(|| {
            repair_article(&source, &recognizer.lexicons().surnames)
                .text
                .text
                .len()
        })
    });
    group.bench_function("recognize entities", |b| {
        b.iter(|| recognizer.recognize_text(SAMPLE_PAGE).1.len())
    });
    group.bench_function("find times", |b| b.iter(|| find_times(&chars, None).len()));
    group.finish();

    let mut group = c.benchmark_group("JSON Lines");
    group.throughput(Throughput::Bytes(lines.len() as u64));
    group.bench_function("read 50 lines", |b| {
        b.iter(|| Lines::new("in.jsonl", lines.as_bytes()).count())
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
