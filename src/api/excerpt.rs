//! Quoting a server's body in a message: secret-looking fields masked, cut, and escaped.

use crate::domain::MASK;
use crate::text::snippet;

/// Fields whose values must never be quoted, whatever the shape of the rest of the body.
const SECRET_FIELDS: &[&str] = &[
    "share_space_passwd",
    "password",
    "passwd",
    "token",
    "security_token",
    "sk",
    "secret",
];

/// The first 200 characters of a body, safe to print.
pub fn excerpt(body: &[u8]) -> String {
    snippet(&mask_secrets(&String::from_utf8_lossy(body)), 200)
}

/// Replaces the string value of every `"<secret field>": "…"` with a mask. Works on broken
/// and truncated JSON too: it only looks for the key and the string that follows it.
fn mask_secrets(text: &str) -> String {
    let mut out = text.to_string();
    for field in SECRET_FIELDS {
        out = mask_field(&out, field);
    }
    out
}

fn mask_field(text: &str, field: &str) -> String {
    let key = format!("\"{field}\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&key) {
        let after_key = at + key.len();
        out.push_str(&rest[..after_key]);
        rest = &rest[after_key..];
        let Some(value_at) = string_value_start(rest) else {
            continue;
        };
        out.push_str(&rest[..value_at]);
        out.push_str(MASK);
        rest = skip_string(&rest[value_at..]);
    }
    out.push_str(rest);
    out
}

/// Where the opening quote of a string value starts after `: `, if one follows.
fn string_value_start(s: &str) -> Option<usize> {
    let colon = s.len() - s.trim_start().len();
    let after_colon = s[colon..].strip_prefix(':')?;
    let ws = after_colon.len() - after_colon.trim_start().len();
    let at = colon + 1 + ws;
    s[at..].starts_with('"').then_some(at)
}

/// What follows a JSON string (with its quotes), or nothing when it never closes.
fn skip_string(s: &str) -> &str {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return &s[i + 1..],
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn secret_values_are_masked_in_whole_and_broken_json() {
        assert_eq!(
            mask_secrets(r#"{"share_space_passwd": "Top\"Secret", "status": 1}"#),
            r#"{"share_space_passwd": ********, "status": 1}"#
        );
        assert_eq!(mask_secrets(r#"{"token":"abc"#), r#"{"token":********"#);
        assert_eq!(
            mask_secrets(r#"{"password": null, "sk": 5}"#),
            r#"{"password": null, "sk": 5}"#
        );
        assert_eq!(mask_secrets("<html>token</html>"), "<html>token</html>");
    }

    proptest! {
        #[test]
        fn a_quoted_secret_never_survives(secret in "[A-Za-z0-9!@#]{6,20}", before in "\\PC{0,30}", after in "\\PC{0,30}") {
            let body = format!("{before}{{\"share_space_passwd\":\"{secret}\"{after}");
            prop_assert!(!excerpt(body.as_bytes()).contains(&secret) || before.contains(&secret) || after.contains(&secret));
        }
    }
}
