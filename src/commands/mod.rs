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
use crate::output::OutputFormat;

/// Runs the command with the overrides parsed alongside it; how it ended when there is no
/// error to report.
pub fn run(cli: Cli, flags: Overrides) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Manpages { dir } => completions::write_all(&dir),
        Command::Config(sub) => {
            let format = flags.output.as_ref().map(|o| o.value);
            setup::refuse_prometheus(format.unwrap_or(OutputFormat::Table), "config")?;
            config::run(&flags, &sub)
        }
        #[cfg(feature = "sim")]
        Command::Sim(args) if args.reset_demo => demo::reset().map(|()| Outcome::Done),
        #[cfg(feature = "sim")]
        Command::Sim(args) => demo::serve(&args).map(|()| Outcome::Done),
        #[cfg(not(feature = "sim"))]
        Command::Sim { .. } => Err(demo::missing().into()),
        Command::Show(args) => {
            select::refuse_blank(&args.target.select)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            setup::refuse_prometheus(settings.output, "show")?;
            show::run(&settings, &args)
        }
        Command::Start(args) => {
            lifecycle::refuse_unconfirmed(&args)?;
            select::refuse_blank(&args.target.select)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            setup::refuse_prometheus(settings.output, "start")?;
            lifecycle::start(&settings, &args)
        }
        Command::Cancel(args) => {
            select::refuse_blank(&args.target.select)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            setup::refuse_prometheus(settings.output, "cancel")?;
            lifecycle::cancel(&settings, &args)
        }
        Command::Watch(args) => {
            select::refuse_blank(&args.select)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            setup::refuse_prometheus(settings.output, "watch")?;
            watch::run(&settings, &args)
        }
        Command::Desktops(args) => {
            select::refuse_blank(&args.select)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            setup::refuse_prometheus(settings.output, "desktops")?;
            desktops::run(&settings, &args)
        }
        Command::Settings(args) => {
            tenant::refuse_unconfirmed(&args)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            setup::refuse_prometheus(settings.output, "settings")?;
            tenant::settings(&settings, &args)
        }
        Command::Message(args) => {
            select::refuse_blank(&args.select)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            setup::refuse_prometheus(settings.output, "message")?;
            tenant::message(&settings, &args)
        }
        Command::Log(args) => {
            let settings = setup::local(&flags)?;
            setup::refuse_prometheus(settings.output, "log")?;
            log::run(&settings, &args)
        }
        Command::Sessions(args) => {
            sessions::refuse_unconfirmed(&args)?;
            select::refuse_blank(&args.select)?;
            let (settings, _sim) = setup::prepare(&flags)?;
            sessions::run(&settings, &args)
        }
    }
}
