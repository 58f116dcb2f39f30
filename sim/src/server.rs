//! The HTTP server: the routes, the layer that gives every answer an `X-Request-Id` and logs
//! and counts Workspace and IAM requests, the gateway's answers to unknown routes and methods,
//! and the unauthenticated control endpoints under `/_sim/`.

use super::clock::Clock;
use super::conn::{accept_loop, Counters, IdleClose, Serving};
use super::errors::{self, RequestId};
use super::faults::{FaultRequest, Faults};
use super::gate::{Credentials, Temporary};
use super::iam::{self, Account, Tokens, PROJECTS_ROUTE, TOKENS_ROUTE};
use super::quota::Quota;
use super::seed::Catalogue;
use super::store::{Delays, Store};
use super::verify::redact_authorization;
use super::{workspace, ListStyle, NameMatch, NoRecordAs, PostOnActive, SeedStatus, SimArgs};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio_rustls::TlsAcceptor;

/// The request log keeps this many of the latest requests.
const LOG_CAP: usize = 10_000;
const CONTROL_PREFIX: &str = "/_sim/";
/// The Retry-After of a 429 fault unless `--retry-after` or its rule gives one: faults have
/// always carried one, so that tests of a client's `Retry-After` need no option.
const FAULT_RETRY_AFTER: u64 = 1;

pub const ASSISTANCE_ROUTE: &str = "/v2/{project_id}/desktops/{desktop_id}/remote-assistance";
pub const DESKTOPS_ROUTE: &str = "/v2/{project_id}/desktops";
pub const DESKTOP_ROUTE: &str = "/v2/{project_id}/desktops/{desktop_id}";
pub const NOTIFICATIONS_ROUTE: &str = "/v2/{project_id}/desktops/notifications";
pub const SETTINGS_ROUTE: &str = "/v2/{project_id}/share-space/configuration";

/// Everything the handlers share.
pub struct Sim {
    pub creds: Credentials,
    pub account: Account,
    pub project_id: String,
    pub store: Store,
    pub faults: Faults,
    pub latency: Duration,
    pub page_size_cap: usize,
    pub name_match: NameMatch,
    /// `--list-style`: how ListDesktops reads `desktop_id` and `user_name`.
    pub list_style: ListStyle,
    pub no_record_as: NoRecordAs,
    pub post_on_active: PostOnActive,
    /// The gateway's flow control (`--rate-limit`) and its counters.
    pub quota: Quota,
    /// `--settings-api`: whether the tenant's settings API answers.
    pub settings_api: super::SettingsApi,
    /// `--lively` (the demo): the cast reads the messages sent to them.
    pub lively: bool,
    /// `--idle-timeout`: keep-alive connections idle this long are closed.
    pub idle_timeout: Option<Duration>,
    /// `--idle-close`: how such a connection ends.
    pub idle_close: IdleClose,
    /// Connections opened and closed for being idle.
    pub connections: Arc<Counters>,
    /// How far the simulator's clock runs ahead of the machine's (to test clock skew).
    pub clock_ahead: Duration,
    /// The state machine's and the tokens' time, which tests may advance.
    pub clock: Arc<Clock>,
    ids: RequestIds,
    log: Mutex<VecDeque<LogEntry>>,
    stats: Mutex<Stats>,
}

/// How long before the simulator started a `--helped-yesterday` desktop's session began.
const HELPED_AGO: Duration = Duration::from_secs(24 * 60 * 60);

impl Sim {
    /// The time the gateway checks `X-Sdk-Date` against.
    pub fn now(&self) -> jiff::Timestamp {
        let ahead =
            jiff::SignedDuration::try_from(self.clock_ahead).unwrap_or(jiff::SignedDuration::ZERO);
        jiff::Timestamp::now()
            .checked_add(ahead)
            .unwrap_or_else(|_| jiff::Timestamp::now())
    }

