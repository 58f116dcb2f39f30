//! `--exec CMD` on `watch` and `start --wait` (issue 24): once per change, the change only in
//! the environment (hostile server text stays data), in order per desktop, its output on
//! stderr, a time limit that ends the whole process group, a failing command a warning.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use crate::common::*;
use serde_json::{json, Value};

/// A Workspace that answers every request with one desktop whose names and code are `hostile`
/// text; plain HTTP on loopback, one request a connection. Its URL.
fn hostile_workspace(desktop: &str, name: &str, user: &str, code: &str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let listing = json!({"total_count": 1, "desktops": [
        {"desktop_id": desktop, "computer_name": name, "user_name": user}
    ]});
    let record = json!({
        "share_space_id": "space-1", "invitation_code": code, "share_space_name": "n",
        "share_space_passwd": null, "private_share_link": null, "internet_share_link": null,
        "create_time": "2025-01-01T00:00:00Z", "status": "OPEN", "failed_reason": null
    });
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head);
            let path = head.split(' ').nth(1).unwrap_or_default();
            let body = match path.split('?').next().unwrap_or_default() {
                p if p.ends_with("/remote-assistance") => record.to_string(),
                _ => listing.to_string(),
            };
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    url
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn hostile_server_text_reaches_the_command_byte_exact_and_nothing_of_it_runs() {
    let env = Env::new();
    let out_dir = env.dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let marker = env.dir.path().join("pwned");
    let m = marker.display();
    let name =
        format!("$(touch {m})`touch {m}`; touch {m}; rm -rf \"$HOME\" 'x' \\ ${{PATH}}\n$(id) %s");
    let user = format!("\"; touch {m}; echo \"\r\n`id`");
    let code = format!("AB$(touch {m})CD");
    let desktop = "hostile-desktop-1";
    let url = hostile_workspace(desktop, &name, &user, &code);
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\nproject_id = \"{PROJECT}\"\nauth = \"token\"\ntoken = \"{TOKEN}\"\n"
    ));
    let hook = r#"for v in ASSIST_DESKTOP_ID ASSIST_STATUS ASSIST_PREVIOUS_STATUS ASSIST_COMPUTER_NAME ASSIST_USER_NAME ASSIST_INVITATION_CODE ASSIST_JSON; do printenv "$v" > "$OUT/$v"; done; echo from-the-hook"#;
    let out = env
        .cmd()
        .env("OUT", &out_dir)
        .args(["watch", desktop, "--once", "-o", "json", "--exec", hook])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!marker.exists(), "server text ran as a command");
    assert!(env.dir.path().exists(), "nothing was removed");
    // printenv ends each value with a newline of its own.
    let var = |v: &str| {
        read(&out_dir.join(v))
            .strip_suffix('\n')
            .unwrap()
            .to_string()
    };
    assert_eq!(var("ASSIST_COMPUTER_NAME"), name);
    assert_eq!(var("ASSIST_USER_NAME"), user);
    assert_eq!(var("ASSIST_INVITATION_CODE"), code);
    assert_eq!(var("ASSIST_DESKTOP_ID"), desktop);
    assert_eq!(var("ASSIST_STATUS"), "OPEN");
    assert_eq!(var("ASSIST_PREVIOUS_STATUS"), "");
    // ASSIST_JSON is the line stdout carries, and stdout carries only that line.
    let line = stdout(&out);
    assert_eq!(line.lines().count(), 1, "{line:?}");
    assert_eq!(format!("{}\n", var("ASSIST_JSON")), line);
    let json: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(json["computer_name"], name.as_str());
    assert_eq!(json["invitation_code"], code.as_str());
    // The command's own output went to stderr.
    assert!(stderr(&out).contains("from-the-hook"), "{}", stderr(&out));
    assert!(!line.contains("from-the-hook"));
}

/// The watch's NDJSON lines, each a JSON object.
fn ndjson(out: &std::process::Output) -> Vec<Value> {
    let text = stdout(out);
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "whole lines: {text:?}"
    );
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:?}")))
        .collect()
}

#[test]
fn commands_run_once_per_change_in_order_per_desktop_with_the_previous_status() {
    let (sim, env) = setup(&[
        "--desktops",
        "2",
        "--confirm-after",
        "300ms",
        "--access-after",
        "300ms",
    ]);
    let (a, b) = (generated_id(1), generated_id(2));
    start_via_api(&sim, &a);
    start_via_api(&sim, &b);
    let log = env.dir.path().join("hooks.log");
    // The first command of each desktop is the slowest: run side by side without an order,
    // the later changes would be logged before it.
    let hook = r#"[ -z "$ASSIST_PREVIOUS_STATUS" ] && sleep 0.5; echo "$ASSIST_DESKTOP_ID $ASSIST_PREVIOUS_STATUS>$ASSIST_STATUS" >> "$LOG""#;
    let out = env
        .cmd()
        .env("LOG", &log)
        .args([
            "watch",
            &a,
            &b,
            "--until",
            "OPEN",
            "-o",
            "json",
            "--interval",
            "100ms",
        ])
        .args(["--deadline", "20s", "--exec", hook])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = ndjson(&out);
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &events {
        let id = e["desktop_id"].as_str().unwrap().to_string();
        let lines = expected.entry(id.clone()).or_default();
        let previous = lines
            .last()
            .map(|l: &String| l.rsplit('>').next().unwrap().to_string())
            .unwrap_or_default();
        lines.push(format!("{id} {previous}>{}", e["status"].as_str().unwrap()));
    }
    let mut logged: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in read(&log).lines() {
        let id = line.split(' ').next().unwrap().to_string();
        logged.entry(id).or_default().push(line.to_string());
    }
    assert_eq!(
        logged, expected,
        "the commands, per desktop, against the NDJSON lines"
    );
    assert!(expected[&a].len() >= 2, "{expected:?}");
    assert_clean(&out);
}

