//! `ConfigError`: what went wrong resolving the settings (the file, a profile, a value).
//! The advice shown under each is decided in `diagnostics.rs`.

use std::path::{Path, PathBuf};

use crate::messages::{msg, Message};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {reason}")]
    Read { path: PathBuf, reason: String },
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
        message: String,
        hint: Option<String>,
    },
}

impl ConfigError {
    /// The error in the catalogue's words (in English, its `Display` text); `None` for a
    /// message the config room wrote as text (`Invalid`), shown as it is.
    pub fn message(&self) -> Option<Message> {
        Some(match self {
            ConfigError::Read { path, reason } => {
                msg!("err-config-read", path = path.display(), reason = reason)
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
            ConfigError::Invalid { .. } => return None,
        })
    }

    pub fn invalid(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ConfigError::Invalid {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

fn unknown_key(path: &Path, place: &str, key: &str, line: Option<usize>) -> Message {
    let m = msg!(
        "err-config-unknown-key",
        key = key,
        place = place,
        path = path.display()
    );
    match line {
        Some(line) => Message::new("err-config-unknown-key-line")
            .arg("key", key)
            .arg("place", place)
            .arg("path", path.display())
            .arg("line", line),
        None => m,
    }
}
