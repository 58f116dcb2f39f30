//! `assist show` end to end: the real binary, a real simulator on loopback, every exit code.

use crate::common::*;
use serde_json::json;

#[test]
fn demo_profile_shows_the_api_reference_example_as_json() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--profile", "demo", "show", EXAMPLE_DESKTOP, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json_of(&out),
        json!({
            "desktop_id": EXAMPLE_DESKTOP,
            "share_space_id": "abvccch3jk12h3kj123hkj12",
            "invitation_code": "D1F32AA6",
            "share_space_name": "testShareSpaceName",
            "share_space_passwd": null,
            "private_share_link": "https://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6",
            "internet_share_link": "https://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6",
            "create_time": "2022-03-28T00:00:00Z",
            "status": "OPEN",
            "failed_reason": null
        })
    );
    assert_clean(&out);
}

#[test]
fn demo_profile_code_output_is_the_code_alone() {
    let env = Env::new();
    let show = ["--profile", "demo", "show", EXAMPLE_DESKTOP, "-o", "code"];
    assert_output(env.cmd().args(show), 0, "D1F32AA6\n", &[]);
}

#[test]
fn demo_profile_table_shows_every_field() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--profile", "demo", "show", EXAMPLE_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = normalize_age(&stdout(&out));
    // Piped: one `label<TAB>value` per line, nothing cut.
    let expected = "\
Desktop\ta130ab3a-72bf-4b71-baa9-af4987c8e338
Computer name\tFIN-PC-042
User\talice
Status\tOPEN (the space is open: join it with the invitation code)
Invitation code\tD1F32AA6
Space name\ttestShareSpaceName
Space ID\tabvccch3jk12h3kj123hkj12
Password\t-
Private link\thttps://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6
Internet link\thttps://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6
Created\t2022-03-28T00:00:00Z (N years ago)
Failed reason\t-
";
    assert_eq!(text, expected);
    assert!(!text.contains('\u{1b}'), "no colour when piped:\n{text}");
}

