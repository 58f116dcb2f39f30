//! From resolved settings to an authenticated Workspace client: reads the secrets, gets and
//! caches IAM tokens (renewed once on a 401), looks up and caches the project of a region.

use std::path::PathBuf;

use reqwest::Url;

use crate::api::iam::{IamToken, Scope};
use crate::api::{Auth, Client, ClientOptions, Trace};
use crate::auth::cache::{self, Cache};
use crate::auth::source::SecretSource;
use crate::auth::Credentials;
use crate::config::{AuthSpec, ConfigError, Settings};
use crate::messages::{self, msg, Level, Message};
use crate::secret::Secret;

/// An IAM call that failed, with what the session was doing, in the catalogue's words (the
/// edge says them in the run's language; the code and the hint are the `ApiError`'s). The
/// outcome room's context type sits on this room's floor, out of reach: hence a type here.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct IamFailed {
    pub message: Message,
    #[source]
    source: crate::api::ApiError,
}

/// The Workspace client for these settings, with `max_attempts` per request.
pub fn connect(settings: &Settings, max_attempts: u32) -> anyhow::Result<Client> {
    let c = settings.connection()?;
    trace_origin(settings);
    let cache = c.cache_dir.clone().map(Cache::new);
    let (project, auth) = match &c.auth {
        AuthSpec::AkSk {
            ak,
            sk,
            security_token,
        } => {
            let creds = Credentials::AkSk {
                ak: ak.clone(),
                sk: sk.read()?,
                security_token: security_token
                    .as_ref()
                    .map(SecretSource::read)
                    .transpose()?,
            };
            let project = match &c.project {
                Some(p) => p.value.clone(),
                None => lookup_project(settings, &creds, ak, cache.as_ref())?,
            };
            (project, Auth::Fixed(creds))
        }
        AuthSpec::Token(source) => {
            let project = c.project.as_ref().map(|p| p.value.clone()).ok_or_else(|| {
                ConfigError::invalid(
                    msg!("err-token-needs-project", origin = &c.origin),
                    msg!("hint-token-needs-project"),
                )
            })?;
            (project, Auth::Fixed(Credentials::Token(source.read()?)))
        }
        AuthSpec::Password {
            user,
            domain,
            password,
        } => password_auth(settings, user, domain, password.read()?, cache)?,
    };
    if settings.verbose > 0 {
        messages::say(Level::Detail, &msg!("detail-project", project = &project));
    }
    Client::new(options(
        settings,
        c.endpoint.value.clone(),
        project,
        auth,
        max_attempts,
    )?)
}

fn options(
    settings: &Settings,
    endpoint: Url,
    project_id: String,
    auth: Auth,
    max_attempts: u32,
) -> Result<ClientOptions, ConfigError> {
    Ok(ClientOptions {
        endpoint,
        project_id,
        auth,
        connect_timeout: settings.connect_timeout,
        timeout: settings.timeout,
        max_attempts,
        extra_roots: extra_roots(settings.connection()?.ca_file.as_deref())?,
        trace: trace(settings.verbose),
        region: settings
            .connection()?
            .region
            .as_ref()
            .map(|r| r.value.clone()),
    })
}

/// The certificates of a profile's `ca_file`.
fn extra_roots(
    ca_file: Option<&std::path::Path>,
) -> Result<Vec<reqwest::Certificate>, ConfigError> {
    let Some(path) = ca_file else {
        return Ok(Vec::new());
    };
    let bad = |why: Message| {
        ConfigError::invalid(
            msg!("err-ca-file", path = path.display()).quote("why", why),
            msg!("hint-ca-file"),
        )
    };
    let pem = std::fs::read(path)
        .map_err(|e| bad(msg!("ca-why-unreadable").quote("error", messages::os_error(&e))))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|e| bad(msg!("ca-why-not-pem", error = e)))?;
    if certs.is_empty() {
        return Err(bad(msg!("ca-why-empty")));
    }
    Ok(certs)
}

/// `-v` lines at their level. Level 0 still carries the sink: the client's warnings (a field
/// of an unexpected type) and notes (a retry after a silence) are said without `-v`.
fn trace(level: u8) -> Trace {
    Trace {
        level,
        // The client writes whole lines, prefix included (`* `, `> `, `warning: `).
        sink: Box::new(|line| {
            messages::say(Level::Plain, &Message::new("trace").arg_lines("line", line));
        }),
    }
}

/// `-v` says where each credential comes from, never what it is.
fn trace_origin(settings: &Settings) {
    let Ok(c) = settings.connection() else { return };
    if settings.verbose == 0 {
        return;
    }
    let detail = match &c.auth {
        AuthSpec::AkSk {
            ak,
            sk,
            security_token,
        } => {
            let token = security_token.as_ref();
            let token = token.map(|t| msg!("detail-security-token").quote("from", t.said()));
            let said = msg!("detail-aksk", ak = ak).quote("sk", sk.said()).render();
            said + &token.map(|t| t.render()).unwrap_or_default()
        }
        AuthSpec::Token(t) => msg!("detail-token").quote("from", t.said()).render(),
        AuthSpec::Password {
            user,
            domain,
            password,
        } => {
            let from = password.said();
            msg!("detail-password", user = user, domain = domain)
                .quote("from", from)
                .render()
        }
    };
    let credentials = msg!(
        "detail-credentials",
        mode = c.auth.mode(),
        detail = detail,
        origin = c.origin.said().render(),
    );
    messages::say(Level::Detail, &credentials);
    let endpoint = msg!(
        "detail-endpoint",
        endpoint = &c.endpoint.value,
        source = c.endpoint.source.said().render(),
    );
    messages::say(Level::Detail, &endpoint);
}

