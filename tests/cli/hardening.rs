//! Hardening, round two: one test per hole an attack on the shipped binary found, each failing
//! on the code before the fix (the commit that added it names them).
//! Files an attacker cannot redirect, signals that save the state, secret commands that print
//! one line, one refused request per run, no proxy for loopback, no echoed secret, nothing
//! unbounded, an interval floor, no silent `--once`, no silent hang, no text that reads as
//! something else. Round three (issue 22): no FIFO, device or other user's file is waited on
//! or used (audit log, state, lock, config, caches), and no small settings file is a bomb.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use crate::common::*;
use serde_json::{json, Value};

const PASSWORD: &str = "Hardening-Passw0rd!-do-not-print";
const SECURITY_TOKEN: &str = "hardening-security-token-do-not-print";

// ---- Item 1: state, lock, cache and config files cannot be redirected ----

/// A private directory for state files, and a file elsewhere that must never change.
fn state_dir_and_victim(env: &Env) -> (PathBuf, PathBuf) {
    let dir = env.dir.path().join("state");
    std::fs::create_dir(&dir).unwrap();
    set_mode(&dir, 0o700);
    let victim = env.dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    (dir, victim)
}

fn watch_once_with_state(env: &Env, state: &Path) -> std::process::Output {
    env.cmd()
        .args(["watch", OPEN_DESKTOP, "--once", "-o", "json", "--state"])
        .arg(state)
        .output()
        .unwrap()
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[test]
fn a_planted_symlink_at_any_name_the_state_writer_uses_leaves_its_target_untouched() {
    let (sim, env) = sim_and_env(&[]);
    let (dir, victim) = state_dir_and_victim(&env);
    let state = dir.join("state.json");

    // The state file itself: refused, not read as "foreign" and replaced.
    std::os::unix::fs::symlink(&victim, &state).unwrap();
    let out = watch_once_with_state(&env, &state);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains(&state.display().to_string()),
        "names the path: {err}"
    );
    assert!(err.contains("symbolic link"), "{err}");
    assert!(is_link(&state), "the link stays a link");
    std::fs::remove_file(&state).unwrap();
    std::fs::remove_file(dir.join("state.json.lock")).unwrap();

    // The lock: a dangling link must not make assist create its target.
    let created = env.dir.path().join("created-through-the-link");
    std::os::unix::fs::symlink(&created, dir.join("state.json.lock")).unwrap();
    let out = watch_once_with_state(&env, &state);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("state.json.lock"), "{err}");
    assert!(!created.exists(), "nothing created through the lock's link");
    std::fs::remove_file(dir.join("state.json.lock")).unwrap();
    assert!(!dir.join("state.json").exists());

    // Temporary names, the old predictable ones included: links there are never used.
    let planted: Vec<PathBuf> = [".state.json.tmp", ".state.json.1.tmp", "state.json.tmp"]
        .iter()
        .map(|name| dir.join(name))
        .collect();
    for link in &planted {
        std::os::unix::fs::symlink(&victim, link).unwrap();
    }
    let out = watch_once_with_state(&env, &state);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(planted.iter().all(|l| is_link(l)));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(mode_of(&state), 0o600);
    assert_eq!(mode_of(&dir.join("state.json.lock")), 0o600);
    // Only the last run reached the simulator: its names' lookup and its one poll.
    let polls: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/remote-assistance"))
        })
        .collect();
    assert_eq!(polls.len(), 1, "only the last run polled: {polls:?}");
    assert_eq!(
        sim.requests().len(),
        2,
        "and listed the desktop's name once"
    );
}

#[test]
fn a_state_path_in_a_world_writable_directory_without_the_sticky_bit_is_exit_3() {
    let (sim, env) = sim_and_env(&[]);
    let dir = env.dir.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    let state = dir.join("state.json");
    set_mode(&dir, 0o777);
    let out = watch_once_with_state(&env, &state);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains(&state.display().to_string()), "{err}");
    assert!(err.contains("not sticky"), "{err}");
    assert!(sim.requests().is_empty(), "refused before any request");
    assert!(!state.exists() && !dir.join("state.json.lock").exists());

    set_mode(&dir, 0o1777);
    let out = watch_once_with_state(&env, &state);
    assert_eq!(
        out.status.code(),
        Some(0),
        "sticky, like /tmp: {}",
        stderr(&out)
    );
}

