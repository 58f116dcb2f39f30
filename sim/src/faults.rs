//! Faults on demand: which misbehaviour a Workspace request gets (from the flags and from the
//! rules added at run time through `/_sim/faults`), and the broken answers themselves.

use super::errors::{self, RequestId, CONTENT_JSON};
use super::seed::example_record;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// `latency` alone waits this long.
const DEFAULT_FAULT_LATENCY: Duration = Duration::from_secs(2);
const HUGE_BYTES: usize = 10 * 1024 * 1024;
const TRICKLE_INTERVAL: Duration = Duration::from_secs(1);
/// How long `stall` keeps a body back.
const STALL: Duration = Duration::from_secs(600);

/// `trickle` sends this many bytes one a second, then the rest at once: slow enough to trip
/// any sane timeout, yet done within a few seconds, so a soak with many trickles stays cheap.
const TRICKLE_SLOW_BYTES: usize = 4;
/// `latency` picked by `mixed` waits a random time up to this.
const MIXED_LATENCY_MAX_MS: u64 = 2000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer normally, but late.
    Latency(Duration),
    Throttled,
    Internal,
    BadGateway,
    Unavailable,
    /// 504 from the gateway (APIGW.0201, documented for 502/504).
    GatewayTimeout,
    /// 403 APIGW.0302: authenticated but not allowed.
    Forbidden,
    /// 404 APIGW.0101: the gateway has no such API (a wrong endpoint, path or region), never
    /// an answer about the desktop.
    NoApi,
    Html,
    Empty,
    Truncated,
    WrongTypes,
    Nulls,
    UnknownStatus,
    Escapes,
    Huge,
    Trickle,
    /// The headers of a 200, then nothing: a body that stalls (for ten minutes).
    Stall,
    Drop,
    /// The request is carried out, then its answer is lost: the connection breaks after the
    /// first bytes (a reset after the change was made; a retry then finds it done).
    DropAfter,
    /// A 302 to another host: a client must not follow it with its credentials.
    Redirect,
    /// ListDesktops without end: 20,000 desktops a page, a `total_count` of a billion.
    Flood,
    /// ListDesktops ignores its filters (`user_name`, `computer_name`, `desktop_ip`, `status`,
    /// `desktop_id`): every desktop of the project, paged as asked. A client must not act on
    /// what it did not ask for.
    IgnoreFilters,
    /// A 400 whose message quotes every request header (tokens and signature included), as
    /// some gateways' error pages do.
    EchoHeaders,
    /// IAM's token request (a rule whose `desktop_id` is `/v3/auth/tokens`): a 400 quoting
    /// the request body, password included.
    EchoBody,
    /// A record whose text hides behind format characters (a bidi override, zero-width and
    /// line-separator characters, a BOM) and C1 controls and DEL.
    Spoof,
    /// An OPEN record whose invitation code ends a bracketed paste (`ESC[201~`) and carries a
    /// command on the next line: pasted into a shell, it would run.
    PasteJack,
    /// Per faulted request, one of the transient kinds at random (every kind but `redirect`,
    /// which is a permanent answer rather than a passing failure).
    Mixed,
}

const NAMES: [(&str, FaultKind); 27] = [
    ("429", FaultKind::Throttled),
    ("500", FaultKind::Internal),
    ("502", FaultKind::BadGateway),
    ("503", FaultKind::Unavailable),
    ("504", FaultKind::GatewayTimeout),
    ("403", FaultKind::Forbidden),
    ("no-api", FaultKind::NoApi),
    ("html", FaultKind::Html),
    ("empty", FaultKind::Empty),
    ("truncated", FaultKind::Truncated),
    ("wrong-types", FaultKind::WrongTypes),
    ("nulls", FaultKind::Nulls),
    ("unknown-status", FaultKind::UnknownStatus),
    ("escapes", FaultKind::Escapes),
    ("huge", FaultKind::Huge),
    ("trickle", FaultKind::Trickle),
    ("stall", FaultKind::Stall),
    ("drop", FaultKind::Drop),
    ("drop-after", FaultKind::DropAfter),
    ("redirect", FaultKind::Redirect),
    ("flood", FaultKind::Flood),
    ("ignore-filters", FaultKind::IgnoreFilters),
    ("echo-headers", FaultKind::EchoHeaders),
    ("echo-body", FaultKind::EchoBody),
    ("spoof", FaultKind::Spoof),
    ("paste-jack", FaultKind::PasteJack),
    ("mixed", FaultKind::Mixed),
];

