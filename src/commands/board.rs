//! `assist sessions --watch`: the fleet's sessions at a glance, kept up to date. On a terminal
//! the live board (drawn by `output::LiveBoard`, which also restores the terminal on every way
//! out), the keys that end it and the resizes it follows; elsewhere one line per change, like
//! `watch`.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::api::model::Desktop;
use crate::api::model::RemoteAssistance;
use crate::api::Client;
use crate::cli::SessionsArgs;
use crate::config::Settings;
use crate::domain::{DesktopId, DesktopNames, Status};
use crate::engine::directory::Directory;
use crate::engine::pace::Pacer;
use crate::engine::poll::{self, Plan};
use crate::messages::{self, Level, Message};
use crate::outcome::{Kind, Outcome};
use crate::output::{LineReporter, LiveBoard, OutputFormat, Reporter};

/// The round the one-shot `sessions` asks its pacer for (`commands/sessions.rs`).
const ONE_SHOT_ROUND: Duration = Duration::from_secs(1);

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
        began: None,
        directory,
        membership: None,
        keep_records: false,
        keep_seen: false,
    };
    let targets = settings.notify.select(&args.notify.notify)?;
    let notifier = crate::notify::Notifier::start(targets, settings.verbose)?;
    let demand = demand(plan.ids.len(), args.interval);
    plan.directory
        .pace(Pacer::new(args.max_rate, demand, Instant::now()));
    let on_terminal = std::io::stdout().is_terminal() && settings.output == OutputFormat::Table;
    if !on_terminal {
        let mut reporter = notifier.listen(SessionsOnly {
            lines: LineReporter {
                width: None,
                out: std::io::stdout().lock(),
                format: settings.output,
                show_password: settings.style.show_password,
                stdout: true,
            },
            shown: HashSet::new(),
        });
        let outcome = poll::run(client, &plan, &HashMap::new(), &mut reporter, interrupted);
        drop(reporter);
        notifier.finish();
        let outcome = outcome?;
        if matches!(outcome.end, Outcome::Stopped(Kind::Interrupted)) {
            messages::plain(&Kind::Interrupted.signal_message());
        }
        return Ok(outcome.end);
    }
    let board = LiveBoard::enter(settings.style, plan.ids.len())?;
    let quit = Arc::new(AtomicBool::new(false));
    board.draw()?;
    let keys = listen_for_keys(interrupted.clone(), quit.clone(), board.clone());
    let mut board = notifier.listen(board);
    let result = poll::run(client, &plan, &HashMap::new(), &mut board, interrupted);
    // Stop the key thread before the terminal is restored (it reads raw input).
    interrupted.store(true, Ordering::SeqCst);
    let _ = keys.join();
    drop(board);
    notifier.finish();
    let outcome = result?;
    match outcome.end {
        // `q` is the way to leave a board: no error in that.
        Outcome::Stopped(Kind::Interrupted) if quit.load(Ordering::SeqCst) => Ok(Outcome::Done),
        end => Ok(end),
    }
}

/// The calls a second the board asks of its pacer: a round per --interval, and the first pass
/// at least at the one-shot `sessions`'s pace (every desktop within a second) when the
/// interval is longer. The pacer never goes far past what is asked: asked for the one-shot's
/// pace alone, a board of 8 desktops every 100 ms polled each about twice a second.
fn demand(desktops: usize, interval: Duration) -> f64 {
    desktops.max(1) as f64 / interval.min(ONE_SHOT_ROUND).as_secs_f64()
}

/// Reads keys until `stop`: `q` (or Esc) quits, Ctrl-C interrupts (raw mode turns it into a
/// key rather than a signal). Between keys it draws: the changes the engine left for the
/// next frame, and the whole board again when the terminal was resized (SIGWINCH).
fn listen_for_keys(
    stop: Arc<AtomicBool>,
    quit: Arc<AtomicBool>,
    board: LiveBoard,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            // A failed draw is the engine's to report, at its next change.
            let _ = board.tick();
            let Ok(true) = event::poll(Duration::from_millis(50)) else {
                continue;
            };
            let Ok(Event::Key(key)) = event::read() else {
                // Event::Resize among them: the next tick draws at the new size.
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

/// The lines of a piped `sessions --watch`: like `sessions`, only desktops with a session.
/// A desktop first seen without one (`NONE`, `CLOSE`) is left out; once shown, its session's
/// end is a change worth a line.
struct SessionsOnly<R> {
    lines: R,
    shown: HashSet<String>,
}

impl<R: Reporter> Reporter for SessionsOnly<R> {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        let active = record.status().is_some_and(Status::is_active);
        let worth_a_line = if active {
            self.shown.insert(id.to_string());
            true
        } else {
            self.shown.remove(id)
        };
        match worth_a_line {
            true => self.lines.change(id, names, record, at),
            false => Ok(()),
        }
    }

    fn say(&mut self, level: Level, message: &Message) {
        self.lines.say(level, message);
    }

    fn gone(&self) -> bool {
        self.lines.gone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_asks_for_its_interval_or_the_one_shots_pace_whichever_is_faster() {
        assert_eq!(demand(8, Duration::from_millis(100)), 80.0);
        assert_eq!(demand(3000, Duration::from_secs(2)), 3000.0);
        assert_eq!(demand(0, Duration::from_secs(5)), 1.0);
    }
}