#[test]
fn the_token_cache_never_changes_a_mode_or_writes_through_a_link() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.password_profile(&sim, IAM_PASSWORD);
    let elsewhere = env.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    set_mode(&elsewhere, 0o755);
    std::fs::create_dir_all(env.cache_dir()).unwrap();
    std::os::unix::fs::symlink(&elsewhere, env.cache_dir().join("tokens")).unwrap();
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "works without the cache: {err}");
    assert!(err.contains("cannot write the cache"), "{err}");
    assert_eq!(
        mode_of(&elsewhere),
        0o755,
        "the link's target keeps its mode"
    );
    assert!(files_under(&elsewhere).is_empty(), "no token written there");
}

#[test]
fn config_init_through_a_link_writes_the_target_and_keeps_the_link() {
    let env = Env::new();
    let real = env.dir.path().join("dotfiles").join("assist.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::write(&real, "# mine\n[profiles.other]\nregion = \"cn-north-4\"\n").unwrap();
    let link = env.dir.path().join("link.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = env
        .cmd()
        .arg("--config")
        .arg(&link)
        .args([
            "--profile",
            "new",
            "--region",
            "cn-north-4",
            "config",
            "init",
        ])
        .args([
            "--no-input",
            "--ak",
            AK,
            "--sk-command",
            "pass show cloud/sk",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(is_link(&link), "the link is not replaced by a file");
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.starts_with("# mine\n"), "{text}");
    assert!(
        text.contains("[profiles.other]") && text.contains("[profiles.new]"),
        "{text}"
    );
    assert_eq!(mode_of(&real), 0o600);
}

// ---- Item 3: SIGTERM and SIGHUP end a watch like SIGINT ----

fn send_signal(run: &Running, signal: &str) {
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &run.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
}

#[test]
fn sigterm_and_sighup_during_a_state_watch_save_the_state_and_exit_143_and_129() {
    for (signal, code, said) in [
        ("TERM", 143, "terminated (SIGTERM)"),
        ("HUP", 129, "hung up (SIGHUP)"),
    ] {
        let (_sim, env) = sim_and_env(&[]);
        let state = env.dir.path().join("state.json");
        let mut cmd = std_cmd(&env);
        cmd.args(["watch", OPEN_DESKTOP, CONFIRM_DESKTOP, "-o", "json"])
            .args(["--interval", "30s", "--state"])
            .arg(&state);
        let run = Running::spawn(cmd);
        for _ in 0..2 {
            run.next_line(Duration::from_secs(20))
                .expect("a desktop's first line");
        }
        send_signal(&run, signal);
        let (exit, _, err) = run.end_within(Duration::from_secs(10)).expect("it ended");
        assert_eq!(exit.code(), Some(code), "SIG{signal}: {err}");
        assert!(err.contains(said), "{err}");
        let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
        let desktops = saved["desktops"].as_object().expect("the state was saved");
        assert!(desktops.contains_key(OPEN_DESKTOP) && desktops.contains_key(CONFIRM_DESKTOP));
    }
}

#[test]
fn sigterm_while_start_waits_exits_143_and_says_the_request_stays_open() {
    let (_sim, env) = sim_and_env(&["--confirm-after", "1h"]);
    let mut cmd = std_cmd(&env);
    cmd.args(["start", CONFIRM_DESKTOP, "--wait", "--interval", "100ms"]);
    let mut run = Running::spawn(cmd);
    assert!(run.wait_for_stderr("waiting for the user", Duration::from_secs(20)));
    send_signal(&run, "TERM");
    let (exit, _, err) = run.end_within(Duration::from_secs(10)).expect("it ended");
    assert_eq!(exit.code(), Some(143), "{err}");
    assert!(
        err.contains("terminated (SIGTERM); the request stays open"),
        "{err}"
    );
}

// ---- Item 4: secret commands ----

fn aksk_with(sim: &Sim, env: &Env, secret_lines: &str) {
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\n{secret_lines}",
        sim.url
    ));
}

#[test]
fn a_multi_line_sk_command_is_exit_3_and_sends_nothing() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    // As `pass show` prints it: the secret, then metadata.
    aksk_with(
        &sim,
        &env,
        &format!("sk_command = \"printf '{SK}\\\\nurl: cloud\\\\n'\"\n"),
    );
    let said = "sk_command printed 2 lines; the secret must be the first and only line, e.g. `pass show x | head -1`";
    assert_error(env.cmd().args(["show", OPEN_DESKTOP]), 3, &[said]);
    assert!(
        sim.requests().is_empty(),
        "no request: {:?}",
        sim.requests()
    );

    aksk_with(
        &sim,
        &env,
        &format!("sk_command = \"printf '{SK}\\\\n'\"\n"),
    );
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "one line and its newline: {}",
        stderr(&out)
    );
}

