//! The committed completion scripts in `completions/` match what the binary generates.

mod common;

use common::*;

#[test]
fn committed_completions_are_current() {
    let env = Env::new();
    for (shell, file) in [
        ("bash", "assist.bash"),
        ("zsh", "_assist"),
        ("fish", "assist.fish"),
        ("powershell", "_assist.ps1"),
        ("elvish", "assist.elv"),
    ] {
        let out = env.cmd().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == stdout(&out),
            "completions/{file} is stale: run `cargo run -- completions {shell} > completions/{file}`"
        );
        assert!(
            committed.contains("show"),
            "{file} completes the show command"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let env = Env::new();
    let out = env.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
