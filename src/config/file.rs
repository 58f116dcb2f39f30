//! The TOML config file: its shape, reading it, and refusing what it must not contain.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::error::ConfigError;
use super::notify::NOTIFY_KEYS;
use crate::messages::{msg, os_error, Message, Worded};
use crate::output::OutputFormat;
use crate::secret::Secret;

pub const TOP_KEYS: &[&str] = &["default_profile", "profiles", "notify"];
pub const PROFILE_KEYS: &[&str] = &[
    "region",
    "project_id",
    "endpoint",
    "iam_endpoint",
    "auth",
    "ak",
    "sk",
    "sk_command",
    "sk_file",
    "security_token",
    "token",
    "token_command",
    "token_file",
    "user",
    "domain",
    "password_command",
    "output",
    "allow_http",
    "ca_file",
    "require_ticket",
    "audit_log",
    "lang",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    Aksk,
    Token,
    Password,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawConfig {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, RawProfile>,
    #[serde(default)]
    pub notify: BTreeMap<String, super::notify::RawNotify>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawProfile {
    pub region: Option<String>,
    pub project_id: Option<String>,
    pub endpoint: Option<String>,
    pub iam_endpoint: Option<String>,
    pub auth: Option<AuthMode>,
    pub ak: Option<String>,
    pub sk: Option<Secret>,
    pub sk_command: Option<String>,
    pub sk_file: Option<std::path::PathBuf>,
    pub security_token: Option<Secret>,
    pub token: Option<Secret>,
    pub token_command: Option<String>,
    pub token_file: Option<std::path::PathBuf>,
    pub user: Option<String>,
    pub domain: Option<String>,
    pub password_command: Option<String>,
    pub output: Option<OutputFormat>,
    pub allow_http: Option<bool>,
    pub ca_file: Option<std::path::PathBuf>,
    pub require_ticket: Option<bool>,
    pub audit_log: Option<std::path::PathBuf>,
    /// The language of what a person reads (`en`, `zh`): checked when the profile is used.
    pub lang: Option<String>,
}

impl RawProfile {
    /// `auth`, or the mode the keys present imply.
    pub fn auth_mode(&self) -> Option<AuthMode> {
        let any = |keys: &[bool]| keys.iter().any(|k| *k);
        self.auth.or(
            if any(&[
                self.token.is_some(),
                self.token_command.is_some(),
                self.token_file.is_some(),
            ]) {
                Some(AuthMode::Token)
            } else if any(&[
                self.ak.is_some(),
                self.sk.is_some(),
                self.sk_command.is_some(),
                self.sk_file.is_some(),
            ]) {
                Some(AuthMode::Aksk)
            } else if any(&[self.user.is_some(), self.password_command.is_some()]) {
                Some(AuthMode::Password)
            } else {
                None
            },
        )
    }
}

/// No config file, credentials file or regions file comes near this.
const FILE_LIMIT: u64 = 4 * 1024 * 1024;

/// Reads a file of settings (this TOML file, the SDK's credentials and regions files): never
/// a FIFO or a device, since reading settings must never wait (TAB completion reads them
/// too), and never more than [`FILE_LIMIT`].
pub fn read_file(path: &Path) -> std::io::Result<(String, std::fs::File)> {
    crate::files::read_regular(path, FILE_LIMIT)?.ok_or_else(|| {
        // In the catalogue's words, which os_error says wherever the error is quoted.
        let large = msg!("config-why-too-large", limit = FILE_LIMIT >> 20);
        std::io::Error::new(std::io::ErrorKind::InvalidData, Worded(large))
    })
}

/// Reads and validates the file; `None` when the default file does not exist. A file of
/// another user (neither this one nor root) that holds a command is refused: run as root
/// with that user's HOME (`sudo -E`), their command would run as root.
pub fn load(path: &Path) -> Result<Option<RawConfig>, ConfigError> {
    let (text, file) = match read_file(path) {
        Ok(read) => read,
        // A missing file is only an error for a profile that needs it (not for "demo").
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                reason: os_error(&e),
            })
        }
    };
    let raw = parse_text(path, &text)?;
    if let Some(owner) = crate::files::foreign_owner(&file) {
        let table: toml::Table = toml::from_str(&text).map_err(|e| syntax(path, &text, &e))?;
        if let Some(key) = command_key(&table) {
            return Err(foreign_command(path, owner, &key));
        }
    }
    Ok(Some(raw))
}

/// The file's text before `config init` edits it (empty when there is none yet): never a
/// FIFO or a device, never a file of another user (neither this one nor root).
pub fn text_to_edit(path: &Path) -> Result<String, ConfigError> {
    let unreadable = |reason: Message| ConfigError::Read {
        path: path.to_path_buf(),
        reason,
    };
    let (text, file) = match read_file(path) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(String::new()),
        Err(e) => return Err(unreadable(os_error(&e))),
    };
    crate::files::check_owner(&file, path)
        .map_err(|e| unreadable(crate::messages::unsafe_why(&e.why)))?;
    Ok(text)
}

