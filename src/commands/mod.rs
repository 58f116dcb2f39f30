//! One file per command; `run` dispatches the parsed command line to them.

mod board;
mod completions;
mod config;
mod demo;
mod desktops;
mod lifecycle;
mod log;
mod record;
mod select;
mod sessions;
mod setup;
mod show;
mod watch;

use crate::cli::{Cli, Command, START_DEADLINE};
use crate::outcome::Outcome;

/// Runs the command; how it ended when there is no error to report.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let flags = cli.global.overrides();
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Manpages { dir } => completions::manpages(&dir),
        Command::Config(sub) => config::run(&flags, &sub),
        #[cfg(feature = "sim")]
        Command::Sim(args) if args.reset_demo => demo::reset().map(|()| Outcome::Done),
        #[cfg(feature = "sim")]
        Command::Sim(args) => demo::serve(&args).map(|()| Outcome::Done),
        #[cfg(not(feature = "sim"))]
        Command::Sim { .. } => Err(demo::missing().into()),
        Command::Show(args) => {
            let (mut settings, _sim) = setup::prepare(&flags)?;
            settings.style.show_password = args.show_password;
            show::run(&settings, &args)
        }
        Command::Start(mut args) => {
            let (mut settings, _sim) = setup::prepare(&flags)?;
            let (deadline, request) = cli.global.wait_limits(args.deadline, Some(START_DEADLINE));
            (args.deadline, settings.timeout) = (deadline, request);
            lifecycle::start(&settings, &args)
        }
        Command::Cancel(args) => {
            let (settings, _sim) = setup::prepare(&flags)?;
            lifecycle::cancel(&settings, &args)
        }
        Command::Watch(mut args) => {
            let (mut settings, _sim) = setup::prepare(&flags)?;
            (args.deadline, settings.timeout) = cli.global.wait_limits(args.deadline, None);
            watch::run(&settings, &args)
        }
        Command::Desktops(args) => {
            let (mut settings, _sim) = setup::prepare(&flags)?;
            settings.style.no_headers = args.no_headers;
            desktops::run(&settings, &args)
        }
        Command::Log(args) => {
            let (mut settings, _sim) = setup::prepare(&flags)?;
            settings.style.no_headers = args.no_headers;
            log::run(&settings, &args)
        }
        Command::Sessions(args) => {
            sessions::refuse_unconfirmed(&args)?;
            let (mut settings, _sim) = setup::prepare(&flags)?;
            settings.style.no_headers = args.no_headers;
            sessions::run(&settings, &args)
        }
    }
}
