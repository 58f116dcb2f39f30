//! Where a secret comes from (inline, a command, a file, an environment variable) and reading
//! it: commands run through `sh -c` with a time limit, their stderr quoted on failure.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::messages::{msg, os_error, Message};
use crate::secret::Secret;
use crate::units::spoken;

/// How long a secret command may take (tests shorten it).
const COMMAND_LIMIT: Duration = Duration::from_secs(10);

/// One secret's origin. `describe` says where it comes from without ever revealing it.
#[derive(Clone)]
pub enum SecretSource {
    /// Written in a file (the config or the SDK credentials file) or set in the environment.
    Value {
        value: Secret,
        /// Where it was written: a catalogue message, said in the run's language.
        origin: Message,
    },
    Command {
        key: String,
        command: String,
    },
    File {
        key: String,
        path: PathBuf,
    },
}

/// Never the value, nor a command's text (it may embed the secret): only where it comes from.
impl std::fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretSource({})", self.describe())
    }
}

/// Why a secret could not be read: the profile's command or file is at fault, not the program.
/// Said in the catalogue's words; the `Display` text (logs) is their English.
#[derive(Debug, thiserror::Error)]
#[error("could not read a secret: {0}")]
pub struct SecretError(pub Message);

impl SecretSource {
    /// Where the secret comes from, in English: for logs, JSON and `Debug`.
    pub fn describe(&self) -> String {
        self.said().render_in(crate::messages::lang::Lang::En)
    }

    /// Where the secret comes from, as a message a person reads in the run's language.
    pub fn said(&self) -> Message {
        match self {
            SecretSource::Value { origin, .. } => origin.clone(),
            // The command line itself is not shown: it may embed the secret (`echo …`).
            SecretSource::Command { key, .. } => msg!("secret-from-command", key = key),
            SecretSource::File { key, path } => {
                msg!("secret-from-file", key = key, path = path.display())
            }
        }
    }

    /// The secret, which from now on no output of this run may show (see `text::forbid`).
    pub fn read(&self) -> Result<Secret, SecretError> {
        let value = match self {
            SecretSource::Value { value, .. } => {
                crate::text::forbid(value.expose());
                return Ok(value.clone());
            }
            SecretSource::Command { key, command } => one_line(
                key,
                run(
                    key,
                    command,
                    crate::testing::limit("ASSIST_TEST_SECRET_LIMIT", COMMAND_LIMIT),
                )?,
            )?,
            SecretSource::File { key, path } => std::fs::read_to_string(path).map_err(|e| {
                let unreadable = msg!("secret-file-unreadable", key = key, path = path.display());
                SecretError(unreadable.quote("error", os_error(&e)))
            })?,
        };
        let trimmed = value.trim();
        crate::text::forbid(trimmed);
        if trimmed.is_empty() {
            return Err(SecretError(
                Message::new("secret-empty").quote("source", self.said()),
            ));
        }
        Ok(Secret::new(trimmed))
    }
}

/// A command's output is the secret only when it is one line (its newline trimmed): what
/// `pass show` prints after the first line (`url: …`, `login: …`) must never be sent as
/// part of a secret. The lines are not quoted: the first one is likely the secret.
fn one_line(key: &str, output: String) -> Result<String, SecretError> {
    let body = output.strip_suffix('\n').unwrap_or(&output);
    let body = body.strip_suffix('\r').unwrap_or(body);
    let lines = body.split('\n').count();
    if lines > 1 {
        if let Some(first) = body.lines().next() {
            crate::text::forbid(first);
        }
        return Err(SecretError(msg!("secret-lines", key = key, lines = lines)));
    }
    Ok(body.to_string())
}

/// Runs `sh -c COMMAND` with no stdin, a time limit, and its stdout as the secret. Off a
/// terminal the command gets a process group of its own, so that the limit ends everything
/// it started; on a terminal it stays in the foreground group, where it may prompt.
fn run(key: &str, command: &str, limit: Duration) -> Result<String, SecretError> {
    // The command line is never quoted: it may embed the secret (`echo …`).
    let fail = |why: Message| SecretError(msg!("secret-command", key = key).quote("why", why));
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    if !std::io::stdin().is_terminal() {
        std::os::unix::process::CommandExt::process_group(&mut shell, 0);
    }
    let mut child = shell
        .spawn()
        .map_err(|e| fail(msg!("command-not-started").quote("error", os_error(&e))))?;
    // Read both pipes on threads so a chatty command cannot block on a full pipe.
    let started = std::time::Instant::now();
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = match child.wait_timeout(limit) {
        Ok(Some(status)) => status,
        Ok(None) => {
            kill_all(&mut child);
            return Err(fail(msg!("secret-timed-out", limit = spoken(limit))));
        }
        Err(e) => {
            return Err(fail(
                msg!("command-not-waited").quote("error", os_error(&e)),
            ))
        }
    };
    // A background process started by the command may keep the pipes open after `sh` is
    // gone: the limit covers the output as well, not only the exit.
    let left = || limit.saturating_sub(started.elapsed());
    let (Ok(out), Ok(err)) = (stdout.recv_timeout(left()), stderr.recv_timeout(left())) else {
        kill_all(&mut child);
        return Err(fail(msg!("secret-output-open", limit = spoken(limit))));
    };
    if !status.success() {
        // Its stderr may quote what it printed (the secret): masked, as every known secret.
        let out = String::from_utf8_lossy(&out);
        let err = String::from_utf8_lossy(&err);
        let err = crate::text::mask_values(err.trim(), out.lines().map(str::trim));
        let stderr = crate::text::snippet(&err, 300);
        return Err(fail(match status.code() {
            Some(code) => msg!("secret-failed-status", code = code, stderr = stderr),
            None => msg!("secret-failed-signal", stderr = stderr),
        }));
    }
    String::from_utf8(out).map_err(|_| fail(msg!("secret-not-utf8")))
}

