//! The engine's decisions, as pure functions of what was observed: when a desktop is settled
//! (reached a wanted status, ended, missing, failed), what a failed poll means for it, and
//! when and how the whole run is over. No clock, no HTTP: the tests below say the rules.

use crate::api::model::RemoteAssistance;
use crate::api::ApiError;
use crate::domain::Status;
use crate::outcome::{Kind, Outcome as End};

/// What decides when a desktop is settled: the statuses waited for (none: watch until the
/// deadline or a signal), whether one look at each desktop is all (`--once`), and when the
/// watch began (`None`: every close ends the wait, as for `start --wait`, which just asked).
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub until: &'a [Status],
    pub once: bool,
    pub began: Option<jiff::Timestamp>,
}

/// What the run knew of a desktop before a record: whether it saw a session pending or open
/// on it, and whether the record is its first look.
#[derive(Debug, Clone, Copy, Default)]
pub struct Before {
    pub saw_active: bool,
    pub first_look: bool,
}

/// Why a desktop needs no more polls.
#[derive(Debug)]
pub enum Settled {
    Reached,
    Ended,
    NotFound,
    /// Boxed to keep every desktop's slot small.
    Failed(Box<ApiError>),
    /// `--once --until`: seen once, not (yet) in a wanted status.
    Pending,
    /// No longer in the project's listing (`watch --all`): neither success nor failure.
    Left,
}

/// How a desktop settles on a record: a wanted status is reached; a closed or failed session
/// ended while waiting for one, unless it is an [`earlier`] one; otherwise as
/// [`settle_unseen`] says.
pub fn settle(record: &RemoteAssistance, rules: Rules, before: Before) -> Option<Settled> {
    if !rules.until.is_empty() {
        if rules.until.iter().any(|u| record.status() == Some(u)) {
            return Some(Settled::Reached);
        }
        if is_closed(record) && !earlier(record, rules, before) {
            return Some(Settled::Ended);
        }
    }
    settle_unseen(rules)
}

/// A closed session, or one the cloud says failed.
pub fn is_closed(record: &RemoteAssistance) -> bool {
    record.status() == Some(&Status::Close) || record.failed_reason().is_some()
}

/// Whether a closed session is one from before this watch (docs/CONTRACT.md, "A session from
/// before is not this session"): a desktop helped yesterday must not end today's wait. One
/// this watch saw pending or open is not; otherwise its `create_time` says, and without one,
/// whether it was already there at the first look.
pub fn earlier(record: &RemoteAssistance, rules: Rules, before: Before) -> bool {
    let Some(began) = rules.began else {
        return false;
    };
    if before.saw_active || !is_closed(record) {
        return false;
    }
    let created = record.create_time.as_deref();
    match created.and_then(|t| t.trim().parse::<jiff::Timestamp>().ok()) {
        Some(created) => created < began,
        None => before.first_look,
    }
}

/// How a desktop settles that is in no wanted or final status (or whose answer was held
/// back): `--once` is over for it (not there yet when waiting for a status), a watch polls
/// it again.
pub fn settle_unseen(rules: Rules) -> Option<Settled> {
    match (rules.once, rules.until.is_empty()) {
        (true, true) => Some(Settled::Reached),
        (true, false) => Some(Settled::Pending),
        (false, _) => None,
    }
}

/// What a failed poll means for its desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// 401/403: the credentials are refused, or the gateway has no such API (a wrong endpoint
    /// or region): nothing else can succeed, so the whole run ends with that error.
    Refused,
    /// 404 for a desktop the listing does not have.
    NotFound,
    /// 429: the gateway's quota; the run slows down, the desktop keeps its place.
    Throttled,
    /// Passing trouble: polled again after a backoff.
    Retry,
    /// Given up on: the desktop is settled as failed.
    GiveUp,
}

/// `streak` and `throttled` count the failures and 429s in a row before this one; `attempts`
/// is how many tries `--once` gives one poll.
pub fn fate(e: &ApiError, rules: Rules, streak: u32, throttled: u32, attempts: u32) -> Fate {
    if e.is_refused() || e.is_no_such_api() {
        return Fate::Refused;
    }
    if e.is_not_found() {
        return Fate::NotFound;
    }
    // `--once` is for cron: a 429 is one of a poll's attempts, so that a gateway refusing
    // everything ends the run after --max-attempts instead of holding the next run's lock.
    let last = rules.once && streak + throttled + 1 >= attempts;
    if e.status() == Some(429) && !last {
        Fate::Throttled
    } else if e.is_transient() && !last {
        Fate::Retry
    } else {
        Fate::GiveUp
    }
}

