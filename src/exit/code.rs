//! `Code`: every exit code of docs/CONTRACT.md, as the process ends with it.

use std::process::ExitCode;

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
    /// 128 + the signal's number, as shells report a death by that signal.
    HungUp = 129,
    Interrupted = 130,
    Terminated = 143,
}

impl From<Code> for ExitCode {
    fn from(code: Code) -> ExitCode {
        ExitCode::from(code as u8)
    }
}
