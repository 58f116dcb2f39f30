//! What every command that talks to the API does first: resolve the settings (starting the
//! demo's simulator if they need it), say their warnings, and build the client.

use super::demo;
use crate::api::Client;
use crate::config::{self, Overrides, Settings};
use crate::messages::{self, msg};
use crate::outcome::{Failure, Kind};
use crate::output::OutputFormat;

/// The settings of a command that talks to the API, its warnings said on stderr; for the
/// demo profile also the simulator, which serves as long as the guard lives.
pub fn prepare(flags: &Overrides) -> anyhow::Result<(Settings, Option<demo::Guard>)> {
    let mut guard = None;
    let settings = config::resolve_with(flags, &mut || {
        let (started, builtin) = demo::start()?;
        guard = Some(started);
        Ok(Some(builtin))
    })?;
    for notice in &settings.warnings {
        messages::say(notice.level, &notice.message);
    }
    Ok((settings, guard))
}

/// The settings of a command that reads only local files (`log`): nothing is started, not
/// even the demo's simulator; their warnings said on stderr.
pub fn local(flags: &Overrides) -> anyhow::Result<Settings> {
    let settings = config::resolve(flags)?;
    for notice in &settings.warnings {
        messages::say(notice.level, &notice.message);
    }
    Ok(settings)
}

/// `-o prometheus` is what `sessions` prints; any other command refuses it before any request,
/// naming where it works (a profile's `output` included).
pub fn refuse_prometheus(format: OutputFormat, command: &str) -> Result<(), Failure> {
    if format != OutputFormat::Prometheus {
        return Ok(());
    }
    Err(Failure::new(
        Kind::Usage,
        format!("`{command}` cannot print -o prometheus: only `assist sessions` prints metrics"),
    )
    .with_hint(msg!("hint-prometheus-where")))
}

/// The API client for these settings; `-v` lines go to stderr.
pub fn client(settings: &Settings) -> anyhow::Result<Client> {
    crate::session::connect(settings, settings.max_attempts)
}
