//! Credentials end to end: password tokens from the simulator's IAM and their cache,
//! project lookup, the precedence rule of docs/CONTRACT.md, the SDK's variables and credentials
//! file, secrets from commands and files, and that no secret is ever printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::{json, Value};

const WRONG_AK: &str = "WRONGACCESSKEY000001";
const WRONG_SK: &str = "WRONGSECRETKEY-do-not-print-00000000001";
const SECURITY_TOKEN: &str = "security-token-do-not-print-0001";
const WRONG_PASSWORD: &str = "Wrong-Passw0rd-do-not-print!";

fn assistance_get_path() -> String {
    assistance_path(OPEN_DESKTOP)
}

/// `show OPEN_DESKTOP -o json` with extra leading arguments; asserts exit 0 and the record.
fn show_ok(env: &Env, args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let out = env
        .cmd()
        .args(args)
        .args(["show", OPEN_DESKTOP, "-o", "json"])
        .envs(envs.iter().copied())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["desktop_id"], OPEN_DESKTOP);
    assert_eq!(v["status"], "OPEN");
    out
}

/// `show OPEN_DESKTOP` expected to fail with `code`, nothing on stdout and no secret printed.
fn show_fails(env: &Env, args: &[&str], envs: &[(&str, &str)], code: i32) -> std::process::Output {
    let mut show = env.cmd();
    show.args(args)
        .args(["show", OPEN_DESKTOP])
        .envs(envs.iter().copied());
    assert_error(&mut show, code, &[])
}

/// The Access= part of the latest Workspace request's signature.
fn last_access_key(sim: &Sim) -> String {
    let last = sim
        .requests()
        .into_iter()
        .rev()
        .find(|r| r["path"] == assistance_get_path())
        .expect("the sim saw the GET");
    let auth = last["headers"]["authorization"]
        .as_str()
        .unwrap_or_else(|| panic!("no Authorization header: {last}"));
    auth.strip_prefix("SDK-HMAC-SHA256 Access=")
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("not an SDK signature: {auth}"))
        .to_string()
}

fn aksk_section(name: &str, sim: &Sim, ak: &str, sk: &str) -> String {
    format!(
        "[profiles.{name}]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{ak}\"\nsk = \"{sk}\"\n",
        sim.url
    )
}

/// `[basic]` of an SDK credentials file (written 0600).
fn write_credentials(path: &Path, body: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, body).unwrap();
    set_mode(path, 0o600);
}

fn default_credentials_path(env: &Env) -> PathBuf {
    env.dir.path().join(".huaweicloud").join("credentials")
}

/// The token the binary cached (there is exactly one token file).
fn cached_token(env: &Env) -> (PathBuf, Value) {
    let files = files_under(&env.cache_dir().join("tokens"));
    assert_eq!(files.len(), 1, "one cached token: {files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    (files[0].clone(), serde_json::from_str(&text).unwrap())
}

// ---- Password auth and the token cache ----

#[test]
fn password_auth_fetches_one_token_and_reuses_it_from_a_private_cache() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.password_profile(&sim, IAM_PASSWORD);
    let first = show_ok(&env, &[], &[]);
    let second = show_ok(&env, &[], &[]);

    let stats = sim.stats();
    assert_eq!(stats["iam_token_requests"], 1, "{stats}");
    assert_eq!(stats["requests"], 2, "{stats}");
    assert_eq!(stats["by_status"], json!({"200": 2}), "{stats}");

    let log = sim.requests();
    let summary: Vec<(String, String, u64)> = log
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_string(),
                r["path"].as_str().unwrap().to_string(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect();
    let get = ("GET".to_string(), assistance_get_path(), 200);
    assert_eq!(
        summary,
        vec![
            ("POST".to_string(), "/v3/auth/tokens".to_string(), 201),
            get.clone(),
            get
        ],
        "the project comes from the token answer"
    );
    for r in &log[1..] {
        assert_eq!(r["headers"]["x-auth-token"], "(redacted)", "{r}");
        assert!(r["headers"].get("authorization").is_none(), "{r}");
    }

    let tokens = env.cache_dir().join("tokens");
    assert_eq!(mode_of(&tokens), 0o700);
    let (file, cached) = cached_token(&env);
    assert_eq!(mode_of(&file), 0o600);
    assert_eq!(cached["project_id"], PROJECT);
    let token = cached["token"].as_str().expect("token in the cache");
    assert!(token.starts_with("MIIsim"), "{token}");
    for f in files_under(&env.dir.path().join("xdg-cache")) {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            !text.contains(IAM_PASSWORD),
            "the password is in {}",
            f.display()
        );
    }
    for out in [&first, &second] {
        assert_no_leak(out, &[IAM_PASSWORD, token]);
    }
}

