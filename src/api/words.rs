//! What an `ApiError` says to a person, in the catalogue's words: in English the same text as
//! its `Display` (a test keeps the two the same), in the run's language at the edge. The
//! server's answer (status, error code, its message), URLs and request ids stay as they came.

use super::error::request_id;
use super::error::StatusError;
use super::{ApiError, NetKind};
use crate::messages::{msg, Message};

impl ApiError {
    /// The error in the catalogue's words.
    pub fn message(&self) -> Message {
        match self {
            ApiError::Status(s) => s.message(),
            ApiError::Malformed {
                status,
                reason,
                body,
                request_id: id,
            } => {
                let id_at = request_id(id);
                let m = Message::new(match id_at {
                    Some(_) => "err-api-malformed-request",
                    None => "err-api-malformed",
                });
                let m = m.arg("status", status).quote("reason", reason.clone());
                with_request(m, id_at).arg("body", body)
            }
            ApiError::TooLarge {
                status,
                limit,
                request_id: id,
            } => {
                let id_at = request_id(id);
                let m = Message::new(match id_at {
                    Some(_) => "err-api-too-large-request",
                    None => "err-api-too-large",
                });
                with_request(m.arg("status", status).arg("limit", limit), id_at)
            }
            ApiError::InvalidPath(segments) => {
                msg!("err-api-invalid-path", segments = segments)
            }
            ApiError::Redirect { status, location } => {
                let said = msg!("err-api-redirect", status = status);
                match location {
                    Some(location) => said.arg("location", location),
                    None => said.quote("location", msg!("api-relative-location")),
                }
            }
            ApiError::Network { kind, url, detail } => Message::new(network_id(*kind))
                .arg("url", url)
                .arg("detail", detail),
        }
    }
}

fn with_request(message: Message, id: Option<String>) -> Message {
    match id {
        Some(id) => message.arg("request", id),
        None => message,
    }
}

fn network_id(kind: NetKind) -> &'static str {
    match kind {
        NetKind::Connect => "err-api-connect",
        NetKind::Timeout => "err-api-timeout",
        NetKind::Tls => "err-api-tls",
        NetKind::Body => "err-api-body",
        NetKind::Other => "err-api-other",
    }
}

impl StatusError {
    /// The answer as data, with the request id and the encoded authorization message (a
    /// 403's) said around it.
    fn message(&self) -> Message {
        let id_at = request_id(&self.request_id);
        let encoded = self.encoded_shown();
        let id = match (&id_at, &encoded) {
            (None, None) => "err-api-status",
            (Some(_), None) => "err-api-status-request",
            (None, Some(_)) => "err-api-status-encoded",
            (Some(_), Some(_)) => "err-api-status-request-encoded",
        };
        let m = with_request(Message::new(id).arg("answer", self.answer()), id_at);
        match encoded {
            Some((shown, count)) => m.arg("shown", shown).arg("count", count),
            None => m,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn status(request_id: Option<&str>, encoded: Option<&str>) -> ApiError {
        ApiError::Status(Box::new(StatusError {
            status: 403,
            error_code: Some("APIGW.0302".into()),
            error_msg: Some("The IAM user is forbidden \u{1b}[31m".into()),
            error_detail: Some("detail".into()),
            request_id: request_id.map(str::to_owned),
            encoded_authorization_message: encoded.map(str::to_owned),
            ..StatusError::default()
        }))
    }

    /// In English an error says what its `Display` says, byte for byte: the edge shows the
    /// catalogue's words, the logs and the audit log keep the error's text.
    #[test]
    fn the_english_words_are_the_display_text() {
        let long = "AQoDYXdzEJr".repeat(10);
        let mut errors = vec![
            status(None, None),
            status(Some("req-1"), None),
            status(None, Some("AQoD")),
            status(Some(" req-2 "), Some(&long)),
            ApiError::InvalidPath("a/../b".into()),
            ApiError::Redirect {
                status: 302,
                location: Some("https://elsewhere.test/".into()),
            },
            ApiError::Redirect {
                status: 301,
                location: None,
            },
        ];
        for request_id in [None, Some("req-3".to_string())] {
            errors.push(ApiError::Malformed {
                status: 200,
                reason: msg!("as-is", text = "EOF while parsing"),
                body: "{\\\"a\\\"".into(),
                request_id: request_id.clone(),
            });
            errors.push(ApiError::TooLarge {
                status: 200,
                limit: 1048576,
                request_id,
            });
        }
        for kind in [
            NetKind::Connect,
            NetKind::Timeout,
            NetKind::Tls,
            NetKind::Body,
            NetKind::Other,
        ] {
            errors.push(ApiError::Network {
                kind,
                url: "http://127.0.0.1:1/v2/p".into(),
                detail: "tcp connect error: Connection refused (os error 111)".into(),
            });
        }
        for e in errors {
            let said = e.message();
            assert_eq!(
                said.render_in(Lang::En),
                crate::text::sanitize(&e.to_string()),
                "{}",
                said.id()
            );
            assert!(!said.render_in(Lang::Zh).is_empty());
        }
    }
}
