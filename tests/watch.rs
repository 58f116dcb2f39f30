//! `assist watch` end to end: the real binary polling a real simulator on loopback.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const SEEDED_CODE: &str = "K7Q2M9XA";
const CLOSED_DESKTOP: &str = "11111111-0000-4000-8000-000000000004";
const DECLINED: &str = "The end user declined the remote assistance request.";

fn setup(extra: &[&str]) -> (Sim, Env) {
    sim_and_env(extra)
}

fn fast_sim(desktops: &str) -> Vec<&str> {
    vec![
        "--desktops",
        desktops,
        "--confirm-after",
        "300ms",
        "--access-after",
        "300ms",
    ]
}

/// Parses NDJSON: every line one compact object with the ten `show` fields and `observed_at`.
fn ndjson(output: &Output) -> Vec<Value> {
    let text = stdout(output);
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "whole lines: {text:?}"
    );
    text.lines().map(parse_event).collect()
}

fn parse_event(line: &str) -> Value {
    let line = line.trim_end_matches('\n');
    let v: Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line:?}"));
    assert!(
        !line.starts_with(char::is_whitespace) && !line.contains("\": ") && !line.contains("\n"),
        "compact: {line:?}"
    );
    let mut expected: Vec<String> = SHOW_KEYS.iter().map(|k| k.to_string()).collect();
    expected.extend(["observed_at", "computer_name", "user_name"].map(String::from));
    expected.sort();
    assert_eq!(keys_of(&v), expected, "{line}");
    let at = v["observed_at"].as_str().expect("observed_at is a string");
    assert!(is_rfc3339_utc(at), "observed_at {at:?}");
    if !v["share_space_passwd"].is_null() {
        assert_eq!(v["share_space_passwd"], "********", "masked: {line}");
    }
    v
}

fn is_rfc3339_utc(at: &str) -> bool {
    at.ends_with('Z') && at.parse::<jiff::Timestamp>().is_ok()
}

/// Statuses per desktop, in the order printed.
fn statuses_by_desktop(events: &[Value]) -> BTreeMap<String, Vec<String>> {
    let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in events {
        by.entry(e["desktop_id"].as_str().unwrap().to_string())
            .or_default()
            .push(e["status"].as_str().unwrap_or("null").to_string());
    }
    by
}