#[test]
fn a_revoked_token_is_renewed_once_and_the_request_retried() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.password_profile(&sim, IAM_PASSWORD);
    show_ok(&env, &[], &[]);
    let (_, before) = cached_token(&env);
    sim.revoke_tokens();

    let out = show_ok(&env, &[], &[]);
    let stats = sim.stats();
    assert_eq!(stats["iam_token_requests"], 2, "{stats}");
    assert_eq!(stats["by_status"], json!({"200": 2, "401": 1}), "{stats}");
    let tail: Vec<(String, u64)> = sim.requests()[2..]
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tail,
        vec![
            (assistance_get_path(), 401),
            ("/v3/auth/tokens".to_string(), 201),
            (assistance_get_path(), 200),
        ]
    );
    let (_, after) = cached_token(&env);
    assert_ne!(
        before["token"], after["token"],
        "the renewed token is cached"
    );
    assert_no_leak(
        &out,
        &[
            IAM_PASSWORD,
            before["token"].as_str().unwrap(),
            after["token"].as_str().unwrap(),
        ],
    );
}

#[test]
fn a_token_within_five_minutes_of_expiry_is_not_reused() {
    let sim = Sim::start(&["--token-ttl", "4m"]);
    let env = Env::new();
    env.password_profile(&sim, IAM_PASSWORD);
    show_ok(&env, &[], &[]);
    show_ok(&env, &[], &[]);
    let stats = sim.stats();
    assert_eq!(stats["iam_token_requests"], 2, "{stats}");
    assert_eq!(stats["by_status"], json!({"200": 2}), "{stats}");
}

#[test]
fn a_wrong_password_exits_4_naming_iam_and_the_user() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.password_profile(&sim, WRONG_PASSWORD);
    let out = show_fails(&env, &[], &[], 4);
    let err = stderr(&out);
    assert!(err.contains(&format!("IAM at {}/", sim.url)), "{err}");
    assert!(
        err.contains("user demo-user in domain demo-account"),
        "{err}"
    );
    assert!(err.contains("HTTP 401"), "{err}");
    assert!(err.contains("The username or password is wrong."), "{err}");
    assert_eq!(request_ids_in(&err).len(), 1, "{err}");
    assert_no_leak(&out, &[WRONG_PASSWORD, IAM_PASSWORD]);
    let stats = sim.stats();
    assert_eq!(stats["iam_token_requests"], 1, "not retried: {stats}");
    assert_eq!(stats["requests"], 0, "{stats}");
    assert!(files_under(&env.cache_dir()).is_empty(), "nothing cached");
}

#[test]
fn a_failing_password_command_never_prints_its_text() {
    // The command text may embed the secret; messages name the key, never the command.
    let sim = Sim::start(&[]);
    let env = Env::new();
    let text = password_profile_text(&sim, "default", IAM_PASSWORD).replace(
        "password_command = \"printf %s 'Demo-Passw0rd!'\"",
        "password_command = \"printf %s 'Demo-Passw0rd!' | grep -q nomatch\"",
    );
    env.write_config(&text);
    let out = show_fails(&env, &[], &[], 3);
    let err = stderr(&out);
    assert!(err.contains("password_command"), "{err}");
    assert!(err.contains("status 1"), "{err}");
    assert_no_leak(&out, &[IAM_PASSWORD]);
    assert_eq!(sim.stats()["iam_token_requests"], 0);
}

// ---- The project of a region, through IAM ----

fn lookup_profile(env: &Env, sim: &Sim, region: &str) -> PathBuf {
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\niam_endpoint = \"{url}\"\nregion = \"{region}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\n",
        url = sim.url
    ))
}

fn project_requests(sim: &Sim) -> Vec<Value> {
    sim.requests()
        .into_iter()
        .filter(|r| r["path"] == "/v3/projects")
        .collect()
}

