//! `assist config path|list|show|init|check` end to end: exact paths for a temp
//! environment, profiles and secret origins without secret values, every setting with its
//! source, a 0600 profile written from flags that `config check` then accepts, and the failing
//! step of a broken set-up.

use std::path::PathBuf;

use crate::common::*;
use serde_json::{json, Value};

const WRONG_SK: &str = "WRONGSECRETKEY-do-not-print-00000000001";
const STORED_SK: &str = "STOREDSECRETKEY-do-not-print-000000001";

fn ok(out: &std::process::Output) {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
}

/// The config file as JSON (through the toml crate).
fn config_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read config");
    let table: toml::Table = toml::from_str(&text).expect("valid TOML");
    serde_json::to_value(table).unwrap()
}

/// The row of a rendered table whose first cell is `first`: piped, tables are tab-separated
/// (an empty cell stays, as ""); a value and its source ("cn-east-3  (env …)") are two parts.
fn table_row(text: &str, first: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.split('\t').next() == Some(first))
        .unwrap_or_else(|| panic!("no row {first:?} in\n{text}"));
    line.split('\t')
        .flat_map(|cell| {
            let parts: Vec<String> = cell
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            if parts.is_empty() {
                vec![String::new()]
            } else {
                parts
            }
        })
        .collect()
}

// ---- config path ----

#[test]
fn config_path_names_the_exact_files_of_the_environment() {
    let env = Env::new();
    let home = env.dir.path();
    let out = env
        .cmd()
        .args(["config", "path", "-o", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        json_of(&out),
        json!({
            "config_file": env.config_path().display().to_string(),
            "config_file_exists": false,
            "cache_dir": env.cache_dir().display().to_string(),
            "credentials_file": home.join(".huaweicloud/credentials").display().to_string(),
            "credentials_file_exists": false,
        })
    );
    assert_eq!(stderr(&out), "");

    env.write_config("[profiles.x]\nregion = \"cn-north-4\"\n");
    std::fs::create_dir_all(home.join(".huaweicloud")).unwrap();
    std::fs::write(home.join(".huaweicloud/credentials"), "[basic]\n").unwrap();
    let out = env.cmd().args(["config", "path"]).output().unwrap();
    ok(&out);
    let text = stdout(&out);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            format!("config file\t{} (exists)", env.config_path().display()),
            format!("cache dir\t{} (not found)", env.cache_dir().display()),
            format!(
                "SDK credentials\t{} (exists)",
                home.join(".huaweicloud/credentials").display()
            ),
        ],
        "{text}"
    );
}

