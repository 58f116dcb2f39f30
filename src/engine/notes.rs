//! What a run says besides the changes it reports: the notes, warnings and errors of the
//! poll loop, all through the command's reporter. Failures that hit many desktops at once are
//! held and said once per cause (`summary.rs`); the throttling note once a run, the round-time
//! note as measured (`rounds.rs`): once, and again when it changes by more than half.

use std::time::{Duration, Instant};

use super::directory::Directory;
use super::pace::Pacer;
use super::queue::Lane;
use super::rounds::{rounded, Measure, Rounds};
use super::summary::{self, Said, Summary};
use crate::api::model::RemoteAssistance;
use crate::api::ApiError;
use crate::domain::{DesktopId, DesktopNames};
use crate::messages::{msg, Level, Message};
use crate::output::Reporter;

/// The run's reporter and what it holds back. Whatever way the run ends (an answer, an error,
/// a panic unwinding), the held lines are said when this is dropped.
pub struct Voice<'r> {
    reporter: &'r mut dyn Reporter,
    summary: Summary,
    said_throttled: bool,
    rounds: Rounds,
}

impl<'r> Voice<'r> {
    pub fn new(reporter: &'r mut dyn Reporter) -> Voice<'r> {
        Voice {
            reporter,
            summary: Summary::default(),
            said_throttled: false,
            rounds: Rounds::new(Instant::now()),
        }
    }

    pub fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        self.reporter.change(id, names, record, at)
    }

    pub fn say(&mut self, level: Level, message: &Message) {
        self.reporter.say(level, message);
    }

    /// Whether the reader of the changes has gone.
    pub fn gone(&self) -> bool {
        self.reporter.gone()
    }

    /// A desktop's failure or recovery: said as `alone` (a level and a message) if no other
    /// desktop has the same trouble at the same moment, or once with the others.
    pub fn hold(
        &mut self,
        level: summary::Level,
        id: &DesktopId,
        error: Option<&ApiError>,
        alone: Said,
    ) {
        let earlier = self.summary.add(level, id.as_str(), error, alone);
        self.say_all(earlier);
    }

    /// Says what is held once nothing more is coming (`quiet`) or it waited long enough.
    pub fn tick(&mut self, quiet: bool) {
        let lines = self.summary.tick(quiet);
        self.say_all(lines);
    }

    fn say_all(&mut self, lines: Vec<Said>) {
        for (level, message) in lines {
            self.reporter.say(level, &message);
        }
    }

    /// Said once: the gateway refuses requests, and the run slows down for it.
    pub fn throttled(&mut self) {
        if !std::mem::replace(&mut self.said_throttled, true) {
            self.say(Level::Note, &msg!("engine-throttled"));
        }
    }

    /// An answer (not a 429) for a desktop picked from `lane`: what the round note measures.
    pub fn answered(&mut self, lane: Lane) {
        self.rounds.answered(lane);
    }

    /// The round note, when a whole round does not fit in the interval: how long one takes
    /// and how often pending desktops are polled, as measured over the last window (`open`
    /// desktops, `hot` of them pending or just changed). Said once the gateway (or
    /// `--max-rate`) sets the pace, and again when it changes by more than half.
    pub fn round(
        &mut self,
        pacer: &Pacer,
        now: Instant,
        (open, hot): (usize, usize),
        interval: Duration,
        once: bool,
    ) {
        let Some(m) = self.rounds.measure(now, open, hot, interval) else {
            return;
        };
        let paced = pacer.settled().or(pacer.cap()).is_some();
        if once || !paced || m.round <= interval || !self.rounds.worth_saying(m) {
            return;
        }
        self.say(Level::Note, &round_note(open, m));
    }
}

impl Drop for Voice<'_> {
    fn drop(&mut self) {
        let lines = self.summary.flush();
        self.say_all(lines);
    }
}

/// The round-time note.
fn round_note(desktops: usize, m: Measure) -> Message {
    msg!(
        "engine-round-slow",
        desktops = crate::text::thousands(desktops),
        rate = crate::text::thousands(m.rate.round() as usize),
        round = crate::units::spoken(rounded(m.round)),
        pending = crate::units::spoken(rounded(m.pending))
    )
}

/// `desktop ID (NAME (USER))`, or `desktop ID` without names, for notes.
pub fn about(directory: &Directory, id: &DesktopId) -> String {
    match directory.names(id.as_str()).and_then(|n| n.label()) {
        Some(label) => msg!("engine-desktop-named", id = id.as_str(), label = label).render(),
        None => msg!("engine-desktop", id = id.as_str()).render(),
    }
}
