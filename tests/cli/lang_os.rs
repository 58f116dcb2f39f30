//! What the system and the duration parser explain, in Chinese (issue 25): an I/O error's
//! reason by its kind with the system's error number, a refused file's reason, and why a
//! duration is not one, while English keeps the system's and jiff's own words.

use assert_cmd::Command;

use crate::common::*;

#[test]
fn a_text_that_is_no_duration_says_what_is_wrong_in_chinese() {
    let env = Env::new();
    let zh = |value: &str| {
        let flag = format!("--interval={value}");
        usage_head(&env, &["--lang", "zh", "watch", &flag, "d-1"])
    };
    let head = |value: &str| {
        format!("错误：'--interval <时长>' 的值 '{value}' 无效：\"{value}\" 不是时长")
    };
    let like = "；请写成 500ms、5s、2m 或 1h 这样的形式";
    assert_eq!(zh("abc"), format!("{}（其中没有数字）{like}", head("abc")));
    assert_eq!(zh("5"), format!("{}（数字后面没有单位）{like}", head("5")));
    assert_eq!(zh(""), format!("{}（它是空的）{like}", head("")));
    assert_eq!(
        zh("5 parsecs"),
        format!("{}（\"parsecs\" 不是时间单位）{like}", head("5 parsecs"))
    );
    // What cannot be told simply: only how to write one.
    assert_eq!(zh("5 s s"), format!("{}{like}", head("5 s s")));
    // In English the line is clap's, with jiff's explanation, as before.
    assert_eq!(
        usage_head(&env, &["watch", "--interval", "abc", "d-1"]),
        "error: invalid value 'abc' for '--interval <DURATION>': \"abc\" is not a duration \
         (failed to parse input in the \"friendly\" duration format: expected duration to start \
         with a unit value (a decimal integer) after an optional sign, but no integer was found); \
         write it like 500ms, 5s, 2m or 1h"
    );
}

/// `text` with tempfile's random name (`.assist-metrics-Ab12Cd.tmp`) made `…`.
fn tame(text: &str) -> String {
    let Some((before, rest)) = text.split_once(".assist-metrics-") else {
        return text.to_string();
    };
    let after = rest.split_once(".tmp").map_or(rest, |(_, after)| after);
    format!("{before}.assist-metrics-….tmp{after}")
}

/// Runs `cmd` with `args` under `--lang zh`, then `--lang en`: each ends with `code`, and
/// its stderr (temp names tamed) is exactly `zh`, then `en`.
fn assert_both(cmd: impl Fn() -> Command, args: &[&str], code: i32, zh: &str, en: &str) {
    for (lang, expected) in [("zh", zh), ("en", en)] {
        let out = cmd()
            .args([&["--lang", lang], args].concat())
            .output()
            .unwrap();
        assert_secrets_kept(&out);
        assert_eq!(
            (out.status.code(), tame(&stderr(&out))),
            (Some(code), expected.to_string()),
            "--lang {lang}"
        );
    }
}

#[test]
fn a_metrics_file_that_cannot_be_written_says_the_system_s_words_in_chinese() {
    let (_sim, env) = setup(&[]);
    let path = env.dir.path().join("missing").join("x.prom");
    let p = path.display();
    let tmp = format!(
        "\"{}/.assist-metrics-….tmp\"",
        path.parent().unwrap().display()
    );
    assert_both(
        || env.cmd(),
        &["sessions", "--metrics-file", path.to_str().unwrap()],
        2,
        &format!(
            "错误：无法写入指标文件 {p}：没有这个文件或目录（系统错误 2），路径 {tmp}\n  建议：请给 \
             --metrics-file 一个位于已存在且可写目录中的路径，例如 node_exporter 的 \
             --collector.textfile.directory\n"
        ),
        &format!(
            "error: could not write the metrics file {p}: No such file or directory (os error 2) \
             at path {tmp}\n  hint: give --metrics-file a path in an existing directory you may \
             write to, e.g. node_exporter's --collector.textfile.directory\n"
        ),
    );
    // A watch says it as a warning and goes on.
    let watch = [
        "watch",
        OPEN_DESKTOP,
        "--once",
        "-o",
        "json",
        "--metrics-file",
    ];
    assert_both(
        || env.cmd(),
        &[&watch[..], &[path.to_str().unwrap()]].concat(),
        0,
        &format!(
            "警告：无法写入指标文件 {p}：没有这个文件或目录（系统错误 2），路径 {tmp}（监视继续；每轮都会重试）\n"
        ),
        &format!(
            "warning: could not write the metrics file {p}: No such file or directory (os error \
             2) at path {tmp} (the watch goes on; tried again each round)\n"
        ),
    );
}

#[test]
fn a_file_of_ids_that_cannot_be_read_says_why_in_chinese() {
    let (_sim, env) = setup(&[]);
    let missing = env.dir.path().join("ids.txt");
    let m = missing.display();
    assert_both(
        || env.cmd(),
        &["watch", "--file", missing.to_str().unwrap()],
        2,
        &format!("错误：无法从 {m} 读取桌面 ID：没有这个文件或目录（系统错误 2）\n"),
        &format!(
            "error: cannot read desktop IDs from {m}: No such file or directory (os error 2)\n"
        ),
    );
    // A directory opens, and its read fails: the cause line under the error.
    let dir = env.dir.path();
    let d = dir.display();
    assert_both(
        || env.cmd(),
        &["watch", "--file", dir.to_str().unwrap()],
        1,
        &format!("错误：无法从 {d} 读取桌面 ID\n  原因：这是一个目录（系统错误 21）\n"),
        &format!(
            "error: cannot read desktop IDs from {d}\n  cause: Is a directory (os error 21)\n"
        ),
    );
}

