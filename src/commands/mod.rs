//! One file per command; `run` dispatches the parsed command line to them.

mod completions;
mod config;
mod desktops;
mod lifecycle;
mod poll;
mod select;
mod show;
mod state;
mod watch;

use crate::api::Client;
use crate::cli::{Cli, Command, START_DEADLINE};
use crate::config::{self as settings_config, Settings};
use crate::exit::Code;

/// Runs the command; the exit code of a success (errors carry theirs).
pub fn run(cli: Cli) -> anyhow::Result<Code> {
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Config(sub) => config::run(&cli.global, &sub),
        Command::Sim(args) => crate::sim::run(&args).map(|()| Code::Success),
        Command::Show(args) => {
            let mut settings = settings_config::resolve(&cli.global)?;
            settings.style.show_password = args.show_password;
            show::run(&settings, &args)
        }
        Command::Start(mut args) => {
            let mut settings = settings_config::resolve(&cli.global)?;
            let (deadline, request) = cli.global.wait_limits(args.deadline, Some(START_DEADLINE));
            (args.deadline, settings.timeout) = (deadline, request);
            lifecycle::start(&settings, &args)
        }
        Command::Cancel(args) => lifecycle::cancel(&settings_config::resolve(&cli.global)?, &args),
        Command::Watch(mut args) => {
            let mut settings = settings_config::resolve(&cli.global)?;
            (args.deadline, settings.timeout) = cli.global.wait_limits(args.deadline, None);
            watch::run(&settings, &args)
        }
        Command::Desktops(args) => desktops::run(&settings_config::resolve(&cli.global)?, &args),
    }
}

/// The API client for these settings; `-v` lines go to stderr.
fn client(settings: &Settings) -> anyhow::Result<Client> {
    crate::session::connect(settings, settings.max_attempts)
}
