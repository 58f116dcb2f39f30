//! The Workspace calls `assist` makes (remote assistance GET/POST/DELETE, ListDesktops and a
//! probe), the URLs they go to, and their answers read leniently into models.

use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::answer::{parse, Answer, Answered};
use super::client::Client;
use super::error::ApiError;
use super::model::{Created, DesktopPage, Lenient, RemoteAssistance};
use crate::auth::signer;
use crate::domain::DesktopId;
use crate::messages::{self, msg, Level};
use crate::text::snippet;

/// The ListDesktops filters `assist` uses; the service matches names and users by substring.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DesktopFilter {
    pub computer_name: Option<String>,
    pub user_name: Option<String>,
    pub desktop_ip: Option<String>,
    pub status: Option<String>,
    /// These desktops only (at most [`DesktopFilter::MAX_IDS`]), sent as repeated keys
    /// (`desktop_id=a&desktop_id=b`) as both official SDKs send a list (docs/WORKSPACE-API.md
    /// §7): a comma is part of one value there, never a separator.
    pub desktop_ids: Vec<String>,
}

impl DesktopFilter {
    /// The most `desktop_id` values ListDesktops takes in one call.
    pub const MAX_IDS: usize = 100;

    /// The filters as query pairs; a list is one pair per value (the signer sorts a repeated
    /// key's values as the SDK does).
    fn query_pairs(&self) -> Vec<(String, String)> {
        let single = [
            ("computer_name", &self.computer_name),
            // `user_name` is a list too; `assist` asks for one user, which is one pair.
            ("user_name", &self.user_name),
            ("desktop_ip", &self.desktop_ip),
            ("status", &self.status),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone())));
        let ids = self
            .desktop_ids
            .iter()
            .map(|id| ("desktop_id".to_string(), id.clone()));
        single.chain(ids).collect()
    }
}

impl Client {
    /// GET the remote-assistance record of one desktop.
    pub fn remote_assistance(
        &self,
        desktop: &DesktopId,
    ) -> Result<Answered<RemoteAssistance>, ApiError> {
        self.call(Method::GET, &self.assistance_path(desktop), &[])
    }

    /// POST: ask the end user for remote assistance (never retried once it may have arrived).
    pub fn create_remote_assistance(
        &self,
        desktop: &DesktopId,
    ) -> Result<Answered<Created>, ApiError> {
        self.call(Method::POST, &self.assistance_path(desktop), &[])
    }

    /// DELETE: close the assistance session (204, no body).
    pub fn cancel_remote_assistance(&self, desktop: &DesktopId) -> Result<Answered<()>, ApiError> {
        let url = self.url(&self.assistance_path(desktop), &[])?;
        let answer = self.execute(Method::DELETE, &url, &[])?;
        Ok(answer.answered(()))
    }

    /// `-v`: a 404 read as `NONE` because the listing has the desktop, with the code it came
    /// with: an unexpected code must not vanish silently into "no session".
    pub fn detail_no_record(&self, desktop: &DesktopId, e: &ApiError) {
        self.shared.trace.at(1, || {
            let line = msg!("api-404-as-none", desktop = desktop);
            let line = match e.error_code() {
                Some(code) => line.arg("code", snippet_code(code)),
                None => line.quote("code", msg!("api-no-error-code")),
            };
            messages::line(Level::Detail, &line)
        });
    }

    /// One cheap authenticated call (ListDesktops, limit 1); its body is not read.
    pub fn probe(&self) -> Result<Answered<()>, ApiError> {
        let query = [("limit".to_string(), "1".to_string())];
        let url = self.url(&self.desktops_path(), &query)?;
        let answer = self.execute(Method::GET, &url, &query)?;
        Ok(answer.answered(()))
    }

    /// GET one page of ListDesktops. The filters go into the query, which the signature covers.
    pub fn list_desktops(
        &self,
        filter: &DesktopFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Answered<DesktopPage>, ApiError> {
        let mut query = filter.query_pairs();
        query.push(("offset".to_string(), offset.to_string()));
        query.push(("limit".to_string(), limit.to_string()));
        self.call(Method::GET, &self.desktops_path(), &query)
    }

    /// One Workspace call whose answer is a model, read leniently.
    fn call<T: DeserializeOwned + Lenient>(
        &self,
        method: Method,
        segments: &[String],
        query: &[(String, String)],
    ) -> Result<Answered<T>, ApiError> {
        let url = self.url(segments, query)?;
        let answer = self.execute(method, &url, query)?;
        let value = self.parse_lenient(&answer)?;
        Ok(answer.answered(value))
    }

    /// Like `parse`, but a text field of another JSON type is kept as text, with a warning
    /// (once per field and run) instead of failing the whole answer.
    fn parse_lenient<T: DeserializeOwned + Lenient>(&self, answer: &Answer) -> Result<T, ApiError> {
        let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&answer.body) else {
            return parse(answer);
        };
        let changed = super::lenient::normalize(&mut value, &T::TEXT_FIELDS);
        if changed.is_empty() {
            // The tree goes before the typed parse: a page of 20,000 desktops is tens of MB
            // as a tree, and both at once were most of a flooded listing's peak.
            drop(value);
            return parse(answer);
        }
        let fresh = self.shared.said.fresh(changed);
        if !fresh.is_empty() {
            let fields = fresh.join(", ");
            let warning = msg!("api-unexpected-json-type", fields = fields);
            self.shared
                .trace
                .at(0, || messages::line(Level::Warning, &warning));
        }
        let rewritten = Answer {
            status: answer.status,
            request_id: answer.request_id.clone(),
            retry_after: answer.retry_after,
            subject_token: None,
            body: serde_json::to_vec(&value).unwrap_or_default(),
        };
        // Still broken otherwise: the error quotes the body as it came.
        parse(&rewritten).or_else(|_| parse::<T>(answer))
    }

