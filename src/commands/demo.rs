//! The built-in `demo` profile's set-up: start the simulator in-process on 127.0.0.1 and point
//! the settings at it. Command set-up, not configuration: `config` only says "the demo".

use crate::config::{self, ConfigError, Overrides, Settings};

/// Keeps the demo's simulator serving until dropped at the end of the command.
#[cfg(feature = "sim")]
pub type Guard = assist_sim::Handle;
#[cfg(not(feature = "sim"))]
pub type Guard = std::convert::Infallible;

/// Starts the simulator when the settings ask for the built-in demo.
#[cfg(feature = "sim")]
pub fn attach(settings: &mut Settings, flags: &Overrides) -> Result<Option<Guard>, ConfigError> {
    if !settings.is_builtin_demo() {
        return Ok(None);
    }
    let handle = assist_sim::spawn(&assist_sim::SimArgs::demo()).map_err(|e| {
        ConfigError::invalid(
            format!("could not start the demo simulator: {e:#}"),
            "the demo needs a free port on 127.0.0.1",
        )
    })?;
    let builtin = config::Builtin {
        endpoint: handle.url(),
        project_id: assist_sim::DEMO_PROJECT_ID.to_string(),
        ak: assist_sim::DEMO_AK.to_string(),
        sk: crate::secret::Secret::new(assist_sim::DEMO_SK),
    };
    config::attach_demo(settings, flags, builtin)?;
    Ok(Some(handle))
}

/// This build has no simulator: the demo cannot run, and says so plainly.
#[cfg(not(feature = "sim"))]
pub fn attach(settings: &mut Settings, _flags: &Overrides) -> Result<Option<Guard>, ConfigError> {
    if !settings.is_builtin_demo() {
        return Ok(None);
    }
    Err(missing())
}

/// The error for the demo profile or `assist sim` in a build without the simulator.
#[cfg_attr(feature = "sim", allow(dead_code))]
pub fn missing() -> ConfigError {
    ConfigError::invalid(
        format!(
            "this build of assist has no simulator, so the built-in \"{}\" profile and `assist sim` are not available",
            config::DEMO_PROFILE
        ),
        "use a build with the default features (e.g. `cargo install --path .`), or a profile of your own (`assist config init`)",
    )
}