#[test]
fn config_path_follows_the_platform_dir_config_flag_and_credentials_variable() {
    let env = Env::new();
    let home = env.dir.path();
    let out = env
        .cmd_default_location()
        .args(["config", "path", "-o", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        json_of(&out)["config_file"],
        home.join("xdg-config/assist/config.toml")
            .display()
            .to_string()
    );

    let flagged = home.join("elsewhere.toml");
    let creds = home.join("creds.ini");
    std::fs::write(&creds, "[basic]\n").unwrap();
    let out = env
        .cmd()
        .args([
            "--config",
            flagged.to_str().unwrap(),
            "config",
            "path",
            "-o",
            "json",
        ])
        .env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", &creds)
        .output()
        .unwrap();
    ok(&out);
    let v = json_of(&out);
    assert_eq!(v["config_file"], flagged.display().to_string());
    assert_eq!(v["config_file_exists"], false);
    assert_eq!(v["credentials_file"], creds.display().to_string());
    assert_eq!(v["credentials_file_exists"], true);
}

// ---- config list ----

fn many_profiles(env: &Env, sim_url: &str) -> (PathBuf, PathBuf) {
    let token_file = env.dir.path().join("token.txt");
    std::fs::write(&token_file, TOKEN).unwrap();
    let path = env.write_config(&format!(
        "# my settings\ndefault_profile = \"prod\"\n\n\
         [profiles.prod]\nregion = \"cn-north-4\"\nak = \"{AK}\"\nsk_command = \"printf %s '{SK}'\"\n\n\
         [profiles.tok]\nregion = \"cn-east-3\"\nauth = \"token\"\ntoken_file = \"{tf}\"\n\n\
         [profiles.inline]\nendpoint = \"{sim_url}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n\n\
         [profiles.pw]\nregion = \"cn-north-4\"\nauth = \"password\"\nuser = \"{IAM_USER}\"\ndomain = \"{IAM_DOMAIN}\"\npassword_command = \"printf %s '{IAM_PASSWORD}'\"\n",
        tf = token_file.display()
    ));
    (path, token_file)
}

#[test]
fn config_list_shows_profiles_auth_and_secret_origins_never_values() {
    let env = Env::new();
    let (_, token_file) = many_profiles(&env, "http://127.0.0.1:9");
    let out = env
        .cmd()
        .args(["config", "list", "-o", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        json_of(&out),
        json!([
            {"name": "inline", "default": false, "region": null, "auth": "aksk",
             "secrets": "sk: in the file"},
            {"name": "prod", "default": true, "region": "cn-north-4", "auth": "aksk",
             "secrets": "sk: sk_command"},
            {"name": "pw", "default": false, "region": "cn-north-4", "auth": "password",
             "secrets": "password: password_command"},
            {"name": "tok", "default": false, "region": "cn-east-3", "auth": "token",
             "secrets": format!("token: token_file {}", token_file.display())},
            {"name": "demo", "default": false, "region": null, "auth": "aksk",
             "secrets": "built in (local simulator)"},
        ])
    );
    assert_no_leak(&out, &[IAM_PASSWORD, "printf"]);

    let out = env.cmd().args(["config", "list"]).output().unwrap();
    ok(&out);
    let text = stdout(&out);
    assert_eq!(
        table_row(&text, "PROFILE"),
        ["PROFILE", "DEFAULT", "REGION", "AUTH", "SECRETS FROM"]
    );
    assert_eq!(
        table_row(&text, "prod"),
        ["prod", "*", "cn-north-4", "aksk", "sk: sk_command"]
    );
    assert_eq!(
        table_row(&text, "tok"),
        [
            "tok".to_string(),
            "".into(),
            "cn-east-3".into(),
            "token".into(),
            format!("token: token_file {}", token_file.display())
        ]
    );
    assert_eq!(
        table_row(&text, "inline"),
        ["inline", "", "-", "aksk", "sk: in the file"]
    );
    assert_eq!(
        table_row(&text, "demo"),
        ["demo", "", "-", "aksk", "built in (local simulator)"]
    );
    assert_eq!(text.lines().count(), 6, "{text}");
    assert_no_leak(&out, &[IAM_PASSWORD, "printf"]);
}

#[test]
fn config_list_without_a_file_shows_the_built_in_demo() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["config", "list", "-o", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        json_of(&out),
        json!([{"name": "demo", "default": false, "region": null, "auth": "aksk",
                "secrets": "built in (local simulator)"}])
    );
}

// ---- config show ----

#[test]
fn config_show_gives_each_value_with_its_source() {
    let env = Env::new();
    let (path, token_file) = many_profiles(&env, "http://127.0.0.1:9");
    let p = path.display();
    let show = |args: &[&str], envs: &[(&str, &str)]| {
        let out = env
            .cmd()
            .args(args)
            .args(["config", "show", "-o", "json"])
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        ok(&out);
        assert_no_leak(&out, &[IAM_PASSWORD, "printf"]);
        json_of(&out)
    };

    let sv = |value: Value, source: Value| json!({ "value": value, "source": source });
    let prod = format!("profile \"prod\" in {p}");
    let v = show(&[], &[]);
    assert_eq!(
        v,
        json!({
            "profile": sv(json!("prod"), json!(format!("default_profile in {p}"))),
            "auth": sv(json!("aksk"), json!(prod)),
            "ak": sv(json!(AK), json!(prod)),
            "secret": sv(json!("(set)"), json!("sk_command")),
            "security_token": sv(Value::Null, Value::Null),
            "endpoint": sv(json!("https://workspace.cn-north-4.myhuaweicloud.com/"), json!("region cn-north-4")),
            "region": sv(json!("cn-north-4"), json!(prod)),
            "project_id": sv(json!("(looked up through IAM, cached)"), json!("IAM")),
            "iam_endpoint": sv(json!("https://iam.cn-north-4.myhuaweicloud.com/"), json!("the region's IAM")),
            "output": sv(json!("json"), json!("flag --output")),
            "connect_timeout": sv(json!("5s"), Value::Null),
            "timeout": sv(json!("30s"), Value::Null),
            "max_attempts": sv(json!("3"), Value::Null),
            "cache_dir": sv(json!(env.cache_dir().display().to_string()), Value::Null),
            "lang": sv(json!("en"), json!("default")),
        })
    );

    // Region: flag > ASSIST_REGION > profile.
    let v = show(&[], &[("ASSIST_REGION", "cn-east-3")]);
    assert_eq!(
        v["region"],
        sv(json!("cn-east-3"), json!("env ASSIST_REGION"))
    );
    assert_eq!(
        v["endpoint"],
        sv(
            json!("https://workspace.cn-east-3.myhuaweicloud.com/"),
            json!("region cn-east-3")
        )
    );
    let v = show(
        &["--region", "cn-south-1"],
        &[("ASSIST_REGION", "cn-east-3")],
    );
    assert_eq!(v["region"], sv(json!("cn-south-1"), json!("flag --region")));

    // Endpoint and project: flag and env sources.
    let v = show(
        &["--project-id", "flagproject"],
        &[
            ("ASSIST_ENDPOINT", "http://127.0.0.1:9"),
            ("ASSIST_PROJECT_ID", "envproject"),
        ],
    );
    assert_eq!(
        v["endpoint"],
        sv(json!("http://127.0.0.1:9/"), json!("env ASSIST_ENDPOINT"))
    );
    assert_eq!(
        v["project_id"],
        sv(json!("flagproject"), json!("flag --project-id"))
    );

    // Secrets of the other modes.
    let v = show(&["--profile", "tok"], &[]);
    assert_eq!(v["profile"], sv(json!("tok"), json!("flag --profile")));
    assert_eq!(v["auth"]["value"], "token");
    assert_eq!(v["ak"], sv(Value::Null, Value::Null));
    assert_eq!(
        v["secret"],
        sv(
            json!("(set)"),
            json!(format!("token_file {}", token_file.display()))
        )
    );
    let v = show(&[], &[("ASSIST_PROFILE", "pw")]);
    assert_eq!(v["profile"], sv(json!("pw"), json!("env ASSIST_PROFILE")));
    assert_eq!(v["ak"]["value"], "demo-user in domain demo-account");
    assert_eq!(v["secret"], sv(json!("(set)"), json!("password_command")));
    let v = show(&["--profile", "inline"], &[]);
    assert_eq!(
        v["secret"],
        sv(
            json!("(set)"),
            json!(format!("`sk` in profile \"inline\" in {p}"))
        )
    );
    assert_eq!(
        v["project_id"],
        sv(json!(PROJECT), json!(format!("profile \"inline\" in {p}")))
    );

    // The SDK's variables, when no profile is chosen.
    let v = show(
        &["--region", "cn-north-4"],
        &[("HUAWEICLOUD_SDK_AK", AK), ("HUAWEICLOUD_SDK_SK", SK)],
    );
    assert_eq!(v["profile"], sv(Value::Null, Value::Null));
    assert_eq!(v["auth"]["source"], "the environment (HUAWEICLOUD_SDK_*)");
    assert_eq!(
        v["secret"],
        sv(json!("(set)"), json!("env HUAWEICLOUD_SDK_SK"))
    );
}

#[test]
fn config_show_as_a_table_has_the_sources_and_no_secret() {
    let env = Env::new();
    let (path, _) = many_profiles(&env, "http://127.0.0.1:9");
    let out = env
        .cmd()
        .args(["--profile", "inline", "config", "show"])
        .env("ASSIST_REGION", "cn-east-3")
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    assert_eq!(
        table_row(&text, "region"),
        ["region", "cn-east-3", "(env ASSIST_REGION)"]
    );
    assert_eq!(
        table_row(&text, "secret key"),
        [
            "secret key".to_string(),
            format!(
                "(set, from `sk` in profile \"inline\" in {})",
                path.display()
            )
        ]
    );
    assert_eq!(
        table_row(&text, "AK / user"),
        [
            "AK / user".to_string(),
            AK.to_string(),
            format!("(profile \"inline\" in {})", path.display())
        ]
    );
    assert_clean(&out);
}

// ---- config init, then config check ----

fn init(env: &Env, sim: &Sim, extra: &[&str], stdin: &str) -> std::process::Output {
    env.cmd()
        .args(["config", "init", "--no-input", "--endpoint", &sim.url])
        .args(["--project-id", PROJECT, "--ak", AK])
        .args(extra)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

fn check(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd()
        .args(args)
        .args(["config", "check"])
        .output()
        .unwrap()
}

#[test]
fn config_init_writes_a_0600_profile_that_config_check_accepts() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let out = init(&env, &sim, &["--sk-stdin"], &format!("{SK}\n"));
    ok(&out);
    assert_eq!(stdout(&out), "");
    let path = env.config_path();
    assert_eq!(
        stderr(&out),
        format!(
            "wrote profile \"default\" to {} (mode 0600); try: assist --profile default config check\n",
            path.display()
        )
    );
    assert_clean(&out);
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(
        config_json(&path),
        json!({"profiles": {"default": {
            "endpoint": sim.url, "project_id": PROJECT, "auth": "aksk", "ak": AK, "sk": SK
        }}})
    );

    let out = check(&env, &[]);
    ok(&out);
    assert_eq!(stderr(&out), "", "no warning for a 0600 file");
    let text = stdout(&out);
    let last = sim.requests().pop().unwrap();
    assert_eq!(last["path"], format!("/v2/{PROJECT}/desktops"));
    assert_eq!(last["query"], "limit=1");
    assert_eq!(last["status"], 200);
    let id = last["request_id"].as_str().unwrap();
    assert_eq!(table_row(&text, "request id"), ["request id", id]);
    assert_eq!(
        table_row(&text, "result"),
        ["result", "ok: the credentials work"]
    );
    assert_clean(&out);

    let out = check(&env, &["-o", "json"]);
    ok(&out);
    let v = json_of(&out);
    let last = sim.requests().pop().unwrap();
    assert_eq!(
        v,
        json!({
            "ok": "ok: the credentials work",
            "endpoint": format!("{}/", sim.url),
            "auth": format!("aksk from profile \"default\" in {}", path.display()),
            "project_id": PROJECT,
            "request_id": last["request_id"],
        })
    );
    assert_eq!(sim.stats()["requests"], 2);
}

#[test]
fn config_init_without_a_terminal_takes_flags_even_without_no_input() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let out = env
        .cmd()
        .args(["config", "init", "--endpoint", &sim.url])
        .args(["--project-id", PROJECT, "--ak", AK, "--sk-stdin"])
        .write_stdin(format!("{SK}\n"))
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        config_json(&env.config_path())["profiles"]["default"]["sk"],
        SK
    );
    assert_clean(&out);
}

