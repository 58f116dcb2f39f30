//! Errors in the run's language: with `--lang zh` every error and cause line is Chinese but
//! for its data (IDs, paths, codes, request ids, flags, the server's own words); with
//! `--lang en` the same lines are byte for byte those of before (docs/CONTRACT.md: exit codes
//! never change with the language).

use serde_json::json;

use crate::common::*;

const MISSING: &str = "99999999-0000-4000-8000-000000000009";

/// The stderr lines that are not a hint (the hints' words are the messages room's).
fn said(out: &std::process::Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| !l.trim_start().starts_with("hint") && !l.trim_start().starts_with("建议"))
        .map(str::to_owned)
        .collect()
}

/// Checks a run's exit code and its error lines: each line ends with what is expected after a
/// short prefix (`error: `, `  cause: `, whatever words the language gives them).
fn assert_said(out: &std::process::Output, code: i32, expected: &[String]) {
    assert_eq!(out.status.code(), Some(code), "stderr: {}", stderr(out));
    assert_eq!(stdout(out), "", "stdout");
    let lines = said(out);
    assert_eq!(lines.len(), expected.len(), "stderr: {}", stderr(out));
    for (line, words) in lines.iter().zip(expected) {
        let prefix = line.strip_suffix(words.as_str());
        assert!(
            prefix.is_some_and(|p| p.chars().count() <= 12),
            "{line:?} is not a prefix and {words:?}"
        );
    }
}

/// Runs `args` under `--lang lang`.
fn in_lang(env: &Env, lang: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    run(env, &all)
}

#[test]
fn a_usage_error_is_chinese_with_its_flag_and_the_same_in_english() {
    let (sim, env) = setup(&[]);
    let zh = in_lang(&env, "zh", &["desktops", "-o", "link"]);
    assert_said(&zh, 2, &["`desktops` 没有可打印的链接（-o link）".into()]);
    let en = in_lang(&env, "en", &["desktops", "-o", "link"]);
    assert_said(
        &en,
        2,
        &["`desktops` has no link to print (-o link)".into()],
    );
    assert!(stderr(&en).starts_with("error: `desktops` has no link"));
    assert_nothing_changed(&sim);
}

#[test]
fn config_errors_are_chinese_with_their_paths() {
    let env = Env::new();
    let path = env.write_config("[profiles.default]\nendpoint = \"http://127.0.0.1:1\"\n");
    let shown = path.display();
    let zh = in_lang(&env, "zh", &["--profile", "nope", "show", OPEN_DESKTOP]);
    assert_said(
        &zh,
        3,
        &[format!("配置档（profile）\"nope\" 未在 {shown} 中定义")],
    );
    let en = in_lang(&env, "en", &["--profile", "nope", "show", OPEN_DESKTOP]);
    assert_said(
        &en,
        3,
        &[format!("profile \"nope\" is not defined in {shown}")],
    );

    env.write_config("[profiles.default\nendpoint = 1\n");
    let zh = in_lang(&env, "zh", &["show", OPEN_DESKTOP]);
    let en = in_lang(&env, "en", &["show", OPEN_DESKTOP]);
    let en_line = said(&en).remove(0);
    let parser = en_line
        .split_once(", line 1, column 18: ")
        .map(|(_, m)| m.to_string())
        .unwrap_or_else(|| panic!("{en_line}"));
    assert_said(
        &en,
        3,
        &[format!(
            "invalid config file {shown}, line 1, column 18: {parser}"
        )],
    );
    // The TOML parser's own words are data: quoted as they are.
    assert_said(
        &zh,
        3,
        &[format!("配置文件 {shown} 无效，第 1 行第 18 列：{parser}")],
    );
}

