//! Prints the mentions recognized in each stdin line: `TYPE surface [start, end)`.
//!
//! ```sh
//! echo 省人大常委会副主任张维宁到示范区调研 | cargo run --example recognize
//! ```

use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let recognizer = zhkg::recognize::Recognizer::new(zhkg::lexicon::Lexicons::embedded()?);
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let mentions: Vec<String> = recognizer
            .recognize(&line)
            .iter()
            .map(|m| format!("{:?} {} [{}, {})", m.kind, m.surface, m.start, m.end))
            .collect();
        println!("{}", mentions.join(" | "));
    }
    Ok(())
}
