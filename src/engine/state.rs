//! The `watch --state` file: what was last seen per desktop, locked while a run uses it and
//! replaced atomically, so cron runs neither lose nor corrupt it; never opened through a
//! symbolic link, and never a file that is not a state file.

use std::collections::HashMap;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::plan::Seen;
use crate::messages::{msg, os_error, unsafe_file, unsafe_why, Level, Message};
use crate::outcome::{Explain, Failure};
use crate::units::spoken;
use std::sync::atomic::{AtomicBool, Ordering};

const VERSION: u32 = 1;
/// How long a run waits for another run to release the state file (tests shorten it).
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// No state file comes near this (a line per desktop): a bigger file is something else.
const READ_LIMIT: u64 = 64 * 1024 * 1024;

/// A state file that cannot be used: a setup problem of the cron job, not of the program.
/// Why is said in the catalogue's words; the `Display` text (logs) is their English.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("the state file {} cannot be used: {why}", path.display())]
    Unusable { path: PathBuf, why: Message },
    #[error("the state file {} is in use by another assist run (waited {})", path.display(), spoken(*waited))]
    Busy { path: PathBuf, waited: Duration },
}

#[derive(Serialize, Deserialize)]
struct Contents {
    assist_state: u32,
    desktops: HashMap<String, Seen>,
}

/// An open state file; the lock on `FILE.lock` is held until this is dropped.
pub struct StateFile {
    path: PathBuf,
    _lock: File,
    pub seen: HashMap<String, Seen>,
}

impl StateFile {
    /// Locks and reads the file; a missing or empty file is empty. A file that is not a state
    /// file, a symbolic link, a FIFO or a device (at the file or its lock: refused at once,
    /// never waited on), a file of another user, or a directory others may write to without
    /// the sticky bit is refused (exit 3): a cron job of root must not be steered.
    /// While another run holds it, `say` hears (once) why nothing happens yet.
    pub fn open(
        path: &Path,
        interrupted: &AtomicBool,
        mut say: impl FnMut(Level, &Message),
    ) -> anyhow::Result<StateFile> {
        let wait = crate::testing::limit("ASSIST_TEST_LOCK_WAIT", LOCK_WAIT);
        Self::open_waiting(path, interrupted, wait, &mut say)
    }

