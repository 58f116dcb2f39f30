//! The live board of `assist sessions --watch`: one table redrawn in place on the terminal
//! (counts, the last change, the sessions by status then age), and the terminal state it
//! takes and always gives back.

use std::collections::HashMap;
use std::io::Write;

use crossterm::{cursor, execute, queue, terminal};

use super::report::Reporter;
use super::sessions::{sessions_table, SessionRow};
use super::style::Style;
use super::table::{Layout, Stream};
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
        let now = jiff::Timestamp::now();
        let mut rows: Vec<SessionRow> = self
            .seen
            .iter()
            .filter(|(_, (_, r))| r.status().is_some_and(Status::is_active))
            .map(|(id, (names, r))| SessionRow {
                desktop_id: id.clone(),
                names: names.clone().unwrap_or_default(),
                record: r.clone(),
            })
            .collect();
        rows.sort_by(|a, b| {
            let rank = |r: &SessionRow| match r.record.status() {
                Some(Status::Open) => 0,
                Some(Status::WaitUserAccess) => 1,
                Some(Status::WaitUserConfirm) => 2,
                _ => 3,
            };
            rank(a)
                .cmp(&rank(b))
                .then_with(|| b.age(now).cmp(&a.age(now)))
                .then_with(|| a.desktop_id.cmp(&b.desktop_id))
        });
        let count = |s: Status| {
            rows.iter()
                .filter(|r| r.record.status() == Some(&s))
                .count()
        };
        let mut lines = vec![format!(
            "{} OPEN · {} WAIT_USER_ACCESS · {} WAIT_USER_CONFIRM · {} of {} desktops checked · q quits",
            count(Status::Open),
            count(Status::WaitUserAccess),
            count(Status::WaitUserConfirm),
            self.seen.len(),
            self.total
        )];
        lines.push(match &self.last {
            Some((_, text)) => format!("last change: {text}"),
            None => "last change: none yet".to_string(),
        });
        if rows.is_empty() {
            lines.push(String::new());
            lines.push("no open or pending session".to_string());
        } else {
            let highlight = self.last.as_ref().map(|(id, _)| id.as_str());
            let table = sessions_table(&rows, self.style, now, highlight);
            // The board is always on a terminal: aligned, within its width.
            let width = super::table::width(Stream::Stdout).map(usize::from);
            lines.extend(table.lines(Layout::Aligned(width)));
        }
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
}
