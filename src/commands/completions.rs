//! `assist completions`: the shell completion script, generated from the clap definition.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::outcome::Outcome;

pub fn run(shell: Shell) -> anyhow::Result<Outcome> {
    // Generated into memory first: clap_complete panics on a failed write (`| head`).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "assist", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::Done)
}
