//! Robustness end to end: hostile servers, the retry policy, bad input from
//! the user, transport security and secrets, each with the real binary against the simulator.
//! Every case checks the exit code, the message, and that no panic text and no secret the test
//! used (SK, token, password, security token, a signature, the space password) was printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::{json, Value};

const PASSWORD: &str = "Robust-Passw0rd!-do-not-print";
const SECURITY_TOKEN: &str = "robust-security-token-do-not-print";

/// Every secret of these tests, the space password included (none uses --show-password).
const SECRETS: [&str; 5] = [SK, TOKEN, PASSWORD, SECURITY_TOKEN, SIM_PASSWORD];

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

// ---- Item 2: hostile or broken servers ----

#[test]
fn hostile_answers_get_the_contract_exit_code_and_a_message() {
    let (sim, env) = setup(&[]);
    for (kind, exit, expect) in [
        ("html", 6, "HTTP 502"),
        ("empty", 6, "empty body"),
        ("truncated", 6, "not the expected JSON"),
        ("huge", 6, "larger than 1048576 bytes"),
        ("drop", 7, "connection"),
    ] {
        // A GET whose connection closes before any answer is sent again at once, once.
        let count = if kind == "drop" { 2 } else { 1 };
        sim.fault(json!({"kind": kind, "count": count}));
        let out = run(&env, &["show", OPEN_DESKTOP, "--max-attempts", "1"]);
        let err = stderr(&out);
        assert_eq!(code(&out), Some(exit), "{kind}: {err}");
        assert!(err.contains(expect), "{kind}: {err}");
        assert!(err.starts_with("error:"), "{kind}: {err}");
        assert_eq!(stdout(&out), "", "{kind}: nothing on stdout");
    }
}

#[test]
fn a_trickling_body_times_out_promptly() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "trickle", "count": 1}));
    let out = run(
        &env,
        &[
            "show",
            OPEN_DESKTOP,
            "--timeout",
            "2s",
            "--max-attempts",
            "1",
        ],
    );
    // 7 and "timed out": the 2 s limit ended the request, not the server's answer.
    assert_eq!(code(&out), Some(7), "{}", stderr(&out));
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
}

#[test]
fn null_fields_and_unknown_statuses_are_shown_as_received() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "nulls", "count": 1}));
    let out = run(&env, &["show", OPEN_DESKTOP]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(OPEN_DESKTOP), "{}", stdout(&out));

    sim.fault(json!({"kind": "unknown-status", "count": 1}));
    let out = run(&env, &["show", OPEN_DESKTOP]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("PAUSED"), "{}", stdout(&out));
}