/// Whether the run is over now, and how. A signal ends it first; then it is over when no
/// desktop is left open (`open`), or at the deadline. `settled` is what the desktops settled
/// as (read only when the run is over).
pub fn over<'a>(
    rules: Rules,
    signal: Option<Kind>,
    open: usize,
    past_deadline: bool,
    settled: impl IntoIterator<Item = &'a Settled>,
) -> Option<End> {
    if let Some(kind) = signal {
        return Some(End::Stopped(kind));
    }
    if open == 0 {
        return Some(settled_end(settled));
    }
    if !past_deadline {
        return None;
    }
    // `--once` promised one poll of each: desktops left unpolled are not "done".
    if !rules.until.is_empty() || rules.once {
        return Some(End::Stopped(Kind::Deadline));
    }
    // At a deadline without --until, what settled (404s) still decides.
    Some(settled_end(settled))
}

/// The worst of what settled decides: a missing desktop, a failed request, an ended
/// assistance, then one still pending.
pub fn settled_end<'a>(settled: impl IntoIterator<Item = &'a Settled>) -> End {
    let states: Vec<&Settled> = settled.into_iter().collect();
    if states.iter().any(|s| matches!(s, Settled::NotFound)) {
        return End::Stopped(Kind::NotFound);
    }
    if let Some(e) = states.iter().find_map(|s| match s {
        Settled::Failed(e) => Some(e),
        _ => None,
    }) {
        return End::Failed(e.as_ref().clone());
    }
    if states.iter().any(|s| matches!(s, Settled::Ended)) {
        return End::Stopped(Kind::Ended);
    }
    // For cron, "not there yet" must not look like "done": the one poll was the deadline.
    if states.iter().any(|s| matches!(s, Settled::Pending)) {
        return End::Stopped(Kind::Deadline);
    }
    End::Done
}