#[test]
fn a_failing_secret_command_never_shows_a_secret_in_its_stderr() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let command = format!("printf %s '{PASSWORD}'; echo 'rejected: {PASSWORD}' >&2; exit 1");
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\niam_endpoint = \"{url}\"\nregion = \"{SIM_REGION}\"\nauth = \"password\"\nuser = \"{IAM_USER}\"\ndomain = \"{IAM_DOMAIN}\"\npassword_command = \"{}\"\n",
        command.replace('"', "\\\""),
        url = sim.url
    ));
    let out = env.cmd().args(["show", OPEN_DESKTOP]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("its stderr: \"rejected: (redacted)\""),
        "{err}"
    );
    assert_no_leak(&out, &[PASSWORD]);
}

/// Whether a process runs (a zombie waiting for its parent counts as ended).
fn running(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit(") ").next().map(|rest| !rest.starts_with('Z')))
        .unwrap_or(false)
}

#[test]
fn a_secret_command_past_its_limit_is_ended_with_everything_it_started() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let pid_file = env.dir.path().join("grandchild.pid");
    aksk_with(
        &sim,
        &env,
        &format!(
            "sk_command = \"sleep 300 & echo $! > {}; wait\"\n",
            pid_file.display()
        ),
    );
    let out = env
        .cmd()
        .env("ASSIST_TEST_SECRET_LIMIT", "1s")
        .args(["show", OPEN_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did not finish within 1 s"),
        "{}",
        stderr(&out)
    );
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_string();
    wait_for(&format!("the background sleep {pid} to end"), || {
        !running(&pid)
    });
}

// ---- Item 5: at most one request with refused credentials per run ----