#[test]
fn the_project_is_looked_up_through_iam_once_and_then_cached() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    lookup_profile(&env, &sim, SIM_REGION);
    let first = show_ok(&env, &[], &[]);
    let lookups = project_requests(&sim);
    assert_eq!(lookups.len(), 1);
    let lookup = &lookups[0];
    assert_eq!(lookup["method"], "GET");
    assert_eq!(lookup["query"], "name=cn-north-4");
    assert_eq!(lookup["status"], 200);
    let auth = lookup["headers"]["authorization"].as_str().unwrap();
    assert!(
        auth.starts_with(&format!(
            "SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host;x-sdk-date, Signature="
        )),
        "signed like vector 7: {auth}"
    );
    let last = sim.requests().pop().unwrap();
    assert_eq!(last["path"], assistance_get_path());
    assert_eq!(last["headers"]["x-project-id"], PROJECT);

    let second = show_ok(&env, &[], &[]);
    let stats = sim.stats();
    assert_eq!(stats["iam_project_requests"], 1, "cached: {stats}");
    assert_eq!(stats["requests"], 2, "{stats}");
    let cache = env.cache_dir().join("projects.json");
    assert_eq!(mode_of(&cache), 0o600);
    let cached = std::fs::read_to_string(&cache).unwrap();
    assert!(cached.contains(PROJECT), "{cached}");
    assert!(!cached.contains(SK), "{cached}");
    assert_clean(&first);
    assert_clean(&second);
}

#[test]
fn several_projects_for_the_region_exit_3_listing_each() {
    let sim = Sim::start(&["--duplicate-project"]);
    let env = Env::new();
    lookup_profile(&env, &sim, SIM_REGION);
    let out = show_fails(&env, &[], &[], 3);
    let err = stderr(&out);
    // The sim's second project: the first 32 hex digits of sha256("duplicate:<project>").
    let duplicate = {
        use sha2::Digest;
        let mut id = hex::encode(sha2::Sha256::digest(format!("duplicate:{PROJECT}")));
        id.truncate(32);
        id
    };
    assert!(err.contains("2 projects"), "{err}");
    assert!(err.contains("\"cn-north-4\""), "{err}");
    assert!(
        err.contains(&format!("{PROJECT}, {duplicate}")),
        "both IDs: {err}"
    );
    assert!(err.contains("project_id"), "says what to set: {err}");
    assert_clean(&out);
    let stats = sim.stats();
    assert_eq!(stats["iam_project_requests"], 1, "{stats}");
    assert_eq!(stats["requests"], 0, "{stats}");
    assert!(!env.cache_dir().join("projects.json").exists());
}

#[test]
fn no_project_for_the_region_exits_3_naming_the_region() {
    let sim = Sim::start(&["--region", "cn-north-4"]);
    let env = Env::new();
    lookup_profile(&env, &sim, "cn-east-3");
    let out = show_fails(&env, &[], &[], 3);
    let err = stderr(&out);
    assert!(
        err.contains("IAM knows no project named \"cn-east-3\""),
        "{err}"
    );
    assert!(err.contains(AK), "names the AK: {err}");
    assert_clean(&out);
    let lookups = project_requests(&sim);
    assert_eq!(lookups.len(), 1);
    assert_eq!(lookups[0]["query"], "name=cn-east-3");
    assert_eq!(sim.stats()["requests"], 0);
}

// ---- Precedence (docs/CONTRACT.md) ----

#[test]
fn a_chosen_profile_supplies_credentials_even_with_sdk_variables_set() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&aksk_section("work", &sim, AK, SK));
    let sdk = [
        ("HUAWEICLOUD_SDK_AK", WRONG_AK),
        ("HUAWEICLOUD_SDK_SK", WRONG_SK),
    ];
    let by_flag = show_ok(&env, &["--profile", "work"], &sdk);
    assert_eq!(last_access_key(&sim), AK);
    let mut with_env = sdk.to_vec();
    with_env.push(("ASSIST_PROFILE", "work"));
    let by_env = show_ok(&env, &[], &with_env);
    assert_eq!(last_access_key(&sim), AK);
    for out in [&by_flag, &by_env] {
        assert_no_leak(out, &[WRONG_SK]);
    }
    assert_eq!(sim.stats()["by_status"], json!({"200": 2}));
}

#[test]
fn without_a_chosen_profile_sdk_variables_come_before_the_default_profile() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&aksk_section("default", &sim, WRONG_AK, WRONG_SK));
    let out = show_ok(
        &env,
        &["-v", "--endpoint", &sim.url],
        &[
            ("HUAWEICLOUD_SDK_AK", AK),
            ("HUAWEICLOUD_SDK_SK", SK),
            ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
        ],
    );
    assert_eq!(last_access_key(&sim), AK);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "* credentials: aksk (AK {AK}, SK from env HUAWEICLOUD_SDK_SK) from the environment (HUAWEICLOUD_SDK_*)"
        )),
        "{err}"
    );
    assert_no_leak(&out, &[WRONG_SK]);
}

