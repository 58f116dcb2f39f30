//! A panic is an internal error to a script: exit 1 and one line on stderr, never an abort
//! (134) and never a watch that hangs on a dead worker. Debug builds panic on demand through
//! `ASSIST_TEST_PANIC`.

use std::time::Duration;

use crate::common::*;

/// Runs `args` with a panic injected at `place` (and `envs` set).
fn panicking(env: &Env, place: &str, envs: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("ASSIST_TEST_PANIC", place)
        .envs(envs.iter().copied())
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap()
}

/// The one line the panic hook prints for the injected panic.
fn assert_one_panic_line(out: &std::process::Output, place: &str) {
    let err = stderr(out);
    let prefix = format!("error: internal error: ASSIST_TEST_PANIC={place} at src/testing.rs:");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&prefix), "{err}");
    assert!(err.ends_with(" (please report this)\n"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_panic_in_the_main_path_exits_1_with_one_line() {
    let (sim, env) = sim_and_env(&[]);
    let out = panicking(&env, "main", &[], &["show", OPEN_DESKTOP]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_one_panic_line(&out, "main");
    assert_eq!(stdout(&out), "");
    assert!(sim.requests().is_empty());
}

#[test]
fn a_panicking_watch_worker_ends_the_watch_with_exit_1_at_once() {
    let (_sim, env) = sim_and_env(&[]);
    // No --once, no deadline: only the dead worker can end this watch, so an exit code at
    // all (not the 30 s kill of a hung run) says it did not hang.
    let out = panicking(&env, "worker", &[], &["watch", OPEN_DESKTOP, "-o", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_one_panic_line(&out, "worker");
    assert_eq!(stdout(&out), "");
}

#[test]
fn rust_backtrace_adds_the_backtrace_after_the_line() {
    let (_sim, env) = sim_and_env(&[]);
    let out = panicking(
        &env,
        "main",
        &[("RUST_BACKTRACE", "1")],
        &["show", OPEN_DESKTOP],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("error: internal error: ASSIST_TEST_PANIC=main"),
        "{err}"
    );
    assert!(err.contains("assist::testing::panic_if"), "{err}");
}

#[test]
fn without_the_knob_nothing_panics() {
    let (_sim, env) = sim_and_env(&[]);
    let out = panicking(
        &env,
        "elsewhere",
        &[],
        &["watch", "--once", OPEN_DESKTOP, "-o", "code"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}
