//! `sessions` on a pseudo-terminal (`script` from util-linux): the live board of `--watch`
//! draws, redraws a changed row in place, and `q` gives the terminal back as it was; the
//! `--cancel` sweep asks before it cancels anything.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::*;

const ALTERNATE_SCREEN_ON: &str = "\u{1b}[?1049h";
const ALTERNATE_SCREEN_OFF: &str = "\u{1b}[?1049l";
const CURSOR_HIDDEN: &str = "\u{1b}[?25l";
const CURSOR_SHOWN: &str = "\u{1b}[?25h";
/// Back to the top left corner: the board draws over itself, not below.
const HOME: &str = "\u{1b}[1;1H";

#[test]
fn the_board_draws_updates_in_place_and_restores_the_terminal() {
    let (sim, env) = sim_and_env(&[]);
    let mut child = on_a_terminal(&env, "sessions --watch --interval 100ms");
    let mut stdin = child.stdin.take().unwrap();
    let screen = watch_screen(child.stdout.take().unwrap());

    // The first round: the counts, then alice and bob OPEN, carol and dave waiting. The board
    // draws as desktops answer, so the test waits for the round to be whole, not for a row.
    wait_for_text(&screen, "8 of 8 desktops checked");
    let drawn = text(&screen);
    assert!(drawn.contains(ALTERNATE_SCREEN_ON), "{drawn:?}");
    assert!(drawn.contains(CURSOR_HIDDEN), "{drawn:?}");
    assert!(
        drawn.contains("2 OPEN · 1 WAIT_USER_ACCESS · 1 WAIT_USER_CONFIRM"),
        "{drawn:?}"
    );
    assert!(
        !drawn.contains("DEV-PC-004"),
        "erin has no session yet: {drawn:?}"
    );
    let before = drawn.len();

    // erin's desktop gets a session: the board is drawn again over itself, with her row.
    start_via_api(&sim, "11111111-0000-4000-8000-000000000004");
    wait_for_text(&screen, "DEV-PC-004");
    let after = text(&screen)[before..].to_string();
    assert!(after.contains(HOME), "redrawn from the top: {after:?}");
    assert!(after.contains("last change:"), "{after:?}");
    assert!(after.contains("erin"), "{after:?}");
    assert!(after.contains("2 WAIT_USER_CONFIRM"), "{after:?}");

    // q quits: exit 0, the alternate screen left and the cursor shown again, after the board.
    stdin.write_all(b"q").unwrap();
    stdin.flush().unwrap();
    let status = wait_for_child(&mut child);
    drop(stdin);
    let all = text(&screen);
    assert_eq!(status.code(), Some(0), "{all:?}");
    let last_draw = all.rfind("desktops checked").unwrap();
    let off = all
        .rfind(ALTERNATE_SCREEN_OFF)
        .expect("alternate screen left");
    let shown = all.rfind(CURSOR_SHOWN).expect("cursor shown again");
    assert!(off > last_draw && shown > last_draw, "{all:?}");
    assert!(!all.contains("panicked"), "{all:?}");
}

#[test]
fn the_sweep_asks_on_a_terminal_and_cancels_once_told_yes() {
    let (sim, env) = sim_and_env(&[]);
    let mut child = on_a_terminal(&env, "sessions --cancel");
    let mut stdin = child.stdin.take().unwrap();
    let screen = watch_screen(child.stdout.take().unwrap());
    wait_for_text(&screen, "Cancel these 4 session(s)? [y/N]");
    // Nothing before the answer.
    assert_nothing_changed(&sim);
    stdin.write_all(b"y\n").unwrap();
    stdin.flush().unwrap();
    let status = wait_for_child(&mut child);
    let all = text(&screen);
    assert_eq!(status.code(), Some(0), "{all:?}");
    assert!(all.contains("cancelled 4 of 4 session(s)"), "{all:?}");
    assert_eq!(requests_with_method(&sim, "DELETE").len(), 4);

    // Anything but yes cancels nothing.
    let mut child = on_a_terminal(&env, "sessions --cancel");
    let mut stdin = child.stdin.take().unwrap();
    let screen = watch_screen(child.stdout.take().unwrap());
    start_via_api(&sim, OPEN_DESKTOP);
    wait_for_text(&screen, "[y/N]");
    stdin.write_all(b"\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(wait_for_child(&mut child).code(), Some(0));
    wait_for_text(&screen, "nothing cancelled");
    assert_eq!(requests_with_method(&sim, "DELETE").len(), 4);
}

/// `assist ARGS` on a pseudo-terminal, with the hermetic environment of `env`.
fn on_a_terminal(env: &Env, args: &str) -> std::process::Child {
    Command::new("script")
        .args(["-qec", &format!("{BIN} {args}"), "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("XDG_CACHE_HOME", env.dir.path().join("xdg-cache"))
        .env("ASSIST_CONFIG", env.config_path())
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux runs assist on a pseudo-terminal")
}

fn text(screen: &Screen) -> String {
    screen.lock().unwrap().clone()
}