#[test]
fn without_sdk_variables_the_default_profile_is_used() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    // `default_profile` names the default...
    env.write_config(&format!(
        "default_profile = \"work\"\n{}{}",
        aksk_section("work", &sim, AK, SK),
        aksk_section("default", &sim, WRONG_AK, WRONG_SK)
    ));
    let named = show_ok(&env, &["-v"], &[]);
    assert_eq!(last_access_key(&sim), AK);
    assert!(
        stderr(&named).contains(&format!(
            "from profile \"work\" in {}",
            env.config_path().display()
        )),
        "{}",
        stderr(&named)
    );
    // ... else the profile called "default".
    env.write_config(&format!(
        "{}{}",
        aksk_section("default", &sim, AK, SK),
        aksk_section("other", &sim, WRONG_AK, WRONG_SK)
    ));
    let unnamed = show_ok(&env, &[], &[]);
    assert_eq!(last_access_key(&sim), AK);
    for out in [&named, &unnamed] {
        assert_no_leak(out, &[WRONG_SK]);
    }
}

#[test]
fn the_sdk_credentials_file_is_not_consulted_when_a_config_file_exists() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    write_credentials(
        &default_credentials_path(&env),
        &format!("[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT}\n"),
    );
    // A config file without the default profile: an error, not the credentials file.
    env.write_config(&aksk_section("other", &sim, AK, SK));
    let out = show_fails(&env, &["--endpoint", &sim.url], &[], 3);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "profile \"default\" is not defined in {}",
            env.config_path().display()
        )),
        "{err}"
    );
    assert!(err.contains("other"), "lists the profiles: {err}");
    assert_clean(&out);
    assert_eq!(sim.stats()["requests"], 0);

    // With a default profile, a broken credentials file is never even read.
    write_credentials(
        &default_credentials_path(&env),
        &format!("[basic]\nak = {WRONG_AK}\n"),
    );
    env.write_config(&aksk_section("default", &sim, AK, SK));
    show_ok(&env, &[], &[]);
    assert_eq!(last_access_key(&sim), AK);
}

#[test]
fn the_sdk_credentials_file_alone_is_enough() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let path = default_credentials_path(&env);
    write_credentials(
        &path,
        &format!("[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT}\n"),
    );
    assert!(!env.config_path().exists());
    let out = show_ok(&env, &["-v", "--endpoint", &sim.url], &[]);
    assert_eq!(last_access_key(&sim), AK);
    let last = sim.requests().pop().unwrap();
    assert_eq!(last["headers"]["x-project-id"], PROJECT);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "* credentials: aksk (AK {AK}, SK from the SDK credentials file {p}) from the SDK credentials file {p}",
            p = path.display()
        )),
        "{err}"
    );
    assert!(!err.contains("warning"), "0600 draws no warning: {err}");
    assert_clean(&out);
}

#[test]
fn huaweicloud_sdk_credentials_file_relocates_the_credentials_file() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    // The default place holds a broken file: reading it would be an error.
    write_credentials(
        &default_credentials_path(&env),
        &format!("[basic]\nak = {WRONG_AK}\n"),
    );
    let elsewhere = env.dir.path().join("elsewhere").join("creds.ini");
    write_credentials(
        &elsewhere,
        &format!("[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT}\n"),
    );
    let relocated = elsewhere.to_str().unwrap();
    let out = show_ok(
        &env,
        &["--endpoint", &sim.url],
        &[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", relocated)],
    );
    assert_eq!(last_access_key(&sim), AK);
    assert_clean(&out);

    // A named file that does not exist is an error naming it, not a fall-through.
    let missing = env.dir.path().join("no-such-credentials");
    let out = show_fails(
        &env,
        &["--endpoint", &sim.url],
        &[(
            "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
            missing.to_str().unwrap(),
        )],
        3,
    );
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "cannot read the SDK credentials file {}",
            missing.display()
        )),
        "{err}"
    );
    assert_eq!(sim.stats()["requests"], 1);
}

/// Arguments, environment, the value that must win, the exit code.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str, i32);

