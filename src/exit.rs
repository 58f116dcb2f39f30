//! The exit codes of CONTRACT.md, in one place, and how an error maps to one.

use std::process::ExitCode;

use crate::api::ApiError;
use crate::config::ConfigError;

/// Every exit code `assist` can end with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Success = 0,
    Internal = 1,
    Usage = 2,
    Config = 3,
    Auth = 4,
    NotFound = 5,
    Api = 6,
    Network = 7,
    Deadline = 8,
    Ended = 9,
    Interrupted = 130,
}

impl From<Code> for ExitCode {
    fn from(code: Code) -> ExitCode {
        ExitCode::from(code as u8)
    }
}

/// An outcome that is not a fault of the program but still ends it with a given code
/// (a usage mistake, an assistance that ended, a deadline).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The exit code for an error: the first typed error found in its chain decides.
pub fn classify(err: &anyhow::Error) -> Code {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.code;
        }
        if cause.downcast_ref::<ConfigError>().is_some() {
            return Code::Config;
        }
        if let Some(api) = cause.downcast_ref::<ApiError>() {
            return api.exit_code();
        }
    }
    Code::Internal
}

/// What the user can do about an error, if any part of its chain knows.
pub fn hint(err: &anyhow::Error) -> Option<String> {
    err.chain().find_map(|cause| {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.hint.clone();
        }
        if let Some(c) = cause.downcast_ref::<ConfigError>() {
            return c.hint();
        }
        cause.downcast_ref::<ApiError>().and_then(ApiError::hint)
    })
}

/// A closed stdout (`assist show … | head -1`) is not an error: end quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