/// The first `*_command` key at any depth (profiles, and any table a later version adds).
fn command_key(table: &toml::Table) -> Option<String> {
    table.iter().find_map(|(key, value)| {
        if key.ends_with("_command") {
            return Some(key.clone());
        }
        match value {
            toml::Value::Table(inner) => command_key(inner),
            toml::Value::Array(items) => items
                .iter()
                .filter_map(toml::Value::as_table)
                .find_map(command_key),
            _ => None,
        }
    })
}

fn foreign_command(path: &Path, owner: u32, key: &str) -> ConfigError {
    ConfigError::invalid(
        msg!(
            "err-config-foreign-command",
            path = path.display(),
            owner = owner,
            key = key
        ),
        msg!("hint-config-foreign-command"),
    )
}

/// Parses and validates config text; `path` only names the file in errors.
pub fn parse_text(path: &Path, text: &str) -> Result<RawConfig, ConfigError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| syntax(path, text, &e))?;
    check_keys(path, text, &table)?;
    toml::from_str(text).map_err(|e| syntax(path, text, &e))
}

fn syntax(path: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
    let mut offset = e.span().map_or(0, |s| s.start).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: e.message().trim().to_string(),
    }
}

/// Unknown keys are errors (a typo must not silently drop a setting), with the closest known key.
fn check_keys(path: &Path, text: &str, table: &toml::Table) -> Result<(), ConfigError> {
    let unknown = |place: &str, key: &str, known: &[&str]| ConfigError::UnknownKey {
        path: path.to_path_buf(),
        place: place.to_string(),
        key: key.to_string(),
        line: line_of_key(text, key),
        suggestion: closest(key, known).map(String::from),
    };
    if let Some(key) = table.keys().find(|k| !TOP_KEYS.contains(&k.as_str())) {
        return Err(unknown(super::error::TOP_LEVEL, key, TOP_KEYS));
    }
    if let Some(toml::Value::Table(targets)) = table.get("notify") {
        for (name, target) in targets {
            let keys = target.as_table().into_iter().flat_map(|t| t.keys());
            if let Some(key) = keys
                .into_iter()
                .find(|k| !NOTIFY_KEYS.contains(&k.as_str()))
            {
                return Err(unknown(&format!("[notify.{name}]"), key, NOTIFY_KEYS));
            }
        }
    }
    let Some(toml::Value::Table(profiles)) = table.get("profiles") else {
        return Ok(());
    };
    for (name, profile) in profiles {
        let Some(profile) = profile.as_table() else {
            continue; // the typed pass reports a profile that is not a table
        };
        if let Some(key) = profile.keys().find(|k| !PROFILE_KEYS.contains(&k.as_str())) {
            return Err(unknown(&format!("[profiles.{name}]"), key, PROFILE_KEYS));
        }
    }
    Ok(())
}

fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// The known key nearest to a typo, if one is near enough to be what was meant.
pub fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .copied()
        .map(|k| (strsim::jaro_winkler(key, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The warning for a config file that holds secrets and is readable by others.
pub fn readable_secrets_warning(path: &Path, raw: &RawConfig) -> Option<Message> {
    let has_secret = raw
        .profiles
        .values()
        .any(|p| p.sk.is_some() || p.token.is_some() || p.security_token.is_some())
        || raw.notify.values().any(|n| n.secret.is_some());
    exposure_warning(path, has_secret)
}

/// A file holding secrets that others can read is a leak waiting to happen: the warning
/// that says so, if it is one.
pub fn exposure_warning(path: &Path, has_secret: bool) -> Option<Message> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode());
        if has_secret && mode.is_ok_and(|m| m & 0o077 != 0) {
            return Some(msg!("config-secrets-readable", path = path.display()));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, has_secret);
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_text_makes_the_parser_panic(text in "\\PC{0,200}") {
            let _ = parse_text(Path::new("c.toml"), &text);
        }

        #[test]
        fn no_profile_body_makes_the_parser_panic(body in "[a-z_]{1,12} = (\"[^\"\\\\]{0,20}\"|[0-9]{1,5}|true|\\[\\])") {
            let text = format!("[profiles.p]\n{body}\n");
            let _ = parse_text(Path::new("c.toml"), &text);
        }
    }

    #[test]
    fn the_example_config_parses_and_documents_every_key() {
        let text = include_str!("../../config.example.toml");
        let raw = parse_text(Path::new("config.example.toml"), text).unwrap();
        assert_eq!(raw.default_profile.as_deref(), Some("prod"));
        for key in PROFILE_KEYS.iter().chain(TOP_KEYS) {
            let documented = text.lines().any(|l| {
                let l = l.trim_start_matches(['#', ' ']);
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
                    || l.starts_with(&format!("[{key}."))
            });
            assert!(documented, "config.example.toml does not document `{key}`");
        }
    }

    #[test]
    fn errors_inside_multibyte_text_name_a_line() {
        let e = parse_text(Path::new("c.toml"), "[profiles.\"ä\"]\nregion = \"ä").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