#[test]
fn region_precedence_is_flag_then_env_then_profile() {
    let sim = Sim::start(&[]);
    // The profile's region has no project in the sim; the region is visible in the lookup.
    let cases: [Case; 3] = [
        (
            &["--region", "cn-north-4"],
            &[("ASSIST_REGION", "cn-east-3")],
            "cn-north-4",
            0,
        ),
        (&[], &[("ASSIST_REGION", "cn-north-4")], "cn-north-4", 0),
        (&[], &[], "cn-south-1", 3),
    ];
    for (args, envs, looked_up, code) in cases {
        let env = Env::new();
        lookup_profile(&env, &sim, "cn-south-1");
        let out = env
            .cmd()
            .args(args)
            .args(["show", OPEN_DESKTOP, "-o", "json"])
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?} {envs:?}: {}",
            stderr(&out)
        );
        let last = project_requests(&sim).pop().unwrap();
        assert_eq!(
            last["query"],
            format!("name={looked_up}"),
            "{args:?} {envs:?}"
        );
        assert_clean(&out);
    }
}

#[test]
fn endpoint_precedence_is_flag_then_env_then_profile() {
    let sim = Sim::start(&[]);
    let dead = dead_url();
    let env = Env::new();
    env.write_config(
        &aksk_section("default", &sim, AK, SK)
            .replace(&format!("\"{}\"", sim.url), &format!("\"{dead}\"")),
    );
    show_ok(&env, &[], &[("ASSIST_ENDPOINT", &sim.url)]);
    show_ok(
        &env,
        &["--endpoint", &sim.url],
        &[("ASSIST_ENDPOINT", &dead)],
    );
    assert_eq!(sim.stats()["requests"], 2);
    let out = show_fails(&env, &["--max-attempts", "1"], &[], 7);
    assert!(stderr(&out).contains(&dead), "{}", stderr(&out));
    assert_eq!(sim.stats()["requests"], 2);
}

#[test]
fn project_precedence_is_flag_then_env_then_profile() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&aksk_section("default", &sim, AK, SK).replace(PROJECT, "profile-project"));
    let cases: [Case; 4] = [
        (
            &["--project-id", PROJECT],
            &[("ASSIST_PROJECT_ID", "env-project")],
            PROJECT,
            0,
        ),
        (&[], &[("ASSIST_PROJECT_ID", PROJECT)], PROJECT, 0),
        (
            &[],
            &[("ASSIST_PROJECT_ID", "env-project")],
            "env-project",
            5,
        ),
        (&[], &[], "profile-project", 5),
    ];
    for (args, envs, project, code) in cases {
        let out = env
            .cmd()
            .args(args)
            .args(["show", OPEN_DESKTOP])
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?} {envs:?}: {}",
            stderr(&out)
        );
        // The GET (a wrong project may add a listing after it, to tell "no record" from
        // "no such desktop").
        let last = sim
            .requests()
            .into_iter()
            .rfind(|r| r["path"].as_str().unwrap().ends_with("/remote-assistance"))
            .unwrap();
        assert_eq!(
            last["path"],
            format!("/v2/{project}/desktops/{OPEN_DESKTOP}/remote-assistance"),
            "{args:?} {envs:?}"
        );
        assert_eq!(last["headers"]["x-project-id"], project);
        assert_clean(&out);
    }
}

// ---- What users already have: the SDK's variables ----

#[test]
fn sdk_variables_alone_are_enough() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let sdk = [
        ("HUAWEICLOUD_SDK_AK", AK),
        ("HUAWEICLOUD_SDK_SK", SK),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
    ];
    let out = show_ok(&env, &["--endpoint", &sim.url], &sdk);
    let last = sim.requests().pop().unwrap();
    let auth = last["headers"]["authorization"].as_str().unwrap();
    assert!(
        auth.starts_with(&format!(
            "SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature="
        )),
        "{auth}"
    );
    assert!(last["headers"].get("x-security-token").is_none());
    assert_eq!(last["headers"]["x-project-id"], PROJECT);
    assert_clean(&out);
    assert!(!env.config_path().exists());
}

#[test]
fn the_sdk_security_token_is_sent_and_signed() {
    // Temporary credentials verify only with their token (the simulator checks it).
    let sim = Sim::start(&[
        "--temp-ak",
        AK,
        "--temp-sk",
        SK,
        "--security-token",
        SECURITY_TOKEN,
    ]);
    let env = Env::new();
    let sdk = [
        ("HUAWEICLOUD_SDK_AK", AK),
        ("HUAWEICLOUD_SDK_SK", SK),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", SECURITY_TOKEN),
    ];
    let out = show_ok(&env, &["-vv", "--endpoint", &sim.url], &sdk);
    let last = sim.requests().pop().unwrap();
    assert_eq!(last["headers"]["x-security-token"], "(redacted)");
    let auth = last["headers"]["authorization"].as_str().unwrap();
    assert!(
        auth.starts_with(&format!(
            "SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature="
        )),
        "{auth}"
    );
    let err = stderr(&out);
    assert!(
        err.contains("security token from env HUAWEICLOUD_SDK_SECURITY_TOKEN"),
        "{err}"
    );
    assert_no_leak(&out, &[SECURITY_TOKEN]);
}

