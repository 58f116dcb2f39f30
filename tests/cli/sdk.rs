//! Talking to the cloud as the official SDK does: Content-Length on bodiless POST/DELETE, answers with fields of other
//! JSON types, `--name` whatever the service's matching, the SDK's credentials file and
//! endpoint overrides, and temporary credentials, each against the simulator on loopback.

use crate::common::*;
use serde_json::Value;

const NO_RECORD_DESKTOP: &str = "11111111-0000-4000-8000-000000000006";

#[test]
fn start_and_cancel_send_content_length_zero_which_the_strict_simulator_requires() {
    let (sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["start", NO_RECORD_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env
        .cmd()
        .args(["cancel", NO_RECORD_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for method in ["POST", "DELETE"] {
        let sent = requests_with_method(&sim, method);
        assert_eq!(sent.len(), 1, "{method}: {sent:?}");
        assert_eq!(sent[0]["headers"]["content-length"], "0", "{method}");
        assert_eq!(sent[0]["status"], if method == "POST" { 200 } else { 204 });
        let auth = sent[0]["headers"]["authorization"].as_str().unwrap();
        assert!(
            auth.contains("SignedHeaders=content-type;host;x-project-id;x-sdk-date,"),
            "Content-Length is not signed, as with the SDK: {auth}"
        );
    }
}

#[test]
fn create_time_as_a_number_renders_with_one_warning_and_exit_0() {
    let (_sim, env) = sim_and_env(&["--fault", "wrong-types"]);
    let out = env
        .cmd()
        .args([
            "watch",
            OPEN_DESKTOP,
            CONFIRM_DESKTOP,
            "--once",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: the service sent share_space_name, create_time, failed_reason with an unexpected JSON type (not text); shown as text\n",
        "one warning for the run, not one per answer"
    );
    let first: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(first["create_time"], "1648425600");
    assert_eq!(first["share_space_name"], r#"{"en":"testShareSpaceName"}"#);
    assert_eq!(first["failed_reason"], "false");
    assert_eq!(first["status"], "OPEN");
    assert_eq!(first["invitation_code"], "D1F32AA6");

    let out = env.cmd().args(["show", OPEN_DESKTOP]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("1648425600"), "{}", stdout(&out));
    assert!(
        stderr(&out).starts_with("warning: the service sent"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn name_fin_pc_finds_fin_pc_042_whether_the_service_matches_exactly_or_by_part() {
    for mode in ["exact", "fuzzy"] {
        let (sim, env) = sim_and_env(&["--name-match", mode]);
        let out = env
            .cmd()
            .args(["show", "--name", "fin-pc", "-o", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
        assert_eq!(json_of(&out)["desktop_id"], EXAMPLE_DESKTOP, "{mode}");
        let lists: Vec<Value> = requests_with_method(&sim, "GET")
            .into_iter()
            .filter(|r| r["path"] == format!("/v2/{PROJECT}/desktops"))
            .collect();
        let queries: Vec<&str> = lists.iter().map(|r| r["query"].as_str().unwrap()).collect();
        let filtered = "computer_name=fin-pc&limit=1000&offset=0";
        match mode {
            // Nothing for the name: the whole list, matched by the client.
            "exact" => assert_eq!(queries, [filtered, "limit=1000&offset=0"], "{mode}"),
            _ => assert_eq!(queries, [filtered], "{mode}"),
        }
        let out = env
            .cmd()
            .args(["desktops", "--name", "OPS-", "-o", "code"])
            .output()
            .unwrap();
        assert_eq!(
            stdout(&out),
            "11111111-0000-4000-8000-000000000002\n11111111-0000-4000-8000-000000000003\n",
            "{mode}: {}",
            stderr(&out)
        );
        let out = env
            .cmd()
            .args(["show", "--name", "no-such-pc"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{mode}: {}", stderr(&out));
    }
}

/// `~/.huaweicloud/credentials` in the test's HOME; no assist config file exists.
fn write_credentials(env: &Env, text: &str) {
    let dir = env.dir.path().join(".huaweicloud");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("credentials"), text).unwrap();
    set_mode(&dir.join("credentials"), 0o600);
}

#[test]
fn the_credentials_file_inherits_default_and_ignores_key_case() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    write_credentials(
        &env,
        &format!("[DEFAULT]\nAK = {AK}\n\n[basic]\nSK = {SK}\nProject_Id = {PROJECT}\n"),
    );
    let out = env
        .cmd()
        .args([
            "--endpoint",
            &sim.url,
            "show",
            EXAMPLE_DESKTOP,
            "-o",
            "code",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
}

#[test]
fn a_duplicate_key_in_the_credentials_file_is_exit_3_naming_the_line() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    write_credentials(
        &env,
        &format!("[basic]\nak = {AK}\nsk = {SK}\nAK = other\n"),
    );
    let out = env
        .cmd()
        .args(["--endpoint", &sim.url, "show", EXAMPLE_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let credentials = env.dir.path().join(".huaweicloud").join("credentials");
    assert!(
        stderr(&out).starts_with(&format!(
            "error: the SDK credentials file {}, line 4: key \"ak\" appears twice in [basic]\n",
            credentials.display()
        )),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(SK));
    assert!(sim.requests().is_empty(), "no request with a broken file");
}

/// Credentials from the SDK's variables, region cn-north-4, no endpoint given.
fn sdk_env_cmd(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("HUAWEICLOUD_SDK_AK", AK)
        .env("HUAWEICLOUD_SDK_SK", SK)
        .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
        .args(["--region", "cn-north-4"]);
    cmd
}

#[test]
fn the_sdk_region_variable_redirects_requests_and_config_show_names_it() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let var = "HUAWEICLOUD_SDK_REGION_WORKSPACE_CN_NORTH_4";
    let out = sdk_env_cmd(&env)
        .env(var, format!("{},https://unused.example.com", sim.url))
        .args(["show", EXAMPLE_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
    assert_eq!(requests_with_method(&sim, "GET").len(), 1);
    let out = sdk_env_cmd(&env)
        .env(var, &sim.url)
        .args(["config", "show", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = json_of(&out);
    assert_eq!(shown["endpoint"]["value"], format!("{}/", sim.url));
    assert_eq!(shown["endpoint"]["source"], format!("env {var}"));
}

#[test]
fn a_regions_file_redirects_workspace_and_iam() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let file = env.dir.path().join("regions.yaml");
    std::fs::write(
        &file,
        format!(
            "WORKSPACE:\n  - id: cn-north-4\n    endpoint: {url}\niam:\n  - id: cn-north-4\n    endpoints:\n      - {url}\n",
            url = sim.url
        ),
    )
    .unwrap();
    let out = sdk_env_cmd(&env)
        .env_remove("HUAWEICLOUD_SDK_PROJECT_ID")
        .env("HUAWEICLOUD_SDK_REGIONS_FILE", &file)
        .args(["show", EXAMPLE_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
    assert_eq!(
        sim.stats()["iam_project_requests"],
        1,
        "the project came from the file's IAM"
    );
    let out = sdk_env_cmd(&env)
        .env("HUAWEICLOUD_SDK_REGIONS_FILE", &file)
        .args(["config", "show", "-o", "json"])
        .output()
        .unwrap();
    let shown = json_of(&out);
    let source = format!("{} (`WORKSPACE` of cn-north-4)", file.display());
    assert_eq!(shown["endpoint"]["source"], source);
    assert_eq!(
        shown["iam_endpoint"]["source"],
        format!("{} (`IAM` of cn-north-4)", file.display())
    );
}

fn temporary_profile(env: &Env, sim: &Sim, security_token: &str) {
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{}\"\nsk = \"{}\"\nsecurity_token = \"{security_token}\"\n",
        sim.url,
        assist_sim::DEMO_TEMP_AK,
        assist_sim::DEMO_TEMP_SK,
    ));
}

#[test]
fn a_wrong_security_token_is_refused_by_the_simulator() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    temporary_profile(&env, &sim, "not-the-token");
    let out = env.cmd().args(["show", EXAMPLE_DESKTOP]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("APIGW.0301: Incorrect IAM authentication information: invalid or missing security token"),
        "{}",
        stderr(&out)
    );
    temporary_profile(&env, &sim, assist_sim::DEMO_SECURITY_TOKEN);
    let out = env
        .cmd()
        .args(["show", EXAMPLE_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sent = requests_with_method(&sim, "GET");
    assert_eq!(sent.len(), 2);
    assert!(sent[1]["headers"]["authorization"]
        .as_str()
        .unwrap()
        .contains("x-security-token"));
}
