//! The local audit log: one JSON line per change (the intent before a request, its outcome
//! after, the user's answer), each carrying the SHA-256 of the line before it, appended with
//! one `O_APPEND` write under a lock and taken back whole when it could not be written whole.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::Status;
use crate::messages::{msg, Message};

/// The `prev` of the first line: there is no line before it.
pub const GENESIS: &str = "sha256-";
/// How much of the file's end is read at a time, backwards, to find its last line.
const TAIL: u64 = 64 * 1024;
/// Longest ticket, reason or detail kept, in characters (docs/guide.md "Audit").
const TEXT_LIMIT: usize = 1000;
/// Longest name, request id, session id or status kept, in characters: what a server sends
/// is clipped before it is written, so that no line grows without bound.
const NAME_LIMIT: usize = 256;

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
    /// `$USER` when it names another account than the real uid's (`local_user`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env_user: Option<String>,
    /// On an `intent` line: the request about to be sent (`POST remote-assistance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sends: Option<String>,
    /// The session (share space id) the request is about, when known before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// On an outcome line: the `sha256-…` of its intent line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<String>,
    /// Never written: `log` sets it to `unknown` on an intent whose outcome never came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
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
    /// A request is about to be sent (written before it; its outcome line follows).
    Intent,
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
            Action::Intent => "intent",
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
            "intent" => Action::Intent,
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

impl LogError {
    /// The words of the error (English: its `Display` text): a warning quotes them whole.
    pub fn message(&self) -> Message {
        msg!("err-audit-log", path = self.path.display())
            .quote("reason", crate::messages::os_error(&self.source))
    }
}