#[test]
fn escape_sequences_reach_neither_stdout_nor_stderr() {
    let (sim, env) = setup(&[]);
    for output in ["table", "json", "code"] {
        sim.fault(json!({"kind": "escapes", "count": 1}));
        let out = run(&env, &["-vv", "show", OPEN_DESKTOP, "-o", output]);
        assert_eq!(code(&out), Some(0), "{output}: {}", stderr(&out));
        for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            for bad in [0x1b_u8, 0x07, b'\r'] {
                assert!(
                    !bytes.contains(&bad),
                    "{output}: byte {bad:#x} in {name}: {:?}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, as PEM files in `dir`.
fn self_signed(dir: &Path) -> (PathBuf, PathBuf) {
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (cert, key)
}

fn tls_sim(dir: &Path) -> (Sim, PathBuf) {
    let (cert, key) = self_signed(dir);
    let sim = Sim::start(&[
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
    ]);
    assert!(sim.url.starts_with("https://127.0.0.1:"), "{}", sim.url);
    (sim, cert)
}

fn aksk_config(endpoint: &str, extra: &str) -> String {
    format!(
        "[profiles.default]\nendpoint = \"{endpoint}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\n{extra}"
    )
}

#[test]
fn a_self_signed_certificate_is_a_tls_error_exit_7() {
    let dir = tempfile::tempdir().unwrap();
    let (sim, _cert) = tls_sim(dir.path());
    let env = Env::new();
    env.write_config(&aksk_config(&sim.url, ""));
    let out = assert_error(
        run(&env, &["show", OPEN_DESKTOP, "--max-attempts", "1"]),
        7,
        &[],
    );
    let err = stderr(&out).to_lowercase();
    assert!(
        err.contains("certificate") && err.contains("tls"),
        "says it is a certificate/TLS problem: {err}"
    );
}

/// Needs the client's `ca_file` profile key.
#[test]
fn a_ca_file_in_the_profile_trusts_the_self_signed_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (sim, cert) = tls_sim(dir.path());
    let env = Env::new();
    env.write_config(&aksk_config(
        &sim.url,
        &format!("ca_file = {}\n", Value::from(cert.to_str().unwrap())),
    ));
    let out = run(&env, &["show", OPEN_DESKTOP, "-o", "code"]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(is_invitation_code(stdout(&out).trim()), "{}", stdout(&out));

    // The same certificate under `localhost` matches too.
    let localhost = sim.url.replace("127.0.0.1", "localhost");
    env.write_config(&aksk_config(
        &localhost,
        &format!("ca_file = {}\n", Value::from(cert.to_str().unwrap())),
    ));
    let out = run(&env, &["show", OPEN_DESKTOP, "-o", "code"]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
}

/// Needs the client's `ca_file` profile key.
#[test]
fn an_unreadable_or_invalid_ca_file_exits_3_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let env = Env::new();
    let missing = dir.path().join("no-such-ca.pem");
    let junk = dir.path().join("junk-ca.pem");
    std::fs::write(&junk, "not a certificate\n").unwrap();
    for file in [&missing, &junk] {
        env.write_config(&aksk_config(
            "https://127.0.0.1:9",
            &format!("ca_file = {}\n", Value::from(file.to_str().unwrap())),
        ));
        let out = assert_error(run(&env, &["show", OPEN_DESKTOP]), 3, &[]);
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(stderr(&out).contains(name), "{}", stderr(&out));
    }
}

// ---- Item 1 as seen from outside: the retry policy ----

#[test]
fn gets_are_retried_on_transient_statuses_with_every_attempt_shown() {
    let (sim, env) = setup(&[]);
    for kind in ["500", "502", "503", "504", "429"] {
        let before = sim.requests().len();
        sim.fault(json!({"kind": kind, "count": 1, "retry_after": 1}));
        let out = run(&env, &["-v", "show", OPEN_DESKTOP, "-o", "code"]);
        assert_eq!(code(&out), Some(0), "{kind}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("attempt 1/3 failed (HTTP {kind}")),
            "{kind}: {}",
            stderr(&out)
        );
        assert_eq!(sim.requests().len() - before, 2, "{kind}: one retry");
    }
}

#[test]
fn a_post_is_retried_when_the_connection_was_refused() {
    // Connection refused proves the POST never reached a server, so it may be sent again.
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n",
        dead_url()
    ));
    let out = assert_error(
        run(&env, &["-v", "start", OPEN_DESKTOP, "--max-attempts", "2"]),
        7,
        &[],
    );
    let err = stderr(&out);
    assert!(err.contains("> POST"), "{err}");
    assert!(
        err.contains("attempt 1/2 failed (could not connect"),
        "{err}"
    );
    assert!(err.contains("(attempt 2/2)"), "{err}");
}

#[test]
fn retries_stop_at_max_attempts() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "503", "count": 10}));
    let out = assert_error(
        run(&env, &["-v", "show", OPEN_DESKTOP, "--max-attempts", "3"]),
        6,
        &[],
    );
    let err = stderr(&out);
    assert!(err.contains("attempt 1/3 failed (HTTP 503"), "{err}");
    assert!(err.contains("attempt 2/3 failed (HTTP 503"), "{err}");
    assert_eq!(sim.requests().len(), 3);
}

#[test]
fn retry_after_is_honoured() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "429", "count": 1, "retry_after": 1}));
    let began = Instant::now();
    let out = run(&env, &["-v", "show", OPEN_DESKTOP, "-o", "code"]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("retrying in 1s"), "{}", stderr(&out));
    assert!(began.elapsed() >= Duration::from_millis(950));
}