#[test]
fn config_init_refuses_to_replace_a_profile_without_force() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    ok(&init(&env, &sim, &["--sk-stdin"], &format!("{SK}\n")));
    let path = env.config_path();
    let before = std::fs::read(&path).unwrap();

    let out = init(&env, &sim, &["--sk-stdin"], &format!("{STORED_SK}\n"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "profile \"default\" already exists in {}",
            path.display()
        )),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_no_leak(&out, &[STORED_SK]);
    assert_eq!(std::fs::read(&path).unwrap(), before, "file unchanged");

    let sk_file = env.dir.path().join("sk.txt");
    std::fs::write(&sk_file, SK).unwrap();
    let command = format!("cat '{}'", sk_file.display());
    let out = init(&env, &sim, &["--force", "--sk-command", &command], "");
    ok(&out);
    assert_eq!(
        config_json(&path),
        json!({"profiles": {"default": {
            "endpoint": sim.url, "project_id": PROJECT, "auth": "aksk", "ak": AK,
            "sk_command": command
        }}}),
        "replaced, the stored SK gone"
    );
    assert_eq!(mode_of(&path), 0o600);
    let out = check(&env, &[]);
    ok(&out);
    assert_clean(&out);
}

#[test]
fn config_init_set_default_and_other_profiles_and_comments_kept() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let original = "# my settings: keep this comment\n[profiles.other]\nregion = \"cn-east-3\" # east\nak = \"OTHERAK\"\nsk_command = \"printf x\"\n";
    let path = env.write_config(original);
    set_mode(&path, 0o644);
    let sk_file = env.dir.path().join("sk.txt");
    std::fs::write(&sk_file, format!("{SK}\n")).unwrap();
    let out = env
        .cmd()
        .args(["--profile", "new", "config", "init", "--no-input"])
        .args(["--endpoint", &sim.url, "--project-id", PROJECT, "--ak", AK])
        .args(["--sk-file", sk_file.to_str().unwrap(), "--set-default"])
        .output()
        .unwrap();
    ok(&out);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(original), "the old text is intact:\n{text}");
    assert_eq!(mode_of(&path), 0o600, "rewritten 0600");
    assert_eq!(
        config_json(&path),
        json!({
            "default_profile": "new",
            "profiles": {
                "other": {"region": "cn-east-3", "ak": "OTHERAK", "sk_command": "printf x"},
                "new": {"endpoint": sim.url, "project_id": PROJECT, "auth": "aksk", "ak": AK,
                        "sk_file": sk_file.display().to_string()}
            }
        })
    );
    // The new default is used without --profile.
    let out = check(&env, &[]);
    ok(&out);
    assert!(
        stdout(&out).contains("aksk from profile \"new\""),
        "{}",
        stdout(&out)
    );
    assert_clean(&out);
}

