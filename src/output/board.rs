//! The live board of `assist sessions --watch`: one table redrawn in place on the terminal
//! (counts, the last change, the sessions by status then age), and the terminal state it
//! takes and always gives back.

use std::collections::HashMap;
use std::io::Write;

use crossterm::{cursor, execute, queue, terminal};
use unicode_width::UnicodeWidthStr;

use super::report::Reporter;
use super::sessions::{sessions_table, SessionRow};
use super::style::Style;
use super::table::{cut, Layout, Stream};
use crate::api::model::RemoteAssistance;
use crate::domain::{DesktopNames, Status};
use crate::text::sanitize;

/// Raw mode, the alternate screen and a hidden cursor, for as long as it lives: dropping it
/// (on return, on an error, while a panic unwinds) gives the terminal back as it was.
struct Screen {
    out: std::io::Stdout,
}

impl Screen {
    fn enter() -> std::io::Result<Screen> {
        let mut out = std::io::stdout();
        terminal::enable_raw_mode()?;
        let screen = Screen {
            out: std::io::stdout(),
        };
        execute!(out, terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(screen)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = execute!(self.out, terminal::LeaveAlternateScreen, cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

/// What the board knows: every desktop's latest record, and the last change.
pub struct Board {
    screen: Screen,
    style: Style,
    total: usize,
    seen: HashMap<String, (Option<DesktopNames>, RemoteAssistance)>,
    last: Option<(String, String)>,
}

impl Reporter for Board {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        let first = self
            .seen
            .insert(id.to_string(), (names.cloned(), record.clone()))
            .is_none();
        if !first {
            let label = names
                .and_then(DesktopNames::label)
                .unwrap_or_else(|| id.to_string());
            let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
            let when = at.to_zoned(tz).strftime("%H:%M:%S").to_string();
            self.last = Some((
                id.to_string(),
                format!(
                    "{when} {} {}",
                    sanitize(&label),
                    sanitize(record.status_text())
                ),
            ));
        }
        self.draw()
    }
}

impl Board {
    /// Takes over the terminal (see [`Screen`]) for a board of `total` desktops.
    pub fn enter(style: Style, total: usize) -> std::io::Result<Board> {
        Ok(Board {
            screen: Screen::enter()?,
            style,
            total,
            seen: HashMap::new(),
            last: None,
        })
    }

    /// The whole board, drawn again from the top left: a header with the counts, the last
    /// change, then the sessions by status and age.
    pub fn draw(&mut self) -> std::io::Result<()> {
        // The board is always on a terminal: aligned, within its width.
        let width = super::table::width(Stream::Stdout).map(usize::from);
        let lines = self.lines(jiff::Timestamp::now(), width);
        let out = &mut self.screen.out;
        queue!(
            out,
            cursor::MoveTo(0, 0),
            terminal::Clear(terminal::ClearType::All)
        )?;
        // Raw mode: a line ends with CR LF.
        for line in lines {
            write!(out, "{line}\r\n")?;
        }
        out.flush()
    }

    /// What the board shows at `now` within `width` columns.
    fn lines(&self, now: jiff::Timestamp, width: Option<usize>) -> Vec<String> {
        let rows = active_rows(&self.seen, now);
        let count = |s: Status| {
            rows.iter()
                .filter(|r| r.record.status() == Some(&s))
                .count()
        };
        let counts = [
            format!("{} OPEN", count(Status::Open)),
            format!("{} WAIT_USER_ACCESS", count(Status::WaitUserAccess)),
            format!("{} WAIT_USER_CONFIRM", count(Status::WaitUserConfirm)),
            format!("{} of {} desktops checked", self.seen.len(), self.total),
            "q quits".to_string(),
        ];
        let mut lines = wrapped(&counts, " · ", width);
        let last = self.last.as_ref().map_or("none yet", |(_, text)| text);
        let last = format!("last change: {last}");
        lines.push(width.map_or_else(|| last.clone(), |w| cut(&last, w)));
        if rows.is_empty() {
            lines.push(String::new());
            lines.push("no open or pending session".to_string());
        } else {
            let highlight = self.last.as_ref().map(|(id, _)| id.as_str());
            let table = sessions_table(&rows, self.style, now, highlight);
            lines.extend(table.lines(Layout::Aligned(width)));
        }
        lines
    }
}

/// The sessions worth a row: open first, then waiting for access, then for a confirmation;
/// the oldest first within each.
fn active_rows(
    seen: &HashMap<String, (Option<DesktopNames>, RemoteAssistance)>,
    now: jiff::Timestamp,
) -> Vec<SessionRow> {
    let mut rows: Vec<SessionRow> = seen
        .iter()
        .filter(|(_, (_, r))| r.status().is_some_and(Status::is_active))
        .map(|(id, (names, r))| SessionRow {
            desktop_id: id.clone(),
            names: names.clone().unwrap_or_default(),
            record: r.clone(),
        })
        .collect();
    let rank = |r: &SessionRow| match r.record.status() {
        Some(Status::Open) => 0,
        Some(Status::WaitUserAccess) => 1,
        Some(Status::WaitUserConfirm) => 2,
        _ => 3,
    };
    rows.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| b.age(now).cmp(&a.age(now)))
            .then_with(|| a.desktop_id.cmp(&b.desktop_id))
    });
    rows
}

/// `parts` joined by `separator`, a new line begun where the next part would pass `width`:
/// a count is never split between two lines.
fn wrapped(parts: &[String], separator: &str, width: Option<usize>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line)
                if width.is_none_or(|w| line.width() + separator.width() + part.width() <= w) =>
            {
                line.push_str(separator);
                line.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_wrap_between_parts_never_inside_one() {
        let parts = [
            "2 OPEN",
            "1 WAIT_USER_ACCESS",
            "8 of 8 desktops checked",
            "q quits",
        ]
        .map(String::from);
        assert_eq!(
            wrapped(&parts, " · ", Some(40)),
            [
                "2 OPEN · 1 WAIT_USER_ACCESS",
                "8 of 8 desktops checked · q quits"
            ]
        );
        assert_eq!(wrapped(&parts, " · ", None).len(), 1);
        assert_eq!(
            wrapped(&parts, " · ", Some(10))[2],
            "8 of 8 desktops checked"
        );
    }

    #[test]
    fn open_sessions_come_first_then_the_oldest_and_closed_ones_not_at_all() {
        let record = |status: &str, created: &str| -> RemoteAssistance {
            serde_json::from_value(serde_json::json!({"status": status, "create_time": created}))
                .unwrap()
        };
        let seen = HashMap::from([
            (
                "d1".to_string(),
                (None, record("WAIT_USER_CONFIRM", "2026-01-01T00:00:00Z")),
            ),
            (
                "d2".to_string(),
                (None, record("OPEN", "2026-01-02T00:00:00Z")),
            ),
            (
                "d3".to_string(),
                (None, record("OPEN", "2026-01-01T00:00:00Z")),
            ),
            (
                "d4".to_string(),
                (None, record("CLOSE", "2026-01-01T00:00:00Z")),
            ),
        ]);
        let now = "2026-02-01T00:00:00Z".parse().unwrap();
        let ids: Vec<String> = active_rows(&seen, now)
            .into_iter()
            .map(|r| r.desktop_id)
            .collect();
        assert_eq!(ids, ["d3", "d2", "d1"]);
    }
}
