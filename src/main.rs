//! `assist`: remote assistance for Huawei Cloud Workspace desktops. Parse, run, map errors to exit codes.

mod api;
mod auth;
mod cli;
mod commands;
mod config;
mod exit;
mod output;
mod secret;
mod sim;
mod text;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use exit::Code;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
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

/// The one place where an error becomes a message on stderr and an exit code.
fn report(err: &anyhow::Error) -> Code {
    let code = exit::classify(err);
    let mut stderr = std::io::stderr().lock();
    let mut causes = err.chain();
    if let Some(first) = causes.next() {
        let _ = writeln!(stderr, "error: {first}");
    }
    for cause in causes {
        let _ = writeln!(stderr, "  cause: {cause}");
    }
    if let Some(hint) = exit::hint(err) {
        let _ = writeln!(stderr, "  hint: {hint}");
    }
    code
}
