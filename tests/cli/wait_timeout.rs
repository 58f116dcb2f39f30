//! `--timeout` on waiting commands: without `--deadline` it is their overall limit (exit 8),
//! while each request keeps its own limit.

use crate::common::*;
use serde_json::json;

fn stuck_sim() -> (Sim, Env) {
    // The user never gets to confirm within the test.
    sim_and_env(&["--confirm-after", "60s"])
}

#[test]
fn watch_until_with_timeout_ends_with_8_when_it_passes() {
    let (sim, env) = stuck_sim();
    start_via_api(&sim, CONFIRM_DESKTOP);
    let out = env
        .cmd()
        .args([
            "watch",
            CONFIRM_DESKTOP,
            "--until",
            "OPEN",
            "--timeout",
            "1s",
            "--interval",
            "100ms",
        ])
        .output()
        .unwrap();
    // 8 and the pending desktop: the 1 s limit ended it, the user being a minute away.
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("still pending: {CONFIRM_DESKTOP}")),
        "{}",
        stderr(&out)
    );
    assert_clean(&out);
}

#[test]
fn start_wait_with_timeout_ends_with_8_when_it_passes() {
    let (sim, env) = stuck_sim();
    let out = env
        .cmd()
        .args([
            "start",
            "11111111-0000-4000-8000-000000000006",
            "--wait",
            "--timeout",
            "1s",
            "--interval",
            "100ms",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("deadline passed (1s)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
    assert!(sim.requests().len() >= 3, "polled more than once");
}

#[test]
fn an_explicit_deadline_wins_over_timeout() {
    let (_sim, env) = stuck_sim();
    let out = env
        .cmd()
        .args([
            "start",
            "11111111-0000-4000-8000-000000000006",
            "--wait",
            "--timeout",
            "30s",
            "--deadline",
            "1s",
            "--interval",
            "100ms",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    // The deadline it names is the 1 s one, not the 30 s of --timeout.
    assert!(
        stderr(&out).contains("deadline passed (1s)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn once_with_until_exits_8_for_desktops_not_there_yet() {
    let (_sim, env) = stuck_sim();
    let out = env
        .cmd()
        .args([
            "watch",
            "--once",
            "--until",
            "OPEN",
            OPEN_DESKTOP,
            CONFIRM_DESKTOP,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "not yet in a wanted status after this poll: {CONFIRM_DESKTOP}"
        )),
        "{err}"
    );
    assert!(
        !err.contains(&format!("{OPEN_DESKTOP},")) && !err.ends_with(OPEN_DESKTOP),
        "{err}"
    );
    assert_eq!(
        stdout(&out).lines().count(),
        2,
        "both observations are reported"
    );

    let out = env
        .cmd()
        .args(["watch", "--once", "--until", "OPEN", OPEN_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn watch_once_says_each_retry_after_a_request_timeout_and_fails_after_the_last() {
    let (sim, env) = sim_and_env(&["--desktops", "1"]);
    let id = generated_id(1);
    sim.fault(json!({"kind": "latency:60s", "desktop_id": id}));
    let out = env
        .cmd()
        .args([
            "watch",
            "--once",
            &id,
            "--timeout",
            "1s",
            "--deadline",
            "60s",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(7), "{err}");
    let notes: Vec<&str> = err.lines().filter(|l| l.starts_with("note:")).collect();
    assert_eq!(notes.len(), 2, "{err}");
    assert!(notes[0].ends_with("; attempt 2 of 3"), "{err}");
    assert!(notes[1].ends_with("; attempt 3 of 3"), "{err}");
}
