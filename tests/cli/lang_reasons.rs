//! Reasons in the run's language: with `--lang zh`, a Chinese sentence that says why something
//! failed says the why in Chinese too (the state file, `--exec`, a secret command, an endpoint,
//! the config and credentials files, a bot, a pending request, a refused value), around data
//! that stays as it came; with `--lang en` each line is byte for byte the English of before.

use std::process::Output;

use crate::common::*;

/// Runs `args` under `--lang zh`, then under `--lang en`.
fn in_both(env: &Env, args: &[&str]) -> (Output, Output) {
    let with = |lang: &str| {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        run(env, &all)
    };
    (with("zh"), with("en"))
}

/// Both runs ended with `code`, printed nothing on stdout, and said exactly these lines.
fn assert_said(ran: (Output, Output), code: i32, zh: &str, en: &str) {
    let (zh_out, en_out) = ran;
    for (out, expected) in [(&zh_out, zh), (&en_out, en)] {
        assert_eq!(out.status.code(), Some(code), "stderr: {}", stderr(out));
        assert_eq!(stdout(out), "", "stdout");
        assert_eq!(stderr(out), expected);
    }
}

/// The hint under a state file that cannot be used, in each language.
const STATE_HINT_ZH: &str = "  建议：请让 --state 指向一个已存在、且当前用户可写的目录中的文件\n";
const STATE_HINT_EN: &str =
    "  hint: point --state at a file in a directory that exists and that this user can write\n";

/// `watch --once --state STATE` in both languages.
fn watch_with_state(env: &Env, state: &std::path::Path) -> (Output, Output) {
    let state = state.to_string_lossy();
    in_both(env, &["watch", OPEN_DESKTOP, "--once", "--state", &state])
}

#[test]
fn the_state_file_says_why_it_cannot_be_used_in_chinese() {
    let (sim, env) = setup(&[]);
    let dir = env.dir.path().join("states");
    std::fs::create_dir(&dir).unwrap();
    let shown = dir.display();
    assert_said(
        watch_with_state(&env, &dir),
        3,
        &format!("错误：状态文件 {shown} 无法使用：它是一个目录\n{STATE_HINT_ZH}"),
        &format!(
            "error: the state file {shown} cannot be used: it is a directory\n{STATE_HINT_EN}"
        ),
    );

    let file = dir.join("ids.txt");
    std::fs::write(&file, "not json{{").unwrap();
    let shown = file.display();
    assert_said(
        watch_with_state(&env, &file),
        3,
        &format!(
            "错误：状态文件 {shown} 无法使用：它不是 assist 的状态文件；拒绝覆盖它（请给 --state 一个新的或空的文件，或删除此文件）\n{STATE_HINT_ZH}"
        ),
        &format!(
            "error: the state file {shown} cannot be used: it is not a state file of assist; refusing to overwrite it (give --state a new or empty file, or remove this one)\n{STATE_HINT_EN}"
        ),
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not json{{");
    assert!(sim.requests().is_empty(), "refused before any request");
}

#[cfg(unix)]
#[test]
fn a_state_file_in_a_directory_anyone_may_write_to_says_why_in_chinese() {
    let (_sim, env) = setup(&[]);
    let dir = env.dir.path().join("open");
    std::fs::create_dir(&dir).unwrap();
    set_mode(&dir, 0o777);
    let state = dir.join("state.json");
    let (path, at) = (state.display(), dir.display());
    assert_said(
        watch_with_state(&env, &state),
        3,
        &format!(
            "错误：状态文件 {path} 无法使用：{at}：所有用户都可写入此目录（权限 777）且未设置粘滞位，其他用户可能替换或重定向其中的文件\n{STATE_HINT_ZH}"
        ),
        &format!(
            "error: the state file {path} cannot be used: {at}: every user may write to this directory (mode 777) and it is not sticky, so another user could replace or redirect the files in it\n{STATE_HINT_EN}"
        ),
    );
}

#[test]
fn a_failing_exec_command_is_a_chinese_warning() {
    let (_sim, env) = setup(&[]);
    let args = [
        "watch",
        OPEN_DESKTOP,
        "--once",
        "-o",
        "code",
        "--exec",
        "exit 3",
    ];
    let (zh, en) = in_both(&env, &args);
    for out in [&zh, &en] {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    }
    assert_eq!(
        stderr(&zh),
        format!("警告：{OPEN_DESKTOP} 的 --exec（OPEN）以状态 3 退出；监视继续，退出码不变\n")
    );
    assert_eq!(
        stderr(&en),
        format!("warning: --exec for {OPEN_DESKTOP} (OPEN) exited with status 3; the watch goes on, its exit code unchanged\n")
    );
}

#[test]
fn a_failing_secret_command_says_why_in_chinese() {
    let sim = Sim::start(&[]);
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk_command = \"echo boom >&2; exit 4\"\n",
        sim.url
    ));
    assert_said(
        in_both(&env, &["show", OPEN_DESKTOP]),
        3,
        "错误：无法读取密钥：sk_command 以状态 4 失败；它的标准错误输出：\"boom\"\n  建议：请修正配置档中指定的命令或文件（手动运行该命令，看它做了什么）\n",
        "error: could not read a secret: sk_command failed with status 4; its stderr: \"boom\"\n  hint: fix the command or file named in the profile (run the command by hand to see what it does)\n",
    );
    assert!(sim.requests().is_empty());
}

#[test]
fn a_plain_http_endpoint_is_refused_in_chinese() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"http://example.com\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\n"
    ));
    assert_said(
        in_both(&env, &["show", OPEN_DESKTOP]),
        3,
        "错误：终端节点 \"http://example.com\" 无效：明文 http 会以未加密的方式发送凭证；只有回环地址可以使用它（或设置了 allow_http = true 的配置档）\n  建议：请写成 https://workspace.cn-north-4.myhuaweicloud.com 的形式（http:// 仅用于 127.0.0.1/localhost）\n",
        "error: invalid endpoint \"http://example.com\": plain http would send credentials unencrypted; only loopback addresses may use it (or a profile with allow_http = true)\n  hint: write it like https://workspace.cn-north-4.myhuaweicloud.com (http:// only for 127.0.0.1/localhost)\n",
    );
}

