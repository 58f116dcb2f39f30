//! What every command that talks to the API does first: resolve the settings, say their
//! warnings, start the demo's simulator if asked, and build the client.

use super::demo;
use crate::api::Client;
use crate::config::{self, Overrides, Settings};
use crate::messages::{self, msg};

/// The settings of a command that talks to the API, its warnings said on stderr; for the
/// demo profile also the simulator, which serves as long as the guard lives.
pub fn prepare(flags: &Overrides) -> anyhow::Result<(Settings, Option<demo::Guard>)> {
    let mut settings = config::resolve(flags)?;
    let guard = demo::attach(&mut settings, flags)?;
    for warning in settings.warnings.drain(..) {
        messages::plain(&msg!("settings-warning", warning = warning));
    }
    Ok((settings, guard))
}

/// The API client for these settings; `-v` lines go to stderr.
pub fn client(settings: &Settings) -> anyhow::Result<Client> {
    crate::session::connect(settings, settings.max_attempts)
}
