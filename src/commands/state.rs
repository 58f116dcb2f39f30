//! The `watch --state` file: what was last seen per desktop, locked while a run uses it and
//! replaced atomically, so cron runs neither lose nor corrupt it.

use std::collections::HashMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::poll::Seen;
use crate::outcome::{Failure, Kind};
use crate::units::spoken;
use std::sync::atomic::{AtomicBool, Ordering};

const VERSION: u32 = 1;
/// How long a run waits for another run to release the state file (tests shorten it).
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// A state file that cannot be used: a setup problem of the cron job, not of the program.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("the state file {} cannot be used: {why}", path.display())]
    Unusable { path: PathBuf, why: String },
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
    /// Locks and reads the file; a missing file is empty, a corrupt or foreign one draws a
    /// warning and is treated as empty (it is rewritten at the end of the run).
    pub fn open(path: &Path, interrupted: &AtomicBool) -> anyhow::Result<StateFile> {
        let wait = crate::testing::limit("ASSIST_TEST_LOCK_WAIT", LOCK_WAIT);
        Self::open_waiting(path, interrupted, wait)
    }

    fn open_waiting(
        path: &Path,
        interrupted: &AtomicBool,
        wait: Duration,
    ) -> anyhow::Result<StateFile> {
        if path.is_dir() {
            return Err(unusable(path, "it is a directory").into());
        }
        let lock_path = lock_path(path);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| {
                unusable(
                    path,
                    &format!("cannot create its lock {}: {e}", lock_path.display()),
                )
            })?;
        wait_for_lock(&lock, path, interrupted, wait)?;
        let seen = read(path);
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
        crate::files::write_private(&self.path, &text)
            .map_err(|e| unusable(&self.path, &format!("cannot write it: {e}")).into())
    }
}

fn unusable(path: &Path, why: &str) -> StateError {
    StateError::Unusable {
        path: path.to_path_buf(),
        why: why.to_string(),
    }
}

/// Concurrent cron runs take turns; but a run must not wait forever behind a long `watch`
/// that holds the same file, so give up after a while and say who to look for.
fn wait_for_lock(
    lock: &File,
    path: &Path,
    interrupted: &AtomicBool,
    wait: Duration,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + wait;
    let mut told = false;
    loop {
        if interrupted.load(Ordering::SeqCst) {
            return Err(Failure::new(
                Kind::Interrupted,
                "interrupted while waiting for the state file",
            )
            .into());
        }
        match lock.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                // Say why nothing happens yet, once: a silent wait looks like a hang.
                if !std::mem::replace(&mut told, true) {
                    eprintln!(
                        "waiting up to {} for the state file {}, in use by another assist run",
                        spoken(wait),
                        path.display()
                    );
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
                return Err(e)
                    .with_context(|| format!("cannot lock the state file {}", path.display()))
            }
        }
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

fn read(path: &Path) -> HashMap<String, Seen> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return HashMap::new(),
        Err(e) => {
            eprintln!(
                "warning: cannot read the state file {} ({e}); starting afresh",
                path.display()
            );
            return HashMap::new();
        }
    };
    match serde_json::from_str::<Contents>(&text) {
        Ok(c) if c.assist_state == VERSION => c.desktops,
        _ => {
            eprintln!(
                "warning: {} is not an assist state file (corrupt or foreign); treating it as empty and rewriting it",
                path.display()
            );
            HashMap::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_state_file_is_waited_for_then_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let held = StateFile::open(&path, &AtomicBool::new(false)).unwrap();
        let started = Instant::now();
        let wait = Duration::from_millis(300);
        let err = StateFile::open_waiting(&path, &AtomicBool::new(false), wait)
            .err()
            .unwrap();
        assert!(started.elapsed() >= wait);
        assert_eq!(
            err.to_string(),
            format!(
                "the state file {} is in use by another assist run (waited 300 ms)",
                path.display()
            )
        );
        assert!(err.is::<StateError>());
        drop(held);
        assert!(StateFile::open(&path, &AtomicBool::new(false)).is_ok());
    }

    #[test]
    fn a_saved_state_reads_back_and_garbage_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut seen = HashMap::new();
        seen.insert(
            "d1".to_string(),
            Seen {
                status: Some("OPEN".into()),
                invitation_code: Some("AB12CD34".into()),
                failed_reason: None,
            },
        );
        {
            let file = StateFile::open(&path, &AtomicBool::new(false)).unwrap();
            assert!(file.seen.is_empty());
            file.save(&seen).unwrap();
        }
        assert_eq!(
            StateFile::open(&path, &AtomicBool::new(false))
                .unwrap()
                .seen,
            seen
        );
        std::fs::write(&path, "not json{{").unwrap();
        assert!(StateFile::open(&path, &AtomicBool::new(false))
            .unwrap()
            .seen
            .is_empty());
    }
}
