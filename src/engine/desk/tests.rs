//! One desktop's answers, fed in order: what is reported, said and settled.

use std::sync::Arc;

use super::*;
use crate::api::{NetKind, StatusError};
use crate::domain::DesktopNames;
use crate::engine::directory::Directory;
use crate::engine::settle::over;
use crate::messages;
use crate::output::Reporter;

const ID: &str = "d1";

/// What a run told its command: each reported status, and each line as it is written.
#[derive(Default)]
struct Heard {
    changes: Vec<String>,
    lines: Vec<String>,
}

impl Reporter for Heard {
    fn change(
        &mut self,
        _id: &str,
        _names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        _at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        self.changes.push(record.status_text().to_string());
        Ok(())
    }

    fn say(&mut self, level: messages::Level, message: &messages::Message) {
        self.lines.push(messages::line(level, message));
    }
}

fn plan(until: &[Status], once: bool) -> Plan {
    Plan {
        ids: vec![DesktopId::parse(ID).unwrap()],
        interval: Duration::from_secs(2),
        concurrency: 1,
        max_rate: None,
        until: until.to_vec(),
        deadline: None,
        once,
        began: None,
        directory: Arc::new(Directory::new()),
        membership: None,
        keep_records: true,
        keep_seen: true,
    }
}

fn rec(json: &str) -> Result<RemoteAssistance, ApiError> {
    Ok(serde_json::from_str(json).unwrap())
}

fn http(status: u16) -> Result<RemoteAssistance, ApiError> {
    Err(ApiError::Status(Box::new(StatusError {
        status,
        ..StatusError::default()
    })))
}

fn timeout() -> Result<RemoteAssistance, ApiError> {
    Err(ApiError::Network {
        kind: NetKind::Timeout,
        url: "http://127.0.0.1:9/v2/p/desktops/d1/remote-assistance".into(),
        detail: "operation timed out".into(),
    })
}

/// One desktop's run: after how many answers it settled, how the run ended (at the
/// deadline if it never settled), what it reported and said, and a refusal if one came.
struct Fed {
    settled_after: Option<usize>,
    end: String,
    heard: Heard,
    refused: Option<String>,
    outcome: Outcome,
}

/// Feeds the desktop its answers in order, one a second as the loop would hand them over,
/// until it settles; then asks how the run ends.
fn feed(plan: &Plan, answers: Vec<Result<RemoteAssistance, ApiError>>) -> Fed {
    let start = Instant::now();
    let mut heard = Heard::default();
    let mut desk = Desk::new(plan.ids[0].clone(), Duration::ZERO, start, None);
    let mut sched = Sched {
        queue: Queue::default(),
        pacer: Pacer::new(None, 1.0, start),
        open: 1,
        attempts: 3,
    };
    let (mut settled_after, mut refused) = (None, None);
    let mut voice = Voice::new(&mut heard);
    for (n, answer) in answers.into_iter().enumerate() {
        let now = start + Duration::from_secs(n as u64);
        if let Err(e) = handle(&mut desk, answer, plan, &mut sched, &mut voice, start, now) {
            refused = Some(format!("{e:#}"));
            break;
        }
        if desk.settled.is_some() {
            settled_after = Some(n + 1);
            sched.open -= 1;
            break;
        }
    }
    drop(voice);
    let end = over(plan.rules(), None, sched.open, true, desk.settled.as_ref());
    let end = end.unwrap_or(End::Done);
    let end_text = format!("{end:?}");
    let outcome = outcome(vec![desk], end, plan);
    Fed {
        settled_after,
        end: end_text,
        heard,
        refused,
        outcome,
    }
}

