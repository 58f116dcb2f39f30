//! Edges of the contract: Ctrl-C during a request, --max-rate, re-signing per attempt,
//! watch's exit codes, colours and next steps per status, concurrent --state runs, clock
//! skew in `config check`, the demo profile's precedence, and no secrets as flags.

use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::{json, Value};

const ACCESS_DESKTOP: &str = "11111111-0000-4000-8000-000000000003";
const CLOSED_DESKTOP: &str = "11111111-0000-4000-8000-000000000004";

#[test]
fn ctrl_c_in_the_middle_of_a_request_exits_130_without_waiting_for_the_answer() {
    let slow = format!("{CONFIRM_DESKTOP}=latency:20s");
    let (sim, env) = setup(&["--fault-on", &slow]);
    let mut cmd = std_cmd(&env);
    cmd.args([
        "-v",
        "watch",
        OPEN_DESKTOP,
        CONFIRM_DESKTOP,
        "-o",
        "json",
        "--interval",
        "100ms",
    ]);
    let mut run = Running::spawn(cmd);
    let first = run
        .lines
        .recv_timeout(Duration::from_secs(10))
        .expect("the fast desktop's line");
    // `-v` prints the request line as the request goes out: from then on it is in flight.
    assert!(
        run.wait_for_stderr(&assistance_path(CONFIRM_DESKTOP), Duration::from_secs(10)),
        "the slow request is in flight: {:?}",
        run.seen
    );
    run.interrupt();
    let (exit, rest, _) = run.end_within(Duration::from_secs(20)).expect("it ended");
    assert_eq!(exit.code(), Some(130));
    // The simulator logs a request when it answers, 20 s after it came: the run ended before
    // that, so it did not wait for the answer (checked on the log, not on a stopwatch).
    let slow_path = assistance_path(CONFIRM_DESKTOP);
    assert!(
        !sim.requests().iter().any(|r| r["path"] == slow_path),
        "the slow request was answered before the run ended"
    );
    for line in std::iter::once(first).chain(rest) {
        assert!(line.ends_with('\n'), "a whole line: {line:?}");
        serde_json::from_str::<Value>(&line).expect("complete JSON");
    }
}

