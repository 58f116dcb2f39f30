//! `assist`: remote assistance for Huawei Cloud Workspace desktops. Parse, run, report errors (exit.rs picks the code).

// Nothing from the user, a file or the network may panic: outside tests, no unwrap/expect.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod api;
mod audit;
mod auth;
mod cli;
mod commands;
mod config;
mod crash;
mod diagnostics;
mod domain;
mod engine;
mod exit;
mod files;
mod messages;
mod outcome;
mod output;
mod secret;
mod session;
mod testing;
mod text;
mod units;

use std::io::Write;
use std::process::ExitCode;

use exit::{Code, Failure, Kind, Outcome};

fn main() -> ExitCode {
    crash::install_hook();
    // A shell asking for completions (COMPLETE=bash and the words typed): answer and exit.
    clap_complete::CompleteEnv::with_factory(cli::command)
        .completer("assist")
        .complete();
    // Unwinding, not aborting: destructors run (locks, the terminal) and the exit code is 1.
    std::panic::catch_unwind(run).unwrap_or_else(|_| exit::of_panic().into())
}

fn run() -> ExitCode {
    let (cli, flags) = match cli::parse() {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(message)) => return report(&Failure::new(Kind::Usage, message).into()).into(),
        Err(e) => {
            // --help and --version are "errors" to clap that go to stdout.
            let _ = e.print();
            return exit::of_clap(&e).into();
        }
    };
    testing::panic_if("main");
    let code = match commands::run(cli, flags) {
        Ok(outcome) => outcome.code(),
        Err(err) if exit::is_broken_pipe(&err) => Outcome::Done.code(),
        Err(err) => report(&err),
    };
    code.into()
}

/// The one place where an error becomes a message on stderr; exit.rs gives its code.
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
    if let Some(hint) = diagnostics::hint(err) {
        let _ = writeln!(stderr, "  hint: {}", clean(hint));
    }
    code
}
