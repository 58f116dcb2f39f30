//! The gateway's side of SDK-HMAC-SHA256: the signature a request should carry, rebuilt from
//! the request exactly as it arrived.
//!
//! Written apart from the client's signer on purpose (no shared code): a canonicalisation bug
//! on one side then shows as a refused request instead of hiding on both. The official SDK's
//! vectors (`tests/signing-vectors.txt`) pin this file and the client's signer separately.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// `X-Sdk-Date`'s layout, always UTC.
pub const DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// A request as the server received it.
pub struct Received<'a> {
    pub method: &'a str,
    /// The raw path of the request line, still percent-encoded.
    pub path: &'a str,
    /// The raw query of the request line (no `?`), still percent-encoded.
    pub query: &'a str,
    /// Every received header, names in any case.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// The parts of an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
#[derive(Debug, PartialEq, Eq)]
pub struct Claimed {
    pub access: String,
    pub signed_headers: String,
    pub signature: String,
}

/// Reads an Authorization header; `None` for another scheme or a malformed one.
pub fn parse_authorization(value: &str) -> Option<Claimed> {
    let fields = value.strip_prefix(ALGORITHM)?.trim_start();
    let mut found = [None, None, None];
    for field in fields.split(',') {
        let (key, val) = field.trim().split_once('=')?;
        let slot = ["Access", "SignedHeaders", "Signature"]
            .iter()
            .position(|k| *k == key)?;
        found[slot] = Some(val.to_string());
    }
    let [access, signed_headers, signature] = found;
    Some(Claimed {
        access: access?,
        signed_headers: signed_headers?,
        signature: signature?,
    })
}

/// An Authorization header fit for a log: everything but the signature.
pub fn redact_authorization(value: &str) -> String {
    match value.split_once("Signature=") {
        Some((kept, _)) => format!("{kept}Signature=(redacted)"),
        None => "(redacted)".to_string(),
    }
}

/// Reads an `X-Sdk-Date`; `None` unless it is exactly `YYYYMMDDTHHMMSSZ`.
pub fn parse_sdk_date(value: &str) -> Option<jiff::Timestamp> {
    let civil = jiff::civil::DateTime::strptime(DATE_FORMAT, value).ok()?;
    civil
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// The canonical request the SDK would have built for what was received, over the headers
/// the client claims to have signed.
pub fn canonical_request(req: &Received<'_>, signed_headers: &str) -> String {
    let mut lines = vec![
        req.method.to_string(),
        canonical_path(req.path),
        canonical_query(req.query),
    ];
    for name in signed_headers.split(';').filter(|n| !n.is_empty()) {
        lines.push(format!("{name}:{}", header(req.headers, name)));
    }
    lines.push(String::new());
    lines.push(signed_headers.to_string());
    lines.push(sha256_hex(req.body));
    lines.join("\n")
}

/// The hex signature the client should have sent.
pub fn expected_signature(sk: &str, req: &Received<'_>, signed_headers: &str) -> String {
    let date = header(req.headers, "x-sdk-date");
    let to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        sha256_hex(canonical_request(req, signed_headers).as_bytes())
    );
    hmac_hex(sk.as_bytes(), to_sign.as_bytes())
}

/// The Authorization header a correct client sends for `req`, signing the given headers.
/// Used by the simulator's own tests to play a client.
pub fn authorization(ak: &str, sk: &str, req: &Received<'_>, signed_headers: &str) -> String {
    let signature = expected_signature(sk, req, signed_headers);
    format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}")
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_hex(key: &[u8], data: &[u8]) -> String {
    match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; an impossible failure must still never verify.
        Err(_) => String::new(),
    }
}

/// The first received value of a header, trimmed; empty when it is absent.
fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map_or("", |(_, v)| v.trim())
}

/// The SDK unquotes the whole path, cuts it at every `/`, quotes each piece again and makes
/// sure it ends with `/`.
fn canonical_path(raw: &str) -> String {
    let unquoted = unquote(raw);
    let mut path: Vec<String> = unquoted.split('/').map(quote).collect();
    if path.last().is_none_or(|last| !last.is_empty()) {
        path.push(String::new());
    }
    path.join("/")
}

/// A raw query as pairs: cut at `&` and `=`, unquoted, a `+` kept as a `+` (as the SDK signs).
pub fn query_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unquote(k), unquote(v))
        })
        .collect()
}