#[test]
fn the_config_and_credentials_files_say_what_is_wrong_in_chinese() {
    let env = Env::new();
    let path = env.write_config("bogus = 1\n[profiles.default]\nauth = \"aksk\"\n");
    let shown = path.display();
    let ran = in_both(&env, &["show", OPEN_DESKTOP]);
    assert_eq!(ran.0.status.code(), Some(3));
    assert_eq!(
        stderr(&ran.0).lines().next(),
        Some(format!("错误：{shown} 的顶层有未知的键 `bogus`（第 1 行）").as_str())
    );
    assert_eq!(
        stderr(&ran.1).lines().next(),
        Some(format!("error: unknown key `bogus` in the top level of {shown}, line 1").as_str())
    );
    // The hint names the top level's keys, not a profile's.
    let hint =
        |out: &std::process::Output| stderr(out).lines().nth(1).unwrap_or_default().to_string();
    assert_eq!(
        hint(&ran.0),
        "  建议：顶层的键：default_profile, profiles, notify（配置档的键写在 [profiles.NAME] 之下）"
    );
    assert_eq!(
        hint(&ran.1),
        "  hint: the keys of the top level: default_profile, profiles, notify (a profile's keys go under [profiles.NAME])"
    );

    env.write_config("[profiles.default]\nauth = \"aksk\"\nendpoint = \"https://127.0.0.1:1\"\n");
    assert_said(
        in_both(&env, &["show", OPEN_DESKTOP]),
        3,
        &format!(
            "错误：{shown} 中的配置档 \"default\"：auth = \"aksk\" 需要 `ak` 和秘密访问密钥（SK）；缺少或为空：ak、sk（或 sk_command、sk_file）\n  建议：请添加缺少的键（config.example.toml 给出了每种认证方式的示例）\n"
        ),
        &format!(
            "error: profile \"default\" in {shown}: auth = \"aksk\" needs `ak` and a secret key; missing or empty: ak, sk (or sk_command, sk_file)\n  hint: add the missing keys (config.example.toml shows each auth mode)\n"
        ),
    );

    std::fs::remove_file(&path).unwrap();
    let dir = env.dir.path().join(".huaweicloud");
    std::fs::create_dir_all(&dir).unwrap();
    let credentials = dir.join("credentials");
    std::fs::write(&credentials, format!("[basic]\nak = {AK}\nsk = 100%\n")).unwrap();
    set_mode(&credentials, 0o600);
    let ran = in_both(
        &env,
        &["--endpoint", "https://127.0.0.1:1", "show", OPEN_DESKTOP],
    );
    let file = credentials.display();
    assert_said(
        ran,
        3,
        &format!("错误：{file} 的 [basic]：`sk`：`%` 既不是 `%%` 也不是 `%(key)s`（百分号请写成 `%%`）\n  建议：configparser 会展开 `%`：百分号请写成 `%%`\n"),
        &format!("error: [basic] of {file}: `sk`: a `%` that is neither `%%` nor `%(key)s` (write `%%` for a percent sign)\n  hint: configparser interpolates `%`: write `%%` for a percent sign\n"),
    );
}

#[test]
fn a_config_file_too_large_to_be_one_says_so_in_chinese() {
    let env = Env::new();
    let path = env.write_config(&"#".repeat(4 * 1024 * 1024 + 1));
    let shown = path.display();
    let ran = in_both(&env, &["show", OPEN_DESKTOP]);
    for (out, line) in [
        (&ran.0, format!("错误：无法读取配置文件 {shown}：它超过了 4 MiB，比任何设置文件都大")),
        (&ran.1, format!("error: cannot read the config file {shown}: it is larger than 4 MiB, more than any settings file")),
    ] {
        assert_eq!(out.status.code(), Some(3), "{}", stderr(out));
        assert_eq!(stderr(out).lines().next(), Some(line.as_str()));
    }
}

