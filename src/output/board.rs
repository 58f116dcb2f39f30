//! The live board of `assist sessions --watch`: one table kept up to date in place on the
//! terminal (counts, the last change, the sessions by status then age), drawn within the
//! screen's rows and columns, rewriting only the lines that changed; and the terminal state it
//! takes and always gives back.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crossterm::style::Print;
use crossterm::{cursor, execute, queue, terminal};
use unicode_width::UnicodeWidthStr;

use super::report::Reporter;
use super::sessions::{sessions_table, SessionRow};
use super::style::Style;
use super::table::{cut, word, Layout};
use crate::api::model::RemoteAssistance;
use crate::domain::{DesktopNames, Status};
use crate::messages::{lang, msg};
use crate::text::{sanitize, thousands};

/// At most this many frames a second: a fleet's first round brings thousands of changes, and
/// drawing each one would hold up the polling behind it (and flood the terminal).
const FRAME: Duration = Duration::from_millis(100);
/// The screen's size when the terminal does not say (and `COLUMNS`/`LINES` do not either).
const FALLBACK_SIZE: (u16, u16) = (80, 24);

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

/// The screen's columns and rows, asked anew at each frame (a resize is seen at the next):
/// the terminal's own, else `COLUMNS`/`LINES`, else 80x24.
fn screen_size() -> (u16, u16) {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse().ok());
    let (columns, rows) = terminal::size().unwrap_or((0, 0));
    let or = |told: u16, var: &str, fallback: u16| match told {
        0 => env(var).filter(|v| *v > 0).unwrap_or(fallback),
        n => n,
    };
    (
        or(columns, "COLUMNS", FALLBACK_SIZE.0),
        or(rows, "LINES", FALLBACK_SIZE.1),
    )
}

/// What the board knows: every desktop's latest record and the last change.
struct State {
    style: Style,
    total: usize,
    seen: HashMap<String, (Option<DesktopNames>, RemoteAssistance)>,
    last: Option<(String, String)>,
}

/// The board on its screen: what it knows, and what is on the screen now (so that a frame
/// rewrites only the lines that differ).
pub struct Board {
    screen: Screen,
    state: State,
    /// The lines on the screen, top first, and the size they were drawn for.
    shown: Vec<String>,
    size: Option<(u16, u16)>,
    /// A change not drawn yet, and when the last frame was.
    dirty: bool,
    drawn_at: Option<Instant>,
}

/// The board as the engine and the key thread share it: the engine reports changes, the key
/// thread draws what is pending and answers a resize.
#[derive(Clone)]
pub struct LiveBoard(Arc<Mutex<Board>>);

impl LiveBoard {
    /// Takes over the terminal (see [`Screen`]) for a board of `total` desktops.
    pub fn enter(style: Style, total: usize) -> std::io::Result<LiveBoard> {
        let board = Board {
            screen: Screen::enter()?,
            state: State {
                style,
                total,
                seen: HashMap::new(),
                last: None,
            },
            shown: Vec::new(),
            size: None,
            dirty: true,
            drawn_at: None,
        };
        Ok(LiveBoard(Arc::new(Mutex::new(board))))
    }

    /// Draws what is pending, if a frame is due, and the whole board at a new size.
    pub fn tick(&self) -> std::io::Result<()> {
        self.lock().draw(false)
    }

    /// Draws what is pending now.
    pub fn draw(&self) -> std::io::Result<()> {
        self.lock().draw(true)
    }

    /// A panic elsewhere while drawing leaves a board that can still be drawn and restored.
    fn lock(&self) -> MutexGuard<'_, Board> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Reporter for LiveBoard {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        let mut board = self.lock();
        board.state.note(id, names, record, at);
        board.dirty = true;
        board.draw(false)
    }
}

impl Board {
    /// A frame, when one is due (`now`: whatever the frame rate): the lines that differ from
    /// the screen's, each rewritten in place; everything at a new size.
    fn draw(&mut self, now: bool) -> std::io::Result<()> {
        let size = screen_size();
        let resized = self.size != Some(size);
        let due = self.drawn_at.is_none_or(|t| t.elapsed() >= FRAME);
        if !resized && !(self.dirty && (now || due)) {
            return Ok(());
        }
        let frame = self.state.frame(jiff::Timestamp::now(), size);
        let out = &mut self.screen.out;
        if resized {
            queue!(out, terminal::Clear(terminal::ClearType::All))?;
            self.shown.clear();
        }
        for (row, line) in frame.iter().enumerate() {
            if self.shown.get(row) != Some(line) {
                // Cleared first: after a line as wide as the screen the cursor waits on its
                // last column, where a clear would take that character too.
                let clear = terminal::Clear(terminal::ClearType::UntilNewLine);
                queue!(out, cursor::MoveTo(0, row as u16), clear, Print(line))?;
            }
        }
        if frame.len() < self.shown.len() {
            let below = terminal::Clear(terminal::ClearType::FromCursorDown);
            queue!(out, cursor::MoveTo(0, frame.len() as u16), below)?;
        }
        out.flush()?;
        (self.shown, self.size, self.dirty) = (frame, Some(size), false);
        self.drawn_at = Some(Instant::now());
        Ok(())
    }
}