#[test]
fn the_sdk_iam_endpoint_variable_is_used_for_the_project_lookup() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let sdk = [
        ("HUAWEICLOUD_SDK_AK", AK),
        ("HUAWEICLOUD_SDK_SK", SK),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", sim.url.as_str()),
    ];
    let out = show_ok(
        &env,
        &["--endpoint", &sim.url, "--region", SIM_REGION],
        &sdk,
    );
    let stats = sim.stats();
    assert_eq!(stats["iam_project_requests"], 1, "{stats}");
    assert_eq!(project_requests(&sim)[0]["query"], "name=cn-north-4");
    assert_eq!(
        sim.requests().pop().unwrap()["headers"]["x-project-id"],
        PROJECT
    );
    assert_clean(&out);
}

// ---- Partial sets never fall through ----

#[test]
fn an_sdk_ak_without_its_sk_exits_3_even_with_a_good_default_profile() {
    let (sim, env) = sim_and_env(&[]);
    let out = show_fails(&env, &[], &[("HUAWEICLOUD_SDK_AK", AK)], 3);
    let err = stderr(&out);
    assert!(err.contains("HUAWEICLOUD_SDK_SK is not set"), "{err}");
    assert!(err.contains("half an AK/SK pair"), "{err}");
    assert_clean(&out);

    let out = show_fails(&env, &[], &[("HUAWEICLOUD_SDK_SK", WRONG_SK)], 3);
    let err = stderr(&out);
    assert!(err.contains("HUAWEICLOUD_SDK_AK is not set"), "{err}");
    assert_no_leak(&out, &[WRONG_SK]);
    assert_eq!(sim.stats()["requests"], 0, "no fall-through to the profile");
}

#[test]
fn a_credentials_file_with_an_ak_and_no_sk_exits_3_naming_the_file() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let path = default_credentials_path(&env);
    write_credentials(
        &path,
        &format!("[basic]\nak = {AK}\nproject_id = {PROJECT}\n"),
    );
    let out = show_fails(&env, &["--endpoint", &sim.url], &[], 3);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("[basic] of {} lacks sk", path.display())),
        "{err}"
    );
    assert_clean(&out);
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn a_profile_with_an_ak_and_no_sk_exits_3_naming_the_profile() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\n",
        sim.url
    ));
    let out = show_fails(&env, &[], &[], 3);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "profile \"default\" in {}: auth = \"aksk\" needs a secret key; missing or empty: sk",
            env.config_path().display()
        )),
        "{err}"
    );
    assert_clean(&out);
    assert_eq!(sim.stats()["requests"], 0);
}

// ---- Secrets from commands and files ----

fn sk_profile(env: &Env, sim: &Sim, sk_line: &str) -> PathBuf {
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\n{sk_line}\n",
        sim.url
    ))
}

