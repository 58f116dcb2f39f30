//! TOML profiles + environment + flags, merged into one validated `Settings` that remembers
//! where each value came from.

mod credentials;
mod endpoints;
mod error;
pub mod file;
mod ini;
pub mod notify;
mod regions;
pub mod sdk;
mod source;

use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;

use credentials::auth_spec;
pub use credentials::AuthSpec;
pub use endpoints::{is_loopback, parse_endpoint, REGIONS};
pub use error::{ConfigError, TOP_LEVEL};
use file::{RawConfig, RawProfile};
pub use sdk::Found;
pub use source::{
    sourced, CommandAsks, Overrides, Source, Sourced, Waits, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_TIMEOUT,
};

use crate::auth::source::SecretSource;
use crate::messages::{msg, Lang, Level, Message};
use crate::output::{OutputFormat, Style};
use crate::secret::Secret;

/// The name of the built-in profile that talks to an in-process simulator.
pub const DEMO_PROFILE: &str = "demo";

/// Where and how to reach the API. The project may still be unknown: `session` then asks IAM.
pub struct Connection {
    /// Where the credentials come from, for messages and `-v`.
    pub origin: Source,
    pub endpoint: Sourced<Url>,
    pub region: Option<Sourced<String>>,
    pub project: Option<Sourced<String>>,
    pub iam_endpoint: Sourced<Url>,
    pub auth: AuthSpec,
    pub cache_dir: Option<PathBuf>,
    /// Extra trusted root certificates (PEM), for corporate TLS inspection.
    pub ca_file: Option<PathBuf>,
}

/// What the requests go to: a connection, or the built-in demo when no simulator was started
/// for it (`config show`; config itself never starts a server).
pub enum Backend {
    Cloud(Box<Connection>),
    BuiltinDemo,
}

/// The endpoint and credentials of a running built-in simulator, given by the caller that
/// started it, so the demo profile resolves like any other.
pub struct Builtin {
    pub endpoint: String,
    pub project_id: String,
    pub ak: String,
    pub sk: Secret,
}

/// Everything a command needs, validated.
pub struct Settings {
    /// The profile in use; `None` when credentials come from the SDK's places.
    pub profile: Option<Sourced<String>>,
    pub output: OutputFormat,
    pub output_source: Source,
    pub style: Style,
    pub verbose: u8,
    pub connect_timeout: Duration,
    /// The limit of one request (for a waiting command, see [`Overrides::limits`]).
    pub timeout: Duration,
    /// The overall limit of a waiting command (`start`, `watch`), if it has one.
    pub deadline: Option<Duration>,
    pub max_attempts: u32,
    pub backend: Backend,
    /// Things the user should know (plain http, a readable secret file), for the caller to say.
    pub warnings: Vec<Notice>,
    pub audit: AuditSettings,
    /// The `[notify.NAME]` targets of the config file (`--notify` picks among them).
    pub notify: notify::NotifyTargets,
    /// The profile's `lang`: the caller hands it to `messages::lang::from_profile`, which
    /// lets `--lang` and `ASSIST_LANG` win over it.
    pub lang: Option<Sourced<Lang>>,
}

/// A line about the settings for the caller to say: config decides what, never prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub level: Level,
    pub message: Message,
}

fn warning(message: Message) -> Notice {
    Notice {
        level: Level::Warning,
        message,
    }
}

fn note(message: Message) -> Notice {
    Notice {
        level: Level::Note,
        message,
    }
}

/// Where changes are recorded, and whether they need a ticket.
#[derive(Debug, Clone, Default)]
pub struct AuditSettings {
    /// The profile's `audit_log`, else the platform data dir's `audit.jsonl`.
    pub log: Option<PathBuf>,
    pub require_ticket: bool,
}

/// The audit log's default place: the platform data dir.
pub fn default_audit_log() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "assist").map(|d| d.data_dir().join("audit.jsonl"))
}

impl Settings {
    /// The connection; the built-in demo has one once its simulator is started ([`resolve_with`]).
    pub fn connection(&self) -> Result<&Connection, ConfigError> {
        match &self.backend {
            Backend::Cloud(c) => Ok(c),
            Backend::BuiltinDemo => Err(ConfigError::invalid(
                msg!("err-demo-not-started", profile = DEMO_PROFILE),
                msg!("hint-report-bug"),
            )),
        }
    }

    pub fn is_builtin_demo(&self) -> bool {
        matches!(self.backend, Backend::BuiltinDemo)
    }
}