impl State {
    /// A first sighting or a change.
    fn note(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) {
        let first = self
            .seen
            .insert(id.to_string(), (names.cloned(), record.clone()))
            .is_none();
        if first {
            return;
        }
        let label = names
            .and_then(DesktopNames::label)
            .unwrap_or_else(|| id.to_string());
        let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
        let when = at.to_zoned(tz).strftime("%H:%M:%S").to_string();
        let text = format!(
            "{when} {} {}",
            sanitize(&label),
            sanitize(record.status_text())
        );
        self.last = Some((id.to_string(), text));
    }

    /// What the board shows at `now` on a screen of `(columns, rows)`: the header pinned at
    /// the top, then as many sessions as fit, by status and age, and how many more there are.
    fn frame(&self, now: jiff::Timestamp, (columns, rows): (u16, u16)) -> Vec<String> {
        let (width, height) = (usize::from(columns), usize::from(rows));
        let mut lines = self.header(width);
        let sessions = active_rows(&self.seen, now);
        if sessions.is_empty() {
            lines.push(String::new());
            lines.push(word("board-no-session", lang::current()));
        } else {
            // The table's header line, the rows that fit, and a line for the rest.
            let room = height.saturating_sub(lines.len() + 1);
            let fit = match sessions.len() <= room {
                true => sessions.len(),
                false => room.saturating_sub(1),
            };
            let highlight = self.last.as_ref().map(|(id, _)| id.as_str());
            let at = (now, lang::current());
            let table = sessions_table(&sessions[..fit], self.style, at, highlight);
            lines.extend(table.lines(Layout::Aligned(Some(width))));
            if fit < sessions.len() {
                let more = msg!("board-more", count = thousands(sessions.len() - fit)).render();
                lines.push(cut(&more, width));
            }
        }
        lines.truncate(height);
        lines
    }

    /// The counts (wrapped between two counts, never inside one) and the last change.
    fn header(&self, width: usize) -> Vec<String> {
        let rows: Vec<&RemoteAssistance> = self.seen.values().map(|(_, r)| r).collect();
        let count = |s: Status| rows.iter().filter(|r| r.status() == Some(&s)).count();
        let counts = [
            format!("{} OPEN", count(Status::Open)),
            format!("{} WAIT_USER_ACCESS", count(Status::WaitUserAccess)),
            format!("{} WAIT_USER_CONFIRM", count(Status::WaitUserConfirm)),
            msg!("board-checked", seen = self.seen.len(), total = self.total).render(),
            word("board-quit", lang::current()),
        ];
        let mut lines = wrapped(&counts, " · ", Some(width));
        let last = match &self.last {
            Some((_, text)) => text.clone(),
            None => word("board-none-yet", lang::current()),
        };
        let last = msg!("board-last-change", change = last).render();
        lines.push(cut(&last, width));
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

    #[test]
    fn a_frame_never_passes_the_screens_rows_and_says_how_many_more() {
        let open: RemoteAssistance =
            serde_json::from_value(serde_json::json!({"status": "OPEN"})).unwrap();
        let seen = (0..3000)
            .map(|i| (format!("d{i:04}"), (None, open.clone())))
            .collect();
        let state = State {
            style: Style::default(),
            total: 3000,
            seen,
            last: None,
        };
        let now = "2026-02-01T00:00:00Z".parse().unwrap();
        for rows in [4, 10, 40] {
            let frame = state.frame(now, (100, rows));
            assert_eq!(frame.len(), usize::from(rows), "{frame:#?}");
            let more = 3000 - (usize::from(rows) - 4);
            assert_eq!(
                frame.last().unwrap(),
                &format!("… {} more", thousands(more))
            );
            assert!(
                frame[0].starts_with("3000 OPEN · 0 WAIT_USER_ACCESS"),
                "{frame:#?}"
            );
        }
        // A screen with room for the header alone keeps the header.
        assert_eq!(state.frame(now, (100, 2)).len(), 2);
    }
}
