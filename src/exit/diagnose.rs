//! Each typed error's exit code and hint (what the user can do about it), decided here and
//! nowhere else: the HTTP layer, the config, the state file and the secret sources only
//! describe what happened, and the words of every hint are in the messages catalogue.

use std::error::Error;

use super::code::Code;
use crate::api::{ApiError, NetKind};
use crate::audit::LogError;
use crate::auth::source::SecretError;
use crate::config::file::PROFILE_KEYS;
use crate::config::{ConfigError, DEMO_PROFILE};
use crate::engine::StateError;
use crate::files::Unsafe;
use crate::messages::{msg, Message};
use crate::notify::NotifyError;
use crate::outcome::{Failure, Kind};

/// What an error says about itself at the edge: the exit code it ends the run with, and what
/// the user can do about it.
pub trait Diagnose {
    fn code(&self) -> Code;
    fn hint(&self) -> Option<Message>;
    /// What happened, in the catalogue's words (the edge says it in the run's language);
    /// `None`: the error's own (English) text is shown.
    fn message(&self) -> Option<Message> {
        None
    }
}

/// The one downcast chain: `cause` as an error that diagnoses itself, if it is one. An error
/// type added to the program is added here, once, for both its code and its hint.
pub fn diagnosis<'a>(cause: &'a (dyn Error + 'static)) -> Option<&'a dyn Diagnose> {
    if let Some(e) = cause.downcast_ref::<Failure>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<ApiError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<ConfigError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<StateError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<SecretError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<Unsafe>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<NotifyError>() {
        return Some(e);
    }
    cause.downcast_ref::<LogError>().map(|e| e as &dyn Diagnose)
}

/// The code of a command that stopped short (an `Outcome::Stopped`, a `Failure`).
pub fn kind_code(kind: Kind) -> Code {
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

/// A command's refusal: the command knows the situation, so it names the hint.
impl Diagnose for Failure {
    fn code(&self) -> Code {
        kind_code(self.kind)
    }

    fn hint(&self) -> Option<Message> {
        self.hint.clone()
    }

    fn message(&self) -> Option<Message> {
        Some(self.shown().clone())
    }
}

impl Diagnose for ApiError {
    fn message(&self) -> Option<Message> {
        Some(ApiError::message(self))
    }

    fn code(&self) -> Code {
        match self {
            _ if self.is_refused() => Code::Auth,
            // The gateway has no such API: the endpoint or region is wrong, not the desktop.
            _ if self.is_no_such_api() => Code::Config,
            _ if self.is_not_found() => Code::NotFound,
            ApiError::Network { .. } => Code::Network,
            // Still throttled after every attempt: the way through is shut, as when the
            // network is down; trying later helps, unlike an API error.
            _ if self.status() == Some(429) => Code::Network,
            // Only a desktop ID can make a path that is not the one intended.
            ApiError::InvalidPath(_) => Code::Usage,
            _ => Code::Api,
        }
    }

    fn hint(&self) -> Option<Message> {
        let code = self.error_code().unwrap_or("");
        if self.is_no_such_api() {
            let (endpoint, region) = self.place();
            return Some(msg!(
                "hint-no-such-api",
                endpoint = endpoint.unwrap_or("(unknown)"),
                region = region.unwrap_or("(none set)"),
            ));
        }
        let id = match (self, self.status()) {
            (_, Some(401)) if code.ends_with(".0303") => "hint-app-auth-failed",
            (_, Some(401)) => "hint-credentials-rejected",
            (_, Some(403)) if self.has_encoded_authorization_message() => "hint-permission-encoded",
            (_, Some(403)) => "hint-permission",
            (_, Some(404)) => "hint-desktop-not-found",
            (_, Some(429)) => "hint-throttled",
            (ApiError::Status(_), Some(s)) if s >= 500 => "hint-service-failed",
            (ApiError::Malformed { .. } | ApiError::TooLarge { .. }, _) => "hint-not-workspace",
            (ApiError::Network { kind, .. }, _) => network_hint(*kind),
            _ => return None,
        };
        Some(Message::new(id))
    }
}

fn network_hint(kind: NetKind) -> &'static str {
    match kind {
        NetKind::Timeout => "hint-timeout",
        NetKind::Tls => "hint-tls",
        _ => "hint-network",
    }
}

/// The setup is at fault: the config, the secret command or file, the state file, the log.
impl Diagnose for ConfigError {
    fn code(&self) -> Code {
        Code::Config
    }

    fn message(&self) -> Option<Message> {
        ConfigError::message(self)
    }

    fn hint(&self) -> Option<Message> {
        match self {
            ConfigError::Missing { path, .. } => Some(msg!(
                "hint-config-missing",
                dir = path
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                path = path.display(),
            )),
            ConfigError::UnknownKey {
                suggestion: Some(s),
                ..
            } => Some(msg!("hint-did-you-mean", key = s)),
            ConfigError::UnknownKey { place, .. } if place.starts_with("[notify.") => Some(msg!(
                "hint-known-notify-keys",
                keys = crate::config::notify::NOTIFY_KEYS.join(", ")
            )),
            ConfigError::UnknownKey { place, .. } if place == crate::config::TOP_LEVEL => {
                let keys = crate::config::file::TOP_KEYS.join(", ");
                Some(msg!("hint-known-top-keys", keys = keys))
            }
            ConfigError::UnknownKey { .. } => {
                Some(msg!("hint-known-keys", keys = PROFILE_KEYS.join(", ")))
            }
            ConfigError::UnknownProfile { known, .. } => {
                let known = match known.is_empty() {
                    true => Message::new("word-none-defined"),
                    false => Message::new("as-is").arg("text", known.join(", ")),
                };
                Some(msg!("hint-known-profiles", demo = DEMO_PROFILE).quote("known", known))
            }
            ConfigError::Invalid { hint, .. } => hint.clone(),
            _ => None,
        }
    }
}

impl Diagnose for StateError {
    fn code(&self) -> Code {
        Code::Config
    }

    fn message(&self) -> Option<Message> {
        Some(match self {
            StateError::Unusable { path, why } => {
                msg!("err-state-unusable", path = path.display()).quote("why", why.clone())
            }
            StateError::Busy { path, waited } => msg!(
                "err-state-busy",
                path = path.display(),
                waited = crate::units::spoken(*waited)
            ),
        })
    }

    fn hint(&self) -> Option<Message> {
        Some(Message::new(match self {
            StateError::Unusable { .. } => "hint-state-unusable",
            StateError::Busy { .. } => "hint-state-busy",
        }))
    }
}

impl Diagnose for SecretError {
    fn code(&self) -> Code {
        Code::Config
    }

    fn message(&self) -> Option<Message> {
        Some(Message::new("err-secret").quote("reason", self.0.clone()))
    }

    fn hint(&self) -> Option<Message> {
        Some(msg!("hint-secret-source"))
    }
}

/// A file or directory another user could have planted: the setup, refused before use.
impl Diagnose for Unsafe {
    fn message(&self) -> Option<Message> {
        Some(crate::messages::unsafe_file(self))
    }

    fn code(&self) -> Code {
        Code::Config
    }

    fn hint(&self) -> Option<Message> {
        Some(msg!("hint-file-unsafe"))
    }
}

impl Diagnose for NotifyError {
    fn message(&self) -> Option<Message> {
        Some(match self {
            NotifyError::Client(reason) => msg!("err-notify-client", reason = reason),
            NotifyError::Refused { target, reason } => {
                msg!("err-notify-refused", target = target).quote("reason", reason.clone())
            }
            NotifyError::Unreachable { target, reason } => {
                msg!("err-notify-unreachable", target = target).quote("reason", reason.clone())
            }
        })
    }

    fn code(&self) -> Code {
        match self {
            NotifyError::Client(_) => Code::Internal,
            NotifyError::Refused { .. } => Code::Api,
            NotifyError::Unreachable { .. } => Code::Network,
        }
    }

    fn hint(&self) -> Option<Message> {
        match self {
            NotifyError::Client(_) => None,
            NotifyError::Refused { target, .. } => {
                Some(msg!("hint-notify-refused", target = target))
            }
            NotifyError::Unreachable { target, .. } => {
                Some(msg!("hint-notify-unreachable", target = target))
            }
        }
    }
}

impl Diagnose for LogError {
    fn code(&self) -> Code {
        Code::Config
    }

    fn message(&self) -> Option<Message> {
        Some(LogError::message(self))
    }

    fn hint(&self) -> Option<Message> {
        Some(msg!("hint-audit-log-unwritable"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::StatusError;

    fn status(code: u16, error_code: Option<&str>, encoded: bool) -> ApiError {
        ApiError::Status(Box::new(StatusError {
            status: code,
            error_code: error_code.map(str::to_owned),
            encoded_authorization_message: encoded.then(|| "AQoD…".to_owned()),
            ..StatusError::default()
        }))
    }

    fn network(kind: NetKind) -> ApiError {
        ApiError::Network {
            kind,
            url: "https://example.test/".into(),
            detail: "x".into(),
        }
    }

    /// Which hint each answer of the API gets (the words are the catalogue's).
    #[test]
    fn each_api_error_gets_its_hint() {
        let table = [
            (
                status(401, Some("APIGW.0303"), false),
                Some("hint-app-auth-failed"),
            ),
            (
                status(404, Some("APIGW.0101"), false),
                Some("hint-no-such-api"),
            ),
            (
                status(404, Some("APIG.0101"), false),
                Some("hint-no-such-api"),
            ),
            (status(401, None, false), Some("hint-credentials-rejected")),
            (status(403, None, true), Some("hint-permission-encoded")),
            (status(403, None, false), Some("hint-permission")),
            (status(404, None, false), Some("hint-desktop-not-found")),
            (status(429, None, false), Some("hint-throttled")),
            (status(503, None, false), Some("hint-service-failed")),
            (status(400, None, false), None),
            (ApiError::InvalidPath("..".into()), None),
            (network(NetKind::Timeout), Some("hint-timeout")),
            (network(NetKind::Tls), Some("hint-tls")),
            (network(NetKind::Connect), Some("hint-network")),
            (network(NetKind::Body), Some("hint-network")),
        ];
        for (err, id) in table {
            assert_eq!(err.hint().map(|m| m.id()), id, "{err}");
        }
    }

    #[test]
    fn a_gateway_404_is_the_configuration_and_a_workspace_404_the_desktop() {
        let gateway = status(404, Some("APIGW.0101"), false);
        assert_eq!(
            (gateway.code(), gateway.is_not_found()),
            (Code::Config, false)
        );
        let workspace = status(404, Some("WKS.0404"), false);
        assert_eq!(
            (workspace.code(), workspace.is_not_found()),
            (Code::NotFound, true)
        );
        let endpoint = "https://workspace.na-mexico-1.myhuaweicloud.com";
        let placed = gateway.at(endpoint, Some("na-mexico-1"));
        let hint = placed.hint().map(|m| m.render()).unwrap_or_default();
        let named = format!("the API gateway at {endpoint} has no such API");
        assert!(hint.starts_with(&named), "{hint}");
        assert!(hint.contains("(region: na-mexico-1)"), "{hint}");
    }

    #[test]
    fn setup_errors_are_config_errors_with_their_hint() {
        let secret = SecretError(msg!("secret-command", key = "sk_command"));
        assert_eq!(secret.code(), Code::Config);
        assert_eq!(secret.hint().map(|m| m.id()), Some("hint-secret-source"));
        let given = ConfigError::invalid("bad", "do \x1b this\nthen that");
        assert_eq!(given.code(), Code::Config);
        // The config room's own hint keeps its lines, escaped like any value.
        assert_eq!(
            given.hint().map(|m| m.render()).as_deref(),
            Some("do \\u{1b} this\nthen that")
        );
    }

    /// In English each typed error's words are its `Display` text, byte for byte: the edge
    /// shows the words, logs and the audit log keep the text.
    #[test]
    fn the_english_words_of_each_setup_error_are_its_text() {
        use std::path::PathBuf;
        let path = || PathBuf::from("/etc/assist/config.toml");
        type Said<'a> = Box<dyn Fn() -> (Option<Message>, String) + 'a>;
        let errors: Vec<Said> = vec![
            Box::new(|| {
                let e = ConfigError::Read {
                    path: path(),
                    reason: crate::messages::os_error(&std::io::Error::from_raw_os_error(13)),
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = ConfigError::Missing {
                    path: path(),
                    explicit: true,
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = ConfigError::Syntax {
                    path: path(),
                    line: 2,
                    column: 7,
                    message: "expected `=`".into(),
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = ConfigError::UnknownKey {
                    path: path(),
                    place: "[profiles.prod]".into(),
                    key: "regoin".into(),
                    line: Some(4),
                    suggestion: None,
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = ConfigError::UnknownKey {
                    path: path(),
                    place: "[profiles.prod]".into(),
                    key: "regoin".into(),
                    line: None,
                    suggestion: None,
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = ConfigError::UnknownProfile {
                    name: "x".into(),
                    path: path(),
                    known: vec![],
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = StateError::Unusable {
                    path: path(),
                    why: msg!("state-why-foreign").quote("why", msg!("state-why-not-state")),
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = StateError::Busy {
                    path: path(),
                    waited: std::time::Duration::from_secs(10),
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = SecretError(
                    msg!("secret-command", key = "sk_command")
                        .quote("why", msg!("secret-failed-status", code = 1, stderr = "no")),
                );
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = NotifyError::Refused {
                    target: "ops".into(),
                    reason: msg!("as-is", text = "HTTP 400"),
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = NotifyError::Unreachable {
                    target: "ops".into(),
                    reason: msg!("notify-why-connect"),
                };
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = NotifyError::Client("no TLS".into());
                (Diagnose::message(&e), e.to_string())
            }),
            Box::new(|| {
                let e = LogError {
                    path: path(),
                    source: std::io::Error::other("disk full"),
                };
                (Diagnose::message(&e), e.to_string())
            }),
        ];
        for make in errors {
            let (said, text) = make();
            let said = said.expect("words");
            assert_eq!(
                said.render_in(crate::messages::Lang::En),
                text,
                "{}",
                said.id()
            );
        }
    }
}
