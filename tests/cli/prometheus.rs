//! `sessions -o prometheus` and `--metrics-file` (issue 24): the text exposition format, read
//! back by a strict parser written here, its values against the simulator's seeded fleet and
//! what the simulator answered, and the file replaced atomically, never through a link.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;
use serde_json::json;

/// One series: the metric name and its labels, sorted.
type Series = (String, Vec<(String, String)>);

/// Parses the Prometheus text format (0.0.4) strictly, panicking on anything a scraper could
/// misread: `# HELP` and `# TYPE` at most once per family and before its samples, a TYPE for
/// every family, a family's samples together, the metric and label name grammar, label values
/// with only the three escapes, float values, no series twice, counters named `_total` and
/// never negative, and a final newline.
fn parse_strict(text: &str) -> BTreeMap<Series, f64> {
    assert!(
        text.ends_with('\n'),
        "the text ends with a newline: {text:?}"
    );
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    let mut helps: BTreeMap<String, String> = BTreeMap::new();
    let mut sampled: Vec<String> = Vec::new();
    let mut series = BTreeMap::new();
    for line in text.lines() {
        assert!(!line.is_empty(), "no blank lines: {text:?}");
        if let Some(rest) = line.strip_prefix("# ") {
            let (kind, rest) = rest.split_once(' ').expect("a comment names its kind");
            let (name, value) = rest.split_once(' ').expect("a name and a text");
            assert!(is_metric_name(name), "metric name {name:?}");
            assert!(
                !sampled.contains(&name.to_string()),
                "{kind} of {name} after its samples"
            );
            match kind {
                "HELP" => {
                    assert!(!value.is_empty(), "HELP {name} says something");
                    check_escapes(value, false);
                    let twice = helps.insert(name.into(), value.into()).is_some();
                    assert!(!twice, "one HELP for {name}");
                }
                "TYPE" => {
                    let known = ["counter", "gauge", "histogram", "summary", "untyped"];
                    assert!(known.contains(&value), "TYPE {value}");
                    let twice = types.insert(name.into(), value.into()).is_some();
                    assert!(!twice, "one TYPE for {name}");
                }
                other => panic!("only HELP and TYPE comments, not {other:?}"),
            }
            continue;
        }
        assert!(
            !line.starts_with('#'),
            "a comment is `# HELP` or `# TYPE`: {line:?}"
        );
        let (name, labels, value) = sample(line);
        let kind = types
            .get(&name)
            .unwrap_or_else(|| panic!("a TYPE before {name}"));
        if sampled.last() != Some(&name) {
            assert!(
                !sampled.contains(&name),
                "the samples of {name} come together"
            );
            sampled.push(name.clone());
        }
        if kind == "counter" {
            assert!(
                name.ends_with("_total"),
                "a counter is named _total: {name}"
            );
            assert!(value >= 0.0, "a counter is never negative: {line}");
        }
        let twice = series.insert((name, labels), value).is_some();
        assert!(!twice, "a series appears once: {line}");
    }
    series
}

/// `name{label="value",…} value`, read strictly.
fn sample(line: &str) -> (String, Vec<(String, String)>, f64) {
    let name_end = line
        .find(['{', ' '])
        .expect("a name then labels or a value");
    let name = &line[..name_end];
    assert!(is_metric_name(name), "metric name {name:?}");
    let mut rest = &line[name_end..];
    let mut labels = Vec::new();
    if let Some(inner) = rest.strip_prefix('{') {
        let (parsed, after) = label_set(inner);
        labels = parsed;
        rest = after;
    }
    let value = rest.strip_prefix(' ').expect("one space before the value");
    let mut parts = value.split(' ');
    let number = parts.next().unwrap();
    let value = match number {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        "NaN" => f64::NAN,
        n => n
            .parse::<f64>()
            .unwrap_or_else(|_| panic!("a float value: {line:?}")),
    };
    if let Some(ts) = parts.next() {
        ts.parse::<i64>().expect("a timestamp in milliseconds");
    }
    assert!(parts.next().is_none(), "nothing after the value: {line:?}");
    labels.sort();
    (name.to_string(), labels, value)
}

/// The labels up to the closing brace, and what follows it.
fn label_set(mut s: &str) -> (Vec<(String, String)>, &str) {
    let mut labels: Vec<(String, String)> = Vec::new();
    loop {
        if let Some(after) = s.strip_prefix('}') {
            return (labels, after);
        }
        let eq = s.find('=').expect("label=\"value\"");
        let name = &s[..eq];
        assert!(is_label_name(name), "label name {name:?}");
        assert!(labels.iter().all(|(n, _)| n != name), "label {name} once");
        let body = s[eq + 1..].strip_prefix('"').expect("a quoted label value");
        let (value, after) = quoted(body);
        labels.push((name.to_string(), value));
        s = after.strip_prefix(',').unwrap_or(after);
    }
}

