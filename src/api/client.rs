//! `Client`: builds, authenticates, sends and retries requests; reads answers into models or `ApiError`.

use std::io::Read;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use reqwest::blocking::Response;
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::error::{ApiError, NetKind, StatusError};
use super::model::{Created, DesktopPage, Lenient, RemoteAssistance};
use crate::auth::{signer, Credentials};
use crate::domain::DesktopId;
use crate::secret::Secret;
use crate::text::snippet;

/// Answers larger than this are cut and refused: no Workspace answer comes near it.
pub const BODY_LIMIT: usize = 1024 * 1024;
const BACKOFF_BASE: Duration = Duration::from_secs(1);
const BACKOFF_CAP: Duration = Duration::from_secs(20);
const RETRY_AFTER_CAP: Duration = Duration::from_secs(60);

/// Where `-v` lines go: the client never prints, its caller decides.
pub struct Trace {
    pub level: u8,
    pub sink: Box<dyn Fn(&str) + Send + Sync>,
}

impl Trace {
    #[cfg(test)]
    pub fn off() -> Self {
        Trace {
            level: 0,
            sink: Box::new(|_| {}),
        }
    }

    fn at(&self, level: u8, line: impl FnOnce() -> String) {
        if self.level >= level {
            (self.sink)(&line());
        }
    }
}

/// How requests are authenticated: fixed credentials, or a token that can be renewed once
/// when the service answers 401 (a password-based IAM token that was revoked or expired).
pub enum Auth {
    Fixed(Credentials),
    Renewable { initial: Credentials, renew: Renew },
}

pub type Renew = Box<dyn Fn() -> Result<Credentials, ApiError> + Send + Sync>;

pub struct ClientOptions {
    pub endpoint: Url,
    pub project_id: String,
    pub auth: Auth,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_attempts: u32,
    /// Trusted in addition to the built-in roots (a profile's `ca_file`).
    pub extra_roots: Vec<reqwest::Certificate>,
    pub trace: Trace,
}

/// An answer's HTTP status and request id (for the audit log).
pub type Answered = (u16, Option<String>);

/// One per run: a connection pool, the endpoint, the credentials and the retry policy.
pub struct Client {
    http: reqwest::blocking::Client,
    /// How `http` was built, for `fresh`.
    setup: HttpSetup,
    /// A client without a pool, built the first time a pooled connection turns out closed:
    /// its one request goes on a new connection, whatever else the pool holds (a gateway that
    /// drops idle connections drops them all). `None` if it could not be built.
    fresh: OnceLock<Option<reqwest::blocking::Client>>,
    /// The limit for one whole request, body included.
    timeout: Duration,
    endpoint: Url,
    project_id: String,
    credentials: Mutex<Credentials>,
    renew: Option<Renew>,
    /// Atomic: an engine that paces its own retries asks for single attempts for a while.
    max_attempts: AtomicU32,
    trace: Trace,
    standing: Mutex<Standing>,
    /// What is said once per run: fields of an unexpected type, retry notes (a few).
    warned: Mutex<Vec<String>>,
    /// The HTTP status and request id of the last answer, for the audit log.
    last: Mutex<Option<(u16, Option<String>)>>,
}

/// The run's standing with the cloud. Once it refused the credentials (401) or their rights
/// (403), no request is sent again: five bad signatures in a row lock an AK for minutes, and
/// a password login storm is no better. A password token is renewed at most once per run.
#[derive(Default)]
struct Standing {
    refused: Option<ApiError>,
    renewed: bool,
    /// Counts renewals, so that a request sent with the old token retries without renewing.
    generation: u64,
}

/// The ListDesktops filters `assist` uses; the service matches names and users by substring.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DesktopFilter {
    pub computer_name: Option<String>,
    pub user_name: Option<String>,
    pub desktop_ip: Option<String>,
    pub status: Option<String>,
    /// These desktops only (at most [`DesktopFilter::MAX_IDS`]), sent as ONE comma-separated
    /// value like the SDK does (docs/WORKSPACE-API.md §7).
    pub desktop_ids: Vec<String>,
}

impl DesktopFilter {
    /// The most `desktop_id` values ListDesktops takes in one call.
    pub const MAX_IDS: usize = 100;

    fn query_pairs(&self) -> Vec<(String, String)> {
        let ids = (!self.desktop_ids.is_empty()).then(|| self.desktop_ids.join(","));
        [
            ("computer_name", &self.computer_name),
            ("user_name", &self.user_name),
            ("desktop_ip", &self.desktop_ip),
            ("status", &self.status),
            ("desktop_id", &ids),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone())))
        .collect()
    }
}

