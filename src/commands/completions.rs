//! `assist completions`: the shell's registration script (the man pages are `manpages.rs`).
//! The completions themselves come from `assist` at each TAB (clap_complete's dynamic
//! completion, see main.rs): profile names are read from the config as it is then, values
//! from the same definition as the parser.

use std::io::Write;

use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::Shell;

use crate::outcome::Outcome;

/// The variable the scripts set to ask `assist` for completions (clap_complete's default).
const VAR: &str = "COMPLETE";

pub fn run(shell: Shell) -> anyhow::Result<Outcome> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Elvish => &Elvish,
        other => {
            anyhow::bail!("no completion for {other} yet: bash, zsh, fish, powershell, elvish")
        }
    };
    // Written into memory first: a failed write (`| head`) is an error, not a panic.
    let mut script = Vec::new();
    completer.write_registration(VAR, "assist", "assist", "assist", &mut script)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::Done)
}
