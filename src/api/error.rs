//! `ApiError`: everything that can go wrong talking to the cloud, with what support needs.

use std::fmt;

use crate::exit::Code;
use crate::text::{sanitize, snippet};

/// An error answer from the service or the API gateway, with everything support needs.
#[derive(Debug, Clone, Default)]
pub struct StatusError {
    pub status: u16,
    pub error_code: Option<String>,
    pub error_msg: Option<String>,
    pub error_detail: Option<String>,
    pub request_id: Option<String>,
    /// The server's `Retry-After`, for callers that pace themselves (watch).
    pub retry_after: Option<std::time::Duration>,
}

/// Why a request failed below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetKind {
    Connect,
    Timeout,
    Tls,
    Body,
    Other,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Status(Box<StatusError>),
    #[error("the server answered HTTP {status} with a body that is not the expected JSON ({reason}){}; body: \"{body}\"", request_id_suffix(.request_id))]
    Malformed {
        status: u16,
        reason: String,
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
    #[error("the server answered HTTP {status} redirecting to {location}; assist never follows redirects, so that credentials cannot reach another host")]
    Redirect { status: u16, location: String },
    #[error("{kind_text} {url}: {detail}", kind_text = net_text(*.kind))]
    Network {
        kind: NetKind,
        url: String,
        detail: String,
    },
}

fn request_id_suffix(id: &Option<String>) -> String {
    id.as_deref()
        .map(|id| format!(" (request id {})", sanitize(id)))
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
        write!(f, "HTTP {}", self.status)?;
        if let Some(reason) = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            write!(f, " {reason}")?;
        }
        if let Some(code) = &self.error_code {
            write!(f, ", {}", sanitize(code))?;
        }
        if let Some(msg) = &self.error_msg {
            write!(f, ": {}", sanitize(msg))?;
        }
        if let Some(detail) = &self.error_detail {
            write!(f, " ({})", snippet(detail, 300))?;
        }
        f.write_str(&request_id_suffix(&self.request_id))
    }
}

impl ApiError {
    pub fn exit_code(&self) -> Code {
        match self {
            ApiError::Status(s) if s.status == 401 || s.status == 403 => Code::Auth,
            ApiError::Status(s) if s.status == 404 => Code::NotFound,
            ApiError::Network { .. } => Code::Network,
            ApiError::InvalidPath(_) => Code::Usage,
            _ => Code::Api,
        }
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

    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            ApiError::Status(s) => s.retry_after,
            _ => None,
        }
    }

    /// The HTTP status, when the server answered at all.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status(s) => Some(s.status),
            ApiError::Malformed { status, .. }
            | ApiError::TooLarge { status, .. }
            | ApiError::Redirect { status, .. } => Some(*status),
            ApiError::Network { .. } | ApiError::InvalidPath(_) => None,
        }
    }

    pub fn error_code(&self) -> Option<&str> {
        match self {
            ApiError::Status(s) => s.error_code.as_deref(),
            _ => None,
        }
    }

    /// What the user can do next.
    pub fn hint(&self) -> Option<String> {
        let code = self.error_code().unwrap_or("");
        let text = match (self, self.status()) {
            (_, Some(401)) if code.ends_with(".0303") => {
                "the request's clock is more than 15 minutes off the cloud's: fix this machine's time (e.g. `timedatectl set-ntp true`)"
            }
            (_, Some(401)) => {
                "the cloud rejected the credentials: check those of the profile in use (ak/sk, token, or user/domain/password_command); `assist config check` names the failing step; after five bad AK/SK signatures in a row the AK is locked for 5 minutes"
            }
            (_, Some(403)) => {
                "the credentials are valid but lack permission: the IAM user needs workspace:desktops:getRemoteAssistance (read) or create/cancelRemoteAssistance (write)"
            }
            (_, Some(404)) => {
                "check the desktop ID and the project (`--project-id`); `assist desktops` lists the desktops of the project"
            }
            (_, Some(429)) => "the API gateway is throttling: wait a few seconds and try again",
            (ApiError::Status(_), Some(s)) if s >= 500 => {
                "the service failed: try again later; give the request id to support if it persists"
            }
            (ApiError::Malformed { .. } | ApiError::TooLarge { .. }, _) => {
                "the endpoint did not answer like Workspace: check `--endpoint`/`endpoint` and any proxy in between"
            }
            (ApiError::Network { kind: NetKind::Timeout, .. }, _) => {
                "the endpoint is slow or unreachable: check the network, or raise --timeout / --connect-timeout"
            }
            (ApiError::Network { kind: NetKind::Tls, .. }, _) => {
                "the server's certificate is not trusted: check the endpoint's address; a corporate proxy may need its root certificate"
            }
            (ApiError::Network { .. }, _) => {
                "check the endpoint (region, `--endpoint`) and the network; for the simulator, check that `assist sim` is running"
            }
            _ => return None,
        };
        Some(text.to_string())
    }
}
