//! The built-in `demo` profile's set-up: start the simulator in-process on 127.0.0.1 for the
//! settings to point at. Command set-up, not configuration: `config` only asks for it.
//!
//! The demo tells one story across commands: its simulator's sessions are saved in a small
//! file of the cache dir when a command ends and taken up by the next one, so that
//! `start --user erin --wait` and then `show --user erin` show the same session.
//! `assist sim --reset-demo` starts it over. Demo commands may run at once (two `start
//! --wait` in two terminals): each saves under a lock, merging what it changed into what is
//! on disk then, so that neither loses the other's session.

#[cfg(feature = "sim")]
use std::path::{Path, PathBuf};

use crate::config::{self, Builtin, ConfigError};
#[cfg(feature = "sim")]
use crate::messages;
use crate::messages::msg;
#[cfg(feature = "sim")]
use crate::outcome::explained;

/// The file, in the cache dir, that keeps the demo's sessions between commands.
#[cfg(feature = "sim")]
const STATE_FILE: &str = "demo-sim.json";

/// More than any demo's sessions take; a larger file is not the demo's and is not read.
#[cfg(feature = "sim")]
const STATE_LIMIT: u64 = 8 << 20;

/// Keeps the demo's simulator serving until dropped at the end of the command, then saves
/// its sessions for the next command.
#[cfg(feature = "sim")]
pub struct Guard {
    handle: assist_sim::Handle,
    state: Option<PathBuf>,
}

#[cfg(feature = "sim")]
impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(path) = &self.state {
            if let Err(e) = self.save(path) {
                let not_saved = msg!("demo-not-saved", path = path.display());
                messages::warn(&not_saved.quote("error", messages::os_error(&e)));
            }
        }
    }
}

#[cfg(feature = "sim")]
impl Guard {
    /// Read-modify-write under the lock: another demo command may have saved since this one
    /// started, and its sessions must survive this one's save.
    fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            crate::files::create_private_dir(dir)?;
        }
        let lock = crate::files::open_lock(&lock_path(path))?;
        // Held for a read and a write only, so waiting without a limit is short.
        lock.lock()?;
        let current = read_state(path)?;
        crate::files::write_private(path, &self.handle.saved_state_over(current.as_deref()))
    }
}

/// The saved state's text; `None` when there is none. A symbolic link is not followed.
#[cfg(feature = "sim")]
fn read_state(path: &Path) -> std::io::Result<Option<String>> {
    match crate::files::read_nofollow(path, STATE_LIMIT) {
        Ok(Some((text, _))) => Ok(Some(text)),
        Ok(None) => Err(std::io::Error::other(messages::Worded(msg!(
            "demo-why-too-large"
        )))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(feature = "sim")]
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

#[cfg(not(feature = "sim"))]
pub type Guard = std::convert::Infallible;

#[cfg(feature = "sim")]
fn state_path() -> Option<PathBuf> {
    config::cache_dir().map(|dir| dir.join(STATE_FILE))
}

/// Starts the simulator for the built-in demo, going on from the state the previous demo
/// command left (a state that cannot be read is set aside with a warning); the settings
/// resolve against what it returns.
#[cfg(feature = "sim")]
pub fn start() -> Result<(Guard, Builtin), ConfigError> {
    let mut args = assist_sim::SimArgs::demo();
    // No seeded session waits for ever: each moves on from the first look.
    args.lively = true;
    let state = state_path();
    let saved = state.as_deref().and_then(|p| read_state(p).ok().flatten());
    let handle = match assist_sim::spawn_saved(&args, saved.as_deref()) {
        Ok(handle) => handle,
        Err(e) if saved.is_some() => {
            messages::warn(&msg!("demo-saved-unreadable", error = format!("{e:#}")));
            assist_sim::spawn(&args).map_err(unavailable)?
        }
        Err(e) => return Err(unavailable(e)),
    };
    let builtin = Builtin {
        endpoint: handle.url(),
        project_id: assist_sim::DEMO_PROJECT_ID.to_string(),
        ak: assist_sim::DEMO_AK.to_string(),
        sk: crate::secret::Secret::new(assist_sim::DEMO_SK),
    };
    Ok((Guard { handle, state }, builtin))
}

#[cfg(feature = "sim")]
fn unavailable(e: anyhow::Error) -> ConfigError {
    ConfigError::invalid(
        msg!("err-demo-unavailable", reason = format!("{e:#}")),
        msg!("hint-demo-unavailable"),
    )
}

/// `assist sim`: runs the simulator; an address already taken is the setup's fault (exit 3),
/// said plainly.
#[cfg(feature = "sim")]
pub fn serve(args: &assist_sim::SimArgs) -> anyhow::Result<()> {
    assist_sim::run(args).map_err(|e| {
        let taken = e.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse)
        });
        if !taken {
            return e;
        }
        ConfigError::invalid(
            msg!("err-sim-port-taken", addr = &args.addr),
            msg!("hint-sim-port-taken"),
        )
        .into()
    })
}

/// `assist sim --reset-demo`: forgets the demo's saved sessions.
#[cfg(feature = "sim")]
pub fn reset() -> anyhow::Result<()> {
    let Some(path) = state_path() else {
        return Err(messages::worded(msg!("err-demo-no-cache")));
    };
    match std::fs::remove_file(&path) {
        Ok(()) => messages::plain(&msg!("demo-forgotten", path = path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            messages::plain(&msg!("demo-nothing-saved"))
        }
        Err(e) => return Err(explained(e, msg!("err-demo-remove", path = path.display()))),
    }
    Ok(())
}

/// This build has no simulator: the demo cannot run, and says so plainly.
#[cfg(not(feature = "sim"))]
pub fn start() -> Result<(Guard, Builtin), ConfigError> {
    Err(missing())
}

/// The error for the demo profile or `assist sim` in a build without the simulator.
#[cfg_attr(feature = "sim", allow(dead_code))]
pub fn missing() -> ConfigError {
    ConfigError::invalid(
        msg!("err-demo-missing", profile = config::DEMO_PROFILE),
        msg!("hint-demo-missing"),
    )
}