#[test]
fn config_init_without_ak_is_a_usage_error_and_writes_nothing() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let out = env
        .cmd()
        .args(["config", "init", "--no-input", "--endpoint", &sim.url])
        .args(["--sk-command", "printf x"])
        .output()
        .unwrap();
    assert_error(out, 2, &["aksk auth needs --ak"]);
    assert!(!env.config_path().exists());
}

#[test]
fn config_init_with_two_secret_sources_is_a_usage_error_naming_the_real_flags() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let out = init(
        &env,
        &sim,
        &["--sk-stdin", "--sk-command", "printf x"],
        &format!("{SK}\n"),
    );
    let expected = "give exactly one of --sk-command, --sk-file, --sk-stdin";
    assert_error(out, 2, &[expected]);
    assert!(!env.config_path().exists());
}

// ---- config check: the failing step ----

#[test]
fn config_check_with_a_wrong_sk_fails_step_3_with_the_gateway_answer() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.aksk_profile(&sim, WRONG_SK);
    let step = "step 3 of 3 (an authenticated call: ListDesktops with limit=1) failed";
    let out = assert_error(check(&env, &[]), 4, &[step, "HTTP 401", "APIGW.0301"]);
    let err = stderr(&out);
    let last = sim.requests().pop().unwrap();
    assert_eq!(last["status"], 401);
    assert_eq!(
        request_ids_in(&err),
        vec![last["request_id"].as_str().unwrap().to_string()]
    );
    assert_no_leak(&out, &[WRONG_SK]);
    assert_eq!(sim.stats()["requests"], 1, "a 401 is not retried");
}