/// Whether the process is gone: no such process, or a zombie nobody has reaped yet.
fn gone(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .unwrap_or_default()
            .trim_start()
            .starts_with('Z'),
    }
}

#[test]
fn a_command_past_its_time_limit_is_ended_with_what_it_started_and_only_warned() {
    let (_sim, env) = setup(&[]);
    let pid_file = env.dir.path().join("child.pid");
    let hook = r#"sleep 300 & echo $! > "$PIDS"; wait"#;
    let out = env
        .cmd()
        .env("PIDS", &pid_file)
        .args([
            "watch",
            OPEN_DESKTOP,
            "--once",
            "-o",
            "json",
            "--exec",
            hook,
        ])
        .args(["--exec-timeout", "1s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did not finish within 1s and was ended with all it started"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ndjson(&out).len(), 1);
    let pid = read(&pid_file).trim().to_string();
    wait_for("the background sleep to be gone", || gone(&pid));
}

#[test]
fn a_failing_command_is_a_warning_and_the_exit_code_stays() {
    let (_sim, env) = setup(&[]);
    let out = env
        .cmd()
        .args([
            "watch",
            OPEN_DESKTOP,
            CONFIRM_DESKTOP,
            "--once",
            "--until",
            "OPEN",
        ])
        .args(["-o", "json", "--exec", "echo out; echo err >&2; exit 7"])
        .output()
        .unwrap();
    // CONFIRM_DESKTOP is still pending: exit 8, as without --exec.
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let err = stderr(&out);
    for id in [OPEN_DESKTOP, CONFIRM_DESKTOP] {
        let warning = format!("warning: --exec for {id} (");
        assert_eq!(err.matches(&warning).count(), 1, "{err}");
    }
    assert_eq!(err.matches("exited with status 7").count(), 2, "{err}");
    assert_eq!(err.matches("out\n").count(), 2, "{err}");
    assert_eq!(ndjson(&out).len(), 2);
}

#[test]
fn start_wait_runs_the_command_for_each_change_it_sees() {
    let (_sim, env) = setup(&[
        "--desktops",
        "1",
        "--confirm-after",
        "300ms",
        "--access-after",
        "300ms",
    ]);
    let log = env.dir.path().join("hooks.log");
    let id = generated_id(1);
    let out = env
        .cmd()
        .env("LOG", &log)
        .args(["start", &id, "--wait", "--interval", "100ms", "-o", "json"])
        .args(["--exec", r#"echo "$ASSIST_STATUS" >> "$LOG""#])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let statuses: Vec<String> = read(&log).lines().map(String::from).collect();
    assert_eq!(
        statuses.last().map(String::as_str),
        Some("OPEN"),
        "{statuses:?}"
    );
    json_of(&out);
}

#[test]
fn exec_timeout_without_exec_and_exec_without_wait_are_usage_errors() {
    let (sim, env) = setup(&[]);
    assert_error(
        env.cmd()
            .args(["watch", OPEN_DESKTOP, "--exec-timeout", "5s"]),
        2,
        &["--exec"],
    );
    assert_error(
        env.cmd().args(["start", OPEN_DESKTOP, "--exec", "true"]),
        2,
        &["--wait"],
    );
    assert_nothing_changed(&sim);
}

#[test]
fn after_ctrl_c_only_the_running_commands_are_waited_for() {
    let (_sim, env) = setup(&[]);
    let log = env.dir.path().join("hooks.log");
    let ids = [
        EXAMPLE_DESKTOP,
        OPEN_DESKTOP,
        CONFIRM_DESKTOP,
        "11111111-0000-4000-8000-000000000003",
        "11111111-0000-4000-8000-000000000004",
        FAILED_DESKTOP,
        "11111111-0000-4000-8000-000000000006",
        "11111111-0000-4000-8000-000000000007",
    ];
    let mut cmd = std_cmd(&env);
    cmd.env("LOG", &log).arg("watch").args(ids).args([
        "-o",
        "json",
        "--exec",
        r#"echo "$ASSIST_DESKTOP_ID" >> "$LOG"; sleep 5"#,
    ]);
    let watch = Running::spawn(cmd);
    // Eight first observations, four commands at a time: some wait in a queue.
    for _ in ids {
        watch
            .next_line(std::time::Duration::from_secs(20))
            .expect("a change line");
    }
    wait_for("a command to start", || log.exists());
    watch.interrupt();
    let (status, _, err) = watch
        .end_within(std::time::Duration::from_secs(30))
        .unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(
        err.contains("queued commands were not run, as the run was interrupted"),
        "{err}"
    );
    assert!(read(&log).lines().count() < ids.len(), "{}", read(&log));
}

#[test]
fn a_command_that_cannot_start_is_a_warning_and_the_watch_ends_as_it_would() {
    let (_sim, env) = setup(&[]);
    // No `sh` to be found: the command cannot start at all.
    let out = env
        .cmd()
        .env("PATH", env.dir.path().join("empty"))
        .args([
            "watch",
            OPEN_DESKTOP,
            "--once",
            "-o",
            "json",
            "--exec",
            "true",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let warning = format!("warning: --exec for {OPEN_DESKTOP} (OPEN) could not be started");
    assert!(err.contains(&warning), "{err}");
    assert_eq!(ndjson(&out).len(), 1);
}
