//! Rendering what `watch` observes: one readable line, one NDJSON object or `ID<TAB>CODE` per change.

use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::format::OutputFormat;
use super::report::Reporter;
use super::show::RecordJson;
use super::table::cut;
use crate::api::model::RemoteAssistance;
use crate::domain::DesktopNames;
use crate::messages::msg;
use crate::text::sanitize;

/// Writes one complete line per change and flushes it, so a reader (`jq`, a log) sees it at
/// once and an interrupted run never leaves half a line.
pub struct LineReporter<W: Write> {
    pub out: W,
    pub format: OutputFormat,
    pub show_password: bool,
    /// The terminal's width, for `table` lines; `None` (whole lines) into a pipe or a file.
    pub width: Option<usize>,
    /// `out` is this process's stdout: its reader closing it ends the run.
    pub stdout: bool,
}

/// One NDJSON line: the `show` object, when it was seen, and the desktop's names (null when
/// unknown).
#[derive(Serialize)]
struct WatchJson<'a> {
    #[serde(flatten)]
    record: RecordJson<'a>,
    observed_at: String,
    computer_name: Option<&'a str>,
    user_name: Option<&'a str>,
}

impl<W: Write> Reporter for LineReporter<W> {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        let line = match self.format {
            OutputFormat::Json => change_json(id, names, record, at, self.show_password)?,
            OutputFormat::Table => fitted_line(id, names, record, at, self.width),
            OutputFormat::Code => match record.open_code() {
                Some(code) => format!("{}\t{}", sanitize(id), sanitize(code)),
                None => return Ok(()),
            },
            OutputFormat::Link => match record.open_link() {
                Some(link) => format!("{}\t{}", sanitize(id), sanitize(link)),
                None => return Ok(()),
            },
            // `watch` refuses `-o prometheus` (its metrics go to `--metrics-file`).
            OutputFormat::Prometheus => return Ok(()),
        };
        self.out.write_all(format!("{line}\n").as_bytes())?;
        self.out.flush()
    }

    fn gone(&self) -> bool {
        self.stdout && stdout_closed()
    }
}

/// One change as `watch -o json` prints it (without the newline); also what `--exec` hands
/// its command in `ASSIST_JSON`.
pub fn change_json(
    id: &str,
    names: Option<&DesktopNames>,
    record: &RemoteAssistance,
    at: jiff::Timestamp,
    show_password: bool,
) -> std::io::Result<String> {
    let json = WatchJson {
        record: RecordJson::new(id, record, show_password),
        observed_at: timestamp(at),
        computer_name: names.and_then(|n| n.computer_name.as_deref()),
        user_name: names.and_then(|n| n.user_name.as_deref()),
    };
    Ok(crate::text::json_line(&json)?)
}

/// Whether stdout's reader has gone: a pipe whose read end is closed polls as `POLLERR` (a
/// hung-up terminal or socket as `POLLHUP`); both come whatever events are asked for.
#[cfg(unix)]
pub fn stdout_closed() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDOUT_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no wait; poll only writes its `revents`.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLERR | libc::POLLHUP) != 0
}

/// Elsewhere a closed stdout is noticed when a line is written.
#[cfg(not(unix))]
pub fn stdout_closed() -> bool {
    false
}