/// The config file in use: `--config`/`ASSIST_CONFIG`, else the platform config dir.
pub fn config_path(flags: &Overrides) -> Option<(PathBuf, bool)> {
    if let Some(p) = &flags.config {
        return Some((p.value.clone(), true));
    }
    directories::ProjectDirs::from("", "", "assist")
        .map(|d| (d.config_dir().join("config.toml"), false))
}

/// The profile names a user may type after `--profile` (for completion): those of the config
/// file (`ASSIST_CONFIG` or the platform's), then the built-in demo. Nothing when the file
/// cannot be read: a completion never fails loudly.
pub fn profile_names(config: Option<PathBuf>) -> Vec<String> {
    let path = config.or_else(|| {
        directories::ProjectDirs::from("", "", "assist").map(|d| d.config_dir().join("config.toml"))
    });
    let file = path.and_then(|p| file::load(&p).ok().flatten());
    let mut names: Vec<String> = file
        .iter()
        .flat_map(|f| f.profiles.keys().cloned())
        .collect();
    if !names.iter().any(|n| n == DEMO_PROFILE) {
        names.push(DEMO_PROFILE.to_string());
    }
    names
}

/// The names of the config file's targets, for `--notify <TAB>`; nothing when the file
/// cannot be read.
pub fn notify_target_names(config: Option<PathBuf>) -> Vec<String> {
    let path = config.or_else(|| {
        directories::ProjectDirs::from("", "", "assist").map(|d| d.config_dir().join("config.toml"))
    });
    path.and_then(|p| file::load(&p).ok().flatten())
        .map(|f| f.notify.keys().cloned().collect())
        .unwrap_or_default()
}

/// The targets of the config file `--config`/`ASSIST_CONFIG` names (or the platform's),
/// whatever its profiles say: a bot is tested without cloud credentials.
pub fn notify_targets(flags: &Overrides) -> Result<notify::NotifyTargets, ConfigError> {
    let (path, file) = load_file(flags)?;
    match file {
        Some(f) => notify::targets(&f.notify, &path),
        None => Ok(notify::NotifyTargets {
            path,
            targets: Default::default(),
        }),
    }
}

/// The platform cache dir (tokens, project IDs).
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "assist").map(|d| d.cache_dir().to_path_buf())
}

fn no_home() -> ConfigError {
    ConfigError::invalid(msg!("err-config-no-home"), msg!("hint-config-no-home"))
}

/// The config file's path and parsed content (`None` when it does not exist).
pub fn load_file(flags: &Overrides) -> Result<(PathBuf, Option<RawConfig>), ConfigError> {
    let (path, _) = config_path(flags).ok_or_else(no_home)?;
    let file = file::load(&path)?;
    Ok((path, file))
}

/// Starts the built-in demo's simulator when the settings turn out to need it; `None` to
/// resolve the demo without one (`config show` starts nothing).
pub type DemoStarter<'a> = &'a mut dyn FnMut() -> Result<Option<Builtin>, ConfigError>;

/// [`resolve_with`] starting nothing: the demo profile stays [`Backend::BuiltinDemo`].
pub fn resolve(flags: &Overrides) -> Result<Settings, ConfigError> {
    resolve_with(flags, &mut || Ok(None))
}

/// Resolves flag > `ASSIST_*` environment > profile > default, and the credentials by the
/// contract's order: a chosen profile; else the SDK variables, the default profile, the SDK
/// credentials file (only when there is no config file). The demo profile asks `demo` for its
/// simulator here, so that the settings are whole once built.
pub fn resolve_with(flags: &Overrides, demo: DemoStarter) -> Result<Settings, ConfigError> {
    let (path, file) = load_file(flags)?;
    let mut warnings: Vec<Notice> = file
        .as_ref()
        .and_then(|f| file::readable_secrets_warning(&path, f))
        .map(warning)
        .into_iter()
        .collect();
    let (profile, backend) = match &flags.profile {
        Some(chosen) => {
            let backend = named_profile(flags, file.as_ref(), chosen, &path)?;
            (Some(chosen.clone()), backend)
        }
        None => unchosen(flags, file.as_ref(), &path, &mut warnings)?,
    };
    if let (Backend::Cloud(c), Some(p)) = (&backend, &profile) {
        warnings.extend(plain_http_warnings(&p.value, c));
    }
    let raw = profile
        .as_ref()
        .and_then(|p| file.as_ref().and_then(|f| f.profiles.get(&p.value)));
    // Policy does not depend on where the key came from: credentials from the SDK's places
    // still follow the default profile's `audit_log` and `require_ticket`.
    let policy = raw.or_else(|| file.as_ref().and_then(default_profile));
    let mut audit = AuditSettings {
        log: policy
            .and_then(|p| p.audit_log.clone())
            .or_else(default_audit_log),
        require_ticket: policy.and_then(|p| p.require_ticket).unwrap_or(false),
    };
    if matches!(backend, Backend::BuiltinDemo) {
        // The demo's changes are logged like the cloud's, but in the demo's own place, which
        // `log` reads without starting the simulator.
        audit.log = cache_dir().map(|dir| dir.join("demo-audit.jsonl"));
    }
    let backend = match backend {
        Backend::BuiltinDemo => match demo()? {
            Some(sim) => Backend::Cloud(Box::new(demo_connection(flags, sim, &mut warnings)?)),
            None => Backend::BuiltinDemo,
        },
        cloud => cloud,
    };
    let output = output_of(flags, raw, profile.as_ref(), &path);
    let lang = lang_of(raw, profile.as_ref(), &path)?;
    let notify = match &file {
        Some(f) => notify::targets(&f.notify, &path)?,
        None => notify::NotifyTargets::default(),
    };
    let (deadline, timeout) = flags.limits();
    Ok(Settings {
        profile,
        output: output.value,
        output_source: output.source,
        style: Style {
            color: Style::color_enabled(flags.color),
            show_password: flags.command.show_password,
            no_headers: flags.command.no_headers,
        },
        verbose: flags.verbose,
        connect_timeout: flags.connect_timeout,
        timeout,
        deadline,
        max_attempts: flags.max_attempts,
        backend,
        warnings,
        audit,
        notify,
        lang,
    })
}

