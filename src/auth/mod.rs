//! Credentials and how they authenticate a request: AK/SK signature or an `X-Auth-Token`.

pub mod cache;
pub mod signer;
pub mod source;

use reqwest::Url;

use crate::secret::Secret;

/// How requests are authenticated. Secrets stay inside `Secret` until a header is built.
#[derive(Debug, Clone)]
pub enum Credentials {
    AkSk {
        ak: String,
        sk: Secret,
        security_token: Option<Secret>,
    },
    Token(Secret),
    /// No authentication headers (IAM's password-token request carries its secret in the body).
    Anonymous,
}

impl Credentials {
    /// The headers of a Workspace request: `Content-Type` (the SDK sends it even on GET),
    /// `X-Project-Id` with AK/SK, then what authenticates it. Each call signs anew with a
    /// fresh `X-Sdk-Date`, so a retried request is never a replay.
    pub fn headers(
        &self,
        method: &str,
        url: &Url,
        query: &[(String, String)],
        project_id: &str,
        body: &[u8],
    ) -> Vec<(String, String)> {
        let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        if matches!(self, Credentials::AkSk { .. }) {
            headers.push(("X-Project-Id".into(), project_id.to_string()));
        }
        self.authenticate(headers, method, url, query, body)
    }

    /// The headers of the IAM project lookup as the SDK signs it (vector 7): no Content-Type,
    /// no X-Project-Id, only `Host` and `X-Sdk-Date` (and `X-Security-Token`) are signed.
    pub fn bare_headers(
        &self,
        method: &str,
        url: &Url,
        query: &[(String, String)],
    ) -> Vec<(String, String)> {
        self.authenticate(Vec::new(), method, url, query, b"")
    }

    /// Adds what authenticates the request; with AK/SK every header present is signed.
    fn authenticate(
        &self,
        mut headers: Vec<(String, String)>,
        method: &str,
        url: &Url,
        query: &[(String, String)],
        body: &[u8],
    ) -> Vec<(String, String)> {
        match self {
            Credentials::Token(token) => {
                headers.push(("X-Auth-Token".into(), token.expose().to_string()));
            }
            Credentials::Anonymous => {}
            Credentials::AkSk {
                ak,
                sk,
                security_token,
            } => {
                let date = signer::sdk_date_now();
                if let Some(t) = security_token {
                    headers.push(("X-Security-Token".into(), t.expose().to_string()));
                }
                headers.push(("X-Sdk-Date".into(), date.clone()));
                headers.push(("Host".into(), host_header(url)));
                let canonical = signer::Canonical {
                    method,
                    path: url.path(),
                    query,
                    headers: &headers,
                    body,
                };
                let auth = signer::authorization(ak, sk.expose(), &canonical, &date);
                // A server that echoes the request must not make us print the signature.
                if let Some((_, signature)) = auth.rsplit_once("Signature=") {
                    crate::text::forbid_recent(signature);
                }
                headers.push(("Authorization".into(), auth));
            }
        }
        headers
    }
}

/// `host[:port]` exactly as the URL has it (the default port is implied, as in the SDK).
fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aksk_headers_carry_project_token_and_a_signature() {
        let creds = Credentials::AkSk {
            ak: "AK".into(),
            sk: Secret::new("SK"),
            security_token: Some(Secret::new("STS")),
        };
        let url = Url::parse("http://127.0.0.1:8080/v2/p/desktops/d/remote-assistance").unwrap();
        let h = creds.headers("GET", &url, &[], "p", b"");
        let get = |n: &str| h.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("Host"), Some("127.0.0.1:8080"));
        assert_eq!(get("X-Project-Id"), Some("p"));
        assert_eq!(get("X-Security-Token"), Some("STS"));
        let auth = get("Authorization").unwrap();
        assert!(auth.starts_with("SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature="));
        assert!(!format!("{creds:?}").contains("SK\""));
        assert!(!format!("{creds:?}").contains("STS"));
    }

    #[test]
    fn the_project_lookup_signs_only_host_and_date() {
        let creds = Credentials::AkSk {
            ak: "AK".into(),
            sk: Secret::new("SK"),
            security_token: None,
        };
        let url =
            Url::parse("https://iam.cn-north-4.myhuaweicloud.com/v3/projects?name=cn-north-4")
                .unwrap();
        let query = vec![("name".to_string(), "cn-north-4".to_string())];
        let h = creds.bare_headers("GET", &url, &query);
        let names: Vec<&str> = h.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["X-Sdk-Date", "Host", "Authorization"]);
        assert!(h[2].1.contains("SignedHeaders=host;x-sdk-date,"));
    }

    #[test]
    fn token_headers_carry_the_token_only() {
        let creds = Credentials::Token(Secret::new("tok"));
        let url = Url::parse("https://example.com/v2").unwrap();
        let h = creds.headers("GET", &url, &[], "p", b"");
        assert_eq!(
            h,
            vec![
                ("Content-Type".to_string(), "application/json".to_string()),
                ("X-Auth-Token".to_string(), "tok".to_string())
            ]
        );
    }
}