impl Log {
    /// Opens (creating it 0600, its directory 0700) without following a symbolic link.
    pub fn open(path: &Path) -> Result<Log, LogError> {
        let fail = |source| LogError {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The unsafe directory travels whole, for its words in the run's language.
            crate::files::check_dir(dir)
                .map_err(|e| fail(std::io::Error::new(std::io::ErrorKind::PermissionDenied, e)))?;
            crate::files::create_private_dir(dir).map_err(fail)?;
        }
        let file = crate::files::open_append(path).map_err(fail)?;
        ignore_file_size_signal();
        Ok(Log {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Appends `entry` chained to the last line, under an exclusive lock so that concurrent
    /// runs neither interleave nor chain to the same line; the `sha256-…` of the line written
    /// (what an outcome line names as its `intent`). A line that cannot be written whole is
    /// taken back: the file ends as it was, never with a torn line.
    pub fn append(&mut self, entry: Entry) -> Result<String, LogError> {
        let fail = |source| LogError {
            path: self.path.clone(),
            source,
        };
        self.file.lock().map_err(fail)?;
        let result = write_line(&mut self.file, entry);
        let unlocked = self.file.unlock();
        let written = result.map_err(fail)?;
        unlocked.map_err(fail)?;
        Ok(written)
    }
}

/// A write past the file-size limit (`ulimit -f`) must fail with EFBIG like a full disk, not
/// kill the process with SIGXFSZ before it can take the torn line back and refuse.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN has no handler to race with.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// The one write of a line, under the caller's lock: chained, clipped, escaped, written,
/// read back. On any failure the file is cut back to its length before the write.
fn write_line(file: &mut File, mut entry: Entry) -> std::io::Result<String> {
    let len = file.metadata()?.len();
    let (last, torn) = last_line(file, len)?;
    entry.prev = hash(last.as_deref());
    let mut line = to_line(clipped(entry))?;
    let hash_of_line = hash(Some(&line));
    // A tail without its newline (cut by another tool) stays its own line, which `--verify`
    // then names, rather than being glued to this one.
    if torn {
        line.insert(0, '\n');
    }
    line.push('\n');
    let written = file
        .write_all(line.as_bytes())
        .and_then(|()| read_back(file, len, line.as_bytes()));
    if let Err(e) = written {
        // Under the lock nobody else wrote after `len`: what is there is this line's part.
        let _ = file.set_len(len);
        return Err(e);
    }
    Ok(hash_of_line)
}

/// Checks that the file now holds exactly `line` from `from` on.
fn read_back(file: &mut File, from: u64, line: &[u8]) -> std::io::Result<()> {
    file.seek(SeekFrom::Start(from))?;
    let mut got = Vec::with_capacity(line.len() + 1);
    file.take(line.len() as u64 + 1).read_to_end(&mut got)?;
    if got != line {
        let differs = crate::messages::Worded(msg!("audit-why-read-back"));
        return Err(std::io::Error::other(differs));
    }
    Ok(())
}

/// The line as written: compact JSON whose control and format characters (C1, bidi, every
/// Unicode format character) are `\uXXXX`, so a `tail -f` or a SIEM shows what is there.
fn to_line(entry: Entry) -> std::io::Result<String> {
    let line = crate::text::json_line(&entry).map_err(std::io::Error::other)?;
    Ok(escape_format(&line))
}

/// `\uXXXX` for the format characters `text` leaves (those outside its bidi set). Safe on
/// the whole line: these characters can occur only inside its strings.
fn escape_format(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if is_format(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode's general category Cf (format characters), as of Unicode 15.1.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
        | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// Every field a server, a flag or the environment fills, cut to its documented size.
fn clipped(mut e: Entry) -> Entry {
    let text = |v: Option<String>| v.map(|t| clip(t, TEXT_LIMIT));
    let name = |v: Option<String>| v.map(|t| clip(t, NAME_LIMIT));
    e.ticket = text(e.ticket);
    e.reason = text(e.reason);
    e.detail = text(e.detail);
    e.desktop_name = name(e.desktop_name);
    e.request_id = name(e.request_id);
    e.session = name(e.session);
    e.env_user = name(e.env_user);
    e.local_user = clip(e.local_user, NAME_LIMIT);
    e.status = e
        .status
        .map(|s| match s.as_str().chars().count() > NAME_LIMIT {
            true => Status::parse(&clip(s.as_str().to_string(), NAME_LIMIT)),
            false => s,
        });
    e
}

fn clip(text: String, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text,
    }
}

/// The file's last line (without its newline), read backwards from its end however long it
/// is, and whether the file ends without a newline (a torn tail).
fn last_line(file: &mut File, len: u64) -> std::io::Result<(Option<String>, bool)> {
    let mut tail: Vec<u8> = Vec::new();
    let mut from = len;
    loop {
        let start = from.saturating_sub(TAIL);
        file.seek(SeekFrom::Start(start))?;
        let mut chunk = Vec::new();
        Read::by_ref(file)
            .take(from - start)
            .read_to_end(&mut chunk)?;
        chunk.extend_from_slice(&tail);
        tail = chunk;
        from = start;
        let torn = !tail.is_empty() && !tail.ends_with(b"\n");
        let body = tail.strip_suffix(b"\n").unwrap_or(&tail);
        let found = body.iter().rposition(|b| *b == b'\n');
        if found.is_some() || from == 0 {
            let line = &body[found.map_or(0, |i| i + 1)..];
            let line = (!line.is_empty()).then(|| String::from_utf8_lossy(line).into_owned());
            return Ok((line, torn));
        }
    }
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
    /// In the catalogue's words: `log --verify` says it in the run's language.
    pub why: Message,
}

/// Checks every line's `prev` against the line before it; the first line that does not
/// follow is named (an edited or removed line breaks the chain at the line after it).
pub fn verify(text: &str) -> Result<usize, Break> {
    let mut before: Option<&str> = None;
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        let entry: Entry = serde_json::from_str(line).map_err(|e| Break {
            line: i + 1,
            why: msg!("audit-break-not-record", error = e),
        })?;
        if entry.prev != hash(before) {
            return Err(Break {
                line: i + 1,
                why: match before {
                    None => msg!("audit-break-headless"),
                    Some(_) => msg!("audit-break-not-following", before = i),
                },
            });
        }
        before = Some(line);
        count += 1;
    }
    Ok(count)
}

/// Every record of the text as `log` shows it (lines that are not records are skipped;
/// `--verify` names them): an intent line whose outcome line came is left out (the outcome
/// says it all), one whose outcome never came is kept with `outcome: "unknown"`.
pub fn parse(text: &str) -> Vec<Entry> {
    let records: Vec<(&str, Entry)> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok().map(|e| (l, e)))
        .collect();
    let answered: std::collections::HashSet<String> = records
        .iter()
        .filter_map(|(_, e)| e.intent.clone())
        .collect();
    records
        .into_iter()
        .filter_map(|(line, mut e)| {
            if e.action != Action::Intent {
                return Some(e);
            }
            if answered.contains(&hash(Some(line))) {
                return None;
            }
            e.outcome = Some("unknown".into());
            Some(e)
        })
        .collect()
}

/// The 1-based lines of the intents whose outcome line never came (the run was killed, or
/// the lines after them removed): `--verify` says so under an intact chain.
pub fn unanswered(text: &str) -> Vec<usize> {
    let answered: std::collections::HashSet<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Entry>(l).ok()?.intent)
        .collect();
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            serde_json::from_str::<Entry>(l).is_ok_and(|e| e.action == Action::Intent)
                && !answered.contains(&hash(Some(l)))
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// Who ran assist: the account of the real uid, from the account database (`$USER` can say
/// anything), and `$USER` too when it names another account.
pub fn local_user() -> (String, Option<String>) {
    let env = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    let Some(account) = account_name() else {
        return (env.unwrap_or_else(|| "unknown".into()), None);
    };
    let differs = env.filter(|e| *e != account);
    (account, differs)
}

/// The real uid's name in the account database, or `uid:N` when it has none.
#[cfg(unix)]
fn account_name() -> Option<String> {
    // SAFETY: getuid cannot fail; getpwuid_r writes only into `pwd` and `buf`, whose sizes
    // it is told, and the name it points at lives in `buf`, read before `buf` is dropped.
    let uid = unsafe { libc::getuid() };
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
        return Some(format!("uid:{uid}"));
    }
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned())
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
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

