//! The committed completion scripts in `completions/` match what the binary generates
//! (`ASSIST_BLESS=1 cargo test` rewrites them after a change). They only register `assist`
//! with the shell: the completions come from `assist` itself at each TAB (tests/cli/screens.rs
//! drives bash through one).

use crate::common::*;

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
        let generated = stdout(&out);
        assert!(
            generated.contains("COMPLETE") && generated.contains("assist"),
            "{file} asks assist for the completions"
        );
        assert_golden(&format!("completions/{file}"), &generated);
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let env = Env::new();
    let out = env.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