    pub fn new(args: &SimArgs) -> Sim {
        let catalogue = Catalogue::new(args.desktops, args.seed_status == SeedStatus::Mixed);
        let clock = Arc::new(Clock::default());
        let delays = Delays {
            confirm: args.confirm_after,
            access: args.access_after,
        };
        let sim = Sim {
            creds: Credentials {
                ak: args.ak.clone(),
                sk: args.sk.clone(),
                token: args.token.clone(),
                temporary: Temporary {
                    ak: args.temp_ak.clone(),
                    sk: args.temp_sk.clone(),
                    security_token: args.security_token.clone(),
                },
                issued: Tokens::new(clock.clone()),
            },
            account: Account::new(args),
            project_id: args.project_id.clone(),
            store: Store::new(
                catalogue,
                delays,
                args.refuse.iter().cloned().collect(),
                clock.clone(),
                args.lively,
            ),
            faults: Faults::new(
                args.fault_on.clone(),
                args.fault.clone(),
                args.fault_rate,
                args.retry_after.0.unwrap_or(FAULT_RETRY_AFTER),
            ),
            quota: Quota::new(
                args.rate_limit,
                args.rate_burst,
                args.rate_limit_scope,
                args.retry_after,
            ),
            settings_api: args.settings_api,
            lively: args.lively,
            idle_timeout: args.idle_timeout,
            idle_close: args.idle_close,
            connections: Arc::new(Counters::default()),
            latency: args.latency,
            page_size_cap: args.page_size_cap.min(1000),
            name_match: args.name_match,
            list_style: args.list_style,
            no_record_as: args.no_record_as,
            post_on_active: args.post_on_active,
            clock_ahead: args.clock_ahead,
            clock,
            ids: RequestIds::new(),
            log: Mutex::new(VecDeque::new()),
            stats: Mutex::new(Stats::default()),
        };
        for desktop in &args.helped_yesterday {
            sim.store.close_earlier(desktop, HELPED_AGO);
        }
        for desktop in &args.silent {
            let silent = super::tenant::DesktopState {
                silent: Some(true),
                ..Default::default()
            };
            sim.store.tenant.change_state(desktop, silent);
        }
        sim
    }
}

/// A lock that survives a panic elsewhere: the data here stays consistent at every step.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Request ids: 32 lowercase hex characters, unique within a run (a random half, then a
/// counter scrambled by an odd multiplier, which is a bijection on u64).
struct RequestIds {
    seed: u64,
    counter: AtomicU64,
}

impl RequestIds {
    fn new() -> Self {
        RequestIds {
            seed: fastrand::u64(..),
            counter: AtomicU64::new(fastrand::u64(..)),
        }
    }

    fn next(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        format!(
            "{:016x}{:016x}",
            self.seed,
            n.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        )
    }
}

/// One received request, as `GET /_sim/requests` shows it (secrets redacted).
#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    method: String,
    path: String,
    query: Option<String>,
    headers: BTreeMap<String, String>,
    request_id: String,
    status: u16,
    /// When it arrived (shown by `/_sim/traces`, not by `/_sim/requests`).
    #[serde(skip)]
    time: jiff::Timestamp,
}

impl LogEntry {
    fn new(req: &Request, request_id: &str) -> LogEntry {
        LogEntry {
            method: req.method().to_string(),
            path: req.uri().path().to_string(),
            query: req.uri().query().map(str::to_string),
            headers: redacted_headers(req.headers()),
            request_id: request_id.to_string(),
            status: 0,
            time: jiff::Timestamp::now(),
        }
    }

    /// This request as the cloud's trace service would record it, if it was a change.
    fn trace(&self) -> Option<Trace> {
        let operation = match self.method.as_str() {
            "POST" => "start remote assistance",
            "DELETE" => "cancel remote assistance",
            _ => return None,
        };
        let mut segments = self.path.rsplit('/');
        if segments.next() != Some("remote-assistance") {
            return None;
        }
        Some(Trace {
            time: self.time.to_string(),
            operation,
            desktop_id: super::verify::unquote(segments.next().unwrap_or_default()),
            caller: self.caller(),
            request_id: self.request_id.clone(),
            status: self.status,
        })
    }

    /// Who called: the AK of a signature, or that a token was used (never the token).
    fn caller(&self) -> String {
        let ak = self.headers.get("authorization").and_then(|a| {
            a.split_once("Access=")
                .map(|(_, rest)| rest.split(',').next().unwrap_or_default().to_string())
        });
        match ak {
            Some(ak) => format!("ak:{ak}"),
            None if self.headers.contains_key("x-auth-token") => "token".to_string(),
            None => "anonymous".to_string(),
        }
    }
}

/// One change as `GET /_sim/traces` shows it: what the cloud itself can record of a call
/// (who, when, which desktop, how it went), with none of the helpdesk's ticket or reason.
#[derive(Debug, Serialize)]
struct Trace {
    time: String,
    operation: &'static str,
    desktop_id: String,
    caller: String,
    request_id: String,
    status: u16,
}