/// The profile's `lang`, like its `output` only that of the profile in use; a word that is
/// not a language assist speaks is an error naming the key and the words it takes.
fn lang_of(
    raw: Option<&RawProfile>,
    profile: Option<&Sourced<String>>,
    path: &Path,
) -> Result<Option<Sourced<Lang>>, ConfigError> {
    let (Some(word), Some(p)) = (raw.and_then(|r| r.lang.as_deref()), profile) else {
        return Ok(None);
    };
    match Lang::named(word) {
        Some(lang) => Ok(Some(sourced(lang, profile_source(&p.value, path)))),
        None => Err(ConfigError::invalid(
            msg!(
                "err-profile-lang",
                value = word,
                profile = &p.value,
                path = path.display()
            ),
            msg!("hint-profile-lang"),
        )),
    }
}

/// The profile a run uses when none is chosen: `default_profile`, else `default`.
fn default_profile(file: &RawConfig) -> Option<&RawProfile> {
    let name = file.default_profile.as_deref().unwrap_or("default");
    file.profiles.get(name)
}

/// `--output`/`ASSIST_OUTPUT`, else the profile's `output`, else a table.
fn output_of(
    flags: &Overrides,
    raw: Option<&RawProfile>,
    profile: Option<&Sourced<String>>,
    path: &Path,
) -> Sourced<OutputFormat> {
    match (&flags.output, raw.and_then(|p| p.output), profile) {
        (Some(o), _, _) => o.clone(),
        (None, Some(o), Some(p)) => sourced(o, profile_source(&p.value, path)),
        (None, Some(o), None) => sourced(o, Source::Default),
        (None, None, _) => sourced(OutputFormat::Table, Source::Default),
    }
}

fn profile_source(name: &str, path: &Path) -> Source {
    Source::Profile {
        name: name.to_string(),
        path: path.to_path_buf(),
    }
}

fn named_profile(
    flags: &Overrides,
    file: Option<&RawConfig>,
    name: &Sourced<String>,
    path: &Path,
) -> Result<Backend, ConfigError> {
    match file.and_then(|f| f.profiles.get(&name.value)) {
        Some(p) => from_profile(flags, p, &name.value, path).map(|c| Backend::Cloud(Box::new(c))),
        None if name.value == DEMO_PROFILE => Ok(Backend::BuiltinDemo),
        None => Err(missing_profile(file, name.value.clone(), path)),
    }
}

/// No profile chosen: the SDK's variables first, then the default profile, then the SDK's
/// credentials file when there is no config file at all.
fn unchosen(
    flags: &Overrides,
    file: Option<&RawConfig>,
    path: &Path,
    warnings: &mut Vec<Notice>,
) -> Result<(Option<Sourced<String>>, Backend), ConfigError> {
    if let Some(found) = sdk::from_env()? {
        return Ok((None, Backend::Cloud(Box::new(from_found(flags, found)?))));
    }
    if let Some(f) = file {
        let name = match &f.default_profile {
            Some(n) => sourced(n.clone(), Source::DefaultProfile(path.to_path_buf())),
            None => sourced("default".to_string(), Source::BuiltinName),
        };
        let backend = named_profile(flags, file, &name, path)?;
        return Ok((Some(name), backend));
    }
    if let Some((cred_path, explicit)) = sdk::credentials_path() {
        if let Some(mut found) = sdk::from_file(&cred_path, explicit)? {
            warnings.extend(found.warning.take().map(warning));
            return Ok((None, Backend::Cloud(Box::new(from_found(flags, found)?))));
        }
    }
    Err(ConfigError::Missing {
        path: path.to_path_buf(),
        explicit: flags.config.is_some(),
    })
}

