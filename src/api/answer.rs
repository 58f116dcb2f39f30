//! A complete answer as it came (`Answer`), what a call hands back of it (`Answered`), and
//! reading one into a model or an `ApiError`.

use std::time::Duration;

use serde::de::DeserializeOwned;

use super::error::{ApiError, StatusError};
use crate::messages::{msg, Message};
use crate::secret::Secret;

/// A complete answer, read within the size limit.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) request_id: Option<String>,
    pub(super) retry_after: Option<Duration>,
    /// IAM's `X-Subject-Token`: the token itself travels in a header, never in the body.
    pub(super) subject_token: Option<Secret>,
    pub(super) body: Vec<u8>,
}

/// What a call learnt: the answer's HTTP status and request id (for the audit log) with what
/// it said. Handed back with the answer itself, so that no caller asks the client afterwards
/// what the last answer was (another thread may have had one since).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered<T> {
    pub status: u16,
    pub request_id: Option<String>,
    pub value: T,
}

impl Answer {
    /// This answer's status and request id, with `value`.
    pub(super) fn answered<T>(&self, value: T) -> Answered<T> {
        Answered {
            status: self.status,
            request_id: self.request_id.clone(),
            value,
        }
    }
}

/// A 2xx answer passes; anything else becomes a `Status` error with what the body says.
pub(super) fn into_success(answer: Answer) -> Result<Answer, ApiError> {
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
    let malformed = |reason: Message| ApiError::Malformed {
        status: answer.status,
        reason,
        body: super::excerpt::excerpt(&answer.body),
        request_id: answer.request_id.clone(),
    };
    // Every Workspace answer is an object; serde would also accept an array for a struct.
    match answer.body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(malformed(msg!("api-why-empty"))),
        Some(b'{') => {}
        Some(_) => return Err(malformed(msg!("api-why-not-object"))),
    }
    // The JSON parser's own words, as it says them.
    serde_json::from_slice(&answer.body).map_err(|e| malformed(msg!("as-is", text = e)))
}

#[cfg(test)]
mod tests;
