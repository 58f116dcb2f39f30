//! The local audit log: one JSON line per change (start, cancel, the user's answer), each
//! carrying the SHA-256 of the line before it, appended with one `O_APPEND` write under a lock.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::Status;

/// The `prev` of the first line: there is no line before it.
pub const GENESIS: &str = "sha256-";
/// How much of the file's end is read to find its last line (no line comes near it).
const TAIL: u64 = 64 * 1024;
/// Longest ticket or reason kept, in characters: a line stays well inside [`TAIL`].
const TEXT_LIMIT: usize = 1000;

/// One action, as a line of the log.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub time: String,
    /// The local account that ran assist.
    pub local_user: String,
    /// The cloud identity: the IAM user, or the first characters of the AK; never a secret.
    pub operator: String,
    pub profile: Option<String>,
    pub project: Option<String>,
    pub desktop_id: String,
    pub desktop_name: Option<String>,
    pub action: Action,
    pub ticket: Option<String>,
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
    /// The session's status after the action, as the cloud gave it.
    pub status: Option<Status>,
    /// Whether the user accepted (known once they answered).
    pub accepted: Option<bool>,
    /// What else tells the story: the decline reason, the error.
    pub detail: Option<String>,
    /// `sha256-` and the base64 SHA-256 of the line before (without its newline).
    #[serde(default)]
    pub prev: String,
}

/// What a line records. Written as its plain name (`"start"`, `"accepted"`, …), the same
/// strings as ever: the log format does not change, and a name this version does not know (a
/// newer assist's, or an edited line) is kept as written, so every line still reads and
/// `--verify` still checks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Action {
    /// The request was sent to the desktop.
    Start,
    /// The session was withdrawn.
    Cancel,
    Accepted,
    Declined,
    /// The deadline passed before the user answered.
    Deadline,
    /// A signal or an error ended the wait.
    Stopped,
    Failed,
    /// A sweep left a session alone: it was not the one listed any more (nothing was sent).
    Skipped,
    Other(String),
}

impl Action {
    pub fn as_str(&self) -> &str {
        match self {
            Action::Start => "start",
            Action::Cancel => "cancel",
            Action::Accepted => "accepted",
            Action::Declined => "declined",
            Action::Deadline => "deadline",
            Action::Stopped => "stopped",
            Action::Failed => "failed",
            Action::Skipped => "skipped",
            Action::Other(s) => s,
        }
    }
}

impl From<String> for Action {
    fn from(s: String) -> Action {
        match s.as_str() {
            "start" => Action::Start,
            "cancel" => Action::Cancel,
            "accepted" => Action::Accepted,
            "declined" => Action::Declined,
            "deadline" => Action::Deadline,
            "stopped" => Action::Stopped,
            "failed" => Action::Failed,
            "skipped" => Action::Skipped,
            _ => Action::Other(s),
        }
    }
}

impl From<Action> for String {
    fn from(a: Action) -> String {
        a.as_str().to_owned()
    }
}

/// An entry not filled in yet has no action: written as `""`, as before there was a type.
impl Default for Action {
    fn default() -> Action {
        Action::Other(String::new())
    }
}

/// The log, opened for appending before the request it will record.
pub struct Log {
    path: PathBuf,
    file: File,
}

/// The log file cannot be opened or written: the change is not made.
#[derive(Debug, thiserror::Error)]
#[error("the audit log {} cannot be written: {source}", path.display())]
pub struct LogError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl Log {
    /// Opens (creating it 0600, its directory 0700) without following a symbolic link.
    pub fn open(path: &Path) -> Result<Log, LogError> {
        let fail = |source| LogError {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::files::check_dir(dir).map_err(|e| {
                fail(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    e.to_string(),
                ))
            })?;
            crate::files::create_private_dir(dir).map_err(fail)?;
        }
        let file = crate::files::open_append(path).map_err(fail)?;
        Ok(Log {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Appends `entry` chained to the last line, under an exclusive lock so that concurrent
    /// runs neither interleave nor chain to the same line.
    pub fn append(&mut self, mut entry: Entry) -> Result<(), LogError> {
        let fail = |source| LogError {
            path: self.path.clone(),
            source,
        };
        self.file.lock().map_err(fail)?;
        let result = (|| {
            entry.prev = hash(last_line(&mut self.file)?.as_deref());
            entry.ticket = entry.ticket.map(clip);
            entry.reason = entry.reason.map(clip);
            let mut line = serde_json::to_string(&entry).map_err(std::io::Error::other)?;
            line.push('\n');
            // One write of the whole line: O_APPEND puts it at the end in one piece.
            self.file.write_all(line.as_bytes())
        })();
        let unlocked = self.file.unlock();
        result.and(unlocked).map_err(fail)
    }
}

fn clip(text: String) -> String {
    text.chars().take(TEXT_LIMIT).collect()
}

/// The file's last line (without its newline), read from its end.
fn last_line(file: &mut File) -> std::io::Result<Option<String>> {
    let len = file.metadata()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(TAIL)))?;
    let mut tail = Vec::new();
    file.take(TAIL).read_to_end(&mut tail)?;
    let text = String::from_utf8_lossy(&tail);
    Ok(text
        .trim_end_matches('\n')
        .rsplit('\n')
        .next()
        .filter(|l| !l.is_empty())
        .map(str::to_string))
}

