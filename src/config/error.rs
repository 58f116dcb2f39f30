//! `ConfigError`: what went wrong resolving the settings (the file, a profile, a value).
//! The advice shown under each is decided in `diagnostics.rs`.

use std::path::{Path, PathBuf};

use crate::messages::{msg, Message};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {reason}")]
    /// `reason`: the system's words (English in `Display`).
    Read { path: PathBuf, reason: Message },
    #[error("no config file at {path}")]
    Missing { path: PathBuf, explicit: bool },
    #[error("invalid config file {path}, line {line}, column {column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("unknown key `{key}` in {place} of {path}{}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    UnknownKey {
        path: PathBuf,
        place: String,
        key: String,
        line: Option<usize>,
        suggestion: Option<String>,
    },
    #[error("profile \"{name}\" is not defined in {path}")]
    UnknownProfile {
        name: String,
        path: PathBuf,
        known: Vec<String>,
    },
    #[error("{message}")]
    Invalid {
        message: Message,
        hint: Option<Message>,
    },
}

impl ConfigError {
    /// The error in the catalogue's words (in English, its `Display` text); `None` for a
    /// message the config room wrote as text (`Invalid`), shown as it is.
    pub fn message(&self) -> Option<Message> {
        Some(match self {
            ConfigError::Read { path, reason } => {
                msg!("err-config-read", path = path.display()).quote("reason", reason.clone())
            }
            ConfigError::Missing { path, .. } => msg!("err-config-missing", path = path.display()),
            ConfigError::Syntax {
                path,
                line,
                column,
                message,
            } => msg!(
                "err-config-syntax",
                path = path.display(),
                line = line,
                column = column,
                message = message
            ),
            ConfigError::UnknownKey {
                path,
                place,
                key,
                line,
                ..
            } => unknown_key(path, place, key, *line),
            ConfigError::UnknownProfile { name, path, .. } => {
                msg!(
                    "err-config-unknown-profile",
                    name = name,
                    path = path.display()
                )
            }
            ConfigError::Invalid { message, .. } => message.clone(),
        })
    }

    /// A value or a combination the config room refuses, with what to do about it: each a
    /// catalogue message, or a text not in the catalogue yet (shown as it is).
    pub fn invalid(message: impl Into<Words>, hint: impl Into<Words>) -> Self {
        ConfigError::Invalid {
            message: message.into().said("err-text", "text"),
            hint: Some(hint.into().said("hint-config", "hint")),
        }
    }
}

/// The `place` of an unknown key outside every table (in the English text; a sentence of its
/// own in the catalogue, as the words around it differ by language).
pub const TOP_LEVEL: &str = "the top level";

fn unknown_key(path: &Path, place: &str, key: &str, line: Option<usize>) -> Message {
    let top = place == TOP_LEVEL;
    let id = match (top, line) {
        (true, None) => "err-config-unknown-top-key",
        (true, Some(_)) => "err-config-unknown-top-key-line",
        (false, None) => "err-config-unknown-key",
        (false, Some(_)) => "err-config-unknown-key-line",
    };
    let m = Message::new(id).arg("key", key);
    let m = if top { m } else { m.arg("place", place) };
    let m = m.arg("path", path.display());
    match line {
        Some(line) => m.arg("line", line),
        None => m,
    }
}

/// The words of an `Invalid` config error or its hint: a catalogue message, or a text shown
/// as it is in every language until it has its row.
pub enum Words {
    Said(Message),
    Text(String),
}

impl Words {
    /// As a message: a text goes into the catalogue row `id`'s one place `name`, its line
    /// breaks kept.
    fn said(self, id: &'static str, name: &'static str) -> Message {
        match self {
            Words::Said(m) => m,
            Words::Text(t) => Message::new(id).arg_lines(name, t),
        }
    }
}

impl From<Message> for Words {
    fn from(m: Message) -> Self {
        Words::Said(m)
    }
}

impl From<String> for Words {
    fn from(t: String) -> Self {
        Words::Text(t)
    }
}

impl From<&str> for Words {
    fn from(t: &str) -> Self {
        Words::Text(t.to_string())
    }
}
