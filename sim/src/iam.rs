//! The part of IAM that `assist` uses: `POST /v3/auth/tokens` (password authentication scoped
//! to a project) issues tokens that the gateway then accepts until they expire or are revoked,
//! and `GET /v3/projects?name=<region>` finds the project ID of a region.

use super::clock::Clock;
use super::errors;
use super::gate;
use super::secret::Secret;
use super::server::{lock, request_id, Sim};
use super::verify::sha256_hex as hex_sha256;
use super::SimArgs;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TOKENS_ROUTE: &str = "/v3/auth/tokens";
pub const PROJECTS_ROUTE: &str = "/v3/projects";

/// A token request is a few hundred bytes; anything near this is not one.
const BODY_LIMIT: usize = 64 * 1024;
/// At most this many issued tokens are remembered; beyond it the soonest to expire is dropped.
const MAX_TOKENS: usize = 100_000;
const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A user that can get a token with a password: `--iam-user NAME:PASSWORD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IamUser {
    pub name: String,
    pub password: Secret,
}

impl IamUser {
    pub fn new(name: &str, password: &str) -> IamUser {
        IamUser {
            name: name.to_string(),
            password: Secret::new(password),
        }
    }
}

impl FromStr for IamUser {
    type Err = String;

    /// The name ends at the first `:`; the password is the rest and may contain `:`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once(':') {
            Some((name, password)) if !name.is_empty() && !password.is_empty() => {
                Ok(IamUser::new(name, password))
            }
            _ => Err("expected NAME:PASSWORD, like demo-user:Demo-Passw0rd!".to_string()),
        }
    }
}

/// The tokens issued so far, by the SHA-256 of their value (the values themselves are not
/// kept), with the instant each expires (`None`: a TTL too long to represent).
pub struct Tokens {
    issued: Mutex<HashMap<String, Option<Instant>>>,
    clock: Arc<Clock>,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tokens({} issued)", lock(&self.issued).len())
    }
}

impl Tokens {
    pub fn new(clock: Arc<Clock>) -> Tokens {
        Tokens {
            issued: Mutex::default(),
            clock,
        }
    }

    /// A new token valid for `ttl`.
    pub fn issue(&self, ttl: Duration) -> Secret {
        let token = new_token();
        let now = self.clock.instant();
        let mut issued = lock(&self.issued);
        issued.retain(|_, expires| expires.is_none_or(|e| e > now));
        if issued.len() >= MAX_TOKENS {
            drop_soonest(&mut issued);
        }
        issued.insert(hex_sha256(token.expose().as_bytes()), now.checked_add(ttl));
        token
    }

    /// Whether `token` was issued and has neither expired nor been revoked.
    pub fn is_valid(&self, token: &[u8]) -> bool {
        let now = self.clock.instant();
        lock(&self.issued)
            .get(&hex_sha256(token))
            .is_some_and(|expires| expires.is_none_or(|e| e > now))
    }

    pub fn revoke_all(&self) {
        lock(&self.issued).clear();
    }
}

fn drop_soonest(issued: &mut HashMap<String, Option<Instant>>) {
    let soonest = issued
        .iter()
        .min_by_key(|(_, expires)| expires.map_or((1, None), |e| (0, Some(e))))
        .map(|(key, _)| key.clone());
    if let Some(key) = soonest {
        issued.remove(&key);
    }
}

/// Shaped like a real IAM token (which starts with `MII`), random otherwise.
fn new_token() -> Secret {
    let tail: String = (0..180)
        .map(|_| char::from(TOKEN_ALPHABET[fastrand::usize(..TOKEN_ALPHABET.len())]))
        .collect();
    Secret::new(format!("MIIsim{tail}"))
}

/// The account the simulator's IAM knows: its users, its domain and its one project.
#[derive(Debug)]
pub struct Account {
    users: Vec<IamUser>,
    domain: String,
    domain_id: String,
    region: String,
    project_id: String,
    duplicate_project: bool,
    ttl: Duration,
}

impl Account {
    pub fn new(args: &SimArgs) -> Account {
        Account {
            users: args.iam_users.clone(),
            domain: args.iam_domain.clone(),
            domain_id: stable_id("domain", &args.iam_domain),
            region: args.region.clone(),
            project_id: args.project_id.clone(),
            duplicate_project: args.duplicate_project,
            ttl: args.token_ttl,
        }
    }

    /// The user named `name` in domain `domain` if the password is theirs.
    fn authenticate(&self, name: &str, password: &Secret, domain: &DomainRef) -> Option<&IamUser> {
        if !domain.is(&self.domain, &self.domain_id) {
            return None;
        }
        self.users.iter().find(|u| {
            u.name == name
                && gate::constant_time_eq(
                    u.password.expose().as_bytes(),
                    password.expose().as_bytes(),
                )
        })
    }

    fn domain_json(&self) -> Value {
        json!({ "id": self.domain_id, "name": self.domain })
    }

    fn project_json(&self, id: &str) -> Value {
        json!({
            "id": id,
            "name": self.region,
            "domain_id": self.domain_id,
            "parent_id": self.domain_id,
            "is_domain": false,
            "description": "",
            "enabled": true,
        })
    }

    /// The projects named `name` (all of them when `None`): the sim's project, twice with
    /// `--duplicate-project` (the second with another ID), or none for another region.
    fn projects(&self, name: Option<&str>) -> Vec<Value> {
        if name.is_some_and(|n| n != self.region) {
            return Vec::new();
        }
        let mut found = vec![self.project_json(&self.project_id)];
        if self.duplicate_project {
            found.push(self.project_json(&stable_id("duplicate", &self.project_id)));
        }
        found
    }
}

/// A 32-hex-digit ID derived from a name, the same in every run.
fn stable_id(kind: &str, name: &str) -> String {
    let mut id = hex_sha256(format!("{kind}:{name}").as_bytes());
    id.truncate(32);
    id
}

// The request body, as far as the simulator reads it. No `Debug`: it holds the password.
#[derive(Deserialize)]
struct TokenRequest {
    auth: Auth,
}

#[derive(Deserialize)]
struct Auth {
    identity: Identity,
    scope: Option<Scope>,
}

#[derive(Deserialize)]
struct Identity {
    methods: Vec<String>,
    password: Option<PasswordMethod>,
}

#[derive(Deserialize)]
struct PasswordMethod {
    user: UserCredentials,
}

#[derive(Deserialize)]
struct UserCredentials {
    name: String,
    password: Secret,
    domain: DomainRef,
}

#[derive(Deserialize)]
struct DomainRef {
    name: Option<String>,
    id: Option<String>,
}

impl DomainRef {
    /// A domain given by name, ID or both names this domain only if every given part matches.
    fn is(&self, name: &str, id: &str) -> bool {
        (self.name.is_some() || self.id.is_some())
            && self.name.as_deref().is_none_or(|n| n == name)
            && self.id.as_deref().is_none_or(|i| i == id)
    }
}

#[derive(Deserialize)]
struct Scope {
    project: Option<ProjectRef>,
}

#[derive(Deserialize)]
struct ProjectRef {
    name: Option<String>,
    id: Option<String>,
}

/// Why a token request failed; each maps to an IAM error.
enum Refused {
    Malformed(String),
    WrongCredentials,
    UnknownProject,
}

impl Refused {
    // The exact body real IAM sends was not found. This is Keystone's error shape, which
    // Huawei IAM's v3 API follows; clients must cope with any error body anyway.
    fn response(&self) -> Response {
        match self {
            Refused::Malformed(msg) => iam_error(StatusCode::BAD_REQUEST, "Bad Request", msg),
            Refused::WrongCredentials => iam_error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "The username or password is wrong.",
            ),
            // Keystone answers 401 when the scope names a project it cannot find.
            Refused::UnknownProject => iam_error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "The project in scope.project does not exist in this account.",
            ),
        }
    }
}

fn iam_error(status: StatusCode, title: &str, message: &str) -> Response {
    let body = json!({
        "error": { "code": status.as_u16(), "message": message, "title": title }
    });
    errors::json(status, &body)
}

/// `POST /v3/auth/tokens`: 201 with the token in `X-Subject-Token`, or an IAM error.
pub async fn issue_token(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let catalog = !query_flag(req.uri().query(), "nocatalog");
    let Ok(body) = axum::body::to_bytes(req.into_body(), BODY_LIMIT).await else {
        return Refused::Malformed("The request body is too large.".into()).response();
    };
    // `{"kind": "echo-body", "desktop_id": "/v3/auth/tokens"}`: an error quoting the request,
    // password and all, as a careless gateway might.
    if sim
        .faults
        .pick_for(TOKENS_ROUTE)
        .is_some_and(|f| f.kind == super::faults::FaultKind::EchoBody)
    {
        let echoed = format!(
            "The request body is malformed: {}",
            String::from_utf8_lossy(&body)
        );
        return iam_error(StatusCode::BAD_REQUEST, "Bad Request", &echoed);
    }
    match token_for(&sim.account, &body) {
        Ok(grant) => {
            let token = sim.creds.issued.issue(sim.account.ttl);
            created(&token, grant.body(&sim.account, catalog))
        }
        Err(refused) => refused.response(),
    }
}

fn query_flag(query: Option<&str>, key: &str) -> bool {
    super::verify::query_pairs(query.unwrap_or(""))
        .iter()
        .any(|(k, v)| k == key && v.eq_ignore_ascii_case("true"))
}

/// Whom a token is for: a known user, and the project of the scope.
struct Grant {
    user: String,
    issued: jiff::Timestamp,
}

impl Grant {
    fn body(&self, account: &Account, catalog: bool) -> Value {
        let expires = jiff::SignedDuration::try_from(account.ttl)
            .ok()
            .and_then(|ttl| self.issued.checked_add(ttl).ok())
            .unwrap_or(jiff::Timestamp::MAX);
        let mut token = json!({
            "expires_at": iam_time(expires),
            "issued_at": iam_time(self.issued),
            "methods": ["password"],
            "project": {
                "id": account.project_id,
                "name": account.region,
                "domain": account.domain_json(),
            },
            "user": {
                "id": stable_id("user", &self.user),
                "name": self.user,
                "domain": account.domain_json(),
                "password_expires_at": "",
            },
        });
        if catalog {
            token["catalog"] = json!([]);
        }
        json!({ "token": token })
    }
}

/// Checks a token request body: its shape, then the password, then the scope.
fn token_for(account: &Account, body: &[u8]) -> Result<Grant, Refused> {
    let request: TokenRequest = serde_json::from_slice(body).map_err(|e| {
        Refused::Malformed(format!(
            "The request body is not a valid token request: {e}"
        ))
    })?;
    let auth = request.auth;
    if !auth.identity.methods.iter().any(|m| m == "password") {
        return Err(Refused::Malformed(
            "The simulator supports only auth.identity.methods [\"password\"].".into(),
        ));
    }
    let Some(password) = auth.identity.password else {
        return Err(Refused::Malformed(
            "auth.identity.password is missing.".into(),
        ));
    };
    let user = &password.user;
    let known = account
        .authenticate(&user.name, &user.password, &user.domain)
        .ok_or(Refused::WrongCredentials)?;
    let Some(project) = auth.scope.and_then(|s| s.project) else {
        return Err(Refused::Malformed(
            "The simulator issues project-scoped tokens only: auth.scope.project is missing."
                .into(),
        ));
    };
    check_scope(account, &project)?;
    Ok(Grant {
        user: known.name.clone(),
        issued: jiff::Timestamp::now(),
    })
}

fn check_scope(account: &Account, project: &ProjectRef) -> Result<(), Refused> {
    if project.name.is_none() && project.id.is_none() {
        return Err(Refused::Malformed(
            "auth.scope.project needs a name or an id.".into(),
        ));
    }
    let name_ok = project.name.as_deref().is_none_or(|n| n == account.region);
    let id_ok = project
        .id
        .as_deref()
        .is_none_or(|i| i == account.project_id);
    match name_ok && id_ok {
        true => Ok(()),
        false => Err(Refused::UnknownProject),
    }
}

/// IAM's time format: microseconds, of which only the milliseconds are ever non-zero.
pub fn iam_time(t: jiff::Timestamp) -> String {
    format!(
        "{}.{:03}000Z",
        t.strftime("%Y-%m-%dT%H:%M:%S"),
        t.subsec_millisecond()
    )
}

fn created(token: &Secret, body: Value) -> Response {
    let mut resp = errors::json(StatusCode::CREATED, &body);
    // A token is made of header-safe characters, so this always succeeds.
    if let Ok(value) = HeaderValue::from_str(token.expose()) {
        resp.headers_mut().insert("x-subject-token", value);
    }
    resp
}

/// `GET /v3/projects[?name=<region>]`: authenticated like a Workspace request.
pub async fn list_projects(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let id = request_id(&req);
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return iam_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request Entity Too Large",
            "The request body is too large.",
        );
    };
    if let Err(denied) = gate::check(&sim.creds, &parts, &body, sim.now()) {
        return denied.response(&id);
    }
    let query = super::verify::query_pairs(parts.uri.query().unwrap_or(""));
    let name = query
        .iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.as_str());
    errors::json(
        StatusCode::OK,
        &json!({ "projects": sim.account.projects(name) }),
    )
}