    /// `v2/{project_id}/desktops`, encoded.
    pub(super) fn desktops_path(&self) -> Vec<String> {
        vec![
            "v2".to_string(),
            signer::encode(&self.shared.project_id),
            "desktops".to_string(),
        ]
    }

    /// `v2/{project_id}/desktops/{desktop_id}/remote-assistance`, encoded; the desktop ID
    /// encodes itself.
    fn assistance_path(&self, desktop: &DesktopId) -> Vec<String> {
        let mut path = self.desktops_path();
        path.push(desktop.path_segment());
        path.push("remote-assistance".to_string());
        path
    }

    /// The URL for these path segments below the endpoint, each already percent-encoded as
    /// exactly one segment.
    pub(super) fn url(
        &self,
        segments: &[impl AsRef<str>],
        query: &[(String, String)],
    ) -> Result<Url, ApiError> {
        let mut url = self.shared.endpoint.clone();
        let mut path = url.path().trim_end_matches('/').to_string();
        for segment in segments.iter().map(AsRef::as_ref) {
            // `.` and `..` would be resolved away by URL normalisation: refuse them here too,
            // whatever the caller checked.
            if segment.is_empty() || segment == "." || segment == ".." {
                return Err(invalid_path(segments));
            }
            path.push('/');
            path.push_str(segment);
        }
        url.set_path(&path);
        let q = signer::canonical_query(query);
        url.set_query((!q.is_empty()).then_some(q.as_str()));
        // The URL type must not have rewritten what we built: the request goes where we meant.
        if url.path() != path {
            return Err(invalid_path(segments));
        }
        Ok(url)
    }
}

fn snippet_code(code: &str) -> String {
    snippet(code, 40)
}

fn invalid_path(segments: &[impl AsRef<str>]) -> ApiError {
    ApiError::InvalidPath(format!(
        "{:?}",
        segments
            .iter()
            .map(|s| snippet(s.as_ref(), 60))
            .collect::<Vec<_>>()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::ClientOptions;
    use crate::api::credentials::Auth;
    use crate::api::trace::Trace;
    use crate::auth::Credentials;

    fn test_client() -> Client {
        Client::new(ClientOptions {
            endpoint: Url::parse("http://127.0.0.1:9").unwrap(),
            project_id: "p".into(),
            auth: Auth::Fixed(Credentials::Anonymous),
            connect_timeout: std::time::Duration::from_secs(1),
            timeout: std::time::Duration::from_secs(1),
            max_attempts: 1,
            extra_roots: Vec::new(),
            trace: Trace::off(),
            region: None,
        })
        .unwrap()
    }

    #[test]
    fn a_desktop_id_is_one_path_segment_encoded_as_the_signer_does() {
        let c = test_client();
        for raw in ["a/b", "../x", "100%", "a b", "ü?#", "..."] {
            let id = DesktopId::parse(raw).unwrap();
            assert_eq!(id.path_segment(), signer::encode(raw), "{raw}");
            let url = c.url(&c.assistance_path(&id), &[]).unwrap();
            let segments: Vec<&str> = url.path_segments().unwrap().collect();
            assert_eq!(segments.len(), 5, "{url}");
            assert_eq!(segments[3], id.path_segment(), "{url}");
        }
    }

    #[test]
    fn desktop_ids_go_as_repeated_keys_with_a_comma_kept_in_its_value() {
        let filter = DesktopFilter {
            user_name: Some("o,r".into()),
            desktop_ids: vec!["b".into(), "a,c".into()],
            ..DesktopFilter::default()
        };
        let c = test_client();
        let url = c.url(&c.desktops_path(), &filter.query_pairs()).unwrap();
        assert_eq!(
            url.query(),
            Some("desktop_id=a%2Cc&desktop_id=b&user_name=o%2Cr")
        );
    }
}