/// A label value up to its closing quote, unescaped: only `\\`, `\"` and `\n` may follow a
/// backslash.
fn quoted(s: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, &s[i + 1..]),
            '\\' => match chars.next() {
                Some((_, '\\')) => value.push('\\'),
                Some((_, '"')) => value.push('"'),
                Some((_, 'n')) => value.push('\n'),
                other => panic!("a label value escapes only \\\\, \\\" and \\n, not {other:?}"),
            },
            c => value.push(c),
        }
    }
    panic!("an unterminated label value: {s:?}")
}

/// HELP text: a backslash starts `\\` or `\n` only.
fn check_escapes(text: &str, _quotes: bool) {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let next = chars.next();
            assert!(
                matches!(next, Some('\\' | 'n')),
                "HELP escape {next:?} in {text:?}"
            );
        }
    }
}

fn is_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    !name.starts_with("__")
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn get(series: &BTreeMap<Series, f64>, name: &str, labels: &[(&str, &str)]) -> f64 {
    let mut key: Vec<(String, String)> = labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    key.sort();
    *series
        .get(&(name.to_string(), key))
        .unwrap_or_else(|| panic!("no series {name}{labels:?} in {series:?}"))
}

/// The named desktops and 20 generated ones of `--seed-status mixed`, by status: of the named,
/// two OPEN, one of each pending, two CLOSE and two without a record; of the generated, four
/// of each (index modulo 5).
const SEEDED: [(&str, f64); 5] = [
    ("OPEN", 6.0),
    ("WAIT_USER_CONFIRM", 5.0),
    ("WAIT_USER_ACCESS", 5.0),
    ("CLOSE", 6.0),
    ("NONE", 6.0),
];

/// The seeded fleet's values, and the request counters equal to what the simulator logged
/// as answered (by status class, the 429s apart).
fn check_values(series: &BTreeMap<Series, f64>, sim: &Sim, window: (i64, i64)) {
    for (status, count) in SEEDED {
        assert_eq!(
            get(series, "assist_sessions", &[("status", status)]),
            count,
            "{status}"
        );
    }
    let statuses = series
        .keys()
        .filter(|(n, _)| n == "assist_sessions")
        .count();
    assert_eq!(statuses, 5, "exactly the five statuses: {series:?}");
    assert_eq!(get(series, "assist_desktops_total", &[]), 28.0);
    // The oldest open session is the API reference's example, created 2022-03-28.
    let created = 1_648_425_600;
    let age = get(series, "assist_session_oldest_age_seconds", &[]) as i64;
    assert!(
        (window.0 - created..=window.1 - created).contains(&age),
        "age {age}"
    );
    let answered: Vec<u64> = sim
        .requests()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    let class =
        |lo: u64, hi: u64| answered.iter().filter(|s| (lo..=hi).contains(*s)).count() as f64;
    let outcome = |o: &str| get(series, "assist_api_requests_total", &[("outcome", o)]);
    assert_eq!(outcome("success"), class(200, 299));
    assert_eq!(outcome("client_error"), class(400, 499));
    assert_eq!(outcome("server_error"), 0.0);
    assert_eq!(outcome("network_error"), 0.0);
    assert_eq!(outcome("other"), 0.0);
    assert_eq!(
        get(series, "assist_api_throttled_total", &[]),
        class(429, 429)
    );
    let last = get(series, "assist_last_success_timestamp_seconds", &[]);
    assert!(
        (window.0 as f64..=window.1 as f64 + 1.0).contains(&last),
        "last success {last}"
    );
}

fn seeded_fleet() -> (Sim, Env) {
    setup(&["--desktops", "20", "--seed-status", "mixed"])
}

#[test]
fn sessions_prints_the_exposition_format_with_the_fleet_and_the_requests_it_made() {
    let (sim, env) = seeded_fleet();
    // Two throttled answers: counted as client errors and as throttled.
    sim.fault(json!({"kind": "429", "count": 2, "retry_after": 0}));
    let before = jiff::Timestamp::now().as_second();
    let out = run(&env, &["sessions", "-o", "prometheus"]);
    let after = jiff::Timestamp::now().as_second();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let series = parse_strict(&stdout(&out));
    check_values(&series, &sim, (before, after));
    assert_eq!(get(&series, "assist_api_throttled_total", &[]), 2.0);
}