    /// What a server or a flag sends is clipped and its format characters escaped; a line
    /// of any length before is chained to whole; a torn tail stays a line of its own.
    #[test]
    fn lines_are_clipped_escaped_and_chained_to_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.jsonl");
        let long = Entry {
            desktop_name: Some("N".repeat(200_000)),
            request_id: Some("\u{00AD}".repeat(300)),
            detail: Some("d".repeat(5_000)),
            ..entry("cancel")
        };
        Log::open(&path).unwrap().append(long).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let got = &parse(&text)[0];
        assert_eq!(
            got.desktop_name.as_ref().unwrap().chars().count(),
            NAME_LIMIT
        );
        assert_eq!(got.request_id.as_ref().unwrap().chars().count(), NAME_LIMIT);
        assert_eq!(got.detail.as_ref().unwrap().chars().count(), TEXT_LIMIT);
        assert!(!text.contains('\u{00AD}') && text.contains("\\u00ad"));
        // A line far longer than one read of the tail, written by hand before.
        let by_hand = serde_json::to_string(&Entry {
            desktop_name: Some("L".repeat(200_000)),
            prev: hash(text.lines().last()),
            ..entry("start")
        })
        .unwrap();
        std::fs::write(&path, format!("{text}{by_hand}\n")).unwrap();
        Log::open(&path).unwrap().append(entry("cancel")).unwrap();
        assert_eq!(verify(&std::fs::read_to_string(&path).unwrap()), Ok(3));
        // A tail cut by another tool: the next line starts on a line of its own.
        let whole = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{whole}{{\"cut")).unwrap();
        Log::open(&path).unwrap().append(entry("cancel")).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(verify(&after).unwrap_err().line, 4);
        assert_eq!(parse(after.lines().nth(4).unwrap()).len(), 1);
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

    /// A warning quotes the error whole: English is its text, Chinese says the system's error
    /// in Chinese too (the run's language throughout the line).
    #[cfg(unix)]
    #[test]
    fn a_log_error_says_the_system_s_words_in_the_sentence_s_language() {
        use crate::messages::Lang;
        let e = LogError {
            path: PathBuf::from("/var/log/assist.jsonl"),
            source: std::io::Error::from_raw_os_error(libc::ENOSPC),
        };
        let warning = msg!("audit-not-recorded").quote("error", e.message());
        assert_eq!(
            warning.render_in(Lang::En),
            format!("{e}; this action is missing from the audit log")
        );
        assert_eq!(
            warning.render_in(Lang::Zh),
            "无法写入审计日志 /var/log/assist.jsonl：设备上没有剩余空间（系统错误 28）；审计日志中缺少此操作"
        );
    }
}
