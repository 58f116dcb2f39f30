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
mod domain;
mod engine;
mod exit;
mod files;
mod hooks;
mod messages;
mod notify;
mod outcome;
mod output;
mod secret;
mod session;
mod testing;
mod text;
mod units;

use std::process::ExitCode;

use exit::{Code, Failure, Kind, Outcome};
use messages::Level;

fn main() -> ExitCode {
    crash::install_hook(internal_error);
    // A shell asking for completions (COMPLETE=bash and the words typed): answer and exit.
    clap_complete::CompleteEnv::with_factory(cli::for_completions)
        .completer("assist")
        .complete();
    // Unwinding, not aborting: destructors run (locks, the terminal) and the exit code is 1.
    std::panic::catch_unwind(run).unwrap_or_else(|_| exit::of_panic().into())
}

fn run() -> ExitCode {
    // Before clap parses: `--help` and usage errors speak the chosen language too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    messages::lang::choose_early(&args, |name| std::env::var(name).ok());
    let (cli, flags) = match cli::parse() {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(message)) => return report(&Failure::new(Kind::Usage, message).into()).into(),
        Err(e) => {
            // --help and --version are "errors" to clap that go to stdout; its usage errors
            // are English only: in another language they are said in the catalogue's words.
            let own_words = e.use_stderr() && messages::lang::current() != messages::Lang::En;
            if own_words
                && e.kind() != clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            {
                cli::usage::say(&e);
            } else if !cli::layout::print_help(&e) {
                let _ = e.print();
            }
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

/// A panic's one line, in the run's language (the message and its place as they came, escaped).
fn internal_error(message: &str, place: &str) -> String {
    let said = messages::msg!("err-internal", message = message, place = place);
    messages::line(Level::Error, &said)
}

/// The one place where an error becomes lines on stderr (the messages room sanitises what they
/// quote: user input and server text); exit.rs gives its code and its hint.
fn report(err: &anyhow::Error) -> Code {
    let mut causes = err.chain();
    if let Some(first) = causes.next() {
        // An error may list candidates, one a line: its breaks are kept.
        let error = exit::words(first)
            .unwrap_or_else(|| messages::Message::new("error").arg_lines("error", first));
        messages::say(Level::Error, &error);
    }
    for cause in causes {
        let cause = exit::words(cause)
            .unwrap_or_else(|| messages::Message::new("error-cause").arg_lines("cause", cause));
        messages::say(Level::Cause, &cause);
    }
    if let Some(hint) = exit::hint(err) {
        messages::say(Level::Hint, &hint);
    }
    exit::classify(err)
}