/// Query pairs sorted by key then value, quoted again.
fn canonical_query(raw: &str) -> String {
    let mut pairs = query_pairs(raw);
    pairs.sort();
    let quoted: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", quote(k), quote(v)))
        .collect();
    quoted.join("&")
}

/// Python's `quote(s, safe='~')`: every byte but `A-Z a-z 0-9 - _ . ~` as `%XX`, uppercase.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Python's `unquote`: `%XX` back to bytes (a malformed escape stays as it is), then UTF-8
/// with replacement characters.
pub fn unquote(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (other, _) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod vectors {
    //! The official SDK's vectors, replayed as the gateway receives them.
    use super::*;

    const VECTORS: &str = include_str!("../../tests/signing-vectors.txt");

    /// The text between `start` and the next `end` after it.
    fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
        let from = text.find(start).map(|i| i + start.len()).expect(start);
        let len = text[from..].find(end).expect(end);
        &text[from..from + len]
    }

    fn line_after<'a>(block: &'a str, prefix: &str) -> &'a str {
        block
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no line {prefix}"))
            .trim()
    }

    /// Checks one vector: the request as it arrives (the URI sent, the headers sent) must
    /// rebuild the SDK's canonical request and verify its Authorization.
    fn check(block: &str) {
        let title = block.lines().next().unwrap();
        let method = line_after(block, "INPUT:").split(' ').next().unwrap();
        let uri = between(block, "--- request URI sent ---\n", "\n");
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let headers: Vec<(String, String)> = between(block, "in SDK order) ---\n", "---")
            .lines()
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let sent = between(block, "--- Authorization ---\n", "\n");
        let claimed = parse_authorization(sent).expect(title);
        let received = Received {
            method,
            path,
            query,
            headers: &headers,
            body: b"",
        };
        let canonical = between(block, ">>>\n", "\n<<<");
        assert_eq!(
            canonical_request(&received, &claimed.signed_headers),
            canonical,
            "{title}"
        );
        let sk = line_after(block, "SK:");
        assert_eq!(
            expected_signature(sk, &received, &claimed.signed_headers),
            claimed.signature,
            "{title}"
        );
        assert_eq!(
            authorization(&claimed.access, sk, &received, &claimed.signed_headers),
            sent,
            "{title}"
        );
    }

    #[test]
    fn every_sdk_vector_verifies() {
        let blocks: Vec<&str> = VECTORS.split("VECTOR ").skip(1).collect();
        assert_eq!(blocks.len(), 7);
        for block in blocks {
            check(block);
        }
    }

    #[test]
    fn a_changed_byte_fails_verification() {
        let headers = vec![("X-Sdk-Date".to_string(), "20250714T120000Z".to_string())];
        let req = |path| Received {
            method: "GET",
            path,
            query: "a=1",
            headers: &headers,
            body: b"",
        };
        let good = expected_signature("sk", &req("/v2/p/x"), "x-sdk-date");
        assert_ne!(
            expected_signature("sk", &req("/v2/p/y"), "x-sdk-date"),
            good
        );
        assert_ne!(
            expected_signature("sk2", &req("/v2/p/x"), "x-sdk-date"),
            good
        );
    }

    #[test]
    fn quoting_follows_python() {
        assert_eq!(quote("a b/é~"), "a%20b%2F%C3%A9~");
        assert_eq!(unquote("a%2Fb%zz%4"), "a/b%zz%4");
        assert_eq!(canonical_path("/v2/a%2Fb"), "/v2/a/b/");
        assert_eq!(canonical_path("/v2/x/"), "/v2/x/");
        assert_eq!(canonical_query("b=2&a=%20+&a=1"), "a=%20%2B&a=1&b=2");
    }

    #[test]
    fn headers_parse_and_redact() {
        let value = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=abc";
        let claimed = parse_authorization(value).unwrap();
        assert_eq!(claimed.access, "AK");
        assert_eq!(claimed.signed_headers, "host;x-sdk-date");
        assert_eq!(parse_authorization("Basic abc"), None);
        assert_eq!(parse_authorization("SDK-HMAC-SHA256 Access=AK"), None);
        assert_eq!(
            redact_authorization(value),
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=(redacted)"
        );
        assert_eq!(
            parse_sdk_date("20250714T120000Z").unwrap().to_string(),
            "2025-07-14T12:00:00Z"
        );
        assert_eq!(parse_sdk_date("2025-07-14"), None);
    }
}