#[test]
fn a_wrong_sk_over_20_desktops_reaches_the_simulator_at_most_twice() {
    let sim = Sim::start(&["--desktops", "20"]);
    let env = Env::new();
    env.aksk_profile(&sim, "WRONGSECRETKEY-do-not-print-00000000001");
    let mut cmd = env.cmd();
    cmd.args(["watch", "--interval", "1s"]);
    for i in 1..=20 {
        cmd.arg(generated_id(i));
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let sent = sim.requests().len();
    assert!(sent <= 2, "{sent} requests with a wrong signature");
}

#[test]
fn password_auth_renews_its_token_at_most_once_per_run() {
    // Every token the simulator issues is expired at once: each request is refused.
    let sim = Sim::start(&["--desktops", "20", "--token-ttl", "0s"]);
    let env = Env::new();
    env.password_profile(&sim, IAM_PASSWORD);
    let mut cmd = env.cmd();
    cmd.args(["watch", "--interval", "1s"]);
    for i in 1..=20 {
        cmd.arg(generated_id(i));
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let stats = sim.stats();
    assert_eq!(
        stats["iam_token_requests"], 2,
        "the login and one renewal: {stats}"
    );
    assert_eq!(
        stats["requests"], 2,
        "the first request and its retry: {stats}"
    );
}

// ---- Item 6: loopback never goes through a proxy ----

#[test]
fn a_proxy_in_the_environment_receives_nothing_for_a_loopback_endpoint() {
    let (sim, env) = sim_and_env(&[]);
    let proxy = Sim::start(&[]);
    let proxied = |cmd: &mut assert_cmd::Command| {
        for var in [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "all_proxy",
        ] {
            cmd.env(var, &proxy.url);
        }
    };
    let mut cmd = env.cmd();
    proxied(&mut cmd);
    let out = cmd
        .args(["show", OPEN_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(sim.requests().len(), 1, "straight to the endpoint");

    let mut cmd = env.cmd();
    proxied(&mut cmd);
    let out = cmd
        .args(["--profile", "demo", "show", EXAMPLE_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "the demo: {}", stderr(&out));
    assert!(
        proxy.requests().is_empty(),
        "the proxy saw: {:?}",
        proxy.requests()
    );
}

// ---- Item 7: a server cannot make assist print a secret ----

#[test]
fn an_error_page_echoing_the_request_headers_prints_no_token_and_no_signature() {
    // Temporary credentials verify only with their security token.
    let sim = Sim::start(&[
        "--temp-ak",
        AK,
        "--temp-sk",
        SK,
        "--security-token",
        SECURITY_TOKEN,
    ]);
    let env = Env::new();
    for profile in [
        format!("auth = \"token\"\ntoken = \"{TOKEN}\"\n"),
        format!("auth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\nsecurity_token = \"{SECURITY_TOKEN}\"\n"),
    ] {
        env.write_config(&format!(
            "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\n{profile}",
            sim.url
        ));
        sim.fault(json!({"kind": "echo-headers", "count": 1}));
        let out = env.cmd().args(["show", OPEN_DESKTOP, "-vv"]).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(6), "{err}");
        assert!(err.contains("headers received:"), "the page was shown: {err}");
        assert!(err.contains("(redacted)"), "{err}");
        assert_no_leak(&out, &[SECURITY_TOKEN]);
    }
}

#[test]
fn an_iam_error_echoing_the_request_body_prints_no_password() {
    let sim = Sim::start(&["--iam-user", &format!("{IAM_USER}:{PASSWORD}")]);
    let env = Env::new();
    env.password_profile(&sim, PASSWORD);
    sim.fault(json!({"kind": "echo-body", "desktop_id": "/v3/auth/tokens", "count": 1}));
    let said = "The request body is malformed";
    assert_error(env.cmd().args(["show", OPEN_DESKTOP]), 6, &[said]);
}

// ---- Item 8: nothing grows without bound ----

/// A small parent for a measured command: it starts it, waits for it and writes its peak RSS
/// (KiB) to the file named first.
const PEAK_RSS: &str = r#"
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"#;

/// Runs to the end and returns the output with the command's own peak RSS in KiB. Linux keeps
/// the peak of the address space a process had before `exec` in its `ru_maxrss`, and a child
/// started from this test binary (all integration tests in one, simulators in-process) begins
/// as a copy of it: so a small python3 parent starts the command and reports its peak.
fn output_and_peak_rss(cmd: std::process::Command) -> (std::process::Output, u64) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("peak-kib");
    let mut parent = std::process::Command::new("python3");
    parent
        .arg("-c")
        .arg(PEAK_RSS)
        .arg(&report)
        .arg(cmd.get_program());
    parent.args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => parent.env(key, value),
            None => parent.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        parent.current_dir(dir);
    }
    let output = parent.stdin(Stdio::null()).output().unwrap();
    let peak = std::fs::read_to_string(&report).unwrap_or_else(|e| panic!("{e}: {output:?}"));
    (output, peak.trim().parse().unwrap())
}

#[test]
fn a_flood_of_20k_desktops_a_page_stays_under_100_mib_and_ends_naming_the_cap() {
    let (sim, env) = sim_and_env(&[]);
    sim.fault(json!({"kind": "flood"}));
    let mut cmd = std_cmd(&env);
    cmd.args(["desktops", "-o", "code"]);
    let (out, peak_kib) = output_and_peak_rss(cmd);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(
        err.contains("the service listed more than 200000 desktops (it counts 1000000000); assist stops there"),
        "{err}"
    );
    assert_eq!(stdout(&out), "");
    assert!(peak_kib < 100 * 1024, "peak RSS {peak_kib} KiB");
}

#[test]
fn an_endless_stdin_of_ids_ends_at_the_cap() {
    let (_sim, env) = sim_and_env(&[]);
    let mut child = std_cmd(&env)
        .args(["watch", "--once"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // `yes abcdefgh | assist watch`: writes until assist closes the pipe.
    let writer = std::thread::spawn(move || {
        let chunk = "abcdefgh\n".repeat(1000);
        while stdin.write_all(chunk.as_bytes()).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("stdin has more than 200000 lines of desktop IDs; assist reads no further"),
        "{err}"
    );
}

// ---- Item 9: --interval has a floor ----

#[test]
fn an_interval_below_100ms_is_a_usage_error_and_sends_nothing() {
    let (sim, env) = sim_and_env(&[]);
    for args in [
        vec!["watch", OPEN_DESKTOP, "--interval", "10ms"],
        vec!["start", CONFIRM_DESKTOP, "--wait", "--interval", "1ms"],
    ] {
        let said = "shorter than the shortest interval, 100ms";
        assert_error(env.cmd().args(&args), 2, &[said]);
    }
    assert!(sim.requests().is_empty());
}

// ---- Item 10: `watch --once` never exits 0 having skipped desktops ----

#[test]
fn watch_once_whose_timeout_comes_before_the_round_ends_exits_8_naming_the_unpolled() {
    let (sim, env) = sim_and_env(&["--desktops", "30"]);
    let ids: Vec<String> = (1..=30).map(generated_id).collect();
    // The first ten answer at once; the other twenty take longer than the whole run.
    for id in &ids[..10] {
        start_via_api(&sim, id);
    }
    for id in &ids[10..] {
        sim.fault(json!({"kind": "latency:60s", "desktop_id": id}));
    }
    let file = env.dir.path().join("ids");
    std::fs::write(&file, ids.join("\n")).unwrap();
    let state = env.dir.path().join("state.json");
    let out = env
        .cmd()
        .args(["watch", "--once", "-o", "json", "--timeout", "2s", "--file"])
        .arg(&file)
        .arg("--state")
        .arg(&state)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(
        err.contains("the deadline came before every desktop was polled: 20 of 30 not polled"),
        "{err}"
    );
    for id in &ids[10..30] {
        assert!(err.contains(id.as_str()), "names {id}: {err}");
    }
    assert_eq!(
        stdout(&out).lines().count(),
        10,
        "the ten polled are reported"
    );
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    let recorded: Vec<&String> = saved["desktops"].as_object().unwrap().keys().collect();
    assert_eq!(
        recorded.len(),
        10,
        "only the polled are recorded: {recorded:?}"
    );
    assert!(ids[10..].iter().all(|id| !recorded.contains(&id)));
}

// ---- Item 11: a silent hang is a bug ----

#[test]
fn an_endpoint_that_never_answers_gets_a_note_for_each_retry() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    // Accepts every connection and never answers.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in silent.incoming() {
            held.push(conn);
        }
    });
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\nproject_id = \"{PROJECT}\"\nauth = \"token\"\ntoken = \"{TOKEN}\"\n"
    ));
    let out = env
        .cmd()
        .args([
            "show",
            OPEN_DESKTOP,
            "--timeout",
            "1s",
            "--max-attempts",
            "3",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(7), "{err}");
    for attempt in [2, 3] {
        let note = format!("note: no answer from {url} after 1 s; attempt {attempt} of 3");
        assert!(err.contains(&note), "{note}: {err}");
    }
}

