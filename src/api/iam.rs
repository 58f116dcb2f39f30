//! The two IAM calls `assist` makes: a password token (POST /v3/auth/tokens) and the project
//! of a region (GET /v3/projects?name=), over the same client as Workspace calls.

use reqwest::{Method, Url};
use serde::Deserialize;

use super::answer::parse;
use super::client::Client;
use super::error::ApiError;
use crate::auth::Credentials;
use crate::messages::{msg, Message};
use crate::secret::Secret;

/// What the token is scoped to: a project by name (the region) or by ID.
pub enum Scope<'a> {
    ProjectName(&'a str),
    ProjectId(&'a str),
}

/// A project-scoped IAM token.
#[derive(Debug, Clone)]
pub struct IamToken {
    pub token: Secret,
    pub expires_at: jiff::Timestamp,
    pub project_id: Option<String>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    token: TokenBody,
}

#[derive(Deserialize)]
struct TokenBody {
    expires_at: String,
    #[serde(default)]
    project: Option<IdOnly>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: Option<String>,
}

#[derive(Deserialize)]
struct ProjectsAnswer {
    #[serde(default)]
    projects: Vec<Project>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Project {
    pub id: String,
}

impl Client {
    /// Exchanges a password for a project-scoped token. The client's endpoint is IAM's.
    pub fn iam_token(
        &self,
        user: &str,
        domain: &str,
        password: &Secret,
        scope: Scope<'_>,
    ) -> Result<IamToken, ApiError> {
        let url = self.url(&["v3", "auth", "tokens"], &[])?;
        let project = match scope {
            Scope::ProjectName(name) => serde_json::json!({ "name": name }),
            Scope::ProjectId(id) => serde_json::json!({ "id": id }),
        };
        let body = serde_json::json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": user, "password": password.expose(), "domain": {"name": domain}}}},
            "scope": {"project": project}}})
        .to_string();
        let headers = |_: &Url| {
            vec![(
                "Content-Type".to_string(),
                "application/json;charset=utf8".to_string(),
            )]
        };
        let answer = self.send(&Method::POST, &url, body.as_bytes(), &headers)?;
        let token = answer.subject_token.clone();
        if let Some(t) = &token {
            crate::text::forbid(t.expose());
        }
        let parsed: TokenAnswer = parse(&answer)?;
        let malformed = |reason: Message| ApiError::Malformed {
            status: answer.status,
            reason,
            body: String::new(),
            request_id: None,
        };
        Ok(IamToken {
            token: token.ok_or_else(|| malformed(msg!("api-why-no-token")))?,
            expires_at: parse_expiry(&parsed.token.expires_at)
                .ok_or_else(|| malformed(msg!("api-why-expiry")))?,
            project_id: parsed.token.project.and_then(|p| p.id),
        })
    }

    /// The projects named after a region, signed like the SDK's own lookup (vector 7: only
    /// `Host` and `X-Sdk-Date`, no Content-Type, no X-Project-Id).
    pub fn iam_projects(
        &self,
        credentials: &Credentials,
        region: &str,
    ) -> Result<Vec<Project>, ApiError> {
        let query = vec![("name".to_string(), region.to_string())];
        let url = self.url(&["v3", "projects"], &query)?;
        let headers = |url: &Url| credentials.bare_headers("GET", url, &query);
        let answer = self.send(&Method::GET, &url, b"", &headers)?;
        Ok(parse::<ProjectsAnswer>(&answer)?.projects)
    }
}

/// `2020-01-04T09:05:22.701000Z`, or any RFC 3339 time.
fn parse_expiry(text: &str) -> Option<jiff::Timestamp> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_expiry_times_parse() {
        assert!(parse_expiry("2020-01-04T09:05:22.701000Z").is_some());
        assert!(parse_expiry("tomorrow").is_none());
    }
}
