//! Consent, triage and a word to the user (issue 23): the tenant's collaboration settings
//! (`settings`, `settings set`), what `start` does with them (how long the user has, the wait
//! that ends with them), the look at the desktop before asking, and `message` /
//! `start --message`; against the simulator, which plays the settings API, login states,
//! messages and a consent timeout.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::*;

/// A `default` profile on the simulator whose audit log is `audit.jsonl` in the env's dir.
fn audited(sim: &Sim, env: &Env, extra: &str) -> PathBuf {
    let log = env.dir.path().join("audit.jsonl");
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\naudit_log = \"{}\"\n{extra}",
        sim.url,
        log.display()
    ));
    log
}

/// The outcome lines of the log (the intent line before each, tests/cli/audit.rs's subject,
/// left out).
fn audit_lines(log: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| e["action"] != "intent")
        .collect()
}

fn control(sim: &Sim, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
    let mut req = sim_client().request(method, format!("{}/_sim/{path}", sim.url));
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().expect("sim control");
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().unwrap_or(Value::Null)
}

fn stored_settings(sim: &Sim) -> Value {
    control(sim, reqwest::Method::GET, "settings", None)
}

fn store_settings(sim: &Sim, settings: Value) {
    control(sim, reqwest::Method::POST, "settings", Some(settings));
}

fn received(sim: &Sim) -> Vec<Value> {
    match control(sim, reqwest::Method::GET, "notifications", None) {
        Value::Array(all) => all,
        other => panic!("{other}"),
    }
}

fn set_state(sim: &Sim, desktop: &str, state: Value) {
    control(
        sim,
        reqwest::Method::POST,
        &format!("desktop-state?desktop={desktop}"),
        Some(state),
    );
}

/// The settings of a new tenant, as the simulator seeds them.
fn seeded_settings() -> Value {
    json!({
        "share_space_name": "helpdesk",
        "use_share_password": true,
        "allow_anonymous": false,
        "audio_and_video": "AUDIO",
        "keyboard_mouse_ctl": true,
        "anonymous_input_ctrl": false,
        "is_user_confirm_enabled": true,
        "wait_confirm_time": 60,
    })
}

/// The index in the request log of the first request with this method whose path ends so.
fn position(sim: &Sim, method: &str, path_end: &str) -> Option<usize> {
    sim.requests()
        .iter()
        .position(|r| r["method"] == method && r["path"].as_str().unwrap().ends_with(path_end))
}

// generated desktops (`--desktops 9`): 3 CONNECTED, 7 SHUTOFF, 8 REGISTERED, 9 DISCONNECTED.
const CONNECTED: u32 = 3;
const REGISTERED: u32 = 8;
const DISCONNECTED: u32 = 9;
const SHUTOFF: u32 = 7;

