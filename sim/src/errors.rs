//! The simulator's answers as HTTP responses: JSON bodies, Workspace error bodies, API Gateway
//! error bodies, and the error codes that are the simulator's own (`SIM.*`).

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Serialize;

/// The request id of the request being answered (also sent as `X-Request-Id`).
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

// Codes the API reference does not give. They say "simulator" on purpose: the real codes for
// these cases are unknown and must not be guessed.
pub const SIM_BAD_PARAMETER: &str = "SIM.0400";
/// No such desktop, or no record: one code, as nothing says the cloud tells them apart.
pub const SIM_NOT_FOUND: &str = "SIM.0404";
pub const SIM_METHOD_NOT_ALLOWED: &str = "SIM.0405";
pub const SIM_PROJECT_NOT_FOUND: &str = "SIM.0410";
pub const SIM_NO_ACTIVE_ASSISTANCE: &str = "SIM.0412";
pub const SIM_INTERNAL: &str = "SIM.0500";
pub const SIM_UNAVAILABLE: &str = "SIM.0503";

pub const CONTENT_JSON: &str = "application/json;charset=UTF-8";

/// A response with a JSON body.
pub fn json(status: StatusCode, value: &impl Serialize) -> Response {
    // Our own types always serialize; an empty body would still be an honest answer.
    raw(
        status,
        CONTENT_JSON,
        serde_json::to_vec(value).unwrap_or_default(),
    )
}

/// A response with the given content type and body bytes.
pub fn raw(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut resp = Response::new(body.into());
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

/// A Workspace service error: `{"error_code":…,"error_msg":…}`.
pub fn workspace(status: StatusCode, code: &str, msg: impl Into<String>) -> Response {
    json(
        status,
        &serde_json::json!({ "error_code": code, "error_msg": msg.into() }),
    )
}

/// An API Gateway error: like a Workspace error plus `request_id`.
pub fn gateway(status: StatusCode, code: &str, msg: &str, id: &RequestId) -> Response {
    json(
        status,
        &serde_json::json!({ "error_msg": msg, "error_code": code, "request_id": id.0 }),
    )
}

/// 204 with no body and no content type.
pub fn no_content() -> Response {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    resp
}