#[test]
fn a_failing_sk_command_exits_3_quoting_its_status_and_stderr() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    sk_profile(&env, &sim, "sk_command = \"echo boom >&2; exit 7\"");
    let out = show_fails(&env, &[], &[], 3);
    let err = stderr(&out);
    assert!(err.contains("could not read a secret: sk_command"), "{err}");
    assert!(err.contains("failed with status 7"), "{err}");
    assert!(err.contains("its stderr: \"boom\""), "{err}");
    assert_clean(&out);
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn an_sk_command_printing_nothing_exits_3() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    for command in ["true", "printf '  \\\\n'"] {
        sk_profile(&env, &sim, &format!("sk_command = \"{command}\""));
        let out = show_fails(&env, &[], &[], 3);
        let err = stderr(&out);
        assert!(
            err.contains("sk_command gave an empty secret"),
            "{command}: {err}"
        );
        assert_clean(&out);
    }
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn an_sk_command_running_past_its_limit_is_stopped_with_exit_3() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    sk_profile(&env, &sim, "sk_command = \"sleep 30\"");
    let started = Instant::now();
    // The limit is 10 s (a unit test pins it); shortened here so the test does not wait it out.
    let out = show_fails(&env, &[], &[("ASSIST_TEST_SECRET_LIMIT", "1s")], 3);
    let took = started.elapsed();
    assert!(took >= Duration::from_secs(1), "waited the limit: {took:?}");
    // Stopped at the limit, not at the command's end: the message below says so.
    let err = stderr(&out);
    assert!(err.contains("sk_command"), "{err}");
    assert!(err.contains("did not finish within 1 s"), "{err}");
    assert_clean(&out);
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn a_missing_sk_file_exits_3_naming_the_path() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let missing = env.dir.path().join("no-such-sk");
    sk_profile(&env, &sim, &format!("sk_file = \"{}\"", missing.display()));
    let out = show_fails(&env, &[], &[], 3);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("sk_file: cannot read {}", missing.display())),
        "{err}"
    );
    assert_clean(&out);
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn sk_command_sk_file_token_file_and_token_command_supply_working_secrets() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let sk_path = env.dir.path().join("sk.txt");
    std::fs::write(&sk_path, format!("{SK}\n")).unwrap();
    let token_path = env.dir.path().join("token.txt");
    std::fs::write(&token_path, format!("  {TOKEN}\n")).unwrap();

    sk_profile(
        &env,
        &sim,
        &format!("sk_command = \"cat '{}'\"", sk_path.display()),
    );
    let a = show_ok(&env, &["-v"], &[]);
    assert!(
        stderr(&a).contains(&format!("AK {AK}, SK from sk_command)")),
        "{}",
        stderr(&a)
    );
    assert!(
        !stderr(&a).contains("cat '"),
        "no command text: {}",
        stderr(&a)
    );
    sk_profile(&env, &sim, &format!("sk_file = \"{}\"", sk_path.display()));
    let b = show_ok(&env, &["-v"], &[]);
    assert!(
        stderr(&b).contains(&format!("SK from sk_file {})", sk_path.display())),
        "{}",
        stderr(&b)
    );
    let token_profile = |line: String| {
        env.write_config(&format!(
            "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"token\"\n{line}\n",
            sim.url
        ))
    };
    token_profile(format!("token_file = \"{}\"", token_path.display()));
    let c = show_ok(&env, &["-vv"], &[]);
    assert!(
        stderr(&c).contains(&format!(
            "* credentials: token (token from token_file {})",
            token_path.display()
        )),
        "{}",
        stderr(&c)
    );
    token_profile(format!(
        "token_command = \"cat '{}'\"",
        token_path.display()
    ));
    let d = show_ok(&env, &[], &[]);

    let log = sim.requests();
    assert_eq!(log.len(), 4);
    assert_eq!(last_access_key_of(&log[0]), AK);
    assert_eq!(last_access_key_of(&log[1]), AK);
    for r in &log[2..] {
        assert_eq!(r["headers"]["x-auth-token"], "(redacted)", "{r}");
        assert_eq!(r["status"], 200);
    }
    for out in [&a, &b, &c, &d] {
        assert_clean(out);
    }
}

fn last_access_key_of(r: &Value) -> String {
    let auth = r["headers"]["authorization"].as_str().unwrap();
    auth.strip_prefix("SDK-HMAC-SHA256 Access=")
        .and_then(|rest| rest.split(',').next())
        .unwrap()
        .to_string()
}

#[test]
fn more_than_one_source_for_a_secret_exits_3() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let file = env.dir.path().join("sk.txt");
    std::fs::write(&file, SK).unwrap();
    let inline = format!("sk = \"{SK}\"");
    let command = "sk_command = \"printf x\"".to_string();
    let from_file = format!("sk_file = \"{}\"", file.display());
    for lines in [
        vec![inline.clone(), command.clone()],
        vec![command.clone(), from_file.clone()],
        vec![inline.clone(), from_file.clone()],
        vec![inline, command, from_file],
    ] {
        sk_profile(&env, &sim, &lines.join("\n"));
        let out = show_fails(&env, &[], &[], 3);
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "profile \"default\" in {} sets more than one of `sk`, `sk_command`, `sk_file`",
                env.config_path().display()
            )),
            "{lines:?}: {err}"
        );
        assert!(err.contains("keep exactly one"), "{err}");
        assert_clean(&out);
    }
    assert_eq!(sim.stats()["requests"], 0);
}

// ---- What -v shows, and what it never shows ----

