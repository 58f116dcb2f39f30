//! The SDK-HMAC-SHA256 request signature, byte for byte as the official Huawei Cloud SDKs compute it.
//!
//! The simulator verifies with its own code (`sim/src/verify.rs`), never with this file: the
//! official SDK's vectors pin both sides separately, so one canonicalisation bug cannot hide
//! on both.

use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// `X-Sdk-Date` layout, always UTC.
pub const DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - _ . ~`), like the
/// SDK's `quote(s, safe='~')`.
const SDK_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// What the signature covers of one request.
pub struct Canonical<'a> {
    pub method: &'a str,
    /// The path as it is sent on the request line (already percent-encoded).
    pub path: &'a str,
    /// Decoded query pairs, in any order.
    pub query: &'a [(String, String)],
    /// The headers to sign, names in any case. Names containing `_` are never signed.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// Percent-encodes with the SDK's rule (space → `%20`, UTF-8 bytes as uppercase `%XX`).
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, SDK_ENCODE).to_string()
}

/// The SDK decodes the whole path, splits it on `/`, re-encodes each piece and ends it with `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded.split('/').map(encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Pairs sorted by raw key then raw value, each side encoded, joined with `&`. A client sends
/// exactly this string as its query so that what is signed is what is sent.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The lowercased, sorted, `;`-joined names of the headers that are signed.
pub fn signed_headers(headers: &[(String, String)]) -> String {
    let mut names: Vec<String> = headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .filter(|n| !n.contains('_'))
        .collect();
    names.sort();
    names.dedup();
    names.join(";")
}

fn canonical_headers(headers: &[(String, String)], signed: &str) -> String {
    let mut out = String::new();
    for name in signed.split(';').filter(|n| !n.is_empty()) {
        let value = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .unwrap_or("");
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out
}

pub fn hex_sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// The canonical request for the headers named in `signed` (see [`signed_headers`]).
pub fn canonical_request(req: &Canonical<'_>, signed: &str) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method,
        canonical_uri(req.path),
        canonical_query(req.query),
        canonical_headers(req.headers, signed),
        signed,
        hex_sha256(req.body)
    )
}

pub fn string_to_sign(canonical_request: &str, sdk_date: &str) -> String {
    format!(
        "{ALGORITHM}\n{sdk_date}\n{}",
        hex_sha256(canonical_request.as_bytes())
    )
}

/// Hex HMAC-SHA256 of the string to sign, keyed with the SK bytes (no key derivation).
pub fn signature(sk: &str, string_to_sign: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(sk.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The `Authorization` header value for a request whose headers include `X-Sdk-Date: sdk_date`.
pub fn authorization(ak: &str, sk: &str, req: &Canonical<'_>, sdk_date: &str) -> String {
    let signed = signed_headers(req.headers);
    let sts = string_to_sign(&canonical_request(req, &signed), sdk_date);
    format!(
        "{ALGORITHM} Access={ak}, SignedHeaders={signed}, Signature={}",
        signature(sk, &sts)
    )
}

/// Replaces the `Signature=` value of an Authorization header, for logs.
pub fn redact_authorization(value: &str) -> String {
    match value.find("Signature=") {
        Some(i) => format!("{}Signature=(redacted)", &value[..i]),
        None => "(redacted)".to_string(),
    }
}

/// Current time as an `X-Sdk-Date` value.
pub fn sdk_date_now() -> String {
    jiff::Timestamp::now().strftime(DATE_FORMAT).to_string()
}

#[cfg(test)]
mod vectors {
    //! Every vector of `tests/signing-vectors.txt`, computed by the official SDK's own signer.
    use super::*;
    use reqwest::Url;

    const VECTORS: &str = include_str!("../../tests/signing-vectors.txt");

    struct Vector {
        title: String,
        method: String,
        url: Url,
        ak: String,
        sk: String,
        canonical: String,
        string_to_sign: String,
        headers: Vec<(String, String)>,
        uri_sent: String,
        authorization: String,
    }

    fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
        let from = text.find(start).map(|i| i + start.len()).expect(start);
        let len = text[from..].find(end).expect(end);
        &text[from..from + len]
    }

    fn after_line<'a>(block: &'a str, prefix: &str) -> &'a str {
        block
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no line {prefix}"))
            .trim()
    }

    fn parse(block: &str) -> Vector {
        let (method, url) = after_line(block, "INPUT:").split_once(' ').unwrap();
        let marked = block.split(">>>\n").skip(1).collect::<Vec<_>>();
        let headers_block = between(block, "in SDK order) ---\n", "---");
        Vector {
            title: block.lines().next().unwrap().to_string(),
            method: method.to_string(),
            url: Url::parse(url).unwrap(),
            ak: after_line(block, "AK:").to_string(),
            sk: after_line(block, "SK:").to_string(),
            canonical: marked[0].split("\n<<<").next().unwrap().to_string(),
            string_to_sign: marked[1].split("\n<<<").next().unwrap().to_string(),
            headers: headers_block
                .lines()
                .filter_map(|l| l.split_once(": "))
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            uri_sent: between(block, "--- request URI sent ---\n", "\n").to_string(),
            authorization: between(block, "--- Authorization ---\n", "\n").to_string(),
        }
    }

    fn vectors() -> Vec<Vector> {
        VECTORS.split("VECTOR ").skip(1).map(parse).collect()
    }

    fn check(v: &Vector) {
        let query: Vec<(String, String)> = v.url.query_pairs().into_owned().collect();
        let date = after_line(
            &v.headers
                .iter()
                .map(|(n, v)| format!("{n}: {v}\n"))
                .collect::<String>(),
            "X-Sdk-Date:",
        )
        .to_string();
        let req = Canonical {
            method: &v.method,
            path: v.url.path(),
            query: &query,
            headers: &v.headers,
            body: b"",
        };
        let signed = signed_headers(&v.headers);
        let canonical = canonical_request(&req, &signed);
        assert_eq!(canonical, v.canonical, "canonical request of {}", v.title);
        assert_eq!(
            string_to_sign(&canonical, &date),
            v.string_to_sign,
            "{}",
            v.title
        );
        assert_eq!(
            authorization(&v.ak, &v.sk, &req, &date),
            v.authorization,
            "{}",
            v.title
        );
        let sent = match canonical_query(&query) {
            q if q.is_empty() => v.url.path().to_string(),
            q => format!("{}?{q}", v.url.path()),
        };
        assert_eq!(sent, v.uri_sent, "request URI of {}", v.title);
    }

    #[test]
    fn the_file_holds_seven_vectors() {
        assert_eq!(vectors().len(), 7);
    }

    macro_rules! vector_test {
        ($name:ident, $n:expr) => {
            #[test]
            fn $name() {
                check(&vectors()[$n - 1]);
            }
        };
    }
    vector_test!(vector_1_get_remote_assistance, 1);
    vector_test!(vector_2_list_desktops_query, 2);
    vector_test!(vector_3_security_token, 3);
    vector_test!(vector_4_post, 4);
    vector_test!(vector_5_delete, 5);
    vector_test!(vector_6_query_encoding, 6);
    vector_test!(vector_7_iam_projects, 7);

    #[test]
    fn a_changed_sk_changes_the_signature() {
        let v = &vectors()[0];
        let query: Vec<(String, String)> = Vec::new();
        let req = Canonical {
            method: &v.method,
            path: v.url.path(),
            query: &query,
            headers: &v.headers,
            body: b"",
        };
        let other = authorization(&v.ak, "another-sk", &req, "20250714T120000Z");
        assert_ne!(other, v.authorization);
    }

    #[test]
    fn logs_see_the_authorization_without_its_signature() {
        let v = &vectors()[0];
        assert_eq!(
            redact_authorization(&v.authorization),
            "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=(redacted)"
        );
    }

    #[test]
    fn an_encoded_slash_stays_inside_its_segment_on_the_wire_only() {
        // The SDK decodes before splitting, so the canonical form splits `a%2Fb`; what matters
        // is that client and verifier agree, which they do by sharing this function.
        assert_eq!(canonical_uri("/v2/p/desktops/a%2Fb"), "/v2/p/desktops/a/b/");
        assert_eq!(canonical_uri("/v2/a%20b"), "/v2/a%20b/");
    }

    #[test]
    fn a_repeated_key_keeps_every_value_sorted_raw_as_the_sdk_sorts_them() {
        // Both SDKs sort a list's values before encoding them (Python `value.sort()`, Go
        // `sort.Strings`): `a_` comes before `aä` raw, though `a%C3%A4` sorts first encoded.
        let pairs: Vec<(String, String)> =
            [("limit", "1"), ("desktop_id", "aä"), ("desktop_id", "a_")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        assert_eq!(
            canonical_query(&pairs),
            "desktop_id=a_&desktop_id=a%C3%A4&limit=1"
        );
    }
}

#[cfg(test)]
mod properties {
    //! Canonicalisation round-trips and signing is deterministic, whatever the input.
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn encoding_round_trips(s in "\\PC{0,40}") {
            let encoded = encode(&s);
            prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
            prop_assert_eq!(percent_decode_str(&encoded).decode_utf8_lossy(), s.as_str());
        }

        #[test]
        fn one_segment_stays_one_segment(seg in "[^/]{1,30}") {
            let path = format!("/v2/p/desktops/{}", encode(&seg));
            prop_assert_eq!(canonical_uri(&path), format!("/v2/p/desktops/{}/", encode(&seg)));
        }

        #[test]
        fn query_order_does_not_matter(mut pairs in proptest::collection::vec(("\\PC{0,8}", "\\PC{0,8}"), 0..6)) {
            let first = canonical_query(&pairs);
            pairs.reverse();
            prop_assert_eq!(canonical_query(&pairs), first);
        }

        #[test]
        fn signing_is_deterministic(path in "/[a-z0-9/._~-]{0,30}", sk in "\\PC{1,20}", body in proptest::collection::vec(any::<u8>(), 0..64)) {
            let headers = vec![("Host".to_string(), "h".to_string()), ("X-Sdk-Date".to_string(), "20250714T120000Z".to_string())];
            let req = Canonical { method: "POST", path: &path, query: &[], headers: &headers, body: &body };
            let a = authorization("AK", &sk, &req, "20250714T120000Z");
            prop_assert_eq!(&a, &authorization("AK", &sk, &req, "20250714T120000Z"));
            prop_assert!(a.starts_with("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature="));
        }

    }
}
