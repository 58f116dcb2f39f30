//! What every command that talks to the API does first: resolve the settings (starting the
//! demo's simulator if they need it), take the profile's language, say their warnings, and
//! build the client.

use super::demo;
use crate::api::Client;
use crate::config::{self, sourced, Overrides, Settings, Source, Sourced};
use crate::messages::lang::{self, Origin};
use crate::messages::{self, msg, Lang};
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
    settle(&settings);
    Ok((settings, guard))
}

/// The settings of a command that reads only local files (`log`): nothing is started, not
/// even the demo's simulator; their warnings said on stderr.
pub fn local(flags: &Overrides) -> anyhow::Result<Settings> {
    let settings = config::resolve(flags)?;
    settle(&settings);
    Ok(settings)
}

/// Once the settings are built: the profile's `lang` takes over from the locale (not from
/// `--lang` or `ASSIST_LANG`), then the settings' warnings are said, in that language.
fn settle(settings: &Settings) {
    lang::from_profile(settings.lang.as_ref().map(|l| l.value));
    for notice in &settings.warnings {
        messages::say(notice.level, &notice.message);
    }
}

/// The language of the run and what chose it, for `config show`.
pub fn language(settings: &Settings) -> Sourced<Lang> {
    let source = match lang::origin() {
        Origin::Flag => Source::Flag("lang".into()),
        Origin::Env => Source::Env("ASSIST_LANG".into()),
        Origin::Profile => settings
            .lang
            .as_ref()
            .map_or(Source::Default, |l| l.source.clone()),
        Origin::Locale(var) => Source::Env(var.into()),
        Origin::Default => Source::Default,
    };
    sourced(lang::current(), source)
}

/// `-o prometheus` is what `sessions` prints; any other command refuses it before any request,
/// naming where it works (a profile's `output` included).
pub fn refuse_prometheus(format: OutputFormat, command: &str) -> Result<(), Failure> {
    if format != OutputFormat::Prometheus {
        return Ok(());
    }
    Err(Failure::new(
        Kind::Usage,
        msg!("err-prometheus-refused", command = command),
    )
    .with_hint(msg!("hint-prometheus-where")))
}

/// The API client for these settings; `-v` lines go to stderr.
pub fn client(settings: &Settings) -> anyhow::Result<Client> {
    crate::session::connect(settings, settings.max_attempts)
}
