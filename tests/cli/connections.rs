//! Keep-alive connections the server closes while idle (`assist sim --idle-timeout`): a watch
//! and `start --wait` across them print no warning and lose no poll, whether the server says
//! it closes (`--idle-close fin`) or drops the connection without a word (`reset`, which makes
//! the pooled connection stale when the next request goes out); a POST is never sent twice.

use std::time::Duration;

use crate::common::*;
use serde_json::{json, Value};

/// One generated desktop whose session waits until the test advances the clock, behind a
/// gateway that closes connections idle for `idle` in the way `close` says.
fn idle_sim(idle: &str, close: &str) -> (Sim, Env) {
    sim_and_env(&[
        "--desktops",
        "1",
        "--confirm-after",
        "1h",
        "--access-after",
        "1h",
        "--idle-timeout",
        idle,
        "--idle-close",
        close,
    ])
}

/// Waits until the server has closed at least three idle connections and answered at least
/// four GETs of the desktop's record, then lets the session open.
fn open_after_idle_closes(sim: &Sim, desktop: &str) {
    let path = assistance_path(desktop);
    wait_for("three idle closes and four polls", || {
        let polls = requests_with_method(sim, "GET")
            .iter()
            .filter(|r| r["path"] == path.as_str())
            .count();
        sim.stats()["connections"]["idle_closed"].as_u64() >= Some(3) && polls >= 4
    });
    sim.advance(Duration::from_secs(2 * 3600));
}

/// No warning, error or note on stderr; the statuses of the answers its `-v` lines show.
fn quiet_answers(err: &str) -> Vec<u64> {
    for line in err.lines() {
        let lower = line.trim_start().to_ascii_lowercase();
        assert!(
            !["warning", "error", "note"]
                .iter()
                .any(|w| lower.starts_with(w)),
            "{line:?} in:\n{err}"
        );
    }
    err.lines()
        .filter_map(|l| l.strip_prefix("< HTTP "))
        .map(|rest| rest[..3].parse().expect("a status"))
        .collect()
}

/// What the simulator answered the binary (every request after the test's own `skip`) is
/// exactly what the binary saw: each request answered, none lost on the way. Returns them.
fn nothing_lost(sim: &Sim, skip: usize, seen: &[u64]) -> Vec<Value> {
    let requests: Vec<Value> = sim.requests().into_iter().skip(skip).collect();
    let mut answered: Vec<u64> = requests
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    let mut seen = seen.to_vec();
    answered.sort_unstable();
    seen.sort_unstable();
    assert_eq!(answered, seen, "{requests:#?}");
    requests
}

/// The `-v` line of a GET sent again on a new connection after the server had closed the
/// pooled one.
const SENT_AGAIN: &str = "* the pooled connection was closed by the server";

/// A watch polling every 300 ms across 100 ms idle timeouts.
fn watch_across_idle_closes(close: &str) -> String {
    let (sim, env) = idle_sim("100ms", close);
    let id = generated_id(1);
    start_via_api(&sim, &id);
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", &id, "--until", "OPEN", "--interval", "300ms", "-v"]);
    let watch = Running::spawn(cmd);
    open_after_idle_closes(&sim, &id);
    let (status, lines, err) = watch
        .end_within(Duration::from_secs(20))
        .expect("the watch ends once the desktop is OPEN");
    assert_eq!(status.code(), Some(0), "{err}");
    // Each change once: the first observation, then OPEN.
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("WAIT_USER_CONFIRM"), "{lines:?}");
    assert!(lines[1].contains(" OPEN "), "{lines:?}");
    let seen = quiet_answers(&err);
    assert!(seen.iter().all(|&s| s == 200), "{err}");
    // The test's own POST came first.
    nothing_lost(&sim, 1, &seen);
    err
}