#[test]
fn a_post_is_not_retried_on_503() {
    // Retrying a POST on "connection refused" would need a server that refuses and then
    // accepts on the same port; the client's unit tests cover that rule.
    let (sim, env) = setup(&["--desktops", "1"]);
    // `start` looks first (GET, no session there), then asks: only the POST is broken.
    sim.fault(json!({"kind": "503", "count": 1, "method": "POST"}));
    assert_error(
        run(&env, &["-v", "start", &generated_id(1)]),
        6,
        &["HTTP 503"],
    );
    assert_eq!(
        requests_with_method(&sim, "POST").len(),
        1,
        "exactly one POST"
    );
}

#[test]
fn client_errors_are_never_retried() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "403", "count": 5}));
    assert_error(
        run(&env, &["show", OPEN_DESKTOP]),
        4,
        &["APIGW.0302", "lack permission"],
    );
    assert_eq!(sim.requests().len(), 1, "403 once");
    sim.clear_faults();

    // The 404 is sent once; the listing (by desktop_id) then confirms there is no such desktop.
    assert_error(run(&env, &["show", "no-such-desktop"]), 5, &[]);
    let reqs = sim.requests();
    assert_eq!(reqs.len(), 3, "404 once, then one listing: {reqs:#?}");
    assert!(reqs[2]["path"].as_str().unwrap().ends_with("/desktops"));

    env.aksk_profile(&sim, "WRONG-SK-0000000000000000000000000000000");
    assert_error(run(&env, &["show", OPEN_DESKTOP]), 4, &[]);
    assert_eq!(sim.requests().len(), 4, "401 once");

    env.token_profile(&sim, "wrong-token");
    assert_error(run(&env, &["show", OPEN_DESKTOP]), 4, &[]);
    assert_eq!(sim.requests().len(), 5, "401 once");
}

// ---- Item 3: bad input from the user ----

#[test]
fn empty_and_overlong_ids_are_refused_by_every_command() {
    let (sim, env) = setup(&[]);
    let long = "x".repeat(256);
    for cmd in ["start", "cancel", "watch"] {
        for (id, rule) in [("", "is empty"), (long.as_str(), "longer than 255")] {
            assert_error(run(&env, &[cmd, id]), 2, &[rule]);
        }
    }
    // 255 characters is still allowed (and unknown here: 404).
    let ok = "x".repeat(255);
    assert_error(run(&env, &["show", &ok]), 5, &[]);
    let reqs = sim.requests();
    assert!(
        reqs.iter().all(|r| r["path"] == assistance_path(&ok)
            || r["query"].as_str().is_some_and(|q| q.contains(&ok))),
        "only the 255-character ID was sent (its GET, then the listing by its ID): {reqs:#?}"
    );
    assert_eq!(reqs.len(), 2);
}

#[test]
fn more_awkward_ids_are_sent_as_exactly_one_encoded_segment() {
    // tests/cli/show.rs has `/`, `..`, `?#`, space and `%`, and `ä`; these are the others.
    let (sim, env) = setup(&[]);
    for id in [
        "%2F",
        "a%2e%2e",
        "/",
        "?",
        "#",
        "a/../b",
        "..a",
        "a..",
        " ",
        "+;=&,:@",
        "日本語",
        "emoji🙂",
        "~tilde_under-dash.dot",
    ] {
        assert_error(run(&env, &["show", id]), 5, &[]);
        let last = last_assistance_request(&sim);
        assert_eq!(
            last["path"],
            format!(
                "/v2/{PROJECT}/desktops/{}/remote-assistance",
                encode_segment(id)
            ),
            "{id:?}"
        );
        assert_eq!(last["query"], Value::Null, "{id:?}: no query");
    }
}

#[test]
fn control_characters_in_ids_are_usage_errors() {
    let (sim, env) = setup(&[]);
    for id in ["a\tb", "a\nb", "\u{7f}", "a\u{85}b", "\u{1b}[2J"] {
        let out = assert_error(run(&env, &["show", id]), 2, &[]);
        assert!(
            stderr(&out).contains("control characters"),
            "{}",
            stderr(&out)
        );
        assert!(!out.stderr.contains(&0x1b), "the ID is echoed escaped");
    }
    assert!(sim.requests().is_empty());
}

