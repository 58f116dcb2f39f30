//! The exit codes of docs/CONTRACT.md, and what the edge makes of an error: its code and its
//! hint, which each typed error gives (`diagnose.rs`); commands say what happened, only this
//! room says which code that is and what to do about it.

mod code;
mod diagnose;

use crate::outcome::Context;
pub use crate::outcome::{Failure, Kind, Outcome};
pub use code::Code;
use diagnose::{diagnosis, kind_code, Diagnose};

use crate::messages::Message;

impl Outcome {
    /// The exit code of how a command ended.
    pub fn code(&self) -> Code {
        match self {
            Outcome::Done => Code::Success,
            Outcome::Stopped(kind) => kind_code(*kind),
            Outcome::Failed(e) => e.code(),
        }
    }
}

/// Each part of the error's chain that is a typed error, outermost first.
fn diagnosed(err: &anyhow::Error) -> impl Iterator<Item = &dyn Diagnose> {
    err.chain().filter_map(diagnosis)
}

/// The exit code for an error: the first typed error found in its chain decides; an error
/// nobody typed is a fault of the program.
pub fn classify(err: &anyhow::Error) -> Code {
    diagnosed(err).next().map_or(Code::Internal, |d| d.code())
}

/// What the user can do about an error: the hint of the first part of its chain that has one.
pub fn hint(err: &anyhow::Error) -> Option<Message> {
    diagnosed(err).find_map(|d| d.hint())
}

/// What one part of an error's chain says, in the catalogue's words (the run's language): a
/// context message, a typed error that has its words, or the system's error worded by its
/// kind; `None` for an error of a library (its own English text is then shown as it is).
pub fn words(cause: &(dyn std::error::Error + 'static)) -> Option<Message> {
    if let Some(context) = cause.downcast_ref::<Context>() {
        return Some(context.shown().clone());
    }
    if let Some(worded) = cause.downcast_ref::<crate::messages::Worded>() {
        return Some(worded.0.clone());
    }
    if let Some(iam) = cause.downcast_ref::<crate::session::IamFailed>() {
        return Some(iam.message.clone());
    }
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        return Some(crate::messages::os_error(io));
    }
    diagnosis(cause).and_then(|d| d.message())
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
    use crate::api::{ApiError, NetKind, StatusError};
    use crate::auth::source::SecretError;
    use crate::config::ConfigError;
    use crate::engine::StateError;
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
            reason: crate::messages::msg!("api-why-empty"),
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
                SecretError(crate::messages::msg!("secret-not-utf8")).into(),
                Code::Config,
            ),
            ("state", state.into(), Code::Config),
            ("401", status(401).into(), Code::Auth),
            ("403", status(403).into(), Code::Auth),
            ("404", status(404).into(), Code::NotFound),
            ("not found", failure(Kind::NotFound), Code::NotFound),
            ("400", status(400).into(), Code::Api),
            ("503", status(503).into(), Code::Api),
            ("429", status(429).into(), Code::Network),
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

    /// The hint is the typed error's, in the catalogue's words, whatever context is added.
    #[test]
    fn each_typed_error_gives_its_hint_through_any_context() {
        let said = |err: &anyhow::Error| hint(err).map(|m| m.render());
        for (name, err, _) in errors() {
            let before = said(&err);
            if let Some(text) = &before {
                assert!(
                    !text.starts_with("hint-"),
                    "{name}: no catalogue row: {text}"
                );
            }
            assert_eq!(said(&err.context("while doing y")), before, "{name}");
        }
        let busy = errors().remove(5).1;
        assert_eq!(
            said(&busy).as_deref(),
            Some("give each watch its own --state file, or let the other run finish")
        );
        assert_eq!(
            said(&status(404).into()).as_deref(),
            Some("check the desktop ID and the project (`--project-id`); `assist desktops` lists the desktops of the project")
        );
        assert_eq!(said(&anyhow::anyhow!("bug")), None);
        let hinted = Failure::new(Kind::Usage, "x").with_hint(crate::messages::msg!("hint-no-ids"));
        assert_eq!(
            said(&hinted.into()).as_deref(),
            Some("give IDs as arguments, with --file FILE, --name/--user/--ip, or one per line on stdin")
        );
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

    /// The ids of an errors catalogue, each with the names of its places, sorted.
    fn error_rows(lang: &str) -> Vec<(String, Vec<String>)> {
        let path = format!("{}/locales/{lang}/errors.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let mut rows: Vec<(String, Vec<String>)> = text
            .lines()
            .filter_map(|l| l.split_once(" = "))
            .filter(|(id, _)| id.starts_with(|c: char| c.is_ascii_lowercase()))
            .map(|(id, words)| {
                let mut names: Vec<String> = words
                    .split("{ $")
                    .skip(1)
                    .filter_map(|rest| rest.split_once(' ').map(|(n, _)| n.to_string()))
                    .collect();
                names.sort();
                names.dedup();
                (id.to_string(), names)
            })
            .collect();
        rows.sort();
        rows
    }

    /// Every source file outside the messages room, as one text.
    fn sources(dir: &std::path::Path, into: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("messages") {
                sources(&path, into);
            } else if path.extension().is_some_and(|e| e == "rs") {
                into.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// Each error's words (every row of errors.ftl: the `err-` ids and the config room's
    /// hints) exist in both languages with the same places, and each is said
    /// somewhere: a catalogue row nobody uses is a translation nobody reads.
    #[test]
    fn every_error_id_has_both_languages_and_is_used() {
        let (en, zh) = (error_rows("en"), error_rows("zh-CN"));
        assert!(!en.is_empty());
        assert_eq!(
            en, zh,
            "the English and Chinese errors differ in ids or places"
        );
        let mut text = String::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut text,
        );
        let unused: Vec<&String> = en
            .iter()
            .map(|(id, _)| id)
            .filter(|id| !text.contains(&format!("\"{id}\"")))
            .collect();
        assert!(unused.is_empty(), "error ids no source says: {unused:?}");
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
