//! Screens for people, plain text for pipes: borderless tables that keep IDs,
//! codes and links whole at 60, 80 and 120 columns; tab-separated tables into a pipe;
//! `-o link`, `--copy`, help that reads, values checked where they are typed, completions of
//! profile names, man pages, `--version`, and the messages found on the way.

use std::process::{Command, Stdio};

use crate::common::*;
use serde_json::json;

pub(crate) const WIDTHS: [usize; 3] = [60, 80, 120];
const BOX_DRAWING: [char; 6] = ['│', '─', '┌', '┐', '└', '┘'];
const SEEDED_LINK: &str =
    "https://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6";

/// The binary's stdout as a terminal of `width` columns would get it (ASSIST_FORCE_TTY).
pub(crate) fn at_width(env: &Env, width: usize, args: &[&str]) -> String {
    let out = env
        .cmd()
        .env("ASSIST_FORCE_TTY", width.to_string())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    assert_clean(&out);
    stdout(&out)
}

/// Every line fits, except one that is a single whole value longer than the terminal itself
/// (a link of 80 characters at 60 columns): it then stands alone on its line, uncut.
fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        let fits = line.chars().count() <= width;
        assert!(
            fits || (!line.contains(' ') && line.starts_with("https://")),
            "wider than {width}: {line:?}\n{text}"
        );
        assert!(!line.contains(BOX_DRAWING), "box lines: {text}");
        assert!(!line.ends_with(' '), "trailing blanks: {line:?}");
    }
}

pub(crate) fn assert_whole(text: &str, values: &[&str]) {
    for value in values {
        assert!(
            text.lines()
                .any(|l| l.split_whitespace().any(|word| word == *value)),
            "{value} is not whole on one line:\n{text}"
        );
    }
}

pub(crate) const FLEET_IDS: [&str; 3] = [
    EXAMPLE_DESKTOP,
    OPEN_DESKTOP,
    "11111111-0000-4000-8000-000000000007",
];

#[test]
fn desktops_at_60_80_and_120_columns_keep_every_id_whole() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let text = at_width(&env, width, &["desktops"]);
        assert_fits(&text, width);
        assert_whole(&text, &FLEET_IDS);
        assert!(text.starts_with("ID "), "{text}");
        assert_golden(&format!("tests/golden/desktops-{width}.txt"), &text);
    }
}

#[test]
fn sessions_at_60_80_and_120_columns_keep_ids_and_codes_whole() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let text = at_width(&env, width, &["sessions"]);
        assert_fits(&text, width);
        assert_whole(&text, &[EXAMPLE_DESKTOP, OPEN_DESKTOP]);
        let golden = normalize_ages(&text);
        assert_golden(&format!("tests/golden/sessions-{width}.txt"), &golden);
    }
}

/// The ages of the seeded sessions ("4 years ago", "1 year ago") move with the clock: each
/// becomes "N years ago". CREATED is the last column, so nothing after it moves; its width
/// (that of "4 years ago") stays the same until 2032, like `normalize_age`'s.
fn normalize_ages(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let mut words: Vec<&str> = line.split(' ').collect();
        for i in 0..words.len().saturating_sub(2) {
            let unit = words[i + 1];
            let ago = words[i + 2].trim_end() == "ago";
            if ago && (unit == "year" || unit == "years") && words[i].parse::<u32>().is_ok() {
                words[i] = "N";
                words[i + 1] = "years";
            }
        }
        out.push_str(&words.join(" "));
    }
    out
}

#[test]
fn show_at_60_80_and_120_columns_is_a_borderless_list_with_whole_links() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let text = at_width(&env, width, &["show", "--name", "FIN-PC-042"]);
        assert_fits(&text, width);
        assert_whole(&text, &[EXAMPLE_DESKTOP, SEEDED_LINK, "D1F32AA6"]);
        assert!(text.starts_with("Desktop "), "{text}");
        assert_golden(
            &format!("tests/golden/show-{width}.txt"),
            &normalize_age(&text),
        );
    }
}

