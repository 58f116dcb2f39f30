//! Authentication as the API Gateway does it: an `X-Auth-Token`, or an SDK-HMAC-SHA256
//! signature recomputed from the request exactly as it was received.

use super::errors::{self, RequestId};
use super::iam::Tokens;
use super::secret::Secret;
use super::verify::{self, Received};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;

/// The gateway rejects an `X-Sdk-Date` further than this from its clock.
const MAX_SKEW_SECONDS: i64 = 15 * 60;

/// The credentials the simulator accepts.
#[derive(Debug)]
pub struct Credentials {
    pub ak: String,
    pub sk: Secret,
    pub token: Secret,
    pub temporary: Temporary,
    /// Tokens issued by the simulator's IAM, accepted like `token` while they last.
    pub issued: Tokens,
}

/// Temporary AK/SK: they sign only together with their security token.
#[derive(Debug)]
pub struct Temporary {
    pub ak: String,
    pub sk: Secret,
    pub security_token: Secret,
}

/// Why a request was refused; each maps to the gateway's answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Denied {
    NoCredentials,
    BadToken,
    BadSignature,
    BadSecurityToken,
    Expired,
}

impl Denied {
    pub fn response(&self, id: &RequestId) -> Response {
        let (code, msg) = match self {
            Denied::NoCredentials => (
                "APIGW.0301",
                "Incorrect IAM authentication information: x-auth-token not found",
            ),
            Denied::BadToken => (
                "APIGW.0301",
                "Incorrect IAM authentication information: decrypt token fail",
            ),
            Denied::BadSignature => (
                "APIGW.0301",
                "Incorrect IAM authentication information: verify aksk signature fail",
            ),
            Denied::BadSecurityToken => (
                "APIGW.0301",
                "Incorrect IAM authentication information: invalid or missing security token",
            ),
            Denied::Expired => (
                "APIGW.0303",
                "Incorrect IAM authentication information: signature expired",
            ),
        };
        errors::gateway(StatusCode::UNAUTHORIZED, code, msg, id)
    }
}

/// Who an accepted request came from: `ak:` and the AK, or `token:` and a digest of the
/// token (the flow control keys its per-credential buckets on it; the token itself is not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller(pub String);

impl Caller {
    fn token(token: &[u8]) -> Caller {
        use sha2::Digest;
        Caller(format!(
            "token:{}",
            hex::encode(sha2::Sha256::digest(token))
        ))
    }
}

/// Checks the credentials of a request whose whole body is `body`; says who sent it.
pub fn check(
    creds: &Credentials,
    parts: &Parts,
    body: &[u8],
    now: jiff::Timestamp,
) -> Result<Caller, Denied> {
    if let Some(token) = parts.headers.get("x-auth-token") {
        let fixed = constant_time_eq(token.as_bytes(), creds.token.expose().as_bytes());
        // An expired or revoked token is refused like a wrong one: the real gateway's code
        // for that case is not known, and clients treat every 401 alike.
        return match fixed || creds.issued.is_valid(token.as_bytes()) {
            true => Ok(Caller::token(token.as_bytes())),
            false => Err(Denied::BadToken),
        };
    }
    let Some(authorization) = parts.headers.get("authorization") else {
        return Err(Denied::NoCredentials);
    };
    let parsed = authorization
        .to_str()
        .ok()
        .and_then(verify::parse_authorization)
        .ok_or(Denied::BadSignature)?;
    check_date(parts, now)?;
    let sk = secret_key(creds, parts, &parsed.access)?;
    let expected = expected_signature(sk, parts, body, &parsed.signed_headers);
    match constant_time_eq(expected.as_bytes(), parsed.signature.as_bytes()) {
        true => Ok(Caller(format!("ak:{}", parsed.access))),
        false => Err(Denied::BadSignature),
    }
}

/// The SK that signs for `access`: a permanent AK signs without a security token, a
/// temporary one only with its own token (an unknown or missing one is refused).
fn secret_key<'a>(
    creds: &'a Credentials,
    parts: &Parts,
    access: &str,
) -> Result<&'a Secret, Denied> {
    let token = parts.headers.get("x-security-token").map(|t| t.as_bytes());
    let temporary = &creds.temporary;
    match token {
        _ if access != creds.ak && access != temporary.ak => Err(Denied::BadSignature),
        None if access == creds.ak => Ok(&creds.sk),
        Some(t)
            if access == temporary.ak
                && constant_time_eq(t, temporary.security_token.expose().as_bytes()) =>
        {
            Ok(&temporary.sk)
        }
        _ => Err(Denied::BadSecurityToken),
    }
}

fn check_date(parts: &Parts, now: jiff::Timestamp) -> Result<(), Denied> {
    let date = parts
        .headers
        .get("x-sdk-date")
        .and_then(|v| v.to_str().ok())
        .and_then(verify::parse_sdk_date)
        .ok_or(Denied::Expired)?;
    let skew = now.as_second().saturating_sub(date.as_second()).abs();
    if skew > MAX_SKEW_SECONDS {
        return Err(Denied::Expired);
    }
    Ok(())
}

/// The signature the client should have sent, from what the server received: the raw path
/// and query of the request line and the received values of the headers it says it signed.
fn expected_signature(sk: &Secret, parts: &Parts, body: &[u8], signed: &str) -> String {
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| (name.to_string(), lossy(value.as_bytes())))
        .collect();
    let received = Received {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        headers: &headers,
        body,
    };
    verify::expected_signature(sk.expose(), &received, signed)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Equality whose time does not depend on where the inputs differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