/// What `mixed` chooses from, besides a random `latency`.
const MIXED: [FaultKind; 13] = [
    FaultKind::Throttled,
    FaultKind::Internal,
    FaultKind::BadGateway,
    FaultKind::Unavailable,
    FaultKind::Html,
    FaultKind::Empty,
    FaultKind::Truncated,
    FaultKind::WrongTypes,
    FaultKind::Nulls,
    FaultKind::UnknownStatus,
    FaultKind::Escapes,
    FaultKind::Huge,
    FaultKind::Trickle,
];

impl FaultKind {
    /// A concrete kind: `mixed` resolved by chance, any other kind itself.
    fn resolve(&self) -> FaultKind {
        if *self != FaultKind::Mixed {
            return self.clone();
        }
        // One slot more than MIXED for `drop` and one for `latency`.
        match fastrand::usize(..MIXED.len() + 2) {
            i if i < MIXED.len() => MIXED[i].clone(),
            i if i == MIXED.len() => FaultKind::Drop,
            _ => FaultKind::Latency(Duration::from_millis(fastrand::u64(
                ..=MIXED_LATENCY_MAX_MS,
            ))),
        }
    }

    /// The name counted in `/_sim/stats` (`latency` without its duration).
    fn counter_name(&self) -> String {
        match self {
            FaultKind::Latency(_) => "latency".to_string(),
            other => other.to_string(),
        }
    }
}

impl FromStr for FaultKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(rest) = s.strip_prefix("latency") {
            return match rest.strip_prefix(':') {
                None if rest.is_empty() => Ok(FaultKind::Latency(DEFAULT_FAULT_LATENCY)),
                Some(d) => crate::units::parse_duration(d)
                    .map(FaultKind::Latency)
                    .map_err(|e| format!("bad latency {d:?}: {e}")),
                None => Err(unknown_kind(s)),
            };
        }
        NAMES
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, kind)| kind.clone())
            .ok_or_else(|| unknown_kind(s))
    }
}

fn unknown_kind(s: &str) -> String {
    let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
    format!(
        "unknown fault {s:?}; one of latency[:DURATION], {}",
        names.join(", ")
    )
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let FaultKind::Latency(d) = self {
            return write!(f, "latency:{}", super::units::format_duration(*d));
        }
        let name = NAMES.iter().find(|(_, k)| k == self).map(|(n, _)| *n);
        f.write_str(name.unwrap_or("?"))
    }
}

impl Serialize for FaultKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `--fault-on DESKTOP_ID=KIND`.
#[derive(Clone, Debug)]
pub struct FaultOn {
    pub desktop_id: String,
    pub kind: FaultKind,
}

impl FromStr for FaultOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (id, kind) = s
            .rsplit_once('=')
            .ok_or_else(|| format!("expected DESKTOP_ID=KIND, got {s:?}"))?;
        Ok(FaultOn {
            desktop_id: id.to_string(),
            kind: kind.parse()?,
        })
    }
}

/// The body of `POST /_sim/faults`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRequest {
    kind: String,
    desktop_id: Option<String>,
    count: Option<u32>,
    retry_after: Option<u64>,
    /// For `latency`: how long, like `500ms` (or write the kind as `latency:500ms`).
    latency: Option<String>,
    /// The fraction (0 to 1) of matching requests that get it; every one when left out.
    rate: Option<f64>,
    /// Only requests with this method (GET, POST, DELETE); any when left out.
    method: Option<String>,
}

/// A fault added at run time, as `GET /_sim/faults` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Rule {
    kind: FaultKind,
    desktop_id: Option<String>,
    /// How many more requests get it; `None` is every one.
    remaining: Option<u32>,
    retry_after: u64,
    /// Whether the rule gave `retry_after`: then its 503s carry the header too.
    #[serde(skip)]
    asked_retry_after: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<String>,
}

