//! `ApiError`: everything that can go wrong talking to the cloud, with what support needs.

use std::fmt;

use crate::messages::Message;
use crate::text::{sanitize, snippet};

/// An error answer from the service or the API gateway, with everything support needs.
#[derive(Debug, Clone, Default)]
pub struct StatusError {
    pub status: u16,
    pub error_code: Option<String>,
    pub error_msg: Option<String>,
    pub error_detail: Option<String>,
    pub request_id: Option<String>,
    /// A 403's `encoded_authorization_message` (STS decode-authorization-message decodes it).
    pub encoded_authorization_message: Option<String>,
    /// The server's `Retry-After`, for callers that pace themselves (watch).
    pub retry_after: Option<std::time::Duration>,
    /// Where the request went (scheme, host and port), for a hint about the configuration.
    pub endpoint: Option<String>,
    /// The region of the configuration, when it names one.
    pub region: Option<String>,
    /// An earlier attempt of the same request was lost after it was sent (a reset, a
    /// timeout): the server may have carried it out, so this answer may be about its effect.
    pub after_lost_attempt: bool,
}

/// The API gateway's codes for "no such API" (docs/WORKSPACE-API.md §10): a wrong endpoint,
/// path or region, never an answer about a desktop.
const NO_SUCH_API: [&str; 2] = ["APIGW.0101", "APIG.0101"];

/// Why a request failed below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetKind {
    Connect,
    Timeout,
    Tls,
    Body,
    Other,
}

#[derive(Debug, Clone, thiserror::Error)]
// Each text here has its catalogue form in words.rs (a test keeps the two the same).
pub enum ApiError {
    #[error("{0}")]
    Status(Box<StatusError>),
    #[error("the server answered HTTP {status} with a body that is not the expected JSON ({reason}){}; body: \"{body}\"", request_id_suffix(.request_id))]
    Malformed {
        status: u16,
        /// What is wrong with it, in the catalogue's words.
        reason: Message,
        /// The first 200 characters, escaped.
        body: String,
        request_id: Option<String>,
    },
    #[error("the server answered HTTP {status} with a body larger than {limit} bytes{}; assist stops reading there", request_id_suffix(.request_id))]
    TooLarge {
        status: u16,
        limit: usize,
        request_id: Option<String>,
    },
    #[error("refusing to send a request whose path would not be the one intended (segments {0})")]
    InvalidPath(String),
    #[error("the server answered HTTP {status} redirecting to {}; assist never follows redirects, so that credentials cannot reach another host", location.as_deref().unwrap_or(RELATIVE))]
    Redirect {
        status: u16,
        /// Where it points (scheme and host only); `None`: a relative location.
        location: Option<String>,
    },
    #[error("{kind_text} {url}: {detail}", kind_text = net_text(*.kind))]
    Network {
        kind: NetKind,
        url: String,
        detail: String,
    },
}

/// A redirect's `Location` that names no host, in the English text (words.rs has its words).
const RELATIVE: &str = "a relative location";

/// Encoded authorization messages run to kilobytes: enough to recognise one is shown.
const ENCODED_SHOWN: usize = 24;

pub(super) fn request_id(id: &Option<String>) -> Option<String> {
    id.as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(sanitize)
}

fn request_id_suffix(id: &Option<String>) -> String {
    request_id(id)
        .map(|id| format!(" (request id {id})"))
        .unwrap_or_default()
}

fn net_text(kind: NetKind) -> &'static str {
    match kind {
        NetKind::Connect => "could not connect to",
        NetKind::Timeout => "timed out waiting for",
        NetKind::Tls => "TLS (certificate) failure talking to",
        NetKind::Body => "the connection broke while reading the answer of",
        NetKind::Other => "request failed for",
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.answer())?;
        f.write_str(&request_id_suffix(&self.request_id))?;
        if let Some((shown, count)) = self.encoded_shown() {
            write!(
                f,
                "; encoded authorization message {shown} ({count} characters)"
            )?;
        }
        Ok(())
    }
}

