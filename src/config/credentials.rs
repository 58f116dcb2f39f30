//! A profile's credentials: how requests are authenticated, and where each secret comes from
//! (inline, a command or a file: exactly one), checked for what each auth mode needs.

use std::path::PathBuf;

use super::error::ConfigError;
use super::file::{AuthMode, RawProfile};
use super::source::Source;
use crate::auth::source::SecretSource;
use crate::messages::{msg, Message};
use crate::secret::Secret;

/// How requests will be authenticated; secrets are still where they live (read by `session`).
#[derive(Debug, Clone)]
pub enum AuthSpec {
    AkSk {
        ak: String,
        sk: SecretSource,
        security_token: Option<SecretSource>,
    },
    Token(SecretSource),
    Password {
        user: String,
        domain: String,
        password: SecretSource,
    },
}

impl AuthSpec {
    pub fn mode(&self) -> &'static str {
        match self {
            AuthSpec::AkSk { .. } => "aksk",
            AuthSpec::Token(_) => "token",
            AuthSpec::Password { .. } => "password",
        }
    }
}

/// Exactly one source for a secret: inline, `*_command` or `*_file`.
fn secret_source(
    key: &str,
    inline: &Option<Secret>,
    command: &Option<String>,
    file: &Option<PathBuf>,
    said: &Message,
) -> Result<Option<SecretSource>, ConfigError> {
    let mut found = Vec::new();
    if let Some(v) = inline.as_ref().filter(|v| !v.is_empty()) {
        found.push(SecretSource::Value {
            value: v.clone(),
            origin: msg!("secret-in-place", key = key).quote("place", said.clone()),
        });
    }
    if let Some(c) = command.as_ref().filter(|c| !c.trim().is_empty()) {
        found.push(SecretSource::Command {
            key: format!("{key}_command"),
            command: c.clone(),
        });
    }
    if let Some(f) = file {
        found.push(SecretSource::File {
            key: format!("{key}_file"),
            path: f.clone(),
        });
    }
    if found.len() > 1 {
        return Err(ConfigError::invalid(
            msg!("err-config-secret-twice", key = key).quote("place", said.clone()),
            msg!("hint-config-secret-twice"),
        ));
    }
    Ok(found.pop())
}

pub fn auth_spec(p: &RawProfile, source: &Source) -> Result<AuthSpec, ConfigError> {
    // Where the profile is, in the run's language (`Display` is the English of JSON).
    let said = source.said();
    let at = &said;
    let sk = secret_source("sk", &p.sk, &p.sk_command, &p.sk_file, at)?;
    let token = secret_source("token", &p.token, &p.token_command, &p.token_file, at)?;
    let password = secret_source("password", &None, &p.password_command, &None, at)?;
    let mode = p.auth_mode();
    let missing = |what: &str, needs: Message| {
        ConfigError::invalid(
            msg!("err-config-auth-needs", mode = what)
                .quote("place", said.clone())
                .quote("needs", needs),
            msg!("hint-config-auth-needs"),
        )
    };
    match mode {
        Some(AuthMode::Aksk) => {
            let ak = p.ak.clone().filter(|a| !a.trim().is_empty());
            match (ak, sk) {
                (Some(ak), Some(sk)) => Ok(AuthSpec::AkSk {
                    ak,
                    sk,
                    security_token: p.security_token.clone().filter(|t| !t.is_empty()).map(|t| {
                        SecretSource::Value {
                            value: t,
                            origin: msg!("secret-in-place", key = "security_token")
                                .quote("place", said.clone()),
                        }
                    }),
                }),
                (None, Some(_)) => Err(missing("aksk", msg!("auth-needs-ak"))),
                (Some(_), None) => Err(missing("aksk", msg!("auth-needs-sk"))),
                (None, None) => Err(missing("aksk", msg!("auth-needs-ak-sk"))),
            }
        }
        Some(AuthMode::Token) => token
            .map(AuthSpec::Token)
            .ok_or_else(|| missing("token", msg!("auth-needs-token"))),
        Some(AuthMode::Password) => {
            let user = p.user.clone().filter(|u| !u.trim().is_empty());
            let domain = p.domain.clone().filter(|d| !d.trim().is_empty());
            match (user, domain, password) {
                (Some(user), Some(domain), Some(password)) => Ok(AuthSpec::Password {
                    user,
                    domain,
                    password,
                }),
                (u, d, pw) => {
                    let lacking: Vec<&str> = [
                        ("user", u.is_none()),
                        ("domain", d.is_none()),
                        ("password_command", pw.is_none()),
                    ]
                    .into_iter()
                    .filter_map(|(k, m)| m.then_some(k))
                    .collect();
                    let needs = msg!("auth-needs-password", missing = lacking.join(", "));
                    Err(missing("password", needs))
                }
            }
        }
        None => Err(ConfigError::invalid(
            Message::new("err-config-no-credentials").quote("place", said.clone()),
            msg!("hint-config-no-credentials"),
        )),
    }
}
