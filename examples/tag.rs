//! Prints jieba-rs segmentation and tags of each stdin line, one `word/tag` per token: a quick
//! way to see the word boundaries the recognizers start from.
//!
//! ```sh
//! echo 示范区党工委书记、管委会主任王家鹏 | cargo run --example tag
//! ```

use std::io::BufRead;

fn main() -> std::io::Result<()> {
    let segmenter = zhkg::segment::Segmenter::new([]);
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let tokens: Vec<String> = segmenter
            .tag(&line)
            .iter()
            .map(|t| format!("{}/{}", t.word, t.tag))
            .collect();
        println!("{}", tokens.join(" "));
    }
    Ok(())
}