/// The fault chosen for one request.
#[derive(Debug, PartialEq, Eq)]
pub struct Chosen {
    pub kind: FaultKind,
    pub retry_after: u64,
    /// A 503's `Retry-After`, when its rule gave one.
    pub unavailable_retry_after: Option<u64>,
}

/// Where faults come from: run-time rules (newest first), then `--fault-on`, then `--fault`.
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
    on: Vec<FaultOn>,
    random: Option<FaultKind>,
    rate: f64,
    retry_after: u64,
    /// How many requests got each kind (after `mixed` chose), for `/_sim/stats`.
    injected: Mutex<BTreeMap<String, u64>>,
}

impl Faults {
    pub fn new(on: Vec<FaultOn>, random: Option<FaultKind>, rate: f64, retry_after: u64) -> Self {
        Faults {
            rules: Mutex::new(Vec::new()),
            on,
            random,
            rate,
            retry_after,
            injected: Mutex::new(BTreeMap::new()),
        }
    }

    /// The fault for a request about `desktop` (`None`: not about one desktop), if any.
    pub fn pick(&self, desktop: Option<&str>, method: &str) -> Option<Chosen> {
        let chosen = self.pick_unresolved(desktop, method)?;
        let kind = chosen.kind.resolve();
        *super::server::lock(&self.injected)
            .entry(kind.counter_name())
            .or_default() += 1;
        Some(Chosen { kind, ..chosen })
    }

    /// The fault of a run-time rule aimed at `target` alone (an IAM route), if any: rules
    /// for every desktop and the flags never apply there.
    pub fn pick_for(&self, target: &str) -> Option<Chosen> {
        let mut rules = super::server::lock(&self.rules);
        let i = rules
            .iter()
            .rposition(|r| r.desktop_id.as_deref() == Some(target))?;
        Some(take(&mut rules, i))
    }

    /// How many requests got each fault kind so far.
    pub fn injected(&self) -> BTreeMap<String, u64> {
        super::server::lock(&self.injected).clone()
    }

    fn pick_unresolved(&self, desktop: Option<&str>, method: &str) -> Option<Chosen> {
        if let Some(chosen) = self.pick_rule(desktop, method) {
            return Some(chosen);
        }
        let chosen = |kind: &FaultKind| Chosen {
            kind: kind.clone(),
            retry_after: self.retry_after,
            unavailable_retry_after: None,
        };
        if let Some(on) = self
            .on
            .iter()
            .find(|on| Some(on.desktop_id.as_str()) == desktop)
        {
            return Some(chosen(&on.kind));
        }
        let kind = self.random.as_ref()?;
        (fastrand::f64() < self.rate).then(|| chosen(kind))
    }

    fn pick_rule(&self, desktop: Option<&str>, method: &str) -> Option<Chosen> {
        let mut rules = super::server::lock(&self.rules);
        // The newest rule that matches this desktop and method and whose rate lets this
        // request through.
        let i = rules.iter().rposition(|r| {
            (r.desktop_id.is_none() || r.desktop_id.as_deref() == desktop)
                && r.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && r.rate.is_none_or(|rate| fastrand::f64() < rate)
        })?;
        Some(take(&mut rules, i))
    }

    pub fn add(&self, req: FaultRequest) -> Result<Rule, String> {
        let mut kind: FaultKind = req.kind.parse()?;
        if let (FaultKind::Latency(_), Some(latency)) = (&kind, &req.latency) {
            kind = FaultKind::Latency(
                crate::units::parse_duration(latency).map_err(|e| format!("bad latency: {e}"))?,
            );
        }
        if req.count == Some(0) {
            return Err("count must be at least 1 (leave it out for every request)".to_string());
        }
        if req.rate.is_some_and(|r| !(0.0..=1.0).contains(&r)) {
            return Err("rate must be a number from 0 to 1, like 0.1".to_string());
        }
        let rule = Rule {
            kind,
            desktop_id: req.desktop_id,
            remaining: req.count,
            retry_after: req.retry_after.unwrap_or(self.retry_after),
            asked_retry_after: req.retry_after.is_some(),
            rate: req.rate,
            method: req.method,
        };
        super::server::lock(&self.rules).push(rule.clone());
        Ok(rule)
    }

