//! Reading an error answer's body the way the official SDK does (docs/WORKSPACE-API.md §7):
//! every code/message shape it knows, nested ones too, and the encoded authorization message.

use serde_json::{Map, Value};

/// The (code, message) key pairs the SDK tries, in its order; both keys must be present.
const PAIRS: [(&str, &str); 3] = [
    ("error_code", "error_msg"),
    ("errorCode", "errorMsg"),
    ("code", "message"),
];

/// What an error body says, whatever its shape.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    pub code: Option<String>,
    pub message: Option<String>,
    pub detail: Option<String>,
    /// The API gateway's `request_id` in the body.
    pub request_id: Option<String>,
    /// A 403's `encoded_authorization_message`, for STS decode-authorization-message.
    pub encoded_authorization_message: Option<String>,
}

/// `None` when the body is not a JSON object or has no code/message pair anywhere.
pub fn read(body: &[u8]) -> Option<ErrorBody> {
    let Ok(Value::Object(top)) = serde_json::from_slice::<Value>(body) else {
        return None;
    };
    let (code, message, holder) = find_pair(&top)?;
    Some(ErrorBody {
        code: text(code),
        message: text(message),
        detail: holder.get("error_detail").and_then(text),
        request_id: top.get("request_id").and_then(text),
        encoded_authorization_message: top.get("encoded_authorization_message").and_then(text),
    })
}

/// The first pair at this level, else the first found in a nested object (depth first, in
/// the body's order), with the object that holds it.
fn find_pair(object: &Map<String, Value>) -> Option<(&Value, &Value, &Map<String, Value>)> {
    let here = PAIRS
        .iter()
        .find_map(|(c, m)| Some((object.get(*c)?, object.get(*m)?, object)));
    here.or_else(|| {
        object.values().find_map(|v| match v {
            Value::Object(inner) => find_pair(inner),
            _ => None,
        })
    })
}

/// A value as text: a string as it is, a number or a bool written out; empty and null are none.
fn text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Null => return None,
        other => other.to_string(),
    };
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(body: &str) -> ErrorBody {
        read(body.as_bytes()).unwrap()
    }

    #[test]
    fn each_shape_the_sdk_knows() {
        let b = of(
            r#"{"error_code":"WKS.0001","error_msg":"empty","error_detail":"d","request_id":"r1"}"#,
        );
        assert_eq!(
            (b.code.as_deref(), b.message.as_deref()),
            (Some("WKS.0001"), Some("empty"))
        );
        assert_eq!(
            (b.detail.as_deref(), b.request_id.as_deref()),
            (Some("d"), Some("r1"))
        );
        let b = of(r#"{"errorCode":"WKS.0002","errorMsg":"camel"}"#);
        assert_eq!(
            (b.code.as_deref(), b.message.as_deref()),
            (Some("WKS.0002"), Some("camel"))
        );
        let b = of(r#"{"code":"WKS.0404","message":"plain"}"#);
        assert_eq!(
            (b.code.as_deref(), b.message.as_deref()),
            (Some("WKS.0404"), Some("plain"))
        );
        let b = of(r#"{"error":{"code":401,"message":"wrong password","title":"Unauthorized"}}"#);
        assert_eq!(
            (b.code.as_deref(), b.message.as_deref()),
            (Some("401"), Some("wrong password"))
        );
        let b = of(r#"{"outer":{"inner":{"errorCode":"X.1","errorMsg":"deep"}}}"#);
        assert_eq!(
            (b.code.as_deref(), b.message.as_deref()),
            (Some("X.1"), Some("deep"))
        );
    }

    #[test]
    fn a_pair_needs_both_keys_and_the_first_shape_wins() {
        assert_eq!(read(br#"{"error_code":"A"}"#), None);
        assert_eq!(read(br#"{"message":"only"}"#), None);
        assert_eq!(read(b"[1]"), None);
        assert_eq!(read(b"<html>"), None);
        let b = of(r#"{"code":"C","message":"m","error_code":"E","error_msg":"e"}"#);
        assert_eq!(b.code.as_deref(), Some("E"));
    }

    #[test]
    fn the_encoded_authorization_message_is_kept() {
        let b = of(
            r#"{"error_code":"WKS.0403","error_msg":"denied","encoded_authorization_message":"abc"}"#,
        );
        assert_eq!(b.encoded_authorization_message.as_deref(), Some("abc"));
    }
}
