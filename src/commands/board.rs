//! `assist sessions --watch`: the fleet's sessions at a glance, kept up to date. On a terminal
//! a board redrawn in place (the alternate screen, raw mode for `q`; the terminal is restored
//! on every way out, a panic included); elsewhere one line per change, like `watch`.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, queue, terminal};

use super::directory::Directory;
use super::poll::{self, Plan};
use crate::api::model::{Desktop, RemoteAssistance};
use crate::api::Client;
use crate::cli::SessionsArgs;
use crate::config::Settings;
use crate::domain::{DesktopId, DesktopNames, Status};
use crate::outcome::{Kind, Outcome};
use crate::output::{
    sessions_table, Layout, LineReporter, OutputFormat, Reporter, SessionRow, Stream, Style,
};
use crate::text::sanitize;

pub fn run(
    settings: &Settings,
    args: &SessionsArgs,
    client: Arc<Client>,
    desktops: &[Desktop],
    directory: Arc<Directory>,
    interrupted: &Arc<AtomicBool>,
) -> anyhow::Result<Outcome> {
    let plan = Plan {
        ids: desktops
            .iter()
            .filter_map(|d| DesktopId::parse(d.id()).ok())
            .collect(),
        interval: args.interval,
        concurrency: args.concurrency as usize,
        max_rate: args.max_rate,
        until: Vec::new(),
        deadline: None,
        once: false,
        directory,
        membership: None,
    };
    let on_terminal = std::io::stdout().is_terminal() && settings.output == OutputFormat::Table;
    if !on_terminal {
        let mut reporter = LineReporter {
            width: None,
            out: std::io::stdout().lock(),
            format: settings.output,
            show_password: settings.style.show_password,
        };
        let outcome = poll::run(client, &plan, &HashMap::new(), &mut reporter, interrupted)?;
        if matches!(outcome.end, Outcome::Stopped(Kind::Interrupted)) {
            eprintln!("interrupted");
        }
        return Ok(outcome.end);
    }
    let screen = Screen::enter()?;
    let quit = Arc::new(AtomicBool::new(false));
    let keys = listen_for_keys(interrupted.clone(), quit.clone());
    let mut board = Board {
        screen,
        style: settings.style,
        total: plan.ids.len(),
        seen: HashMap::new(),
        last: None,
    };
    board.draw()?;
    let result = poll::run(client, &plan, &HashMap::new(), &mut board, interrupted);
    // Stop the key thread before the terminal is restored (it reads raw input).
    interrupted.store(true, Ordering::SeqCst);
    let _ = keys.join();
    drop(board);
    let outcome = result?;
    match outcome.end {
        // `q` is the way to leave a board: no error in that.
        Outcome::Stopped(Kind::Interrupted) if quit.load(Ordering::SeqCst) => Ok(Outcome::Done),
        end => Ok(end),
    }
}

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

/// Reads keys until `stop`: `q` (or Esc) quits, Ctrl-C interrupts (raw mode turns it into a
/// key rather than a signal).
fn listen_for_keys(stop: Arc<AtomicBool>, quit: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            let Ok(true) = event::poll(Duration::from_millis(50)) else {
                continue;
            };
            let Ok(Event::Key(key)) = event::read() else {
                continue;
            };
            if key.kind == KeyEventKind::Release {
                continue;
            }
            let ctrl_c =
                key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
            if matches!(key.code, KeyCode::Char('q' | 'Q') | KeyCode::Esc) {
                quit.store(true, Ordering::SeqCst);
                stop.store(true, Ordering::SeqCst);
            } else if ctrl_c {
                stop.store(true, Ordering::SeqCst);
            }
        }
    })
}

/// What the board knows: every desktop's latest record, and the last change.
struct Board {
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
    /// The whole board, drawn again from the top left: a header with the counts, the last
    /// change, then the sessions by status and age.
    fn draw(&mut self) -> std::io::Result<()> {
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
            let width = crate::output::width(Stream::Stdout).map(usize::from);
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
