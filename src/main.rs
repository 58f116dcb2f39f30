//! `assist`: remote assistance for Huawei Cloud Workspace desktops. Parse, run, map errors to exit codes.

// Nothing from the user, a file or the network may panic: outside tests, no unwrap/expect.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod api;
mod auth;
mod cli;
mod commands;
mod config;
mod domain;
mod exit;
mod files;
mod output;
mod secret;
mod session;
mod sim;
mod text;
mod units;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use exit::Code;

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(Ok(cli)) => cli,
        Ok(Err(message)) => {
            eprintln!("error: {}", text::sanitize(&message));
            return Code::Usage.into();
        }
        Err(e) => {
            // --help and --version are "errors" to clap that go to stdout and exit 0.
            let code = if e.use_stderr() {
                Code::Usage
            } else {
                Code::Success
            };
            let _ = e.print();
            return code.into();
        }
    };
    match commands::run(cli) {
        Ok(code) => code.into(),
        Err(err) if exit::is_broken_pipe(&err) => Code::Success.into(),
        Err(err) => report(&err).into(),
    }
}

/// Parses the command line, remembering which options came from the environment.
fn parse() -> Result<Result<cli::Cli, String>, clap::Error> {
    let matches = cli::Cli::command().try_get_matches()?;
    let mut cli = cli::Cli::from_arg_matches(&matches)?;
    Ok(cli.global.note_sources(&matches).map(|()| cli))
}

/// The one place where an error becomes a message on stderr and an exit code.
fn report(err: &anyhow::Error) -> Code {
    let code = exit::classify(err);
    let mut stderr = std::io::stderr().lock();
    let mut causes = err.chain();
    // Messages quote user input and server text: escape them like everything else shown.
    let clean = |text: String| text::sanitize_lines(&text);
    if let Some(first) = causes.next() {
        let _ = writeln!(stderr, "error: {}", clean(first.to_string()));
    }
    for cause in causes {
        let _ = writeln!(stderr, "  cause: {}", clean(cause.to_string()));
    }
    if let Some(hint) = exit::hint(err) {
        let _ = writeln!(stderr, "  hint: {}", clean(hint));
    }
    code
}
