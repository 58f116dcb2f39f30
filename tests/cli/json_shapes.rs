//! Every JSON shape the binary prints validates against its documented schema in
//! docs/schemas/ (docs/json.md): `show`, `start` (with and without --wait, on a decline),
//! `cancel`, `watch`, `desktops`, `sessions`, `log`, `settings`, `show --detail`; and the body
//! a `webhook` notify target receives (checked in the `notify` tests).
//!
//! The schemas are plain JSON Schema, for users' own tools; the checker here is a small one
//! for the keywords they use (type, properties, required, additionalProperties, items, enum)
//! and it refuses any other keyword, so that a schema can never be checked only in part. A
//! full validator crate would bring some thirty crates to the build for those six keywords.

use serde_json::Value;

use crate::common::*;

fn schema(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/schemas")
        .join(format!("{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// The keywords a schema may use: those checked, and annotations.
const CHECKED: [&str; 6] = [
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
];
const ANNOTATIONS: [&str; 4] = ["$schema", "$id", "title", "description"];

/// The places where `value` breaks `schema`, each with its JSON path.
fn violations(schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let rules = schema.as_object().expect("a schema is an object");
    for key in rules.keys() {
        assert!(
            CHECKED.contains(&key.as_str()) || ANNOTATIONS.contains(&key.as_str()),
            "the checker does not know the keyword {key:?} (at {at})"
        );
    }
    let mut found = Vec::new();
    if let Some(types) = rules.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("type at {at}"),
        };
        if !allowed.iter().any(|t| is_type(value, t)) {
            found.push(format!("{at}: {value} is not {allowed:?}"));
            return found;
        }
    }
    if let Some(options) = rules.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            found.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    if let (Some(props), Some(object)) = (rules.get("properties"), value.as_object()) {
        let props = props.as_object().expect("properties");
        for (key, sub) in props {
            if let Some(v) = object.get(key) {
                found.extend(violations(sub, v, &format!("{at}.{key}")));
            }
        }
        if rules.get("additionalProperties") == Some(&Value::Bool(false)) {
            for key in object.keys().filter(|k| !props.contains_key(*k)) {
                found.push(format!("{at}: undocumented field {key:?}"));
            }
        }
    }
    if let (Some(required), Some(object)) = (rules.get("required"), value.as_object()) {
        for key in required.as_array().expect("required").iter() {
            let key = key.as_str().expect("a field name");
            if !object.contains_key(key) {
                found.push(format!("{at}: missing field {key:?}"));
            }
        }
    }
    if let (Some(items), Some(array)) = (rules.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            found.extend(violations(items, item, &format!("{at}[{i}]")));
        }
    }
    found
}

fn is_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        other => panic!("unknown type {other}"),
    }
}

pub(crate) fn assert_valid(name: &str, value: &Value) {
    let found = violations(&schema(name), value, "$");
    assert!(found.is_empty(), "{name}: {found:#?}\n{value:#}");
}

#[test]
fn the_checker_catches_what_the_schemas_forbid() {
    let record = serde_json::json!({"desktop_id": "d1", "status": "CLOSE", "extra": 1});
    let found = violations(&schema("cancel"), &record, "$");
    assert_eq!(found, ["$: undocumented field \"extra\""]);
    let found = violations(
        &schema("cancel"),
        &serde_json::json!({"desktop_id": "d1", "status": "OPEN"}),
        "$",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let found = violations(
        &schema("sessions"),
        &serde_json::json!([{"desktop_id": 3}]),
        "$",
    );
    assert!(
        found.iter().any(|f| f.starts_with("$[0].desktop_id")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("missing field \"age_seconds\"")),
        "{found:?}"
    );
}

#[test]
fn show_start_cancel_desktops_and_sessions_print_their_documented_shapes() {
    let (_sim, env) = sim_and_env(&[]);
    let run = |args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        json_of(&out)
    };
    for id in [
        EXAMPLE_DESKTOP,
        OPEN_DESKTOP,
        CONFIRM_DESKTOP,
        FAILED_DESKTOP,
    ] {
        assert_valid("show", &run(&["show", id, "-o", "json"]));
    }
    assert_valid(
        "show",
        &run(&["show", "11111111-0000-4000-8000-000000000004", "-o", "json"]),
    );
    // A session already there: the record.
    assert_valid("show", &run(&["start", EXAMPLE_DESKTOP, "-o", "json"]));
    // A new one: what the POST created.
    let created = run(&[
        "start",
        "11111111-0000-4000-8000-000000000004",
        "-o",
        "json",
    ]);
    assert_valid("start", &created);
    assert_valid("cancel", &run(&["cancel", OPEN_DESKTOP, "-o", "json"]));
    let desktops = run(&["desktops", "-o", "json"]);
    assert!(desktops.as_array().is_some_and(|a| a.len() >= 8));
    assert_valid("desktops", &desktops);
    let sessions = run(&["sessions", "-o", "json"]);
    assert!(sessions.as_array().is_some_and(|a| !a.is_empty()));
    assert_valid("sessions", &sessions);
}

