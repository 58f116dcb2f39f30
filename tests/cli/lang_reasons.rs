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