#[test]
fn a_missing_desktop_is_chinese_around_the_servers_answer() {
    let (_sim, env) = setup(&[]);
    let zh = in_lang(&env, "zh", &["show", MISSING]);
    let request = request_id_of(&zh);
    let answer =
        format!("HTTP 404 Not Found, SIM.0404: No remote assistance found for desktop {MISSING}.");
    assert_said(
        &zh,
        5,
        &[format!(
            "项目 {PROJECT} 中不存在云桌面 {MISSING}（服务端返回 {answer}（请求 ID {request}））"
        )],
    );
    let en = in_lang(&env, "en", &["show", MISSING]);
    let request = request_id_of(&en);
    assert_said(
        &en,
        5,
        &[format!(
            "desktop {MISSING} does not exist in project {PROJECT} ({answer} (request id {request}))"
        )],
    );
}

/// The request id the server gave, from the error line (it differs at each request).
fn request_id_of(out: &std::process::Output) -> String {
    let err = stderr(out);
    let at = err
        .find("request id ")
        .map(|i| i + "request id ".len())
        .or_else(|| err.find("请求 ID ").map(|i| i + "请求 ID ".len()))
        .unwrap_or_else(|| panic!("no request id: {err}"));
    err[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[test]
fn a_refusal_is_chinese_with_its_code_and_request_id() {
    let (sim, env) = setup(&[]);
    sim.fault(json!({"kind": "403", "count": 1}));
    let zh = in_lang(&env, "zh", &["desktops"]);
    let request = request_id_of(&zh);
    let answer = "HTTP 403 Forbidden, APIGW.0302: The IAM user is not authorized to access the API (simulated fault)";
    assert_said(
        &zh,
        4,
        &[
            "无法列出云桌面".into(),
            format!("服务端返回 {answer}（请求 ID {request}）"),
        ],
    );
    sim.fault(json!({"kind": "403", "count": 1}));
    let en = in_lang(&env, "en", &["desktops"]);
    let request = request_id_of(&en);
    assert_said(
        &en,
        4,
        &[
            "could not list the desktops".into(),
            format!("{answer} (request id {request})"),
        ],
    );
}

#[test]
fn a_refused_connection_is_chinese_around_the_url() {
    let (_sim, env) = setup(&[]);
    let args = ["show", OPEN_DESKTOP, "--endpoint", "http://127.0.0.1:1"];
    let url = format!("http://127.0.0.1:1/v2/{PROJECT}/desktops/{OPEN_DESKTOP}/remote-assistance");
    let zh = in_lang(&env, "zh", &args);
    let detail = said(&zh)[1]
        .split_once("remote-assistance：")
        .map(|(_, d)| d.to_string())
        .unwrap_or_else(|| panic!("{}", stderr(&zh)));
    assert!(detail.contains("Connection refused"), "{detail}");
    assert_said(
        &zh,
        7,
        &[
            format!("无法读取云桌面 {OPEN_DESKTOP} 的远程协助"),
            format!("无法连接到 {url}：{detail}"),
        ],
    );
    let en = in_lang(&env, "en", &args);
    assert_said(
        &en,
        7,
        &[
            format!("could not read the remote assistance of desktop {OPEN_DESKTOP}"),
            format!("could not connect to {url}: {detail}"),
        ],
    );
    assert!(stderr(&en).starts_with("error: could not read the remote"));
}

/// A hint the config room decides comes with its error, in the run's language too.
#[test]
fn a_profile_without_credentials_is_refused_in_chinese_with_its_hint() {
    let env = Env::new();
    let path = env.write_config(&format!(
        "[profiles.default]\nregion = \"cn-north-4\"\nproject_id = \"{PROJECT}\"\n"
    ));
    let place = format!("profile \"default\" in {}", path.display());
    let zh = in_lang(&env, "zh", &["show", OPEN_DESKTOP]);
    // Where the profile is, in Chinese too: the path is data.
    let shown = path.display();
    assert_said(
        &zh,
        3,
        &[format!("{shown} 中的配置档 \"default\" 没有凭证")],
    );
    let hint = stderr(&zh)
        .lines()
        .nth(1)
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(
        hint.ends_with("请设置 auth = \"aksk\" 并给出 ak 和 sk（或 sk_command/sk_file），或 auth = \"token\" 并给出 token，或 auth = \"password\" 并给出 user、domain、password_command（见 config.example.toml）"),
        "{hint}"
    );
    let en = in_lang(&env, "en", &["show", OPEN_DESKTOP]);
    assert_eq!(
        stderr(&en),
        format!("error: {place} has no credentials\n  hint: set auth = \"aksk\" with ak and sk (or sk_command/sk_file), auth = \"token\" with token, or auth = \"password\" with user, domain, password_command (see config.example.toml)\n")
    );
}

/// A message of several lines (the candidates) keeps its lines in Chinese too.
#[test]
fn an_ambiguous_selector_is_chinese_above_its_candidates() {
    let (sim, env) = setup(&[]);
    let zh = in_lang(&env, "zh", &["show", "--name", "OPS"]);
    assert_eq!(zh.status.code(), Some(2), "{}", stderr(&zh));
    let err = stderr(&zh);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].ends_with("--name \"OPS\" 匹配到 2 个云桌面；此命令只需要一个："),
        "{err}"
    );
    assert!(
        lines[2].starts_with("11111111-0000-4000-8000-000000000002  OPS-PC-002"),
        "{err}"
    );
    assert!(
        lines[3].starts_with("11111111-0000-4000-8000-000000000003  OPS-PC-003"),
        "{err}"
    );
    assert_nothing_changed(&sim);
}