#[test]
fn a_ca_file_without_certificates_is_refused_in_chinese() {
    let (_sim, env) = setup(&[]);
    let ca = env.dir.path().join("ca.pem");
    std::fs::write(&ca, "").unwrap();
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&format!("{text}ca_file = \"{}\"\n", ca.display()));
    let shown = ca.display();
    let ran = in_both(&env, &["show", OPEN_DESKTOP]);
    assert_eq!(ran.0.status.code(), Some(3), "{}", stderr(&ran.0));
    assert_eq!(
        stderr(&ran.0).lines().next(),
        Some(format!("错误：ca_file {shown}：其中没有证书").as_str())
    );
    assert_eq!(
        stderr(&ran.1).lines().next(),
        Some(format!("error: ca_file {shown}: holds no certificate").as_str())
    );
}

#[test]
fn an_unreachable_bot_says_why_in_chinese() {
    let (sim, env) = setup(&[]);
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    let url = format!("{}/hook", dead_url());
    env.write_config(&format!(
        "{text}[notify.ops]\nkind = \"webhook\"\nurl = \"{url}\"\n"
    ));
    let (zh, en) = in_both(&env, &["config", "check", "--notify", "ops"]);
    assert_eq!(en.status.code(), Some(7), "{}", stderr(&en));
    let first = stderr(&en).lines().next().unwrap_or_default().to_string();
    // The cause is the system's: its own words in English, its kind's in Chinese.
    assert_eq!(
        first,
        "error: notify target \"ops\" could not be reached: cannot connect: Connection refused (os error 111)"
    );
    assert_eq!(zh.status.code(), Some(7));
    assert_eq!(
        stderr(&zh).lines().next(),
        Some("错误：无法连接通知目标 \"ops\"：无法连接：连接被拒绝（系统错误 111）")
    );
    assert!(sim.requests().is_empty());
}

#[test]
fn a_request_still_pending_at_the_deadline_says_what_it_waits_for_in_chinese() {
    let id = generated_id(1);
    let (_sim, env) = setup(&["--desktops", "1", "--confirm-after", "60s"]);
    let args = [
        "start",
        &id,
        "--wait",
        "--interval",
        "100ms",
        "--deadline",
        "1s",
    ];
    let (zh, en) = in_both(&env, &args);
    let hint = |out: &Output| {
        assert_eq!(out.status.code(), Some(8), "{}", stderr(out));
        let err = stderr(out);
        err.lines().last().unwrap_or_default().to_string()
    };
    assert_eq!(
        hint(&zh),
        "  建议：用户尚未接受：`assist watch` 会继续跟踪，`assist cancel` 会撤回请求"
    );
    assert_eq!(
        hint(&en),
        "  hint: the user has not accepted yet: `assist watch` keeps following it, `assist cancel` withdraws the request"
    );
}

#[test]
fn a_refused_value_on_the_command_line_says_why_in_chinese() {
    let (sim, env) = setup(&[]);
    assert_said(
        in_both(&env, &["start", OPEN_DESKTOP, "--ticket", " "]),
        2,
        "错误：'--ticket <ID>' 的值 ' ' 无效：工单号不能为空\n\n更多信息请使用 '--help'。\n",
        "error: invalid value ' ' for '--ticket <ID>': a ticket cannot be blank\n\nFor more information, try '--help'.\n",
    );
    assert_said(
        in_both(&env, &["watch", OPEN_DESKTOP, "--until", "closed"]),
        2,
        "错误：'--until' 的值 'closed' 无效\n  [可选值：OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS, CLOSE, NONE]\n\n  建议：存在相似的值 'CLOSE'\n\n更多信息请使用 '--help'。\n",
        "error: invalid value 'closed' for '--until'; did you mean CLOSE?\n  [possible values: OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS, CLOSE, NONE]\n",
    );
    assert_nothing_changed(&sim);
}

/// `settings set` says each change in the run's language (yes and no included), while the
/// audit log keeps the English line (tests/cli/lang_data.rs).
#[test]
fn settings_set_says_its_changes_in_chinese() {
    let (_sim, env) = sim_and_env(&[]);
    let args = [
        "settings",
        "set",
        "wait_confirm_time=120",
        "keyboard_mouse_ctl=false",
        "--yes",
    ];
    let (zh, _) = in_both(&env, &args);
    assert_eq!(zh.status.code(), Some(0), "{}", stderr(&zh));
    let text = stderr(&zh);
    let said: Vec<&str> = text.lines().take(2).collect();
    assert_eq!(
        said,
        [
            "wait_confirm_time：60 s → 120 s",
            "keyboard_mouse_ctl：是 → 否"
        ]
    );
}

/// A profile that is not in a file that defines none: the hint says so in Chinese.
#[test]
fn an_unknown_profile_in_a_file_without_profiles_is_hinted_in_chinese() {
    let env = Env::new();
    env.write_config("");
    let out = run(
        &env,
        &["--lang", "zh", "--profile", "nope", "show", OPEN_DESKTOP],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let hint = stderr(&out)
        .lines()
        .find(|l| l.starts_with("  建议："))
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        hint,
        "  建议：该文件中定义的配置档：（无）；另有内置的 \"demo\""
    );
}