#[test]
fn waiting_for_open_settles_when_the_user_accepts() {
    let fed = feed(
        &plan(&[Status::Open], false),
        vec![
            rec(r#"{"status":"WAIT_USER_CONFIRM","invitation_code":"AB12CD34"}"#),
            rec(r#"{"status":"WAIT_USER_CONFIRM","invitation_code":"AB12CD34"}"#),
            rec(r#"{"status":"WAIT_USER_ACCESS","invitation_code":"AB12CD34"}"#),
            rec(r#"{"status":"OPEN","invitation_code":"AB12CD34"}"#),
        ],
    );
    assert_eq!(fed.settled_after, Some(4));
    assert_eq!(fed.end, "Done");
    // The repeated WAIT_USER_CONFIRM is no change.
    assert_eq!(
        fed.heard.changes,
        ["WAIT_USER_CONFIRM", "WAIT_USER_ACCESS", "OPEN"]
    );
    assert!(fed.heard.lines.is_empty(), "{:?}", fed.heard.lines);
    assert_eq!(fed.outcome.records[ID].status_text(), "OPEN");
    assert!(fed.outcome.pending.is_empty());
}

#[test]
fn a_session_that_closes_while_waiting_ends_the_wait() {
    let fed = feed(
        &plan(&[Status::Open], false),
        vec![
            rec(r#"{"status":"WAIT_USER_CONFIRM"}"#),
            rec(r#"{"status":"CLOSE","failed_reason":"the user refused"}"#),
            rec(r#"{"status":"OPEN"}"#),
        ],
    );
    assert_eq!(fed.settled_after, Some(2));
    assert_eq!(fed.end, "Stopped(Ended)");
    assert_eq!(
        fed.heard.lines,
        ["desktop d1 ended CLOSE while waiting for OPEN"]
    );
}

#[test]
fn once_settles_on_its_first_answer() {
    let fed = feed(&plan(&[], true), vec![rec(r#"{"status":"OPEN"}"#)]);
    assert_eq!((fed.settled_after, fed.end.as_str()), (Some(1), "Done"));
    let fed = feed(
        &plan(&[Status::Open], true),
        vec![rec(r#"{"status":"WAIT_USER_CONFIRM"}"#)],
    );
    // Not there yet: for cron, the one poll was the deadline.
    assert_eq!(fed.settled_after, Some(1));
    assert_eq!(fed.end, "Stopped(Deadline)");
    assert_eq!(fed.outcome.pending, [ID]);
    assert!(fed.outcome.unpolled.is_empty());
}

#[test]
fn a_missing_desktop_is_dropped_and_named() {
    let fed = feed(&plan(&[], false), vec![http(404)]);
    assert_eq!(fed.settled_after, Some(1));
    assert_eq!(fed.end, "Stopped(NotFound)");
    assert_eq!(
        fed.heard.lines,
        ["error: desktop d1 does not exist (HTTP 404 Not Found); dropped from the watch"]
    );
}

#[test]
fn refused_credentials_end_the_run_at_once() {
    let fed = feed(
        &plan(&[], false),
        vec![http(401), rec(r#"{"status":"OPEN"}"#)],
    );
    assert_eq!(
        fed.refused.as_deref(),
        Some("the cloud refused to show desktop d1: HTTP 401 Unauthorized")
    );
    assert!(fed.heard.changes.is_empty() && fed.heard.lines.is_empty());
}

#[test]
fn a_watch_retries_passing_trouble_and_says_when_it_answers_again() {
    let fed = feed(
        &plan(&[], false),
        vec![
            http(503),
            http(503),
            rec(r#"{"status":"NONE"}"#),
            rec(r#"{"status":"NONE"}"#),
        ],
    );
    assert_eq!(fed.settled_after, None);
    // A watch without --until is done at its deadline.
    assert_eq!(fed.end, "Done");
    assert_eq!(fed.heard.changes, ["NONE"]);
    assert_eq!(
        fed.heard.lines,
        [
            "warning: desktop d1: HTTP 503 Service Unavailable; retrying with backoff",
            "note: desktop d1 answers again"
        ]
    );
}

#[test]
fn once_says_each_silence_and_gives_up_after_its_attempts() {
    let fed = feed(&plan(&[], true), vec![timeout(), timeout(), timeout()]);
    assert_eq!(fed.settled_after, Some(3));
    assert!(fed.end.starts_with("Failed(Network"), "{}", fed.end);
    let silence = "desktop d1: timed out waiting for http://127.0.0.1:9/v2/p/desktops/d1/remote-assistance: operation timed out";
    assert_eq!(
        fed.heard.lines,
        [
            format!("note: {silence}; attempt 2 of 3"),
            format!("note: {silence}; attempt 3 of 3"),
            format!("error: {silence}"),
        ]
    );
}

#[test]
fn throttling_is_said_once_and_once_gives_up_on_a_gateway_that_never_relents() {
    let answers = (0..10).map(|_| http(429)).collect();
    let fed = feed(&plan(&[], true), answers);
    // A 429 is one of the poll's 3 attempts: the third gives up.
    assert_eq!(fed.settled_after, Some(3));
    assert!(fed.end.starts_with("Failed(Status"), "{}", fed.end);
    assert_eq!(
        fed.heard.lines,
        [
            "note: the API gateway is throttling (HTTP 429); assist paces its requests to what it accepts",
            "error: desktop d1: HTTP 429 Too Many Requests"
        ]
    );
    // A watch waits for the gateway as long as it takes.
    let fed = feed(&plan(&[], false), (0..200).map(|_| http(429)).collect());
    assert_eq!((fed.settled_after, fed.end.as_str()), (None, "Done"));
}

#[test]
fn a_blank_answer_after_a_session_waits_for_the_next_to_confirm_it() {
    let fed = feed(
        &plan(&[Status::Close], false),
        vec![
            rec(r#"{"status":"OPEN"}"#),
            rec(r#"{}"#),
            rec(r#"{"status":"OPEN"}"#),
            rec(r#"{}"#),
            rec(r#"{}"#),
        ],
    );
    // The first blank was a fault (OPEN again); the second, confirmed, is NONE.
    assert_eq!(fed.heard.changes, ["OPEN", "NONE"]);
    assert_eq!(fed.settled_after, None);
    assert_eq!(fed.end, "Stopped(Deadline)");
    assert_eq!(fed.outcome.pending, [ID]);
    let seen = &fed.outcome.seen[ID];
    assert_eq!(
        (seen.status.as_ref(), seen.doubted),
        (Some(&Status::None), false)
    );
}

#[test]
fn slots_keep_their_phase() {
    let o = Instant::now();
    let i = Duration::from_secs(10);
    assert_eq!(next_slot(o, i, o), o + i);
    assert_eq!(
        next_slot(o, i, o + Duration::from_secs(25)),
        o + Duration::from_secs(30)
    );
    assert_eq!(
        next_slot(o + Duration::from_secs(5), i, o),
        o + Duration::from_secs(15)
    );
}

#[test]
fn a_retry_after_of_zero_waits_the_interval_all_the_same() {
    let start = Instant::now();
    let plan = plan(&[], false);
    let mut desk = Desk::new(plan.ids[0].clone(), Duration::ZERO, start, None);
    let mut sched = Sched {
        queue: Queue::default(),
        pacer: Pacer::new(None, 1.0, start),
        open: 1,
        attempts: 3,
    };
    let mut heard = Heard::default();
    let mut voice = Voice::new(&mut heard);
    for status in [503, 429] {
        let told_now = Err(ApiError::Status(Box::new(StatusError {
            status,
            retry_after: Some(Duration::ZERO),
            ..StatusError::default()
        })));
        handle(
            &mut desk, told_now, &plan, &mut sched, &mut voice, start, start,
        )
        .unwrap();
        assert_eq!(desk.due, start + plan.interval, "{status}");
    }
}

#[test]
fn backoff_grows_is_capped_and_yields_to_retry_after() {
    let i = Duration::from_secs(1);
    assert!(backoff(i, 1, None) <= Duration::from_secs(2));
    assert!(backoff(i, 1, None) >= Duration::from_secs(1));
    assert!(backoff(i, 30, None) <= BACKOFF_CAP);
    assert_eq!(
        backoff(i, 3, Some(Duration::from_secs(7))),
        Duration::from_secs(7)
    );
}
