//! The exit codes of docs/CONTRACT.md, and the one table that maps each typed error and outcome to
//! one: commands say what happened, only this file says which code that is.

use std::process::ExitCode;

use crate::api::ApiError;
use crate::auth::source::SecretError;
use crate::config::ConfigError;
use crate::engine::StateError;
pub use crate::outcome::{Failure, Kind, Outcome};

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

impl Outcome {
    /// The exit code of how a command ended.
    pub fn code(&self) -> Code {
        match self {
            Outcome::Done => Code::Success,
            Outcome::Stopped(kind) => kind_code(*kind),
            Outcome::Failed(e) => api_code(e),
        }
    }
}

fn kind_code(kind: Kind) -> Code {
    match kind {
        Kind::Usage => Code::Usage,
        Kind::NotFound => Code::NotFound,
        Kind::Deadline => Code::Deadline,
        Kind::Ended | Kind::NoCode => Code::Ended,
        Kind::Interrupted => Code::Interrupted,
        Kind::Terminated => Code::Terminated,
        Kind::HungUp => Code::HungUp,
        Kind::TooMany => Code::Api,
    }
}

fn api_code(e: &ApiError) -> Code {
    match e {
        _ if e.is_refused() => Code::Auth,
        _ if e.is_not_found() => Code::NotFound,
        ApiError::Network { .. } => Code::Network,
        // Only a desktop ID can make a path that is not the one intended.
        ApiError::InvalidPath(_) => Code::Usage,
        _ => Code::Api,
    }
}

/// The exit code for an error: the first typed error found in its chain decides; an error
/// nobody typed is a fault of the program.
pub fn classify(err: &anyhow::Error) -> Code {
    err.chain()
        .find_map(|cause| {
            if let Some(f) = cause.downcast_ref::<Failure>() {
                return Some(kind_code(f.kind));
            }
            if let Some(api) = cause.downcast_ref::<ApiError>() {
                return Some(api_code(api));
            }
            // The setup is at fault: the config, the secret command or file, the state file.
            let setup = cause.is::<ConfigError>()
                || cause.is::<SecretError>()
                || cause.is::<StateError>()
                || cause.is::<crate::audit::LogError>();
            setup.then_some(Code::Config)
        })
        .unwrap_or(Code::Internal)
}

/// clap's own "errors": `--help` and `--version` print to stdout and succeed.
pub fn of_clap(e: &clap::Error) -> Code {
    if e.use_stderr() {
        Code::Usage
    } else {
        Code::Success
    }
}

/// A panic is an internal error; the panic hook has already said so.
pub fn of_panic() -> Code {
    Code::Internal
}

/// A closed stdout (`assist show … | head -1`) is not an error: end quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NetKind, StatusError};
    use std::path::PathBuf;

    fn status(code: u16) -> ApiError {
        ApiError::Status(Box::new(StatusError {
            status: code,
            ..StatusError::default()
        }))
    }

    fn network() -> ApiError {
        ApiError::Network {
            kind: NetKind::Timeout,
            url: "https://example.test/".into(),
            detail: "slow".into(),
        }
    }

    fn malformed() -> ApiError {
        ApiError::Malformed {
            status: 200,
            reason: "EOF".into(),
            body: "{".into(),
            request_id: None,
        }
    }

    /// Every error kind `assist` can end with, and the code docs/CONTRACT.md gives it.
    fn errors() -> Vec<(&'static str, anyhow::Error, Code)> {
        let failure = |kind| anyhow::Error::new(Failure::new(kind, "x"));
        let state = StateError::Busy {
            path: PathBuf::from("s.json"),
            waited: std::time::Duration::from_secs(1),
        };
        vec![
            ("untyped", anyhow::anyhow!("bug"), Code::Internal),
            ("io", std::io::Error::other("disk").into(), Code::Internal),
            ("usage", failure(Kind::Usage), Code::Usage),
            (
                "config",
                ConfigError::invalid("x", "y").into(),
                Code::Config,
            ),
            (
                "secret",
                SecretError("sk_command failed".into()).into(),
                Code::Config,
            ),
            ("state", state.into(), Code::Config),
            ("401", status(401).into(), Code::Auth),
            ("403", status(403).into(), Code::Auth),
            ("404", status(404).into(), Code::NotFound),
            ("not found", failure(Kind::NotFound), Code::NotFound),
            ("400", status(400).into(), Code::Api),
            ("503", status(503).into(), Code::Api),
            ("malformed", malformed().into(), Code::Api),
            (
                "path",
                ApiError::InvalidPath("..".into()).into(),
                Code::Usage,
            ),
            ("network", network().into(), Code::Network),
            ("deadline", failure(Kind::Deadline), Code::Deadline),
            ("ended", failure(Kind::Ended), Code::Ended),
            ("no code", failure(Kind::NoCode), Code::Ended),
            ("interrupted", failure(Kind::Interrupted), Code::Interrupted),
            ("terminated", failure(Kind::Terminated), Code::Terminated),
            ("hung up", failure(Kind::HungUp), Code::HungUp),
            ("too many", failure(Kind::TooMany), Code::Api),
        ]
    }

    #[test]
    fn each_error_kind_maps_to_its_contract_code() {
        for (name, err, code) in errors() {
            assert_eq!(classify(&err), code, "{name}");
            // Context added on the way up never changes the code.
            assert_eq!(classify(&err.context("while doing y")), code, "{name}");
        }
    }

    #[test]
    fn each_outcome_maps_to_its_contract_code() {
        let table = [
            (Outcome::Done, 0),
            (Outcome::Stopped(Kind::Usage), 2),
            (Outcome::Stopped(Kind::NotFound), 5),
            (Outcome::Stopped(Kind::Deadline), 8),
            (Outcome::Stopped(Kind::Ended), 9),
            (Outcome::Stopped(Kind::NoCode), 9),
            (Outcome::Stopped(Kind::Interrupted), 130),
            (Outcome::Stopped(Kind::Terminated), 143),
            (Outcome::Stopped(Kind::HungUp), 129),
            (Outcome::Stopped(Kind::TooMany), 6),
            (Outcome::Failed(status(403)), 4),
            (Outcome::Failed(status(404)), 5),
            (Outcome::Failed(status(400)), 6),
            (Outcome::Failed(network()), 7),
        ];
        for (outcome, code) in table {
            assert_eq!(outcome.code() as u8, code, "{outcome:?}");
        }
        assert_eq!(of_panic() as u8, 1);
    }

    #[test]
    fn every_code_of_the_contract_is_produced() {
        let mut codes: Vec<u8> = errors().iter().map(|(_, e, _)| classify(e) as u8).collect();
        codes.push(Outcome::Done.code() as u8);
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 129, 130, 143]);
    }

    #[test]
    fn help_succeeds_and_a_bad_flag_is_a_usage_error() {
        use clap::error::ErrorKind;
        assert_eq!(
            of_clap(&clap::Error::new(ErrorKind::DisplayHelp)),
            Code::Success
        );
        assert_eq!(
            of_clap(&clap::Error::new(ErrorKind::UnknownArgument)),
            Code::Usage
        );
    }
}
