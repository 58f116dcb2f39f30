//! TOML profiles + environment + flags, merged into one validated `Settings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;

use crate::auth::Credentials;
use crate::cli::GlobalArgs;
use crate::output::{OutputFormat, Style};
use crate::secret::Secret;
use crate::sim;

/// The name of the built-in profile that talks to an in-process simulator.
pub const DEMO_PROFILE: &str = "demo";

/// Regions with a Workspace endpoint (api/WORKSPACE-API.md §3).
pub const REGIONS: &[&str] = &[
    "cn-east-3",
    "cn-north-4",
    "cn-south-1",
    "cn-southwest-2",
    "la-south-2",
    "sa-brazil-1",
    "la-north-2",
    "ap-southeast-3",
    "cn-north-9",
    "ap-southeast-1",
    "cn-east-5",
    "me-east-1",
    "af-south-1",
    "tr-west-1",
    "cn-north-11",
    "af-north-1",
    "ap-southeast-2",
    "eu-west-101",
];

const TOP_KEYS: &[&str] = &["default_profile", "profiles"];
const PROFILE_KEYS: &[&str] = &[
    "region",
    "project_id",
    "endpoint",
    "iam_endpoint",
    "auth",
    "ak",
    "sk",
    "sk_command",
    "security_token",
    "token",
    "token_command",
    "user",
    "domain",
    "password_command",
    "output",
];

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
    fn invalid(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ConfigError::Invalid {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            ConfigError::Missing { path, .. } => Some(format!(
                "create it from config.example.toml (see README \"Configuration\"): mkdir -p {} && cp config.example.toml {}; \
                 or try the built-in simulator: assist --profile demo show a130ab3a-72bf-4b71-baa9-af4987c8e338",
                path.parent().map(|p| p.display().to_string()).unwrap_or_default(),
                path.display()
            )),
            ConfigError::UnknownKey { suggestion: Some(s), .. } => Some(format!("did you mean `{s}`?")),
            ConfigError::UnknownKey { .. } => Some(format!("known profile keys: {}", PROFILE_KEYS.join(", "))),
            ConfigError::UnknownProfile { known, .. } => Some(format!(
                "profiles defined there: {}; plus the built-in \"{DEMO_PROFILE}\"",
                if known.is_empty() { "(none)".to_string() } else { known.join(", ") }
            )),
            ConfigError::Invalid { hint, .. } => hint.clone(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    Aksk,
    Token,
    Password,
}

#[derive(Debug, Default, Deserialize)]
struct RawConfig {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, RawProfile>,
}

#[derive(Debug, Default, Deserialize)]
// iam_endpoint, user, domain and password_command are parsed (so the file format is stable)
// but only refused as "not supported yet" by `credentials`; password auth reads them next.
#[allow(dead_code)]
struct RawProfile {
    region: Option<String>,
    project_id: Option<String>,
    endpoint: Option<String>,
    iam_endpoint: Option<String>,
    auth: Option<AuthMode>,
    ak: Option<String>,
    sk: Option<Secret>,
    sk_command: Option<String>,
    security_token: Option<Secret>,
    token: Option<Secret>,
    token_command: Option<String>,
    user: Option<String>,
    domain: Option<String>,
    password_command: Option<String>,
    output: Option<OutputFormat>,
}

/// Where and how to reach the API, ready for `api::Client`.
pub struct Connection {
    pub endpoint: Url,
    pub project_id: String,
    pub credentials: Credentials,
    /// Keeps the demo profile's in-process simulator alive for the run.
    pub _demo: Option<sim::Handle>,
}

/// Everything a command needs, validated.
pub struct Settings {
    pub output: OutputFormat,
    pub style: Style,
    pub verbose: u8,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_attempts: u32,
    pub connection: Connection,
}

/// The config file in use: `--config`/`ASSIST_CONFIG`, else the platform config dir.
pub fn config_path(global: &GlobalArgs) -> Option<(PathBuf, bool)> {
    if let Some(p) = &global.config {
        return Some((p.clone(), true));
    }
    directories::ProjectDirs::from("", "", "assist")
        .map(|d| (d.config_dir().join("config.toml"), false))
}

/// Resolves flags > `ASSIST_*` environment (merged by clap) > profile > defaults.
pub fn resolve(global: &GlobalArgs) -> Result<Settings, ConfigError> {
    let (path, explicit) = config_path(global).ok_or_else(|| {
        ConfigError::invalid(
            "cannot determine the config directory (no home directory)",
            "pass --config PATH or set ASSIST_CONFIG",
        )
    })?;
    let file = load(&path)?;
    let name = global
        .profile
        .clone()
        .or_else(|| file.as_ref().and_then(|f| f.default_profile.clone()))
        .unwrap_or_else(|| "default".to_string());
    let profile = file.as_ref().and_then(|f| f.profiles.get(&name));
    let connection = match profile {
        Some(p) => connect(global, p, &name, &path)?,
        None if name == DEMO_PROFILE => demo_connection(global)?,
        None => return Err(missing_profile(file.as_ref(), name, path, explicit)),
    };
    let output = global
        .output
        .or(profile.and_then(|p| p.output))
        .unwrap_or(OutputFormat::Table);
    Ok(Settings {
        output,
        style: Style {
            color: Style::color_enabled(global.color),
            show_password: false,
        },
        verbose: global.verbose,
        connect_timeout: global.connect_timeout,
        timeout: global.timeout,
        max_attempts: global.max_attempts,
        connection,
    })
}

fn missing_profile(
    file: Option<&RawConfig>,
    name: String,
    path: PathBuf,
    explicit: bool,
) -> ConfigError {
    match file {
        None => ConfigError::Missing { path, explicit },
        Some(f) => ConfigError::UnknownProfile {
            name,
            path,
            known: f.profiles.keys().cloned().collect(),
        },
    }
}

/// Reads and validates the file; `None` when the default file does not exist.
fn load(path: &Path) -> Result<Option<RawConfig>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        // A missing file is only an error for a profile that needs it (not for "demo").
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
        }
    };
    let table: toml::Table = toml::from_str(&text).map_err(|e| syntax(path, &text, &e))?;
    check_keys(path, &text, &table)?;
    let raw: RawConfig = toml::from_str(&text).map_err(|e| syntax(path, &text, &e))?;
    warn_if_readable(path, &raw);
    Ok(Some(raw))
}