#[test]
fn one_network_failure_over_many_desktops_is_one_line() {
    let env = Env::new();
    let url = dead_url();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\nproject_id = \"{PROJECT}\"\nauth = \"token\"\ntoken = \"{TOKEN}\"\n"
    ));
    let ids: Vec<String> = (1..=30).map(generated_id).collect();
    let out = env
        .cmd()
        .args(["watch", "--once", "--max-attempts", "1"])
        .args(&ids)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(7), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    // One line per moment the failures came in (one, unless the machine stalled a second).
    assert!(lines.len() <= 3, "{err}");
    let counted: usize = lines
        .iter()
        .map(|l| {
            l.split(" desktops (")
                .next()
                .and_then(|head| head.rsplit(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(1)
        })
        .sum();
    assert_eq!(counted, 30, "{err}");
    assert!(
        lines[0].starts_with(&format!("error: could not connect to {url}: ")),
        "{err}"
    );
}

// ---- Item 12: text that looks like something else ----

#[test]
fn format_characters_and_c1_controls_never_reach_the_terminal_raw() {
    let (sim, env) = sim_and_env(&[]);
    let raw: [&[u8]; 6] = [
        "\u{202e}".as_bytes(),
        "\u{2066}".as_bytes(),
        "\u{200b}".as_bytes(),
        "\u{2028}".as_bytes(),
        "\u{feff}".as_bytes(),
        "\u{9b}".as_bytes(),
    ];
    for output in ["json", "table", "code"] {
        sim.fault(json!({"kind": "spoof", "count": 1}));
        let out = env
            .cmd()
            .args(["show", OPEN_DESKTOP, "-o", output])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{output}: {}", stderr(&out));
        for bytes in raw.iter().chain([&b"\x7f"[..]].iter()) {
            assert!(
                !out.stdout.windows(bytes.len()).any(|w| w == *bytes),
                "{output}: raw {bytes:?} in {}",
                stdout(&out)
            );
        }
        if output == "json" {
            let text = stdout(&out);
            assert!(
                text.contains(r"AB\u202eDC") && text.contains(r"\u009b31mred\u007f"),
                "{text}"
            );
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v["invitation_code"], "AB\u{202e}DC",
                "the same value for jq"
            );
        } else {
            assert!(
                stdout(&out).contains(r"AB\u{202e}DC"),
                "{output}: {}",
                stdout(&out)
            );
        }
    }
}