#[test]
fn a_message_on_stdin_that_is_not_text_says_so_in_chinese() {
    let (_sim, env) = setup(&[]);
    let cmd = || {
        let mut cmd = env.cmd();
        cmd.write_stdin(b"\xff\xfe".to_vec());
        cmd
    };
    assert_both(
        cmd,
        &["message", OPEN_DESKTOP, "-"],
        2,
        "错误：无法从标准输入读取消息：内容不是有效的 UTF-8 文本\n",
        "error: could not read the message from stdin: stream did not contain valid UTF-8\n",
    );
}

#[test]
fn settings_files_under_a_file_say_not_a_directory_in_chinese() {
    let env = Env::new();
    let file = env.dir.path().join("plain");
    std::fs::write(&file, "").unwrap();
    let config = file.join("config.toml");
    let c = config.display();
    assert_both(
        || env.cmd(),
        &["--config", config.to_str().unwrap(), "desktops"],
        3,
        &format!("错误：无法读取配置文件 {c}：不是目录（系统错误 20）\n"),
        &format!("error: cannot read the config file {c}: Not a directory (os error 20)\n"),
    );
    let credentials = file.join("credentials");
    let c = credentials.display();
    let sdk = || {
        let mut cmd = env.cmd_default_location();
        cmd.env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", &credentials);
        cmd
    };
    assert_both(
        sdk,
        &["desktops"],
        3,
        &format!(
            "错误：无法读取 SDK 凭证文件 {c}：不是目录（系统错误 20）\n  建议：请修正或删除它（或 \
             HUAWEICLOUD_SDK_CREDENTIALS_FILE）\n"
        ),
        &format!(
            "error: cannot read the SDK credentials file {c}: Not a directory (os error 20)\n  \
             hint: fix or remove it (or HUAWEICLOUD_SDK_CREDENTIALS_FILE)\n"
        ),
    );
}

/// Why a file was refused (a FIFO, a device, another user's, a directory anyone may write to)
/// is Chinese too: the audit log's and the config file's.
#[cfg(unix)]
#[test]
fn a_refused_audit_log_or_config_says_why_in_chinese() {
    use crate::hardening::{give_to_nobody, mkfifo};
    let (sim, env) = setup(&["--desktops", "1"]);
    let dir = env.dir.path();
    let fifo = dir.join("audit.fifo");
    mkfifo(&fifo);
    let foreign = dir.join("foreign.jsonl");
    std::fs::write(&foreign, "").unwrap();
    give_to_nobody(&foreign);
    let open = dir.join("open");
    std::fs::create_dir(&open).unwrap();
    set_mode(&open, 0o777);
    let o = open.display();
    let cases = [
        (
            fifo.clone(),
            "它是命名管道（FIFO），不是普通文件".to_string(),
            "it is a FIFO (named pipe), not a regular file".to_string(),
        ),
        (
            "/dev/full".into(),
            "它是字符设备，不是普通文件".into(),
            "it is a character device, not a regular file".into(),
        ),
        (
            foreign,
            "它属于另一个用户（uid 65534），既不属于当前用户也不属于 root".into(),
            "it belongs to another user (uid 65534), neither to this one nor to root".into(),
        ),
        (
            open.join("audit.jsonl"),
            format!(
                "{o}：所有用户都可写入此目录（权限 777）且未设置粘滞位，其他用户可能替换或重定向其中的文件"
            ),
            format!(
                "{o}: every user may write to this directory (mode 777) and it is not sticky, so \
                 another user could replace or redirect the files in it"
            ),
        ),
    ];
    let id = generated_id(1);
    for (log, zh, en) in cases {
        let l = log.display();
        env.write_config(&format!(
            "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nak = \"{AK}\"\nsk = \"{SK}\"\naudit_log = \"{l}\"\n",
            sim.url,
        ));
        assert_both(
            || env.cmd(),
            &["cancel", &id, "--ticket", "INC-5"],
            3,
            // The log's error quotes its reason, then names it as its cause (as before).
            &format!(
                "错误：无法写入审计日志 {l}：{zh}\n  原因：{zh}\n  建议：请修正该文件或其目录（或在配置档中\
                 设置 `audit_log = \"/path\"`）；`--no-audit` 会使更改不被记录\n"
            ),
            &format!(
                "error: the audit log {l} cannot be written: {en}\n  cause: {en}\n  hint: fix the \
                 file or its directory (or `audit_log = \"/path\"` in the profile); `--no-audit` \
                 makes the change unrecorded\n"
            ),
        );
    }
    assert_nothing_changed(&sim);
    // A config file that is a FIFO is refused at once, never waited on.
    let config = dir.join("config.fifo");
    mkfifo(&config);
    let c = config.display();
    assert_both(
        || env.cmd(),
        &["--config", config.to_str().unwrap(), "desktops"],
        3,
        &format!("错误：无法读取配置文件 {c}：它是命名管道（FIFO），不是普通文件\n"),
        &format!("error: cannot read the config file {c}: it is a FIFO (named pipe), not a regular file\n"),
    );
}