fn syntax(path: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
    let offset = e.span().map_or(0, |s| s.start).min(text.len());
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
        return Err(unknown("the top level", key, TOP_KEYS));
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

/// A file holding secrets that others can read is a leak waiting to happen: say so.
fn warn_if_readable(path: &Path, raw: &RawConfig) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let has_secret = raw
            .profiles
            .values()
            .any(|p| p.sk.is_some() || p.token.is_some() || p.security_token.is_some());
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode());
        if has_secret && mode.is_ok_and(|m| m & 0o077 != 0) {
            eprintln!(
                "warning: {} holds secrets and can be read by other users; fix it with: chmod 600 {}",
                path.display(),
                path.display()
            );
        }
    }
}

fn connect(
    global: &GlobalArgs,
    p: &RawProfile,
    name: &str,
    path: &Path,
) -> Result<Connection, ConfigError> {
    let place = format!("profile \"{name}\" in {}", path.display());
    let region = global.region.clone().or_else(|| p.region.clone());
    let endpoint = global.endpoint.clone().or_else(|| p.endpoint.clone());
    let endpoint = endpoint_url(endpoint.as_deref(), region.as_deref(), &place)?;
    let project_id = global
        .project_id
        .clone()
        .or_else(|| p.project_id.clone())
        .filter(|id| !id.trim().is_empty())
        .ok_or_else(|| {
            ConfigError::invalid(
                format!("{place} has no `project_id`"),
                "add project_id = \"…\" (the console's \"My Credentials\" page lists it per region), or pass --project-id",
            )
        })?;
    Ok(Connection {
        endpoint,
        project_id,
        credentials: credentials(p, &place)?,
        _demo: None,
    })
}

fn credentials(p: &RawProfile, place: &str) -> Result<Credentials, ConfigError> {
    let mode = p
        .auth
        .or(if p.token.is_some() || p.token_command.is_some() {
            Some(AuthMode::Token)
        } else if p.ak.is_some() || p.sk.is_some() {
            Some(AuthMode::Aksk)
        } else {
            None
        });
    let not_yet = |key: &str| {
        ConfigError::invalid(
            format!("{place} uses `{key}`, which this version of assist does not support yet"),
            "put the value itself in the file (mode 0600) for now",
        )
    };
    match mode {
        Some(AuthMode::Aksk) => {
            if p.sk_command.is_some() && p.sk.is_none() {
                return Err(not_yet("sk_command"));
            }
            let missing: Vec<&str> = [("ak", p.ak.is_none()), ("sk", p.sk.is_none())]
                .into_iter()
                .filter_map(|(k, m)| m.then_some(k))
                .collect();
            match (&p.ak, &p.sk) {
                (Some(ak), Some(sk)) if !ak.is_empty() && !sk.is_empty() => Ok(Credentials::AkSk {
                    ak: ak.clone(),
                    sk: sk.clone(),
                    security_token: p.security_token.clone().filter(|t| !t.is_empty()),
                }),
                _ => Err(ConfigError::invalid(
                    format!("{place}: auth = \"aksk\" needs `ak` and `sk`; missing or empty: {}", if missing.is_empty() { "ak/sk".to_string() } else { missing.join(", ") }),
                    "add both keys to the profile (the access key pair from the console's \"My Credentials\" page)",
                )),
            }
        }
        Some(AuthMode::Token) => match &p.token {
            Some(t) if !t.is_empty() => Ok(Credentials::Token(t.clone())),
            _ if p.token_command.is_some() => Err(not_yet("token_command")),
            _ => Err(ConfigError::invalid(
                format!("{place}: auth = \"token\" needs `token`, which is missing or empty"),
                "add token = \"…\" (an IAM token valid for the project)",
            )),
        },
        Some(AuthMode::Password) => Err(not_yet("auth = \"password\"")),
        None => Err(ConfigError::invalid(
            format!("{place} has no credentials"),
            "set auth = \"aksk\" with ak and sk, or auth = \"token\" with token (see config.example.toml)",
        )),
    }
}