    pub fn rules(&self) -> Vec<Rule> {
        super::server::lock(&self.rules).clone()
    }

    pub fn clear(&self) {
        super::server::lock(&self.rules).clear();
    }
}

/// Rule `i`'s fault, counted down (and removed after its last request).
fn take(rules: &mut Vec<Rule>, i: usize) -> Chosen {
    let chosen = Chosen {
        kind: rules[i].kind.clone(),
        retry_after: rules[i].retry_after,
        unavailable_retry_after: rules[i].asked_retry_after.then_some(rules[i].retry_after),
    };
    match &mut rules[i].remaining {
        Some(1) => {
            rules.remove(i);
        }
        Some(n) => *n -= 1,
        None => {}
    }
    chosen
}

/// The broken answer of a fault; `None` for latency, which answers normally after waiting,
/// for `drop-after`, whose request is carried out before its answer is lost, and for
/// `ignore-filters`, whose listing is answered, only wider.
pub fn response(chosen: &Chosen, id: &RequestId) -> Option<Response> {
    let resp = match chosen.kind {
        FaultKind::Latency(_) | FaultKind::DropAfter | FaultKind::IgnoreFilters => return None,
        FaultKind::Throttled => throttled(chosen.retry_after, id),
        FaultKind::Internal => errors::gateway(
            StatusCode::INTERNAL_SERVER_ERROR,
            errors::SIM_INTERNAL,
            "Internal server error (simulated fault)",
            id,
        ),
        FaultKind::BadGateway => errors::gateway(
            StatusCode::BAD_GATEWAY,
            "APIGW.0201",
            "Backend unavailable (simulated fault)",
            id,
        ),
        FaultKind::Unavailable => unavailable(chosen.unavailable_retry_after, id),
        FaultKind::GatewayTimeout => errors::gateway(
            StatusCode::GATEWAY_TIMEOUT,
            "APIGW.0201",
            "Backend timeout (simulated fault)",
            id,
        ),
        FaultKind::Forbidden => errors::gateway(
            StatusCode::FORBIDDEN,
            "APIGW.0302",
            "The IAM user is not authorized to access the API (simulated fault)",
            id,
        ),
        FaultKind::NoApi => errors::gateway(
            StatusCode::NOT_FOUND,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment",
            id,
        ),
        FaultKind::Html => errors::raw(StatusCode::BAD_GATEWAY, "text/html", HTML_502),
        FaultKind::Empty => errors::raw(StatusCode::OK, CONTENT_JSON, Body::empty()),
        FaultKind::Truncated => ok_json(truncated()),
        FaultKind::WrongTypes => ok_json(wrong_types()),
        FaultKind::Nulls => ok_json(all_null().to_string()),
        FaultKind::UnknownStatus => ok_json(unknown_status()),
        FaultKind::Escapes => ok_json(escapes()),
        FaultKind::Huge => errors::raw(StatusCode::OK, CONTENT_JSON, huge()),
        FaultKind::Trickle => errors::raw(StatusCode::OK, CONTENT_JSON, trickle()),
        FaultKind::Stall => errors::raw(StatusCode::OK, CONTENT_JSON, stalled()),
        FaultKind::Drop => errors::raw(StatusCode::OK, CONTENT_JSON, dropped()),
        FaultKind::Redirect => redirect(),
        FaultKind::Spoof => ok_json(spoof()),
        FaultKind::PasteJack => ok_json(paste_jack()),
        // These need the request: `admit` (or IAM) answers them before coming here.
        FaultKind::Flood | FaultKind::EchoHeaders | FaultKind::EchoBody => errors::gateway(
            StatusCode::BAD_REQUEST,
            errors::SIM_BAD_PARAMETER,
            "this fault needs the request",
            id,
        ),
        // `pick` resolves `mixed` to a concrete kind; should one slip through, answer a 503.
        FaultKind::Mixed => errors::gateway(
            StatusCode::SERVICE_UNAVAILABLE,
            errors::SIM_UNAVAILABLE,
            "Service temporarily unavailable (simulated fault)",
            id,
        ),
    };
    Some(resp)
}

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