fn missing_profile(file: Option<&RawConfig>, name: String, path: &Path) -> ConfigError {
    match file {
        None => ConfigError::Missing {
            path: path.to_path_buf(),
            explicit: true,
        },
        Some(f) => ConfigError::UnknownProfile {
            name,
            path: path.to_path_buf(),
            known: f.profiles.keys().cloned().collect(),
        },
    }
}

/// Region, endpoint and IAM endpoint: flags/`ASSIST_*` over what the source says.
struct Place {
    region: Option<Sourced<String>>,
    endpoint: Sourced<Url>,
    iam_endpoint: Sourced<Url>,
}

fn place(
    flags: &Overrides,
    from: (&Option<String>, &Option<String>, &Option<String>),
    source: &Source,
    allow_http: bool,
) -> Result<Place, ConfigError> {
    let (region, endpoint, iam) = from;
    let parse_endpoint = |text: &str| endpoints::parse_endpoint_allowing(text, allow_http);
    let region = match (&flags.region, region) {
        (Some(r), _) => Some(r.clone()),
        (None, Some(r)) => Some(sourced(r.clone(), source.clone())),
        (None, None) => None,
    };
    if let Some(r) = &region {
        check_region(r)?;
    }
    let endpoint = match (&flags.endpoint, endpoint) {
        (Some(e), _) => sourced(parse_endpoint(&e.value)?, e.source.clone()),
        (None, Some(e)) => sourced(parse_endpoint(e)?, source.clone()),
        (None, None) => {
            let r = region.as_ref().map(|r| r.value.as_str());
            match sdk_override("WORKSPACE", r)? {
                Some(o) => sourced(parse_endpoint(&o.endpoint)?, o.source),
                None => {
                    let region_source = region.as_ref().map_or(source, |r| &r.source);
                    let url = endpoints::endpoint_url(None, r, &region_source.to_string())?;
                    sourced(url, Source::Region(r.unwrap_or_default().to_string()))
                }
            }
        }
    };
    let env_iam = std::env::var(sdk::ENV_IAM_ENDPOINT)
        .ok()
        .filter(|v| !v.is_empty());
    let iam_endpoint = match (iam, env_iam) {
        (Some(i), _) => sourced(parse_endpoint(i)?, source.clone()),
        (None, Some(i)) => sourced(
            parse_endpoint(&i)?,
            Source::Env(sdk::ENV_IAM_ENDPOINT.to_string()),
        ),
        (None, None) => {
            let r = region.as_ref().map(|r| r.value.as_str());
            match sdk_override("IAM", r)? {
                Some(o) => sourced(parse_endpoint(&o.endpoint)?, o.source),
                None => sourced(endpoints::iam_for_region(r), Source::RegionIam),
            }
        }
    };
    Ok(Place {
        region,
        endpoint,
        iam_endpoint,
    })
}

/// The SDK's own override of a service's endpoint in this region, if any.
fn sdk_override(
    service: &str,
    region: Option<&str>,
) -> Result<Option<regions::Override>, ConfigError> {
    match region {
        Some(r) => regions::lookup(service, r),
        None => Ok(None),
    }
}

/// A region names a host and an IAM scope: only lowercase letters, digits and dashes.
fn check_region(r: &Sourced<String>) -> Result<(), ConfigError> {
    let ok = !r.value.is_empty()
        && r.value.len() <= 40
        && r.value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        return Ok(());
    }
    Err(ConfigError::invalid(
        msg!(
            "err-config-bad-region",
            region = &r.value,
            source = &r.source
        ),
        msg!("hint-config-bad-region", regions = REGIONS.join(", ")),
    ))
}

fn project(
    flags: &Overrides,
    own: Option<&String>,
    source: &Source,
) -> Result<Option<Sourced<String>>, ConfigError> {
    let project = match (&flags.project_id, own) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(p)) => Some(sourced(p.clone(), source.clone())),
        (None, None) => None,
    }
    .filter(|p| !p.value.trim().is_empty());
    if let Some(p) = &project {
        check_project(p)?;
    }
    Ok(project)
}