#[test]
fn config_check_with_a_failing_sk_command_fails_step_2() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk_command = \"echo no-vault >&2; exit 7\"\n",
        sim.url
    ));
    let step = "step 2 of 3 (credentials: secrets, IAM token, project) failed";
    assert_error(check(&env, &[]), 3, &[step, "status 7", "no-vault"]);
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn config_check_with_a_wrong_password_fails_step_2_with_exit_4() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let wrong = "Wrong-Passw0rd-do-not-print!";
    env.password_profile(&sim, wrong);
    let step = "step 2 of 3 (credentials: secrets, IAM token, project) failed";
    let out = assert_error(check(&env, &[]), 4, &[step, "IAM", "demo-user"]);
    let err = stderr(&out);
    assert!(err.contains("HTTP 401"), "{err}");
    assert_no_leak(&out, &[wrong, IAM_PASSWORD]);
    let stats = sim.stats();
    assert_eq!(stats["iam_token_requests"], 1, "{stats}");
    assert_eq!(stats["requests"], 0, "{stats}");
}

#[test]
fn config_check_with_a_region_without_project_fails_step_2() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\niam_endpoint = \"{url}\"\nregion = \"cn-east-3\"\nak = \"{AK}\"\nsk = \"{SK}\"\n",
        url = sim.url
    ));
    let out = check(&env, &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("step 2 of 3"), "{err}");
    assert!(err.contains("\"cn-east-3\""), "{err}");
    assert_clean(&out);
    assert_eq!(sim.stats()["iam_project_requests"], 1);
}