/// A warning that quotes an API error says the error in its own language too: a Chinese
/// sentence never carries an English error inside it (the server's answer stays as it came).
#[test]
fn a_warning_quotes_an_api_error_in_chinese() {
    let (sim, env) = setup(&["--desktops", "2"]);
    let id = generated_id(1);
    let answer = "HTTP 403 Forbidden, APIGW.0302: The IAM user is not authorized to access the API (simulated fault)";
    sim.fault(json!({"kind": "403", "method": "GET", "desktop_id": id}));
    let zh = in_lang(&env, "zh", &["start", &id, "-o", "json"]);
    assert_eq!(zh.status.code(), Some(0), "{}", stderr(&zh));
    let request = request_id_of(&zh);
    let first = stderr(&zh).lines().next().map(str::to_owned);
    assert_eq!(
        first,
        Some(format!(
            "警告：无法读取云桌面 {id} 的当前状态（服务端返回 {answer}（请求 ID {request}））；仍然发起请求"
        ))
    );
    let id = generated_id(2);
    sim.fault(json!({"kind": "403", "method": "GET", "desktop_id": id}));
    let en = in_lang(&env, "en", &["start", &id, "-o", "json"]);
    let request = request_id_of(&en);
    let first = stderr(&en).lines().next().map(str::to_owned);
    assert_eq!(
        first,
        Some(format!(
            "warning: the current state of desktop {id} could not be read ({answer} (request id {request})); asking anyway"
        ))
    );
}

/// `-o code` with no code says why in the run's language: the status stays as the service
/// sent it, its meaning and the words around it follow the language.
#[test]
fn no_code_is_chinese_with_the_status_meaning_and_the_reason() {
    let (sim, env) = setup(&[]);
    let zh = in_lang(&env, "zh", &["show", CONFIRM_DESKTOP, "-o", "code"]);
    assert_said(
        &zh,
        9,
        &[format!(
            "云桌面 {CONFIRM_DESKTOP} 没有邀请码：状态 WAIT_USER_CONFIRM（等待用户在云桌面上接受）"
        )],
    );
    let en = in_lang(&env, "en", &["show", CONFIRM_DESKTOP, "-o", "code"]);
    assert_said(
        &en,
        9,
        &[format!(
            "desktop {CONFIRM_DESKTOP} has no invitation code: status WAIT_USER_CONFIRM (waiting for the user to accept on their desktop)"
        )],
    );
    let zh = in_lang(&env, "zh", &["show", FAILED_DESKTOP, "-o", "link"]);
    let en = in_lang(&env, "en", &["show", FAILED_DESKTOP, "-o", "link"]);
    assert_said(&zh, 9, &[format!("云桌面 {FAILED_DESKTOP} 没有公网链接：状态 CLOSE（远程协助已关闭：`assist start` 可再次请求）；失败原因：The end user declined the remote assistance request.")]);
    assert_said(&en, 9, &[format!("desktop {FAILED_DESKTOP} has no internet share link: status CLOSE (the assistance is closed: `assist start` asks again); failed: The end user declined the remote assistance request.")]);
    assert_nothing_changed(&sim);
}