impl StatusError {
    /// `HTTP 404 Not Found, CODE: message (detail)`: the answer as the server gave it, the
    /// same in every language (data).
    pub(super) fn answer(&self) -> String {
        let mut out = format!("HTTP {}", self.status);
        if let Some(reason) = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            out.push(' ');
            out.push_str(reason);
        }
        if let Some(code) = &self.error_code {
            out.push_str(", ");
            out.push_str(&sanitize(code));
        }
        if let Some(msg) = &self.error_msg {
            out.push_str(": ");
            out.push_str(&sanitize(msg));
        }
        if let Some(detail) = &self.error_detail {
            out.push_str(&format!(" ({})", snippet(detail, 300)));
        }
        out
    }

    /// The start of the encoded authorization message (sanitised, `…` when cut) and its
    /// length in characters.
    pub(super) fn encoded_shown(&self) -> Option<(String, usize)> {
        let encoded = self.encoded_authorization_message.as_ref()?;
        let count = encoded.chars().count();
        let shown: String = encoded.chars().take(ENCODED_SHOWN).collect();
        let more = if count > ENCODED_SHOWN { "…" } else { "" };
        Some((format!("{}{more}", sanitize(&shown)), count))
    }
}

impl ApiError {
    /// The cloud refused these credentials (401) or their permissions (403).
    pub fn is_refused(&self) -> bool {
        matches!(self, ApiError::Status(s) if matches!(s.status, 401 | 403))
    }

    /// A 404 from Workspace: no such desktop (or no record). The gateway's own 404 for an API
    /// it does not have is not one: see [`ApiError::is_no_such_api`].
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Status(s) if s.status == 404) && !self.is_no_such_api()
    }

    /// The gateway has no such API (404 `APIGW.0101`/`APIG.0101`): the endpoint, the path or
    /// the region is wrong, so nothing the run asks can succeed.
    pub fn is_no_such_api(&self) -> bool {
        matches!(self, ApiError::Status(s) if s.status == 404
            && s.error_code.as_deref().is_some_and(|c| NO_SUCH_API.contains(&c.trim())))
    }

    /// This error with where the request went and the region of the configuration.
    pub fn at(self, endpoint: &str, region: Option<&str>) -> ApiError {
        match self {
            ApiError::Status(mut s) => {
                s.endpoint = Some(endpoint.to_string());
                s.region = region.map(str::to_string);
                ApiError::Status(s)
            }
            other => other,
        }
    }

    /// Where the request went and the region, as [`ApiError::at`] set them.
    pub fn place(&self) -> (Option<&str>, Option<&str>) {
        match self {
            ApiError::Status(s) => (s.endpoint.as_deref(), s.region.as_deref()),
            _ => (None, None),
        }
    }

    /// No answer within the time allowed.
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            ApiError::Network {
                kind: NetKind::Timeout,
                ..
            }
        )
    }

    /// Worth trying again later: network trouble, throttling, server errors, broken answers.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Status(s) => matches!(s.status, 408 | 429 | 500..=599),
            ApiError::Network { .. } | ApiError::Malformed { .. } | ApiError::TooLarge { .. } => {
                true
            }
            ApiError::Redirect { .. } | ApiError::InvalidPath(_) => false,
        }
    }

    /// The request was sent and its answer lost (a reset, a timeout): it may have been
    /// carried out. A connection that never opened carried nothing.
    pub fn may_have_arrived(&self) -> bool {
        matches!(self, ApiError::Network { kind, .. } if !matches!(kind, NetKind::Connect | NetKind::Tls))
    }

    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            ApiError::Status(s) => s.retry_after,
            _ => None,
        }
    }

    /// The HTTP status, when the server answered at all.
    /// The request id the answer carried, when there was an answer.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Status(s) => s.request_id.as_deref(),
            ApiError::Malformed { request_id, .. } | ApiError::TooLarge { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status(s) => Some(s.status),
            ApiError::Malformed { status, .. }
            | ApiError::TooLarge { status, .. }
            | ApiError::Redirect { status, .. } => Some(*status),
            ApiError::Network { .. } | ApiError::InvalidPath(_) => None,
        }
    }

    /// The 403's encoded authorization message, when the server sent one.
    pub fn has_encoded_authorization_message(&self) -> bool {
        matches!(self, ApiError::Status(s) if s.encoded_authorization_message.is_some())
    }

    pub fn error_code(&self) -> Option<&str> {
        match self {
            ApiError::Status(s) => s.error_code.as_deref(),
            _ => None,
        }
    }
}
