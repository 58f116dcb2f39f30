//! The `watch --state` file: private, refused early when unusable, refused after a while when
//! another run holds it, and a run waiting for it still answers Ctrl-C at once.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;

/// This file's simulator has no options: common's `setup` with none (kept under this name so
/// that tests written as `setup()` on other branches still build after the merge).
fn setup() -> (Sim, Env) {
    crate::common::setup(&[])
}

#[test]
fn the_state_file_is_private() {
    let (_sim, env) = setup();
    let state = env.dir.path().join("state.json");
    let out = env
        .cmd()
        .args(["watch", "--once", OPEN_DESKTOP, "--state"])
        .arg(&state)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode_of(&state), 0o600);
}

#[test]
fn an_unusable_state_path_exits_3_before_any_request() {
    let (sim, env) = setup();
    for state in [
        env.dir.path().to_path_buf(),
        env.dir.path().join("missing-dir/state.json"),
    ] {
        let out = env
            .cmd()
            .args(["watch", "--once", OPEN_DESKTOP, "--state"])
            .arg(&state)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        assert!(stderr(&out).contains("cannot be used"), "{}", stderr(&out));
        assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
        assert_eq!(stdout(&out), "");
    }
    assert!(sim.requests().is_empty(), "nothing was polled");
}

/// A watch that holds the state file for as long as it runs (it has printed its first line).
fn hold(env: &Env, state: &Path) -> Running {
    let mut holder = std_cmd(env);
    holder
        .args([
            "watch",
            OPEN_DESKTOP,
            "--interval",
            "30s",
            "-o",
            "json",
            "--state",
        ])
        .arg(state);
    let holder = Running::spawn(holder);
    holder
        .next_line(Duration::from_secs(10))
        .expect("the holder is watching");
    holder
}

#[test]
fn ctrl_c_while_waiting_for_a_busy_state_file_exits_130_at_once() {
    let (_sim, env) = setup();
    let state = env.dir.path().join("state.json");
    let holder = hold(&env, &state);
    let mut waiter = std_cmd(&env);
    // The lock wait runs an hour: ending within the tests' 20 s limit can only be Ctrl-C
    // cutting it short (no stopwatch on a busy machine).
    waiter
        .env("ASSIST_TEST_LOCK_WAIT", "1h")
        .args(["watch", "--once", OPEN_DESKTOP, "--state"])
        .arg(&state);
    let mut waiter = Running::spawn(waiter);
    assert!(
        waiter.wait_for_stderr("in use by another assist run", Duration::from_secs(10)),
        "it says it waits for the lock: {:?}",
        waiter.seen
    );
    assert!(
        waiter.child.try_wait().unwrap().is_none(),
        "it waits for the lock"
    );
    waiter.interrupt();
    let (status, lines, err) = waiter
        .end_within(Duration::from_secs(20))
        .expect("it ended");
    assert_eq!(status.code(), Some(130));
    assert!(lines.is_empty(), "{lines:?}");
    assert!(err.contains("interrupted"), "{err}");
    drop(holder);
}

#[test]
fn a_state_file_held_past_the_lock_wait_exits_3_naming_the_wait() {
    let (_sim, env) = setup();
    let state = env.dir.path().join("state.json");
    let holder = hold(&env, &state);
    let started = Instant::now();
    let out = env
        .cmd()
        .env("ASSIST_TEST_LOCK_WAIT", "300ms")
        .args(["watch", "--once", OPEN_DESKTOP, "--state"])
        .arg(&state)
        .output()
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let shown = state.display();
    assert_eq!(
        stderr(&out),
        format!(
            "waiting up to 300 ms for the state file {shown}, in use by another assist run\n\
             error: the state file {shown} is in use by another assist run (waited 300 ms)\n  \
             hint: give each watch its own --state file, or let the other run finish\n"
        )
    );
    assert_eq!(stdout(&out), "");
    drop(holder);
}

#[test]
fn a_line_of_stdin_that_is_not_utf8_is_a_usage_error_naming_it() {
    let (sim, env) = setup();
    let out = env
        .cmd()
        .args(["watch", "--once", "-o", "code"])
        .write_stdin([format!("{EXAMPLE_DESKTOP}\n# caf").as_bytes(), b"\xe9\n"].concat())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 2 of stdin is not UTF-8"),
        "{}",
        stderr(&out)
    );
    assert!(sim.requests().is_empty());
}

#[test]
fn a_fifo_at_the_state_file_or_its_lock_is_exit_3_at_once_and_polls_nothing() {
    let (sim, env) = setup();
    for planted in ["state.json", "state.json.lock"] {
        let dir = env.dir.path().join(planted.replace('.', "-"));
        std::fs::create_dir(&dir).unwrap();
        let state = dir.join("state.json");
        crate::hardening::mkfifo(&dir.join(planted));
        // The timeout only guards against a hang (the run then has no exit code); today's
        // runs end at once.
        let mut watch = env.cmd();
        watch
            .timeout(Duration::from_secs(20))
            .args(["watch", "--once", OPEN_DESKTOP, "--state"])
            .arg(&state);
        let why = if planted.ends_with(".lock") {
            format!("its lock {}.lock: ", state.display())
        } else {
            String::new()
        };
        let expected = format!(
            "error: the state file {} cannot be used: {why}it is a FIFO (named pipe), not a regular file\n  \
             hint: point --state at a file in a directory that exists and that this user can write\n",
            state.display()
        );
        let out = assert_error(&mut watch, 3, &[]);
        assert_eq!(stderr(&out), expected);
    }
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());
}
