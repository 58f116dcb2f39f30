//! One line for one failure that hits many desktops at once: when the endpoint is down, a
//! watch of fifty desktops says "could not connect to …: 50 desktops" once, not fifty times.
//! Lines are held for a moment (until the round's requests are back, or a second at most),
//! then each cause is said once with how many desktops it hit.

use std::time::{Duration, Instant};

use crate::api::ApiError;
use crate::text::sanitize;

/// The longest a line waits for others with the same cause.
const HOLD: Duration = Duration::from_secs(1);
/// A summary names this many desktops, then counts the rest.
const NAMED: usize = 20;

/// How a line starts and ends: a passing failure, a final one, or recovery.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Retried with backoff.
    Retrying,
    /// The desktop is given up on.
    Failed,
    /// It answers again.
    Recovered,
}

struct Held {
    level: Level,
    cause: String,
    id: String,
    line: String,
}

/// The lines of the current moment, grouped by cause when they are said.
#[derive(Default)]
pub struct Summary {
    held: Vec<Held>,
    since: Option<Instant>,
}

impl Summary {
    /// A desktop's failure (or recovery), said as `line` if it stays the only one of its cause.
    pub fn add(&mut self, level: Level, id: &str, error: Option<&ApiError>, line: String) {
        let id = sanitize(id);
        // A desktop's own lines keep their order: its warning before its recovery.
        if self.held.iter().any(|h| h.id == id) {
            self.flush();
        }
        self.since.get_or_insert_with(Instant::now);
        self.held.push(Held {
            level,
            cause: error.map(cause).unwrap_or_default(),
            id,
            line,
        });
    }

    /// Says what is held once nothing more is coming (`quiet`) or it has waited long enough.
    pub fn tick(&mut self, quiet: bool) {
        if self.since.is_some_and(|t| quiet || t.elapsed() >= HOLD) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        self.since = None;
        let mut held = std::mem::take(&mut self.held);
        while let Some(first) = held.first() {
            let (level, cause) = (first.level, first.cause.clone());
            let (same, rest): (Vec<Held>, Vec<Held>) = held
                .into_iter()
                .partition(|h| h.level == level && h.cause == cause);
            held = rest;
            eprintln!("{}", said(&same));
        }
    }
}

impl Drop for Summary {
    fn drop(&mut self) {
        self.flush();
    }
}

/// One line for the desktops of one cause.
fn said(same: &[Held]) -> String {
    if let [one] = same {
        return one.line.clone();
    }
    let mut ids: Vec<&str> = same.iter().take(NAMED).map(|h| h.id.as_str()).collect();
    let more = same.len().saturating_sub(NAMED);
    let more_text = format!("and {more} more");
    if more > 0 {
        ids.push(&more_text);
    }
    let (n, ids) = (same.len(), ids.join(", "));
    let cause = &same[0].cause;
    match same[0].level {
        Level::Retrying => {
            format!("warning: {cause}: {n} desktops ({ids}); retrying each with backoff")
        }
        Level::Failed => format!("error: {cause}: {n} desktops ({ids})"),
        Level::Recovered => format!("note: {n} desktops answer again ({ids})"),
    }
}

/// What a failure says apart from the desktop it hit: the endpoint instead of the URL, the
/// status and code instead of a message with a request id. Failures that differ in nothing
/// else share it.
fn cause(e: &ApiError) -> String {
    match e {
        ApiError::Network { url, .. } => {
            let origin = reqwest::Url::parse(url)
                .map(|u| u.origin().ascii_serialization())
                .unwrap_or_default();
            sanitize(&e.to_string().replace(url.as_str(), &origin))
        }
        ApiError::Status(s) => match &s.error_code {
            Some(code) => format!("HTTP {}, {}", s.status, sanitize(code)),
            None => format!("HTTP {}", s.status),
        },
        other => sanitize(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::NetKind;

    fn refused(id: &str) -> ApiError {
        ApiError::Network {
            kind: NetKind::Connect,
            url: format!("http://127.0.0.1:9/v2/p/desktops/{id}/remote-assistance"),
            detail: "Connection refused".into(),
        }
    }

    #[test]
    fn one_cause_over_many_desktops_is_one_line() {
        let held: Vec<Held> = (0..22)
            .map(|i| {
                let e = refused(&format!("d{i}"));
                Held {
                    level: Level::Retrying,
                    cause: cause(&e),
                    id: format!("d{i}"),
                    line: format!("warning: desktop d{i}: {e}"),
                }
            })
            .collect();
        assert_eq!(
            said(&held),
            "warning: could not connect to http://127.0.0.1:9: Connection refused: 22 desktops (d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13, d14, d15, d16, d17, d18, d19, and 2 more); retrying each with backoff"
        );
        assert_eq!(said(&held[..1]), held[0].line);
    }
}
