//! `--help`, usage errors and the man pages in Chinese (issue 25): clap's English replaced by
//! the catalogue's words when the language is zh, and the English ones left as they were.

use crate::common::*;

/// The lines of what `assist` printed on stdout, after a run that must have succeeded.
fn help_of(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Vec<String> {
    let mut cmd = env.cmd();
    cmd.envs(vars.iter().copied()).args(args);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "help goes to stdout only");
    stdout(&out).lines().map(str::to_string).collect()
}

fn has_line(lines: &[String], line: &str) {
    assert!(
        lines.iter().any(|l| l == line),
        "no line {line:?} in:\n{}",
        lines.join("\n")
    );
}

#[test]
fn the_root_help_speaks_chinese_with_lang_zh() {
    let env = Env::new();
    let lines = help_of(&env, &[], &["--lang", "zh", "--help"]);
    assert_eq!(
        lines[0],
        "华为云 Workspace 云桌面远程协助，在服务台终端中完成"
    );
    assert_eq!(lines[2], "用法: assist [选项] <命令>");
    assert_eq!(lines[4], "命令:");
    has_line(
        &lines,
        "  start        向终端用户请求远程协助（POST）；--wait 等待邀请码",
    );
    has_line(&lines, "  help         打印此帮助或指定子命令的帮助");
    // clap's order kept: its own flags under 选项, before the global options.
    let options = lines.iter().position(|l| l == "选项:").unwrap();
    let global = lines.iter().position(|l| l == "全局选项:").unwrap();
    assert!(options < global, "{}", lines.join("\n"));
    assert_eq!(lines[options + 1], "  -h, --help");
    assert_eq!(
        lines[options + 2],
        "          打印帮助（使用 '-h' 查看摘要）"
    );
    has_line(
        &lines,
        "工作流程（按桌面 ID 选择云桌面，或用 --name、--user、--ip）：",
    );
    for english in [
        "Usage:",
        "Options:",
        "Commands:",
        "Print help",
        "[default:",
        "[env:",
    ] {
        assert!(
            !lines.iter().any(|l| l.contains(english)),
            "{english} left in:\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn a_command_help_speaks_chinese_with_its_arguments_and_examples() {
    let env = Env::new();
    let lines = help_of(&env, &[], &["--lang", "zh", "start", "-h"]);
    assert_eq!(
        lines[0],
        "向终端用户请求远程协助（POST）；--wait 等待邀请码"
    );
    assert_eq!(
        lines[2],
        "用法: assist start [选项] <桌面ID|--name <计算机名>|--user <用户名>|--ip <IP>>"
    );
    assert_eq!(lines[4], "参数:");
    assert_eq!(lines[7], "选项:");
    has_line(
        &lines,
        "      --wait                 然后等待协同空间变为 OPEN，并打印最终记录（或仅打印邀请码）",
    );
    has_line(
        &lines,
        "      --interval <时长>      配合 --wait：轮询间隔（至少 100ms） [默认值: 3s]",
    );
    has_line(
        &lines,
        "  -h, --help                 打印帮助（使用 '--help' 查看更多）",
    );
    has_line(&lines, "全局选项:");
    has_line(&lines, "示例：");
    has_line(
        &lines,
        "  assist start --user alice --wait --copy          # 将邀请码放入剪贴板",
    );
}

#[test]
fn the_locale_chooses_chinese_help_too() {
    let env = Env::new();
    let lines = help_of(&env, &[("LANG", "zh_CN.UTF-8")], &["sessions", "--help"]);
    assert_eq!(
        lines[0],
        "项目中（或选择条件下）所有已打开或待处理的会话，最早的在前；--cancel 关闭它们，--watch 显示实时看板"
    );
    assert_eq!(lines[2], "用法: assist sessions [选项]");
    has_line(&lines, "      --cancel");
    has_line(
        &lines,
        "          关闭列出的每个会话：在终端上会先询问；脚本请加 --yes",
    );
}

/// The placeholders an English help shows, none of which a Chinese one may.
const ENGLISH_PLACEHOLDERS: [&str; 11] = [
    "[OPTIONS]",
    "<COMMAND>",
    "[DESKTOP_ID]",
    "<DURATION>",
    "<N>",
    "<FILE>",
    "<PATH>",
    "<NAME>",
    "<CMD>",
    "<STATUS",
    "<WHEN>",
];

/// `watch --help` and `-h` in Chinese at 60, 80 and 120 columns (at most 100, as in English):
/// clap breaks lines at spaces only, Chinese has none; every line now fits by display width
/// (a Chinese character two columns), continuation lines under their text, the placeholders
/// Chinese. The screens: tests/golden/help-watch-zh-{short,long}-*.txt.
#[test]
fn chinese_watch_help_fits_60_80_and_120_columns() {
    use unicode_width::UnicodeWidthStr;
    let env = Env::new();
    for width in [60, 80, 120] {
        for (flag, kind) in [("-h", "short"), ("--help", "long")] {
            let columns = width.to_string();
            let vars = [("COLUMNS", columns.as_str())];
            let lines = help_of(&env, &vars, &["--lang", "zh", "watch", flag]);
            let text = lines.join("\n");
            for line in &lines {
                assert!(line.width() <= width.min(100), "{width}: {line:?}\n{text}");
                assert!(!line.ends_with(' '), "trailing blanks: {line:?}");
            }
            for english in ENGLISH_PLACEHOLDERS {
                assert!(!text.contains(english), "{english} in:\n{text}");
            }
            has_line(&lines, "用法: assist watch [选项] [桌面ID]...");
            let interval = lines
                .iter()
                .any(|l| l.starts_with("      --interval <时长>"));
            assert!(interval, "{text}");
            assert_golden(
                &format!("tests/golden/help-watch-zh-{kind}-{width}.txt"),
                &format!("{text}\n"),
            );
        }
    }
}

/// `--lang en` and `ASSIST_LANG=en` over a Chinese locale give the English help as it always
/// was: the same bytes as without any language, which the golden man pages pin.
#[test]
fn english_help_is_unchanged_whatever_overrides_the_locale() {
    let env = Env::new();
    let zh = [("LANG", "zh_CN.UTF-8")];
    for args in [
        &["start", "--help"][..],
        &["--help"],
        &["config", "init", "-h"],
    ] {
        let plain = help_of(&env, &[], args);
        let flag = help_of(&env, &zh, &[&["--lang", "en"][..], args].concat());
        let var = help_of(
            &env,
            &[("LANG", "zh_CN.UTF-8"), ("ASSIST_LANG", "en")],
            args,
        );
        assert_eq!(flag, plain, "{args:?}");
        assert_eq!(var, plain, "{args:?}");
    }
    let start = help_of(&env, &[], &["start", "--help"]);
    assert_eq!(
        start[2],
        "Usage: assist start [OPTIONS] <DESKTOP_ID|--name <COMPUTER_NAME>|--user <USER_NAME>|--ip <IP>>"
    );
    has_line(&start, "Global options:");
}

/// The first line of an error without its prefix (the messages room decides the prefix's
/// language: `error: ` or its Chinese).
fn without_prefix(line: &str) -> &str {
    ["error: ", "错误: ", "错误："]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or_else(|| panic!("not an error line: {line:?}"))
}

#[test]
fn a_usage_error_speaks_chinese_and_exits_2() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--lang", "zh", "start", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(without_prefix(lines[0]), "意外的参数 '--bogus'", "{err}");
    assert_eq!(
        lines[1..],
        [
            "",
            "  建议：如要将 '--bogus' 作为值传递，请使用 '-- --bogus'",
            "",
            "用法: assist start [选项] <桌面ID|--name <计算机名>|--user <用户名>|--ip <IP>>",
            "",
            "更多信息请使用 '--help'。",
        ],
        "{err}"
    );
}

#[test]
fn a_bad_value_in_chinese_names_the_values_taken() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["--color", "blu", "show", "D"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        without_prefix(lines[0]),
        "'--color <何时>' 的值 'blu' 无效",
        "{err}"
    );
    assert_eq!(
        lines[1..],
        [
            "  [可选值：auto, always, never]",
            "",
            "更多信息请使用 '--help'。"
        ],
        "{err}"
    );
    // The same mistake in English is clap's own text, as before.
    let out = env
        .cmd()
        .args(["--color", "blu", "show", "D"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid value 'blu' for '--color <WHEN>'\n  [possible values: auto, always, never]\n\nFor more information, try '--help'.\n"
    );
}

/// `assist manpages DIR` also writes DIR/zh_CN, the same pages in Chinese (section titles
/// too), which man/zh_CN holds (`ASSIST_BLESS=1` rewrites them).
#[test]
fn committed_chinese_man_pages_are_current() {
    let env = Env::new();
    let dir = env.man_pages();
    let pages = |dir: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let generated = pages(&dir.join("zh_CN"));
    let english: Vec<String> = pages(&dir)
        .into_iter()
        .filter(|p| p.ends_with(".1"))
        .collect();
    assert_eq!(generated, english, "a Chinese page for every English one");
    let start = std::fs::read_to_string(dir.join("zh_CN/assist-start.1")).unwrap();
    for line in [
        ".SH 名称",
        "assist\\-start \\- 向终端用户请求远程协助（POST）；\\-\\-wait 等待邀请码",
        ".SH 概要",
        ".SH 选项",
        ".SH 全局选项",
        ".SH 示例",
        "  assist start \\-\\-user alice \\-\\-wait \\-\\-copy          # 将邀请码放入剪贴板",
        ".SH 退出状态",
    ] {
        assert!(start.lines().any(|l| l == line), "no {line:?} in:\n{start}");
    }
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man/zh_CN");
    if std::env::var_os("ASSIST_BLESS").is_none_or(|v| v != "1") {
        assert_eq!(
            pages(&committed),
            generated,
            "man/zh_CN has exactly the generated pages"
        );
    } else {
        std::fs::create_dir_all(&committed).unwrap();
    }
    for page in &generated {
        let text = std::fs::read_to_string(dir.join("zh_CN").join(page)).unwrap();
        assert_golden(&format!("man/zh_CN/{page}"), &text);
    }
}

/// A bad `ASSIST_*` value is named by its variable in Chinese too; and a typed flag still wins
/// over it (clap parses again without the variable, in the same language).
#[test]
fn a_bad_variable_in_chinese_and_the_flag_that_wins_over_it() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "xml")
        .args(["--lang", "zh", "config", "path"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(
        without_prefix(err.lines().next().unwrap()),
        "ASSIST_OUTPUT 的值 'xml' 无效：应为 table, json, code, link 或 prometheus",
        "{err}"
    );
    let out = env
        .cmd()
        .env("ASSIST_OUTPUT", "xml")
        .args(["--lang", "zh", "config", "path", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(json_of(&out)["config_file"].is_string());
}

/// The descriptions a shell shows beside the completions (fish, zsh) follow the language too.
#[test]
fn completion_descriptions_follow_the_language() {
    let env = Env::new();
    let complete = |vars: &[(&str, &str)]| {
        let mut cmd = env.cmd();
        cmd.env("COMPLETE", "fish")
            .envs(vars.iter().copied())
            .args(["--", "assist", "start", "--wa"]);
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(
        complete(&[("ASSIST_LANG", "zh")]),
        "--wait\t然后等待协同空间变为 OPEN，并打印最终记录（或仅打印邀请码）\n"
    );
    assert_eq!(
        complete(&[("LANG", "zh_CN.UTF-8"), ("ASSIST_LANG", "en")]),
        "--wait\tThen wait until the space is OPEN and print the final record (or just the code)\n"
    );
}

/// The rows of a page's exit-status section: (code, meaning), roff's escapes as written.
fn exit_rows(page: &str, heading: &str) -> Vec<(String, String)> {
    let section = page
        .split(&format!("\n{heading}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("no {heading} in:\n{page}"));
    let section = section.split("\n.SH ").next().unwrap_or_default();
    section
        .split(".TP\n")
        .filter_map(|row| {
            let (code, meaning) = row.trim_end().split_once('\n')?;
            Some((code.to_string(), meaning.to_string()))
        })
        .collect()
}

/// Every Chinese page says what each exit code means in Chinese (the catalogue's
/// `man-exit-*`), the codes as the English page lists them.
#[test]
fn every_chinese_man_page_says_the_exit_status_in_chinese() {
    let env = Env::new();
    let dir = env.man_pages();
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.join("zh_CN")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let zh = exit_rows(&std::fs::read_to_string(&path).unwrap(), ".SH 退出状态");
        let en = std::fs::read_to_string(dir.join(&name)).unwrap();
        let en = exit_rows(&en, ".SH \"EXIT STATUS\"");
        let codes = |rows: &[(String, String)]| -> Vec<String> {
            rows.iter().map(|(code, _)| code.clone()).collect()
        };
        assert_eq!(codes(&zh), codes(&en), "{name}");
        assert_eq!(zh.len(), 11, "{name}");
        for ((code, meaning), (_, english)) in zh.iter().zip(&en) {
            let chinese = meaning
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(
                chinese && meaning != english,
                "{name}: exit {code}: {meaning}"
            );
        }
        assert_eq!(
            zh[5].1, "未找到：没有此云桌面（没有会话的云桌面的状态是 NONE，不属于此情况）",
            "{name}"
        );
        checked += 1;
    }
    assert_eq!(checked, 19, "one page per command");
}
