//! "No session" is a state (`NONE`), under each answer the cloud may give for it
//! (`--no-record-as 404|empty|nulls`): `show`, `watch`, cron runs with `--state`, and `start`
//! on a desktop whose session is already there.

use std::time::Duration;

use crate::common::*;
use serde_json::{json, Value};

/// The simulator's three ways of saying "this desktop has no record".
const VARIANTS: [&str; 3] = ["404", "empty", "nulls"];

fn sim_with(variant: &str, extra: &[&str]) -> (Sim, Env) {
    let mut flags = vec!["--no-record-as", variant];
    flags.extend_from_slice(extra);
    sim_and_env(&flags)
}

#[test]
fn show_of_a_desktop_without_a_session_is_none_under_every_variant() {
    for variant in VARIANTS {
        let (_sim, env) = sim_with(variant, &["--desktops", "3"]);
        let id = generated_id(2);
        let out = env
            .cmd()
            .args(["show", &id, "-o", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{variant}: {}", stderr(&out));
        let v = json_of(&out);
        assert_eq!(keys_of(&v), sorted(&SHOW_KEYS), "{variant}: {v}");
        assert_eq!(v["status"], "NONE", "{variant}: {v}");
        assert_eq!(v["desktop_id"], id.as_str());
        for key in SHOW_KEYS
            .iter()
            .filter(|k| !["status", "desktop_id"].contains(k))
        {
            assert_eq!(v[key], Value::Null, "{variant}: {key} in {v}");
        }
        assert_eq!(stderr(&out), "", "{variant}");

        let out = env
            .cmd()
            .args(["show", &id, "-o", "code"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(9), "{variant}: {}", stderr(&out));
        assert_eq!(stdout(&out), "");
        assert!(stderr(&out).contains("status NONE"), "{}", stderr(&out));

        // The table says what NONE means and what to do, for the desktop the selector found.
        let out = env
            .cmd()
            .args(["show", "--name", "PC-00002"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{variant}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("no remote assistance session"), "{text}");
        assert!(text.contains(&format!("assist start {id}")), "{text}");
        assert!(text.contains("user002"), "names when known: {text}");
        assert!(
            !stderr(&out).contains("check the desktop ID"),
            "{}",
            stderr(&out)
        );
        assert_clean(&out);
    }
}

#[test]
fn a_desktop_that_does_not_exist_is_exit_5_under_every_variant() {
    for variant in VARIANTS {
        let (sim, env) = sim_with(variant, &["--desktops", "3"]);
        let missing = generated_id(999);
        let out = env.cmd().args(["show", &missing]).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{variant}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("does not exist"), "{variant}: {err}");
        assert!(
            err.contains("hint: check the desktop ID"),
            "{variant}: {err}"
        );
        assert_eq!(stdout(&out), "");
        // The 404, then one listing by desktop_id that does not have it.
        let reqs = sim.requests();
        assert_eq!(reqs.len(), 2, "{reqs:#?}");
        assert_eq!(
            reqs[1]["query"],
            format!("desktop_id={missing}&limit=1&offset=0"),
            "{reqs:#?}"
        );
    }
}

#[test]
fn watch_started_before_the_session_prints_none_then_each_change_once() {
    for variant in VARIANTS {
        let (sim, env) = sim_with(
            variant,
            &[
                "--desktops",
                "2",
                "--confirm-after",
                "300ms",
                "--access-after",
                "300ms",
            ],
        );
        let id = generated_id(1);
        let mut cmd = std_cmd(&env);
        cmd.args(["watch", &id, "--until", "OPEN", "--deadline", "30s"])
            .args(["--interval", "100ms", "-o", "json"]);
        let watch = Running::spawn(cmd);
        let first = watch
            .next_line(Duration::from_secs(20))
            .expect("a first line before the session starts");
        let first: Value = serde_json::from_str(&first).unwrap();
        assert_eq!(first["status"], "NONE", "{variant}: {first}");
        assert_eq!(first["computer_name"], "PC-00001", "{first}");
        assert_eq!(first["user_name"], "user001", "{first}");
        start_via_api(&sim, &id);
        let (status, rest, err) = watch
            .end_within(Duration::from_secs(30))
            .expect("the watch ends once OPEN");
        assert_eq!(status.code(), Some(0), "{variant}: {err}");
        let seen: Vec<String> = rest
            .iter()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["status"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert!(
            is_lifecycle_to_open(&seen),
            "{variant}: after NONE {seen:?}"
        );
        assert_eq!(err, "", "{variant}: nothing on stderr");
    }
}

#[test]
fn three_cron_runs_over_50_desktops_45_without_a_session_print_only_real_changes() {
    for variant in VARIANTS {
        let (sim, env) = sim_with(variant, &["--desktops", "50", "--confirm-after", "1h"]);
        let ids: Vec<String> = (1..=50).map(generated_id).collect();
        for id in &ids[..5] {
            start_via_api(&sim, id);
        }
        let file = env.dir.path().join("fleet.txt");
        std::fs::write(&file, ids.join("\n") + "\n").unwrap();
        let state = env.dir.path().join("state.json");
        let run = || {
            let out = env
                .cmd()
                .args(["watch", "--once", "--file"])
                .arg(&file)
                .arg("--state")
                .arg(&state)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{variant}: {}", stderr(&out));
            assert_eq!(stderr(&out), "", "{variant}: nothing on stderr");
            stdout(&out)
        };
        // The first run reports the five sessions; the 45 desktops without one are quiet.
        let first = run();
        assert_eq!(first.lines().count(), 5, "{variant}: {first}");
        assert!(
            first.lines().all(|l| l.contains("WAIT_USER_CONFIRM")),
            "{first}"
        );
        assert!(first.contains("PC-00001 (user001)"), "names: {first}");
        assert!(!first.contains("NONE"), "{first}");
        // One more session: the one change.
        start_via_api(&sim, &ids[10]);
        let second = run();
        assert_eq!(second.lines().count(), 1, "{variant}: {second}");
        assert!(
            second.contains(&ids[10]) && !second.contains("NONE"),
            "{second}"
        );
        // Nothing changed.
        assert_eq!(run(), "", "{variant}");
    }
}

#[test]
fn start_on_an_open_desktop_sends_no_post_and_reports_the_session() {
    let (sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["start", OPEN_DESKTOP, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("already OPEN since"), "{err}");
    assert!(err.contains("code K7Q2M9XA"), "{err}");
    assert!(err.contains("--new"), "{err}");
    assert_eq!(json_of(&out)["invitation_code"], "K7Q2M9XA");
    assert_nothing_changed(&sim);
    assert_clean(&out);

    // --wait on a session waiting for the user waits on it, without asking again.
    let out = env
        .cmd()
        .args([
            "start",
            CONFIRM_DESKTOP,
            "--wait",
            "--interval",
            "100ms",
            "--deadline",
            "1s",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(8),
        "still pending: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("already waiting for the user"),
        "{}",
        stderr(&out)
    );
    assert_nothing_changed(&sim);
}

#[test]
fn start_new_cancels_the_session_and_asks_again() {
    let (sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["start", OPEN_DESKTOP, "--new", "--yes", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["status"], "WAIT_USER_CONFIRM");
    let methods: Vec<String> = assistance_requests(&sim)
        .iter()
        .map(|r| r["method"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(methods, ["GET", "DELETE", "POST"]);
}

/// `--new` closes a session someone may be using: a script says `--yes`, else nothing is
/// sent and the run ends with exit 2 saying why.
#[test]
fn start_new_without_a_terminal_needs_yes() {
    let (sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["start", OPEN_DESKTOP, "--new"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("without confirmation: there is no terminal to ask on"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("add --yes"), "{}", stderr(&out));
    assert_eq!(sim.requests().len(), 0, "no request before the refusal");
}

/// On a terminal `--new` asks first: `n` leaves the session as it is (only the look is
/// sent), `y` cancels it and asks again.
#[test]
fn start_new_on_a_terminal_asks_first() {
    let (sim, env) = sim_and_env(&[]);
    let methods = || -> Vec<String> {
        assistance_requests(&sim)
            .iter()
            .map(|r| r["method"].as_str().unwrap().to_string())
            .collect()
    };
    let screen = start_new_answering(&env, "n");
    assert!(
        screen.contains("has a session that is OPEN. Cancel it and ask again? [y/N]"),
        "{screen}"
    );
    assert!(
        screen.contains("left the session as it is; nothing changed"),
        "{screen}"
    );
    assert_eq!(methods(), ["GET"]);
    let screen = start_new_answering(&env, "y");
    assert!(
        screen.contains("cancelled the session that was OPEN (--new)"),
        "{screen}"
    );
    assert_eq!(methods(), ["GET", "GET", "DELETE", "POST"]);
}

/// Runs `start OPEN_DESKTOP --new` on a pseudo-terminal (`script`), answers the question,
/// and returns the screen once it ended with exit 0.
fn start_new_answering(env: &Env, answer: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("{BIN} start {OPEN_DESKTOP} --new --no-audit"),
            "/dev/null",
        ])
        .env("HOME", env.dir.path())
        .env("XDG_CACHE_HOME", env.dir.path().join("xdg-cache"))
        .env("ASSIST_CONFIG", env.config_path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux runs assist on a pseudo-terminal");
    let mut stdin = child.stdin.take().unwrap();
    let screen = watch_screen(child.stdout.take().unwrap());
    wait_for_text(&screen, "[y/N]");
    stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    let text = screen.lock().unwrap().clone();
    assert_eq!(status.code(), Some(0), "{text}");
    text
}

#[test]
fn a_racing_post_answered_409_is_already_active_not_an_api_failure() {
    let (sim, env) = sim_and_env(&["--post-on-active", "conflict"]);
    // The look sees no session (a blank answer), then the POST finds the pending one: 409.
    sim.fault(json!({"kind": "nulls", "count": 1, "method": "GET"}));
    let out = env.cmd().args(["start", CONFIRM_DESKTOP]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("already active"), "{err}");
    assert!(err.contains("HTTP 409"), "{err}");
    assert!(
        stdout(&out).contains("WAIT_USER_CONFIRM"),
        "{}",
        stdout(&out)
    );
    assert_eq!(requests_with_method(&sim, "POST").len(), 1);
    assert_clean(&out);
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    v.sort();
    v
}