#[test]
fn a_watch_across_idle_timeouts_reconnects_silently_and_loses_no_poll() {
    // The pool mostly sees each close before the next poll; a poll that crosses one on the
    // wire (a slow answer brings the next poll close to the timeout) is sent again: either
    // way nothing is said and nothing lost.
    watch_across_idle_closes("fin");
}

#[test]
fn a_watch_whose_pooled_connections_were_dropped_silently_sends_each_poll_again_at_once() {
    let err = watch_across_idle_closes("reset");
    // Every other poll met a stale connection (the one after a fresh one reused it).
    assert!(err.contains(SENT_AGAIN), "{err}");
}

/// `start --wait` polling every 600 ms across 200 ms idle timeouts: its look and its POST
/// go out back to back, well within the timeout even on a busy machine (a POST that met a
/// dropped connection would rightly fail), and each poll finds its connection idle too long.
fn start_wait_across_idle_closes(close: &str) -> String {
    let (sim, env) = idle_sim("200ms", close);
    let id = generated_id(1);
    let mut cmd = std_cmd(&env);
    cmd.args([
        "start",
        &id,
        "--wait",
        "--interval",
        "600ms",
        "-o",
        "json",
        "-v",
    ]);
    let start = Running::spawn(cmd);
    open_after_idle_closes(&sim, &id);
    let (status, lines, err) = start
        .end_within(Duration::from_secs(20))
        .expect("start --wait ends once the desktop is OPEN");
    assert_eq!(status.code(), Some(0), "{err}");
    let record: Value = serde_json::from_str(&lines.concat()).expect("one JSON record");
    assert_eq!(record["status"], "OPEN", "{record}");
    let seen = quiet_answers(&err);
    // The look before asking finds no session (404); the POST and every poll, 200.
    assert_eq!(seen[0], 404, "{err}");
    assert!(seen[1..].iter().all(|&s| s == 200), "{err}");
    let requests = nothing_lost(&sim, 0, &seen);
    let posts: Vec<&Value> = requests.iter().filter(|r| r["method"] == "POST").collect();
    assert_eq!(posts.len(), 1, "{requests:#?}");
    err
}

#[test]
fn start_wait_across_idle_timeouts_sends_one_post_and_prints_no_error() {
    start_wait_across_idle_closes("fin");
}

#[test]
fn start_wait_across_silently_dropped_connections_sends_one_post_and_prints_no_error() {
    let err = start_wait_across_idle_closes("reset");
    assert!(err.contains(SENT_AGAIN), "{err}");
}

#[test]
fn a_post_whose_connection_breaks_after_it_was_written_is_reported_and_never_sent_again() {
    let (sim, env) = idle_sim("100ms", "fin");
    let id = generated_id(1);
    sim.fault(json!({"kind": "drop", "method": "POST", "count": 1}));
    let out = env
        .cmd()
        .args(["start", &id, "--wait", "--interval", "300ms"])
        .output()
        .unwrap();
    // The server took the POST and closed the connection without an answer: whether it
    // acted is unknown, so the POST is reported, not sent again.
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error: could not start remote assistance on desktop {id}\n"
        )),
        "{err}"
    );
    assert_eq!(requests_with_method(&sim, "POST").len(), 1);
    assert_clean(&out);
}

#[test]
fn a_get_whose_connection_closes_before_any_answer_is_sent_again_once_at_once() {
    let (sim, env) = sim_and_env(&[]);
    // reqwest does not say whether the connection had been used before: a server that
    // closes a fresh one without answering meets the same one resend.
    sim.fault(json!({"kind": "drop", "method": "GET", "count": 1}));
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "-o", "code", "--max-attempts", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(requests_with_method(&sim, "GET").len(), 2);
    // Closed again on the new connection: that is the attempt's failure, exit 7.
    sim.fault(json!({"kind": "drop", "method": "GET", "count": 2}));
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "--max-attempts", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert_eq!(requests_with_method(&sim, "GET").len(), 4);
    assert_clean(&out);
}