#[test]
fn aksk_profile_against_the_simulator_signs_requests_it_accepts() {
    let (sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["status"], "OPEN");
    assert_eq!(v["share_space_passwd"], "********");
    assert_clean(&out);
    let reqs = sim.requests();
    let last = reqs.last().expect("the sim saw the request");
    assert_eq!(last["method"], "GET");
    assert_eq!(
        last["path"],
        format!("/v2/{PROJECT}/desktops/{OPEN_DESKTOP}/remote-assistance")
    );
    let auth = last["headers"]["authorization"].as_str().unwrap();
    assert!(auth.starts_with(&format!(
        "SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature="
    )), "{auth}");
    assert_eq!(last["headers"]["x-project-id"], PROJECT);
    assert_eq!(
        last["headers"]["user-agent"],
        format!("assist/{}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_wrong_sk_exits_4_with_the_gateway_code_and_request_id() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.aksk_profile(&sim, "TESTSECRETKEY-wrong-0000000000000000001");
    let out = assert_error(
        env.cmd().args(["show", OPEN_DESKTOP]),
        4,
        &["HTTP 401", "APIGW.0301", "hint:"],
    );
    let err = stderr(&out);
    assert!(has_request_id(&err), "{err}");
    assert!(!err.contains("TESTSECRETKEY-wrong"));
    // 401 is never retried: five bad signatures lock the AK.
    assert_eq!(sim.requests().len(), 1);
}

fn has_request_id(text: &str) -> bool {
    text.split("request id ").skip(1).any(|rest| {
        let id: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
        id.len() == 32
    })
}

#[test]
fn token_auth_sends_the_token_header_and_a_wrong_token_exits_4() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.token_profile(&sim, TOKEN);
    let show = ["show", EXAMPLE_DESKTOP, "-o", "code"];
    assert_output(env.cmd().args(show), 0, "D1F32AA6\n", &[]);
    let last = sim.requests().pop().unwrap();
    assert_eq!(last["headers"]["x-auth-token"], "(redacted)");
    assert!(last["headers"].get("authorization").is_none());

    env.token_profile(&sim, "not-the-token");
    assert_error(
        env.cmd().args(["show", EXAMPLE_DESKTOP]),
        4,
        &["APIGW.0301"],
    );
}

#[test]
fn an_unknown_desktop_exits_5() {
    let (_sim, env) = sim_and_env(&[]);
    let out = assert_error(
        env.cmd().args(["show", "no-such-desktop"]),
        5,
        &["HTTP 404", "no-such-desktop"],
    );
    let err = stderr(&out);
    assert!(has_request_id(&err), "{err}");
}

/// A user name where the ID belongs (`show alice`): still exit 5, and the hint says how to
/// select by it.
#[test]
fn a_name_given_as_the_id_hints_at_the_selectors() {
    let (_sim, env) = sim_and_env(&[]);
    let out = env.cmd().args(["show", "alice"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.ends_with("  hint: \"alice\" is not shaped like a desktop ID; to select by user or computer name: --user alice or --name alice\n"),
        "{err}"
    );
    // A UUID that is not there keeps the hint about the ID and the project.
    let out = env
        .cmd()
        .args(["show", &generated_id(999)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: check the desktop ID and the project"),
        "{}",
        stderr(&out)
    );
}

/// `show <ID>` has the computer name and user rows that `show --user` has (one ListDesktops
/// by ID); JSON keeps its shape and asks nothing more.
#[test]
fn show_by_id_names_the_desktop_in_the_table() {
    // Desktop 1 has a session (`mixed`): its GET answers 200, so nothing else listed it.
    let (sim, env) = sim_and_env(&["--desktops", "2", "--seed-status", "mixed"]);
    let id = generated_id(1);
    let out = env.cmd().args(["show", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().take(3).collect();
    assert_eq!(
        rows,
        [
            format!("Desktop\t{id}").as_str(),
            "Computer name\tPC-00001",
            "User\tuser001",
        ],
        "{text}"
    );
    let lists: Vec<serde_json::Value> = sim
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("/desktops"))
        .collect();
    assert_eq!(lists.len(), 1, "one lookup: {lists:?}");
    let before = sim.requests().len();
    let out = env
        .cmd()
        .args(["show", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(sim.requests().len(), before + 1, "JSON: the GET alone");
}

#[test]
fn desktop_ids_are_sent_as_exactly_one_path_segment() {
    let (sim, env) = sim_and_env(&[]);
    for (id, encoded) in [
        ("a/b", "a%2Fb"),
        ("../x", "..%2Fx"),
        ("a?b#c", "a%3Fb%23c"),
        ("sp ace%", "sp%20ace%25"),
        ("zä", "z%C3%A4"),
        ("a..b", "a..b"),
    ] {
        let out = env.cmd().args(["show", id]).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{id}: {}", stderr(&out));
        let last = last_assistance_request(&sim);
        assert_eq!(
            last["path"],
            format!("/v2/{PROJECT}/desktops/{encoded}/remote-assistance"),
            "{id}"
        );
        // The signature verified (404, not 401): client and simulator agree on the encoding.
    }
}

#[test]
fn bad_desktop_ids_are_usage_errors_and_send_nothing() {
    let (sim, env) = sim_and_env(&[]);
    let long = "x".repeat(256);
    for (id, rule) in [
        ("", "is empty"),
        (long.as_str(), "longer than 255"),
        ("..", "different path"),
        (".", "different path"),
        ("a\u{1b}b", "control characters"),
    ] {
        assert_error(env.cmd().args(["show", id]), 2, &[rule]);
    }
    assert!(sim.requests().is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    assert_error(env.cmd().args(["show"]), 2, &[]);
    assert_error(env.cmd().args(["show", "x", "--bogus"]), 2, &[]);
    assert_error(env.cmd().args(["show", "x", "-o", "xml"]), 2, &["table"]);
    let show = ["show", "x", "--timeout", "soon"];
    assert_error(env.cmd().args(show), 2, &["500ms"]);
}

#[test]
fn no_config_at_all_exits_3_and_points_to_the_demo() {
    let env = Env::new();
    let expected = ["no config file at", "config.example.toml", "--profile demo"];
    assert_error(
        env.cmd_default_location().args(["show", EXAMPLE_DESKTOP]),
        3,
        &expected,
    );
}

#[test]
fn invalid_toml_exits_3_with_file_line_and_column() {
    let env = Env::new();
    let path = env.write_config("[profiles.default]\nregion = \"cn-north-4\nak = 1\n");
    let at = format!("{}, line 2, column", path.display());
    assert_error(env.cmd().args(["show", "x"]), 3, &[&at]);
}

#[test]
fn a_value_of_the_wrong_type_exits_3_with_its_line() {
    let env = Env::new();
    env.write_config("[profiles.default]\nregion = \"cn-north-4\"\noutput = \"xml\"\n");
    let expected = ["line 3", "`table`, `json`, `code`"];
    assert_error(env.cmd().args(["show", "x"]), 3, &expected);
}

#[test]
fn an_unknown_key_exits_3_naming_it_and_the_closest_key() {
    let env = Env::new();
    env.write_config("[profiles.default]\nregoin = \"cn-north-4\"\n");
    let expected = [
        "unknown key `regoin` in [profiles.default]",
        "line 2",
        "did you mean `region`?",
    ];
    assert_error(env.cmd().args(["show", "x"]), 3, &expected);
}

#[test]
fn an_unknown_profile_exits_3_listing_the_profiles() {
    let env = Env::new();
    env.write_config(
        "[profiles.prod]\nregion = \"cn-north-4\"\n[profiles.staging]\nregion = \"cn-east-3\"\n",
    );
    assert_error(
        env.cmd().args(["--profile", "prdo", "show", "x"]),
        3,
        &["profile \"prdo\" is not defined", "prod, staging"],
    );
}

#[test]
fn missing_credentials_exit_3_naming_what_is_missing() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nregion = \"cn-north-4\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\n"
    ));
    assert_error(env.cmd().args(["show", "x"]), 3, &["missing or empty: sk"]);
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"http://workspace.example.com\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    assert_error(env.cmd().args(["show", "x"]), 3, &["unencrypted"]);
}

#[test]
fn a_closed_port_exits_7() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"http://127.0.0.1:{port}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    assert_error(
        env.cmd().args(["show", "x", "--max-attempts", "1"]),
        7,
        &["could not connect to", "hint:"],
    );
}

#[test]
fn code_output_without_a_code_exits_9() {
    let (_sim, env) = sim_and_env(&[]);
    assert_error(
        env.cmd().args(["show", CONFIRM_DESKTOP, "-o", "code"]),
        9,
        &["status WAIT_USER_CONFIRM"],
    );

    assert_error(
        env.cmd().args(["show", FAILED_DESKTOP, "-o", "code"]),
        9,
        &["declined"],
    );
}

#[test]
fn the_password_is_masked_unless_asked_for() {
    let (_sim, env) = sim_and_env(&[]);
    let out = env.cmd().args(["show", OPEN_DESKTOP]).output().unwrap();
    assert!(!stdout(&out).contains(SIM_PASSWORD));
    assert!(stdout(&out).contains("********"));
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "--show-password"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains(SIM_PASSWORD), "{}", stdout(&out));
    let out = env
        .cmd()
        .args(["show", OPEN_DESKTOP, "--show-password", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(json_of(&out)["share_space_passwd"], SIM_PASSWORD);
}

#[test]
fn output_precedence_is_flag_then_env_then_profile() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\noutput = \"json\"\n",
        sim.url
    ));
    let out = env.cmd().args(["show", EXAMPLE_DESKTOP]).output().unwrap();
    assert_eq!(
        json_of(&out)["invitation_code"],
        "D1F32AA6",
        "profile says json"
    );
    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "code")
        .args(["show", EXAMPLE_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "D1F32AA6\n", "env beats the profile");
    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "code")
        .args(["show", EXAMPLE_DESKTOP, "-o", "table"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("Invitation code"),
        "the flag beats env"
    );
}

