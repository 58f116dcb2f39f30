//! One line for one failure that hits many desktops at once: when the endpoint is down, a
//! watch of fifty desktops says "could not connect to …: 50 desktops" once, not fifty times.
//! Lines are held for a moment (until the round's requests are back, or a second at most),
//! then each cause is said once with how many desktops it hit.

use std::time::{Duration, Instant};

use crate::api::ApiError;
use crate::messages::{self, msg, Message};
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

impl Level {
    /// How a line for many desktops is introduced: `warning:`, `error:` or `note:`.
    fn said_as(self) -> messages::Level {
        match self {
            Level::Retrying => messages::Level::Warning,
            Level::Failed => messages::Level::Error,
            Level::Recovered => messages::Level::Note,
        }
    }
}

struct Held {
    level: Level,
    cause: String,
    id: String,
    /// What is said when it stays alone.
    alone: Said,
}

/// A line to say now: how it is introduced and what it says.
pub type Said = (messages::Level, Message);

/// The lines of the current moment, grouped by cause when they are said. It only holds them:
/// whoever owns it says what `tick` and `flush` return (the engine's reporter).
#[derive(Default)]
pub struct Summary {
    held: Vec<Held>,
    since: Option<Instant>,
}

impl Summary {
    /// A desktop's failure (or recovery), said as `alone` if it stays the only one of its
    /// cause. A line of the same desktop held before is returned at once: a desktop's own
    /// lines keep their order (its warning before its recovery).
    #[must_use]
    pub fn add(
        &mut self,
        level: Level,
        id: &str,
        error: Option<&ApiError>,
        alone: Said,
    ) -> Vec<Said> {
        let id = sanitize(id);
        let earlier = if self.held.iter().any(|h| h.id == id) {
            self.flush()
        } else {
            Vec::new()
        };
        self.since.get_or_insert_with(Instant::now);
        self.held.push(Held {
            level,
            cause: error.map(cause).unwrap_or_default(),
            id,
            alone,
        });
        earlier
    }

    /// What is held, once nothing more is coming (`quiet`) or it has waited long enough.
    #[must_use]
    pub fn tick(&mut self, quiet: bool) -> Vec<Said> {
        if self.since.is_some_and(|t| quiet || t.elapsed() >= HOLD) {
            return self.flush();
        }
        Vec::new()
    }

    /// Everything held, one line per level and cause.
    #[must_use]
    pub fn flush(&mut self) -> Vec<Said> {
        self.since = None;
        let mut held = std::mem::take(&mut self.held);
        let mut lines = Vec::new();
        while let Some(first) = held.first() {
            let (level, cause) = (first.level, first.cause.clone());
            let (same, rest): (Vec<Held>, Vec<Held>) = held
                .into_iter()
                .partition(|h| h.level == level && h.cause == cause);
            held = rest;
            lines.push(said(same));
        }
        lines
    }
}

/// One line for the desktops of one cause.
fn said(mut same: Vec<Held>) -> Said {
    if same.len() == 1 {
        return same.remove(0).alone;
    }
    let mut ids: Vec<String> = same.iter().take(NAMED).map(|h| h.id.clone()).collect();
    let more = same.len().saturating_sub(NAMED);
    if more > 0 {
        ids.push(msg!("engine-and-more", more = more).render());
    }
    let (count, ids) = (same.len(), ids.join(", "));
    let cause = same[0].cause.clone();
    let level = same[0].level;
    let message = match level {
        Level::Retrying => msg!(
            "engine-many-retrying",
            cause = cause,
            count = count,
            ids = ids
        ),
        Level::Failed => msg!(
            "engine-many-failed",
            cause = cause,
            count = count,
            ids = ids
        ),
        Level::Recovered => msg!("engine-many-answer-again", count = count, ids = ids),
    };
    (level.said_as(), message)
}

/// What a failure says apart from the desktop it hit: the endpoint instead of the URL, the
/// status and code instead of a message with a request id. Failures that differ in nothing
/// else share it.
fn cause(e: &ApiError) -> String {
    match e {
        ApiError::Network { kind, url, detail } => {
            let origin = reqwest::Url::parse(url)
                .map(|u| u.origin().ascii_serialization())
                .unwrap_or_default();
            let at_origin = ApiError::Network {
                kind: *kind,
                detail: detail.replace(url.as_str(), &origin),
                url: origin,
            };
            at_origin.message().render()
        }
        ApiError::Status(s) => match &s.error_code {
            Some(code) => format!("HTTP {}, {}", s.status, sanitize(code)),
            None => format!("HTTP {}", s.status),
        },
        other => other.message().render(),
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
        let mut summary = Summary::default();
        for i in 0..22 {
            let (id, e) = (format!("d{i}"), refused(&format!("d{i}")));
            let alone = msg!("engine-desktop-retrying", id = &id).quote("error", e.message());
            let alone = (messages::Level::Warning, alone);
            let earlier = summary.add(Level::Retrying, &id, Some(&e), alone);
            assert!(earlier.is_empty());
        }
        let lines: Vec<String> = summary
            .tick(true)
            .iter()
            .map(|(level, m)| messages::line(*level, m))
            .collect();
        assert_eq!(
            lines,
            ["warning: could not connect to http://127.0.0.1:9: Connection refused: 22 desktops (d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13, d14, d15, d16, d17, d18, d19, and 2 more); retrying each with backoff"]
        );
        assert!(summary.tick(true).is_empty());
    }

    #[test]
    fn a_cause_that_hit_one_desktop_keeps_its_own_line_and_order() {
        let mut summary = Summary::default();
        let e = refused("d1");
        let warning = msg!("engine-desktop-retrying", id = "d1").quote("error", e.message());
        let warning = (messages::Level::Warning, warning);
        assert!(summary
            .add(Level::Retrying, "d1", Some(&e), warning)
            .is_empty());
        // Its recovery comes after its warning, which is said first.
        let back = msg!("engine-desktop-answers-again", id = "d1");
        let earlier = summary.add(Level::Recovered, "d1", None, (messages::Level::Note, back));
        let line = |(level, m): &Said| messages::line(*level, m);
        assert_eq!(
            earlier.iter().map(line).collect::<Vec<_>>(),
            ["warning: desktop d1: could not connect to http://127.0.0.1:9/v2/p/desktops/d1/remote-assistance: Connection refused; retrying with backoff"]
        );
        assert_eq!(
            summary.flush().iter().map(line).collect::<Vec<_>>(),
            ["note: desktop d1 answers again"]
        );
    }
}