/// Ends the command and whatever it started in its process group (a `sleep` in the
/// background, a pinentry), then reaps it.
fn kill_all(child: &mut std::process::Child) {
    #[cfg(unix)]
    if !std::io::stdin().is_terminal() {
        if let Ok(group) = i32::try_from(child.id()) {
            // SAFETY: kill has no memory preconditions; a negative pid names the group that
            // `process_group(0)` made for this child alone.
            unsafe { libc::kill(-group, libc::SIGKILL) };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Reads a pipe to its end on a thread; the result arrives on the channel.
fn drain(pipe: Option<impl Read + Send + 'static>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = pipe {
            let _ = p.take(1024 * 1024).read_to_end(&mut buf);
        }
        let _ = tx.send(buf);
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(c: &str) -> SecretSource {
        SecretSource::Command {
            key: "sk_command".into(),
            command: c.into(),
        }
    }

    #[test]
    fn a_command_prints_the_secret_trimmed() {
        assert_eq!(
            cmd("printf ' s3cret \\n'").read().unwrap().expose(),
            "s3cret"
        );
    }

    #[test]
    fn a_failing_command_quotes_its_stderr() {
        let e = cmd("echo nope >&2; exit 3")
            .read()
            .unwrap_err()
            .0
            .to_string();
        assert!(e.contains("failed with status 3"), "{e}");
        assert!(e.contains("\"nope\""), "{e}");
    }

    #[test]
    fn a_background_child_holding_the_output_cannot_hang_us() {
        let started = std::time::Instant::now();
        let limit = Duration::from_secs(2);
        let e = run("sk_command", "sleep 30 & echo s3cret", limit)
            .unwrap_err()
            .0
            .to_string();
        assert_eq!(
            e,
            "sk_command exited but kept its output open past 2 s (a background process?)"
        );
        assert!(started.elapsed() < limit + Duration::from_secs(3));
    }

    #[test]
    fn a_command_past_its_limit_is_stopped() {
        let started = std::time::Instant::now();
        let e = run("sk_command", "sleep 30", Duration::from_millis(300))
            .unwrap_err()
            .0
            .to_string();
        assert_eq!(e, "sk_command did not finish within 300 ms");
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(
            COMMAND_LIMIT,
            Duration::from_secs(10),
            "the limit users get"
        );
    }

    #[test]
    fn debug_never_shows_a_command_or_a_value() {
        let text = format!("{:?}", cmd("echo s3cret"));
        assert_eq!(text, "SecretSource(sk_command)");
        let v = SecretSource::Value {
            value: Secret::new("s3cret"),
            origin: msg!("secret-of-notify", name = "here"),
        };
        assert!(!format!("{v:?}").contains("s3cret"));
    }

    #[test]
    fn a_command_must_print_one_line() {
        assert_eq!(
            cmd("printf 's3cret\\r\\n'").read().unwrap().expose(),
            "s3cret"
        );
        let e = cmd("printf 's3cret\\nurl: x\\n'")
            .read()
            .unwrap_err()
            .0
            .to_string();
        assert_eq!(
            e,
            "could not read a secret: sk_command printed 2 lines; the secret must be the first and only line, e.g. `pass show x | head -1`"
                .trim_start_matches("could not read a secret: ")
        );
        assert!(
            cmd("printf 's3cret\\n\\n'").read().is_err(),
            "a blank second line too"
        );
    }

    #[test]
    fn a_failing_command_never_quotes_what_it_printed() {
        let e = cmd("echo printed-value; echo \"no: printed-value\" >&2; exit 1")
            .read()
            .unwrap_err()
            .0
            .to_string();
        assert!(e.contains("\"no: (redacted)\""), "{e}");
    }

    #[test]
    fn an_empty_answer_is_an_error() {
        assert!(cmd("true")
            .read()
            .unwrap_err()
            .0
            .to_string()
            .contains("empty"));
    }
}
