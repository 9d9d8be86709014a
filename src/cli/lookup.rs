//! `zhkg lookup`: an entity card in the terminal, or as JSON.

use std::process::ExitCode;

use anyhow::Result;
use zhkg::lookup::{self, Lookup};
use zhkg::store::Store;

use super::LookupArgs;

pub fn run(args: &LookupArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.store)?;
    let found = lookup::lookup(&store, &args.name)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&found)?);
    } else {
        match &found {
            Lookup::Card(card) => print!("{}", lookup::render(card)),
            Lookup::Candidates { how, candidates } => {
                println!(
                    "{} entities match {:?} by {how}; ask for one of them:",
                    candidates.len(),
                    args.name
                );
                for c in candidates {
                    println!("  {} ({}, {} mentions)", c.name, c.kind, c.mentions);
                }
            }
            Lookup::None => eprintln!(
                "zhkg: nothing named {:?} in {}",
                args.name,
                args.store.display()
            ),
        }
    }
    Ok(match found {
        Lookup::Card(_) => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    })
}
