//! The same screens in Chinese (`--lang zh`): headers, labels, status meanings, ages and the
//! board's words from the Chinese catalogue, each Chinese character two columns wide, so that
//! tables at 60, 80 and 120 columns stay aligned and keep IDs, codes and links whole.

use unicode_width::UnicodeWidthStr;

use crate::common::*;
use crate::screens::{
    assert_whole, at_width, first_full_board_in, mask_times, start_and_cancel_audited, FLEET_IDS,
    WIDTHS,
};

/// `args` after `--lang zh`, at `width` columns.
fn zh_at(env: &Env, width: usize, args: &[&str]) -> String {
    let all: Vec<&str> = ["--lang", "zh"].iter().chain(args).copied().collect();
    at_width(env, width, &all)
}

/// Every line fits by display width (a Chinese character is two columns), but a lone link
/// longer than the terminal; and every line of a table starts its columns at the same
/// display column as its header's (`columns_align`).
fn assert_fits_wide(text: &str, width: usize) {
    for line in text.lines() {
        let fits = line.width() <= width;
        assert!(
            fits || (!line.contains(' ') && line.starts_with("https://")),
            "wider than {width}: {line:?}\n{text}"
        );
        assert!(!line.ends_with(' '), "trailing blanks: {line:?}");
    }
}

/// The display column where each column of the header line starts (after two blanks).
fn starts(line: &str) -> Vec<usize> {
    let mut found = vec![0];
    let mut at = 0;
    let mut blanks = 0;
    for c in line.chars() {
        if c == ' ' {
            blanks += 1;
        } else {
            if blanks >= 2 {
                found.push(at);
            }
            blanks = 0;
        }
        at += c.to_string().width();
    }
    found
}

/// Each row has a character right at every column start of the header, preceded by a blank:
/// the columns line up by display width.
fn assert_aligned(text: &str) {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    for line in lines {
        let mut at = 0;
        let mut cells: Vec<(usize, char)> = Vec::new();
        for c in line.chars() {
            cells.push((at, c));
            at += c.to_string().width();
        }
        for start in starts(header).into_iter().skip(1) {
            let here = cells.iter().position(|(a, _)| *a == start);
            let ok = here.is_some_and(|i| i > 0 && cells[i - 1].1 == ' ' && cells[i].1 != ' ');
            assert!(ok, "column at {start} is not aligned in {line:?}:\n{text}");
        }
    }
}

/// The seeded ages ("4 年前", "1 年前") as "N 年前": they move with the clock; the width
/// stays that of one digit until 2032.
fn normalize_years(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(" 年前") {
        let (before, after) = rest.split_at(at);
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        assert!(digits >= 1, "an age without a number in {text}");
        out.push_str(&before[..before.len() - digits]);
        out.push_str("N 年前");
        rest = &after[" 年前".len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn chinese_desktops_at_60_80_and_120_columns_are_aligned_with_ids_whole() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let text = zh_at(&env, width, &["desktops"]);
        assert_fits_wide(&text, width);
        assert_aligned(&text);
        assert_whole(&text, &FLEET_IDS);
        assert!(text.starts_with("ID "), "{text}");
        assert!(text.lines().next().unwrap().contains("名称"), "{text}");
        assert_golden(&format!("tests/golden/desktops-zh-{width}.txt"), &text);
    }
}

#[test]
fn chinese_sessions_at_60_80_and_120_columns_are_aligned_with_ids_and_codes_whole() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let text = zh_at(&env, width, &["sessions"]);
        assert_fits_wide(&text, width);
        assert_aligned(&text);
        assert_whole(
            &text,
            &[EXAMPLE_DESKTOP, OPEN_DESKTOP, "D1F32AA6", "K7Q2M9XA"],
        );
        assert!(text.lines().next().unwrap().contains("状态"), "{text}");
        assert_golden(
            &format!("tests/golden/sessions-zh-{width}.txt"),
            &normalize_years(&text),
        );
    }
}