/// A project ID becomes a path segment: it must be one, and look like an ID.
fn check_project(p: &Sourced<String>) -> Result<(), ConfigError> {
    let ok = p.value.len() <= 64
        && p.value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        return Ok(());
    }
    Err(ConfigError::invalid(
        msg!(
            "err-config-bad-project",
            project = &p.value,
            source = &p.source
        ),
        msg!("hint-config-bad-project"),
    ))
}

fn from_profile(
    flags: &Overrides,
    p: &RawProfile,
    name: &str,
    path: &Path,
) -> Result<Connection, ConfigError> {
    let source = profile_source(name, path);
    let allow_http = p.allow_http.unwrap_or(false);
    let place = place(
        flags,
        (&p.region, &p.endpoint, &p.iam_endpoint),
        &source,
        allow_http,
    )?;
    Ok(Connection {
        origin: source.clone(),
        auth: auth_spec(p, &source)?,
        project: project(flags, p.project_id.as_ref(), &source)?,
        region: place.region,
        endpoint: place.endpoint,
        iam_endpoint: place.iam_endpoint,
        cache_dir: cache_dir(),
        ca_file: p.ca_file.clone(),
    })
}

/// `allow_http` is a deliberate choice, but it must never go unnoticed: say it on every run.
fn plain_http_warnings(profile: &str, c: &Connection) -> Vec<Notice> {
    [&c.endpoint.value, &c.iam_endpoint.value]
        .into_iter()
        .filter(|url| url.scheme() == "http" && !is_loopback(url))
        .map(|url| {
            let host = url.host_str().unwrap_or_default();
            warning(msg!("config-plain-http", profile = profile, host = host))
        })
        .collect()
}

fn from_found(flags: &Overrides, found: Found) -> Result<Connection, ConfigError> {
    let place = place(
        flags,
        (&None, &None, &found.iam_endpoint),
        &found.origin,
        false,
    )
    .map_err(|e| match e {
        ConfigError::Invalid { message, .. } if flags.region.is_none() => ConfigError::invalid(
            Message::new("err-config-sdk-region")
                .quote("problem", message)
                .arg("origin", &found.origin),
            msg!("hint-config-sdk-region"),
        ),
        e => e,
    })?;
    Ok(Connection {
        project: project(flags, found.project_id.as_ref(), &found.origin)?,
        origin: found.origin,
        auth: AuthSpec::AkSk {
            ak: found.ak,
            sk: found.sk,
            security_token: found.security_token,
        },
        region: place.region,
        endpoint: place.endpoint,
        iam_endpoint: place.iam_endpoint,
        cache_dir: cache_dir(),
        ca_file: None,
    })
}

/// The connection to a simulator the caller started for the demo; `--project-id` still
/// applies, `--endpoint` and `--region` do not (a note says so).
fn demo_connection(
    flags: &Overrides,
    sim: Builtin,
    warnings: &mut Vec<Notice>,
) -> Result<Connection, ConfigError> {
    if flags.endpoint.is_some() || flags.region.is_some() {
        warnings.push(note(msg!("demo-ignores-place")));
    }
    let url = &sim.endpoint;
    warnings.push(note(msg!(
        "demo-simulator",
        profile = DEMO_PROFILE,
        url = url
    )));
    let url = parse_endpoint(&sim.endpoint)?;
    Ok(Connection {
        origin: Source::Demo,
        endpoint: sourced(url.clone(), Source::Demo),
        region: None,
        project: project(flags, Some(&sim.project_id), &Source::Demo)?,
        iam_endpoint: sourced(url, Source::Demo),
        auth: AuthSpec::AkSk {
            ak: sim.ak,
            sk: SecretSource::Value {
                value: sim.sk,
                origin: Source::Demo.said(),
            },
            security_token: None,
        },
        cache_dir: None,
        ca_file: None,
    })
}

#[cfg(test)]
mod tests {
    use super::file::PROFILE_KEYS;
    use super::*;

    #[test]
    fn closest_key_finds_typos_only() {
        assert_eq!(file::closest("regoin", PROFILE_KEYS), Some("region"));
        assert_eq!(file::closest("projectid", PROFILE_KEYS), Some("project_id"));
        assert_eq!(file::closest("zzzzzz", PROFILE_KEYS), None);
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

    #[test]
    fn iam_endpoints_follow_the_region_table() {
        assert_eq!(
            endpoints::iam_for_region(Some("cn-north-4")).as_str(),
            "https://iam.cn-north-4.myhuaweicloud.com/"
        );
        assert_eq!(
            endpoints::iam_for_region(Some("eu-west-101")).as_str(),
            "https://iam.myhuaweicloud.com/"
        );
    }
}
