//! One file per command; `run` dispatches the parsed command line to them.

mod completions;
mod desktops;
mod lifecycle;
mod poll;
mod select;
mod show;
mod state;
mod watch;

pub use show::validate_desktop_id;

use crate::api::{Client, ClientOptions, Trace};
use crate::cli::{Cli, Command};
use crate::config::{self, Settings};
use crate::exit::Code;

/// Runs the command; the exit code of a success (errors carry theirs).
pub fn run(cli: Cli) -> anyhow::Result<Code> {
    match cli.command {
        Command::Completions { shell } => completions::run(shell),
        Command::Sim(args) => crate::sim::run(&args).map(|()| Code::Success),
        Command::Show(args) => {
            let mut settings = config::resolve(&cli.global)?;
            settings.style.show_password = args.show_password;
            show::run(&settings, &args)
        }
        Command::Start(args) => lifecycle::start(&config::resolve(&cli.global)?, &args),
        Command::Cancel(args) => lifecycle::cancel(&config::resolve(&cli.global)?, &args),
        Command::Watch(args) => watch::run(&config::resolve(&cli.global)?, &args),
        Command::Desktops(args) => desktops::run(&config::resolve(&cli.global)?, &args),
    }
}

/// The API client for these settings; `-v` lines go to stderr.
fn client(settings: &Settings) -> anyhow::Result<Client> {
    client_with_attempts(settings, settings.max_attempts)
}

fn client_with_attempts(settings: &Settings, max_attempts: u32) -> anyhow::Result<Client> {
    let c = &settings.connection;
    Client::new(ClientOptions {
        endpoint: c.endpoint.clone(),
        project_id: c.project_id.clone(),
        credentials: c.credentials.clone(),
        connect_timeout: settings.connect_timeout,
        timeout: settings.timeout,
        max_attempts,
        trace: if settings.verbose > 0 {
            Trace {
                level: settings.verbose,
                sink: Box::new(|line| eprintln!("{line}")),
            }
        } else {
            Trace::off()
        },
    })
}
