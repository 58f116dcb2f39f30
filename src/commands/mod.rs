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
mod tenant;
mod watch;

use crate::cli::{Cli, Command};
use crate::config::Overrides;
use crate::outcome::Outcome;

/// Runs the command with the overrides parsed alongside it; how it ended when there is no
/// error to report.
pub fn run(cli: Cli, flags: Overrides) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Manpages { dir } => completions::write_all(&dir),
        Command::Config(sub) => config::run(&flags, &sub),
        #[cfg(feature = "sim")]
        Command::Sim(args) if args.reset_demo => demo::reset().map(|()| Outcome::Done),
        #[cfg(feature = "sim")]
        Command::Sim(args) => demo::serve(&args).map(|()| Outcome::Done),
        #[cfg(not(feature = "sim"))]
        Command::Sim { .. } => Err(demo::missing().into()),
        Command::Show(args) => {
            let (settings, _sim) = setup::prepare(&flags)?;
            show::run(&settings, &args)
        }
        Command::Start(args) => {
            lifecycle::refuse_unconfirmed(&args)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            lifecycle::start(&settings, &args)
        }
        Command::Cancel(args) => {
            let (settings, _sim) = setup::prepare(&flags)?;
            lifecycle::cancel(&settings, &args)
        }
        Command::Watch(args) => {
            let (settings, _sim) = setup::prepare(&flags)?;
            watch::run(&settings, &args)
        }
        Command::Desktops(args) => {
            let (settings, _sim) = setup::prepare(&flags)?;
            desktops::run(&settings, &args)
        }
        Command::Settings(args) => {
            tenant::refuse_unconfirmed(&args)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            tenant::settings(&settings, &args)
        }
        Command::Message(args) => {
            let (settings, _sim) = setup::prepare(&flags)?;
            tenant::message(&settings, &args)
        }
        Command::Log(args) => log::run(&setup::local(&flags)?, &args),
        Command::Sessions(args) => {
            sessions::refuse_unconfirmed(&args)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            sessions::run(&settings, &args)
        }
    }
}
