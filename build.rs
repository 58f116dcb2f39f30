//! Build script: the commit and its date that `assist --version` shows when built from a git
//! checkout (`assist 0.1.0 (3e14cc5 2026-11-28)`); outside one, the plain version. The
//! commit's date rather than the clock's: the same commit builds the same binary.

use std::process::Command;

fn main() {
    let described = git(&["log", "-1", "--format=%h %cs"]);
    if let Some(described) = described {
        println!("cargo:rustc-env=ASSIST_BUILD_INFO={described}");
    }
    // Rebuilt when HEAD moves (a commit, a checkout, a worktree's own HEAD), not on every
    // build: the files git changes then.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    let watched = ["HEAD", "packed-refs"]
        .into_iter()
        .map(str::to_string)
        .chain(branch);
    for name in watched {
        if let Some(path) = git(&["rev-parse", "--path-format=absolute", "--git-path", &name]) {
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// The trimmed output of a successful `git` command; `None` without git or a repository.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}
