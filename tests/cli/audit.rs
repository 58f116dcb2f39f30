//! The audit log: one line per change with who, what, why and how it went; the
//! ticket rule; a log that cannot be written stops the change; `assist log` and `--verify`.

use std::path::PathBuf;

use crate::common::*;
use serde_json::Value;

/// A `default` profile on the simulator whose audit log is `audit.jsonl` in the env's dir.
fn audited(sim: &Sim, env: &Env, extra: &str) -> PathBuf {
    let log = env.dir.path().join("audit.jsonl");
    logging_to(sim, env, &log, extra);
    log
}

/// A `default` profile on the simulator whose audit log is `log`.
fn logging_to(sim: &Sim, env: &Env, log: &std::path::Path, extra: &str) {
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\naudit_log = \"{}\"\n{extra}",
        sim.url,
        log.display()
    ));
}

fn lines(log: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The outcome lines of the log (the intent line each follows left out).
fn outcomes(log: &std::path::Path) -> Vec<Value> {
    lines(log)
        .into_iter()
        .filter(|e| e["action"] != "intent")
        .collect()
}

/// The log as an `Output`, so that the no-leak helper reads it.
fn as_output(log: &std::path::Path) -> std::process::Output {
    let mut out = std::process::Command::new("true").output().unwrap();
    out.stdout = std::fs::read(log).unwrap();
    out
}

const FIELDS: [&str; 18] = [
    "accepted",
    "action",
    "desktop_id",
    "desktop_name",
    "detail",
    "env_user",
    "http_status",
    "intent",
    "local_user",
    "operator",
    "prev",
    "profile",
    "project",
    "reason",
    "request_id",
    "status",
    "ticket",
    "time",
];

#[test]
fn start_and_cancel_write_one_line_each_with_every_field_and_no_secret() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let id = generated_id(1);
    let out = env
        .cmd()
        .env("USER", "opal")
        .args(["start", &id, "--ticket", "INC-1", "--reason", "printer"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = outcomes(&log);
    assert_eq!(got.len(), 1, "{got:#?}");
    let mut keys = keys_of(&got[0]);
    keys.sort();
    let mut want: Vec<String> = FIELDS.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(keys, want);
    let e = &got[0];
    assert_eq!(e["action"], "start");
    assert_eq!(e["desktop_id"], id.as_str());
    assert_eq!(e["ticket"], "INC-1");
    assert_eq!(e["reason"], "printer");
    #[cfg(unix)]
    assert_eq!(e["local_user"], real_account().as_str());
    assert_eq!(e["env_user"], "opal");
    assert_eq!(e["operator"], format!("ak:{}…", &AK[..4]));
    assert_eq!(e["profile"], "default");
    assert_eq!(e["project"], PROJECT);
    assert_eq!(e["http_status"], 200);
    assert_eq!(e["status"], "WAIT_USER_CONFIRM");
    let post = requests_with_method(&sim, "POST");
    assert_eq!(post.len(), 1);
    assert!(
        e["request_id"].as_str().is_some_and(|r| !r.is_empty()),
        "{e}"
    );

    let out = env
        .cmd()
        .args(["cancel", &id, "--ticket", "INC-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = outcomes(&log);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["action"], "cancel");
    assert_eq!(got[1]["http_status"], 204);
    assert_no_leak(&as_output(&log), &[SK, AK]);
    #[cfg(unix)]
    assert_eq!(mode_of(&log), 0o600);
}

#[test]
fn require_ticket_refuses_a_change_without_one_before_any_request() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "require_ticket = true\n");
    let before = sim.requests().len();
    for args in [
        vec!["start", &generated_id(1)],
        vec!["cancel", &generated_id(1)],
        vec!["sessions", "--cancel", "--yes"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("--ticket"), "{}", stderr(&out));
    }
    assert_eq!(sim.requests().len(), before, "no request at all");
    assert!(!log.exists());
}

#[test]
fn an_unwritable_log_stops_start_before_its_post_and_no_audit_proceeds_with_a_warning() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let blocker = env.dir.path().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    logging_to(&sim, &env, &blocker.join("audit.jsonl"), "");
    let id = generated_id(1);
    let out = env.cmd().args(["start", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("audit log"), "{}", stderr(&out));
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());

    let out = env
        .cmd()
        .args(["start", &id, "--no-audit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: --no-audit: this change is not recorded"),
        "{}",
        stderr(&out)
    );
    assert_eq!(requests_with_method(&sim, "POST").len(), 1);
}

#[test]
fn eight_concurrent_starts_append_eight_intact_chained_lines() {
    let (sim, env) = sim_and_env(&["--desktops", "8"]);
    let log = audited(&sim, &env, "");
    let children: Vec<_> = (1..=8)
        .map(|i| {
            std_cmd(&env)
                .args(["start", &generated_id(i), "--ticket", &format!("INC-{i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let got = outcomes(&log);
    assert_eq!(got.len(), 8);
    let mut tickets: Vec<String> = got
        .iter()
        .map(|e| e["ticket"].as_str().unwrap().to_string())
        .collect();
    tickets.sort();
    let mut want: Vec<String> = (1..=8).map(|i| format!("INC-{i}")).collect();
    want.sort();
    assert_eq!(tickets, want);
    let out = env.cmd().args(["log", "--verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("16 line(s), the chain is intact"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn verify_names_the_line_after_one_is_edited_or_removed() {
    let (sim, env) = sim_and_env(&["--desktops", "3"]);
    let log = audited(&sim, &env, "");
    for i in 1..=3 {
        let out = env
            .cmd()
            .args(["start", &generated_id(i)])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let text = std::fs::read_to_string(&log).unwrap();
    let edited = text
        .replacen("\"start\"", "\"cancel\"", 2)
        .replacen("\"cancel\"", "\"start\"", 1);
    std::fs::write(&log, &edited).unwrap();
    let out = env.cmd().args(["log", "--verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 5: it does not follow line 4"),
        "{}",
        stderr(&out)
    );

    let kept: Vec<&str> = text.lines().collect();
    std::fs::write(&log, format!("{}\n{}\n", kept[0], kept[2])).unwrap();
    let out = env.cmd().args(["log", "--verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 2: it does not follow line 1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn log_ticket_json_returns_exactly_that_tickets_actions_newest_first() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    audited(&sim, &env, "");
    let (a, b) = (generated_id(1), generated_id(2));
    for args in [
        vec!["start", a.as_str(), "--ticket", "INC-1"],
        vec!["start", b.as_str(), "--ticket", "INC-2"],
        vec!["cancel", a.as_str(), "--ticket", "INC-1"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = env
        .cmd()
        .args(["log", "--ticket", "INC-1", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let actions: Vec<(&str, &str)> = v
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["desktop_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(actions, [("cancel", a.as_str()), ("start", a.as_str())]);
}

#[test]
fn start_wait_records_the_users_answer_so_the_desktops_log_reads_like_a_timeline() {
    let (sim, env) = sim_and_env(&[
        "--desktops",
        "1",
        "--confirm-after",
        "200ms",
        "--access-after",
        "200ms",
    ]);
    audited(&sim, &env, "");
    let id = generated_id(1);
    let out = env
        .cmd()
        .args([
            "start",
            &id,
            "--wait",
            "--interval",
            "100ms",
            "--ticket",
            "INC-9",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env
        .cmd()
        .args(["cancel", &id, "--ticket", "INC-9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env
        .cmd()
        .args(["log", "--desktop", &id, "-o", "json"])
        .output()
        .unwrap();
    let v: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let story: Vec<(&str, Value)> = v
        .iter()
        .rev()
        .map(|e| (e["action"].as_str().unwrap(), e["accepted"].clone()))
        .collect();
    assert_eq!(
        story,
        [
            ("start", Value::Null),
            ("accepted", Value::Bool(true)),
            ("cancel", Value::Null)
        ]
    );
    assert_eq!(v[1]["status"], "OPEN");
}

#[test]
fn sessions_cancel_writes_one_line_per_closed_session() {
    let (sim, env) = sim_and_env(&["--desktops", "3"]);
    let log = audited(&sim, &env, "");
    for i in 1..=2 {
        start_via_api(&sim, &generated_id(i));
    }
    let out = env
        .cmd()
        .args([
            "sessions", "--cancel", "--yes", "--ticket", "INC-5", "--reason", "sweep",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // One line per DELETE the simulator saw (its seeded sessions are swept too).
    let got = outcomes(&log);
    let mut ids: Vec<String> = got
        .iter()
        .map(|e| e["desktop_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    let mut deleted: Vec<String> = requests_with_method(&sim, "DELETE")
        .iter()
        .map(|r| {
            r["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .nth(1)
                .unwrap()
                .to_string()
        })
        .collect();
    deleted.sort();
    assert_eq!(ids, deleted);
    assert!(
        ids.contains(&generated_id(1)) && ids.contains(&generated_id(2)),
        "{ids:?}"
    );
    assert!(got
        .iter()
        .all(|e| e["action"] == "cancel" && e["ticket"] == "INC-5" && e["http_status"] == 204));
}

#[test]
fn the_demo_logs_into_its_cache_dir_never_the_real_log() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--profile",
            "demo",
            "start",
            EXAMPLE_DESKTOP,
            "--new",
            "--yes",
            "--ticket",
            "DEMO-1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let demo_log = env.dir.path().join("xdg-cache/assist/demo-audit.jsonl");
    // The demo desktop already has an OPEN session: --new closes it, then asks again.
    let got = outcomes(&demo_log);
    let actions: Vec<&str> = got.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["cancel", "start"]);
    assert!(got
        .iter()
        .all(|e| e["ticket"] == "DEMO-1" && e["profile"] == "demo"));
    assert!(!env
        .dir
        .path()
        .join(".local/share/assist/audit.jsonl")
        .exists());
}

/// The simulator records each change as the cloud's trace service would (who, when, which
/// desktop, how it went, by request id, and no ticket): every audit line of a change points at
/// the trace of its request, and adds what the cloud cannot know.
#[test]
fn each_audit_line_matches_the_simulators_trace_of_its_request() {
    let (sim, env) = sim_and_env(&["--desktops", "1"]);
    let log = audited(&sim, &env, "");
    let id = generated_id(1);
    for args in [
        vec!["start", id.as_str(), "--ticket", "INC-7"],
        vec!["cancel", id.as_str(), "--ticket", "INC-7"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let traces: Vec<Value> = sim_client()
        .get(format!("{}/_sim/traces", sim.url))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let operations: Vec<&str> = traces
        .iter()
        .map(|t| t["operation"].as_str().unwrap())
        .collect();
    assert_eq!(
        operations,
        ["start remote assistance", "cancel remote assistance"]
    );
    let audited = outcomes(&log);
    assert_eq!(audited.len(), 2, "{audited:#?}");
    for (line, trace) in audited.iter().zip(&traces) {
        assert_eq!(line["request_id"], trace["request_id"], "{line} / {trace}");
        assert_eq!(trace["desktop_id"], id.as_str());
        assert_eq!(trace["caller"], format!("ak:{AK}"));
        assert_eq!(line["http_status"], trace["status"]);
        assert!(
            trace.get("ticket").is_none(),
            "the cloud knows no ticket: {trace}"
        );
        assert_eq!(line["ticket"], "INC-7");
    }
}

/// `--desktop`, `--user` (the local account or the cloud identity) and `--since` each keep
/// exactly the lines they name.
#[test]
fn log_filters_by_desktop_user_and_age() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let (a, b) = (generated_id(1), generated_id(2));
    for (user, args) in [
        ("opal", vec!["start", a.as_str()]),
        ("ruby", vec!["start", b.as_str()]),
        ("ruby", vec!["cancel", b.as_str()]),
    ] {
        let out = env.cmd().env("USER", user).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let listed = |filter: &[&str]| -> Vec<(String, String)> {
        let out = env
            .cmd()
            .arg("log")
            .args(filter)
            .args(["-o", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        v.iter()
            .map(|e| {
                let field = |k: &str| e[k].as_str().unwrap().to_string();
                (field("action"), field("desktop_id"))
            })
            .collect()
    };
    let pair = |action: &str, id: &str| (action.to_string(), id.to_string());
    assert_eq!(listed(&["--desktop", &a]), [pair("start", &a)]);
    assert_eq!(
        listed(&["--user", "ruby"]),
        [pair("cancel", &b), pair("start", &b)]
    );
    assert_eq!(
        listed(&["--user", &AK[..4]]).len(),
        3,
        "the cloud identity matches too"
    );
    // An old line (the time of the first outcome moved back by hand; its intent, line 1,
    // still folds into it) falls outside `--since 7d`.
    let text = std::fs::read_to_string(&log).unwrap();
    let first: Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    let old = text.replacen(first["time"].as_str().unwrap(), "2020-01-01T00:00:00Z", 1);
    std::fs::write(&log, old).unwrap();
    assert_eq!(
        listed(&["--since", "7d"]),
        [pair("cancel", &b), pair("start", &b)]
    );
    // Ages longer than a month are accepted (no 30-day cap): 90 days still leaves the old
    // line out, a century takes it in.
    assert_eq!(
        listed(&["--since", "90d"]),
        [pair("cancel", &b), pair("start", &b)]
    );
    assert_eq!(listed(&["--since", "100y"]).len(), 3);
}

/// `log --user` also finds the end user a line names (`PC-00001 (user001)`): the helpdesk
/// looks for the person they helped as often as for who helped.
#[test]
fn log_user_matches_the_end_user_of_the_desktop() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    audited(&sim, &env, "");
    let out = env
        .cmd()
        .env("USER", "opal")
        .args(["start", "--user", "user001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listed = |user: &str| -> Vec<Value> {
        let out = env
            .cmd()
            .args(["log", "--user", user, "-o", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let found = listed("USER001");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["desktop_id"], generated_id(1));
    assert_eq!(found[0]["action"], "start");
    assert_eq!(listed("user002"), Vec::<Value>::new());
}

/// `log` has tables and JSON only: `-o code` and `-o link` are exit 2, as for `desktops -o
/// link`, rather than a table where a script expected IDs or codes.
#[test]
fn log_refuses_code_and_link_output() {
    let (sim, env) = sim_and_env(&[]);
    audited(&sim, &env, "");
    for format in ["code", "link"] {
        let out = env.cmd().args(["log", "-o", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{format}");
        assert_eq!(
            stderr(&out),
            "error: `log` has no codes or links to print (-o code, -o link)\n  hint: `log` prints a table, or JSON with -o json\n",
            "{format}"
        );
    }
}

/// The DELETE closed the session but its answer was lost: the audit says the request was
/// out and its answer lost, then (after a look) that the first request went through; a
/// cancel with nothing to cancel says that. The intent names the session meant.
#[test]
fn a_cancel_whose_answer_was_lost_is_audited_as_done_after_the_look() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let (id, idle) = (generated_id(1), generated_id(2));
    let started = start_via_api(&sim, &id);
    sim.fault(
        serde_json::json!({"kind": "drop-after", "method": "DELETE", "desktop_id": id, "count": 1}),
    );
    for desktop in [&id, &idle] {
        let out = env
            .cmd()
            .args(["cancel", desktop, "--ticket", "INC-4"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let all = lines(&log);
    assert_eq!(all[0]["action"], "intent");
    assert_eq!(all[0]["session"], started["share_space_id"]);
    let got = outcomes(&log);
    let story: Vec<(&str, &str, &Value, &Value)> = got
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["desktop_id"].as_str().unwrap(),
                &e["http_status"],
                &e["status"],
            )
        })
        .collect();
    assert_eq!(
        story,
        [
            ("cancel", id.as_str(), &Value::Null, &Value::Null),
            ("cancel", id.as_str(), &Value::Null, &Value::from("CLOSE")),
            ("cancel", idle.as_str(), &Value::from(404), &Value::Null),
        ]
    );
    let done = format!(
        "cancelled remote assistance on desktop {id}: the first request went through (its answer was lost; desktop {id} has no active remote assistance now)"
    );
    let nothing = format!("nothing to cancel: desktop {idle} has no active remote assistance");
    assert_eq!(got[1]["detail"], done.as_str());
    assert_eq!(got[2]["detail"], nothing.as_str());
}

// ---- issue 22: the audit trail that cannot be skipped ----

/// `cmd` runs with a file-size limit of `bytes` (a full disk without root: a write past it
/// fails with EFBIG) and SIGXFSZ at its default action, which would kill the process.
#[cfg(unix)]
fn with_file_limit(cmd: &mut std::process::Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// `assist log --verify` on the env's config: its exit code and stdout.
fn verified(env: &Env) -> (Option<i32>, String) {
    let out = env.cmd().args(["log", "--verify"]).output().unwrap();
    (out.status.code(), stdout(&out))
}

/// Issue 22, item 1: a full disk (no room at all, or room for part of a line) stops `start`,
/// `cancel` and `sessions --cancel` before their request: exit 3, nothing sent, the file as
/// it was (no torn line), the chain still intact. Before, the DELETE went out with a warning
/// (or the process died of SIGXFSZ) and the line was torn.
#[cfg(unix)]
#[test]
fn an_intent_that_cannot_be_written_whole_sends_nothing_and_tears_no_line() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let (id, other) = (generated_id(1), generated_id(2));
    let out = env
        .cmd()
        .args(["start", &id, "--ticket", "INC-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    start_via_api(&sim, &other);
    let runs = [
        vec!["cancel", id.as_str()],
        vec!["start", other.as_str(), "--new", "--yes"],
        vec!["sessions", "--cancel", "--yes"],
    ];
    refused_without_room(&sim, &env, &log, &runs, "INC-2");
}

/// Each of `runs` (with `--ticket ticket`), with room in the audit log for nothing, then for
/// part of a line: exit 3 saying nothing was sent, no change reached the simulator (its
/// request log), the file as it was (no torn line), the chain intact.
#[cfg(unix)]
fn refused_without_room(
    sim: &Sim,
    env: &Env,
    log: &std::path::Path,
    runs: &[Vec<&str>],
    ticket: &str,
) {
    let before = std::fs::read(log).unwrap();
    let changes = |sim: &Sim| {
        sim.requests()
            .iter()
            .filter(|r| r["method"] != "GET")
            .count()
    };
    let sent = changes(sim);
    for room in [0, 40] {
        for args in runs {
            let mut cmd = std_cmd(env);
            cmd.args(args).args(["--ticket", ticket]);
            with_file_limit(&mut cmd, before.len() as u64 + room);
            let out = cmd.output().unwrap();
            let said = stderr(&out);
            assert_eq!(out.status.code(), Some(3), "{args:?} {room}: {said}");
            assert!(
                said.contains("nothing was sent") || said.contains("was not sent"),
                "{said}"
            );
            assert!(said.contains("audit log"), "{said}");
            assert_eq!(changes(sim), sent, "{args:?} {room}: no change sent");
            assert_eq!(
                std::fs::read(log).unwrap(),
                before,
                "{args:?} {room}: no torn line"
            );
        }
    }
    assert_eq!(verified(env).0, Some(0));
}

/// Issue 22, item 1: the intent line comes before the request and names who, what, the
/// ticket and what is about to be sent; the outcome line names its intent. An intent without
/// an outcome is shown by `log` as outcome unknown and named by `--verify`.
#[test]
fn each_change_writes_its_intent_before_the_request_and_its_outcome_after() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let id = generated_id(1);
    let out = env
        .cmd()
        .args(["start", &id, "--ticket", "INC-1", "--reason", "printer"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&log).unwrap();
    let got = lines(&log);
    assert_eq!(got.len(), 2, "{got:#?}");
    let (intent, outcome) = (&got[0], &got[1]);
    assert_eq!(
        (
            &intent["action"],
            &intent["sends"],
            &intent["ticket"],
            &intent["reason"]
        ),
        (
            &Value::from("intent"),
            &Value::from("POST remote-assistance"),
            &Value::from("INC-1"),
            &Value::from("printer")
        )
    );
    assert_eq!(intent["desktop_id"], id.as_str());
    assert_eq!(intent["http_status"], Value::Null);
    let first = text.lines().next().unwrap();
    let digest = digest(first);
    assert_eq!(outcome["action"], "start");
    assert_eq!(outcome["intent"], digest.as_str());
    assert_eq!(outcome["prev"], digest.as_str());
    // `log` folds an answered intent into its outcome.
    let shown = env.cmd().args(["log", "-o", "json"]).output().unwrap();
    let shown = json_of(&shown);
    assert_eq!(shown.as_array().unwrap().len(), 1, "{shown:#}");
    // An intent whose outcome never came (the run was killed): shown, and named by --verify.
    std::fs::write(&log, format!("{first}\n")).unwrap();
    let shown = env.cmd().args(["log", "-o", "json"]).output().unwrap();
    let shown = json_of(&shown);
    assert_eq!(shown[0]["action"], "intent");
    assert_eq!(shown[0]["outcome"], "unknown");
    let table = env.cmd().arg("log").output().unwrap();
    let row = stdout(&table)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let cells: Vec<&str> = row.split('\t').collect();
    assert_eq!(
        (cells[1], cells[8]),
        ("intent", "unknown"),
        "{}",
        stdout(&table)
    );
    let out = env.cmd().args(["log", "--verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 1: an intent whose outcome was never recorded"),
        "{}",
        stderr(&out)
    );
}

/// What an outcome line names its intent by: `sha256-` and the base64 SHA-256 of the line.
fn digest(line: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(line))
    )
}

/// Waits until the log holds an intent line and the simulator holds one request unanswered:
/// the request that intent announced is out.
fn wait_until_out(sim: &Sim, log: &std::path::Path, intents: usize) {
    wait_for("the intent line", || {
        lines(log)
            .iter()
            .filter(|e| e["action"] == "intent")
            .count()
            >= intents
    });
    wait_for("the request held by the simulator", || {
        sim.stats()["in_flight"] == 1
    });
}

/// Runs `args`, sends it `signal` (`INT`, `TERM`) once `intents` intent lines are written and
/// the simulator holds their request, and returns its exit code.
#[cfg(unix)]
fn signalled(
    sim: &Sim,
    env: &Env,
    log: &std::path::Path,
    args: &[&str],
    intents: usize,
    signal: &str,
) -> Option<i32> {
    let mut cmd = std_cmd(env);
    cmd.args(args);
    let mut run = Running::spawn(cmd);
    wait_until_out(sim, log, intents);
    let kill = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &run.child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = run.wait_for_exit(std::time::Duration::from_secs(20));
    status.and_then(|s| s.code())
}

/// Issue 22, item 3: SIGINT while `start`'s POST is out, SIGTERM while `cancel`'s DELETE is:
/// the intent is there, an outcome line says the request may have reached the server, and
/// the exit code is the signal's. Before, the process died of the signal with no line.
#[cfg(unix)]
#[test]
fn a_signal_while_the_request_is_out_leaves_an_interrupted_outcome_line() {
    let (id, other) = (generated_id(1), generated_id(2));
    let cases = [
        ("POST", id.as_str(), "start", "INT", 130, "SIGINT"),
        ("DELETE", other.as_str(), "cancel", "TERM", 143, "SIGTERM"),
    ];
    for (method, desktop, command, signal, code, name) in cases {
        // A simulator each: the held request of one case stays held.
        let (sim, env) = sim_and_env(&["--desktops", "2"]);
        let log = audited(&sim, &env, "");
        start_via_api(&sim, &other);
        sim.fault(serde_json::json!({"kind": "latency", "latency": "600s", "method": method, "desktop_id": desktop, "count": 1}));
        let run = [command, desktop, "--ticket", "INC-3"];
        let status = signalled(&sim, &env, &log, &run, 1, signal);
        assert_eq!(status, Some(code), "{command}");
        let got = lines(&log);
        let last = got.last().unwrap();
        assert_eq!(last["action"], command, "{got:#?}");
        assert_eq!(last["desktop_id"], desktop);
        assert_eq!(
            last["detail"],
            format!("interrupted ({name}) before the answer came: the request may have reached the server").as_str()
        );
        assert_eq!(got[got.len() - 2]["action"], "intent");
        assert_eq!(verified(&env).0, Some(0));
    }
}

/// Issue 22, item 3: `sessions --cancel` writes each line as its DELETE comes back; the
/// first SIGTERM stops new DELETEs, lets the one out finish and records it, and exits 143.
/// Before, the first SIGTERM was ignored and every DELETE went out.
#[cfg(unix)]
#[test]
fn a_sweep_stops_at_the_first_signal_and_records_the_delete_that_was_out() {
    let (sim, env) = sim_and_env(&["--desktops", "3"]);
    let log = audited(&sim, &env, "");
    for i in 1..=3 {
        start_via_api(&sim, &generated_id(i));
    }
    sim.fault(
        serde_json::json!({"kind": "latency", "latency": "3s", "method": "DELETE", "count": 1}),
    );
    let mut cmd = std_cmd(&env);
    cmd.args([
        "sessions",
        "--cancel",
        "--yes",
        "--concurrency",
        "1",
        "--ticket",
        "INC-5",
    ]);
    let mut run = Running::spawn(cmd);
    wait_until_out(&sim, &log, 1);
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &run.child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = run.wait_for_exit(std::time::Duration::from_secs(30));
    assert_eq!(status.and_then(|s| s.code()), Some(143));
    let deletes = requests_with_method(&sim, "DELETE");
    assert_eq!(deletes.len(), 1, "{deletes:#?}");
    assert_eq!(deletes[0]["status"], 204);
    let got = lines(&log);
    let actions: Vec<&str> = got.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["intent", "cancel"]);
    assert_eq!(got[1]["http_status"], 204);
    assert_eq!(got[0]["desktop_id"], got[1]["desktop_id"]);
    assert_eq!(verified(&env).0, Some(0));
}

/// The account of this process's real uid, as the account database names it.
#[cfg(unix)]
fn real_account() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Issue 22, item 10: `local_user` is the real uid's account (`USER=ceo` is kept apart as
/// `env_user`); bidi, format and C1 characters from flags are `\uXXXX` in the file; a
/// 200,000-character line before does not break the next line's chain. Before, `USER`
/// forged the user, the characters were raw, and the chain read only the last 64 KiB.
#[cfg(unix)]
#[test]
fn the_audit_line_names_the_real_account_escapes_format_characters_and_chains_long_lines() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    // A record written before whose name is 200,000 characters long.
    let long = serde_json::json!({
        "time": "2026-11-02T09:14:03Z", "local_user": "erin", "operator": "token",
        "profile": null, "project": null, "desktop_id": "d1",
        "desktop_name": "N".repeat(200_000), "action": "cancel", "ticket": null,
        "reason": null, "http_status": 204, "request_id": "r", "status": null,
        "accepted": null, "detail": null, "prev": "sha256-"
    });
    std::fs::write(&log, format!("{long}\n")).unwrap();
    let id = generated_id(1);
    let ticket = "INC-\u{202E}7\u{00AD}\u{0085}\u{2066}";
    let out = env
        .cmd()
        .env("USER", "ceo")
        .args([
            "start",
            &id,
            "--ticket",
            ticket,
            "--reason",
            "r\u{200F}\u{E0041}",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&log).unwrap();
    for c in [
        '\u{202E}',
        '\u{00AD}',
        '\u{0085}',
        '\u{2066}',
        '\u{200F}',
        '\u{E0041}',
    ] {
        assert!(!text.contains(c), "{c:?} is raw in the log");
    }
    assert!(
        text.contains(r"INC-\u202e7\u00ad\u0085\u2066"),
        "{}",
        &text[text.len() - 900..]
    );
    assert!(
        text.contains(r"r\u200f\udb40\udc41"),
        "{}",
        &text[text.len() - 900..]
    );
    let got = lines(&log);
    assert_eq!(got[1]["ticket"], ticket, "escaped, it reads back the same");
    let account = real_account();
    assert_eq!(got[1]["local_user"], account.as_str());
    if account != "ceo" {
        assert_eq!(got[1]["env_user"], "ceo");
    }
    // From the server: a session id with a zero-width space, named by cancel's intent line.
    let other = generated_id(2);
    start_via_api(&sim, &other);
    sim.fault(
        serde_json::json!({"kind": "spoof", "method": "GET", "desktop_id": other, "count": 1}),
    );
    let out = env.cmd().args(["cancel", &other]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains('\u{200B}'), "a raw U+200B in the log");
    assert!(
        text.contains(r#""session":"space\u200bid""#),
        "{}",
        &text[text.len() - 900..]
    );
    let (code, said) = verified(&env);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("5 line(s), the chain is intact"), "{said}");
}

/// Issue 22, item 11, in a sweep: a DELETE whose answer was lost is looked at, not resent
/// blindly. Gone: the first one went through (one DELETE). The same session still there: sent
/// again, once. Before, both were resent at once.
#[test]
fn a_sweep_delete_whose_answer_was_lost_is_looked_at_before_any_resend() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let (a, b) = (generated_id(1), generated_id(2));
    start_via_api(&sim, &a);
    start_via_api(&sim, &b);
    sim.fault(
        serde_json::json!({"kind": "drop-after", "method": "DELETE", "desktop_id": a, "count": 1}),
    );
    sim.fault(serde_json::json!({"kind": "drop", "method": "DELETE", "desktop_id": b, "count": 1}));
    let out = env
        .cmd()
        .args(["sessions", "--cancel", "--yes", "--ticket", "INC-8"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "was lost; a look shows no active session now: the first request went through"
        ),
        "{}",
        stderr(&out)
    );
    let story = |id: &str| -> Vec<String> {
        sim.requests()
            .iter()
            .filter(|r| r["path"] == assistance_path(id))
            .map(|r| format!("{} {}", r["method"].as_str().unwrap(), r["status"]))
            .collect()
    };
    let deletes = |id: &str| {
        story(id)
            .into_iter()
            .filter(|s| s.starts_with("DELETE"))
            .count()
    };
    assert_eq!(deletes(&a), 1, "{:?}", story(&a));
    assert_eq!(deletes(&b), 2, "{:?}", story(&b));
    assert_eq!(story(&b).last().unwrap(), "DELETE 204");
    let closed: Vec<(String, Value)> = outcomes(&log)
        .iter()
        .filter(|e| e["desktop_id"] == a.as_str())
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["status"].clone(),
            )
        })
        .collect();
    assert_eq!(
        closed,
        [
            ("cancel".to_string(), Value::Null),
            ("cancel".to_string(), Value::from("CLOSE"))
        ]
    );
    assert_eq!(verified(&env).0, Some(0));
}

// ---- issue 22 item 1 for issue 23's changes: settings, messages ----

/// The three changes of issue 23: `settings set`, a message to two desktops, `start --message`.
fn tenant_changes<'a>(a: &'a str, b: &'a str) -> [Vec<&'a str>; 3] {
    [
        vec!["settings", "set", "wait_confirm_time=90", "--yes"],
        vec!["message", a, b, "IT will call"],
        vec!["start", a, "--message", "asking now"],
    ]
}

/// Issue 22, item 1 (and issue 23, items 2 and 5): `settings set`, `message` (for each
/// desktop) and `start --message` write an intent line before their request, naming what it
/// sends, and an outcome line after it that names its intent; the text stays out of the log.
/// Before, each wrote only its outcome, after the request.
#[test]
fn settings_and_messages_write_their_intent_before_the_request() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let (a, b) = (generated_id(1), generated_id(2));
    for args in tenant_changes(&a, &b) {
        let out = env
            .cmd()
            .args(&args)
            .args(["--ticket", "INC-9"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    let text = std::fs::read_to_string(&log).unwrap();
    let raw: Vec<&str> = text.lines().collect();
    let got = lines(&log);
    let shape: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["desktop_id"].as_str().unwrap(),
                e["sends"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let (put, post) = ("PUT share-space/configuration", "POST notifications");
    assert_eq!(
        shape,
        [
            ("intent", "", put),
            ("settings", "", ""),
            ("intent", a.as_str(), post),
            ("intent", b.as_str(), post),
            ("message", a.as_str(), ""),
            ("message", b.as_str(), ""),
            ("intent", a.as_str(), post),
            ("message", a.as_str(), ""),
            ("intent", a.as_str(), "POST remote-assistance"),
            ("start", a.as_str(), ""),
        ]
    );
    for (outcome, intent) in [(1, 0), (4, 2), (5, 3), (7, 6), (9, 8)] {
        assert_eq!(
            got[outcome]["intent"],
            digest(raw[intent]).as_str(),
            "{outcome}"
        );
        assert_eq!(got[intent]["ticket"], "INC-9");
    }
    assert_eq!(got[4]["detail"], "message of 12 characters");
    assert!(!text.contains("IT will call") && !text.contains("asking now"));
    assert_eq!(verified(&env).0, Some(0));
}

/// Issue 22, item 1: with no room in the audit log for the intent line (none at all, or part
/// of a line), `settings set`, `message` and `start --message` refuse before their request:
/// exit 3, no PUT and no POST (not even the message before the ask), the file as it was.
/// Before, the PUT and the messages went out with only a warning.
#[cfg(unix)]
#[test]
fn settings_and_messages_send_nothing_when_their_intent_cannot_be_written() {
    let (sim, env) = sim_and_env(&["--desktops", "2"]);
    let log = audited(&sim, &env, "");
    let (a, b) = (generated_id(1), generated_id(2));
    let out = env
        .cmd()
        .args(["message", &a, "hello", "--ticket", "INC-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    refused_without_room(&sim, &env, &log, &tenant_changes(&a, &b), "INC-9");
}

/// Issue 22, item 3 for issue 23's changes: SIGINT while a message's POST is out, SIGTERM
/// while `settings set`'s PUT is: an outcome line for each intent says the request may have
/// reached the server, and the exit code is the signal's. Before, no line at all.
#[cfg(unix)]
#[test]
fn a_signal_while_a_message_or_the_settings_are_out_leaves_interrupted_lines() {
    let (a, b) = (generated_id(1), generated_id(2));
    let [settings, message, _] = tenant_changes(&a, &b);
    let cases = [
        (
            "POST",
            message,
            "message",
            "INT",
            130,
            "SIGINT",
            vec![a.as_str(), b.as_str()],
        ),
        (
            "PUT",
            settings,
            "settings",
            "TERM",
            143,
            "SIGTERM",
            vec![""],
        ),
    ];
    for (method, args, action, signal, code, name, desktops) in cases {
        let (sim, env) = sim_and_env(&["--desktops", "2"]);
        let log = audited(&sim, &env, "");
        sim.fault(
            serde_json::json!({"kind": "latency", "latency": "600s", "method": method, "count": 1}),
        );
        let mut run = args.clone();
        run.extend(["--ticket", "INC-9"]);
        let status = signalled(&sim, &env, &log, &run, desktops.len(), signal);
        assert_eq!(status, Some(code), "{action}");
        let text = std::fs::read_to_string(&log).unwrap();
        let raw: Vec<&str> = text.lines().collect();
        let got = lines(&log);
        let n = desktops.len();
        assert_eq!(got.len(), 2 * n, "{got:#?}");
        let detail = format!(
            "interrupted ({name}) before the answer came: the request may have reached the server"
        );
        for (i, desktop) in desktops.iter().enumerate() {
            let (intent, outcome) = (&got[i], &got[n + i]);
            assert_eq!(
                (&intent["action"], &intent["desktop_id"]),
                (&Value::from("intent"), &Value::from(*desktop))
            );
            assert_eq!(
                (&outcome["action"], &outcome["desktop_id"]),
                (&Value::from(action), &Value::from(*desktop))
            );
            assert_eq!(outcome["detail"], detail.as_str());
            assert_eq!(outcome["intent"], digest(raw[i]).as_str());
        }
        assert_eq!(verified(&env).0, Some(0));
    }
}