#[test]
fn watch_lines_at_60_80_and_120_columns_keep_ids_and_codes_whole() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let text = at_width(
            &env,
            width,
            &["watch", EXAMPLE_DESKTOP, OPEN_DESKTOP, "--once"],
        );
        assert_fits(&text, width);
        assert_whole(&text, &[EXAMPLE_DESKTOP, OPEN_DESKTOP, "D1F32AA6"]);
        assert_eq!(text.lines().count(), 2, "{text}");
        // The desktops are polled at once: their lines come in either order.
        let mut lines: Vec<String> = text
            .lines()
            .map(|l| match l.find("Z  ") {
                Some(19) => format!("TIME{}\n", &l[20..]),
                _ => format!("{l}\n"),
            })
            .collect();
        lines.sort_by_key(|l| l.replace("TIME  ", ""));
        let masked = lines.concat();
        assert_golden(&format!("tests/golden/watch-{width}.txt"), &masked);
    }
}

/// Whatever the status, each watch line at 80 columns has the same fields: no time, the ID,
/// the name with its user, the status whole, the code when there is one.
#[test]
fn watch_lines_at_80_columns_have_the_same_fields_whatever_the_status() {
    let (_sim, env) = sim_and_env(&[]);
    let access = "11111111-0000-4000-8000-000000000003";
    let text = at_width(
        &env,
        80,
        &["watch", EXAMPLE_DESKTOP, CONFIRM_DESKTOP, access, "--once"],
    );
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("{CONFIRM_DESKTOP}  OPS-PC-002 (carol)  WAIT_USER_CONFIRM"),
            format!("{access}  OPS-PC-003 (dave)  WAIT_USER_ACCESS"),
            format!("{EXAMPLE_DESKTOP}  FIN-PC-042 (alice)  OPEN  code D1F32AA6"),
        ]
    );
}

/// A simulator and a profile with an audit log that holds a start (of erin's desktop,
/// returned) and a cancel, done by `opal`.
pub(crate) fn start_and_cancel_audited() -> (Sim, Env, &'static str) {
    let (sim, env) = sim_and_env(&[]);
    let log = env.dir.path().join("audit.jsonl");
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\naudit_log = \"{}\"\n",
        sim.url,
        log.display()
    ));
    let erin = "11111111-0000-4000-8000-000000000004";
    for args in [
        &[
            "start",
            erin,
            "--ticket",
            "INC-7",
            "--reason",
            "printer driver",
        ][..],
        &[
            "cancel",
            OPEN_DESKTOP,
            "--ticket",
            "INC-8",
            "--reason",
            "done",
        ][..],
    ] {
        let out = env.cmd().env("USER", "opal").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    (sim, env, erin)
}

/// The audit log of a start and a cancel, as people read it: the time to the second, the
/// action, the desktop and the ticket whole, within 80 columns and 60.
#[test]
fn log_at_60_80_and_120_columns_keeps_time_action_desktop_and_ticket_whole() {
    let (_sim, env, erin) = start_and_cancel_audited();
    for width in WIDTHS {
        let text = at_width(&env, width, &["log"]);
        if width >= 80 {
            assert_fits(&text, width);
        } else {
            // Time, action, desktop and ticket need 74 columns: at 60 nothing else is shown.
            assert!(
                text.starts_with("TIME                  ACTION  DESKTOP  "),
                "{text}"
            );
            assert!(text.lines().next().unwrap().ends_with("TICKET"), "{text}");
        }
        assert_whole(
            &text,
            &[erin, OPEN_DESKTOP, "INC-7", "INC-8", "start", "cancel"],
        );
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_golden(&format!("tests/golden/log-{width}.txt"), &mask_times(&text));
    }
}