#[test]
fn a_status_the_cloud_invents_is_a_series_of_its_own_escaped_per_the_format() {
    let (sim, env) = setup(&[]);
    // The example desktop's record comes back with the status PAUSED.
    sim.fault(json!({"kind": "unknown-status", "desktop_id": EXAMPLE_DESKTOP}));
    let out = run(&env, &["sessions", "-o", "prometheus"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let series = parse_strict(&stdout(&out));
    assert_eq!(
        get(&series, "assist_sessions", &[("status", "PAUSED")]),
        1.0
    );
    assert_eq!(get(&series, "assist_sessions", &[("status", "OPEN")]), 1.0);
    assert_eq!(get(&series, "assist_desktops_total", &[]), 8.0);
}

#[test]
fn prometheus_output_anywhere_but_sessions_is_a_usage_error_naming_sessions() {
    let (sim, env) = setup(&[]);
    for args in [
        vec!["show", EXAMPLE_DESKTOP],
        vec!["watch", EXAMPLE_DESKTOP, "--once"],
        vec!["desktops"],
        vec!["cancel", EXAMPLE_DESKTOP],
        vec!["log"],
        vec!["config", "show"],
        vec!["sessions", "--watch"],
    ] {
        let out = env
            .cmd()
            .args(&args)
            .args(["-o", "prometheus"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("assist sessions"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    // Refused before any request.
    assert_eq!(sim.requests(), Vec::<serde_json::Value>::new());
}

/// The directory's entries, names only.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_metrics_file_is_replaced_whole_and_never_written_through_a_link() {
    let (sim, env) = seeded_fleet();
    let dir = env.dir.path().join("textfile");
    std::fs::create_dir(&dir).unwrap();
    let victim = env.dir.path().join("victim");
    std::fs::write(&victim, "untouched").unwrap();
    let path = dir.join("assist.prom");
    // Links at the target and at every name a predictable writer would use.
    let planted = [
        "assist.prom",
        "assist.prom.tmp",
        ".assist.prom.tmp",
        "assist.prom~",
    ];
    for name in planted {
        std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
    }
    let before = jiff::Timestamp::now().as_second();
    let out = run(
        &env,
        &[
            "sessions",
            "-o",
            "json",
            "--metrics-file",
            path.to_str().unwrap(),
        ],
    );
    let after = jiff::Timestamp::now().as_second();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    json_of(&out);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    let meta = std::fs::symlink_metadata(&path).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the link was replaced by the file"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(meta.permissions().mode() & 0o777, 0o644);
    // Nothing but the file and the links left: no temporary file stays behind.
    assert_eq!(entries(&dir), {
        let mut e: Vec<String> = planted.iter().map(|s| s.to_string()).collect();
        e.sort();
        e
    });
    let series = parse_strict(&std::fs::read_to_string(&path).unwrap());
    check_values(&series, &sim, (before, after));
}

#[test]
fn a_metrics_file_in_a_missing_directory_is_exit_2_naming_it() {
    let (_sim, env) = setup(&[]);
    let path = env.dir.path().join("missing").join("assist.prom");
    let out = assert_error(
        env.cmd()
            .args(["sessions", "--metrics-file", path.to_str().unwrap()]),
        2,
        &["could not write the metrics file", "hint:"],
    );
    assert!(stderr(&out).contains(path.to_str().unwrap()));
}

#[test]
fn a_watch_refreshes_its_metrics_file_each_round() {
    let (sim, env) = setup(&[
        "--desktops",
        "2",
        "--confirm-after",
        "1h",
        "--access-after",
        "0s",
    ]);
    let dir = env.dir.path().join("textfile");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("assist.prom");
    let (a, b) = (generated_id(1), generated_id(2));
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", &a, &b, "--interval", "100ms", "-o", "json"])
        .args(["--metrics-file", path.to_str().unwrap()]);
    let watch = Running::spawn(cmd);
    let read = || {
        std::fs::read_to_string(&path)
            .ok()
            .map(|text| parse_strict(&text))
    };
    let count = |series: &BTreeMap<Series, f64>, status: &str| {
        get(series, "assist_sessions", &[("status", status)])
    };
    wait_for("both desktops without a session", || {
        read().is_some_and(|s| count(&s, "NONE") == 2.0)
    });
    start_via_api(&sim, &a);
    wait_for("one waiting for its user", || {
        read().is_some_and(|s| count(&s, "WAIT_USER_CONFIRM") == 1.0 && count(&s, "NONE") == 1.0)
    });
    let series = read().unwrap();
    assert_eq!(get(&series, "assist_desktops_total", &[]), 2.0);
    watch.interrupt();
    let (status, _, err) = watch
        .end_within(std::time::Duration::from_secs(20))
        .unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert_eq!(entries(&dir), ["assist.prom"]);
}

#[test]
fn a_watch_with_a_state_file_counts_only_the_desktops_it_watches() {
    let (_sim, env) = setup(&[]);
    let state = env.dir.path().join("state.json");
    let path = env.dir.path().join("assist.prom");
    let state_arg = state.to_str().unwrap();
    // An earlier run remembered another desktop in the same state file.
    let first = run(
        &env,
        &["watch", OPEN_DESKTOP, "--once", "--state", state_arg],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let out = run(
        &env,
        &["watch", CONFIRM_DESKTOP, "--once", "--state", state_arg]
            .into_iter()
            .chain(["--metrics-file", path.to_str().unwrap()])
            .collect::<Vec<_>>(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let series = parse_strict(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(get(&series, "assist_desktops_total", &[]), 1.0);
    assert_eq!(
        get(
            &series,
            "assist_sessions",
            &[("status", "WAIT_USER_CONFIRM")]
        ),
        1.0
    );
    assert_eq!(get(&series, "assist_sessions", &[("status", "OPEN")]), 0.0);
}