fn ids_of(events: &[Value]) -> BTreeSet<String> {
    events
        .iter()
        .map(|e| e["desktop_id"].as_str().unwrap().to_string())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn json_reports_the_first_observation_then_only_changes_until_open() {
    let (sim, env) = setup(&fast_sim("1"));
    let id = generated_id(1);
    start_via_api(&sim, &id);
    let out = env
        .cmd()
        .args([
            "watch",
            &id,
            "--until",
            "OPEN",
            "-o",
            "json",
            "--interval",
            "100ms",
            "--deadline",
            "20s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = ndjson(&out);
    assert_eq!(ids_of(&events), set(&[&id]));
    let seen: Vec<String> = events
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect();
    assert!(is_lifecycle_to_open(&seen), "statuses: {seen:?}");
    let last = events.last().unwrap();
    assert!(
        is_invitation_code(last["invitation_code"].as_str().unwrap_or_default()),
        "{last}"
    );
    assert_eq!(last["share_space_passwd"], "********");
    let times: Vec<jiff::Timestamp> = events
        .iter()
        .map(|e| e["observed_at"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert_clean(&out);
    // It polled more often than it printed: unchanged observations are not reported.
    assert!(requests_with_method(&sim, "GET").len() > events.len());
}

#[test]
fn table_lines_are_time_desktop_status_code_and_failure() {
    let (_sim, env) = setup(&[]);
    let out = env
        .cmd()
        .args([
            "watch",
            OPEN_DESKTOP,
            CONFIRM_DESKTOP,
            CLOSED_DESKTOP,
            FAILED_DESKTOP,
            "--once",
            "-o",
            "table",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour into a pipe: {text:?}");
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split("  ").collect();
        assert!(parts.len() >= 3, "{line:?}");
        assert!(is_rfc3339_utc(parts[0]), "{line:?}");
        let rest: Vec<String> = parts[1..].iter().map(|p| p.to_string()).collect();
        assert!(
            rows.insert(parts[1].to_string(), rest).is_none(),
            "one line per desktop: {text}"
        );
    }
    let expect = |parts: &[&str]| -> Vec<String> { parts.iter().map(|p| p.to_string()).collect() };
    let mut expected = BTreeMap::new();
    // The computer name and user follow the ID (from one listing by desktop_id).
    expected.insert(
        OPEN_DESKTOP.to_string(),
        expect(&[
            OPEN_DESKTOP,
            "HR-PC-001 (bob)",
            "OPEN",
            &format!("code {SEEDED_CODE}"),
        ]),
    );
    expected.insert(
        CONFIRM_DESKTOP.to_string(),
        expect(&[CONFIRM_DESKTOP, "OPS-PC-002 (carol)", "WAIT_USER_CONFIRM"]),
    );
    expected.insert(
        CLOSED_DESKTOP.to_string(),
        expect(&[CLOSED_DESKTOP, "DEV-PC-004 (erin)", "CLOSE"]),
    );
    expected.insert(
        FAILED_DESKTOP.to_string(),
        expect(&[
            FAILED_DESKTOP,
            "DEV-PC-005 (frank)",
            "CLOSE",
            &format!("failed: {DECLINED}"),
        ]),
    );
    assert_eq!(rows, expected, "{text}");
}

#[test]
fn code_output_is_desktop_tab_code_once_open() {
    let (sim, env) = setup(&fast_sim("1"));
    let id = generated_id(1);
    start_via_api(&sim, &id);
    let out = env
        .cmd()
        .args([
            "watch",
            OPEN_DESKTOP,
            &id,
            "--until",
            "OPEN",
            "-o",
            "code",
            "--interval",
            "100ms",
            "--deadline",
            "20s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.ends_with('\n'), "{text:?}");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    assert_eq!(
        lines.len(),
        2,
        "one line per desktop, only once open: {text:?}"
    );

    let shown = env
        .cmd()
        .args(["show", &id, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    let code = stdout(&shown).trim_end().to_string();
    assert!(is_invitation_code(&code), "{code:?}");
    let mut expected = vec![
        format!("{OPEN_DESKTOP}\t{SEEDED_CODE}"),
        format!("{id}\t{code}"),
    ];
    expected.sort();
    assert_eq!(lines, expected);
}

#[test]
fn ids_come_from_a_file_skipping_comments_and_blank_lines() {
    let (sim, env) = setup(&[]);
    let file = env.dir.path().join("ids.txt");
    std::fs::write(
        &file,
        format!(
            "# desktops to watch\n\n{OPEN_DESKTOP}\n\n# the next one waits\n{CONFIRM_DESKTOP}\n"
        ),
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["watch", "--file"])
        .arg(&file)
        .args(["--once", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = ndjson(&out);
    assert_eq!(events.len(), 2, "{}", stdout(&out));
    assert_eq!(ids_of(&events), set(&[OPEN_DESKTOP, CONFIRM_DESKTOP]));
    let paths: BTreeSet<String> = sim
        .requests()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    let mut expected: BTreeSet<String> = [OPEN_DESKTOP, CONFIRM_DESKTOP]
        .iter()
        .map(|id| assistance_path(id))
        .collect();
    // ...and one listing by desktop_id, for their names.
    expected.insert(format!("/v2/{PROJECT}/desktops"));
    assert_eq!(paths, expected, "nothing asked about comments or blanks");
}

#[test]
fn ids_come_from_stdin_when_none_are_given() {
    let (sim, env) = setup(&[]);
    let out = env
        .cmd()
        .args(["watch", "--once", "-o", "json"])
        .write_stdin(format!(
            "# from a pipe\n{OPEN_DESKTOP}\n\n{FAILED_DESKTOP}\n# end\n"
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = ndjson(&out);
    assert_eq!(events.len(), 2, "{}", stdout(&out));
    assert_eq!(ids_of(&events), set(&[OPEN_DESKTOP, FAILED_DESKTOP]));
    let failed = events
        .iter()
        .find(|e| e["desktop_id"] == FAILED_DESKTOP)
        .unwrap();
    assert_eq!(failed["status"], "CLOSE");
    assert_eq!(failed["failed_reason"], DECLINED);
    assert_eq!(
        sim.requests().len(),
        3,
        "one listing for the names, two polls"
    );
}

#[test]
fn until_open_with_one_refusal_exits_9_after_the_others_open() {
    let refusing = generated_id(3);
    let (sim, env) = setup(&[
        "--desktops",
        "3",
        "--refuse",
        &refusing,
        "--confirm-after",
        "200ms",
        "--access-after",
        "500ms",
    ]);
    let ids = [generated_id(1), generated_id(2), refusing.clone()];
    for id in &ids {
        start_via_api(&sim, id);
    }
    let began = Instant::now();
    let out = env
        .cmd()
        .args(["watch", &ids[0], &ids[1], &ids[2]])
        .args([
            "--until",
            "OPEN",
            "-o",
            "json",
            "--interval",
            "100ms",
            "--deadline",
            "30s",
        ])
        .output()
        .unwrap();
    let took = began.elapsed();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(took < Duration::from_secs(10), "not the deadline: {took:?}");
    let events = ndjson(&out);
    let by = statuses_by_desktop(&events);
    for id in &ids[..2] {
        assert!(
            is_lifecycle_to_open(&by[id.as_str()]),
            "{id}: {:?}",
            by.get(id.as_str())
        );
    }
    let last_refused = events
        .iter()
        .rev()
        .find(|e| e["desktop_id"] == refusing.as_str())
        .expect("the refusing desktop is reported");
    assert_eq!(last_refused["status"], "CLOSE", "{last_refused}");
    assert_eq!(last_refused["failed_reason"], DECLINED);
    assert_clean(&out);
}

#[test]
fn a_passing_deadline_exits_8_naming_the_pending_desktops() {
    let (sim, env) = setup(&["--desktops", "1", "--confirm-after", "60s"]);
    let pending = generated_id(1);
    start_via_api(&sim, &pending);
    let began = Instant::now();
    let out = env
        .cmd()
        .args([
            "watch",
            OPEN_DESKTOP,
            &pending,
            "--until",
            "OPEN",
            "--deadline",
            "1s",
            "--interval",
            "100ms",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let took = began.elapsed();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let err = stderr(&out);
    assert!(err.contains(&pending), "{err}");
    assert!(
        !err.contains(OPEN_DESKTOP),
        "the open desktop is not pending: {err}"
    );
    let by = statuses_by_desktop(&ndjson(&out));
    assert_eq!(by[OPEN_DESKTOP], ["OPEN"]);
    assert_eq!(by[pending.as_str()], ["WAIT_USER_CONFIRM"]);
    assert_clean(&out);
}

#[test]
fn a_missing_desktop_is_dropped_and_the_run_exits_5() {
    let (sim, env) = setup(&fast_sim("1"));
    let id = generated_id(1);
    let missing = generated_id(999);
    start_via_api(&sim, &id);
    let out = env
        .cmd()
        .args([
            "watch",
            &missing,
            &id,
            "--until",
            "OPEN",
            "-o",
            "json",
            "--interval",
            "100ms",
            "--deadline",
            "20s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let events = ndjson(&out);
    assert_eq!(ids_of(&events), set(&[&id]), "{}", stdout(&out));
    assert!(is_lifecycle_to_open(
        &statuses_by_desktop(&events)[id.as_str()]
    ));
    assert!(stderr(&out).contains(&missing), "{}", stderr(&out));
    let asked = sim
        .requests()
        .iter()
        .filter(|r| r["path"] == assistance_path(&missing))
        .count();
    assert_eq!(asked, 1, "dropped after its 404, never polled again");
    assert_clean(&out);
}

#[test]
fn a_wrong_sk_exits_4_at_once() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.aksk_profile(&sim, "TESTSECRETKEY-wrong-0000000000000000001");
    let began = Instant::now();
    let out = env
        .cmd()
        .args([
            "watch",
            OPEN_DESKTOP,
            "--interval",
            "100ms",
            "--deadline",
            "30s",
        ])
        .output()
        .unwrap();
    let took = began.elapsed();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("APIGW.0301"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("TESTSECRETKEY-wrong"));
    let reqs = sim.requests();
    assert_eq!(reqs.len(), 1, "a 401 is never retried: {reqs:#?}");
    assert_eq!(reqs[0]["status"], 401);
}

#[test]
fn two_hundred_desktops_through_a_flaky_server_all_reach_open() {
    let (sim, env) = setup(&[
        "--desktops",
        "200",
        "--fault",
        "503",
        "--fault-rate",
        "0.1",
        "--confirm-after",
        "300ms",
        "--access-after",
        "300ms",
    ]);
    let ids: Vec<String> = (1..=200).map(generated_id).collect();
    for id in &ids {
        start_via_api(&sim, id);
    }
    let file = env.dir.path().join("ids.txt");
    std::fs::write(&file, ids.join("\n") + "\n").unwrap();
    let out = env
        .cmd()
        .args(["watch", "--file"])
        .arg(&file)
        .args([
            "--until",
            "OPEN",
            "-o",
            "json",
            "--interval",
            "100ms",
            "--concurrency",
            "8",
            "--deadline",
            "60s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = ndjson(&out);
    let by = statuses_by_desktop(&events);
    let expected: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(by.keys().cloned().collect::<BTreeSet<_>>(), expected);
    for (id, seen) in &by {
        assert!(is_lifecycle_to_open(seen), "{id}: {seen:?}");
    }
    for e in events.iter().filter(|e| e["status"] == "OPEN") {
        assert!(
            is_invitation_code(e["invitation_code"].as_str().unwrap_or_default()),
            "{e}"
        );
    }
    assert_clean(&out);
    // The faults did happen, and no answer was a failure the watch gave up on.
    let statuses: Vec<u64> = sim
        .requests()
        .iter()
        .filter(|r| r["method"] == "GET")
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert!(statuses.contains(&503), "the fault rate applied");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 503));

    // On stderr: a warning when a failure streak begins, a recovery note when it answers
    // again, nothing in between (one warning per streak); one cause over many desktops at
    // once is one line that counts them ("…: 12 desktops (…); retrying each with backoff").
    let err = stderr(&out);
    // "warning: desktop X: …" counts one; "warning: …: 12 desktops (…" counts twelve.
    let desktops_in = |line: &str| -> usize {
        line.split(" desktops ")
            .next()
            .and_then(|head| head.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
    };
    let (mut warned, mut recovered) = (0, 0);
    for line in err.lines() {
        if line.starts_with("warning:") {
            warned += desktops_in(line);
        } else if line.starts_with("note:") && line.contains("answer") {
            recovered += desktops_in(line);
        }
    }
    assert!(warned > 0, "the 503s were reported:\n{err}");
    assert_eq!(
        warned, recovered,
        "each streak warned once and ended once:\n{err}"
    );
    assert!(
        err.lines()
            .filter(|l| l.starts_with("warning"))
            .all(|l| l.contains("503")),
        "{err}"
    );
}

#[test]
fn sigint_ends_the_watch_with_130_within_a_second() {
    let (_sim, env) = setup(&[]);
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", OPEN_DESKTOP, "--interval", "30s", "-o", "json"]);
    let mut run = Running::spawn(cmd);
    let first = run
        .next_line(Duration::from_secs(10))
        .expect("a first line while it runs");
    let signalled = Instant::now();
    run.interrupt();
    let status = run.wait_for_exit(Duration::from_secs(5));
    let took = signalled.elapsed();
    let (rest, err) = run.finish();
    let status = status.unwrap_or_else(|| panic!("still running 5 s after SIGINT; stderr: {err}"));
    assert_eq!(status.code(), Some(130), "{status:?}; stderr: {err}");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert!(first.ends_with('\n'), "{first:?}");
    for line in std::iter::once(&first).chain(rest.iter()) {
        assert!(line.ends_with('\n'), "whole lines only: {line:?}");
        let v = parse_event(line);
        assert_eq!(v["desktop_id"], OPEN_DESKTOP);
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn once_with_state_prints_only_what_changed_since_the_last_run() {
    let (sim, env) = setup(&["--confirm-after", "60s"]);
    let state = env.dir.path().join("watch-state.json");
    let run = || {
        env.cmd()
            .args(["watch", OPEN_DESKTOP, CONFIRM_DESKTOP, CLOSED_DESKTOP])
            .args(["--once", "-o", "json", "--state"])
            .arg(&state)
            .output()
            .unwrap()
    };

    let first = run();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let events = ndjson(&first);
    assert_eq!(events.len(), 3, "{}", stdout(&first));
    assert_eq!(
        ids_of(&events),
        set(&[OPEN_DESKTOP, CONFIRM_DESKTOP, CLOSED_DESKTOP])
    );
    assert!(state.exists(), "the state file is written");
    let polls = |sim: &Sim| {
        sim.requests()
            .iter()
            .filter(|r| r["path"].as_str().unwrap().ends_with("/remote-assistance"))
            .count()
    };
    assert_eq!(polls(&sim), 3, "--once polls each desktop once");

    let second = run();
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(stdout(&second), "", "nothing changed");

    // A new session on the closed desktop: only it changed.
    start_via_api(&sim, CLOSED_DESKTOP);
    let third = run();
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    let events = ndjson(&third);
    assert_eq!(events.len(), 1, "{}", stdout(&third));
    assert_eq!(events[0]["desktop_id"], CLOSED_DESKTOP);
    assert_eq!(events[0]["status"], "WAIT_USER_CONFIRM");
    assert_eq!(events[0]["failed_reason"], Value::Null);
}

/// Issue 13, item 2: `--state` pointed at the ID list (or any file that is not a state file)
/// used to draw a warning and be overwritten. Fails on the main of that issue.
#[test]
fn a_file_that_is_not_a_state_file_is_refused_untouched_and_an_empty_one_is_used() {
    let (sim, env) = setup(&[]);
    let state = env.dir.path().join("state.json");
    let shown = state.display().to_string();
    let run = || {
        env.cmd()
            .args([
                "watch",
                OPEN_DESKTOP,
                FAILED_DESKTOP,
                "--once",
                "-o",
                "json",
            ])
            .arg("--state")
            .arg(&state)
            .output()
            .unwrap()
    };
    let id_list = format!("{OPEN_DESKTOP}\n{FAILED_DESKTOP}\n");
    for junk in [
        "not json{{",
        "[1, 2, 3]\n",
        "{\"assist_state\": 9, \"desktops\": {}}",
        &id_list,
    ] {
        std::fs::write(&state, junk).unwrap();
        let out = run();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{junk:?}: {err}");
        assert!(
            err.contains(&shown),
            "{junk:?}: the error names the file: {err}"
        );
        assert!(err.contains("refusing to overwrite it"), "{junk:?}: {err}");
        assert_eq!(stdout(&out), "");
        assert_eq!(std::fs::read_to_string(&state).unwrap(), junk, "untouched");
    }
    assert!(
        sim.requests().is_empty(),
        "nothing polled: {:?}",
        sim.requests()
    );

    std::fs::write(&state, "").unwrap();
    let out = run();
    assert_eq!(
        out.status.code(),
        Some(0),
        "an empty file is a new state: {}",
        stderr(&out)
    );
    assert_eq!(ids_of(&ndjson(&out)), set(&[OPEN_DESKTOP, FAILED_DESKTOP]));
    let next = run();
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    assert_eq!(stdout(&next), "", "the state written is used");
}

#[test]
fn ndjson_lines_are_flushed_while_it_runs() {
    let (_sim, env) = setup(&[]);
    let mut cmd = std_cmd(&env);
    cmd.args([
        "watch",
        OPEN_DESKTOP,
        CONFIRM_DESKTOP,
        // The first round is spread over the interval: both lines come within it.
        "--interval",
        "2s",
        "-o",
        "json",
    ]);
    let mut run = Running::spawn(cmd);
    let mut got = Vec::new();
    for _ in 0..2 {
        let line = run
            .next_line(Duration::from_secs(10))
            .expect("a line before the process ends");
        got.push(parse_event(&line));
    }
    assert!(
        run.child.try_wait().unwrap().is_none(),
        "still running: the lines came from a flush, not from the exit"
    );
    let (_, err) = run.finish();
    assert_eq!(ids_of(&got), set(&[OPEN_DESKTOP, CONFIRM_DESKTOP]), "{err}");
}

/// The simulator's clock moves only when the test says so: every state is seen, in order,
/// however slow the machine (no real-time window to miss).
#[test]
fn every_state_is_reported_in_order_as_simulated_time_passes() {
    let (sim, env) = setup(&[
        "--desktops",
        "1",
        "--confirm-after",
        "1h",
        "--access-after",
        "1h",
    ]);
    let id = generated_id(1);
    start_via_api(&sim, &id);
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", &id, "-o", "json", "--interval", "100ms"])
        .args(["--until", "OPEN"]);
    let mut run = Running::spawn(cmd);
    let limit = Duration::from_secs(20);
    let mut seen = Vec::new();
    for step in ["WAIT_USER_CONFIRM", "WAIT_USER_ACCESS", "OPEN"] {
        let line = run.next_line(limit).expect("a line per change");
        let event = parse_event(&line);
        assert_eq!(event["desktop_id"], id.as_str());
        seen.push(event["status"].as_str().unwrap().to_string());
        assert_eq!(seen.last().unwrap(), step, "{seen:?}");
        sim.advance(Duration::from_secs(3600));
    }
    let status = run.wait_for_exit(limit).expect("watch --until OPEN ends");
    assert_eq!(status.code(), Some(0));
    let (rest, err) = run.finish();
    assert!(rest.is_empty(), "nothing after OPEN: {rest:?}");
    assert!(!err.contains("panicked"), "{err}");
}

/// `POST /_sim/clock?advance=` does the same for scripts that run `assist sim` themselves.
#[test]
fn the_control_endpoint_advances_the_simulated_clock() {
    let (sim, env) = setup(&["--desktops", "1", "--confirm-after", "1h"]);
    let id = generated_id(1);
    start_via_api(&sim, &id);
    let status_now = || {
        let out = env
            .cmd()
            .args(["show", &id, "-o", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()["status"].clone()
    };
    assert_eq!(status_now(), "WAIT_USER_CONFIRM");
    let answer: Value = sim_client()
        .post(format!("{}/_sim/clock?advance=1h", sim.url))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(answer["advanced_ms"], 3_600_000);
    assert_eq!(status_now(), "WAIT_USER_ACCESS");
    let refused = sim_client()
        .post(format!("{}/_sim/clock?advance=soon", sim.url))
        .send()
        .unwrap();
    assert_eq!(refused.status().as_u16(), 400);
}

#[test]
fn a_closed_stdout_ends_a_quiet_watch_with_0_and_its_state_saved() {
    // Nothing changes after the first line: no write ever fails, so only looking at the
    // pipe can tell that its reader has gone (`watch --all | head -1` hung).
    let (_sim, env) = setup(&[]);
    let state = env.dir.path().join("quiet-state.json");
    let mut cmd = std_cmd(&env);
    cmd.args([
        "watch",
        OPEN_DESKTOP,
        "--interval",
        "30s",
        "-o",
        "json",
        "--state",
    ])
    .arg(&state)
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("spawn assist");
    let mut reader = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    std::io::BufRead::read_line(&mut reader, &mut first).expect("a first line");
    assert_eq!(parse_event(&first)["status"], "OPEN");
    // The read end closes, as `head -1` closes it after its line.
    drop(reader);
    let status = wait_for_child(&mut child);
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert_eq!(err, "");
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).expect("saved"))
        .expect("a state file");
    assert_eq!(saved["desktops"][OPEN_DESKTOP]["status"], "OPEN", "{saved}");
}