#[test]
fn verbose_names_where_credentials_come_from_and_never_the_secret() {
    let (sim, env) = sim_and_env(&[]);
    let out = show_ok(&env, &["-vv"], &[]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "* credentials: aksk (AK {AK}, SK from `sk` in profile \"default\" in {p}) from profile \"default\" in {p}",
            p = env.config_path().display()
        )),
        "{err}"
    );
    assert!(err.contains(&format!("* project {PROJECT}")), "{err}");
    assert_clean(&out);

    // Password auth with headers shown: neither the password nor the token appears.
    let env = Env::new();
    env.password_profile(&sim, IAM_PASSWORD);
    let out = show_ok(&env, &["-vv"], &[]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "* credentials: password (user demo-user in domain demo-account, password from password_command) from profile \"default\""
        ),
        "{err}"
    );
    assert!(!err.contains("printf"), "no command text: {err}");
    let (_, cached) = cached_token(&env);
    assert_no_leak(&out, &[IAM_PASSWORD, cached["token"].as_str().unwrap()]);
}

// ---- Warnings that protect ----

#[test]
fn a_config_file_with_a_secret_readable_by_others_draws_a_chmod_warning() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let path = env.aksk_profile(&sim, SK);
    set_mode(&path, 0o644);
    let out = show_ok(&env, &[], &[]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "warning: {p} holds secrets and can be read by other users; fix it with: chmod 600 {p}",
            p = path.display()
        )),
        "{err}"
    );
    assert_clean(&out);

    // 0600, or no secret in the file: no warning.
    set_mode(&path, 0o600);
    let out = show_ok(&env, &[], &[]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    sk_profile(&env, &sim, "sk_command = \"printf %s x\"");
    set_mode(&path, 0o644);
    let out = env.cmd().args(["show", OPEN_DESKTOP]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
}

#[test]
fn an_sdk_credentials_file_readable_by_others_draws_a_chmod_warning() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let path = default_credentials_path(&env);
    write_credentials(
        &path,
        &format!("[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT}\n"),
    );
    set_mode(&path, 0o640);
    let out = show_ok(&env, &["--endpoint", &sim.url], &[]);
    assert!(
        stderr(&out).contains(&format!("chmod 600 {}", path.display())),
        "{}",
        stderr(&out)
    );
    assert_clean(&out);
}

// ---- Policy binds every run (issue 22, item 7) ----

#[test]
fn the_default_profiles_policy_binds_credentials_from_the_sdk_variables() {
    let sim = Sim::start(&["--desktops", "1"]);
    let env = Env::new();
    let log = env.dir.path().join("central").join("audit.jsonl");
    env.write_config(&format!(
        "default_profile = \"prod\"\n\n[profiles.prod]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\n\
         ak = \"{WRONG_AK}\"\nsk = \"{WRONG_SK}\"\nrequire_ticket = true\naudit_log = \"{}\"\n",
        sim.url,
        log.display()
    ));
    let id = generated_id(1);
    let sdk_cancel = |extra: &[&str]| {
        let mut cmd = env.cmd();
        cmd.env("HUAWEICLOUD_SDK_AK", AK)
            .env("HUAWEICLOUD_SDK_SK", SK)
            .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
            .args(["--endpoint", &sim.url, "cancel", &id])
            .args(extra);
        cmd
    };
    assert_error(
        &mut sdk_cancel(&[]),
        2,
        &["error: this profile requires a ticket for every change (require_ticket = true)"],
    );
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());

    assert_output(&mut sdk_cancel(&["--ticket", "INC-7"]), 0, "", &[]);
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The intent line, then the outcome: both in the profile's log, both with the ticket.
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0]["action"], "intent");
    assert_eq!(lines[1]["action"], "cancel");
    assert_eq!(lines[0]["ticket"], "INC-7");
    assert_eq!(lines[1]["ticket"], "INC-7");
    assert_eq!(
        lines[0]["operator"],
        format!("ak:{}…", &AK[..4]),
        "the SDK's key signed"
    );
    let personal = env.dir.path().join(".local/share/assist/audit.jsonl");
    assert!(!personal.exists(), "nothing in the personal log");
}

#[test]
fn a_blank_ticket_is_a_usage_error_everywhere_and_sends_nothing() {
    let (sim, env) = sim_and_env(&["--desktops", "1"]);
    let id = generated_id(1);
    for args in [
        vec!["start", &id, "--ticket", "  "],
        vec!["cancel", &id, "--ticket", ""],
        vec!["sessions", "--cancel", "--yes", "--ticket", "\t"],
        vec!["log", "--ticket", " "],
    ] {
        let out = assert_error(env.cmd().args(&args), 2, &["a ticket cannot be blank"]);
        assert!(
            stderr(&out).contains("--ticket"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());
}