/// The endpoint: explicit, else from the region's table entry; https unless loopback.
fn endpoint_url(
    endpoint: Option<&str>,
    region: Option<&str>,
    place: &str,
) -> Result<Url, ConfigError> {
    let text = match (endpoint, region) {
        (Some(e), _) => e.to_string(),
        (None, Some(r)) if REGIONS.contains(&r) => {
            format!("https://workspace.{r}.myhuaweicloud.com")
        }
        (None, Some(r)) => {
            return Err(ConfigError::invalid(
                format!("unknown region \"{r}\" ({place})"),
                format!(
                    "{}regions with Workspace: {}; for another region set `endpoint`",
                    closest(r, REGIONS)
                        .map(|s| format!("did you mean {s}? "))
                        .unwrap_or_default(),
                    REGIONS.join(", ")
                ),
            ))
        }
        (None, None) => {
            return Err(ConfigError::invalid(
                format!("{place} has neither `region` nor `endpoint`"),
                "add region = \"cn-north-4\" (or your region), or endpoint = \"https://…\"",
            ))
        }
    };
    parse_endpoint(&text)
}

pub fn parse_endpoint(text: &str) -> Result<Url, ConfigError> {
    let bad = |why: &str| {
        ConfigError::invalid(
            format!("invalid endpoint \"{}\": {why}", crate::text::snippet(text, 100)),
            "write it like https://workspace.cn-north-4.myhuaweicloud.com (http:// only for 127.0.0.1/localhost)",
        )
    };
    let url = Url::parse(text).map_err(|e| bad(&e.to_string()))?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(bad("it must not carry a query, a fragment or user info"));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(bad(
            "plain http would send credentials unencrypted; only loopback addresses may use it",
        )),
        _ => Err(bad("the scheme must be https")),
    }
}

pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The built-in demo: an in-process simulator on 127.0.0.1, signed requests over real HTTP.
fn demo_connection(global: &GlobalArgs) -> Result<Connection, ConfigError> {
    let handle = sim::spawn(&sim::SimArgs::demo()).map_err(|e| {
        ConfigError::invalid(
            format!("could not start the demo simulator: {e:#}"),
            "the demo needs a free port on 127.0.0.1",
        )
    })?;
    let endpoint = parse_endpoint(&handle.url())?;
    eprintln!(
        "note: profile \"{DEMO_PROFILE}\" talks to a built-in simulator at {}, not to the cloud",
        handle.url()
    );
    Ok(Connection {
        endpoint,
        project_id: global
            .project_id
            .clone()
            .unwrap_or_else(|| sim::DEMO_PROJECT_ID.to_string()),
        credentials: Credentials::AkSk {
            ak: sim::DEMO_AK.to_string(),
            sk: Secret::new(sim::DEMO_SK),
            security_token: None,
        },
        _demo: Some(handle),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_key_finds_typos_only() {
        assert_eq!(closest("regoin", PROFILE_KEYS), Some("region"));
        assert_eq!(closest("projectid", PROFILE_KEYS), Some("project_id"));
        assert_eq!(closest("zzzzzz", PROFILE_KEYS), None);
    }

    #[test]
    fn endpoints_must_be_https_unless_loopback() {
        assert!(parse_endpoint("https://workspace.cn-north-4.myhuaweicloud.com").is_ok());
        assert!(parse_endpoint("http://127.0.0.1:8080").is_ok());
        assert!(parse_endpoint("http://localhost:8080").is_ok());
        assert!(parse_endpoint("http://[::1]:8080").is_ok());
        assert!(parse_endpoint("http://example.com").is_err());
        assert!(parse_endpoint("ftp://127.0.0.1").is_err());
        assert!(parse_endpoint("https://u:p@example.com").is_err());
        assert!(parse_endpoint("https://example.com/?a=b").is_err());
    }
}