#[test]
fn bad_durations_and_output_names_are_usage_errors_naming_the_rule() {
    let (sim, env) = setup(&[]);
    assert_error(
        run(&env, &["watch", OPEN_DESKTOP, "--interval", "5parsecs"]),
        2,
        &["5parsecs", "500ms"],
    );

    assert_error(
        run(&env, &["show", OPEN_DESKTOP, "--timeout", "0s"]),
        2,
        &["zero"],
    );

    let out = assert_error(run(&env, &["show", OPEN_DESKTOP, "-o", "yaml"]), 2, &[]);
    for accepted in ["table", "json", "code"] {
        assert!(stderr(&out).contains(accepted), "{}", stderr(&out));
    }

    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "xml")
        .args(["show", OPEN_DESKTOP])
        .output()
        .unwrap();
    assert_no_leak(&out, &SECRETS);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("xml"), "{}", stderr(&out));
    assert!(stderr(&out).contains("table"), "{}", stderr(&out));
    assert!(sim.requests().is_empty());
}

#[test]
fn bad_config_values_exit_3_naming_the_value_and_the_accepted_ones() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nregion = \"mars-north-1\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    let out = assert_error(run(&env, &["show", OPEN_DESKTOP]), 3, &["mars-north-1"]);
    assert!(
        stderr(&out).contains("cn-north-4"),
        "lists regions: {}",
        stderr(&out)
    );

    env.write_config(&format!(
        "[profiles.default]\nregion = 5\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    let out = assert_error(run(&env, &["show", OPEN_DESKTOP]), 3, &[]);
    let err = stderr(&out);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("integer") && err.contains("string"), "{err}");

    env.write_config(&format!(
        "[profiles.default]\nauth = \"kerberos\"\nproject_id = \"{PROJECT}\"\n"
    ));
    let out = assert_error(run(&env, &["show", OPEN_DESKTOP]), 3, &[]);
    let err = stderr(&out);
    assert!(err.contains("kerberos"), "{err}");
    assert!(err.contains("aksk") && err.contains("password"), "{err}");
}

#[test]
fn a_profile_name_like_a_path_is_just_an_unknown_profile() {
    let (_sim, env) = setup(&[]);
    for name in ["../etc", "/etc/passwd", "a\u{1b}b"] {
        let out = assert_error(
            run(&env, &["--profile", name, "show", OPEN_DESKTOP]),
            3,
            &["not defined"],
        );
        assert!(
            stderr(&out).contains("default"),
            "lists profiles: {}",
            stderr(&out)
        );
        assert!(!out.stderr.contains(&0x1b));
    }
}

// ---- Item 4: transport security ----

const REMOTE_HTTP: &str = "http://workspace.example.invalid";

#[test]
fn plain_http_to_a_remote_host_needs_allow_http() {
    let env = Env::new();
    env.write_config(&aksk_config(REMOTE_HTTP, ""));
    assert_error(run(&env, &["show", OPEN_DESKTOP]), 3, &["https"]);
}

/// Needs the client's `allow_http` profile key. The simulator is the proxy: reqwest sends it
/// the absolute-form request, so nothing is resolved and nothing leaves loopback; the
/// simulator routes by path and checks the signature over `Host: workspace.example.invalid`.
#[test]
fn allow_http_warns_on_every_run_and_goes_through_http_proxy() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&aksk_config(REMOTE_HTTP, "allow_http = true\n"));
    for _ in 0..2 {
        let out = env
            .cmd()
            .env("HTTP_PROXY", &sim.url)
            .args(["show", OPEN_DESKTOP, "-o", "code"])
            .output()
            .unwrap();
        assert_no_leak(&out, &SECRETS);
        assert_eq!(code(&out), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "warning: profile \"default\" allows plain http: requests to workspace.example.invalid travel unencrypted"
            ),
            "{}",
            stderr(&out)
        );
    }
    let requests = sim.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["headers"]["host"], "workspace.example.invalid");
}

#[test]
fn the_simulator_serves_absolute_form_requests_like_a_proxy_would_get_them() {
    let sim = Sim::start(&[]);
    let proxied = reqwest::blocking::Client::builder()
        .proxy(reqwest::Proxy::http(&sim.url).unwrap())
        .build()
        .unwrap();
    let resp = proxied
        .get(format!(
            "http://workspace.example.invalid{}",
            assistance_path(OPEN_DESKTOP)
        ))
        .header("X-Auth-Token", TOKEN)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    let last = sim.requests().pop().unwrap();
    assert_eq!(last["path"], assistance_path(OPEN_DESKTOP));
}