#[test]
fn start_wait_and_its_decline_print_the_show_shape() {
    let id = generated_id(1);
    let (_sim, env) = sim_and_env(&[
        "--desktops",
        "2",
        "--refuse",
        &id,
        "--confirm-after",
        "100ms",
        "--access-after",
        "100ms",
    ]);
    let out = env
        .cmd()
        .args(["start", &id, "--wait", "--interval", "100ms", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert_valid("show", &json_of(&out));

    let out = env
        .cmd()
        .args([
            "start",
            &generated_id(2),
            "--wait",
            "--interval",
            "100ms",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let opened = json_of(&out);
    assert_eq!(opened["status"], "OPEN");
    assert_valid("show", &opened);
}

#[test]
fn a_desktop_without_a_session_prints_the_show_shape_with_none() {
    let (_sim, env) = sim_and_env(&["--desktops", "3"]);
    let out = env
        .cmd()
        .args(["show", &generated_id(2), "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let none = json_of(&out);
    assert_eq!(none["status"], "NONE");
    assert_valid("show", &none);
}

#[test]
fn every_watch_line_has_the_watch_shape() {
    let (_sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args([
            "watch",
            EXAMPLE_DESKTOP,
            OPEN_DESKTOP,
            CONFIRM_DESKTOP,
            FAILED_DESKTOP,
            "--once",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 4, "{text}");
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_valid("watch", &v);
    }
}

#[test]
fn the_audit_log_prints_the_log_shape() {
    let (_sim, env) = sim_and_env(&["--desktops", "1"]);
    let id = generated_id(1);
    for args in [["start", &id], ["cancel", &id]] {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = env.cmd().args(["log", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v.as_array().map(Vec::len), Some(2), "{v:#}");
    assert_valid("log", &v);
}

#[test]
fn settings_and_show_detail_print_their_documented_shapes() {
    let (_sim, env) = sim_and_env(&[]);
    let run = |args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        json_of(&out)
    };
    let settings = run(&["settings", "-o", "json"]);
    assert_valid("settings", &settings);
    assert_eq!(settings["wait_confirm_time"], 60);
    let written = run(&[
        "settings",
        "set",
        "wait_confirm_time=90",
        "--yes",
        "--no-audit",
        "-o",
        "json",
    ]);
    assert_valid("settings", &written);
    for id in [
        EXAMPLE_DESKTOP,
        "11111111-0000-4000-8000-000000000004",
        "11111111-0000-4000-8000-000000000006",
    ] {
        let detail = run(&["show", id, "--detail", "-o", "json"]);
        assert_valid("show-detail", &detail);
    }
    let off = run(&[
        "show",
        "11111111-0000-4000-8000-000000000006",
        "--detail",
        "-o",
        "json",
    ]);
    assert_eq!(
        off["desktop"],
        serde_json::json!({"status": "SHUTOFF", "login_status": "UNREGISTER",
            "in_maintenance_mode": false, "task_status": null})
    );
}