#[test]
fn endpoint_and_project_flags_override_the_profile() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"http://127.0.0.1:9\"\nproject_id = \"other\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    let out = env
        .cmd()
        .env("ASSIST_ENDPOINT", &sim.url)
        .args([
            "show",
            EXAMPLE_DESKTOP,
            "--project-id",
            PROJECT,
            "-o",
            "code",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
}

#[test]
fn verbose_shows_requests_but_never_secrets() {
    let (sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["-vv", "show", OPEN_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "> GET {}/v2/{PROJECT}/desktops/{OPEN_DESKTOP}/remote-assistance",
            sim.url
        )),
        "{err}"
    );
    assert!(err.contains("Signature=(redacted)"), "{err}");
    assert!(err.contains("< HTTP 200"), "{err}");
    assert_clean(&out);

    env.token_profile(&sim, TOKEN);
    let out = env
        .cmd()
        .args(["-vv", "show", OPEN_DESKTOP])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("X-Auth-Token: (redacted)"),
        "{}",
        stderr(&out)
    );
    assert_clean(&out);
}

#[test]
fn a_closed_stdout_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let env = Env::new();
    for args in [
        vec!["--profile", "demo", "show", EXAMPLE_DESKTOP],
        vec!["completions", "bash"],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .env("ASSIST_CONFIG", env.config_path())
            .env("HOME", env.dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is written
        let out = child.wait_with_output().unwrap();
        let code = out.status.code();
        assert!(code == Some(0) || code == Some(141), "{args:?}: {code:?}");
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}

#[test]
fn color_always_colours_the_status_even_into_a_pipe() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--profile",
            "demo",
            "--color",
            "always",
            "show",
            EXAMPLE_DESKTOP,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let status_row = text.lines().find(|l| l.contains("Status")).unwrap();
    assert!(status_row.contains("\u{1b}["), "{status_row:?}");
    let out = env
        .cmd()
        .args([
            "--profile",
            "demo",
            "--color",
            "never",
            "show",
            EXAMPLE_DESKTOP,
        ])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains('\u{1b}'));
}

#[test]
fn a_flag_wins_over_a_malformed_or_empty_environment_variable() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "bogus")
        .args(["--profile", "demo", "-o", "code", "show", EXAMPLE_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
    // The flag after the command wins just the same.
    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "bogus")
        .args(["--profile", "demo", "show", EXAMPLE_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");

    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "bogus")
        .args(["--profile", "demo", "show", EXAMPLE_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid value 'bogus' for ASSIST_OUTPUT"),
        "{}",
        stderr(&out)
    );

    // Empty variables count as unset, like the SDK's.
    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "")
        .env("ASSIST_PROFILE", "")
        .args(["--profile", "demo", "show", EXAMPLE_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
