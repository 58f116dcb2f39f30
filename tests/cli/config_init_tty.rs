//! `config init` on a terminal: the guided set-up, driven through a pseudo-terminal (`script`).

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::*;

#[test]
fn the_guided_setup_asks_and_never_echoes_the_secret() {
    let env = Env::new();
    let config = env.config_path();
    // `script` gives assist a real terminal, so it takes the interactive path (prompts, no echo).
    let mut child = Command::new("script")
        .args([
            "-qec",
            &format!("{BIN} --config {} config init", config.display()),
            "/dev/null",
        ])
        .env("HOME", env.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux runs assist on a pseudo-terminal");
    let mut stdin = child.stdin.take().unwrap();
    let screen = watch_screen(child.stdout.take().unwrap());
    stdin
        .write_all(b"cn-east-3\n\naksk\nAKTTY0000000000000001\n")
        .unwrap();
    stdin.flush().unwrap();
    // Type the secret only once its prompt is up and the terminal no longer echoes.
    wait_for_text(&screen, "Secret key (hidden");
    wait_for_echo_off(child.id());
    stdin.write_all(format!("{SK}\n").as_bytes()).unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    wait_for_text(&screen, "wrote profile");
    let screen = screen.lock().unwrap().clone();
    assert_eq!(status.code(), Some(0), "{screen}");
    assert!(screen.contains("Region [cn-north-4]:"), "{screen}");
    assert!(screen.contains("Secret key (hidden"), "{screen}");
    assert!(!screen.contains(SK), "the secret was echoed: {screen}");
    let written = std::fs::read_to_string(&config).unwrap();
    assert_eq!(
        written,
        format!("[profiles.default]\nregion = \"cn-east-3\"\nauth = \"aksk\"\nak = \"AKTTY0000000000000001\"\nsk = \"{SK}\"\n")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&config).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

/// Waits until the terminal of `script`'s child (assist) has echo turned off, as `stty`
/// reads it from the pseudo-terminal: the state that makes typing the secret safe.
fn wait_for_echo_off(script: u32) {
    wait_for("the terminal to stop echoing", || {
        terminals_of_children(script)
            .iter()
            .any(|tty| echo_is_off(tty))
    });
}

/// The terminals on fd 0 of a process's children (`/proc/PID/task/PID/children`).
fn terminals_of_children(pid: u32) -> Vec<String> {
    let children =
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    children
        .split_whitespace()
        .filter_map(|child| std::fs::read_link(format!("/proc/{child}/fd/0")).ok())
        .map(|link| link.display().to_string())
        .filter(|link| link.starts_with("/dev/pts/"))
        .collect()
}

fn echo_is_off(tty: &str) -> bool {
    let settings = Command::new("stty").args(["-a", "-F", tty]).output();
    settings.is_ok_and(|out| {
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .any(|flag| flag == "-echo")
    })
}

/// `--endpoint` given to the guided set-up is the endpoint of the profile it writes: without
/// it, `config check` would try the region's public endpoint.
#[test]
fn the_guided_setup_writes_the_endpoint_it_was_given() {
    let env = Env::new();
    let config = env.config_path();
    let mut child = Command::new("script")
        .args([
            "-qec",
            &format!(
                "{BIN} --config {} --endpoint https://ws.example.test config init",
                config.display()
            ),
            "/dev/null",
        ])
        .env("HOME", env.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux runs assist on a pseudo-terminal");
    let mut stdin = child.stdin.take().unwrap();
    let screen = watch_screen(child.stdout.take().unwrap());
    stdin
        .write_all(b"cn-east-3\n\ntoken\ncat /run/token\n")
        .unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    wait_for_text(&screen, "wrote profile");
    let screen = screen.lock().unwrap().clone();
    assert_eq!(status.code(), Some(0), "{screen}");
    let written = std::fs::read_to_string(&config).unwrap();
    assert_eq!(
        written,
        "[profiles.default]\nregion = \"cn-east-3\"\nendpoint = \"https://ws.example.test\"\nauth = \"token\"\ntoken_command = \"cat /run/token\"\n"
    );
}