// ---- Item 13: an all-null answer is NONE; one alone after a session is no closing ----

fn statuses(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["status"].to_string())
        .collect()
}

/// Waits until the simulator has used up every fault rule.
fn wait_for_faults_used(sim: &Sim) {
    wait_for("the fault rules to be used", || {
        sim_client()
            .get(format!("{}/_sim/faults", sim.url))
            .send()
            .and_then(|r| r.json::<Value>())
            .is_ok_and(|rules| rules.as_array().is_some_and(Vec::is_empty))
    });
}

#[test]
fn an_all_null_answer_after_a_session_counts_only_when_the_next_one_agrees() {
    let (sim, env) = sim_and_env(&[]);
    let state = env.dir.path().join("state.json");
    let nulls = |count: u32| {
        sim.fault(json!({"kind": "nulls", "desktop_id": OPEN_DESKTOP, "count": count}));
    };
    let quiet = |out: &std::process::Output| {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        assert_eq!((stdout(out).as_str(), stderr(out).as_str()), ("", ""));
    };
    // Cron: one all-null answer between two OPENs is neither a closing nor a reopening.
    let first = watch_once_with_state(&env, &state);
    assert_eq!(statuses(&first), ["\"OPEN\""], "{}", stderr(&first));
    nulls(1);
    quiet(&watch_once_with_state(&env, &state));
    quiet(&watch_once_with_state(&env, &state));
    // Two in a row: the desktop has no session, NONE (and OPEN again later is a change).
    nulls(2);
    quiet(&watch_once_with_state(&env, &state));
    let confirmed = watch_once_with_state(&env, &state);
    assert_eq!(statuses(&confirmed), ["\"NONE\""], "{}", stderr(&confirmed));
    assert_eq!(statuses(&watch_once_with_state(&env, &state)), ["\"OPEN\""]);

    // A watch follows the same rule.
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", OPEN_DESKTOP, "-o", "json", "--interval", "100ms"]);
    let run = Running::spawn(cmd);
    let line = |run: &Running| {
        let l = run.next_line(Duration::from_secs(20)).expect("a line");
        serde_json::from_str::<Value>(&l).unwrap()["status"].to_string()
    };
    assert_eq!(line(&run), "\"OPEN\"");
    nulls(1);
    wait_for_faults_used(&sim);
    nulls(2);
    assert_eq!(line(&run), "\"NONE\"", "two all-null answers in a row");
    assert_eq!(line(&run), "\"OPEN\"");
    let (rest, err) = run.finish();
    assert!(rest.is_empty(), "{rest:?}");
    assert!(!err.contains("warning"), "{err}");
}

// ---- Round three (issue 22, items 5, 6, 12): files and helpers another user cannot plant ----

/// A FIFO (named pipe) at `path`: opening it blocks until the other end opens.
pub fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