fn redacted_headers(headers: &HeaderMap) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        let shown = match name.as_str() {
            "x-auth-token" | "x-security-token" => "(redacted)".to_string(),
            "authorization" => redact_authorization(&value),
            _ => value.into_owned(),
        };
        out.entry(name.as_str().to_string())
            .and_modify(|v| {
                v.push_str(", ");
                v.push_str(&shown);
            })
            .or_insert(shown);
    }
    out
}

/// The counters of `GET /_sim/stats`: `requests` and `by_status` count every logged request
/// but the IAM ones, which have their own counters.
#[derive(Debug, Default, Serialize)]
struct Stats {
    requests: u64,
    by_status: BTreeMap<String, u64>,
    iam_token_requests: u64,
    iam_project_requests: u64,
    /// Requests received and not answered yet (held by a `latency` fault, say): a test waits
    /// for its request to be out before it signals the client.
    in_flight: u64,
}

impl Stats {
    fn count(&mut self, entry: &LogEntry) {
        match entry.path.as_str() {
            TOKENS_ROUTE => self.iam_token_requests += 1,
            PROJECTS_ROUTE => self.iam_project_requests += 1,
            _ => {
                self.requests += 1;
                *self.by_status.entry(entry.status.to_string()).or_default() += 1;
            }
        }
    }
}

/// The whole application.
pub fn app(sim: Arc<Sim>) -> Router {
    let ws = Router::new()
        .route(
            ASSISTANCE_ROUTE,
            get(workspace::show)
                .post(workspace::start)
                .delete(workspace::cancel),
        )
        .route(DESKTOPS_ROUTE, get(workspace::list_desktops))
        .route(DESKTOP_ROUTE, get(workspace::desktop_detail))
        .route(NOTIFICATIONS_ROUTE, post(workspace::notify))
        .route(
            SETTINGS_ROUTE,
            get(workspace::settings).put(workspace::update_settings),
        )
        .route(TOKENS_ROUTE, post(iam::issue_token))
        .route(PROJECTS_ROUTE, get(iam::list_projects));
    let control = Router::new()
        .route("/_sim/requests", get(requests))
        .route("/_sim/traces", get(traces))
        .route("/_sim/stats", get(stats))
        .route("/_sim/revoke-tokens", post(revoke_tokens))
        .route("/_sim/clock", get(clock).post(advance_clock))
        .route("/_sim/desktops", post(set_desktops))
        .route("/_sim/desktop-state", post(workspace::change_state))
        .route(
            "/_sim/settings",
            get(workspace::stored_settings).post(workspace::replace_settings),
        )
        .route("/_sim/notifications", get(workspace::received))
        .route(
            "/_sim/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        );
    ws.merge(control)
        .fallback(unknown_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(middleware::from_fn_with_state(sim.clone(), frame))
        .with_state(sim)
}

/// Serves until `stop` completes. Not a graceful shutdown on purpose: a trickling answer
/// would hold it for minutes; the caller drops the runtime, which ends every connection.
/// With `tls`, every connection is HTTPS.
pub async fn serve(
    listener: std::net::TcpListener,
    tls: Option<TlsAcceptor>,
    sim: Arc<Sim>,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let serving = Arc::new(Serving {
        app: app(sim.clone()),
        tls,
        idle_timeout: sim.idle_timeout,
        idle_close: sim.idle_close,
        counters: sim.connections.clone(),
    });
    tokio::select! {
        () = accept_loop(listener, serving) => {}
        () = stop => {}
    }
    Ok(())
}

/// Around every request: a fresh request id (in the extensions and the `X-Request-Id`
/// header), and, for all but control requests, the log and the counters.
async fn frame(State(sim): State<Arc<Sim>>, mut req: Request, next: Next) -> Response {
    let id = sim.ids.next();
    let entry = (!req.uri().path().starts_with(CONTROL_PREFIX)).then(|| LogEntry::new(&req, &id));
    req.extensions_mut().insert(RequestId(id.clone()));
    if entry.is_some() {
        lock(&sim.stats).in_flight += 1;
    }
    let mut resp = next.run(req).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-request-id", value);
    }
    if let Some(mut entry) = entry {
        lock(&sim.stats).in_flight -= 1;
        entry.status = resp.status().as_u16();
        record(&sim, entry);
    }
    resp
}

fn record(sim: &Sim, entry: LogEntry) {
    lock(&sim.stats).count(&entry);
    let mut log = lock(&sim.log);
    if log.len() >= LOG_CAP {
        log.pop_front();
    }
    log.push_back(entry);
}

pub fn request_id(req: &Request) -> RequestId {
    req.extensions()
        .get::<RequestId>()
        .cloned()
        .unwrap_or_else(|| RequestId(String::new()))
}

async fn unknown_route(req: Request) -> Response {
    errors::gateway(
        StatusCode::NOT_FOUND,
        "APIGW.0101",
        "The API does not exist or has not been published in the environment",
        &request_id(&req),
    )
}

async fn wrong_method(req: Request) -> Response {
    let msg = format!("Method {} is not allowed for this API", req.method());
    errors::gateway(
        StatusCode::METHOD_NOT_ALLOWED,
        errors::SIM_METHOD_NOT_ALLOWED,
        &msg,
        &request_id(&req),
    )
}

async fn requests(State(sim): State<Arc<Sim>>) -> Response {
    let log: Vec<LogEntry> = lock(&sim.log).iter().cloned().collect();
    errors::json(StatusCode::OK, &log)
}

async fn traces(State(sim): State<Arc<Sim>>) -> Response {
    let traces: Vec<Trace> = lock(&sim.log).iter().filter_map(LogEntry::trace).collect();
    errors::json(StatusCode::OK, &traces)
}

async fn stats(State(sim): State<Arc<Sim>>) -> Response {
    let mut value = serde_json::to_value(&*lock(&sim.stats)).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        // How many requests got each fault kind (`mixed` counted as the kind it chose).
        map.insert(
            "faults".to_string(),
            serde_json::to_value(sim.faults.injected()).unwrap_or_default(),
        );
        // Benchmarks read these two to tell achieved calls/s and the throttled share.
        map.insert("quota".to_string(), sim.quota.stats());
        map.insert("connections".to_string(), sim.connections.stats());
    }
    errors::json(StatusCode::OK, &value)
}

