//! What a command says about how it ended, short of an error of the program: the vocabulary
//! commands use, which `exit.rs` alone turns into exit codes.

use crate::api::ApiError;
use crate::messages::{Lang, Message};

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
}

/// A `Kind` with the message (and what to do) that the user is told.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub kind: Kind,
    /// What happened, in the catalogue's words: English as the error's text (logs, the audit
    /// log), the run's language at the edge.
    pub message: Message,
    /// The message as the edge shows it when it quotes another error (whose words are then
    /// in the run's language, where `message` quotes its English text).
    /// Boxed: a `Failure` travels in `Result`s and stays small.
    shown: Option<Box<Message>>,
    /// What to do about it: the command knows the situation, the catalogue has the words.
    pub hint: Option<Message>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<Said>) -> Self {
        Failure {
            kind,
            message: message.into().0,
            shown: None,
            hint: None,
        }
    }

    /// A failure whose message quotes another error's words (`quoted`): `message` builds it
    /// around the quoted text, once in English (the error's text) and once in the run's
    /// language (what the edge shows).
    pub fn quoting(kind: Kind, quoted: &Message, message: impl Fn(String) -> Message) -> Self {
        Failure {
            kind,
            message: message(quoted.render_in(Lang::En)),
            shown: Some(Box::new(message(quoted.render()))),
            hint: None,
        }
    }

    /// What the edge shows.
    pub fn shown(&self) -> &Message {
        self.shown.as_deref().unwrap_or(&self.message)
    }

    pub fn with_hint(mut self, hint: Message) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// What a `Failure` says: a catalogue message, or (for a text not yet in the catalogue, and
/// for clap's words) a text shown as it is in every language.
pub struct Said(Message);

impl From<Message> for Said {
    fn from(message: Message) -> Self {
        Said(message)
    }
}

impl From<String> for Said {
    fn from(text: String) -> Self {
        Said(Message::new("err-text").arg_lines("text", text))
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Self {
        Said::from(text.to_string())
    }
}

/// An error with what was being done when it happened, in the catalogue's words: anyhow's
/// `.context(…)` with a `Message`, as a type of its own so that the edge finds each one in
/// the chain (anyhow's own context types cannot be downcast from the chain) and says it in
/// the run's language. Its `Display` is English, like every error's text.
#[derive(Debug)]
pub struct Context {
    message: Message,
    /// As for a `Failure`: the message in the run's language when it quotes another error.
    shown: Option<Box<Message>>,
    source: anyhow::Error,
}

impl Context {
    /// What the edge shows.
    pub fn shown(&self) -> &Message {
        self.shown.as_deref().unwrap_or(&self.message)
    }
}

impl std::fmt::Display for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message.fmt(f)
    }
}

impl std::error::Error for Context {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// `error` with `message` said above it.
pub fn explained(error: impl Into<anyhow::Error>, message: Message) -> anyhow::Error {
    anyhow::Error::new(Context {
        message,
        shown: None,
        source: error.into(),
    })
}

/// `error` with a message said above it that quotes another error's words (`quoted`), built
/// as [`Failure::quoting`] builds one.
pub fn explained_quoting(
    error: impl Into<anyhow::Error>,
    quoted: &Message,
    message: impl Fn(String) -> Message,
) -> anyhow::Error {
    anyhow::Error::new(Context {
        message: message(quoted.render_in(Lang::En)),
        shown: Some(Box::new(message(quoted.render()))),
        source: error.into(),
    })
}

/// What an error says when a note or a warning quotes it (`{ $error }`), as its `Display`
/// says it but in the catalogue's words: the outermost part of the chain, like `{e}`.
/// The system's error is worded by its kind; an error without words of its own (a
/// library's) is quoted as it is.
pub fn words_of(err: &anyhow::Error) -> Message {
    let top: &(dyn std::error::Error + 'static) = err.as_ref();
    if let Some(context) = top.downcast_ref::<Context>() {
        return context.shown().clone();
    }
    if let Some(failure) = top.downcast_ref::<Failure>() {
        return failure.shown().clone();
    }
    if let Some(api) = top.downcast_ref::<ApiError>() {
        return api.message();
    }
    if let Some(io) = top.downcast_ref::<std::io::Error>() {
        return crate::messages::os_error(io);
    }
    Message::new("error").arg("error", err)
}

/// `.context(…)` and `.with_context(…)` for a catalogue message.
pub trait Explain<T> {
    fn explain(self, message: Message) -> anyhow::Result<T>;
    fn explain_with(self, message: impl FnOnce() -> Message) -> anyhow::Result<T>;
}

impl<T, E: Into<anyhow::Error>> Explain<T> for Result<T, E> {
    fn explain(self, message: Message) -> anyhow::Result<T> {
        self.map_err(|e| explained(e, message))
    }

    fn explain_with(self, message: impl FnOnce() -> Message) -> anyhow::Result<T> {
        self.map_err(|e| explained(e, message()))
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
