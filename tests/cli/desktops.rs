//! `assist desktops` and the `--name`/`--user`/`--ip` selectors end to end: the real binary
//! against a simulator process, checking output, exit codes and what the simulator received.

use crate::common::*;
use serde_json::Value;

const LIST_PATH: &str = "/v2/0bec5db98280d2d02fd6c00c2de791ce/desktops";

/// The seeded fleet, in ListDesktops order: (ID, computer name, user, IP).
const FLEET: [(&str, &str, &str, &str); 8] = [
    (EXAMPLE_DESKTOP, "FIN-PC-042", "alice", "192.168.0.42"),
    (
        "11111111-0000-4000-8000-000000000001",
        "HR-PC-001",
        "bob",
        "192.168.1.11",
    ),
    (
        "11111111-0000-4000-8000-000000000002",
        "OPS-PC-002",
        "carol",
        "192.168.1.12",
    ),
    (
        "11111111-0000-4000-8000-000000000003",
        "OPS-PC-003",
        "dave",
        "192.168.1.13",
    ),
    (
        "11111111-0000-4000-8000-000000000004",
        "DEV-PC-004",
        "erin",
        "192.168.1.14",
    ),
    (
        "11111111-0000-4000-8000-000000000005",
        "DEV-PC-005",
        "frank",
        "192.168.1.15",
    ),
    (
        "11111111-0000-4000-8000-000000000006",
        "LAB-PC-006",
        "grace",
        "192.168.1.16",
    ),
    (
        "11111111-0000-4000-8000-000000000007",
        "LAB-PC-007",
        "heidi",
        "192.168.1.17",
    ),
];

/// Whether ListDesktops matches `computer_name` exactly or by part is not documented: the
/// selector tests run against both (`assist sim --name-match`).
const NAME_MATCHES: [&str; 2] = ["exact", "fuzzy"];

fn setup_matching(mode: &str, sim_flags: &[&str]) -> (Sim, Env) {
    let flags: Vec<&str> = ["--name-match", mode]
        .into_iter()
        .chain(sim_flags.iter().copied())
        .collect();
    sim_and_env(&flags)
}

