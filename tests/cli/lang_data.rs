//! Data never changes with the language: JSON, NDJSON, `-o code`, `-o link`, the metrics,
//! a table into a pipe, the exit codes and the audit log are byte for byte the same under
//! `--lang en` and `--lang zh` (only the words for people differ, on a terminal and stderr).

use serde_json::Value;

use crate::common::*;

/// The stdout and exit code of `args` under `--lang lang` (stdout a pipe).
fn run_in(env: &Env, lang: &str, args: &[&str]) -> (String, Option<i32>) {
    let out = env
        .cmd()
        .arg("--lang")
        .arg(lang)
        .args(args)
        .output()
        .unwrap();
    (stdout(&out), out.status.code())
}

/// `args` give the same stdout and exit code in both languages; `mask` first takes out what
/// moves with the clock.
fn assert_same(env: &Env, args: &[&str], expected_code: i32, mask: fn(&str) -> String) {
    let (en, en_code) = run_in(env, "en", args);
    let (zh, zh_code) = run_in(env, "zh", args);
    assert_eq!(en_code, Some(expected_code), "{args:?} (en): {en}");
    assert_eq!(
        zh_code, en_code,
        "{args:?}: the exit code changed with the language"
    );
    assert_eq!(
        mask(&zh),
        mask(&en),
        "{args:?}: the data changed with the language"
    );
}

fn as_is(text: &str) -> String {
    text.to_string()
}

/// NDJSON lines without `observed_at` (the time of each poll), in a stable order.
fn without_observed_at(text: &str) -> String {
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            v.as_object_mut().unwrap().remove("observed_at");
            v.to_string()
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// `sessions -o json` without `age_seconds` (the seconds since creation, by the clock).
fn without_ages(text: &str) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    for session in v.as_array_mut().unwrap() {
        session.as_object_mut().unwrap().remove("age_seconds");
    }
    v.to_string()
}

/// The metrics with the values that move with the clock (the last success, the oldest age)
/// blanked.
fn without_clock_values(text: &str) -> String {
    let moving = [
        "assist_last_success_timestamp_seconds ",
        "assist_session_oldest_age_seconds ",
    ];
    text.lines()
        .map(|l| match moving.iter().find(|m| l.starts_with(*m)) {
            Some(name) => format!("{name}X"),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn json_codes_links_metrics_and_piped_tables_are_the_same_in_both_languages() {
    let (_sim, env) = sim_and_env(&[]);
    for args in [
        &["show", EXAMPLE_DESKTOP, "-o", "json"][..],
        &["show", EXAMPLE_DESKTOP, "-o", "code"],
        &["show", EXAMPLE_DESKTOP, "-o", "link"],
        &["desktops", "-o", "json"],
        &["desktops", "-o", "code"],
        &["sessions", "-o", "code"],
        &["sessions", "-o", "link"],
        // Tables into a pipe: header, labels and values are data for scripts.
        &["show", EXAMPLE_DESKTOP],
        &["show", CONFIRM_DESKTOP],
        &["desktops"],
        &["sessions"],
    ] {
        assert_same(&env, args, 0, as_is);
    }
    assert_same(&env, &["sessions", "-o", "json"], 0, without_ages);
    let watch = [
        "watch",
        EXAMPLE_DESKTOP,
        OPEN_DESKTOP,
        "--once",
        "-o",
        "json",
    ];
    assert_same(&env, &watch, 0, without_observed_at);
    assert_same(
        &env,
        &["sessions", "-o", "prometheus"],
        0,
        without_clock_values,
    );
}

#[test]
fn exit_codes_are_the_same_in_both_languages() {
    let (_sim, env) = sim_and_env(&[]);
    // No link yet (9), no such desktop (5), a format the command refuses (2).
    assert_same(&env, &["show", CONFIRM_DESKTOP, "-o", "link"], 9, as_is);
    let missing = "99999999-0000-4000-8000-000000000099";
    assert_same(&env, &["show", missing], 5, as_is);
    assert_same(&env, &["desktops", "-o", "link"], 2, as_is);
}

/// The audit log a start and a cancel write, with the same inputs, under `lang`: each line
/// without what differs from run to run (times, request IDs, the chain's links).
fn audit_lines_in(lang: &str) -> (Vec<Value>, String, String) {
    let (sim, env) = sim_and_env(&[]);
    let log = env.dir.path().join("audit.jsonl");
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\naudit_log = \"{}\"\n",
        sim.url,
        log.display()
    ));
    let erin = "11111111-0000-4000-8000-000000000004";
    let start = [
        "start",
        erin,
        "--ticket",
        "INC-7",
        "--reason",
        "printer driver",
    ];
    let cancel = [
        "cancel",
        OPEN_DESKTOP,
        "--ticket",
        "INC-8",
        "--reason",
        "done",
    ];
    // Nothing to cancel, and a change of the tenant's settings: their details are sentences,
    // data all the same (a Chinese one slipped into the log once).
    let heidi = "11111111-0000-4000-8000-000000000007";
    let nothing = ["cancel", heidi, "--ticket", "INC-9"];
    let settings = [
        "settings",
        "set",
        "wait_confirm_time=120",
        "keyboard_mouse_ctl=false",
        "--yes",
    ];
    for args in [&start[..], &cancel[..], &nothing[..], &settings[..]] {
        let out = env
            .cmd()
            .env("USER", "opal")
            .arg("--lang")
            .arg(lang)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    let lines = std::fs::read_to_string(&log).unwrap();
    let entries = lines
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            let object = v.as_object_mut().unwrap();
            for moving in ["time", "request_id", "prev", "session", "intent"] {
                object.remove(moving);
            }
            v
        })
        .collect();
    let (table, _) = run_in(&env, lang, &["log"]);
    let (json, _) = run_in(&env, lang, &["log", "-o", "json"]);
    (entries, table, json)
}

#[test]
fn the_audit_log_and_what_log_prints_for_scripts_are_the_same_in_both_languages() {
    let (en, en_table, en_json) = audit_lines_in("en");
    let (zh, zh_table, zh_json) = audit_lines_in("zh");
    assert_eq!(en.len(), 8, "{en:#?}");
    assert_eq!(zh, en, "the audit log changed with the language");
    let details: Vec<&Value> = en.iter().map(|e| &e["detail"]).collect();
    assert!(
        details.contains(&&Value::from(
            "nothing to cancel: desktop 11111111-0000-4000-8000-000000000007 has no active remote assistance"
        )),
        "{details:#?}"
    );
    assert!(
        details.contains(&&Value::from(
            "wait_confirm_time: 60 s -> 120 s; keyboard_mouse_ctl: yes -> no"
        )),
        "{details:#?}"
    );
    // Same shape as printed: `log` into a pipe and `-o json` keep English columns and keys.
    let header = |t: &str| t.lines().next().unwrap_or_default().to_string();
    assert_eq!(header(&zh_table), header(&en_table));
    assert!(
        zh_table.starts_with("TIME\tACTION\tDESKTOP\t"),
        "{zh_table}"
    );
    let keys = |t: &str| -> Vec<Vec<String>> {
        let v: Vec<Value> = serde_json::from_str(t).unwrap();
        v.iter()
            .map(|e| e.as_object().unwrap().keys().cloned().collect())
            .collect()
    };
    assert_eq!(keys(&zh_json), keys(&en_json));
}