#[test]
fn max_rate_caps_the_requests_per_second() {
    let (sim, env) = setup(&["--desktops", "20", "--seed-status", "mixed"]);
    let ids: Vec<String> = (1..=20).map(generated_id).collect();
    let file = env.dir.path().join("ids");
    std::fs::write(&file, ids.join("\n")).unwrap();
    let started = Instant::now();
    let out = env
        .cmd()
        .args(["watch", "--once", "--max-rate", "5", "-o", "json", "--file"])
        .arg(&file)
        .output()
        .unwrap();
    let took = started.elapsed();
    // The lookup and 20 polls at 5 per second: the last one waits for its slot, 4 s in.
    // (Uncapped, a watch begins with a slow start at 10 per second, doubling every second.)
    assert!(took >= Duration::from_millis(3800), "took only {took:?}");
    // One listing for the names, then the 20 polls.
    assert_eq!(sim.requests().len(), 21);
    // Every fifth generated desktop has no record (404): NONE, reported like the others.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 20);
    assert_eq!(stdout(&out).matches("\"status\":\"NONE\"").count(), 4);

    // Without a cap it is faster, shown on what the simulator counted, not by a stopwatch:
    // this gateway lets 12 calls through at once and then one every 50 ms. An uncapped watch
    // begins with a slow start (10 a second, growing with each accepted call) and keeps
    // within twice its demand (desktops per interval), so it needs calls enough, and demand
    // enough, to pass 20 a second: 60 desktops every second, whose pace ends well above it
    // whatever the machine's speed, and the gateway refuses some.
    let many: Vec<String> = (1..=60).map(generated_id).collect();
    let file = env.dir.path().join("many-ids");
    std::fs::write(&file, many.join("\n")).unwrap();
    let (sim, env) = setup(&[
        "--desktops",
        "60",
        "--seed-status",
        "mixed",
        "--rate-limit",
        "20/s",
        "--rate-burst",
        "12",
    ]);
    env.cmd()
        .args([
            "watch",
            "--once",
            "--interval",
            "1s",
            "-o",
            "json",
            "--file",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let throttled = sim.stats()["quota"]["throttled"].as_u64();
    assert!(
        throttled > Some(0),
        "never faster than 20/s: {}",
        sim.stats()
    );
}

#[test]
fn each_attempt_is_signed_anew() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "429", "count": 1, "retry_after": 1}));
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reqs = sim.requests();
    assert_eq!(reqs.len(), 2);
    let date = |i: usize| {
        reqs[i]["headers"]["x-sdk-date"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_ne!(
        date(0),
        date(1),
        "a fresh X-Sdk-Date, one second or more later"
    );
    assert_eq!(reqs[1]["status"], 200, "and the new signature verified");
}

#[test]
fn watch_exit_codes_for_refusals_and_missing_desktops() {
    let (sim, env) = setup(&[]);
    // The first request (the names' lookup) is refused: the run ends with exit 4, and after a
    // refusal no other request is sent (not even the poll).
    sim.fault(json!({"kind": "403", "count": 1}));
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
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("APIGW.0302"), "{}", stderr(&out));
    // At once, not at the 30 s deadline (that would be 8): the log holds the refused request
    // and nothing after it.
    assert_eq!(sim.requests().len(), 1, "one refused request, then none");

    let out = env
        .cmd()
        .args(["watch", "--once", OPEN_DESKTOP, "no-such-desktop"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1, "the found one is reported");

    env.aksk_profile(&sim, "WRONGSECRET-0000000000000000000000000001");
    let out = env
        .cmd()
        .args(["watch", "--once", OPEN_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_clean(&out);
}

#[test]
fn each_status_has_its_colour_and_its_next_step() {
    let (_sim, env) = setup(&[]);
    let green = "\u{1b}[38;5;10m";
    let yellow = "\u{1b}[38;5;11m";
    let dim = "\u{1b}[2m";
    let red = "\u{1b}[38;5;9m";
    for (id, colour, step) in [
        (
            OPEN_DESKTOP,
            green,
            "the space is open: join it with the invitation code",
        ),
        (
            CONFIRM_DESKTOP,
            yellow,
            "waiting for the user to accept on their desktop",
        ),
        (
            ACCESS_DESKTOP,
            yellow,
            "the user accepted; waiting for them to enable access",
        ),
        (
            CLOSED_DESKTOP,
            dim,
            "the assistance is closed: `assist start` asks again",
        ),
    ] {
        let out = env
            .cmd()
            .args(["--color", "always", "show", id])
            .output()
            .unwrap();
        let text = stdout(&out);
        let status = text.lines().find(|l| l.contains("Status")).unwrap();
        assert!(status.contains(colour), "{id}: {status:?}");
        assert!(status.contains(step), "{id}: {status:?}");
        let plain = env.cmd().args(["show", id]).output().unwrap();
        assert!(
            stdout(&plain).contains(step),
            "the next step without colour too"
        );
        assert!(!stdout(&plain).contains('\u{1b}'));
    }
    let out = env
        .cmd()
        .args(["--color", "always", "show", FAILED_DESKTOP])
        .output()
        .unwrap();
    let reason = stdout(&out)
        .lines()
        .find(|l| l.contains("Failed reason"))
        .unwrap()
        .to_string();
    assert!(
        reason.contains(red) && reason.contains("declined"),
        "{reason:?}"
    );
}

#[test]
fn concurrent_state_runs_take_turns_and_keep_the_file_whole() {
    let (_sim, env) = setup(&[]);
    let state = env.dir.path().join("state.json");
    let runs: Vec<_> = (0..5)
        .map(|_| {
            let mut cmd = std_cmd(&env);
            cmd.args([
                "watch",
                "--once",
                "-o",
                "json",
                OPEN_DESKTOP,
                CONFIRM_DESKTOP,
                "--state",
            ])
            .arg(&state)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    let mut printed = 0;
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        printed += stdout(&out).lines().count();
    }
    assert_eq!(
        printed, 2,
        "the two first observations, reported by one run only"
    );
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert_eq!(saved["desktops"].as_object().unwrap().len(), 2);
    let out = env
        .cmd()
        .args(["watch", "--once", OPEN_DESKTOP, CONFIRM_DESKTOP, "--state"])
        .arg(&state)
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "", "nothing changed since");
}

#[test]
fn config_check_names_clock_skew() {
    let (_sim, env) = setup(&["--clock-ahead", "20m"]);
    let out = env.cmd().args(["config", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("step 3 of 3"), "{err}");
    assert!(err.contains("APIGW.0303"), "{err}");
    assert!(err.contains("clock"), "{err}");
    assert!(err.contains("request id "), "{err}");
}

#[test]
fn the_demo_profile_is_built_in_unless_the_file_defines_one() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.prod]\nregion = \"cn-north-4\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    let out = env
        .cmd()
        .args(["--profile", "demo", "show", EXAMPLE_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");

    env.write_config(&format!(
        "[profiles.demo]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n",
        dead_url()
    ));
    let out = env
        .cmd()
        .args([
            "--profile",
            "demo",
            "show",
            EXAMPLE_DESKTOP,
            "--max-attempts",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(7),
        "the user's own demo profile wins: {}",
        stderr(&out)
    );
}

#[test]
fn secrets_are_never_accepted_as_flags() {
    let env = Env::new();
    for flag in ["--sk", "--token", "--password", "--security-token"] {
        let out = env
            .cmd()
            .args([flag, "x", "show", EXAMPLE_DESKTOP])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
    }
}