/// What the line after `line` carries as `prev`.
pub fn hash(line: Option<&str>) -> String {
    match line {
        None => GENESIS.to_string(),
        Some(l) => format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(l.as_bytes()))
        ),
    }
}

/// Where the chain breaks: the 1-based line and why.
#[derive(Debug, PartialEq)]
pub struct Break {
    pub line: usize,
    pub why: String,
}

/// Checks every line's `prev` against the line before it; the first line that does not
/// follow is named (an edited or removed line breaks the chain at the line after it).
pub fn verify(text: &str) -> Result<usize, Break> {
    let mut before: Option<&str> = None;
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        let entry: Entry = serde_json::from_str(line).map_err(|e| Break {
            line: i + 1,
            why: format!("it is not an audit record ({e})"),
        })?;
        if entry.prev != hash(before) {
            return Err(Break {
                line: i + 1,
                why: match before {
                    None => "it is the first line but says a line came before it (the start of the log was removed?)".into(),
                    Some(_) => format!("it does not follow line {i}: line {i} was edited, or a line between them removed"),
                },
            });
        }
        before = Some(line);
        count += 1;
    }
    Ok(count)
}

/// Every record of the text (lines that are not records are skipped; `--verify` names them).
pub fn parse(text: &str) -> Vec<Entry> {
    text.lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The local account name, for `local_user`.
pub fn local_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> Entry {
        Entry {
            action: Action::from(action.to_owned()),
            desktop_id: "d".into(),
            ..Entry::default()
        }
    }

    #[test]
    fn each_line_chains_to_the_one_before_and_an_edit_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/audit.jsonl");
        for action in ["start", "accepted", "cancel"] {
            Log::open(&path).unwrap().append(entry(action)).unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(verify(&text), Ok(3));
        let edited = text.replacen("\"action\":\"accepted\"", "\"action\":\"declined\"", 1);
        assert_eq!(verify(&edited).unwrap_err().line, 3);
        let lines: Vec<&str> = text.lines().collect();
        let removed = format!("{}\n{}\n", lines[0], lines[2]);
        assert_eq!(verify(&removed).unwrap_err().line, 2);
        let headless = format!("{}\n{}\n", lines[1], lines[2]);
        assert_eq!(verify(&headless).unwrap_err().line, 1);
        let actions: Vec<Action> = parse(&text).into_iter().map(|e| e.action).collect();
        assert_eq!(actions, [Action::Start, Action::Accepted, Action::Cancel]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    /// A line written before the types, field for field as assist wrote it: it reads into the
    /// enums, and written again it is the same bytes, so its hash (the next line's `prev`)
    /// holds.
    #[test]
    fn an_old_line_reads_and_writes_back_byte_for_byte() {
        let old = r#"{"time":"2026-11-02T09:14:03Z","local_user":"erin","operator":"helpdesk-bot","profile":"prod","project":"p1","desktop_id":"d1","desktop_name":"FIN-PC-042","action":"declined","ticket":"INC-1","reason":null,"http_status":200,"request_id":"r1","status":"CLOSE","accepted":false,"detail":"user declined","prev":"sha256-"}"#;
        let e: Entry = serde_json::from_str(old).unwrap();
        assert_eq!(e.action, Action::Declined);
        assert_eq!(e.status, Some(Status::Close));
        assert_eq!(serde_json::to_string(&e).unwrap(), old);
        for name in [
            "start", "cancel", "accepted", "declined", "deadline", "stopped", "failed", "", "new",
        ] {
            let line = serde_json::to_string(&Action::from(name.to_owned())).unwrap();
            assert_eq!(line, format!("\"{name}\""));
        }
        let odd = old.replace("\"CLOSE\"", "\"PAUSED\"");
        let e: Entry = serde_json::from_str(&odd).unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), odd);
    }
}