/// Each line's leading time to the second (`2026-12-04T20:31:02Z`) as a placeholder of the
/// same width, so that the columns after it keep their place.
pub(crate) fn mask_times(text: &str) -> String {
    text.lines()
        .map(|line| match line.get(..20) {
            Some(time) if time.parse::<jiff::Timestamp>().is_ok() => {
                format!("YYYY-MM-DDTHH:MM:SSZ{}\n", &line[20..])
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

/// The live board on a pseudo-terminal of 60, 80 and 120 columns, once every desktop was
/// checked: the counts wrap rather than run off the screen, IDs and codes stay whole, and the
/// user outlasts the computer's name.
#[test]
fn the_board_at_60_80_and_120_columns_keeps_ids_codes_and_users() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let board = first_full_board(&env, width);
        assert_fits(&board, width);
        assert_whole(
            &board,
            &[EXAMPLE_DESKTOP, OPEN_DESKTOP, "D1F32AA6", "K7Q2M9XA"],
        );
        // From 80 columns on, whose session it is shows; at 60 IDs, statuses and codes fill it.
        let users = board.contains("alice") && board.contains("dave");
        assert_eq!(users, width >= 80, "{board}");
        assert_golden(
            &format!("tests/golden/board-{width}.txt"),
            &normalize_ages(&board),
        );
    }
}

/// `sessions --watch` on a terminal of `width` columns (`script` gives it one), without
/// colour; the first board drawn once all 8 desktops were checked, then `q`.
fn first_full_board(env: &Env, width: usize) -> String {
    first_full_board_in(env, width, "en", "8 of 8 desktops checked")
}

/// [`first_full_board`] in `lang` (`--lang`), once the board says `ready`.
pub(crate) fn first_full_board_in(env: &Env, width: usize, lang: &str, ready: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("script")
        .args([
            "-qec",
            &format!("{BIN} --lang {lang} sessions --watch --interval 100ms"),
            "/dev/null",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("XDG_CACHE_HOME", env.dir.path().join("xdg-cache"))
        .env("ASSIST_CONFIG", env.config_path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("COLUMNS", width.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux runs assist on a pseudo-terminal");
    let mut stdin = child.stdin.take().unwrap();
    let screen = watch_screen(child.stdout.take().unwrap());
    wait_for_text(&screen, ready);
    stdin.write_all(b"q").unwrap();
    stdin.flush().unwrap();
    assert_eq!(wait_for_child(&mut child).code(), Some(0));
    let all = screen.lock().unwrap().clone();
    // The board rewrites only the lines that change: what it shows is the screen its output
    // leaves (24 rows: `script` gives the terminal no size, the board takes LINES or 24), as
    // it was when the board was left (all 8 checked, nothing changed after).
    let shown = &all[..all.rfind("\u{1b}[?1049l").expect("the board was left")];
    let mut term = crate::common::term::Term::new((width as u16, 24));
    term.feed(shown);
    let rows = term.rows();
    let used = rows
        .iter()
        .rposition(|r| !r.is_empty())
        .map_or(0, |last| last + 1);
    rows[..used].iter().map(|r| format!("{r}\n")).collect()
}

#[test]
fn piped_tables_are_tab_separated_without_box_lines_or_colour() {
    let (_sim, env) = sim_and_env(&[]);
    let out = env.cmd().args(["desktops"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        ["ID", "NAME", "USER", "IP", "STATUS", "CONNECT"],
        "{text}"
    );
    assert!(rows.iter().all(|r| r.len() == 6), "{text}");
    assert!(rows
        .iter()
        .any(|r| r[0] == EXAMPLE_DESKTOP && r[1] == "FIN-PC-042"));
    assert!(
        !text.contains(BOX_DRAWING) && !text.contains('\u{1b}'),
        "{text}"
    );

    let sessions = env.cmd().args(["sessions"]).output().unwrap();
    let text = stdout(&sessions);
    assert!(
        text.starts_with("ID\tNAME\tUSER\tSTATUS\tCODE\tCREATED\n"),
        "{text}"
    );
    let show = env.cmd().args(["show", EXAMPLE_DESKTOP]).output().unwrap();
    assert!(
        stdout(&show).contains(&format!("Internet link\t{SEEDED_LINK}\n")),
        "{}",
        stdout(&show)
    );
}

#[test]
fn no_headers_drops_the_header_line() {
    let (_sim, env) = sim_and_env(&[]);
    let with = stdout(&env.cmd().args(["desktops"]).output().unwrap());
    let out = env
        .cmd()
        .args(["desktops", "--no-headers"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        with.lines()
            .skip(1)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    let aligned = at_width(&env, 120, &["sessions", "--no-headers"]);
    assert!(aligned.starts_with(EXAMPLE_DESKTOP), "{aligned}");
}

#[test]
fn link_output_prints_the_internet_link_alone_or_exits_9() {
    let (_sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["show", EXAMPLE_DESKTOP, "-o", "link"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{SEEDED_LINK}\n"));

    // Waiting for the user: no link yet.
    let out = env
        .cmd()
        .args(["show", CONFIRM_DESKTOP, "-o", "link"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("has no internet share link: status WAIT_USER_CONFIRM"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));

    let out = env.cmd().args(["desktops", "-o", "link"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn copy_puts_the_code_on_the_clipboard_through_a_terminal_only() {
    let (_sim, env) = sim_and_env(&[]);
    // Into a pipe: nothing sent, and said so.
    let show = ["show", EXAMPLE_DESKTOP, "-o", "code", "--copy"];
    let said = "nothing copied, stdout is not a terminal";
    assert_output(env.cmd().args(show), 0, "D1F32AA6\n", &[said]);

    // On a terminal (script(1) gives it a pseudo-terminal): the OSC 52 sequence, base64.
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("{BIN} show {EXAMPLE_DESKTOP} -o code --copy"),
            "/dev/null",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("ASSIST_CONFIG", env.config_path())
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .output()
        .expect("script(1) from util-linux");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains("\u{1b}]52;c;RDFGMzJBQTY=\u{7}"),
        "{screen:?}"
    );
    assert!(
        screen.contains("copied the invitation code to the clipboard"),
        "{screen:?}"
    );
}

/// Issue 22, item 9: `--copy` put the server's invitation code into OSC 52 as it came, so a
/// code that ends a bracketed paste (`ESC[201~`) and carries a command, or reads otherwise
/// than it is (U+202E), reached the clipboard. Such a code is refused with a warning (exit 0:
/// the code is printed, escaped, as `-o code` prints it); no OSC 52 sequence is written.
#[test]
fn copy_refuses_a_code_with_control_or_format_characters() {
    let (sim, env) = sim_and_env(&[]);
    for (fault, printed) in [
        ("paste-jack", "D1F32AA6\\u{1b}[201~\\nrm -rf ~"),
        ("spoof", "AB\\u{202e}DC"),
        ("escapes", "AB\\u{1b}[2JCD"),
    ] {
        sim.fault(json!({"kind": fault, "count": 1}));
        let out = Command::new("script")
            .args([
                "-qec",
                &format!("{BIN} show {EXAMPLE_DESKTOP} -o code --copy"),
                "/dev/null",
            ])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", env.dir.path())
            .env("ASSIST_CONFIG", env.config_path())
            .env("TERM", "xterm")
            .stdin(Stdio::null())
            .output()
            .expect("script(1) from util-linux");
        let screen = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{fault}: {screen:?}");
        assert!(!screen.contains("\u{1b}]52"), "{fault}: {screen:?}");
        assert!(
            screen.contains(&format!("{printed}\r\n")),
            "{fault}: {screen:?}"
        );
        assert!(
            screen.contains("warning: --copy: nothing copied, the server's invitation code holds control or format characters"),
            "{fault}: {screen:?}"
        );
    }
}

/// `start --copy` needs a code to copy: with `-o code` (which waits) it works, without any
/// waiting it is a usage error before any request.
#[test]
fn start_copy_works_with_code_output_and_is_refused_without_waiting() {
    let (sim, env) = sim_and_env(&[
        "--desktops",
        "1",
        "--confirm-after",
        "0s",
        "--access-after",
        "0s",
    ]);
    let id = generated_id(1);
    let out = env.cmd().args(["start", &id, "--copy"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("add --wait (or -o code, which waits)"),
        "{}",
        stderr(&out)
    );
    assert!(sim.requests().is_empty(), "refused before any request");
    let out = env
        .cmd()
        .args(["start", &id, "-o", "code", "--copy", "--interval", "100ms"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim_end().len(),
        8,
        "the code: {}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("--copy: nothing copied, stdout is not a terminal"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_puts_a_commands_own_options_before_the_global_ones() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("COLUMNS", "80")
        .args(["show", "--help"])
        .output()
        .unwrap();
    let help = stdout(&out);
    let at = |needle: &str| {
        help.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {help}"))
    };
    assert!(at("--show-password") < at("Global options:"), "{help}");
    assert!(at("--copy") < at("Global options:"), "{help}");
    assert!(at("Global options:") < at("--region"), "{help}");
    assert!(at("--region") < at("--project-id"), "{help}");
}

#[test]
fn examples_never_break_mid_command_at_80_columns() {
    let env = Env::new();
    let commands: [&[&str]; 14] = [
        &[],
        &["show"],
        &["start"],
        &["cancel"],
        &["watch"],
        &["desktops"],
        &["sessions"],
        &["sim"],
        &["completions"],
        &["config", "init"],
        &["config", "show"],
        &["config", "list"],
        &["config", "check"],
        &["config", "path"],
    ];
    for command in commands {
        let help = |columns: &str| {
            let out = env
                .cmd()
                .env("COLUMNS", columns)
                .args(command)
                .arg("--help")
                .output()
                .unwrap();
            let text = stdout(&out);
            let at = text
                .find("Examples:")
                .or_else(|| text.find("Workflow"))
                .unwrap_or_else(|| panic!("{command:?} has examples: {text}"));
            text[at..].to_string()
        };
        let narrow = help("80");
        assert_eq!(narrow, help("300"), "{command:?} wraps its examples at 80");
        assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
    }
}

#[test]
fn sim_help_lists_only_what_the_simulator_uses() {
    let env = Env::new();
    let out = env.cmd().args(["sim", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    let options: Vec<&str> = help
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with('-'))
        .collect();
    for absent in [
        "-o, --output",
        "--max-attempts",
        "--profile",
        "--connect-timeout",
        "--color",
        "--endpoint",
    ] {
        assert!(
            !options.iter().any(|o| o.contains(absent)),
            "{absent} in sim --help:\n{help}"
        );
    }
    assert!(!help.contains("Global options"), "{help}");
    assert!(!help.contains("ASSIST_SIM_AK="), "{help}");
    for present in [
        "--addr",
        "--project-id",
        "--desktops",
        "[env: ASSIST_SIM_AK]",
    ] {
        assert!(help.contains(present), "{present} missing:\n{help}");
    }
}

#[test]
fn statuses_are_checked_where_they_are_typed() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["watch", EXAMPLE_DESKTOP, "--until", "OPNE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("invalid value 'OPNE' for '--until"), "{err}");
    assert!(
        err.contains("[possible values: OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS, CLOSE, NONE]"),
        "{err}"
    );
    assert!(err.contains("did you mean OPEN?"), "{err}");

    let out = env
        .cmd()
        .args(["desktops", "--status", "SHUTDOWN"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("[possible values: ACTIVE, SHUTOFF, ERROR, HIBERNATED, STARTING, STOPPING, RESTARTING, HIBERNATING, AWAKENING]"),
        "{err}"
    );
    assert!(err.contains("a similar value exists: 'SHUTOFF'"), "{err}");

    let out = env
        .cmd()
        .args(["sessions", "--status", "opne"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn status_names_match_in_any_case() {
    let (sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["desktops", "--status", "shutoff", "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "11111111-0000-4000-8000-000000000006\n");
    let listed = sim
        .requests()
        .into_iter()
        .filter_map(|r| r["query"].as_str().map(str::to_string))
        .any(|q| q.contains("status=SHUTOFF"));
    assert!(listed, "the filter went out upper case");

    let out = env
        .cmd()
        .args(["watch", EXAMPLE_DESKTOP, "--until", "open", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// What bash's completion function gets from `assist` for the words typed: the registration
/// script is sourced in a real bash and its function called as bash would on TAB.
fn bash_completes(env: &Env, line: &[&str]) -> Vec<String> {
    let script = stdout(&env.cmd().args(["completions", "bash"]).output().unwrap());
    let words = line
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let program = format!(
        "{script}\nCOMP_WORDS=({words}); COMP_CWORD={}; COMP_TYPE=9\n\
         _clap_complete_assist assist \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        line.len() - 1
    );
    let bin_dir = std::path::Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.dir.path())
        .env("ASSIST_CONFIG", env.config_path())
        .output()
        .expect("bash");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_notify_target_names_from_the_config() {
    let env = Env::new();
    env.write_config(
        "[notify.helpdesk]\nkind = \"wecom\"\nurl = \"https://example.com/x?key=k\"\n\n[notify.lark]\nkind = \"feishu\"\nurl = \"https://example.com/y\"\n",
    );
    let mut targets = bash_completes(&env, &["assist", "watch", "--notify", ""]);
    targets.sort();
    assert_eq!(targets, ["helpdesk", "lark"]);
    assert_eq!(
        bash_completes(&env, &["assist", "config", "check", "--notify", "l"]),
        ["lark"]
    );
}

#[test]
fn bash_completes_profile_names_from_the_config_statuses_and_formats() {
    let env = Env::new();
    env.write_config(
        "default_profile = \"prod\"\n\n[profiles.prod]\nregion = \"cn-north-4\"\n\n[profiles.staging]\nregion = \"cn-north-4\"\n",
    );
    let mut profiles = bash_completes(&env, &["assist", "--profile", ""]);
    profiles.sort();
    assert_eq!(profiles, ["demo", "prod", "staging"]);
    assert_eq!(
        bash_completes(&env, &["assist", "show", "--profile", "st"]),
        ["staging"]
    );
    assert_eq!(
        bash_completes(&env, &["assist", "watch", "--until", "WAIT"]),
        ["WAIT_USER_CONFIRM", "WAIT_USER_ACCESS"]
    );
    // `-o` is global: `prometheus` is offered everywhere, and refused but by `sessions`.
    let mut formats = bash_completes(&env, &["assist", "show", "-o", ""]);
    formats.sort();
    assert_eq!(formats, ["code", "json", "link", "prometheus", "table"]);
    // No file names where a file makes no sense.
    std::fs::write(env.dir.path().join("notes.txt"), "x").unwrap();
    assert_eq!(
        bash_completes(&env, &["assist", "show", "--region", ""]),
        Vec::<String>::new()
    );
}

#[test]
fn bash_completes_the_setting_keys_after_settings_set() {
    let env = Env::new();
    let mut keys = bash_completes(&env, &["assist", "settings", "set", ""]);
    keys.retain(|k| !k.starts_with('-'));
    keys.sort();
    assert_eq!(
        keys,
        [
            "allow_anonymous=",
            "anonymous_input_ctrl=",
            "audio_and_video=",
            "is_user_confirm_enabled=",
            "keyboard_mouse_ctl=",
            "share_space_name=",
            "use_share_password=",
            "wait_confirm_time=",
        ]
    );
    assert_eq!(
        bash_completes(&env, &["assist", "settings", "set", "wait"]),
        ["wait_confirm_time="]
    );
}

#[test]
fn committed_man_pages_are_current() {
    let env = Env::new();
    let dir = env.man_pages();
    // The pages only: zh_CN/ holds the Chinese ones (tests/cli/lang_help.rs).
    let mut generated: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".1"))
        .collect();
    generated.sort();
    for page in [
        "assist.1",
        "assist-show.1",
        "assist-sessions.1",
        "assist-config-init.1",
    ] {
        assert!(
            generated.iter().any(|g| g == page),
            "{page} in {generated:?}"
        );
    }
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut present: Vec<String> = std::fs::read_dir(&committed)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".1"))
                .collect()
        })
        .unwrap_or_default();
    present.sort();
    if std::env::var_os("ASSIST_BLESS").is_none_or(|v| v != "1") {
        assert_eq!(present, generated, "man/ has exactly the generated pages");
    }
    for page in &generated {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert_golden(&format!("man/{page}"), &text);
    }
}

#[test]
fn version_names_the_commit_and_its_date_when_built_from_git() {
    let env = Env::new();
    let out = env.cmd().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let version = env!("CARGO_PKG_VERSION");
    let plain = format!("assist {version}\n");
    let in_git = Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "rev-parse", "HEAD"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !in_git {
        assert_eq!(text, plain);
        return;
    }
    // `assist 0.1.0 (3e14cc5 2026-11-28)`
    let rest = text
        .strip_prefix(&format!("assist {version} ("))
        .and_then(|r| r.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{text:?}"));
    let (commit, date) = rest.split_once(' ').unwrap();
    assert!(
        commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit()),
        "{text:?}"
    );
    assert!(
        jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(),
        "{text:?}"
    );
}

#[test]
fn a_decline_reason_is_said_once_and_json_gets_the_final_record() {
    let id = generated_id(1);
    let (_sim, env) = sim_and_env(&[
        "--desktops",
        "1",
        "--refuse",
        &id,
        "--confirm-after",
        "200ms",
    ]);
    let out = env
        .cmd()
        .args(["start", &id, "--wait", "--interval", "100ms", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("declined").count(), 1, "{err}");
    let record: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is the final record ({e}): {}", stdout(&out)));
    assert_eq!(record["desktop_id"], id.as_str());
    assert_eq!(record["status"], "CLOSE");
    assert_eq!(
        record["failed_reason"],
        "The end user declined the remote assistance request."
    );
}

#[test]
fn the_deadline_hint_at_wait_user_access_says_the_user_accepted() {
    let id = generated_id(1);
    let (_sim, env) = sim_and_env(&[
        "--desktops",
        "1",
        "--confirm-after",
        "0s",
        "--access-after",
        "60s",
    ]);
    let out = env
        .cmd()
        .args([
            "start",
            &id,
            "--wait",
            "--interval",
            "100ms",
            "--deadline",
            "1s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("still pending at WAIT_USER_ACCESS"), "{err}");
    assert!(
        err.contains("hint: the user accepted but has not enabled access to their desktop yet"),
        "{err}"
    );
    assert!(!err.contains("has not accepted yet"), "{err}");
}

#[test]
fn cancel_json_prints_what_was_done() {
    let (_sim, env) = sim_and_env(&[]);
    let out = env
        .cmd()
        .args(["cancel", OPEN_DESKTOP, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"desktop_id": OPEN_DESKTOP, "status": "CLOSE"})
    );
    assert!(stderr(&out).contains("cancelled remote assistance"));
}

#[test]
fn config_list_marks_the_default_profile_with_a_star() {
    let env = Env::new();
    env.write_config(
        "default_profile = \"prod\"\n\n[profiles.prod]\nregion = \"cn-north-4\"\n\n[profiles.staging]\nregion = \"cn-north-4\"\n",
    );
    let text = at_width(&env, 120, &["config", "list"]);
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {text}"))
            .to_string()
    };
    assert!(row("prod").contains(" * "), "{text}");
    assert!(!row("staging").contains('*'), "{text}");
    assert!(!text.contains("true") && !text.contains("false"), "{text}");
    let json = env
        .cmd()
        .args(["config", "list", "-o", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["default"], true, "scripts keep the boolean");
}

#[test]
fn sim_on_a_port_in_use_says_the_port_is_taken_and_exits_3() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let env = Env::new();
    let out = env.cmd().args(["sim", "--addr", &addr]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("cannot listen on {addr}: the port is taken")),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
    assert!(!err.contains("internal"), "{err}");
}

#[test]
fn readme_asks_for_the_rust_version_that_cargo_toml_requires() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let required = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|r| r.strip_suffix('"'))
        .unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("Rust toolchain ({required} or newer)")),
        "README names Rust {required}"
    );
}

/// Each page has EXIT STATUS (the contract's table) and its examples line for line, as
/// `--help` shows them, not reflowed into one paragraph.
#[test]
fn man_pages_keep_examples_and_say_the_exit_status() {
    let env = Env::new();
    let dir = env.man_pages();
    let page = std::fs::read_to_string(dir.join("assist-sessions.1")).unwrap();
    let examples = page
        .split(".SH EXAMPLES\n.nf\n")
        .nth(1)
        .and_then(|rest| rest.split("\n.fi\n").next())
        .unwrap_or_else(|| panic!("no EXAMPLES section:\n{page}"));
    assert_eq!(
        examples.lines().next(),
        Some(r"  assist sessions                          # which desktops have one, and since?"),
        "{page}"
    );
    assert_eq!(examples.lines().count(), 5, "{examples}");
    let status = page
        .split(".SH \"EXIT STATUS\"\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no EXIT STATUS section:\n{page}"));
    assert!(status.starts_with(".TP\n0\nsuccess"), "{status}");
    assert!(
        status.contains(".TP\n5\nnot found: no such desktop"),
        "{status}"
    );
    assert!(
        status.contains(".TP\n130, 143, 129\ninterrupted"),
        "{status}"
    );
}