/// The query strings of the ListDesktops requests the simulator received, oldest first.
fn list_queries(sim: &Sim) -> Vec<String> {
    sim.requests()
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["path"] == LIST_PATH)
        .map(|r| r["query"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The paths of the remote-assistance requests with this method.
fn assistance_paths(sim: &Sim, method: &str) -> Vec<String> {
    requests_with_method(sim, method)
        .into_iter()
        .map(|r| r["path"].as_str().unwrap_or_default().to_string())
        .filter(|p| p.ends_with("/remote-assistance"))
        .collect()
}

#[test]
fn show_finds_the_desktop_by_name_user_or_ip() {
    for mode in NAME_MATCHES {
        show_finds_the_desktop_by_name_user_or_ip_when_names_match(mode);
    }
}

fn show_finds_the_desktop_by_name_user_or_ip_when_names_match(mode: &str) {
    let (sim, env) = setup_matching(mode, &[]);
    // An exact service finds no "fin-pc-042" (its case differs): the whole list is matched here.
    let name_query = match mode {
        "exact" => "limit=1000&offset=0",
        _ => "computer_name=fin-pc-042&limit=1000&offset=0",
    };
    let cases = [
        ("--name", "fin-pc-042", name_query),
        ("--user", "alice", "limit=1000&offset=0&user_name=alice"),
        (
            "--ip",
            "192.168.0.42",
            "desktop_ip=192.168.0.42&limit=1000&offset=0",
        ),
    ];
    for (flag, value, query) in cases {
        let out = run(&env, &["show", flag, value, "-o", "json"]);
        assert_eq!(out.status.code(), Some(0), "{flag}: {}", stderr(&out));
        let v = json_of(&out);
        assert_eq!(v["desktop_id"], EXAMPLE_DESKTOP, "{flag}");
        assert_eq!(v["invitation_code"], "D1F32AA6", "{flag}");
        // The filter went to the server in the signed query (the sim verified the signature).
        assert_eq!(
            list_queries(&sim).last().map(String::as_str),
            Some(query),
            "{mode}"
        );
        assert_eq!(
            assistance_paths(&sim, "GET").last(),
            Some(&assistance_path(EXAMPLE_DESKTOP))
        );
    }
}

#[test]
fn an_exact_name_wins_over_names_that_contain_it() {
    for mode in NAME_MATCHES {
        // PC-10001 is exact for desktop 10001 and part of PC-100010 ... PC-100019.
        let (_sim, env) = setup_matching(mode, &["--desktops", "100020", "--seed-status", "mixed"]);
        let listed = run(&env, &["desktops", "--name", "PC-10001", "-o", "code"]);
        assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
        // What the service found is what `desktops` lists: one exact match, or every part.
        let expected = if mode == "exact" { 1 } else { 11 };
        assert_eq!(
            stdout(&listed).lines().count(),
            expected,
            "{mode}: {}",
            stdout(&listed)
        );

        let out = run(&env, &["show", "--name", "pc-10001", "-o", "json"]);
        assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
        let v = json_of(&out);
        assert_eq!(v["desktop_id"], generated_id(10001), "{mode}");
        assert_eq!(v["status"], "OPEN", "{mode}");
    }
}

#[test]
fn an_ambiguous_selector_lists_the_candidates_and_exits_2() {
    let (sim, env) = setup(&[]);
    let out = run(&env, &["show", "--name", "OPS"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let expected = "\
error: --name \"OPS\" matches 2 desktops; this command needs one:
ID                                    NAME        USER   IP            STATUS
11111111-0000-4000-8000-000000000002  OPS-PC-002  carol  192.168.1.12  ACTIVE
11111111-0000-4000-8000-000000000003  OPS-PC-003  dave   192.168.1.13  ACTIVE
  hint: give the desktop's ID, or a selector that matches exactly
";
    assert_eq!(stderr(&out), expected);
    assert!(
        assistance_paths(&sim, "GET").is_empty(),
        "nothing was shown"
    );
}

#[test]
fn a_long_list_of_candidates_is_cut_at_twenty() {
    // PC-1000 is part of PC-10000 ... PC-10009 and PC-100000 ... PC-100020, exact for none.
    let (_sim, env) = setup(&["--desktops", "100020"]);
    let out = run(&env, &["start", "--name", "PC-1000"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: --name \"PC-1000\" matches 31 desktops"),
        "{err}"
    );
    assert_eq!(err.matches("00000000-0000-4000-8000-").count(), 20, "{err}");
    assert!(
        err.contains("… and 11 more (`assist desktops` lists them all)"),
        "{err}"
    );
}

#[test]
fn no_match_exits_5_and_touches_no_desktop() {
    let (sim, env) = setup(&[]);
    for command in ["show", "start", "cancel"] {
        let out = run(&env, &[command, "--user", "nobody"]);
        assert_eq!(out.status.code(), Some(5), "{command}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: no desktop matches --user \"nobody\"\n"),
            "{}",
            stderr(&out)
        );
    }
    assert!(sim
        .requests()
        .iter()
        .all(|r| r["path"] == LIST_PATH && r["method"] == "GET"));
}

#[test]
fn an_empty_selector_is_a_usage_error() {
    let (_sim, env) = setup(&[]);
    assert_error(run(&env, &["show", "--name", " "]), 2, &[]);
}

#[test]
fn selectors_exclude_each_other_and_the_id() {
    let env = Env::new();
    for args in [
        vec!["show", EXAMPLE_DESKTOP, "--name", "FIN-PC-042"],
        vec!["start", "--name", "FIN-PC-042", "--user", "alice"],
        vec!["cancel", "--ip", "1.2.3.4", "--user", "alice"],
        vec!["watch", "--name", "FIN-PC-042", "--user", "alice"],
        vec!["show"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn listing_pages_through_every_page() {
    let (sim, env) = setup(&["--page-size-cap", "3"]);
    let out = run(&env, &["desktops", "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = json_of(&out);
    let got: Vec<(&str, &str, &str, &str)> = list
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| {
            (
                d["desktop_id"].as_str().unwrap(),
                d["computer_name"].as_str().unwrap(),
                d["user_name"].as_str().unwrap(),
                d["ip_address"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, FLEET);
    assert_eq!(list[6]["status"], "SHUTOFF");
    assert_eq!(list[4]["connect_status"], "DISCONNECTED");
    assert_eq!(
        list_queries(&sim),
        [
            "limit=1000&offset=0",
            "limit=1000&offset=3",
            "limit=1000&offset=6"
        ]
    );
}

#[test]
fn a_selector_finds_a_desktop_on_a_later_page() {
    for mode in NAME_MATCHES {
        let (sim, env) = setup_matching(mode, &["--page-size-cap", "1"]);
        assert_error(
            run(&env, &["show", "--name", "DEV-PC", "-o", "json"]),
            2,
            &[],
        );
        let out = run(&env, &["show", "--name", "DEV-PC-005", "-o", "json"]);
        assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
        assert_eq!(json_of(&out)["desktop_id"], FLEET[5].0, "{mode}");
        let mut expected = vec!["computer_name=DEV-PC&limit=1000&offset=0".to_string()];
        match mode {
            // No desktop is named exactly DEV-PC: every page of the whole list, one a page.
            "exact" => expected.extend((0..8).map(|o| format!("limit=1000&offset={o}"))),
            _ => expected.push("computer_name=DEV-PC&limit=1000&offset=1".to_string()),
        }
        expected.push("computer_name=DEV-PC-005&limit=1000&offset=0".to_string());
        assert_eq!(list_queries(&sim), expected, "{mode}");
    }
}

#[test]
fn desktops_code_output_is_ids_one_per_line_and_filters_combine() {
    for mode in NAME_MATCHES {
        desktops_code_output_when_names_match(mode);
    }
}

fn desktops_code_output_when_names_match(mode: &str) {
    let (sim, env) = setup_matching(mode, &[]);
    let out = run(&env, &["desktops", "-o", "code"]);
    let ids: Vec<&str> = FLEET.iter().map(|d| d.0).collect();
    assert_eq!(stdout(&out), format!("{}\n", ids.join("\n")));

    let out = run(
        &env,
        &[
            "desktops", "--name", "pc", "--user", "a", "--status", "shutoff", "-o", "code",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}\n", FLEET[6].0));
    let queries = list_queries(&sim);
    let filtered = "computer_name=pc&limit=1000&offset=0&status=SHUTOFF&user_name=a";
    assert_eq!(queries[1], filtered, "{mode}");
    if mode == "exact" {
        // Nothing is named exactly "pc": the other filters still go to the service.
        assert_eq!(
            queries[2..],
            ["limit=1000&offset=0&status=SHUTOFF&user_name=a"]
        );
    } else {
        assert_eq!(queries.len(), 2, "{mode}: {queries:?}");
    }

    let listed = ["desktops", "--user", "nobody", "-o", "json"];
    assert_output(run(&env, &listed), 0, "[]\n", &[]);
    let out = assert_output(run(&env, &["desktops", "--user", "nobody"]), 0, "", &[]);
    assert_eq!(stderr(&out), "no desktop matches these filters\n");
}

#[test]
fn desktops_table_has_the_columns_and_fits_80_columns() {
    let (_sim, env) = setup(&[]);
    let out = env
        .cmd()
        .env("ASSIST_FORCE_TTY", "80")
        .args(["desktops", "--name", "OPS"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for line in stdout(&out).lines() {
        assert!(line.chars().count() <= 80, "too long: {line}");
    }
    // Every column where the width allows them all (at 80, CONNECT gives way to full IDs).
    let out = env
        .cmd()
        .env("ASSIST_FORCE_TTY", "120")
        .args(["desktops", "--name", "OPS"])
        .output()
        .unwrap();
    let text = stdout(&out);
    for word in [
        "ID",
        "NAME",
        "USER",
        "IP",
        "STATUS",
        "CONNECT",
        "OPS-PC-002",
        "carol",
    ] {
        assert!(text.contains(word), "{word} missing in\n{text}");
    }
    assert!(!text.contains('\u{1b}'), "{text}");
}

#[test]
fn watch_by_user_covers_all_of_their_desktops() {
    // user002 has desktops 2, 99 and 196: WAIT_USER_CONFIRM, CLOSE and OPEN in the mixed seed.
    let (_sim, env) = setup(&["--desktops", "200", "--seed-status", "mixed"]);
    let out = run(
        &env,
        &["watch", "--user", "USER002", "--once", "-o", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut seen: Vec<(String, String)> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("NDJSON"))
        .map(|v| {
            (
                v["desktop_id"].as_str().unwrap().to_string(),
                v["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            (generated_id(2), "WAIT_USER_CONFIRM".to_string()),
            (generated_id(99), "CLOSE".to_string()),
            (generated_id(196), "OPEN".to_string()),
        ]
    );
}

#[test]
fn watch_adds_the_selected_desktops_to_the_given_ids() {
    let (_sim, env) = setup(&[]);
    let out = run(
        &env,
        &[
            "watch",
            OPEN_DESKTOP,
            "--name",
            "FIN-PC-042",
            "--once",
            "-o",
            "code",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("{OPEN_DESKTOP}\tK7Q2M9XA"),
            format!("{EXAMPLE_DESKTOP}\tD1F32AA6"),
        ]
    );
}

#[test]
fn start_and_cancel_by_name_act_on_that_desktop() {
    let (sim, env) = setup(&[]);
    let out = run(&env, &["start", "--name", "dev-pc-004", "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["desktop_id"], FLEET[4].0);
    assert_eq!(
        assistance_paths(&sim, "POST"),
        [assistance_path(FLEET[4].0)]
    );

    let out = run(&env, &["cancel", "--name", "OPS-PC-002"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        assistance_paths(&sim, "DELETE"),
        [assistance_path(FLEET[2].0)]
    );
}

#[test]
fn show_table_at_80_columns_matches_the_golden_file() {
    let (_sim, env) = setup(&[]);
    let out = env
        .cmd()
        .env("ASSIST_FORCE_TTY", "80")
        .args(["show", "--name", "FIN-PC-042"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too long: {line}");
    }
    assert_golden("tests/golden/show-80.txt", &normalize_age(&text));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_sim, env) = setup(&[]);
    for args in [vec!["show", "--name", "FIN-PC-042"], vec!["desktops"]] {
        let piped = run(&env, &args);
        assert!(!stdout(&piped).contains('\u{1b}'), "{}", stdout(&piped));
        let mut coloured = args.clone();
        coloured.extend(["--color", "always"]);
        let out = run(&env, &coloured);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        // OPEN / ACTIVE in green: ESC [ 38;5;10 m or the 16-colour form, either way an ESC.
        assert!(
            stdout(&out).contains("\u{1b}["),
            "{args:?}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn every_help_ends_with_examples() {
    let env = Env::new();
    for command in [
        "show",
        "start",
        "cancel",
        "watch",
        "desktops",
        "sim",
        "completions",
    ] {
        let out = env.cmd().args([command, "--help"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        let (_, examples) = help
            .rsplit_once("Examples:\n")
            .unwrap_or_else(|| panic!("{command} --help has no examples:\n{help}"));
        // One example per line, or continued with `\` on indented lines: none is so long
        // that the help wraps it (tests/cli/screens.rs checks that at 80 columns).
        let lines: Vec<&str> = examples
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("    "))
            .collect();
        assert!((2..=5).contains(&lines.len()), "{command}: {examples}");
        assert!(
            lines
                .iter()
                .all(|l| l.trim_start().starts_with("assist") || l.contains("assist ")),
            "{command}: {examples}"
        );
    }
    let out = env.cmd().arg("--help").output().unwrap();
    let help = stdout(&out);
    assert!(help.contains("assist start --user alice --wait"), "{help}");
    assert!(help.contains("assist desktops --user alice"), "{help}");
}

#[test]
fn a_user_name_with_a_comma_stays_one_user_name() {
    let query = "limit=1000&offset=0&user_name=o%2Cr";
    let (sim, env) = setup(&[]);
    let out = run(&env, &["desktops", "--user", "o,r", "-o", "code"]);
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
    assert_eq!(list_queries(&sim), [query]);
    // The old reading splits the value: the service then answers for "o" or "r", and the
    // client still asks the same and acts on no desktop whose user is not "o,r".
    let (sim, env) = setup(&["--list-style", "comma"]);
    let out = run(&env, &["show", "--user", "o,r"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(list_queries(&sim), [query]);
    assert_eq!(assistance_paths(&sim, "GET"), Vec::<String>::new());
}

#[test]
fn every_state_of_the_statuses_page_is_a_status_filter() {
    let states = [
        "ACTIVE",
        "SHUTOFF",
        "ERROR",
        "HIBERNATED",
        "STARTING",
        "STOPPING",
        "RESTARTING",
        "HIBERNATING",
        "AWAKENING",
    ];
    let (sim, env) = setup(&[]);
    for state in states {
        let out = run(
            &env,
            &["desktops", "--status", &state.to_lowercase(), "-o", "code"],
        );
        assert_eq!(out.status.code(), Some(0), "{state}: {}", stderr(&out));
    }
    let sent: Vec<String> = states
        .iter()
        .map(|s| format!("limit=1000&offset=0&status={s}"))
        .collect();
    assert_eq!(list_queries(&sim), sent);
    let out = env
        .cmd()
        .args(["desktops", "--status", "BOOTING"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