/// An unauthenticated client for IAM (its calls carry their own credentials).
fn iam_client(settings: &Settings) -> anyhow::Result<Client> {
    let iam = settings.connection()?.iam_endpoint.value.clone();
    Client::new(options(
        settings,
        iam,
        String::new(),
        Auth::Fixed(Credentials::Anonymous),
        settings.max_attempts,
    )?)
}

fn lookup_project(
    settings: &Settings,
    creds: &Credentials,
    ak: &str,
    cache: Option<&Cache>,
) -> anyhow::Result<String> {
    let c = settings.connection()?;
    let region = c.region.as_ref().map(|r| r.value.clone()).ok_or_else(|| {
        ConfigError::invalid(
            msg!("err-no-project-no-region", origin = &c.origin),
            msg!("hint-no-project-no-region"),
        )
    })?;
    let key = cache::key(&[c.iam_endpoint.value.as_str(), ak, &region]);
    if let Some(project) = cache.map(|c| c.project(&key)).transpose()?.flatten() {
        return Ok(project);
    }
    let projects = iam_client(settings)?
        .iam_projects(creds, &region)
        .map_err(|e| IamFailed {
            message: msg!(
                "err-iam-project-lookup",
                region = &region,
                iam = &c.iam_endpoint.value
            ),
            source: e,
        })?;
    let project = match projects.as_slice() {
        [one] => one.id.clone(),
        [] => {
            return Err(ConfigError::invalid(
                msg!("err-iam-no-project", region = &region, ak = ak),
                msg!("hint-iam-no-project"),
            )
            .into())
        }
        many => {
            return Err(ConfigError::invalid(
                msg!(
                    "err-iam-many-projects",
                    count = many.len(),
                    region = &region,
                    ak = ak,
                    projects = many
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                msg!("hint-iam-many-projects"),
            )
            .into())
        }
    };
    if let Some(cache) = cache {
        warn_cache(
            cache.store_project(&key, &project),
            cache.dir().to_path_buf(),
        );
    }
    Ok(project)
}

fn warn_cache(result: std::io::Result<()>, dir: PathBuf) {
    if let Err(e) = result {
        let unwritable = msg!("cache-unwritable", dir = dir.display());
        messages::warn(&unwritable.quote("error", messages::os_error(&e)));
    }
}

/// What a password token is scoped to, owned (the API's `Scope` borrows).
enum TokenScope {
    ProjectId(String),
    /// A project named like the region (IAM's default project of a region).
    ProjectName(String),
}

impl TokenScope {
    fn as_api(&self) -> Scope<'_> {
        match self {
            TokenScope::ProjectId(id) => Scope::ProjectId(id),
            TokenScope::ProjectName(name) => Scope::ProjectName(name),
        }
    }

    fn text(&self) -> &str {
        match self {
            TokenScope::ProjectId(s) | TokenScope::ProjectName(s) => s,
        }
    }
}

/// An owned token request, so that the 401 renewal can repeat it later.
struct PasswordLogin {
    iam: Client,
    user: String,
    domain: String,
    password: Secret,
    scope: TokenScope,
    key: String,
    cache: Option<Cache>,
}

impl PasswordLogin {
    fn fetch(&self) -> Result<IamToken, crate::api::ApiError> {
        let token = self.iam.iam_token(
            &self.user,
            &self.domain,
            &self.password,
            self.scope.as_api(),
        )?;
        if let Some(cache) = &self.cache {
            warn_cache(
                cache.store_token(
                    &self.key,
                    &token.token,
                    token.expires_at,
                    token.project_id.as_deref(),
                ),
                cache.dir().to_path_buf(),
            );
        }
        Ok(token)
    }
}

fn password_auth(
    settings: &Settings,
    user: &str,
    domain: &str,
    password: Secret,
    cache: Option<Cache>,
) -> anyhow::Result<(String, Auth)> {
    let c = settings.connection()?;
    let scope = match (&c.project, &c.region) {
        (Some(p), _) => TokenScope::ProjectId(p.value.clone()),
        (None, Some(r)) => TokenScope::ProjectName(r.value.clone()),
        (None, None) => {
            return Err(ConfigError::invalid(
                msg!("err-password-needs-region", origin = &c.origin),
                msg!("hint-password-needs-region"),
            )
            .into())
        }
    };
    let key = cache::key(&[c.iam_endpoint.value.as_str(), domain, user, scope.text()]);
    let login = PasswordLogin {
        iam: iam_client(settings)?,
        user: user.to_string(),
        domain: domain.to_string(),
        password,
        scope,
        key,
        cache,
    };
    let cached = match &login.cache {
        Some(c) => c.token(&login.key)?,
        None => None,
    };
    let (token, token_project) = match cached {
        Some(hit) => hit,
        None => {
            let t = login.fetch().map_err(|e| IamFailed {
                message: msg!(
                    "err-iam-no-token",
                    iam = &c.iam_endpoint.value,
                    user = user,
                    domain = domain
                ),
                source: e,
            })?;
            (t.token, t.project_id)
        }
    };
    let project = c
        .project
        .as_ref()
        .map(|p| p.value.clone())
        .or(token_project)
        .ok_or_else(|| {
            ConfigError::invalid(msg!("err-token-no-project"), msg!("hint-token-no-project"))
        })?;
    let renew = move || {
        if let Some(cache) = &login.cache {
            cache.forget_token(&login.key);
        }
        login.fetch().map(|t| Credentials::Token(t.token))
    };
    Ok((
        project,
        Auth::Renewable {
            initial: Credentials::Token(token),
            renew: Box::new(renew),
        },
    ))
}
