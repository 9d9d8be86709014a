//! `zhkg lookup`: an entity card in the terminal, or as JSON.

use std::process::ExitCode;

use anyhow::Result;
use zhkg::lookup::{self, Lookup, View};
use zhkg::store::Store;

use super::LookupArgs;

pub fn run(args: &LookupArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.store)?;
    let view = View {
        at: args.at.clone(),
        all: args.all,
    };
    let found = lookup::lookup(&store, &args.name, &view)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&found)?)?;
    } else {
        match &found {
            Lookup::Card(card) => out!("{}", lookup::render(card, args.all))?,
            Lookup::Candidates { how, candidates } => {
                outln!(
                    "{} entities match {:?} by {how}; ask for one of them:",
                    candidates.len(),
                    args.name
                )?;
                for c in candidates {
                    match &c.scope {
                        Some(scope) => outln!(
                            "  {}@{scope} ({}, posts in {scope}, {} mentions)",
                            c.name,
                            c.kind,
                            c.mentions
                        )?,
                        None => outln!("  {} ({}, {} mentions)", c.name, c.kind, c.mentions)?,
                    }
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