#[test]
fn chinese_show_at_60_80_and_120_columns_has_chinese_labels_and_whole_links() {
    let (_sim, env) = sim_and_env(&[]);
    let link = "https://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6";
    for width in WIDTHS {
        let text = zh_at(&env, width, &["show", "--name", "FIN-PC-042"]);
        assert_fits_wide(&text, width);
        assert_whole(&text, &[EXAMPLE_DESKTOP, link, "D1F32AA6"]);
        assert!(text.starts_with("桌面 ID "), "{text}");
        assert!(text.contains("OPEN（协同空间已打开"), "{text}");
        assert_golden(
            &format!("tests/golden/show-zh-{width}.txt"),
            &normalize_years(&text),
        );
    }
}

#[test]
fn chinese_show_of_a_pending_session_says_waiting_for_the_user_to_accept() {
    let (_sim, env) = sim_and_env(&[]);
    let text = zh_at(&env, 120, &["show", CONFIRM_DESKTOP]);
    let status = text
        .lines()
        .find(|l| l.starts_with("状态"))
        .unwrap_or_default();
    assert!(
        status.ends_with("WAIT_USER_CONFIRM（等待用户在云桌面上接受）"),
        "{text}"
    );
}

#[test]
fn chinese_watch_lines_at_60_80_and_120_columns_keep_ids_and_codes_whole() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let text = zh_at(
            &env,
            width,
            &["watch", EXAMPLE_DESKTOP, OPEN_DESKTOP, "--once"],
        );
        assert_fits_wide(&text, width);
        assert_whole(&text, &[EXAMPLE_DESKTOP, OPEN_DESKTOP, "D1F32AA6"]);
        assert!(text.contains("邀请码 D1F32AA6"), "{text}");
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
        assert_golden(
            &format!("tests/golden/watch-zh-{width}.txt"),
            &lines.concat(),
        );
    }
}

#[test]
fn chinese_log_at_60_80_and_120_columns_keeps_time_action_desktop_and_ticket_whole() {
    let (_sim, env, erin) = start_and_cancel_audited();
    for width in WIDTHS {
        let text = zh_at(&env, width, &["log"]);
        // Time, action, desktop and ticket need 74 columns: at 60 they are all there is.
        if width >= 80 {
            assert_fits_wide(&text, width);
        } else {
            assert!(text.lines().next().unwrap().ends_with("工单"), "{text}");
        }
        assert_aligned(&text);
        assert!(text.starts_with("时间 "), "{text}");
        assert_whole(
            &text,
            &[erin, OPEN_DESKTOP, "INC-7", "INC-8", "start", "cancel"],
        );
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_golden(
            &format!("tests/golden/log-zh-{width}.txt"),
            &mask_times(&text),
        );
    }
}

#[test]
fn the_chinese_board_at_60_80_and_120_columns_keeps_ids_codes_and_users() {
    let (_sim, env) = sim_and_env(&[]);
    for width in WIDTHS {
        let board = first_full_board_in(&env, width, "zh", "已检查 8/8 台桌面");
        assert_fits_wide(&board, width);
        assert_whole(
            &board,
            &[EXAMPLE_DESKTOP, OPEN_DESKTOP, "D1F32AA6", "K7Q2M9XA"],
        );
        assert!(
            board.contains("按 q 退出") && board.contains("最近变化：暂无"),
            "{board}"
        );
        let table: String = board
            .lines()
            .skip_while(|l| !l.starts_with("ID "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_aligned(&table);
        assert_golden(
            &format!("tests/golden/board-zh-{width}.txt"),
            &normalize_years(&board),
        );
    }
}

#[test]
fn chinese_settings_and_show_detail_have_chinese_labels_and_words() {
    let (_sim, env) = sim_and_env(&[]);
    let text = zh_at(&env, 80, &["settings"]);
    let accept = text.lines().find(|l| l.starts_with("终端用户须接受"));
    assert!(
        accept.is_some_and(|l| l.ends_with(" 是") || l.ends_with(" 否")),
        "{text}"
    );
    assert!(text.contains("接受时限"), "{text}");
    let detail = zh_at(&env, 120, &["show", EXAMPLE_DESKTOP, "--detail"]);
    for label in ["电源状态", "登录状态", "维护模式", "任务状态"] {
        assert!(
            detail.lines().any(|l| l.starts_with(label)),
            "{label}: {detail}"
        );
    }
}
