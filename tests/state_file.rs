//! The `watch --state` file: private, refused early when unusable, and a run waiting for it
//! still answers Ctrl-C at once.

mod common;

use std::time::{Duration, Instant};

use common::*;

fn setup() -> (Sim, Env) {
    sim_and_env(&[])
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

#[test]
fn ctrl_c_while_waiting_for_a_busy_state_file_exits_130_at_once() {
    let (_sim, env) = setup();
    let state = env.dir.path().join("state.json");
    // The first run holds the state file for as long as it watches.
    let mut holder = std_cmd(&env);
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
        .arg(&state);
    let holder = Running::spawn(holder);
    holder
        .next_line(Duration::from_secs(10))
        .expect("the holder is watching");
    let mut waiter = std_cmd(&env);
    waiter
        .args(["watch", "--once", OPEN_DESKTOP, "--state"])
        .arg(&state);
    let mut waiter = Running::spawn(waiter);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        waiter.child.try_wait().unwrap().is_none(),
        "it waits for the lock"
    );
    let sent = Instant::now();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &waiter.child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = waiter
        .wait_for_exit(Duration::from_secs(5))
        .expect("it ended");
    assert!(
        sent.elapsed() < Duration::from_millis(1500),
        "took {:?}",
        sent.elapsed()
    );
    assert_eq!(status.code(), Some(130));
    let (lines, err) = waiter.finish();
    assert!(lines.is_empty(), "{lines:?}");
    assert!(err.contains("interrupted"), "{err}");
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
