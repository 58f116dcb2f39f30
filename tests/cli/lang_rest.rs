//! `config show`, `config path` and `config check` in Chinese (issue 25): labels, sources and
//! notes in the run's language on a terminal, while `-o json` keeps its English data.

use crate::common::*;
use crate::screens::at_width;

#[test]
fn config_show_reads_in_chinese_and_its_json_stays_english() {
    let (sim, env) = setup(&[]);
    let path = env.aksk_profile(&sim, SK);
    let p = path.display();
    let from = format!("{p} 中的配置档 \"default\"");
    let cache = env.dir.path().join("xdg-cache").join("assist");
    let text = at_width(&env, 200, &["--lang", "zh", "config", "show"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "配置档        default（内置的默认名称）");
    assert_eq!(lines[1], format!("认证方式      aksk（{from}）"));
    assert_eq!(lines[2], format!("AK / 用户     {AK}（{from}）"));
    assert_eq!(lines[4], "安全令牌      -");
    assert_eq!(lines[5], format!("终端节点      {}/（{from}）", sim.url));
    assert_eq!(lines[6], "区域          -");
    assert_eq!(lines[7], format!("项目          {PROJECT}（{from}）"));
    assert_eq!(
        lines[8..],
        [
            "IAM 终端节点  https://iam.myhuaweicloud.com/（区域的 IAM）",
            "输出格式      table（默认）",
            "连接超时      5s",
            "超时          30s",
            "最大尝试次数  3",
            &format!("缓存目录      {}", cache.display()),
            "语言          zh（选项 --lang）",
        ]
    );
    assert!(!text.contains(SK), "{text}");
    // Into a pipe the lines stay English, labels and sources alike: scripts read them.
    let piped = env
        .cmd()
        .args(["--lang", "zh", "config", "show"])
        .output()
        .unwrap();
    let piped = stdout(&piped);
    let first = piped.lines().nth(1).unwrap_or_default();
    assert_eq!(first, format!("auth\taksk  (profile \"default\" in {p})"));
    // The JSON is data: its sources stay English.
    let out = env
        .cmd()
        .args(["--lang", "zh", "config", "show", "-o", "json"])
        .output()
        .unwrap();
    let json = json_of(&out);
    assert_eq!(
        json["auth"]["source"],
        format!("profile \"default\" in {p}")
    );
    assert_eq!(json["lang"]["source"], "flag --lang");
    assert_nothing_changed(&sim);
}

#[test]
fn config_path_and_check_read_in_chinese() {
    let (sim, env) = setup(&[]);
    let path = env.aksk_profile(&sim, SK);
    let text = at_width(&env, 200, &["--lang", "zh", "config", "path"]);
    let first = text.lines().next().unwrap_or_default();
    assert_eq!(first, format!("配置文件      {}（存在）", path.display()));
    let text = at_width(&env, 200, &["--lang", "zh", "config", "check"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "结果      正常：凭证可用");
    let from = format!("{} 中的配置档 \"default\"", path.display());
    assert_eq!(lines[2], format!("认证方式  aksk，来自{from}"));
    // Into a pipe, or as JSON, the same check keeps its English data.
    let out = env
        .cmd()
        .args(["--lang", "zh", "config", "check", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(json_of(&out)["ok"], "ok: the credentials work");
}

/// The `-v` line of the first retry after a 429 asking for one second, in `lang`.
fn retry_line(lang: &str) -> String {
    let (sim, env) = setup(&[]);
    sim.fault(serde_json::json!({"kind": "429", "count": 1, "retry_after": 1}));
    let out = env
        .cmd()
        .args(["--lang", lang, "show", OPEN_DESKTOP, "-o", "code", "-v"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The code is data: the same in every language.
    assert_eq!(stdout(&out).len(), 9);
    let err = stderr(&out);
    let retries: Vec<&str> = err.lines().filter(|l| l.contains("1/3")).collect();
    assert_eq!(retries.len(), 2, "{err}");
    // The request line itself stays as it is (data): only the note is in the run's language.
    assert!(retries[0].starts_with("> GET "), "{err}");
    retries[1].to_string()
}

#[test]
fn the_v_lines_of_where_settings_come_from_read_in_chinese() {
    let (sim, env) = setup(&[]);
    let path = env.aksk_profile(&sim, SK);
    let out = env
        .cmd()
        .args(["--lang", "zh", "-v", "show", OPEN_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let from = format!("{} 中的配置档 \"default\"", path.display());
    let endpoint = format!("* 终端节点 {}/（来自 {from}）", sim.url);
    assert!(err.lines().any(|l| l == endpoint), "{err}");
    let credentials = err
        .lines()
        .find(|l| l.starts_with("* 凭证："))
        .unwrap_or_default();
    assert!(
        credentials.starts_with(&format!("* 凭证：aksk（AK {AK}，SK 来自 ")),
        "{err}"
    );
    assert!(credentials.ends_with(&format!("），来自 {from}")), "{err}");
    assert!(!err.contains(SK), "{err}");
}

#[test]
fn a_retry_note_reads_in_the_run_language() {
    assert_eq!(
        retry_line("zh"),
        "* 第 1/3 次尝试失败（HTTP 429）；1s 后重试"
    );
    assert_eq!(
        retry_line("en"),
        "* attempt 1/3 failed (HTTP 429); retrying in 1s"
    );
}

#[test]
fn start_on_an_open_desktop_says_so_in_chinese() {
    let (sim, env) = setup(&[]);
    let out = env
        .cmd()
        .args(["--lang", "zh", "start", OPEN_DESKTOP, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let line = err.lines().next().unwrap_or_default();
    // The time it opened depends on the day the test runs; the rest is exact.
    let head = format!("{OPEN_DESKTOP}：已是 OPEN，自 ");
    assert!(line.starts_with(&head), "{err}");
    assert!(
        line.ends_with(" 起，邀请码 K7Q2M9XA（`--new` 会关闭它并重新请求）"),
        "{err}"
    );
    // The JSON answer is data: the same in every language.
    assert_eq!(json_of(&out)["status"], "OPEN");
    assert!(requests_with_method(&sim, "POST").is_empty());
}

#[test]
fn config_init_says_what_is_missing_in_chinese() {
    let (_sim, env) = setup(&[]);
    let before = std::fs::read(env.config_path()).ok();
    let args = ["--lang", "zh", "--region", "cn-north-4", "config", "init"];
    let out = assert_error(
        env.cmd().args(args).args(["--no-input", "--ak", "X"]),
        2,
        &[],
    );
    assert_eq!(
        stderr(&out),
        "错误：请恰好给出以下之一：--sk-command, --sk-file, --sk-stdin\n  建议：各认证方式的参数见 `assist config init --help`\n"
    );
    assert_eq!(
        std::fs::read(env.config_path()).ok(),
        before,
        "nothing written"
    );
}

#[test]
fn an_unsafe_cache_file_is_refused_in_chinese() {
    let (sim, env) = setup(&[]);
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{url}\"\niam_endpoint = \"{url}\"\nregion = \"{SIM_REGION}\"\n\
         ak = \"{AK}\"\nsk = \"{SK}\"\n",
        url = sim.url
    ));
    let cache = env.cache_dir();
    std::fs::create_dir_all(&cache).unwrap();
    set_mode(&cache, 0o700);
    let projects = cache.join("projects.json");
    std::fs::write(&projects, "{}").unwrap();
    set_mode(&projects, 0o666);
    let first_line = |lang: &str| {
        let out = assert_error(
            env.cmd()
                .args(["--lang", lang, "show", OPEN_DESKTOP, "-o", "code"]),
            3,
            &[],
        );
        stderr(&out).lines().next().unwrap_or_default().to_string()
    };
    assert_eq!(
        first_line("zh"),
        format!(
            "错误：{}：组用户或其他用户可写入的缓存文件（权限 666）：assist 不使用它",
            projects.display()
        )
    );
    assert_eq!(
        first_line("en"),
        format!(
            "error: {}: a cache file that group or other users may write to (mode 666): assist does not use it",
            projects.display()
        )
    );
    assert!(sim.requests().is_empty(), "{:#?}", sim.requests());
}

#[test]
fn where_a_secret_comes_from_reads_in_chinese() {
    let (sim, env) = setup(&[]);
    let path = env.aksk_profile(&sim, SK);
    let from = format!("{} 中的配置档 \"default\"", path.display());
    let out = env
        .cmd()
        .args(["--lang", "zh", "-v", "show", OPEN_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    let err = stderr(&out);
    let credentials = err
        .lines()
        .find(|l| l.starts_with("* 凭证："))
        .unwrap_or_default();
    assert_eq!(
        credentials,
        format!("* 凭证：aksk（AK {AK}，SK 来自 `sk`（{from}）），来自 {from}")
    );
    let text = at_width(&env, 200, &["--lang", "zh", "config", "show"]);
    let secret = text.lines().nth(3).unwrap_or_default();
    assert_eq!(
        secret,
        format!("SK            （已设置，来自 `sk`（{from}））")
    );
    // In English the same lines are as before.
    let out = env
        .cmd()
        .args(["-v", "show", OPEN_DESKTOP, "-o", "code"])
        .output()
        .unwrap();
    let err = stderr(&out);
    let line = err
        .lines()
        .find(|l| l.starts_with("* credentials: "))
        .unwrap_or_default();
    let en = format!("profile \"default\" in {}", path.display());
    assert_eq!(
        line,
        format!("* credentials: aksk (AK {AK}, SK from `sk` in {en}) from {en}")
    );
    assert!(!err.contains(SK) && !text.contains(SK));
}

#[test]
fn config_list_values_read_in_chinese_on_a_terminal() {
    let env = Env::new();
    env.write_config(
        "[profiles.a]\nak = \"X\"\nsk = \"Y\"\nsk_file = \"/k\"\n\n[profiles.b]\nregion = \"cn-north-4\"\n",
    );
    let text = at_width(&env, 200, &["--lang", "zh", "config", "list"]);
    let rows: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(
        rows[1..],
        [
            "a             -           aksk      sk：写在文件中，sk：sk_file /k",
            "b             cn-north-4  （无）    -",
            "demo          -           aksk      内置（本地模拟器）",
        ]
    );
    // Into a pipe the words stay English, and so does the JSON: scripts read them.
    let piped = env
        .cmd()
        .args(["--lang", "zh", "config", "list"])
        .output()
        .unwrap();
    let piped = stdout(&piped);
    assert!(piped.contains("sk: in the file, sk: sk_file /k"), "{piped}");
    assert!(piped.contains("built in (local simulator)"), "{piped}");
    let out = env
        .cmd()
        .args(["--lang", "zh", "config", "list", "-o", "json"])
        .output()
        .unwrap();
    let json = json_of(&out);
    assert_eq!(json[0]["secrets"], "sk: in the file, sk: sk_file /k");
    assert_eq!(json[1]["auth"], "(none)");
    assert_eq!(json[2]["secrets"], "built in (local simulator)");
}

#[test]
fn a_refused_duration_says_why_in_chinese() {
    let env = Env::new();
    let zh = |value: &str| {
        let flag = format!("--timeout={value}");
        usage_head(&env, &["--lang", "zh", &flag, "desktops"])
    };
    assert_eq!(
        zh("0s"),
        "错误：'--timeout <时长>' 的值 '0s' 无效：\"0s\" 为零；请给出一个正的时长"
    );
    assert_eq!(
        zh("-5s"),
        "错误：'--timeout <时长>' 的值 '-5s' 无效：\"-5s\" 不是时长（它是负数）；请写成 500ms、5s、2m 或 1h 这样的形式"
    );
    assert_eq!(
        zh("31d"),
        "错误：'--timeout <时长>' 的值 '31d' 无效：\"31d\" 超过了 30 天的上限"
    );
    // In English the line is clap's own, as before.
    assert_eq!(
        usage_head(&env, &["--timeout", "0s", "desktops"]),
        "error: invalid value '0s' for '--timeout <DURATION>': \"0s\" is zero; give a positive duration"
    );
}
