//! The demo profile tells one story across commands: its sessions are kept between commands,
//! no seeded desktop waits for ever, and `assist sim --reset-demo` starts it over.

use crate::common::*;

fn demo(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd()
        .arg("--profile")
        .arg("demo")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn start_then_show_in_the_demo_show_the_same_session() {
    let env = Env::new();
    // An exit code at all, not the 60 s kill of Env::cmd: erin's session opened by itself.
    let out = demo(&env, &["start", "--user", "erin", "--wait", "-o", "code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let code = stdout(&out);
    assert!(is_invitation_code(code.trim_end()), "{code:?}");

    let out = demo(&env, &["show", "--user", "erin", "-o", "code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), code, "the same session");

    let out = demo(&env, &["sessions", "-o", "code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("11111111-0000-4000-8000-000000000004"),
        "{}",
        stdout(&out)
    );

    let out = env.cmd().args(["sim", "--reset-demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = demo(&env, &["show", "--user", "erin", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "CLOSE", "the demo started over");
}

#[test]
fn no_demo_user_keeps_start_wait_waiting() {
    let env = Env::new();
    for (user, code) in [("carol", 0), ("heidi", 9), ("grace", 0)] {
        // Opened or declined, each by itself: the wait ends with 0 or 9, never with the 60 s
        // kill of Env::cmd (no stopwatch on a busy machine).
        let out = demo(
            &env,
            &["start", "--user", user, "--wait", "--interval", "500ms"],
        );
        assert_eq!(out.status.code(), Some(code), "{user}: {}", stderr(&out));
    }
    // alice is the API reference's example, already OPEN: no request is sent to her.
    let out = demo(&env, &["start", "--user", "alice"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already OPEN since"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("code D1F32AA6"), "{}", stderr(&out));
}

#[test]
fn two_demo_starts_at_once_both_keep_their_session() {
    let env = Env::new();
    // Both commands take up the saved state before either has saved: each must add its own
    // session to what is on disk when it ends, not write over the other's.
    let outs = std::thread::scope(|scope| {
        let starts = ["erin", "frank"].map(|user| {
            let env = &env;
            scope.spawn(move || demo(env, &["start", "--user", user, "--wait", "-o", "code"]))
        });
        starts.map(|start| start.join().unwrap())
    });
    for out in &outs {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        assert!(
            is_invitation_code(stdout(out).trim_end()),
            "{}",
            stdout(out)
        );
    }

    let out = demo(&env, &["sessions", "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed_code = |user: &str| {
        let sessions = listed.as_array().unwrap().iter();
        let mine: Vec<_> = sessions.filter(|s| s["user_name"] == user).collect();
        assert_eq!(mine.len(), 1, "{user}: {listed:#}");
        mine[0]["invitation_code"].as_str().map(str::to_string)
    };
    for (user, out) in ["erin", "frank"].iter().zip(&outs) {
        let code = stdout(out).trim_end().to_string();
        assert_eq!(
            listed_code(user),
            Some(code),
            "{user}'s session: {listed:#}"
        );
    }
}

/// Every line the demo says fits an 80-column terminal, its note with the simulator's URL
/// included (the longest port is five digits).
#[test]
fn the_demo_note_fits_80_columns() {
    let env = Env::new();
    let out = demo(&env, &["show", "--name", "FIN-PC-042", "-o", "code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("note: \"demo\" is a built-in simulator at http://127.0.0.1:"),
        "{err}"
    );
    let longest =
        lines[0].rsplit_once(':').map_or(0, |(head, _)| head.len()) + ":65535, not the cloud".len();
    assert!(longest <= 80, "{} columns with port 65535: {err}", longest);
}

/// `log` reads a local file: the demo's log is read without starting its simulator (whose
/// note would otherwise be the only thing on stderr), and `--verify` checks it the same way.
#[test]
fn log_in_the_demo_starts_no_simulator() {
    let env = Env::new();
    let out = demo(&env, &["start", "--user", "erin", "--ticket", "DEMO-2"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = demo(&env, &["log", "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no simulator, no note");
    let lines: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tickets: Vec<&str> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["ticket"].as_str().unwrap())
        .collect();
    assert_eq!(tickets, ["DEMO-2"]);
    let out = demo(&env, &["log", "--verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(
        // The intent before the POST, and its outcome.
        stdout(&out).ends_with("demo-audit.jsonl: 2 line(s), the chain is intact\n"),
        "{}",
        stdout(&out)
    );
}

/// The README's story in one screen: find erin (her client went away), tell her IT will call
/// (the cast reads it and comes back), ask, get the code.
#[test]
fn find_erin_tell_her_it_will_call_ask_and_get_the_code() {
    let env = Env::new();
    let out = demo(&env, &["desktops", "--user", "erin"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("DEV-PC-004\terin"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("DISCONNECTED"), "{}", stdout(&out));
    let out = demo(
        &env,
        &["message", "--user", "erin", "IT will call you in 2 minutes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sent the message"),
        "{}",
        stderr(&out)
    );
    let out = demo(&env, &["desktops", "--user", "erin"]);
    assert!(
        stdout(&out).contains("CONNECTED"),
        "she read it and came back"
    );
    assert!(!stdout(&out).contains("DISCONNECTED"), "{}", stdout(&out));
    let out = demo(&env, &["start", "--user", "erin", "--wait", "-o", "code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("(DEV-PC-004 (erin)) has 60 s to accept"),
        "{err}"
    );
    assert!(!err.contains("warning"), "nobody is missing now: {err}");
    assert!(
        is_invitation_code(stdout(&out).trim_end()),
        "{}",
        stdout(&out)
    );
    // grace's desktop is off: asking warns, and --require-connected sends nothing.
    let out = demo(&env, &["start", "--user", "grace", "--require-connected"]);
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the desktop is SHUTOFF"),
        "{}",
        stderr(&out)
    );
}
