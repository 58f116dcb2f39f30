//! Transport: the reqwest clients (connection pool, TLS roots, proxy rules, no redirects),
//! one attempt of one request with its `-v` lines, and reading its answer within the size
//! and time limits.

use std::io::Read;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use reqwest::blocking::Response;
use reqwest::{Method, Url};

use super::answer::Answer;
use super::error::{ApiError, NetKind};
use super::trace::Trace;
use crate::auth::signer;
use crate::messages::{msg, worded};
use crate::secret::Secret;
use crate::text::snippet;

/// Answers larger than this are cut and refused: no Workspace answer comes near it.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The pooled HTTP client of a run, and how to build a poolless one.
pub(super) struct Transport {
    http: reqwest::blocking::Client,
    /// How `http` was built, for `fresh`.
    setup: HttpSetup,
    /// A client without a pool, built the first time a pooled connection turns out closed:
    /// its one request goes on a new connection, whatever else the pool holds (a gateway that
    /// drops idle connections drops them all). `None` if it could not be built.
    fresh: OnceLock<Option<reqwest::blocking::Client>>,
}

/// What the HTTP clients are built from: the pooled one at once, a poolless one on demand.
pub(super) struct HttpSetup {
    pub(super) loopback: bool,
    pub(super) extra_roots: Vec<reqwest::Certificate>,
    pub(super) connect_timeout: Duration,
    /// The limit for one whole request, body included.
    pub(super) timeout: Duration,
}

/// One attempt to send: method, URL, body and the headers signed for this attempt.
pub(super) struct Request<'a> {
    pub(super) method: &'a Method,
    pub(super) url: &'a Url,
    pub(super) body: &'a [u8],
    pub(super) headers: &'a [(String, String)],
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

impl Transport {
    pub(super) fn new(setup: HttpSetup) -> anyhow::Result<Transport> {
        let http = setup
            .build(true)
            .map_err(|e| worded(msg!("err-http-client", error = e)))?;
        Ok(Transport {
            http,
            setup,
            fresh: OnceLock::new(),
        })
    }

    /// Attempt `attempt` of `of`: sends the request and reads its answer, whatever its status.
    pub(super) fn send_once(
        &self,
        trace: &Trace,
        request: &Request<'_>,
        (attempt, of): (u32, u32),
    ) -> Result<Answer, ApiError> {
        let Request {
            method,
            url,
            body,
            headers,
        } = request;
        trace.at(1, || format!("> {method} {url} (attempt {attempt}/{of})"));
        let mut built = self.http.request((*method).clone(), (*url).clone());
        for (name, value) in headers.iter() {
            trace.at(2, || format!("> {name}: {}", redact_header(name, value)));
            built = built.header(name.as_str(), value.as_str());
        }
        if !body.is_empty() {
            built = built.body(body.to_vec());
        } else if matches!(**method, Method::POST | Method::DELETE | Method::PUT) {
            // As the SDK does (docs/WORKSPACE-API.md §7): a strict gateway answers 411 to a
            // bodiless POST that says nothing of its length. Sent, not signed, like the SDK's.
            trace.at(2, || "> Content-Length: 0".to_string());
            built = built.header(reqwest::header::CONTENT_LENGTH, "0");
        }
        let started = Instant::now();
        let built = built.build().map_err(|e| network_error(&e, url))?;
        let response = self.deliver(trace, method, built, url)?;
        let answer = read_answer(response, url, started + self.setup.timeout)?;
        trace.at(1, || received(&answer, started));
        Ok(answer)
    }

    /// Sends one request and waits for the answer's head. A GET whose pooled connection the
    /// server had closed (see `stale`) goes again at once on a new connection, once: no answer
    /// came, a GET changes nothing, and it is not an attempt of the retry policy (a watch,
    /// which makes one attempt a poll, would lose the poll and warn). A POST or DELETE is not
    /// sent again here: written on a closed connection, it is that attempt's failure, for the
    /// retry policy to judge (a POST is never repeated).
    fn deliver(
        &self,
        trace: &Trace,
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
        trace.at(1, || {
            let why = network_error(&err, url);
            format!("* {}", msg!("api-pooled-closed", why = why).render())
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

/// The `-v` line of an answer: status, time, size and request id.
fn received(answer: &Answer, started: Instant) -> String {
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
    let retry_after =
        header(&response, "retry-after").and_then(|v| super::retry::parse_retry_after(&v));
    let subject_token = header(&response, "x-subject-token").map(Secret::new);
    if response.status().is_redirection() {
        // Only where it points: the rest of a Location may carry a token.
        let location = header(&response, "location").unwrap_or_default();
        let target = Url::parse(&location)
            .ok()
            .map(|u| format!("{}://{}", u.scheme(), u.host_str().unwrap_or_default()));
        return Err(ApiError::Redirect {
            status,
            location: target.map(|t| crate::text::sanitize(&t)),
        });
    }
    let body = read_body(response, deadline).map_err(|e| ApiError::Network {
        kind: if timed_out(&e) {
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

/// Whether reading the body ran out of time: our own deadline, or reqwest's read timeout,
/// which comes wrapped in an `Other` error. A body that stalls after its headers is then a
/// silence like any other, said without `-v` when it is retried.
fn timed_out(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout)
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

#[cfg(test)]
mod tests {
    use super::*;

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