    fn open_waiting(
        path: &Path,
        interrupted: &AtomicBool,
        wait: Duration,
        say: &mut dyn FnMut(Level, &Message),
    ) -> anyhow::Result<StateFile> {
        if path.is_dir() {
            return Err(unusable(path, msg!("state-why-directory")).into());
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        crate::files::check_dir(dir).map_err(|e| unusable(path, unsafe_file(&e)))?;
        let lock_path = lock_path(path);
        let lock = crate::files::open_lock(&lock_path).map_err(|e| {
            let lock = lock_path.display();
            let why = if crate::files::is_link_refused(&e) {
                msg!("state-why-lock-link", lock = lock)
            } else if crate::files::refusal(&e).is_some() {
                msg!("state-why-lock", lock = lock).quote("why", os_error(&e))
            } else {
                msg!("state-why-lock-create", lock = lock).quote("error", os_error(&e))
            };
            unusable(path, why)
        })?;
        crate::files::check_owner(&lock, &lock_path).map_err(|e| {
            let lock = msg!("state-why-lock", lock = lock_path.display());
            unusable(path, lock.quote("why", unsafe_why(&e.why)))
        })?;
        wait_for_lock(&lock, path, interrupted, wait, say)?;
        let seen = read(path)?;
        Ok(StateFile {
            path: path.to_path_buf(),
            _lock: lock,
            seen,
        })
    }

    /// Replaces the file atomically, readable by the user alone (it holds invitation codes).
    pub fn save(&self, seen: &HashMap<String, Seen>) -> anyhow::Result<()> {
        let contents = Contents {
            assist_state: VERSION,
            desktops: seen.clone(),
        };
        let text = serde_json::to_string_pretty(&contents)?;
        crate::files::write_private(&self.path, &text).map_err(|e| {
            let why = msg!("state-why-write").quote("error", os_error(&e));
            unusable(&self.path, why).into()
        })
    }
}

fn unusable(path: &Path, why: Message) -> StateError {
    StateError::Unusable {
        path: path.to_path_buf(),
        why,
    }
}

/// Concurrent cron runs take turns; but a run must not wait forever behind a long `watch`
/// that holds the same file, so give up after a while and say who to look for.
fn wait_for_lock(
    lock: &File,
    path: &Path,
    interrupted: &AtomicBool,
    wait: Duration,
    say: &mut dyn FnMut(Level, &Message),
) -> anyhow::Result<()> {
    let deadline = Instant::now() + wait;
    let mut told = false;
    loop {
        if interrupted.load(Ordering::SeqCst) {
            let kind = super::signals::kind();
            let said = Failure::quoting(kind, &kind.signal_message(), |signal| {
                msg!("err-state-signal", signal = signal)
            });
            return Err(said.into());
        }
        match lock.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                // Say why nothing happens yet, once: a silent wait looks like a hang.
                if !std::mem::replace(&mut told, true) {
                    let waiting = msg!(
                        "engine-state-file-wait",
                        wait = spoken(wait),
                        path = path.display()
                    );
                    say(Level::Plain, &waiting);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StateError::Busy {
                    path: path.to_path_buf(),
                    waited: wait,
                }
                .into())
            }
            Err(TryLockError::Error(e)) => {
                return Err(e).explain_with(|| msg!("err-state-lock", path = path.display()))
            }
        }
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// The desktops a state file remembers. A missing or empty file remembers none; anything
/// that is not a state file of assist (the ID list given by mistake, a link, another
/// user's file) is refused rather than overwritten.
fn read(path: &Path) -> Result<HashMap<String, Seen>, StateError> {
    let (text, file) = match crate::files::read_nofollow(path, READ_LIMIT) {
        Ok(Some(read)) => read,
        Ok(None) => return Err(foreign(path, msg!("state-why-too-large"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) if crate::files::is_link_refused(&e) => {
            return Err(unusable(path, msg!("state-why-link")))
        }
        Err(e) => {
            // A refused open (a FIFO, a device) is said as the files room's reason itself.
            let why = match crate::files::refusal(&e) {
                Some(_) => os_error(&e),
                None => msg!("state-why-read").quote("error", os_error(&e)),
            };
            return Err(unusable(path, why));
        }
    };
    crate::files::check_owner(&file, path).map_err(|e| unusable(path, unsafe_why(&e.why)))?;
    if text.trim().is_empty() {
        return Ok(HashMap::new());
    }
    match serde_json::from_str::<Contents>(&text) {
        Ok(c) if c.assist_state == VERSION => Ok(c.desktops),
        Ok(c) => Err(foreign(
            path,
            msg!("state-why-version", version = c.assist_state),
        )),
        Err(_) => Err(foreign(path, msg!("state-why-not-state"))),
    }
}

/// A file that is not a state file of this assist: kept as it is.
fn foreign(path: &Path, why: Message) -> StateError {
    unusable(path, msg!("state-why-foreign").quote("why", why))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nothing to hear: the file is free.
    fn quiet(_: Level, _: &Message) {}

    #[test]
    fn a_held_state_file_is_waited_for_then_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let held = StateFile::open(&path, &AtomicBool::new(false), quiet).unwrap();
        let started = Instant::now();
        let wait = Duration::from_millis(300);
        let mut said = Vec::new();
        let mut hear = |level, m: &Message| said.push(crate::messages::line(level, m));
        let err = StateFile::open_waiting(&path, &AtomicBool::new(false), wait, &mut hear)
            .err()
            .unwrap();
        assert!(started.elapsed() >= wait);
        // Said once, however many times the lock was tried.
        assert_eq!(
            said,
            [format!(
                "waiting up to 300 ms for the state file {}, in use by another assist run",
                path.display()
            )]
        );
        assert_eq!(
            err.to_string(),
            format!(
                "the state file {} is in use by another assist run (waited 300 ms)",
                path.display()
            )
        );
        assert!(err.is::<StateError>());
        drop(held);
        assert!(StateFile::open(&path, &AtomicBool::new(false), quiet).is_ok());
    }

    #[test]
    fn a_saved_state_reads_back_and_garbage_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut seen = HashMap::new();
        seen.insert(
            "d1".to_string(),
            Seen {
                status: Some("OPEN".into()),
                invitation_code: Some("AB12CD34".into()),
                failed_reason: None,
                doubted: false,
            },
        );
        {
            let file = StateFile::open(&path, &AtomicBool::new(false), quiet).unwrap();
            assert!(file.seen.is_empty());
            file.save(&seen).unwrap();
        }
        assert_eq!(
            StateFile::open(&path, &AtomicBool::new(false), quiet)
                .unwrap()
                .seen,
            seen
        );
        std::fs::write(&path, "not json{{").unwrap();
        let err = StateFile::open(&path, &AtomicBool::new(false), quiet)
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("is not a state file of assist"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not json{{");
        std::fs::write(&path, "\n").unwrap();
        assert!(StateFile::open(&path, &AtomicBool::new(false), quiet)
            .unwrap()
            .seen
            .is_empty());
    }
}
