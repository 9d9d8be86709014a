//! Every table under `data/hanlp/`, `data/thuocl/` and `data/cedict/` is exactly what
//! `examples/lexicons.rs` derives from the third-party lexicons: nothing in them is edited by
//! hand, and anyone with the sources can rebuild them.
//!
//! The sources live outside the repository (`../shared/lexicons`), so the test is ignored by a
//! plain `cargo test`; `.ci/run` runs it with `--ignored` where they are present.

#[path = "../examples/lexicons.rs"]
#[allow(dead_code)]
mod lexicons;

use std::path::Path;

#[test]
#[ignore = "needs ../shared/lexicons (run by .ci/run when present)"]
fn derived_tables_are_rebuilt_byte_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = root.join("../shared/lexicons");
    assert!(source.is_dir(), "{} not found", source.display());
    let tables = lexicons::derive(&source).unwrap();
    assert!(tables.len() >= 10, "{} tables", tables.len());
    for table in tables {
        let path = root.join("data").join(&table.path);
        let shipped =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            shipped == table.contents,
            "{} differs from what examples/lexicons.rs derives; rebuild it with \
             `cargo run --example lexicons -- ../shared/lexicons data`",
            path.display()
        );
    }
}