/// A `.invalid` name bypassing the proxy would be looked up in DNS, which may leave the
/// machine; `0.0.0.0` is not loopback (so it needs `allow_http` and takes the proxy) yet a
/// direct connection stays on this machine, where a closed port refuses it.
#[test]
fn http_proxy_is_used_and_no_proxy_bypasses_it() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let endpoint = format!("http://0.0.0.0:{}", closed_port());
    env.write_config(&aksk_config(&endpoint, "allow_http = true\n"));
    let out = env
        .cmd()
        .env("HTTP_PROXY", &sim.url)
        .args(["show", OPEN_DESKTOP, "-o", "code", "--max-attempts", "1"])
        .output()
        .unwrap();
    assert_no_leak(&out, &SECRETS);
    assert_eq!(code(&out), Some(0), "through the proxy: {}", stderr(&out));
    assert_eq!(sim.requests().len(), 1);

    let out = env
        .cmd()
        .env("HTTP_PROXY", &sim.url)
        .env("NO_PROXY", "0.0.0.0")
        .args(["show", OPEN_DESKTOP, "-o", "code", "--max-attempts", "1"])
        .output()
        .unwrap();
    assert_no_leak(&out, &SECRETS);
    assert_eq!(code(&out), Some(7), "bypassed: {}", stderr(&out));
    assert_eq!(sim.requests().len(), 1, "nothing more reached the proxy");
}

// ---- Item 5: secrets never leak ----

#[test]
fn very_verbose_output_never_shows_a_secret() {
    let sim = Sim::start(&[
        "--iam-user",
        &format!("robust-user:{PASSWORD}"),
        "--iam-domain",
        "robust-domain",
        // The security-token profile signs as temporary credentials, which need their token.
        "--temp-ak",
        AK,
        "--temp-sk",
        SK,
        "--security-token",
        SECURITY_TOKEN,
    ]);
    let env = Env::new();
    let profiles = [
        ("aksk", format!("auth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\n")),
        ("token", format!("auth = \"token\"\ntoken = \"{TOKEN}\"\n")),
        (
            "security_token",
            format!(
                "auth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\nsecurity_token = \"{SECURITY_TOKEN}\"\n"
            ),
        ),
        (
            "password",
            format!(
                "auth = \"password\"\nregion = \"cn-north-4\"\niam_endpoint = \"{}\"\nuser = \"robust-user\"\ndomain = \"robust-domain\"\npassword_command = \"printf %s '{PASSWORD}'\"\n",
                sim.url
            ),
        ),
    ];
    for (name, auth) in &profiles {
        env.write_config(&format!(
            "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\n{auth}",
            sim.url
        ));
        for args in [
            vec!["-vv", "show", OPEN_DESKTOP],
            vec!["-vv", "show", OPEN_DESKTOP, "-o", "json"],
            vec!["-vv", "show", "no-such-desktop"],
        ] {
            let out = run(&env, &args);
            let err = stderr(&out);
            assert!(err.contains("> GET"), "{name}: traced: {err}");
            if *name != "token" && *name != "password" {
                assert!(err.contains("Signature=(redacted)"), "{name}: {err}");
            }
        }
        let out = run(&env, &["-vv", "config", "show"]);
        assert_eq!(code(&out), Some(0), "{name}: {}", stderr(&out));
    }
}

/// A body that stalls after its headers is a silence like any other: its retry is said on
/// stderr without `-v`, rather than leaving the terminal quiet for a whole --timeout a try.
#[test]
fn a_body_that_stalls_after_its_headers_is_said_when_retried() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "stall", "count": 1}));
    let out = run(
        &env,
        &[
            "show",
            OPEN_DESKTOP,
            "--timeout",
            "1s",
            "--max-attempts",
            "2",
            "-o",
            "json",
        ],
    );
    let err = stderr(&out);
    assert_eq!(code(&out), Some(0), "{err}");
    let notes: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("no answer from"))
        .collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(notes[0].ends_with("after 1 s; attempt 2 of 2"), "{err}");
}