/// Gives `path` to uid/gid 65534 (nobody): "another user" for a test that runs as root.
pub fn give_to_nobody(path: &Path) {
    std::os::unix::fs::chown(path, Some(65534), Some(65534)).expect("chown");
}

/// The hang guard of a run that must end at once: the harness kills it after 20 s, which
/// the test then sees as a missing exit code (not a time it asserts).
const HANG_GUARD: Duration = Duration::from_secs(20);

#[test]
fn an_audit_log_that_is_a_fifo_a_device_or_another_users_is_exit_3_and_nothing_is_sent() {
    let (sim, env) = sim_and_env(&["--desktops", "1"]);
    let fifo = env.dir.path().join("audit.fifo");
    mkfifo(&fifo);
    let foreign = env.dir.path().join("foreign.jsonl");
    std::fs::write(&foreign, "").unwrap();
    give_to_nobody(&foreign);
    set_mode(&foreign, 0o666);
    let cases = [
        (
            fifo.clone(),
            "it is a FIFO (named pipe), not a regular file",
        ),
        (
            PathBuf::from("/dev/full"),
            "it is a character device, not a regular file",
        ),
        (
            foreign.clone(),
            "it belongs to another user (uid 65534), neither to this one nor to root",
        ),
    ];
    let id = generated_id(1);
    for (log, why) in cases {
        env.write_config(&format!(
            "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\naudit_log = \"{}\"\n",
            sim.url,
            log.display()
        ));
        let mut cancel = env.cmd();
        cancel
            .timeout(HANG_GUARD)
            .args(["cancel", &id, "--ticket", "INC-5"]);
        let first = format!(
            "error: the audit log {} cannot be written: {why}\n",
            log.display()
        );
        let out = assert_error(&mut cancel, 3, &["hint: "]);
        assert!(stderr(&out).starts_with(&first), "{}", stderr(&out));
        assert_nothing_changed(&sim);
    }
    assert_eq!(
        std::fs::read_to_string(&foreign).unwrap(),
        "",
        "nothing appended"
    );
}

#[test]
fn a_config_of_another_user_holding_a_command_is_refused_before_running_it() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let marker = env.dir.path().join("ran");
    let config = env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\n\
         sk_command = \"touch {}; echo {SK}\"\n",
        sim.url,
        marker.display()
    ));
    give_to_nobody(&config);
    let expected = format!(
        "error: the config file {} belongs to another user (uid 65534) and holds `sk_command`: \
         assist does not run another user's command\n",
        config.display()
    );
    let out = assert_error(
        env.cmd().args(["show", OPEN_DESKTOP, "-o", "code"]),
        3,
        &["hint: "],
    );
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    assert!(!marker.exists(), "the command did not run");
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());

    // The same user's file without a command is read as before.
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n",
        sim.url
    ));
    give_to_nobody(&config);
    assert_output(
        env.cmd().args(["show", OPEN_DESKTOP, "-o", "code"]),
        0,
        "K7Q2M9XA\n",
        &[],
    );
}

/// An AK/SK profile without a project: the project comes from the cache, else from IAM.
fn project_lookup_profile(sim: &Sim, env: &Env) {
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\niam_endpoint = \"{url}\"\nregion = \"{SIM_REGION}\"\n\
         ak = \"{AK}\"\nsk = \"{SK}\"\n",
        url = sim.url
    ));
}

#[test]
fn a_cache_another_user_could_plant_is_refused_and_never_used() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    project_lookup_profile(&sim, &env);
    let cache = env.cache_dir();
    std::fs::create_dir_all(&cache).unwrap();
    let projects = cache.join("projects.json");
    std::fs::write(&projects, "{}").unwrap();
    let show = || {
        let mut cmd = env.cmd();
        cmd.args(["show", OPEN_DESKTOP, "-o", "code"]);
        cmd
    };

    // Another user's cache directory, open to all (as in their HOME under `sudo -E`).
    give_to_nobody(&cache);
    set_mode(&cache, 0o777);
    let out = assert_error(&mut show(), 3, &["hint: "]);
    let expected = format!(
        "error: {}: a cache directory that belongs to another user (uid 65534): assist does not use it\n",
        cache.display()
    );
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));

    // This user's directory, but a cache file others may write to.
    std::os::unix::fs::chown(&cache, Some(0), Some(0)).unwrap();
    set_mode(&cache, 0o700);
    set_mode(&projects, 0o666);
    let out = assert_error(&mut show(), 3, &["hint: "]);
    let expected = format!(
        "error: {}: a cache file that group or other users may write to (mode 666): assist does not use it\n",
        projects.display()
    );
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());

    // A private cache is used as before.
    set_mode(&projects, 0o600);
    assert_output(&mut show(), 0, "K7Q2M9XA\n", &[]);
}

