//! `Client`: what one request goes through, layer by layer. The credential guard
//! (`credentials`) around the retry policy (`retry`) around single attempts (`transport`);
//! the endpoint calls (`calls`, `iam`) build on it.

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, Url};

use super::answer::Answer;
use super::credentials::{Auth, Keys};
use super::error::ApiError;
use super::retry::{Policy, Retry};
use super::tally::Tally;
use super::trace::{Said, Trace};
use super::transport::{is_loopback, HttpSetup, Request, Transport};

pub struct ClientOptions {
    pub endpoint: Url,
    pub project_id: String,
    pub auth: Auth,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_attempts: u32,
    /// Trusted in addition to the built-in roots (a profile's `ca_file`).
    pub extra_roots: Vec<reqwest::Certificate>,
    pub trace: Trace,
    /// The configuration's region, named in hints about the endpoint.
    pub region: Option<String>,
}

/// One per run: a connection pool, the endpoint, the credentials and the retry policy.
/// [`Client::single_attempts`] gives a second handle on the same run that never retries; a
/// clone is another handle on the same run (a request sent from its own thread).
#[derive(Clone)]
pub struct Client {
    pub(super) shared: Arc<Shared>,
    /// Attempts per request, at least one.
    attempts: u32,
}

/// What every handle of a run shares: one pool, one standing with the cloud, one set of
/// things said once.
pub(super) struct Shared {
    transport: Transport,
    pub(super) endpoint: Url,
    region: Option<String>,
    pub(super) project_id: String,
    keys: Keys,
    pub(super) trace: Trace,
    pub(super) said: Said,
    tally: Arc<Tally>,
}

impl Client {
    pub fn new(opts: ClientOptions) -> anyhow::Result<Client> {
        let transport = Transport::new(HttpSetup {
            loopback: is_loopback(&opts.endpoint),
            extra_roots: opts.extra_roots,
            connect_timeout: opts.connect_timeout,
            timeout: opts.timeout,
        })?;
        let shared = Shared {
            transport,
            endpoint: opts.endpoint,
            region: opts.region,
            project_id: opts.project_id,
            keys: Keys::new(opts.auth),
            trace: opts.trace,
            said: Said::default(),
            tally: Arc::default(),
        };
        Ok(Client {
            shared: Arc::new(shared),
            attempts: opts.max_attempts.max(1),
        })
    }

    /// The same run's client making one attempt per request: for callers that pace and retry
    /// themselves (the polling engine). It shares the pool and the standing with the cloud,
    /// so a refusal seen by either is the end of both.
    pub fn single_attempts(&self) -> Client {
        Client {
            shared: self.shared.clone(),
            attempts: 1,
        }
    }

    /// Attempts per request (`--max-attempts`, or 1 for [`Client::single_attempts`]).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The run's request counters (every handle of the run counts into the same ones).
    pub fn tally(&self) -> Arc<Tally> {
        self.shared.tally.clone()
    }

    pub fn project_id(&self) -> &str {
        &self.shared.project_id
    }

    /// A bodiless request signed with the run's credentials, under the retry policy; a 401
    /// with renewable credentials renews them and tries once more.
    /// After a 403 the command could do without: the next request may be sent (a policy
    /// may allow asking without allowing looking).
    pub fn forgive_forbidden(&self) {
        self.shared.keys.forgive_forbidden();
    }

    pub(super) fn execute(
        &self,
        method: Method,
        url: &Url,
        query: &[(String, String)],
    ) -> Result<Answer, ApiError> {
        self.execute_body(method, url, query, b"")
    }

    /// Like [`Client::execute`], with a JSON body (which the signature covers).
    pub(super) fn execute_body(
        &self,
        method: Method,
        url: &Url,
        query: &[(String, String)],
        body: &[u8],
    ) -> Result<Answer, ApiError> {
        let s = &self.shared;
        let headers = |url: &Url| {
            s.keys
                .current()
                .headers(method.as_str(), url, query, &s.project_id, body)
        };
        s.keys
            .guarded(&s.trace, &|| self.send(&method, url, body, &headers))
    }

    /// One logical request: attempts per the retry policy, each with freshly built headers
    /// (so each attempt is signed anew), then the final answer as success or `ApiError`.
    pub(super) fn send(
        &self,
        method: &Method,
        url: &Url,
        body: &[u8],
        headers: &dyn Fn(&Url) -> Vec<(String, String)>,
    ) -> Result<Answer, ApiError> {
        let s = &self.shared;
        let retry = Retry {
            policy: Policy {
                attempts: self.attempts,
            },
            trace: &s.trace,
            said: &s.said,
        };
        retry
            .send(method, url, &|attempt| {
                let headers = headers(url);
                let request = Request {
                    method,
                    url,
                    body,
                    headers: &headers,
                };
                let result = s
                    .transport
                    .send_once(&s.trace, &request, (attempt, self.attempts));
                count(&s.tally, &result);
                result
            })
            // An error names where it went: a wrong endpoint's hint must say which one.
            .map_err(|e| e.at(&url.origin().ascii_serialization(), s.region.as_deref()))
    }
}

/// One attempt into the run's counters: by the status it was answered with, if any.
fn count(tally: &Tally, result: &Result<Answer, ApiError>) {
    match result {
        Ok(answer) => tally.answered(answer.status),
        Err(ApiError::TooLarge { status, .. } | ApiError::Malformed { status, .. }) => {
            tally.answered(*status)
        }
        Err(_) => tally.unanswered(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Credentials;

    #[test]
    fn a_single_attempt_handle_shares_the_run_and_leaves_the_original_as_it_was() {
        let client = Client::new(ClientOptions {
            endpoint: Url::parse("http://127.0.0.1:9").unwrap(),
            project_id: "p".into(),
            auth: Auth::Fixed(Credentials::Anonymous),
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(1),
            max_attempts: 3,
            extra_roots: Vec::new(),
            trace: Trace::off(),
            region: None,
        })
        .unwrap();
        let single = client.single_attempts();
        assert_eq!((client.attempts(), single.attempts()), (3, 1));
        assert!(Arc::ptr_eq(&client.shared, &single.shared));
    }
}
