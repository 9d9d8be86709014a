//! `zhkg completions SHELL` and `zhkg man`: made from the same clap definitions as `--help`,
//! so they cannot drift from the commands.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::{Cli, CompletionsArgs, ManArgs};

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "zhkg", &mut out);
    out!("{}", String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: &ManArgs) -> Result<ExitCode> {
    let command = Cli::command();
    match &args.dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            out!("{}", String::from_utf8_lossy(&page))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("writing the manual pages into {}", dir.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