/// A complete answer, read within the size limit.
pub(super) struct Answer {
    pub(super) status: u16,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    /// IAM's `X-Subject-Token`: the token itself travels in a header, never in the body.
    pub(super) subject_token: Option<Secret>,
    pub(super) body: Vec<u8>,
}

/// What the HTTP clients are built from: the pooled one at once, a poolless one on demand.
struct HttpSetup {
    loopback: bool,
    extra_roots: Vec<reqwest::Certificate>,
    connect_timeout: Duration,
    timeout: Duration,
}

impl HttpSetup {
    fn build(&self, pooled: bool) -> reqwest::Result<reqwest::blocking::Client> {
        let mut builder = reqwest::blocking::Client::builder();
        // A request to this machine never goes through a proxy: it would carry the token in
        // clear text to the proxy, and the proxy's answer would be believed.
        if self.loopback {
            builder = builder.no_proxy();
        }
        for root in &self.extra_roots {
            builder = builder.add_root_certificate(root.clone());
        }
        if !pooled {
            builder = builder.pool_max_idle_per_host(0);
        }
        builder
            .user_agent(concat!("assist/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
    }
}

impl Client {
    pub fn new(opts: ClientOptions) -> anyhow::Result<Client> {
        let setup = HttpSetup {
            loopback: is_loopback(&opts.endpoint),
            extra_roots: opts.extra_roots,
            connect_timeout: opts.connect_timeout,
            timeout: opts.timeout,
        };
        let http = setup
            .build(true)
            .map_err(|e| anyhow::anyhow!("could not set up the HTTP client: {e}"))?;
        let (credentials, renew) = match opts.auth {
            Auth::Fixed(c) => (c, None),
            Auth::Renewable { initial, renew } => (initial, Some(renew)),
        };
        Ok(Client {
            http,
            setup,
            fresh: OnceLock::new(),
            timeout: opts.timeout,
            endpoint: opts.endpoint,
            project_id: opts.project_id,
            credentials: Mutex::new(credentials),
            renew,
            max_attempts: AtomicU32::new(opts.max_attempts.max(1)),
            trace: opts.trace,
            standing: Mutex::new(Standing::default()),
            warned: Mutex::new(Vec::new()),
            last: Mutex::new(None),
        })
    }

    /// GET the remote-assistance record of one desktop.
    pub fn remote_assistance(&self, desktop: &DesktopId) -> Result<RemoteAssistance, ApiError> {
        let answer = self.execute(Method::GET, &self.assistance_path(desktop), &[])?;
        self.parse_lenient(&answer)
    }

    /// POST: ask the end user for remote assistance (never retried once it may have arrived).
    pub fn create_remote_assistance(&self, desktop: &DesktopId) -> Result<Created, ApiError> {
        let answer = self.execute(Method::POST, &self.assistance_path(desktop), &[])?;
        self.parse_lenient(&answer)
    }

    /// DELETE: close the assistance session (204, no body); the answer's status and request id.
    pub fn cancel_remote_assistance(&self, desktop: &DesktopId) -> Result<Answered, ApiError> {
        self.execute(Method::DELETE, &self.assistance_path(desktop), &[])
            .map(|a| (a.status, a.request_id))
    }

    /// One cheap authenticated call (ListDesktops, limit 1); the answer's request id.
    pub fn probe(&self) -> Result<Option<String>, ApiError> {
        let query = [("limit".to_string(), "1".to_string())];
        let answer = self.execute(Method::GET, &self.desktops_path(), &query)?;
        Ok(answer.request_id)
    }

    /// Callers that pace their own retries (watch) ask for single attempts.
    pub fn set_max_attempts(&self, attempts: u32) {
        self.max_attempts.store(attempts.max(1), Ordering::Relaxed);
    }

    pub fn max_attempts(&self) -> u32 {
        self.max_attempts.load(Ordering::Relaxed)
    }

    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// GET one page of ListDesktops. The filters go into the query, which the signature covers.
    pub fn list_desktops(
        &self,
        filter: &DesktopFilter,
        offset: usize,
        limit: usize,
    ) -> Result<DesktopPage, ApiError> {
        let mut query = filter.query_pairs();
        query.push(("offset".to_string(), offset.to_string()));
        query.push(("limit".to_string(), limit.to_string()));
        let answer = self.execute(Method::GET, &self.desktops_path(), &query)?;
        self.parse_lenient(&answer)
    }

    /// Like `parse`, but a text field of another JSON type is kept as text, with a warning
    /// (once per field and run) instead of failing the whole answer.
    fn parse_lenient<T: DeserializeOwned + Lenient>(&self, answer: &Answer) -> Result<T, ApiError> {
        let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&answer.body) else {
            return parse(answer);
        };
        let changed = super::lenient::normalize(&mut value, &T::TEXT_FIELDS);
        if changed.is_empty() {
            return parse(answer);
        }
        let fresh: Vec<String> = match self.warned.lock() {
            Ok(mut warned) => {
                let fresh: Vec<String> = changed
                    .into_iter()
                    .filter(|f| !warned.contains(f))
                    .collect();
                warned.extend(fresh.iter().cloned());
                fresh
            }
            Err(_) => changed,
        };
        if !fresh.is_empty() {
            self.trace.at(0, || {
                format!(
                    "warning: the service sent {} with an unexpected JSON type (not text); shown as text",
                    fresh.join(", ")
                )
            });
        }
        let rewritten = Answer {
            status: answer.status,
            request_id: answer.request_id.clone(),
            retry_after: answer.retry_after,
            subject_token: None,
            body: serde_json::to_vec(&value).unwrap_or_default(),
        };
        // Still broken otherwise: the error quotes the body as it came.
        parse(&rewritten).or_else(|_| parse::<T>(answer))
    }

    /// `v2/{project_id}/desktops`, encoded.
    fn desktops_path(&self) -> Vec<String> {
        vec![
            "v2".to_string(),
            signer::encode(&self.project_id),
            "desktops".to_string(),
        ]
    }

    /// `v2/{project_id}/desktops/{desktop_id}/remote-assistance`, encoded; the desktop ID
    /// encodes itself.
    fn assistance_path(&self, desktop: &DesktopId) -> Vec<String> {
        let mut path = self.desktops_path();
        path.push(desktop.path_segment());
        path.push("remote-assistance".to_string());
        path
    }

    /// The URL for these path segments, each already percent-encoded as exactly one segment.
    fn url(
        &self,
        segments: &[impl AsRef<str>],
        query: &[(String, String)],
    ) -> Result<Url, ApiError> {
        let mut url = self.endpoint.clone();
        let mut path = url.path().trim_end_matches('/').to_string();
        for segment in segments.iter().map(AsRef::as_ref) {
            // `.` and `..` would be resolved away by URL normalisation: refuse them here too,
            // whatever the caller checked.
            if segment.is_empty() || segment == "." || segment == ".." {
                return Err(invalid_path(segments));
            }
            path.push('/');
            path.push_str(segment);
        }
        url.set_path(&path);
        let q = signer::canonical_query(query);
        url.set_query((!q.is_empty()).then_some(q.as_str()));
        // The URL type must not have rewritten what we built: the request goes where we meant.
        if url.path() != path {
            return Err(invalid_path(segments));
        }
        Ok(url)
    }

    /// Sends with the retry policy of README "Reliability" and reads the final answer; a 401
    /// with renewable credentials renews them and tries once more.
    fn execute(
        &self,
        method: Method,
        segments: &[String],
        query: &[(String, String)],
    ) -> Result<Answer, ApiError> {
        let url = self.url(segments, query)?;
        let headers = |url: &Url| {
            self.current_credentials()
                .headers(method.as_str(), url, query, &self.project_id, b"")
        };
        let answer = self.guarded(&|| self.send(&method, &url, b"", &headers))?;
        *lock(&self.last) = Some((answer.status, answer.request_id.clone()));
        Ok(answer)
    }

    /// The HTTP status and request id of the last successful answer.
    pub fn last_answer(&self) -> (Option<u16>, Option<String>) {
        match lock(&self.last).clone() {
            Some((status, id)) => (Some(status), id),
            None => (None, None),
        }
    }

    /// Sends unless the run was refused already; remembers a refusal so that nothing more is
    /// sent, and renews renewable credentials once per run on a 401.
    fn guarded(&self, send: &dyn Fn() -> Result<Answer, ApiError>) -> Result<Answer, ApiError> {
        let generation = {
            let standing = lock(&self.standing);
            if let Some(refused) = &standing.refused {
                return Err(refused.clone());
            }
            standing.generation
        };
        match send() {
            Err(e) if e.is_refused() => self.after_refusal(e, generation, send),
            other => other,
        }
    }

    fn after_refusal(
        &self,
        e: ApiError,
        generation: u64,
        send: &dyn Fn() -> Result<Answer, ApiError>,
    ) -> Result<Answer, ApiError> {
        let mut standing = lock(&self.standing);
        if let Some(first) = &standing.refused {
            return Err(first.clone());
        }
        let renew = self.renew.as_ref().filter(|_| e.status() == Some(401));
        match renew {
            // Another request renewed the token while this one was out with the old one.
            Some(_) if standing.generation != generation => {}
            Some(renew) if !standing.renewed => {
                standing.renewed = true;
                self.trace.at(1, || {
                    "* 401: renewing the token and trying once more".into()
                });
                // Others wait on the lock meanwhile, then go out with the new token.
                let fresh = renew().inspect_err(|_| standing.refused = Some(e.clone()))?;
                if let Ok(mut current) = self.credentials.lock() {
                    *current = fresh;
                }
                standing.generation += 1;
            }
            _ => {
                standing.refused = Some(e.clone());
                return Err(e);
            }
        }
        drop(standing);
        let result = send();
        if let Err(again) = &result {
            if again.is_refused() {
                lock(&self.standing).refused.get_or_insert(again.clone());
            }
        }
        result
    }

    fn current_credentials(&self) -> Credentials {
        match self.credentials.lock() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// One logical request: attempts per the retry policy, each with freshly built headers
    /// (so each attempt is signed anew), then the final answer as success or `ApiError`.
    pub(super) fn send(
        &self,
        method: &Method,
        url: &Url,
        body: &[u8],
        headers: &dyn Fn(&Url) -> Vec<(String, String)>,
    ) -> Result<Answer, ApiError> {
        let mut attempt = 1;
        loop {
            let began = Instant::now();
            let result = self.send_once(method, url, body, &headers(url), attempt);
            let Some(wait) = self.retry_wait(method, &result, attempt) else {
                return result.and_then(into_success);
            };
            self.note_silence(&result, url, began.elapsed(), attempt + 1);
            self.trace.at(1, || {
                format!(
                    "* attempt {attempt}/{} failed ({}); retrying in {}",
                    self.max_attempts(),
                    describe(&result),
                    crate::units::format_duration(round_ms(wait))
                )
            });
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    /// A retry after a timeout is said even without `-v`: a long silence must not look like a
    /// hang. Each note is said once per run, however many desktops hit the same silence.
    fn note_silence(
        &self,
        result: &Result<Answer, ApiError>,
        url: &Url,
        waited: Duration,
        next: u32,
    ) {
        let Err(ApiError::Network {
            kind: NetKind::Timeout,
            ..
        }) = result
        else {
            return;
        };
        let waited = Duration::from_secs(waited.as_secs_f64().round() as u64);
        let note = format!(
            "note: no answer from {} after {}; attempt {next} of {}",
            url.origin().ascii_serialization(),
            crate::units::spoken(waited.max(Duration::from_secs(1))),
            self.max_attempts()
        );
        let mut said = lock(&self.warned);
        if !said.contains(&note) {
            self.trace.at(0, || note.clone());
            said.push(note);
        }
    }

    /// The URL for a path below the endpoint, each segment already percent-encoded.
    pub(super) fn url_for(
        &self,
        segments: &[&str],
        query: &[(String, String)],
    ) -> Result<Url, ApiError> {
        self.url(segments, query)
    }

    /// `Some(wait)` when this result may and should be retried.
    fn retry_wait(
        &self,
        method: &Method,
        result: &Result<Answer, ApiError>,
        attempt: u32,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts() {
            return None;
        }
        let idempotent = *method != Method::POST;
        let retry_after = match result {
            Ok(a) if idempotent && matches!(a.status, 408 | 429 | 500 | 502 | 503 | 504) => {
                a.retry_after
            }
            // A POST is retried only when it provably never reached the server.
            // A certificate problem does not go away by asking again.
            Err(ApiError::Network {
                kind: NetKind::Tls, ..
            }) => return None,
            Err(ApiError::Network { kind, .. }) if idempotent || *kind == NetKind::Connect => None,
            _ => return None,
        };
        Some(retry_after.unwrap_or_else(|| backoff(attempt)))
    }

    fn send_once(
        &self,
        method: &Method,
        url: &Url,
        body: &[u8],
        headers: &[(String, String)],
        attempt: u32,
    ) -> Result<Answer, ApiError> {
        self.trace.at(1, || {
            format!(
                "> {method} {url} (attempt {attempt}/{})",
                self.max_attempts()
            )
        });
        let mut request = self.http.request(method.clone(), url.clone());
        for (name, value) in headers {
            self.trace
                .at(2, || format!("> {name}: {}", redact_header(name, value)));
            request = request.header(name.as_str(), value.as_str());
        }
        if !body.is_empty() {
            request = request.body(body.to_vec());
        } else if matches!(*method, Method::POST | Method::DELETE | Method::PUT) {
            // As the SDK does (docs/WORKSPACE-API.md §7): a strict gateway answers 411 to a
            // bodiless POST that says nothing of its length. Sent, not signed, like the SDK's.
            self.trace.at(2, || "> Content-Length: 0".to_string());
            request = request.header(reqwest::header::CONTENT_LENGTH, "0");
        }
        let started = Instant::now();
        let request = request.build().map_err(|e| network_error(&e, url))?;
        let response = self.deliver(method, request, url)?;
        let answer = read_answer(response, url, started + self.timeout)?;
        self.trace.at(1, || {
            format!(
                "< HTTP {} in {} ms, {} bytes{}",
                answer.status,
                started.elapsed().as_millis(),
                answer.body.len(),
                answer
                    .request_id
                    .as_deref()
                    .map(|id| format!(", request id {}", snippet(id, 64)))
                    .unwrap_or_default()
            )
        });
        Ok(answer)
    }
}

impl Client {
    /// Sends one request and waits for the answer's head. A GET whose pooled connection the
    /// server had closed (see `stale`) goes again at once on a new connection, once: no answer
    /// came, a GET changes nothing, and it is not an attempt of the retry policy (a watch,
    /// which makes one attempt a poll, would lose the poll and warn). A POST or DELETE is not
    /// sent again here: written on a closed connection, it is that attempt's failure, for
    /// `retry_wait` to judge (a POST is never repeated).
    fn deliver(
        &self,
        method: &Method,
        request: reqwest::blocking::Request,
        url: &Url,
    ) -> Result<Response, ApiError> {
        let again = match *method == Method::GET {
            true => request.try_clone(),
            false => None,
        };
        let err = match self.http.execute(request) {
            Ok(response) => return Ok(response),
            Err(err) => err,
        };
        let fresh = match (again, super::stale::closed_before_answer(&err)) {
            (Some(again), true) => self.fresh().map(|client| (client, again)),
            _ => None,
        };
        let Some((client, again)) = fresh else {
            return Err(network_error(&err, url));
        };
        self.trace.at(1, || {
            format!(
                "* the pooled connection was closed by the server ({}); sending again on a new one",
                network_error(&err, url)
            )
        });
        client.execute(again).map_err(|e| network_error(&e, url))
    }

    /// The poolless client, built once, on first need.
    fn fresh(&self) -> Option<&reqwest::blocking::Client> {
        self.fresh
            .get_or_init(|| self.setup.build(false).ok())
            .as_ref()
    }
}

/// Whether the URL names this machine: `localhost` (and its subdomains, RFC 6761), 127.0.0.0/8,
/// `::1`, or an IPv4-mapped loopback address.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        None => false,
    }
}

/// A lock that survives a panic elsewhere: what it guards is consistent at every step.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn invalid_path(segments: &[impl AsRef<str>]) -> ApiError {
    ApiError::InvalidPath(format!(
        "{:?}",
        segments
            .iter()
            .map(|s| snippet(s.as_ref(), 60))
            .collect::<Vec<_>>()
    ))
}

/// Full jitter: a random wait in [0, min(cap, base * 2^(attempt-1))].
fn backoff(attempt: u32) -> Duration {
    let ceiling = BACKOFF_BASE
        .saturating_mul(1u32 << (attempt - 1).min(16))
        .min(BACKOFF_CAP);
    ceiling.mul_f64(fastrand::f64())
}

fn round_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_millis() as u64)
}