#[test]
fn the_prometheus_refusal_is_chinese() {
    let (sim, env) = setup(&[]);
    let zh = in_lang(&env, "zh", &["desktops", "-o", "prometheus"]);
    assert_said(
        &zh,
        2,
        &["`desktops` 不能输出 -o prometheus：只有 `assist sessions` 输出指标".into()],
    );
    let en = in_lang(&env, "en", &["desktops", "-o", "prometheus"]);
    assert_said(
        &en,
        2,
        &["`desktops` cannot print -o prometheus: only `assist sessions` prints metrics".into()],
    );
    assert_nothing_changed(&sim);
}

/// An error of the program's own (no typed error: the internal-error code) is said in the
/// run's language too, the system's reason with it (its English text in English).
#[test]
fn a_manpages_dir_that_cannot_be_made_is_chinese() {
    let env = Env::new();
    let file = env.dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let zh_dir = file.join("zh_CN");
    let zh = in_lang(&env, "zh", &["manpages", file.to_str().unwrap()]);
    let en = in_lang(&env, "en", &["manpages", file.to_str().unwrap()]);
    let en_line = said(&en).remove(0);
    let reason = en_line
        .split_once(&format!("{}: ", zh_dir.display()))
        .map(|(_, r)| r.to_string())
        .unwrap_or_else(|| panic!("{en_line}"));
    assert_said(
        &en,
        1,
        &[format!("could not create {}: {reason}", zh_dir.display())],
    );
    assert_said(
        &zh,
        1,
        &[format!(
            "无法创建 {}：不是目录（系统错误 20）",
            zh_dir.display()
        )],
    );
}

#[test]
fn config_init_without_ak_is_chinese_with_its_flag() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let args = ["config", "init", "--no-input", "--endpoint", &sim.url];
    let mut all = args.to_vec();
    all.extend_from_slice(&["--sk-command", "printf x"]);
    assert_said(
        &in_lang(&env, "zh", &all),
        2,
        &["aksk 认证需要 --ak".into()],
    );
    assert_said(
        &in_lang(&env, "en", &all),
        2,
        &["aksk auth needs --ak".into()],
    );
    assert!(!env.config_path().exists());
}

/// `log --verify` says why the chain breaks in the run's language (the log stays as it was).
#[test]
fn a_broken_audit_log_is_chinese_with_its_line() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    let log = env.dir.path().join("audit.jsonl");
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\naudit_log = \"{}\"\n",
        sim.url,
        log.display()
    ));
    std::fs::write(&log, "{\"prev\":\"x\"}\n").unwrap();
    let path = log.display();
    let zh = in_lang(&env, "zh", &["log", "--verify"]);
    let en = in_lang(&env, "en", &["log", "--verify"]);
    let en_line = said(&en).remove(0);
    let serde = en_line
        .split_once("it is not an audit record (")
        .and_then(|(_, r)| r.strip_suffix(')'))
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("{en_line}"));
    assert_said(
        &en,
        9,
        &[format!(
            "{path} line 1: it is not an audit record ({serde})"
        )],
    );
    assert_said(
        &zh,
        9,
        &[format!("{path} 第 1 行：这不是一条审计记录（{serde}）")],
    );
}

/// A panic's one line is said in the run's language too; its message and place as they came.
#[test]
fn a_panic_line_is_chinese() {
    let (_sim, env) = setup(&[]);
    let out = env
        .cmd()
        .env("ASSIST_TEST_PANIC", "main")
        .args(["--lang", "zh", "show", OPEN_DESKTOP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("错误：内部错误：ASSIST_TEST_PANIC=main at src/testing.rs:"),
        "{err}"
    );
    assert!(err.ends_with("（请报告此问题）\n"), "{err}");
}