#[test]
fn config_check_with_a_broken_file_fails_step_1() {
    let env = Env::new();
    env.write_config("[profiles.default]\nregoin = \"cn-north-4\"\n");
    let out = check(&env, &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("step 1 of 3 (reading the configuration) failed"),
        "{err}"
    );
    assert!(err.contains("unknown key `regoin`"), "{err}");
    assert!(err.contains("did you mean `region`?"), "{err}");
}

#[test]
fn config_check_against_an_unreachable_endpoint_exits_7() {
    let env = Env::new();
    let dead = dead_url();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{dead}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    let out = check(&env, &["--max-attempts", "1"]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.contains("step 3 of 3"), "{err}");
    assert!(err.contains(&dead), "{err}");
    assert_clean(&out);
}

#[test]
fn na_mexico_1_is_a_region_with_its_workspace_and_iam_endpoints() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nregion = \"na-mexico-1\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    let out = env
        .cmd()
        .args(["config", "show", "-o", "json"])
        .output()
        .unwrap();
    ok(&out);
    let shown = json_of(&out);
    assert_eq!(
        (&shown["endpoint"]["value"], &shown["iam_endpoint"]["value"]),
        (
            &json!("https://workspace.na-mexico-1.myhuaweicloud.com/"),
            &json!("https://iam.na-mexico-1.myhuaweicloud.com/")
        ),
        "{shown}"
    );
}

/// The demo keeps no token cache: `config show` says so rather than a bare `-`; JSON keeps
/// `null`, its shape unchanged.
#[test]
fn config_show_for_the_demo_says_it_keeps_no_cache() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--profile", "demo", "config", "show"])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let row: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("cache dir"))
        .collect();
    assert_eq!(row, ["cache dir\tnone: the demo keeps no cache"], "{text}");
    let out = env
        .cmd()
        .args(["--profile", "demo", "config", "show", "-o", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        json_of(&out)["cache_dir"],
        json!({"value": null, "source": null})
    );
}

#[test]
fn config_init_refuses_a_fifo_or_another_users_file_at_once_and_leaves_it() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let sim = Sim::start(&[]);
    let env = Env::new();
    let path = env.config_path();
    crate::hardening::mkfifo(&path);
    // The timeout only guards against a hang (the run then has no exit code).
    let mut init_fifo = env.cmd();
    init_fifo
        .timeout(std::time::Duration::from_secs(20))
        .args(["config", "init", "--no-input", "--endpoint", &sim.url])
        .args(["--project-id", PROJECT, "--ak", AK, "--sk-stdin"])
        .write_stdin(format!("{SK}\n"));
    let expected = format!(
        "error: cannot read the config file {}: it is a FIFO (named pipe), not a regular file\n",
        path.display()
    );
    let out = assert_error(&mut init_fifo, 3, &[]);
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is left as it was");

    std::fs::remove_file(&path).unwrap();
    let theirs = "[profiles.theirs]\nregion = \"cn-north-4\"\n";
    env.write_config(theirs);
    crate::hardening::give_to_nobody(&path);
    let out = init(&env, &sim, &["--sk-stdin"], &format!("{SK}\n"));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let expected = format!(
        "error: cannot read the config file {}: it belongs to another user (uid 65534), neither to this one nor to root\n",
        path.display()
    );
    assert!(stderr(&out).starts_with(&expected), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert_eq!(std::fs::metadata(&path).unwrap().uid(), 65534);
}