fn describe(result: &Result<Answer, ApiError>) -> String {
    match result {
        Ok(a) => format!("HTTP {}", a.status),
        Err(e) => e.to_string(),
    }
}

fn redact_header(name: &str, value: &str) -> String {
    match name.to_ascii_lowercase().as_str() {
        "authorization" => signer::redact_authorization(value),
        "x-auth-token" | "x-security-token" | "x-subject-token" => "(redacted)".to_string(),
        _ => value.to_string(),
    }
}

fn network_error(e: &reqwest::Error, url: &Url) -> ApiError {
    // reqwest's own text repeats the URL ("error sending request for url (…)"): its causes say more.
    let detail = match std::error::Error::source(e) {
        Some(cause) => error_chain_text(cause),
        None => error_chain_text(e),
    };
    let kind = if e.is_timeout() {
        NetKind::Timeout
    } else if detail.contains("certificate") || detail.contains("tls") || detail.contains("TLS") {
        NetKind::Tls
    } else if e.is_connect() {
        NetKind::Connect
    } else if e.is_body() || e.is_decode() {
        NetKind::Body
    } else {
        NetKind::Other
    };
    ApiError::Network {
        kind,
        url: url.to_string(),
        detail,
    }
}

/// reqwest's own message is generic ("error sending request"); the cause says what happened.
fn error_chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    snippet(&parts.join(": "), 400)
}

fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn read_answer(response: Response, url: &Url, deadline: Instant) -> Result<Answer, ApiError> {
    let status = response.status().as_u16();
    // IAM answers carry their id as X-IAM-Trace-Id; an empty id is no id.
    let request_id = ["x-request-id", "x-iam-trace-id"]
        .into_iter()
        .find_map(|name| header(&response, name).filter(|v| !v.trim().is_empty()));
    let retry_after = header(&response, "retry-after").and_then(|v| parse_retry_after(&v));
    let subject_token = header(&response, "x-subject-token").map(Secret::new);
    if response.status().is_redirection() {
        // Only where it points: the rest of a Location may carry a token.
        let location = header(&response, "location").unwrap_or_default();
        let target = Url::parse(&location)
            .ok()
            .map(|u| format!("{}://{}", u.scheme(), u.host_str().unwrap_or_default()))
            .unwrap_or_else(|| "a relative location".to_string());
        return Err(ApiError::Redirect {
            status,
            location: crate::text::sanitize(&target),
        });
    }
    let body = read_body(response, deadline).map_err(|e| ApiError::Network {
        kind: if e.kind() == std::io::ErrorKind::TimedOut {
            NetKind::Timeout
        } else {
            NetKind::Body
        },
        url: url.to_string(),
        detail: error_chain_text(&e),
    })?;
    if body.len() > BODY_LIMIT {
        return Err(ApiError::TooLarge {
            status,
            limit: BODY_LIMIT,
            request_id,
        });
    }
    Ok(Answer {
        status,
        request_id,
        retry_after,
        subject_token,
        body,
    })
}