#[test]
fn settings_show_each_key_with_its_label_and_keep_unknown_ones() {
    let (sim, env) = setup(&[]);
    let mut settings = seeded_settings();
    settings["future_key"] = json!("kept");
    settings["wait_confirm_time"] = json!(45);
    store_settings(&sim, settings.clone());
    let out = run(&env, &["settings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    for row in [
        "end user must accept\tyes\n",
        "time to accept\t45 s\n",
        "keyboard and mouse for the helper\tyes\n",
        "audio and video\tAUDIO\n",
        "future_key\tkept\n",
    ] {
        assert!(table.contains(row), "{row:?} in {table}");
    }
    assert!(
        table.ends_with("future_key\tkept\n"),
        "unknown keys last: {table}"
    );
    let out = run(&env, &["settings", "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out), settings);
    let asked = position(&sim, "GET", "/share-space/configuration").unwrap();
    let query = sim.requests()[asked]["query"].clone();
    assert_eq!(query, "name=share-space-user-conf");
}

#[test]
fn a_malformed_config_value_is_an_api_error_naming_it() {
    let (sim, env) = setup(&[]);
    store_settings(&sim, json!("{not json"));
    assert_error(run(&env, &["settings"]), 6, &["config_value"]);
    store_settings(&sim, json!("[1, 2]"));
    assert_error(run(&env, &["settings"]), 6, &["expected a JSON object"]);
}

#[test]
fn settings_set_with_a_bad_key_or_value_sends_nothing() {
    let (sim, env) = setup(&[]);
    for (bad, says) in [
        ("wait_confirm_time=29", "from 30 to 180"),
        ("wait_confirm_time=181", "from 30 to 180"),
        ("wait_confirm_time=soon", "from 30 to 180"),
        ("keyboard_mouse_ctl=maybe", "true or false"),
        ("audio_and_video=VIDEO", "AUDIO, NONE, AUDIO_AND_VIDEO"),
        ("wait_confirm_tme=60", "did you mean wait_confirm_time?"),
        ("wait_confirm_time", "KEY=VALUE"),
    ] {
        let out = run(&env, &["settings", "set", bad, "--yes", "--no-audit"]);
        assert_error(out, 2, &[says]);
    }
    // A good key beside a bad one: still nothing.
    let out = run(
        &env,
        &["settings", "set", "wait_confirm_time=90", "x=1", "--yes"],
    );
    assert_error(out, 2, &["unknown setting \"x\""]);
    assert_eq!(sim.requests(), Vec::<Value>::new(), "no request at all");
}

/// The reasons a value is refused are said in the run's language (issue 25), with the key, the
/// range and the value as given; the English ones are the test above.
#[test]
fn a_refused_setting_says_why_in_chinese() {
    let (sim, env) = setup(&[]);
    for (bad, says) in [
        (
            "wait_confirm_time=10",
            "错误：无法修改设置：wait_confirm_time 只接受 30 到 180 的整秒数，而不是 \"10\"",
        ),
        (
            "wait_confirm_tme=60",
            "错误：无法修改设置：未知的设置 \"wait_confirm_tme\"（您是否想用 wait_confirm_time？）",
        ),
    ] {
        let out = run(&env, &["--lang", "zh", "settings", "set", bad, "--yes"]);
        assert_error(out, 2, &[says]);
    }
    assert_eq!(sim.requests(), Vec::<Value>::new(), "no request at all");
}

#[test]
fn settings_set_writes_back_every_other_key_and_records_the_change() {
    let (sim, env) = setup(&[]);
    let log = audited(&sim, &env, "");
    let mut before = seeded_settings();
    before["future_key"] = json!({"nested": [1, 2]});
    store_settings(&sim, before.clone());
    let out = run(
        &env,
        &[
            "settings",
            "set",
            "wait_confirm_time=120",
            "keyboard_mouse_ctl=false",
            "--yes",
            "--ticket",
            "CHG-7",
            "-o",
            "json",
        ],
    );
    let out = assert_output(
        out.clone(),
        0,
        &stdout(&out),
        &[
            "wait_confirm_time: 60 s -> 120 s",
            "keyboard_mouse_ctl: yes -> no",
        ],
    );
    let mut after = before.clone();
    after["wait_confirm_time"] = json!(120);
    after["keyboard_mouse_ctl"] = json!(false);
    assert_eq!(stored_settings(&sim), after, "only the named keys changed");
    assert_eq!(json_of(&out), after);
    let methods: Vec<String> = sim
        .requests()
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap()
            )
        })
        .collect();
    let path = format!("/v2/{PROJECT}/share-space/configuration");
    assert_eq!(methods, [format!("GET {path}"), format!("PUT {path}")]);
    let lines = audit_lines(&log);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["action"], "settings");
    assert_eq!(lines[0]["ticket"], "CHG-7");
    assert_eq!(lines[0]["http_status"], 200);
    assert_eq!(
        lines[0]["detail"],
        "wait_confirm_time: 60 s -> 120 s; keyboard_mouse_ctl: yes -> no"
    );
}

#[test]
fn settings_set_needs_yes_without_a_terminal_and_obeys_require_ticket() {
    let (sim, env) = setup(&[]);
    let out = run(&env, &["settings", "set", "wait_confirm_time=90"]);
    assert_error(out, 2, &["without confirmation", "--yes"]);
    audited(&sim, &env, "require_ticket = true\n");
    let out = run(&env, &["settings", "set", "wait_confirm_time=90", "--yes"]);
    assert_error(out, 2, &["requires a ticket"]);
    assert_eq!(sim.requests(), Vec::<Value>::new(), "no request at all");
    assert_eq!(stored_settings(&sim), seeded_settings());
}

