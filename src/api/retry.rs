//! The retry policy of docs/reference.md "Retries": which failures are tried again, after how long
//! (full-jitter backoff, or the server's `Retry-After`, capped), and the note a retry after a
//! silence is said with.

use std::time::{Duration, Instant};

use reqwest::{Method, Url};

use super::answer::{into_success, Answer};
use super::error::{ApiError, NetKind};
use super::trace::{Said, Trace};
use crate::messages::{self, msg, Level};

const BACKOFF_BASE: Duration = Duration::from_secs(1);
const BACKOFF_CAP: Duration = Duration::from_secs(20);
const RETRY_AFTER_CAP: Duration = Duration::from_secs(60);
/// The shortest wait a `Retry-After` buys: a server's `0` (or a date in the past) must not
/// turn the attempts into a burst.
const RETRY_AFTER_FLOOR: Duration = Duration::from_secs(1);

/// How many attempts one request may take (at least one).
#[derive(Debug, Clone, Copy)]
pub(super) struct Policy {
    pub(super) attempts: u32,
}

impl Policy {
    /// `Some(wait)` when this result of attempt `attempt` may and should be retried.
    pub(super) fn wait(
        &self,
        method: &Method,
        result: &Result<Answer, ApiError>,
        attempt: u32,
    ) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        let idempotent = *method != Method::POST;
        // A change whose answer was lost is never sent again blindly: a DELETE resent after a
        // reset may close a session started in between (the caller looks first, then decides).
        let read = *method == Method::GET;
        let retry_after = match result {
            Ok(a) if idempotent && matches!(a.status, 408 | 429 | 500 | 502 | 503 | 504) => {
                a.retry_after
            }
            // A POST or DELETE is retried only when it provably never reached the server.
            // A certificate problem does not go away by asking again.
            Err(ApiError::Network {
                kind: NetKind::Tls, ..
            }) => return None,
            Err(ApiError::Network { kind, .. }) if read || *kind == NetKind::Connect => None,
            _ => return None,
        };
        Some(retry_after.map_or_else(|| backoff(attempt), |w| w.max(RETRY_AFTER_FLOOR)))
    }
}

/// One logical request under the policy: what it says, and where.
pub(super) struct Retry<'a> {
    pub(super) policy: Policy,
    pub(super) trace: &'a Trace,
    pub(super) said: &'a Said,
}

impl Retry<'_> {
    /// Makes attempts (`attempt(n)` sends the n-th) until one may not be retried, then reads
    /// the final answer as success or `ApiError`.
    pub(super) fn send(
        &self,
        method: &Method,
        url: &Url,
        attempt: &dyn Fn(u32) -> Result<Answer, ApiError>,
    ) -> Result<Answer, ApiError> {
        let mut n = 1;
        let mut lost = false;
        loop {
            let began = Instant::now();
            let result = attempt(n);
            let Some(wait) = self.policy.wait(method, &result, n) else {
                return result.and_then(into_success).map_err(|e| after(e, lost));
            };
            lost |= may_have_arrived(&result);
            self.note_silence(&result, url, began.elapsed(), n + 1);
            self.trace.at(1, || {
                let note = msg!(
                    "api-retrying",
                    n = n,
                    attempts = self.policy.attempts,
                    why = describe(&result),
                    wait = crate::units::format_duration(round_ms(wait))
                );
                format!("* {}", note.render())
            });
            std::thread::sleep(wait);
            n += 1;
        }
    }

    /// A retry after a timeout is said even without `-v`: a long silence must not look like a
    /// hang. Each note is said once per run, however many desktops hit the same silence.
    fn note_silence(
        &self,
        result: &Result<Answer, ApiError>,
        url: &Url,
        waited: Duration,
        next: u32,
    ) {
        let Err(ApiError::Network {
            kind: NetKind::Timeout,
            ..
        }) = result
        else {
            return;
        };
        let waited = Duration::from_secs(waited.as_secs_f64().round() as u64);
        let note = msg!(
            "api-silence-retried",
            origin = url.origin().ascii_serialization(),
            waited = crate::units::spoken(waited.max(Duration::from_secs(1))),
            next = next,
            attempts = self.policy.attempts
        );
        let note = messages::line(Level::Note, &note);
        for note in self.said.fresh(vec![note]) {
            self.trace.at(0, || note);
        }
    }
}

/// Whether a failed attempt may still have been carried out: it was sent, and its answer was
/// lost (a connection that never opened carried nothing).
fn may_have_arrived(result: &Result<Answer, ApiError>) -> bool {
    matches!(result, Err(ApiError::Network { kind, .. })
        if !matches!(kind, NetKind::Connect | NetKind::Tls))
}

/// The final error, marked when an earlier attempt may have gone through.
fn after(e: ApiError, lost: bool) -> ApiError {
    match e {
        ApiError::Status(mut s) => {
            s.after_lost_attempt = lost;
            ApiError::Status(s)
        }
        other => other,
    }
}

/// `Retry-After` as seconds or an HTTP date, capped so that a server cannot park us for hours.
pub(super) fn parse_retry_after(value: &str) -> Option<Duration> {
    let wait = match value.trim().parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            let when = jiff::fmt::rfc2822::parse(value.trim()).ok()?.timestamp();
            let secs = when.as_second() - jiff::Timestamp::now().as_second();
            Duration::from_secs(secs.max(0) as u64)
        }
    };
    Some(wait.min(RETRY_AFTER_CAP))
}

