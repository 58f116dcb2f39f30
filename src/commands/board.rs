//! `assist sessions --watch`: the fleet's sessions at a glance, kept up to date. On a terminal
//! the live board (drawn by `output::Board`, which also restores the terminal on every way out)
//! and the keys that end it; elsewhere one line per change, like `watch`.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::api::model::Desktop;
use crate::api::Client;
use crate::cli::SessionsArgs;
use crate::config::Settings;
use crate::domain::DesktopId;
use crate::engine::directory::Directory;
use crate::engine::poll::{self, Plan};
use crate::outcome::{Kind, Outcome};
use crate::output::{Board, LineReporter, OutputFormat};

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
        keep_records: false,
        keep_seen: false,
    };
    let on_terminal = std::io::stdout().is_terminal() && settings.output == OutputFormat::Table;
    if !on_terminal {
        let mut reporter = LineReporter {
            width: None,
            out: std::io::stdout().lock(),
            format: settings.output,
            show_password: settings.style.show_password,
            stdout: true,
        };
        let outcome = poll::run(client, &plan, &HashMap::new(), &mut reporter, interrupted)?;
        if matches!(outcome.end, Outcome::Stopped(Kind::Interrupted)) {
            eprintln!("interrupted");
        }
        return Ok(outcome.end);
    }
    let mut board = Board::enter(settings.style, plan.ids.len())?;
    let quit = Arc::new(AtomicBool::new(false));
    let keys = listen_for_keys(interrupted.clone(), quit.clone());
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