/// `OPEN,CLOSE`: the wanted statuses as they were asked for.
pub fn until_text(until: &[Status]) -> String {
    until
        .iter()
        .map(Status::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NetKind, StatusError};

    const OPEN: &[Status] = &[Status::Open];

    fn rules(until: &'static [Status], once: bool) -> Rules<'static> {
        Rules {
            until,
            once,
            began: None,
        }
    }

    /// A watch that began at noon on 2026-12-04.
    fn watch_at_noon(until: &'static [Status]) -> Rules<'static> {
        Rules {
            began: Some("2026-12-04T12:00:00Z".parse().unwrap()),
            ..rules(until, false)
        }
    }

    const FIRST: Before = Before {
        saw_active: false,
        first_look: true,
    };
    const LATER: Before = Before {
        saw_active: false,
        first_look: false,
    };
    const SAW_IT: Before = Before {
        saw_active: true,
        first_look: false,
    };

    fn record(json: &str) -> RemoteAssistance {
        serde_json::from_str(json).unwrap()
    }

    fn http(status: u16) -> ApiError {
        ApiError::Status(Box::new(StatusError {
            status,
            ..StatusError::default()
        }))
    }

    fn timeout() -> ApiError {
        ApiError::Network {
            kind: NetKind::Timeout,
            url: "http://127.0.0.1:9/v2/p/desktops/d1/remote-assistance".into(),
            detail: "operation timed out".into(),
        }
    }

    fn end_text(end: Option<End>) -> String {
        format!("{end:?}")
    }

    #[test]
    fn a_wanted_status_is_reached_and_a_closed_session_ended() {
        let open = record(r#"{"status":"OPEN"}"#);
        let waiting = record(r#"{"status":"WAIT_USER_CONFIRM"}"#);
        let closed = record(r#"{"status":"CLOSE"}"#);
        let failed = record(r#"{"status":"WAIT_USER_ACCESS","failed_reason":"refused"}"#);
        let watch = rules(OPEN, false);
        assert!(matches!(
            settle(&open, watch, FIRST),
            Some(Settled::Reached)
        ));
        assert!(settle(&waiting, watch, FIRST).is_none());
        assert!(matches!(
            settle(&closed, watch, FIRST),
            Some(Settled::Ended)
        ));
        assert!(matches!(
            settle(&failed, watch, FIRST),
            Some(Settled::Ended)
        ));
        // Waiting for CLOSE, a close is what was wanted, not an end.
        let close = rules(&[Status::Close], false);
        assert!(matches!(
            settle(&closed, close, FIRST),
            Some(Settled::Reached)
        ));
    }

    #[test]
    fn a_close_from_before_the_watch_keeps_it_waiting_as_none_would() {
        let watch = watch_at_noon(OPEN);
        let yesterday = record(r#"{"status":"CLOSE","create_time":"2026-12-03T16:05:00Z"}"#);
        let refused = record(
            r#"{"status":"CLOSE","create_time":"2026-12-03T16:05:00Z","failed_reason":"refused"}"#,
        );
        let undated = record(r#"{"status":"CLOSE"}"#);
        for (closed, before) in [(&yesterday, FIRST), (&yesterday, LATER), (&refused, FIRST)] {
            assert!(earlier(closed, watch, before));
            assert!(settle(closed, watch, before).is_none());
        }
        // Without a date, only what was there at the first look is from before.
        assert!(settle(&undated, watch, FIRST).is_none());
        // --once --until OPEN: an earlier session is "not there yet", as NONE is.
        let once = Rules {
            once: true,
            ..watch
        };
        assert!(matches!(
            settle(&yesterday, once, FIRST),
            Some(Settled::Pending)
        ));
    }

    #[test]
    fn a_close_this_watch_saw_coming_or_newer_than_it_ends_the_wait() {
        let watch = watch_at_noon(OPEN);
        let yesterday = record(r#"{"status":"CLOSE","create_time":"2026-12-03T16:05:00Z"}"#);
        let today = record(r#"{"status":"CLOSE","create_time":"2026-12-04T12:00:05Z"}"#);
        let undated = record(r#"{"status":"CLOSE","failed_reason":"refused"}"#);
        // Seen pending or open by this watch: whatever its date, it ended.
        assert!(matches!(
            settle(&yesterday, watch, SAW_IT),
            Some(Settled::Ended)
        ));
        // Created after the watch began, even at the first look.
        assert!(matches!(settle(&today, watch, FIRST), Some(Settled::Ended)));
        // No date, and not there at the first look: it came during the watch.
        assert!(matches!(
            settle(&undated, watch, LATER),
            Some(Settled::Ended)
        ));
        // A wait that just asked (no start time) ends on any close.
        assert!(matches!(
            settle(&yesterday, rules(OPEN, false), FIRST),
            Some(Settled::Ended)
        ));
        // Waiting for CLOSE, yesterday's close is still what was asked for.
        let close = watch_at_noon(&[Status::Close]);
        assert!(matches!(
            settle(&yesterday, close, FIRST),
            Some(Settled::Reached)
        ));
    }

    #[test]
    fn without_until_a_watch_never_settles_and_once_settles_at_once() {
        let closed = record(r#"{"status":"CLOSE"}"#);
        let waiting = record(r#"{"status":"WAIT_USER_CONFIRM"}"#);
        assert!(settle(&closed, rules(&[], false), FIRST).is_none());
        assert!(matches!(
            settle(&closed, rules(&[], true), FIRST),
            Some(Settled::Reached)
        ));
        assert!(matches!(
            settle(&waiting, rules(OPEN, true), FIRST),
            Some(Settled::Pending)
        ));
        assert!(matches!(
            settle_unseen(rules(OPEN, true)),
            Some(Settled::Pending)
        ));
        assert!(settle_unseen(rules(OPEN, false)).is_none());
    }

    #[test]
    fn a_failed_poll_is_refused_missing_throttled_retried_or_given_up() {
        let watch = rules(&[], false);
        assert_eq!(fate(&http(401), watch, 0, 0, 3), Fate::Refused);
        assert_eq!(fate(&http(403), watch, 0, 0, 3), Fate::Refused);
        assert_eq!(fate(&http(404), watch, 0, 0, 3), Fate::NotFound);
        assert_eq!(fate(&http(429), watch, 0, 500, 3), Fate::Throttled);
        assert_eq!(fate(&http(503), watch, 99, 0, 3), Fate::Retry);
        assert_eq!(fate(&timeout(), watch, 99, 0, 3), Fate::Retry);
        assert_eq!(fate(&http(400), watch, 0, 0, 3), Fate::GiveUp);
    }

    #[test]
    fn once_gives_a_poll_its_attempts_and_the_gateway_its_patience() {
        let once = rules(&[], true);
        // Attempts 1 and 2 of 3 fail and are retried; the third failure gives up.
        assert_eq!(fate(&timeout(), once, 0, 0, 3), Fate::Retry);
        assert_eq!(fate(&timeout(), once, 1, 0, 3), Fate::Retry);
        assert_eq!(fate(&timeout(), once, 2, 0, 3), Fate::GiveUp);
        // A 429 is an attempt too: the third refusal in a row, whatever it was, gives up.
        assert_eq!(fate(&http(429), once, 0, 0, 3), Fate::Throttled);
        assert_eq!(fate(&http(429), once, 0, 1, 3), Fate::Throttled);
        assert_eq!(fate(&http(429), once, 0, 2, 3), Fate::GiveUp);
        assert_eq!(fate(&http(429), once, 1, 1, 3), Fate::GiveUp);
        assert_eq!(fate(&timeout(), once, 1, 1, 3), Fate::GiveUp);
    }

    #[test]
    fn a_signal_ends_the_run_first_whatever_else_holds() {
        let reached = [Settled::Reached];
        for kind in [Kind::Interrupted, Kind::Terminated, Kind::HungUp] {
            let end = over(rules(OPEN, false), Some(kind), 0, true, &reached);
            assert_eq!(end_text(end), format!("Some(Stopped({kind:?}))"));
        }
    }

    #[test]
    fn the_run_goes_on_while_desktops_are_open_and_the_deadline_is_ahead() {
        let end = over(rules(OPEN, false), None, 1, false, &[Settled::Reached]);
        assert!(end.is_none());
        assert!(over(rules(&[], false), None, 3, false, &[]).is_none());
    }

    #[test]
    fn every_desktop_settled_ends_with_the_worst_of_them() {
        let watch = rules(OPEN, false);
        let over_with = |states: &[Settled]| end_text(over(watch, None, 0, false, states));
        assert_eq!(
            over_with(&[Settled::Reached, Settled::Reached]),
            "Some(Done)"
        );
        assert_eq!(over_with(&[Settled::Reached, Settled::Left]), "Some(Done)");
        assert_eq!(
            over_with(&[Settled::Reached, Settled::Pending]),
            "Some(Stopped(Deadline))"
        );
        assert_eq!(
            over_with(&[Settled::Pending, Settled::Ended]),
            "Some(Stopped(Ended))"
        );
        let failed = Settled::Failed(Box::new(http(400)));
        assert!(over_with(&[Settled::Ended, failed]).starts_with("Some(Failed(Status("));
        let failed = Settled::Failed(Box::new(http(400)));
        assert_eq!(
            over_with(&[failed, Settled::NotFound, Settled::Ended]),
            "Some(Stopped(NotFound))"
        );
    }

    #[test]
    fn at_the_deadline_a_watch_is_done_and_a_wait_is_not() {
        let ahead = [Settled::Reached];
        // Watching without --until: the deadline is the plan, unless a desktop went missing.
        assert_eq!(
            end_text(over(rules(&[], false), None, 2, true, &[])),
            "Some(Done)"
        );
        assert_eq!(
            end_text(over(rules(&[], false), None, 1, true, &[Settled::NotFound])),
            "Some(Stopped(NotFound))"
        );
        // Waiting for a status, or --once with desktops left unpolled: not done.
        assert_eq!(
            end_text(over(rules(OPEN, false), None, 1, true, &ahead)),
            "Some(Stopped(Deadline))"
        );
        assert_eq!(
            end_text(over(rules(&[], true), None, 1, true, &ahead)),
            "Some(Stopped(Deadline))"
        );
    }

    #[test]
    fn wanted_statuses_are_said_as_asked() {
        assert_eq!(until_text(&[Status::Open, Status::Close]), "OPEN,CLOSE");
    }
}
