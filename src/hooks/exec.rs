//! `--exec CMD`: `sh -c CMD` once per change, the change only in its environment, on worker
//! threads so that a slow command never holds up the polling. The changes of one desktop go
//! to one worker, in order; a command past `--exec-timeout` is ended with its process group.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::messages::{self, msg, os_error, Message};

/// Workers: changes of different desktops may run side by side, at most this many at once.
const LANES: usize = 4;
/// Changes a worker may hold waiting; past it a change's command is skipped with a warning
/// rather than the watch waiting for it.
const QUEUE: usize = 10_000;

/// Variables of assist's own environment a command never sees: secrets assist reads.
const WITHHELD: [&str; 2] = ["HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN"];

/// One change for the command: its `ASSIST_*` variables, and the desktop for messages.
pub struct Job {
    pub desktop: String,
    pub status: String,
    pub env: Vec<(&'static str, String)>,
}

/// The workers and their queues.
pub struct Exec {
    lanes: Vec<SyncSender<Job>>,
    workers: Vec<JoinHandle<()>>,
    /// A change was skipped for a full queue; said once until the queue has room again.
    full: bool,
    /// The run was interrupted: commands not started yet are skipped, and counted.
    abandon: Arc<AtomicBool>,
    skipped: Arc<AtomicUsize>,
}

impl Exec {
    pub fn start(command: &str, limit: Duration) -> Exec {
        let abandon = Arc::new(AtomicBool::new(false));
        let skipped = Arc::new(AtomicUsize::new(0));
        let (lanes, workers) = (0..LANES)
            .map(|_| {
                let (tx, rx) = mpsc::sync_channel(QUEUE);
                let command = command.to_string();
                let ending = Ending {
                    abandon: abandon.clone(),
                    skipped: skipped.clone(),
                };
                (
                    tx,
                    std::thread::spawn(move || work(&command, limit, &rx, &ending)),
                )
            })
            .unzip();
        Exec {
            lanes,
            workers,
            full: false,
            abandon,
            skipped,
        }
    }

    /// Queues the command for this change behind the earlier changes of its desktop.
    pub fn push(&mut self, job: Job) {
        let lane = &self.lanes[lane_of(&job.desktop)];
        match lane.try_send(job) {
            Ok(()) => self.full = false,
            Err(TrySendError::Full(job)) => {
                if !std::mem::replace(&mut self.full, true) {
                    let d = &job.desktop;
                    messages::warn(&msg!("exec-queue-full", desktop = d, count = QUEUE));
                }
            }
            Err(TrySendError::Disconnected(_)) => {}
        }
    }

    /// Lets the workers run what is queued (each command within its time limit), then ends;
    /// after a signal (`abandon`) only the commands already running are waited for. How many
    /// were skipped.
    pub fn finish(self, abandon: bool) -> usize {
        self.abandon.store(abandon, Ordering::SeqCst);
        drop(self.lanes);
        for worker in self.workers {
            let _ = worker.join();
        }
        self.skipped.load(Ordering::SeqCst)
    }
}

/// The same desktop always goes to the same worker: its commands run in the order of its
/// changes.
fn lane_of(desktop: &str) -> usize {
    let mut hasher = DefaultHasher::new();
    desktop.hash(&mut hasher);
    (hasher.finish() % LANES as u64) as usize
}

/// What a worker needs to know of the run's end.
struct Ending {
    abandon: Arc<AtomicBool>,
    skipped: Arc<AtomicUsize>,
}

fn work(command: &str, limit: Duration, jobs: &Receiver<Job>, ending: &Ending) {
    for job in jobs {
        if ending.abandon.load(Ordering::SeqCst) {
            ending.skipped.fetch_add(1, Ordering::SeqCst);
            continue;
        }
        if let Err(why) = run(command, &job.env, limit) {
            let (desktop, status) = (&job.desktop, &job.status);
            let failed = msg!("exec-failed", desktop = desktop, status = status);
            messages::warn(&failed.quote("why", why));
        }
    }
}

/// Runs `sh -c COMMAND` once: stdin closed, stdout and stderr onto assist's stderr (stdout
/// carries only results), in a process group of its own so that the time limit ends all it
/// started. Why it failed, if it did.
fn run(command: &str, env: &[(&'static str, String)], limit: Duration) -> Result<(), Message> {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command).stdin(Stdio::null());
    shell.stdout(stderr_handle()?).stderr(stderr_handle()?);
    for name in WITHHELD {
        shell.env_remove(name);
    }
    // Server text is data: it travels in variables, never in the command line. A NUL, which
    // no variable can hold, would stop the command from starting at all.
    shell.envs(env.iter().map(|(k, v)| (k, v.replace('\0', "\u{fffd}"))));
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut shell, 0);
    let mut child = shell
        .spawn()
        .map_err(|e| msg!("command-not-started").quote("error", os_error(&e)))?;
    let status = match child.wait_timeout(limit) {
        Ok(Some(status)) => status,
        Ok(None) => {
            kill_group(&mut child);
            let limit = crate::units::format_duration(limit);
            return Err(msg!("exec-timed-out", limit = limit));
        }
        Err(e) => {
            kill_group(&mut child);
            return Err(msg!("command-not-waited").quote("error", os_error(&e)));
        }
    };
    match (status.success(), status.code()) {
        (true, _) => Ok(()),
        (false, Some(code)) => Err(msg!("exec-exit-status", code = code)),
        (false, None) => Err(msg!("exec-signalled")),
    }
}

/// A handle on assist's stderr for the command's output.
fn stderr_handle() -> Result<Stdio, Message> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = std::io::stderr()
            .as_fd()
            .try_clone_to_owned()
            .map_err(|e| msg!("exec-no-stderr").quote("error", os_error(&e)))?;
        Ok(Stdio::from(fd))
    }
    #[cfg(not(unix))]
    Ok(Stdio::inherit())
}

/// Ends the command and everything in the process group `process_group(0)` made for it,
/// then reaps it.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(group) = i32::try_from(child.id()) {
        // SAFETY: kill has no memory preconditions; a negative pid names the child's own group.
        unsafe { libc::kill(-group, libc::SIGKILL) };
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desktop_keeps_its_lane() {
        assert_eq!(lane_of("a"), lane_of("a"));
        assert!(lane_of("b") < LANES);
    }

    #[test]
    fn failures_say_why() {
        let limit = Duration::from_secs(10);
        let failed = run("exit 3", &[], limit).map_err(|m| m.to_string());
        assert_eq!(failed, Err("exited with status 3".into()));
        assert_eq!(run("true", &[], limit), Ok(()));
        let env = [("ASSIST_STATUS", "OPEN".to_string())];
        assert_eq!(run("test \"$ASSIST_STATUS\" = OPEN", &env, limit), Ok(()));
    }
}
