//! `assist sessions`: the open and pending sessions of a whole fleet, `--older-than`, the
//! `--cancel` sweep, under each answer the cloud may give for "no record".

use std::collections::BTreeSet;

use crate::common::*;
use serde_json::Value;

const FLEET: u32 = 2000;

/// The named seeded desktops with a session (alice and bob OPEN, carol and dave pending).
const NAMED_ACTIVE: [&str; 4] = [
    EXAMPLE_DESKTOP,
    OPEN_DESKTOP,
    CONFIRM_DESKTOP,
    "11111111-0000-4000-8000-000000000003",
];

/// What `--seed-status mixed` gives an open or pending session: indexes 1, 2 and 3 modulo 5.
fn expected_active() -> BTreeSet<String> {
    expected_active_of(FLEET)
}

fn expected_active_of(fleet: u32) -> BTreeSet<String> {
    (1..=fleet)
        .filter(|i| matches!(i % 5, 1..=3))
        .map(generated_id)
        .chain(NAMED_ACTIVE.iter().map(|s| s.to_string()))
        .collect()
}

fn listed(env: &Env, extra: &[&str]) -> Vec<Value> {
    let out = env
        .cmd()
        .args(["sessions", "-o", "json", "--concurrency", "16"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_clean(&out);
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ids(rows: &[Value]) -> BTreeSet<String> {
    rows.iter()
        .map(|r| r["desktop_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn sessions_lists_exactly_the_open_and_pending_ones_and_the_sweep_closes_them() {
    for variant in ["404", "empty", "nulls"] {
        let (sim, env) = sim_and_env(&[
            "--desktops",
            &FLEET.to_string(),
            "--seed-status",
            "mixed",
            "--no-record-as",
            variant,
            "--confirm-after",
            "0s",
            "--access-after",
            "0s",
        ]);
        // A session opened just now, on a desktop that had none.
        let fresh = generated_id(5);
        start_via_api(&sim, &fresh);
        let mut expected = expected_active();
        expected.insert(fresh.clone());

        let rows = listed(&env, &[]);
        assert_eq!(ids(&rows), expected, "{variant}");
        assert_eq!(rows.len(), expected.len(), "{variant}: each once");
        let row = rows
            .iter()
            .find(|r| r["desktop_id"] == generated_id(1))
            .unwrap();
        assert_eq!(row["computer_name"], "PC-00001");
        assert_eq!(row["user_name"], "user001");
        assert_eq!(row["status"], "OPEN");
        // Oldest first; the pending ones, which have no creation time, last.
        let ages: Vec<Option<i64>> = rows.iter().map(|r| r["age_seconds"].as_i64()).collect();
        let dated = ages.iter().take_while(|a| a.is_some()).count();
        assert!(ages[dated..].iter().all(Option::is_none), "{variant}");
        assert!(ages[..dated].windows(2).all(|w| w[0] >= w[1]), "{variant}");
        assert_eq!(rows.last().unwrap()["invitation_code"], Value::Null);

        // --older-than: the seeded OPEN sessions are months old, the fresh one is not, and
        // the pending ones have no creation time.
        let old = listed(&env, &["--older-than", "2h"]);
        assert!(!ids(&old).contains(&fresh), "{variant}");
        assert!(old.iter().all(|r| r["status"] == "OPEN"), "{variant}");
        assert_eq!(
            old.len(),
            400 + 2,
            "{variant}: the 400 seeded OPEN ones, alice and bob"
        );
        // Ages longer than a month are accepted (no 30-day cap): the seeded sessions were
        // opened in 2022-2025, more than a year ago, and none half a century ago.
        assert_eq!(
            ids(&listed(&env, &["--older-than", "1y"])),
            ids(&old),
            "{variant}"
        );
        assert!(
            listed(&env, &["--older-than", "50y"]).is_empty(),
            "{variant}"
        );

        // The sweep: one DELETE per listed session, each confirmed by the simulator.
        let out = env
            .cmd()
            .args(["sessions", "--cancel", "--yes", "--concurrency", "16"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{variant}: {}", stderr(&out));
        let deletes = requests_with_method(&sim, "DELETE");
        assert_eq!(deletes.len(), expected.len(), "{variant}");
        assert!(deletes.iter().all(|d| d["status"] == 204), "{variant}");
        assert!(
            stderr(&out).contains(&format!("cancelled {0} of {0} session(s)", expected.len())),
            "{}",
            stderr(&out)
        );
        assert!(listed(&env, &[]).is_empty(), "{variant}: none left");
    }
}

#[test]
fn cancel_without_a_terminal_and_without_yes_is_refused_before_any_request() {
    let (sim, env) = sim_and_env(&[]);
    let out = env.cmd().args(["sessions", "--cancel"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(sim.requests().is_empty(), "no request, let alone a DELETE");
}

#[test]
fn selectors_and_statuses_narrow_the_list() {
    let (_sim, env) = sim_and_env(&[]);
    let rows = listed(&env, &["--user", "carol"]);
    assert_eq!(ids(&rows), BTreeSet::from([CONFIRM_DESKTOP.to_string()]));
    let rows = listed(&env, &["--status", "open"]);
    assert_eq!(
        ids(&rows),
        BTreeSet::from([EXAMPLE_DESKTOP.to_string(), OPEN_DESKTOP.to_string()])
    );
    let out = env.cmd().args(["sessions", "-o", "code"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 4, "{}", stdout(&out));
    let out = env
        .cmd()
        .args(["sessions", "--user", "nobody-at-all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no open or pending session"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn sessions_under_the_gateways_quota_paces_itself_and_lists_every_session() {
    // 68 desktops against 30 calls a second with a burst of 5: most of the first calls are
    // refused; the one-shot read learns the pace instead of failing desktops.
    let (sim, env) = sim_and_env(&[
        "--desktops",
        "60",
        "--seed-status",
        "mixed",
        "--rate-limit",
        "30/s",
        "--rate-burst",
        "5",
    ]);
    let out = env
        .cmd()
        .args(["sessions", "-o", "json", "--concurrency", "8"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&rows), expected_active_of(60));
    assert!(sim.stats()["quota"]["throttled"].as_u64().unwrap() > 0);
    assert_eq!(
        err.trim(),
        "note: the API gateway is throttling (HTTP 429); assist paces its requests to what it accepts"
    );
}

/// A piped `sessions --watch` lists what `sessions` lists: the desktops with a session, never
/// those first seen without one (`NONE`, `CLOSE`); a session it showed that then ends is a
/// line, the change a reader waits for.
#[test]
fn piped_sessions_watch_leaves_out_desktops_without_a_session() {
    let (sim, env) = sim_and_env(&[]);
    let mut cmd = std_cmd(&env);
    cmd.args(["sessions", "--watch", "-o", "json", "--interval", "1s"]);
    let run = Running::spawn(cmd);
    let limit = std::time::Duration::from_secs(60);
    let first: BTreeSet<String> = (0..NAMED_ACTIVE.len())
        .map(|_| {
            let line = run.next_line(limit).expect("a line per session");
            let v: Value = serde_json::from_str(&line).unwrap();
            v["desktop_id"].as_str().unwrap().to_string()
        })
        .collect();
    let named: BTreeSet<String> = NAMED_ACTIVE.iter().map(|s| s.to_string()).collect();
    assert_eq!(first, named);
    cancel_via_api(&sim, OPEN_DESKTOP);
    let line = run.next_line(limit).expect("the end of a session shown");
    let v: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["desktop_id"], OPEN_DESKTOP, "{line}");
    assert!(
        matches!(v["status"].as_str(), Some("CLOSE" | "NONE")),
        "{line}"
    );
}

/// A blank `--name/--user/--ip` would match every desktop: for every command that takes one
/// it is exit 2 naming the flag, before any request (issue 22: `sessions --cancel --yes
/// --name ""` cancelled every session of the project).
#[test]
fn a_blank_filter_is_a_usage_error_naming_it_for_every_command() {
    let (sim, env) = sim_and_env(&[]);
    let cases: [&[&str]; 9] = [
        &[
            "sessions", "--cancel", "--yes", "--ticket", "T", "--name", "",
        ],
        &["sessions", "--cancel", "--yes", "--name", "   "],
        &["sessions", "--user", " "],
        &["desktops", "--ip", ""],
        &["show", "--name", "  "],
        &["start", "--user", ""],
        &["cancel", "--ip", " \t"],
        &["watch", "--once", "--user", ""],
        &["sessions", "--watch", "--name", ""],
    ];
    for args in cases {
        let flag = args[args.len() - 2];
        let value = args[args.len() - 1];
        let said = format!("{flag} \"{}\" is blank", value.replace('\t', "\\t"));
        assert_error(env.cmd().args(args), 2, &[&said]);
        assert!(sim.requests().is_empty(), "{args:?} sent a request");
    }
}

/// A server that ignores the ListDesktops filters (or reads `o,r` as two users) must not
/// widen a sweep: every filter is checked again on this side before any DELETE (issue 22:
/// `sessions --user alice --cancel --yes` cancelled four sessions, none of them alice's).
#[test]
fn a_server_that_ignores_the_filters_does_not_widen_the_sweep() {
    let bob = "11111111-0000-4000-8000-000000000001";
    let cases: [(&[&str], &[&str]); 5] = [
        (&["--user", "alice"], &[EXAMPLE_DESKTOP]),
        (&["--ip", "192.168.1.11"], &[bob]),
        (&["--status", "SHUTOFF"], &[]),
        (&["--name", "ops-pc-002"], &[CONFIRM_DESKTOP]),
        (
            &["--user", "alice", "--status", "ACTIVE"],
            &[EXAMPLE_DESKTOP],
        ),
    ];
    for (filters, expected) in cases {
        let (sim, env) = sim_and_env(&[]);
        sim.fault(serde_json::json!({"kind": "ignore-filters"}));
        let out = run(
            &env,
            &[&["sessions", "--cancel", "--yes", "-o", "code"], filters].concat(),
        );
        assert_eq!(out.status.code(), Some(0), "{filters:?}: {}", stderr(&out));
        let listed: Vec<String> = expected.iter().map(|id| format!("{id}\n")).collect();
        assert_eq!(stdout(&out), listed.concat(), "{filters:?}");
        let deleted: Vec<String> = requests_with_method(&sim, "DELETE")
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect();
        let wanted: Vec<String> = expected.iter().map(|id| assistance_path(id)).collect();
        assert_eq!(deleted, wanted, "{filters:?}");
    }

    // `o,r` is one user's name, sent as one value; a server that splits it at the comma
    // lists bob's and carol's desktops, which are not cancelled.
    let (sim, env) = sim_and_env(&["--list-style", "comma"]);
    let out = run(&env, &["sessions", "--cancel", "--yes", "--user", "o,r"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_nothing_changed(&sim);
    let lists = requests_with_method(&sim, "GET");
    assert_eq!(lists[0]["query"], "limit=1000&offset=0&user_name=o%2Cr");
}

/// Issue 22, item 8: `sessions --watch --interval 1ms` sent 913 GETs in 3 s, where `watch`
/// refuses an interval under 100ms: the board's interval has the same floor.
#[test]
fn the_boards_interval_has_the_floor_of_watch() {
    let (sim, env) = sim_and_env(&[]);
    let refused = "is shorter than the shortest interval, 100ms";
    for args in [
        &["sessions", "--watch", "--interval", "1ms"][..],
        &["watch", OPEN_DESKTOP, "--interval", "1ms"][..],
    ] {
        assert_error(env.cmd().args(args), 2, &[refused]);
    }
    assert!(sim.requests().is_empty(), "nothing was sent");
}