/// RFC 3339 UTC to the second, like the API's own times.
pub fn timestamp(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Blanks between two fields of a line.
const GAP: usize = 2;
/// What a line plans for, so that every line of a run shows the same fields: a desktop ID
/// (a UUID), the longest status (`WAIT_USER_CONFIRM`) and an 8-character code after its
/// label (`code `, `邀请码 `: see [`code_room`]).
const ID_ROOM: usize = 36;
const STATUS_ROOM: usize = 17;
const CODE_LEN: usize = 8;
/// A name is shown when it can have at least this much, the time when it can have its 20.
const NAME_LEAST: usize = 8;
const TIME_ROOM: usize = 20;
/// A decline reason is cut to no less than this, whatever the width.
const FAILED_LEAST: usize = 16;

/// `<observed_at>  <desktop_id>[  <name> (<user>)]  <status>[  code <CODE>][  failed: <reason>]`:
/// whole without a width (a log line, into a pipe or a file). Within `width` columns (a
/// terminal) which fields show depends on the width alone, so that every line of a watch has
/// the same ones: the ID, the status and the code always and whole; the name when it can
/// have [`NAME_LEAST`] columns (cut, the computer name before the user); the time when it
/// fits too. A decline reason takes what is left.
pub fn fitted_line(
    id: &str,
    names: Option<&DesktopNames>,
    record: &RemoteAssistance,
    at: jiff::Timestamp,
    width: Option<usize>,
) -> String {
    let core = ID_ROOM + GAP + STATUS_ROOM + GAP + code_room();
    let with_name = width.is_none_or(|w| w >= core + GAP + NAME_LEAST);
    let with_time = width.is_none_or(|w| w >= core + GAP + NAME_LEAST + GAP + TIME_ROOM);
    let mut fields: Vec<String> = Vec::new();
    if with_time {
        fields.push(timestamp(at));
    }
    fields.push(sanitize(id));
    fields.push(sanitize(record.status_text()));
    if let Some(code) = record.invitation_code.as_deref().filter(|c| !c.is_empty()) {
        fields.push(msg!("watch-code", code = code).render());
    }
    let names = names.filter(|_| with_name);
    let failed = record
        .failed_reason()
        .map(|r| msg!("watch-failed", reason = r).render());
    let Some(width) = width else {
        let label = names.and_then(DesktopNames::label).map(|l| sanitize(&l));
        return joined(fields, label, failed, usize::from(with_time));
    };
    let used = fields.iter().map(|f| f.width() + GAP).sum::<usize>();
    let room = width.saturating_sub(used);
    let reason_room = failed
        .as_ref()
        .map_or(0, |f| f.width().min(FAILED_LEAST) + GAP);
    let label = names.and_then(|n| label_within(n, room.saturating_sub(reason_room)));
    let left = room.saturating_sub(label.as_ref().map_or(0, |l| l.width() + GAP));
    let failed = failed.map(|f| cut(&f, left.max(FAILED_LEAST)));
    joined(fields, label, failed, usize::from(with_time))
}

/// The columns of the code field with an 8-character code, in the run's language.
fn code_room() -> usize {
    msg!("watch-code", code = "X".repeat(CODE_LEN))
        .render()
        .width()
}

/// The fields with the label after the ID (at `id_at`) and the reason last, `GAP` apart.
fn joined(
    mut fields: Vec<String>,
    label: Option<String>,
    failed: Option<String>,
    id_at: usize,
) -> String {
    if let Some(label) = label {
        fields.insert(id_at + 1, label);
    }
    fields.extend(failed);
    fields.join(&" ".repeat(GAP))
}

/// `NAME (user)` within `room` columns: whole when it fits; else the computer name is cut and
/// the user stays (whose session it is matters most); else the label is cut as a whole.
fn label_within(names: &DesktopNames, room: usize) -> Option<String> {
    let label = sanitize(&names.label()?);
    if label.width() <= room.max(NAME_LEAST) {
        return Some(label);
    }
    let room = room.max(NAME_LEAST);
    let known = |v: &Option<String>| v.clone().filter(|v| !v.trim().is_empty());
    if let (Some(name), Some(user)) = (known(&names.computer_name), known(&names.user_name)) {
        let user = format!("({})", sanitize(&user));
        let name_room = room.saturating_sub(user.width() + 1);
        if name_room >= NAME_LEAST.min(name.width()) {
            return Some(format!("{} {user}", cut(&sanitize(&name), name_room)));
        }
    }
    Some(cut(&label, room))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines_have_the_documented_shape() {
        let r: RemoteAssistance = serde_json::from_str(
            r#"{"status":"CLOSE","invitation_code":"AB12CD34","failed_reason":"no\u001b"}"#,
        )
        .unwrap();
        let at: jiff::Timestamp = "2026-11-28T05:40:01Z".parse().unwrap();
        assert_eq!(
            fitted_line("d1", None, &r, at, None),
            "2026-11-28T05:40:01Z  d1  CLOSE  code AB12CD34  failed: no\\u{1b}"
        );
        let names = DesktopNames {
            computer_name: Some("PC-00054".into()),
            user_name: Some("user054".into()),
        };
        assert_eq!(
            fitted_line("d1", Some(&names), &r, at, None),
            "2026-11-28T05:40:01Z  d1  PC-00054 (user054)  CLOSE  code AB12CD34  failed: no\\u{1b}"
        );
    }

    #[test]
    fn on_a_narrow_terminal_the_id_status_and_code_stay_whole() {
        let r: RemoteAssistance =
            serde_json::from_str(r#"{"status":"WAIT_USER_CONFIRM","invitation_code":"AB12CD34"}"#)
                .unwrap();
        let at: jiff::Timestamp = "2026-11-28T05:40:01Z".parse().unwrap();
        let names = DesktopNames {
            computer_name: Some("FINANCE-LAPTOP-0042".into()),
            user_name: Some("alice.wonderland".into()),
        };
        let id = "00000000-0000-4000-8000-000000000001";
        let line = |w| fitted_line(id, Some(&names), &r, at, Some(w));
        assert_eq!(
            line(200),
            format!("2026-11-28T05:40:01Z  {id}  FINANCE-LAPTOP-0042 (alice.wonderland)  WAIT_USER_CONFIRM  code AB12CD34")
        );
        assert_eq!(
            line(80),
            format!("{id}  FINANCE…  WAIT_USER_CONFIRM  code AB12CD34")
        );
        // Too narrow for a name: the status stays whole all the same.
        assert_eq!(line(65), format!("{id}  WAIT_USER_CONFIRM  code AB12CD34"));
    }

    #[test]
    fn at_80_columns_every_line_has_the_same_fields_and_the_user_outlasts_the_name() {
        let at: jiff::Timestamp = "2026-11-28T05:40:01Z".parse().unwrap();
        let id = "00000000-0000-4000-8000-000000000001";
        let names = DesktopNames {
            computer_name: Some("FINANCE-LAPTOP-0042".into()),
            user_name: Some("alice".into()),
        };
        let line = |json: &str| {
            let r: RemoteAssistance = serde_json::from_str(json).unwrap();
            fitted_line(id, Some(&names), &r, at, Some(80))
        };
        assert_eq!(
            line(r#"{"status":"WAIT_USER_CONFIRM"}"#),
            format!("{id}  FINANCE-LAPTOP… (alice)  WAIT_USER_CONFIRM")
        );
        assert_eq!(
            line(r#"{"status":"OPEN","invitation_code":"AB12CD34"}"#),
            format!("{id}  FINANCE-LAPT… (alice)  OPEN  code AB12CD34")
        );
        assert_eq!(
            line(r#"{"status":"WAIT_USER_ACCESS","invitation_code":"AB12CD34"}"#),
            format!("{id}  FINANCE-…  WAIT_USER_ACCESS  code AB12CD34")
        );
        let r: RemoteAssistance = serde_json::from_str(
            r#"{"status":"CLOSE","failed_reason":"The end user declined the request."}"#,
        )
        .unwrap();
        let declined = fitted_line(id, Some(&names), &r, at, Some(80));
        assert_eq!(
            declined,
            format!("{id}  FINANCE-… (alice)  CLOSE  failed: The end…")
        );
        assert!(declined.width() <= 80);
    }

    #[test]
    fn json_lines_are_compact_objects_with_observed_at() {
        let r: RemoteAssistance = serde_json::from_str(r#"{"status":"OPEN"}"#).unwrap();
        let mut rep = LineReporter {
            out: Vec::new(),
            format: OutputFormat::Json,
            show_password: false,
            width: None,
            stdout: false,
        };
        rep.change("d1", None, &r, "2026-11-28T05:40:01Z".parse().unwrap())
            .unwrap();
        let text = String::from_utf8(rep.out).unwrap();
        assert!(text.ends_with("}\n") && text.lines().count() == 1);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["observed_at"], "2026-11-28T05:40:01Z");
        assert_eq!(v["desktop_id"], "d1");
        assert_eq!(v.as_object().unwrap().len(), 13);
        assert_eq!(v["computer_name"], serde_json::Value::Null);
    }
}