#[test]
fn start_says_how_long_the_user_has_or_that_they_will_not_be_asked() {
    let (sim, env) = setup(&["--desktops", "9"]);
    let id = generated_id(CONNECTED);
    let out = run(&env, &["start", &id, "--no-audit"]);
    assert_output(
        out.clone(),
        0,
        &stdout(&out),
        &[&format!("{id} has 60 s to accept")],
    );
    cancel_via_api(&sim, &id);
    let mut settings = seeded_settings();
    settings["is_user_confirm_enabled"] = json!(false);
    store_settings(&sim, settings);
    let out = run(&env, &["start", &id, "--no-audit"]);
    assert_output(
        out.clone(),
        0,
        &stdout(&out),
        &["the user will not be asked"],
    );
    assert!(!stderr(&out).contains("to accept"), "{}", stderr(&out));
}

#[test]
fn start_wait_ends_with_exit_8_once_the_tenants_30_s_have_passed_on_simulated_time() {
    let id = generated_id(CONNECTED);
    let (sim, env) = setup(&["--desktops", "9", "--silent", &id]);
    let mut settings = seeded_settings();
    settings["wait_confirm_time"] = json!(30);
    store_settings(&sim, settings);
    let mut cmd = std_cmd(&env);
    cmd.args(["start", &id, "--wait", "--interval", "100ms", "--no-audit"]);
    let mut running = Running::spawn(cmd);
    assert!(running.wait_for_stderr("has 30 s to accept", Duration::from_secs(20)));
    sim.advance(Duration::from_secs(31));
    let (status, _, err) = running
        .end_within(Duration::from_secs(20))
        .expect("it ends");
    assert_eq!(status.code(), Some(8), "{err}");
    assert!(err.contains("the user did not answer within 30 s"), "{err}");
    let out = env
        .cmd()
        .args(["show", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(json_of(&out)["status"], "CLOSE", "the cloud closed it");
}

#[test]
fn the_clouds_close_for_lack_of_an_answer_is_exit_8_and_no_decline_in_the_audit() {
    let id = generated_id(CONNECTED);
    let (sim, env) = setup(&["--desktops", "9", "--silent", &id]);
    let log = audited(&sim, &env, "");
    let mut settings = seeded_settings();
    settings["wait_confirm_time"] = json!(30);
    store_settings(&sim, settings);
    let mut cmd = std_cmd(&env);
    cmd.args(["start", &id, "--wait", "--interval", "100ms"]);
    let mut running = Running::spawn(cmd);
    assert!(running.wait_for_stderr("has 30 s to accept", Duration::from_secs(20)));
    sim.advance(Duration::from_secs(31));
    let (status, _, err) = running
        .end_within(Duration::from_secs(20))
        .expect("it ends");
    assert_eq!(status.code(), Some(8), "{err}");
    let lines = audit_lines(&log);
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["start", "deadline"], "{lines:?}");
    assert_eq!(lines[1]["status"], "CLOSE");
    assert_eq!(lines[1]["accepted"], Value::Null);
}

#[test]
fn an_explicit_deadline_still_wins_over_the_tenants_time() {
    let id = generated_id(CONNECTED);
    let (_sim, env) = setup(&["--desktops", "9", "--silent", &id]);
    let out = run(
        &env,
        &["start", &id, "--wait", "--deadline", "300ms", "--no-audit"],
    );
    assert_error(out, 8, &["the deadline passed (300ms)"]);
}

#[test]
fn start_warns_when_nobody_can_accept_and_asks_anyway() {
    let (sim, env) = setup(&["--desktops", "9"]);
    for (index, says) in [
        (SHUTOFF, "the desktop is SHUTOFF"),
        (DISCONNECTED, "its user is not connected (DISCONNECTED)"),
        (REGISTERED, "its user is not connected (REGISTERED)"),
    ] {
        let id = generated_id(index);
        let out = run(&env, &["start", &id, "--no-audit"]);
        let out = assert_output(out.clone(), 0, &stdout(&out), &[says, "asking anyway"]);
        assert!(stderr(&out).contains("warning:"), "{}", stderr(&out));
        let post = position(&sim, "POST", &format!("{id}/remote-assistance"));
        assert!(post.is_some(), "the request still went out");
    }
    let id = generated_id(CONNECTED);
    set_state(&sim, &id, json!({"in_maintenance_mode": true}));
    let out = run(&env, &["start", &id, "--no-audit"]);
    assert_output(
        out.clone(),
        0,
        &stdout(&out),
        &["the desktop is in maintenance mode"],
    );
    cancel_via_api(&sim, &id);
    set_state(
        &sim,
        &id,
        json!({"in_maintenance_mode": false, "task_status": "rebooting"}),
    );
    let out = run(&env, &["start", &id, "--no-audit"]);
    assert_output(
        out.clone(),
        0,
        &stdout(&out),
        &["the desktop is busy (rebooting)"],
    );
}

/// The state that keeps a user from accepting is said in the run's language, in the warning
/// and in `--require-connected`'s refusal (issue 25); the English lines are the ones above.
#[test]
fn why_nobody_can_accept_is_said_in_chinese() {
    let (sim, env) = setup(&["--desktops", "9"]);
    let id = generated_id(DISCONNECTED);
    let out = run(&env, &["--lang", "zh", "start", &id, "--no-audit"]);
    let said =
        format!("警告：{id}：其用户未连接（DISCONNECTED），可能没有人在场接受；仍然发起请求");
    assert_output(out.clone(), 0, &stdout(&out), &[&said]);
    cancel_via_api(&sim, &id);
    let shut = generated_id(SHUTOFF);
    let out = run(
        &env,
        &[
            "--lang",
            "zh",
            "start",
            &shut,
            "--require-connected",
            "--no-audit",
        ],
    );
    let refused = format!("云桌面 {shut} 尚未就绪，其用户无法接受（云桌面处于 SHUTOFF 状态）");
    assert_error(out, 9, &[&refused]);
    assert!(position(&sim, "POST", &format!("{shut}/remote-assistance")).is_none());
}

#[test]
fn a_connected_user_draws_no_warning() {
    let (_sim, env) = setup(&["--desktops", "9"]);
    let out = run(&env, &["start", &generated_id(CONNECTED), "--no-audit"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("asking anyway"), "{err}");
}

#[test]
fn require_connected_refuses_with_exit_9_and_sends_nothing() {
    let (sim, env) = setup(&["--desktops", "9"]);
    for index in [SHUTOFF, DISCONNECTED] {
        let id = generated_id(index);
        let out = run(
            &env,
            &[
                "start",
                &id,
                "--require-connected",
                "--message",
                "hi",
                "--no-audit",
            ],
        );
        assert_error(out, 9, &["nothing was sent (--require-connected)"]);
    }
    assert_nothing_changed(&sim);
    assert_eq!(received(&sim), Vec::<Value>::new());
}

#[test]
fn message_and_start_message_send_the_documented_body_first() {
    let (sim, env) = setup(&["--desktops", "9"]);
    let log = audited(&sim, &env, "");
    let (a, b) = (generated_id(CONNECTED), generated_id(1));
    let out = run(
        &env,
        &["message", &a, &b, "  IT will call you in 2 minutes \n"],
    );
    assert_output(
        out.clone(),
        0,
        "",
        &[&format!("sent the message to desktop {a}")],
    );
    let got = received(&sim);
    let texts: Vec<(&str, &str)> = got
        .iter()
        .map(|m| {
            (
                m["desktop_id"].as_str().unwrap(),
                m["text"].as_str().unwrap(),
            )
        })
        .collect();
    let text = "IT will call you in 2 minutes";
    assert_eq!(
        texts,
        [(a.as_str(), text), (b.as_str(), text)],
        "trimmed, one call"
    );
    let posts = requests_with_method(&sim, "POST");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(
        posts[0]["path"],
        format!("/v2/{PROJECT}/desktops/notifications")
    );

    let out = run(
        &env,
        &[
            "start",
            &a,
            "--message",
            "I am going to ask now",
            "--audit-text",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(received(&sim)[2]["text"], "I am going to ask now");
    let requests = sim.requests();
    let tail: Vec<&str> = requests
        .iter()
        .filter(|r| r["method"] == "POST")
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let ask = format!("/v2/{PROJECT}/desktops/{a}/remote-assistance");
    assert_eq!(
        tail[1..],
        [format!("/v2/{PROJECT}/desktops/notifications"), ask],
        "the message first"
    );

    let lines = audit_lines(&log);
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["message", "message", "message", "start"]);
    assert_eq!(
        lines[0]["detail"], "message of 29 characters",
        "no text by default"
    );
    assert_eq!(
        lines[2]["detail"], "message (21 characters): I am going to ask now",
        "--audit-text"
    );
}

#[test]
fn a_message_reads_stdin_and_refuses_empty_or_long_text_before_any_request() {
    let (sim, env) = setup(&["--desktops", "3"]);
    let id = generated_id(CONNECTED);
    let long = "x".repeat(513);
    for text in ["", "   \n", long.as_str()] {
        let out = run(&env, &["message", &id, text, "--no-audit"]);
        assert_error(out, 2, &["the message must be 1 to 512 characters"]);
    }
    let out = run(&env, &["start", &id, "--message", "", "--no-audit"]);
    assert_error(out, 2, &["the message must be 1 to 512 characters"]);
    assert_eq!(sim.requests(), Vec::<Value>::new(), "no request at all");
    let out = env
        .cmd()
        .args(["message", &id, "-", "--no-audit"])
        .write_stdin("  from stdin\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(received(&sim)[0]["text"], "from stdin");
}

#[test]
fn a_message_by_selector_follows_the_rules_of_cancel() {
    let (sim, env) = setup(&["--desktops", "9"]);
    let out = run(
        &env,
        &["message", "--user", "user00", "hello", "--no-audit"],
    );
    assert_error(out, 2, &["user00"]);
    let out = run(
        &env,
        &["message", "--name", "PC-00003", "hello", "--no-audit"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(received(&sim)[0]["desktop_id"], generated_id(CONNECTED));
    let out = run(
        &env,
        &["message", "--name", "PC-00003", &generated_id(1), "hi"],
    );
    assert_error(out, 2, &["either by their IDs or by one of"]);
}

#[test]
fn a_refused_settings_api_falls_back_to_asking_as_before() {
    for (how, code, hint) in [
        ("forbidden", 4, "and updateShareSpaceConfig to set them"),
        ("absent", 3, "has no such API"),
    ] {
        let (sim, env) = setup(&["--desktops", "9", "--settings-api", how]);
        let out = run(&env, &["settings"]);
        assert_error(
            out,
            code,
            &["could not read the tenant's collaboration settings", hint],
        );
        let id = generated_id(CONNECTED);
        let out = run(&env, &["start", &id, "--no-audit"]);
        assert_eq!(out.status.code(), Some(0), "{how}: {}", stderr(&out));
        assert!(!stderr(&out).contains("to accept"), "{}", stderr(&out));
        assert!(position(&sim, "POST", "/remote-assistance").is_some());
        cancel_via_api(&sim, &id);
        let out = run(&env, &["-v", "start", &id, "--no-audit"]);
        assert_eq!(out.status.code(), Some(0), "{how}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("the tenant's settings could not be read"),
            "{err}"
        );
    }
}

#[test]
fn show_detail_adds_the_desktops_power_and_login_state() {
    let (sim, env) = setup(&["--desktops", "9"]);
    let id = generated_id(DISCONNECTED);
    set_state(&sim, &id, json!({"task_status": "rebooting"}));
    let out = run(&env, &["show", &id, "--detail"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    for row in [
        "Power\tACTIVE\n",
        "Login\tDISCONNECTED\n",
        "Maintenance\tno\n",
        "Task\trebooting\n",
    ] {
        assert!(table.contains(row), "{row:?} in {table}");
    }
    let out = run(&env, &["show", &id, "--detail", "-o", "json"]);
    let v = json_of(&out);
    assert_eq!(
        v["desktop"],
        json!({"status": "ACTIVE", "login_status": "DISCONNECTED",
            "in_maintenance_mode": false, "task_status": "rebooting"})
    );
    assert_eq!(v["status"], "NONE");
    let plain = json_of(&run(&env, &["show", &id, "-o", "json"]));
    assert!(plain.get("desktop").is_none(), "only with --detail");
}
