//! `ConfigError`: what went wrong resolving the settings (the file, a profile, a value).
//! The advice shown under each is decided in `diagnostics.rs`.

use std::path::PathBuf;

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
    pub fn invalid(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ConfigError::Invalid {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}