/// `cmd` run with at most 1 GiB of address space: a file that makes assist allocate
/// gigabytes ends it (abort, exit 134) instead of the machine's memory.
fn within_1_gib(cmd: &assert_cmd::Command) -> std::process::Command {
    let mut limited = std::process::Command::new("sh");
    limited
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"");
    limited.arg(cmd.get_program()).args(cmd.get_args());
    limited.env_clear();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            limited.env(key, value);
        }
    }
    limited
}

/// Runs `cmd` under [`within_1_gib`] and the hang guard.
fn bounded(cmd: &assert_cmd::Command) -> std::process::Output {
    let mut limited = assert_cmd::Command::from_std(within_1_gib(cmd));
    limited.timeout(HANG_GUARD).output().unwrap()
}

#[test]
fn a_yaml_alias_bomb_in_the_regions_file_is_exit_3_naming_the_file() {
    let env = Env::new();
    let file = env.dir.path().join("regions.yaml");
    let mut bomb = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for level in 1..9u8 {
        let (prev, name) = ((b'a' + level - 1) as char, (b'a' + level) as char);
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str("WORKSPACE:\n  - id: cn-north-4\n    endpoint: *i\n");
    std::fs::write(&file, &bomb).unwrap();
    assert!(bomb.len() < 2048, "a small file: {} bytes", bomb.len());
    let mut cmd = env.cmd();
    cmd.env("HUAWEICLOUD_SDK_AK", AK)
        .env("HUAWEICLOUD_SDK_SK", SK)
        .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
        .env("HUAWEICLOUD_SDK_REGIONS_FILE", &file)
        .args(["--region", "cn-north-4", "show", OPEN_DESKTOP]);
    let out = bounded(&cmd);
    let expected = format!(
        "error: cannot read the SDK regions file {}: its aliases expand to more than 100000 nodes",
        file.display()
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn an_interpolation_bomb_in_the_sdk_credentials_file_is_exit_3_naming_the_file() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let file = env.dir.path().join("credentials");
    let mut bomb = format!("[DEFAULT]\nk0 = {}\n", "x".repeat(64));
    for level in 1..=9 {
        let refs = format!("%(k{})s", level - 1).repeat(20);
        bomb.push_str(&format!("k{level} = {refs}\n"));
    }
    bomb.push_str(&format!("[basic]\nak = {AK}\nsk = %(k9)s\n"));
    std::fs::write(&file, &bomb).unwrap();
    assert!(bomb.len() < 2500, "a small file: {} bytes", bomb.len());
    let mut cmd = env.cmd();
    cmd.env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", &file).args([
        "--endpoint",
        &sim.url,
        "--project-id",
        PROJECT,
        "show",
        OPEN_DESKTOP,
    ]);
    let out = bounded(&cmd);
    let expected = format!(
        "error: [basic] of {}: `sk`: interpolation follows more than 1000 `%(key)s` references\n",
        file.display()
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());
}

#[test]
fn a_config_that_is_a_fifo_is_refused_at_once_and_tab_completion_does_not_wait() {
    let env = Env::new();
    mkfifo(&env.config_path());
    let mut show = env.cmd();
    show.timeout(HANG_GUARD).args(["show", OPEN_DESKTOP]);
    let expected = format!(
        "error: cannot read the config file {}: it is a FIFO (named pipe), not a regular file\n",
        env.config_path().display()
    );
    let out = assert_error(&mut show, 3, &[]);
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    // `assist --profile <TAB>`, as bash asks it: the built-in profile, at once.
    let out = env
        .cmd()
        .timeout(HANG_GUARD)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .args(["--", "assist", "--profile", ""])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).split_whitespace().collect::<Vec<_>>(),
        ["demo"]
    );
}