/// Reads at most `BODY_LIMIT + 1` bytes before `deadline`. reqwest's timeout bounds each
/// read, not the whole body, so a server trickling a byte at a time is cut off here.
fn read_body(mut response: Response, deadline: Instant) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = response.read(&mut chunk)?;
        if n == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&chunk[..n]);
        if body.len() > BODY_LIMIT {
            return Ok(body); // the caller refuses it as too large
        }
        if Instant::now() > deadline {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the answer's body did not arrive within --timeout",
            ));
        }
    }
}

/// `Retry-After` as seconds or an HTTP date, capped so that a server cannot park us for hours.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let wait = match value.trim().parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            let when = jiff::fmt::rfc2822::parse(value.trim()).ok()?.timestamp();
            let secs = when.as_second() - jiff::Timestamp::now().as_second();
            Duration::from_secs(secs.max(0) as u64)
        }
    };
    Some(wait.min(RETRY_AFTER_CAP))
}

/// A 2xx answer passes; anything else becomes a `Status` error with what the body says.
fn into_success(answer: Answer) -> Result<Answer, ApiError> {
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    let text = String::from_utf8_lossy(&answer.body);
    let mut error = StatusError {
        status: answer.status,
        request_id: answer.request_id.clone(),
        retry_after: answer.retry_after,
        ..StatusError::default()
    };
    match super::error_body::read(&answer.body) {
        Some(b) => {
            error.error_code = b.code;
            error.error_msg = b.message;
            error.error_detail = b.detail;
            error.request_id = error.request_id.or(b.request_id);
            error.encoded_authorization_message = b.encoded_authorization_message;
        }
        _ if !text.trim().is_empty() => {
            error.error_msg = Some(format!(
                "body: \"{}\"",
                super::excerpt::excerpt(text.trim().as_bytes())
            ));
        }
        _ => {}
    }
    Err(ApiError::Status(Box::new(error)))
}

