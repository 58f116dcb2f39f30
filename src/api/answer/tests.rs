//! Reading answers: bodies of any shape parse or fail cleanly, and error answers of every
//! shape the cloud sends say what support needs (and never a space password).

use super::*;
use crate::api::model::RemoteAssistance;

fn answer(status: u16, body: Vec<u8>) -> Answer {
    Answer {
        status,
        request_id: None,
        retry_after: None,
        subject_token: None,
        body,
    }
}

proptest::proptest! {
    #[test]
    fn no_body_makes_response_parsing_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
        let _ = parse::<RemoteAssistance>(&answer(200, body.clone()));
        let _ = into_success(answer(502, body));
    }

    #[test]
    fn json_objects_of_any_shape_parse_or_fail_cleanly(json in r#"\{("[a-z_]{1,20}": ("[^"\\]{0,10}"|[0-9]{1,3}|null|true|\[\]|\{\}),?){0,6}\}"#) {
        let _ = parse::<RemoteAssistance>(&answer(200, json.into_bytes()));
    }

}

#[test]
fn quoted_bodies_never_carry_the_space_password() {
    let body = br#"{"share_space_passwd":"TopSecretPw","status":1}"#.to_vec();
    let err = parse::<RemoteAssistance>(&answer(200, body.clone())).unwrap_err();
    assert!(err.to_string().contains("share_space_passwd"), "{err}");
    assert!(!err.to_string().contains("TopSecretPw"), "{err}");
    let err = into_success(answer(500, body)).err().unwrap();
    assert!(!err.to_string().contains("TopSecretPw"), "{err}");
}

#[test]
fn iam_error_bodies_are_understood() {
    let body = br#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#;
    let err = into_success(answer(401, body.to_vec())).err().unwrap();
    assert_eq!(err.error_code(), Some("401"));
    assert!(
        err.to_string()
            .contains("The username or password is wrong."),
        "{err}"
    );
}

/// The error text of an answer with this status, request-id header and body.
fn error_text(status: u16, request_id: Option<&str>, body: &str) -> String {
    let answer = Answer {
        request_id: request_id.map(str::to_string),
        ..answer(status, body.as_bytes().to_vec())
    };
    into_success(answer).err().unwrap().to_string()
}

#[test]
fn error_shape_error_code_and_error_msg() {
    assert_eq!(
        error_text(
            400,
            Some("req-1"),
            r#"{"error_code":"WKS.0001","error_msg":"request message empty"}"#
        ),
        "HTTP 400 Bad Request, WKS.0001: request message empty (request id req-1)"
    );
}

#[test]
fn error_shape_camel_case() {
    assert_eq!(
        error_text(
            400,
            Some("req-2"),
            r#"{"errorCode":"WKS.0002","errorMsg":"bad desktop"}"#
        ),
        "HTTP 400 Bad Request, WKS.0002: bad desktop (request id req-2)"
    );
}

#[test]
fn error_shape_code_and_message() {
    assert_eq!(
        error_text(
            404,
            Some("req-3"),
            r#"{"code":"WKS.0404","message":"desktop not found"}"#
        ),
        "HTTP 404 Not Found, WKS.0404: desktop not found (request id req-3)"
    );
}

#[test]
fn error_shape_nested_like_iam() {
    assert_eq!(
        error_text(
            401,
            Some("trace-4"),
            r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#
        ),
        "HTTP 401 Unauthorized, 401: The username or password is wrong. (request id trace-4)"
    );
}

#[test]
fn error_shape_gateway_with_the_request_id_in_the_body() {
    assert_eq!(
        error_text(
            401,
            None,
            r#"{"error_msg":"verify aksk signature fail","error_code":"APIGW.0301","request_id":"body-5"}"#
        ),
        "HTTP 401 Unauthorized, APIGW.0301: verify aksk signature fail (request id body-5)"
    );
}

#[test]
fn error_shape_403_with_an_encoded_authorization_message() {
    let encoded = "EAAAAElWb2xkRW5jb2RlZEF1dGhvcml6YXRpb25NZXNzYWdl".repeat(4);
    assert_eq!(
            error_text(403, Some("req-6"), &format!(r#"{{"error_code":"WKS.0403","error_msg":"Policy doesn't allow workspace:desktops:createRemoteAssistance","encoded_authorization_message":"{encoded}"}}"#)),
            format!("HTTP 403 Forbidden, WKS.0403: Policy doesn't allow workspace:desktops:createRemoteAssistance (request id req-6); encoded authorization message EAAAAElWb2xkRW5jb2RlZEF1… ({} characters)", encoded.len())
        );
}

#[test]
fn an_empty_request_id_is_never_printed() {
    assert_eq!(
        error_text(
            500,
            Some(" "),
            r#"{"error_code":"WKS.0500","error_msg":"boom","request_id":""}"#
        ),
        "HTTP 500 Internal Server Error, WKS.0500: boom"
    );
    assert_eq!(
        error_text(502, None, "<html>bad gateway</html>"),
        "HTTP 502 Bad Gateway: body: \"<html>bad gateway</html>\""
    );
}