async fn revoke_tokens(State(sim): State<Arc<Sim>>) -> Response {
    sim.creds.issued.revoke_all();
    errors::no_content()
}

/// How far the simulated time has been advanced so far.
async fn clock(State(sim): State<Arc<Sim>>) -> Response {
    let advanced = sim.clock.advanced();
    let body = serde_json::json!({ "advanced_ms": u64::try_from(advanced.as_millis()).unwrap_or(u64::MAX) });
    errors::json(StatusCode::OK, &body)
}

/// `POST /_sim/clock?advance=1h`: time passes for the state machine and tokens at once.
async fn advance_clock(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let id = request_id(&req);
    let query = super::verify::query_pairs(req.uri().query().unwrap_or(""));
    let by = query
        .iter()
        .find(|(k, _)| k == "advance")
        .map(|(_, v)| v.as_str());
    match by.map(super::units::parse_duration) {
        Some(Ok(by)) => {
            sim.clock.advance(by);
            clock(State(sim)).await
        }
        Some(Err(e)) => bad_fault(&e, &id),
        None => bad_fault("give the time to advance, like ?advance=5s", &id),
    }
}

/// `POST /_sim/desktops?count=N`: the project now has N generated desktops (new ones join,
/// those above N leave), as `--desktops N` would have seeded them.
async fn set_desktops(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let id = request_id(&req);
    let query = super::verify::query_pairs(req.uri().query().unwrap_or(""));
    let count = query
        .iter()
        .find(|(k, _)| k == "count")
        .and_then(|(_, v)| v.parse::<u32>().ok());
    match count {
        Some(n) => {
            sim.store.catalogue().set_generated(n);
            errors::json(StatusCode::OK, &serde_json::json!({ "desktops": n }))
        }
        None => bad_fault("give the number of generated desktops, like ?count=12", &id),
    }
}

async fn list_faults(State(sim): State<Arc<Sim>>) -> Response {
    errors::json(StatusCode::OK, &sim.faults.rules())
}

async fn add_fault(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let id = request_id(&req);
    let body = match axum::body::to_bytes(req.into_body(), 64 * 1024).await {
        Ok(body) => body,
        Err(_) => return bad_fault("the body could not be read (64 KiB at most)", &id),
    };
    let parsed: FaultRequest = match serde_json::from_slice(&body) {
        Ok(parsed) => parsed,
        Err(e) => return bad_fault(&format!("expected {{\"kind\":…}}: {e}"), &id),
    };
    match sim.faults.add(parsed) {
        Ok(rule) => errors::json(StatusCode::CREATED, &rule),
        Err(e) => bad_fault(&e, &id),
    }
}

fn bad_fault(msg: &str, id: &RequestId) -> Response {
    errors::gateway(StatusCode::BAD_REQUEST, errors::SIM_BAD_PARAMETER, msg, id)
}

async fn clear_faults(State(sim): State<Arc<Sim>>) -> Response {
    sim.faults.clear();
    errors::no_content()
}