pub(super) fn parse<T: DeserializeOwned>(answer: &Answer) -> Result<T, ApiError> {
    let malformed = |reason: String| ApiError::Malformed {
        status: answer.status,
        reason,
        body: super::excerpt::excerpt(&answer.body),
        request_id: answer.request_id.clone(),
    };
    // Every Workspace answer is an object; serde would also accept an array for a struct.
    match answer.body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(malformed("empty body".to_string())),
        Some(b'{') => {}
        Some(_) => return Err(malformed("expected a JSON object".to_string())),
    }
    serde_json::from_slice(&answer.body).map_err(|e| malformed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: Vec<u8>) -> Answer {
        Answer {
            status,
            request_id: None,
            retry_after: None,
            subject_token: None,
            body,
        }
    }

    proptest::proptest! {
        #[test]
        fn no_body_makes_response_parsing_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = parse::<RemoteAssistance>(&answer(200, body.clone()));
            let _ = into_success(answer(502, body));
        }

        #[test]
        fn json_objects_of_any_shape_parse_or_fail_cleanly(json in r#"\{("[a-z_]{1,20}": ("[^"\\]{0,10}"|[0-9]{1,3}|null|true|\[\]|\{\}),?){0,6}\}"#) {
            let _ = parse::<RemoteAssistance>(&answer(200, json.into_bytes()));
        }

        #[test]
        fn retry_after_never_exceeds_its_cap(v in "\\PC{0,40}") {
            if let Some(d) = parse_retry_after(&v) {
                proptest::prop_assert!(d <= RETRY_AFTER_CAP);
            }
        }
    }

    fn test_client(max_attempts: u32) -> Client {
        Client::new(ClientOptions {
            endpoint: Url::parse("http://127.0.0.1:9").unwrap(),
            project_id: "p".into(),
            auth: Auth::Fixed(Credentials::Anonymous),
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(1),
            max_attempts,
            extra_roots: Vec::new(),
            trace: Trace::off(),
        })
        .unwrap()
    }

    #[test]
    fn a_desktop_id_is_one_path_segment_encoded_as_the_signer_does() {
        let c = test_client(1);
        for raw in ["a/b", "../x", "100%", "a b", "ü?#", "..."] {
            let id = DesktopId::parse(raw).unwrap();
            assert_eq!(id.path_segment(), signer::encode(raw), "{raw}");
            let url = c.url(&c.assistance_path(&id), &[]).unwrap();
            let segments: Vec<&str> = url.path_segments().unwrap().collect();
            assert_eq!(segments.len(), 5, "{url}");
            assert_eq!(segments[3], id.path_segment(), "{url}");
        }
    }

    #[test]
    fn quoted_bodies_never_carry_the_space_password() {
        let body = br#"{"share_space_passwd":"TopSecretPw","status":1}"#.to_vec();
        let err = parse::<RemoteAssistance>(&answer(200, body.clone())).unwrap_err();
        assert!(err.to_string().contains("share_space_passwd"), "{err}");
        assert!(!err.to_string().contains("TopSecretPw"), "{err}");
        let err = into_success(answer(500, body)).err().unwrap();
        assert!(!err.to_string().contains("TopSecretPw"), "{err}");
    }

    #[test]
    fn iam_error_bodies_are_understood() {
        let body = br#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#;
        let err = into_success(answer(401, body.to_vec())).err().unwrap();
        assert_eq!(err.error_code(), Some("401"));
        assert!(
            err.to_string()
                .contains("The username or password is wrong."),
            "{err}"
        );
    }

    /// The error text of an answer with this status, request-id header and body.
    fn error_text(status: u16, request_id: Option<&str>, body: &str) -> String {
        let answer = Answer {
            request_id: request_id.map(str::to_string),
            ..answer(status, body.as_bytes().to_vec())
        };
        into_success(answer).err().unwrap().to_string()
    }

    #[test]
    fn error_shape_error_code_and_error_msg() {
        assert_eq!(
            error_text(
                400,
                Some("req-1"),
                r#"{"error_code":"WKS.0001","error_msg":"request message empty"}"#
            ),
            "HTTP 400 Bad Request, WKS.0001: request message empty (request id req-1)"
        );
    }

    #[test]
    fn error_shape_camel_case() {
        assert_eq!(
            error_text(
                400,
                Some("req-2"),
                r#"{"errorCode":"WKS.0002","errorMsg":"bad desktop"}"#
            ),
            "HTTP 400 Bad Request, WKS.0002: bad desktop (request id req-2)"
        );
    }

    #[test]
    fn error_shape_code_and_message() {
        assert_eq!(
            error_text(
                404,
                Some("req-3"),
                r#"{"code":"WKS.0404","message":"desktop not found"}"#
            ),
            "HTTP 404 Not Found, WKS.0404: desktop not found (request id req-3)"
        );
    }

    #[test]
    fn error_shape_nested_like_iam() {
        assert_eq!(
            error_text(
                401,
                Some("trace-4"),
                r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#
            ),
            "HTTP 401 Unauthorized, 401: The username or password is wrong. (request id trace-4)"
        );
    }

    #[test]
    fn error_shape_gateway_with_the_request_id_in_the_body() {
        assert_eq!(
            error_text(
                401,
                None,
                r#"{"error_msg":"verify aksk signature fail","error_code":"APIGW.0301","request_id":"body-5"}"#
            ),
            "HTTP 401 Unauthorized, APIGW.0301: verify aksk signature fail (request id body-5)"
        );
    }

    #[test]
    fn error_shape_403_with_an_encoded_authorization_message() {
        let encoded = "EAAAAElWb2xkRW5jb2RlZEF1dGhvcml6YXRpb25NZXNzYWdl".repeat(4);
        assert_eq!(
            error_text(403, Some("req-6"), &format!(r#"{{"error_code":"WKS.0403","error_msg":"Policy doesn't allow workspace:desktops:createRemoteAssistance","encoded_authorization_message":"{encoded}"}}"#)),
            format!("HTTP 403 Forbidden, WKS.0403: Policy doesn't allow workspace:desktops:createRemoteAssistance (request id req-6); encoded authorization message EAAAAElWb2xkRW5jb2RlZEF1… ({} characters)", encoded.len())
        );
    }

    #[test]
    fn an_empty_request_id_is_never_printed() {
        assert_eq!(
            error_text(
                500,
                Some(" "),
                r#"{"error_code":"WKS.0500","error_msg":"boom","request_id":""}"#
            ),
            "HTTP 500 Internal Server Error, WKS.0500: boom"
        );
        assert_eq!(
            error_text(502, None, "<html>bad gateway</html>"),
            "HTTP 502 Bad Gateway: body: \"<html>bad gateway</html>\""
        );
    }

    #[test]
    fn the_retry_policy_table_of_the_readme() {
        let c = test_client(3);
        let net = |kind| -> Result<Answer, ApiError> {
            Err(ApiError::Network {
                kind,
                url: String::new(),
                detail: String::new(),
            })
        };
        let status = |s| -> Result<Answer, ApiError> { Ok(answer(s, Vec::new())) };
        for method in [Method::GET, Method::DELETE] {
            for s in [408, 429, 500, 502, 503, 504] {
                assert!(
                    c.retry_wait(&method, &status(s), 1).is_some(),
                    "{method} {s}"
                );
            }
            for s in [200, 204, 400, 401, 403, 404, 409] {
                assert!(
                    c.retry_wait(&method, &status(s), 1).is_none(),
                    "{method} {s}"
                );
            }
            for kind in [NetKind::Connect, NetKind::Timeout, NetKind::Body] {
                assert!(
                    c.retry_wait(&method, &net(kind), 1).is_some(),
                    "{method} {kind:?}"
                );
            }
            assert!(
                c.retry_wait(&method, &net(NetKind::Tls), 1).is_none(),
                "TLS"
            );
            assert!(
                c.retry_wait(&method, &status(503), 3).is_none(),
                "the last attempt"
            );
        }
        // POST: only when the request provably never left.
        assert!(c
            .retry_wait(&Method::POST, &net(NetKind::Connect), 1)
            .is_some());
        for kind in [
            NetKind::Timeout,
            NetKind::Body,
            NetKind::Tls,
            NetKind::Other,
        ] {
            assert!(
                c.retry_wait(&Method::POST, &net(kind), 1).is_none(),
                "POST {kind:?}"
            );
        }
        for s in [429, 500, 503] {
            assert!(
                c.retry_wait(&Method::POST, &status(s), 1).is_none(),
                "POST {s}"
            );
        }
    }

    #[test]
    fn retry_after_takes_seconds_and_dates_and_is_capped() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("3600"), Some(RETRY_AFTER_CAP));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        for attempt in 1..40 {
            assert!(backoff(attempt) <= BACKOFF_CAP);
        }
        assert!(backoff(1) <= BACKOFF_BASE);
    }

    #[test]
    fn loopback_is_this_machine_only() {
        for url in [
            "http://127.0.0.1:9",
            "http://127.8.0.1",
            "http://localhost:80",
            "http://LOCALHOST./",
            "http://a.localhost",
            "http://[::1]:9",
            "http://[::ffff:127.0.0.1]",
        ] {
            assert!(is_loopback(&Url::parse(url).unwrap()), "{url}");
        }
        for url in [
            "http://10.0.0.1",
            "http://localhost.example.com",
            "http://0.0.0.0",
            "https://workspace.cn-north-4.myhuaweicloud.com",
            "http://[::2]",
        ] {
            assert!(!is_loopback(&Url::parse(url).unwrap()), "{url}");
        }
    }

    #[test]
    fn secrets_in_headers_are_redacted_for_logs() {
        assert_eq!(redact_header("X-Auth-Token", "abc"), "(redacted)");
        assert_eq!(
            redact_header(
                "Authorization",
                "SDK-HMAC-SHA256 Access=A, SignedHeaders=h, Signature=ff"
            ),
            "SDK-HMAC-SHA256 Access=A, SignedHeaders=h, Signature=(redacted)"
        );
        assert_eq!(redact_header("X-Project-Id", "p"), "p");
    }
}