/// Full jitter: a random wait in [0, min(cap, base * 2^(attempt-1))].
fn backoff(attempt: u32) -> Duration {
    let ceiling = BACKOFF_BASE
        .saturating_mul(1u32 << (attempt - 1).min(16))
        .min(BACKOFF_CAP);
    ceiling.mul_f64(fastrand::f64())
}

fn round_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_millis() as u64)
}

fn describe(result: &Result<Answer, ApiError>) -> String {
    match result {
        Ok(a) => format!("HTTP {}", a.status),
        Err(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16) -> Answer {
        Answer {
            status,
            request_id: None,
            retry_after: None,
            subject_token: None,
            body: Vec::new(),
        }
    }

    proptest::proptest! {
        #[test]
        fn retry_after_never_exceeds_its_cap(v in "\\PC{0,40}") {
            if let Some(d) = parse_retry_after(&v) {
                proptest::prop_assert!(d <= RETRY_AFTER_CAP);
            }
        }
    }

    #[test]
    fn the_retry_policy_table_of_the_readme() {
        let c = Policy { attempts: 3 };
        let net = |kind| -> Result<Answer, ApiError> {
            Err(ApiError::Network {
                kind,
                url: String::new(),
                detail: String::new(),
            })
        };
        let status = |s| -> Result<Answer, ApiError> { Ok(answer(s)) };
        for method in [Method::GET, Method::DELETE] {
            for s in [408, 429, 500, 502, 503, 504] {
                assert!(c.wait(&method, &status(s), 1).is_some(), "{method} {s}");
            }
            for s in [200, 204, 400, 401, 403, 404, 409] {
                assert!(c.wait(&method, &status(s), 1).is_none(), "{method} {s}");
            }
            assert!(c.wait(&method, &net(NetKind::Connect), 1).is_some());
            assert!(c.wait(&method, &net(NetKind::Tls), 1).is_none(), "TLS");
            assert!(
                c.wait(&method, &status(503), 3).is_none(),
                "the last attempt"
            );
        }
        // A read is sent again whatever broke; a DELETE whose answer was lost is not (the
        // caller looks at the desktop first).
        for kind in [NetKind::Timeout, NetKind::Body, NetKind::Other] {
            assert!(
                c.wait(&Method::GET, &net(kind), 1).is_some(),
                "GET {kind:?}"
            );
            assert!(
                c.wait(&Method::DELETE, &net(kind), 1).is_none(),
                "DELETE {kind:?}"
            );
        }
        // POST: only when the request provably never left.
        assert!(c.wait(&Method::POST, &net(NetKind::Connect), 1).is_some());
        for kind in [
            NetKind::Timeout,
            NetKind::Body,
            NetKind::Tls,
            NetKind::Other,
        ] {
            assert!(
                c.wait(&Method::POST, &net(kind), 1).is_none(),
                "POST {kind:?}"
            );
        }
        for s in [429, 500, 503] {
            assert!(c.wait(&Method::POST, &status(s), 1).is_none(), "POST {s}");
        }
    }

    #[test]
    fn a_retry_after_of_zero_still_waits_the_floor() {
        let told_now = Ok(Answer {
            retry_after: Some(Duration::ZERO),
            ..answer(503)
        });
        let wait = Policy { attempts: 3 }.wait(&Method::GET, &told_now, 1);
        assert_eq!(wait, Some(RETRY_AFTER_FLOOR));
    }

    #[test]
    fn retry_after_takes_seconds_and_dates_and_is_capped() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("3600"), Some(RETRY_AFTER_CAP));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        for attempt in 1..40 {
            assert!(backoff(attempt) <= BACKOFF_CAP);
        }
        assert!(backoff(1) <= BACKOFF_BASE);
    }

    #[test]
    fn a_status_after_an_attempt_lost_on_the_way_says_so() {
        let (trace, said) = (Trace::off(), Said::default());
        let retry = Retry {
            policy: Policy { attempts: 3 },
            trace: &trace,
            said: &said,
        };
        let url = Url::parse("http://127.0.0.1:9/v2/p/desktops/d/remote-assistance").unwrap();
        let final_404 = |first: NetKind| {
            let sent = std::cell::Cell::new(0);
            let attempt = |_| -> Result<Answer, ApiError> {
                sent.set(sent.get() + 1);
                match sent.get() {
                    1 => Err(ApiError::Network {
                        kind: first,
                        url: String::new(),
                        detail: String::new(),
                    }),
                    _ => Ok(answer(404)),
                }
            };
            retry.send(&Method::GET, &url, &attempt).err().unwrap()
        };
        let lost = |e: ApiError| matches!(e, ApiError::Status(s) if s.after_lost_attempt);
        // Sent, its answer lost: the 404 may be about what it did.
        assert!(lost(final_404(NetKind::Body)));
        assert!(lost(final_404(NetKind::Timeout)));
        // Never connected: the 404 is the whole story.
        assert!(!lost(final_404(NetKind::Connect)));
    }
}