fn throttled(retry_after: u64, id: &RequestId) -> Response {
    let mut resp = errors::gateway(
        StatusCode::TOO_MANY_REQUESTS,
        "APIGW.0308",
        "The throttling threshold has been reached",
        id,
    );
    resp.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    resp
}

/// A 503, with `Retry-After: N` when its rule asked for one (a server may send `0`).
fn unavailable(retry_after: Option<u64>, id: &RequestId) -> Response {
    let mut resp = errors::gateway(
        StatusCode::SERVICE_UNAVAILABLE,
        errors::SIM_UNAVAILABLE,
        "Service temporarily unavailable (simulated fault)",
        id,
    );
    if let Some(secs) = retry_after {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

fn redirect() -> Response {
    let mut resp = errors::raw(StatusCode::FOUND, CONTENT_JSON, Body::empty());
    resp.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_static("http://127.0.0.2:9/steal-credentials"),
    );
    resp
}

/// An OPEN record whose text reads otherwise than it is: the code reversed by a bidi
/// override, a zero-width space, a line separator, a BOM, a one-byte CSI (U+009B) and DEL.
fn spoof() -> String {
    serde_json::json!({
        "share_space_id": "space\u{200b}id",
        "invitation_code": "AB\u{202e}DC",
        "share_space_name": "name\u{2028}FORGED\u{feff}",
        "share_space_passwd": null,
        "private_share_link": "https://192.168.0.10:9445/\u{2066}x\u{2069}",
        "internet_share_link": "https://203.0.113.10:9445/\u{9b}2J\u{7f}",
        "create_time": "2022-03-28T00:00:00Z",
        "status": "OPEN",
        "failed_reason": "\u{9b}31mred\u{7f}"
    })
    .to_string()
}

/// The example record, open, with an invitation code that would break out of a terminal's
/// bracketed paste and run a command.
fn paste_jack() -> String {
    let mut record: serde_json::Value = serde_json::from_str(&example_json()).unwrap_or_default();
    record["invitation_code"] = "D1F32AA6\u{1b}[201~\nrm -rf ~\n".into();
    record["status"] = "OPEN".into();
    record.to_string()
}

/// How many desktops a `flood` page carries: its body stays under a client's 1 MiB limit.
pub const FLOOD_PAGE: usize = 20_000;

/// One page of a ListDesktops that never ends: short IDs that go on from the asked offset,
/// so that every page brings new desktops.
pub fn flood(query: Option<&str>) -> Response {
    let offset = super::verify::query_pairs(query.unwrap_or(""))
        .iter()
        .find(|(k, _)| k == "offset")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = String::with_capacity(FLOOD_PAGE * 28 + 64);
    body.push_str("{\"total_count\":1000000000,\"desktops\":[");
    for i in 0..FLOOD_PAGE {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!("{{\"desktop_id\":\"fl{:08}\"}}", offset + i));
    }
    body.push_str("]}");
    ok_json(body)
}

/// A 400 whose message quotes the request's headers as received, secrets and all.
pub fn echo_headers(headers: &axum::http::HeaderMap, id: &RequestId) -> Response {
    let echoed: Vec<String> = headers
        .iter()
        .map(|(name, value)| format!("{name}: {}", String::from_utf8_lossy(value.as_bytes())))
        .collect();
    errors::gateway(
        StatusCode::BAD_REQUEST,
        errors::SIM_BAD_PARAMETER,
        &format!("Bad request; headers received: {}", echoed.join("; ")),
        id,
    )
}

fn ok_json(body: String) -> Response {
    errors::raw(StatusCode::OK, CONTENT_JSON, body)
}

fn example_json() -> String {
    serde_json::to_string(&example_record()).unwrap_or_default()
}

/// The example record cut in the middle (with a Content-Length that matches the cut).
fn truncated() -> String {
    let full = example_json();
    full[..full.len() / 2].to_string()
}

