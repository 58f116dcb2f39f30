//! Faults on demand: which misbehaviour a Workspace request gets (from the flags and from the
//! rules added at run time through `/_sim/faults`), and the broken answers themselves.

use super::errors::{self, RequestId, CONTENT_JSON};
use super::seed::example_record;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

/// `latency` alone waits this long.
const DEFAULT_FAULT_LATENCY: Duration = Duration::from_secs(2);
const HUGE_BYTES: usize = 10 * 1024 * 1024;
const TRICKLE_INTERVAL: Duration = Duration::from_secs(1);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer normally, but late.
    Latency(Duration),
    Throttled,
    Internal,
    BadGateway,
    Unavailable,
    Html,
    Empty,
    Truncated,
    WrongTypes,
    Nulls,
    UnknownStatus,
    Escapes,
    Huge,
    Trickle,
    Drop,
    /// A 302 to another host: a client must not follow it with its credentials.
    Redirect,
}

const NAMES: [(&str, FaultKind); 15] = [
    ("429", FaultKind::Throttled),
    ("500", FaultKind::Internal),
    ("502", FaultKind::BadGateway),
    ("503", FaultKind::Unavailable),
    ("html", FaultKind::Html),
    ("empty", FaultKind::Empty),
    ("truncated", FaultKind::Truncated),
    ("wrong-types", FaultKind::WrongTypes),
    ("nulls", FaultKind::Nulls),
    ("unknown-status", FaultKind::UnknownStatus),
    ("escapes", FaultKind::Escapes),
    ("huge", FaultKind::Huge),
    ("trickle", FaultKind::Trickle),
    ("drop", FaultKind::Drop),
    ("redirect", FaultKind::Redirect),
];

impl FromStr for FaultKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(rest) = s.strip_prefix("latency") {
            return match rest.strip_prefix(':') {
                None if rest.is_empty() => Ok(FaultKind::Latency(DEFAULT_FAULT_LATENCY)),
                Some(d) => humantime::parse_duration(d)
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
            return write!(f, "latency:{}", humantime::format_duration(*d));
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
}

/// A fault added at run time, as `GET /_sim/faults` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Rule {
    kind: FaultKind,
    desktop_id: Option<String>,
    /// How many more requests get it; `None` is every one.
    remaining: Option<u32>,
    retry_after: u64,
}

/// The fault chosen for one request.
#[derive(Debug, PartialEq, Eq)]
pub struct Chosen {
    pub kind: FaultKind,
    pub retry_after: u64,
}

/// Where faults come from: run-time rules (newest first), then `--fault-on`, then `--fault`.
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
    on: Vec<FaultOn>,
    random: Option<FaultKind>,
    rate: f64,
    retry_after: u64,
}

impl Faults {
    pub fn new(on: Vec<FaultOn>, random: Option<FaultKind>, rate: f64, retry_after: u64) -> Self {
        Faults {
            rules: Mutex::new(Vec::new()),
            on,
            random,
            rate,
            retry_after,
        }
    }

    /// The fault for a request about `desktop` (`None`: not about one desktop), if any.
    pub fn pick(&self, desktop: Option<&str>) -> Option<Chosen> {
        if let Some(chosen) = self.pick_rule(desktop) {
            return Some(chosen);
        }
        let chosen = |kind: &FaultKind| Chosen {
            kind: kind.clone(),
            retry_after: self.retry_after,
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

    fn pick_rule(&self, desktop: Option<&str>) -> Option<Chosen> {
        let mut rules = super::server::lock(&self.rules);
        let i = rules
            .iter()
            .rposition(|r| r.desktop_id.is_none() || r.desktop_id.as_deref() == desktop)?;
        let rule = &mut rules[i];
        let chosen = Chosen {
            kind: rule.kind.clone(),
            retry_after: rule.retry_after,
        };
        match &mut rule.remaining {
            Some(1) => {
                rules.remove(i);
            }
            Some(n) => *n -= 1,
            None => {}
        }
        Some(chosen)
    }

    pub fn add(&self, req: FaultRequest) -> Result<Rule, String> {
        let mut kind: FaultKind = req.kind.parse()?;
        if let (FaultKind::Latency(_), Some(latency)) = (&kind, &req.latency) {
            kind = FaultKind::Latency(
                humantime::parse_duration(latency).map_err(|e| format!("bad latency: {e}"))?,
            );
        }
        if req.count == Some(0) {
            return Err("count must be at least 1 (leave it out for every request)".to_string());
        }
        let rule = Rule {
            kind,
            desktop_id: req.desktop_id,
            remaining: req.count,
            retry_after: req.retry_after.unwrap_or(self.retry_after),
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

/// The broken answer of a fault; `None` for latency, which answers normally after waiting.
pub fn response(chosen: &Chosen, id: &RequestId) -> Option<Response> {
    let resp = match chosen.kind {
        FaultKind::Latency(_) => return None,
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
        FaultKind::Unavailable => errors::gateway(
            StatusCode::SERVICE_UNAVAILABLE,
            errors::SIM_UNAVAILABLE,
            "Service temporarily unavailable (simulated fault)",
            id,
        ),
        FaultKind::Html => errors::raw(StatusCode::BAD_GATEWAY, "text/html", HTML_502),
        FaultKind::Empty => errors::raw(StatusCode::OK, CONTENT_JSON, Body::empty()),
        FaultKind::Truncated => ok_json(truncated()),
        FaultKind::WrongTypes => ok_json(r#"{"status":42,"invitation_code":true}"#.into()),
        FaultKind::Nulls => ok_json(nulls()),
        FaultKind::UnknownStatus => ok_json(unknown_status()),
        FaultKind::Escapes => ok_json(escapes()),
        FaultKind::Huge => ok_json(huge()),
        FaultKind::Trickle => errors::raw(StatusCode::OK, CONTENT_JSON, trickle()),
        FaultKind::Drop => errors::raw(StatusCode::OK, CONTENT_JSON, dropped()),
        FaultKind::Redirect => redirect(),
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

fn redirect() -> Response {
    let mut resp = errors::raw(StatusCode::FOUND, CONTENT_JSON, Body::empty());
    resp.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_static("http://127.0.0.2:9/steal-credentials"),
    );
    resp
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

fn nulls() -> String {
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
    serde_json::Value::Object(map).to_string()
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

/// The example record padded to just over 10 MB, still valid JSON.
fn huge() -> String {
    let full = example_json();
    let head = full.strip_suffix('}').unwrap_or(&full);
    let mut body = String::with_capacity(HUGE_BYTES + full.len() + 16);
    body.push_str(head);
    body.push_str(",\"padding\":\"");
    body.extend(std::iter::repeat_n('x', HUGE_BYTES));
    body.push_str("\"}");
    body
}

/// The example record, one byte per second.
fn trickle() -> Body {
    let bytes = Bytes::from(example_json());
    let stream = futures_util::stream::unfold((bytes, 0usize), |(bytes, at)| async move {
        if at >= bytes.len() {
            return None;
        }
        if at > 0 {
            tokio::time::sleep(TRICKLE_INTERVAL).await;
        }
        let byte = bytes.slice(at..at + 1);
        Some((Ok::<_, std::io::Error>(byte), (bytes, at + 1)))
    });
    Body::from_stream(stream)
}

/// The start of a body, then an error: hyper closes the connection mid-response.
fn dropped() -> Body {
    let parts: [Result<Bytes, std::io::Error>; 2] = [
        Ok(Bytes::from_static(b"{\"share_space_id\":\"abv")),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "simulated dropped connection",
        )),
    ];
    Body::from_stream(futures_util::stream::iter(parts))
}
