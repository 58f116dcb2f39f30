//! What a command says about how it ended, short of an error of the program: the vocabulary
//! commands use, which `exit.rs` alone turns into exit codes.

use crate::api::ApiError;
use crate::messages::Message;

/// Why a command stopped short of what was asked, when that is no fault of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bad argument, an ambiguous or empty selection.
    Usage,
    /// No such desktop.
    NotFound,
    /// The deadline passed (or the one `--once` poll) before a wanted status.
    Deadline,
    /// The assistance ended in another final state (`CLOSE`, a `failed_reason`).
    Ended,
    /// `-o code` or `-o link` with nothing to print.
    NoCode,
    /// Ctrl-C (SIGINT).
    Interrupted,
    /// SIGTERM: what `timeout`, `kill` and systemd send.
    Terminated,
    /// SIGHUP: the terminal was closed.
    HungUp,
    /// The service listed more than assist accepts to keep (`desktops`, selectors).
    TooMany,
}

impl Kind {
    /// A signal ended the run (state files are saved first, as on a normal stop).
    pub fn is_signal(self) -> bool {
        matches!(self, Kind::Interrupted | Kind::Terminated | Kind::HungUp)
    }

    /// What stderr says when a signal ended the run, as a message.
    pub fn signal_message(self) -> Message {
        Message::new(match self {
            Kind::Terminated => "signal-terminated",
            Kind::HungUp => "signal-hung-up",
            _ => "signal-interrupted",
        })
    }

    /// What stderr says when a signal ended the run (the catalogue's words, for a message
    /// that quotes it).
    pub fn signal_text(self) -> &'static str {
        match self {
            Kind::Terminated => "terminated (SIGTERM)",
            Kind::HungUp => "hung up (SIGHUP)",
            _ => "interrupted",
        }
    }
}

/// A `Kind` with the message (and what to do) that the user is told.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
    /// What to do about it: the command knows the situation, the catalogue has the words.
    pub hint: Option<Message>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Message) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// How a command ended when no error is left to report: what went wrong, if anything, is
/// already on stderr (a watch tells each desktop's end as it happens).
#[derive(Debug)]
pub enum Outcome {
    /// What was asked is done (for `watch --until`: every desktop reached a wanted status).
    Done,
    Stopped(Kind),
    /// A request failed for good.
    Failed(ApiError),
}