/// The GET body with every one of the nine fields null: a fault here, and one of the answers
/// `--no-record-as` can give for a desktop without a record.
pub fn all_null() -> serde_json::Value {
    let fields = [
        "share_space_id",
        "invitation_code",
        "share_space_name",
        "share_space_passwd",
        "private_share_link",
        "internet_share_link",
        "create_time",
        "status",
        "failed_reason",
    ];
    let map: serde_json::Map<String, serde_json::Value> = fields
        .iter()
        .map(|f| (f.to_string(), serde_json::Value::Null))
        .collect();
    serde_json::Value::Object(map)
}

/// The API example with members of other JSON types than the documented strings, as a
/// service may send (the SDK tolerates them): a number, an object, a bool.
fn wrong_types() -> String {
    let mut value = serde_json::to_value(example_record()).unwrap_or_default();
    value["create_time"] = 1_648_425_600.into();
    value["share_space_name"] = serde_json::json!({"en": "testShareSpaceName"});
    value["failed_reason"] = false.into();
    value.to_string()
}

fn unknown_status() -> String {
    let mut value = serde_json::to_value(example_record()).unwrap_or_default();
    value["status"] = "PAUSED".into();
    value.to_string()
}

/// Terminal control sequences in every free-text member: colour, clear screen, carriage
/// return, bell, and an OSC 8 hyperlink.
fn escapes() -> String {
    serde_json::json!({
        "share_space_id": "space\u{1b}[31mRED",
        "invitation_code": "AB\u{1b}[2JCD",
        "share_space_name": "name\rFORGED LINE",
        "share_space_passwd": "pw\u{7}\u{7}",
        "private_share_link": "https://192.168.0.10:9445/\u{1b}]8;;https://evil.invalid\u{7}x",
        "internet_share_link": "https://203.0.113.10:9445/\r\u{1b}[31mred",
        "create_time": "2022-03-28T00:00:00Z\u{1b}[0m",
        "status": "OPEN",
        "failed_reason": "\u{1b}[31mfailed\r\u{7}"
    })
    .to_string()
}

/// The example record padded to just over 10 MB, still valid JSON. Built once and shared
/// (a `Bytes` clone is a reference count), so many `huge` answers cost no more memory.
fn huge() -> Body {
    static HUGE: OnceLock<Bytes> = OnceLock::new();
    let bytes = HUGE.get_or_init(|| {
        let full = example_json();
        let head = full.strip_suffix('}').unwrap_or(&full);
        let mut body = String::with_capacity(HUGE_BYTES + full.len() + 16);
        body.push_str(head);
        body.push_str(",\"padding\":\"");
        body.extend(std::iter::repeat_n('x', HUGE_BYTES));
        body.push_str("\"}");
        Bytes::from(body)
    });
    Body::from(bytes.clone())
}

/// The example record, one byte a second for the first `TRICKLE_SLOW_BYTES` bytes, then the
/// rest at once.
fn trickle() -> Body {
    let bytes = Bytes::from(example_json());
    let stream = futures_util::stream::unfold((bytes, 0usize), |(bytes, at)| async move {
        if at >= bytes.len() {
            return None;
        }
        if at > 0 {
            tokio::time::sleep(TRICKLE_INTERVAL).await;
        }
        let end = if at + 1 < TRICKLE_SLOW_BYTES {
            at + 1
        } else {
            bytes.len()
        };
        let chunk = bytes.slice(at..end);
        Some((Ok::<_, std::io::Error>(chunk), (bytes, end)))
    });
    Body::from_stream(stream)
}

/// Nothing after the headers for ten minutes (a client's timeout ends it first), then the
/// example: a stall bounded so that a forgotten one does not hold the connection for ever.
fn stalled() -> Body {
    let stream = futures_util::stream::once(async {
        tokio::time::sleep(STALL).await;
        Ok::<_, std::io::Error>(Bytes::from(example_json()))
    });
    Body::from_stream(stream)
}

/// The start of a body, then an error: hyper closes the connection mid-response.
pub fn dropped() -> Body {
    let parts: [Result<Bytes, std::io::Error>; 2] = [
        Ok(Bytes::from_static(b"{\"share_space_id\":\"abv")),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "simulated dropped connection",
        )),
    ];
    Body::from_stream(futures_util::stream::iter(parts))
}
