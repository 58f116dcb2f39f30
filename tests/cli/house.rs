//! The house's rules, checked on the source: no room imports a room above it, no two files
//! import each other (directly or around a loop), the sizes the house keeps (files, rooms,
//! test binaries, the README), and the demo profile's settings print without starting a
//! simulator.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::*;

/// The rooms of `src/`, top first; a room may use only rooms below it (docs/ARCHITECTURE.md,
/// "The rooms"). `files` is below `messages`, which words its reasons.
const ROOMS: &[&[&str]] = &[
    &["main"],
    &["exit"],
    &["commands"],
    &["cli"],
    &["engine"],
    &["hooks", "notify"],
    &["session", "outcome"],
    &["config"],
    &["output"],
    &["api"],
    &["auth"],
    &["audit"],
    &["domain", "crash", "testing", "messages"],
    &["files"],
    &["secret", "text", "units"],
];

fn rank(room: &str) -> usize {
    ROOMS
        .iter()
        .position(|floor| floor.contains(&room))
        .unwrap_or_else(|| panic!("room {room} is not in the house's table (tests/cli/house.rs)"))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// `src/commands/show.rs` → `["commands", "show"]`; `mod.rs` names its folder; main is `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file without its comments and its `#[cfg(test)]` tail.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paths like `a::b::c` that start right after `prefix` (`crate::`, `super::`, `self::`, or a
/// child module's name).
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = Vec::new();
    for (i, _) in code.match_indices(prefix) {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| ident(c) || c == ':') {
            continue;
        }
        let rest = &code[i + prefix.len()..];
        let path: Vec<String> = rest
            .split("::")
            .map(|seg| seg.chars().take_while(|c| ident(*c)).collect::<String>())
            .take_while(|seg| !seg.is_empty())
            .collect();
        found.push(path);
    }
    found
}

/// The longest prefix of `path` that is a module of the crate.
fn longest_module(modules: &BTreeSet<Vec<String>>, path: &[String]) -> Option<Vec<String>> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

/// Which modules each module uses.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<(Vec<String>, PathBuf)> = sources(&src)
        .into_iter()
        .map(|f| (module_of(&src, &f), f))
        .collect();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut edges = BTreeMap::new();
    for (module, file) in &files {
        let code = code(&std::fs::read_to_string(file).unwrap());
        let parent = module[..module.len().saturating_sub(1)].to_vec();
        let mut uses = BTreeSet::new();
        let mut add = |base: &[String], path: Vec<String>| {
            let full = [base, &path].concat();
            if let Some(target) = longest_module(&modules, &full) {
                if &target != module {
                    uses.insert(target);
                }
            }
        };
        for path in paths_after(&code, "crate::") {
            add(&[], path);
        }
        for path in paths_after(&code, "super::") {
            add(&parent, path);
        }
        for child in modules
            .iter()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
        {
            let name = child.last().unwrap();
            for path in paths_after(&code, &format!("{name}::")) {
                add(module, [vec![name.clone()], path].concat());
            }
        }
        edges.insert(module.clone(), uses);
    }
    edges
}

fn room(module: &[String]) -> &str {
    module.first().map_or("main", String::as_str)
}

#[test]
fn no_room_uses_a_room_above_it() {
    let mut wrong = Vec::new();
    for (module, uses) in graph() {
        for used in uses {
            let (from, to) = (room(&module), room(&used));
            if from != to && rank(to) <= rank(from) {
                wrong.push(format!("{} uses {}", module.join("::"), used.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "upward imports:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_files_use_each_other() {
    let graph = graph();
    let mut cycles = BTreeSet::new();
    for start in graph.keys() {
        // A path back to `start` through the files it uses is a cycle.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    // One report per loop, whichever of its files it was found from.
                    let mut names: Vec<String> = path
                        .iter()
                        .map(|m| format!("src/{}", m.join("/")))
                        .collect();
                    names.sort();
                    cycles.insert(names.join(", "));
                } else if seen.insert(next.clone()) {
                    stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
                }
            }
        }
    }
    let cycles: Vec<String> = cycles.into_iter().collect();
    assert!(
        cycles.is_empty(),
        "files that use each other:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn config_sees_neither_clap_nor_the_simulator_and_api_no_exit_codes() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in sources(&src.join("config")) {
        let code = code(&std::fs::read_to_string(&file).unwrap());
        for banned in ["clap::", "assist_sim", "crate::cli"] {
            assert!(!code.contains(banned), "{} uses {banned}", file.display());
        }
    }
    for file in sources(&src.join("api")) {
        let code = code(&std::fs::read_to_string(&file).unwrap());
        assert!(
            !code.contains("crate::exit"),
            "{} uses crate::exit",
            file.display()
        );
    }
}

#[test]
fn the_demo_settings_print_without_starting_a_simulator() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--profile", "demo", "config", "show", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["profile"]["value"], "demo");
    assert_eq!(v["auth"]["value"], "aksk");
    assert_eq!(v["auth"]["source"], "the built-in demo profile");
    assert_eq!(
        v["endpoint"]["value"],
        "http://127.0.0.1 (a simulator each command starts on a free port)"
    );
    // A started simulator would have said where it listens.
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_demo_profile_starts_its_simulator_and_says_so() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--profile",
            "demo",
            "--endpoint",
            "https://example.com",
            "show",
        ])
        .arg(EXAMPLE_DESKTOP)
        .args(["-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert_eq!(
        lines[0],
        "note: --endpoint and --region are ignored by the built-in demo profile"
    );
    assert!(
        lines[1].starts_with("note: \"demo\" is a built-in simulator at http://127.0.0.1:"),
        "{err}"
    );
}

/// Lines of a source file that are not its `#[cfg(test)]` tail.
fn code_lines(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .count()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files over `limit` lines, as `path (n)`.
fn over(files: &[PathBuf], limit: usize, count: impl Fn(&Path) -> usize) -> Vec<String> {
    files
        .iter()
        .map(|f| (f, count(f)))
        .filter(|(_, n)| *n > limit)
        .map(|(f, n)| format!("{} ({n})", f.display()))
        .collect()
}

#[test]
fn no_source_file_of_the_client_or_the_simulator_is_over_700_lines() {
    let mut files = sources(&root().join("src"));
    let sim = sources(&root().join("sim/src"));
    // The simulator's test module is tests, not source.
    files.extend(sim.into_iter().filter(|f| !f.ends_with("tests.rs")));
    let long = over(&files, 700, code_lines);
    assert!(long.is_empty(), "over 700 lines: {long:?}");
}

#[test]
fn no_file_of_the_api_room_is_over_500_lines() {
    let files = sources(&root().join("src/api"));
    let count = |f: &Path| std::fs::read_to_string(f).unwrap().lines().count();
    let long = over(&files, 500, count);
    assert!(long.is_empty(), "api/ files over 500 lines: {long:?}");
}

#[test]
fn commands_holds_at_most_15_files() {
    let files = sources(&root().join("src/commands"));
    assert!(files.len() <= 15, "{} files in src/commands", files.len());
}

#[test]
fn at_most_3_eprintln_outside_the_output_and_messages_rooms() {
    let src = root().join("src");
    let mut found = Vec::new();
    for file in sources(&src) {
        let rel = file.strip_prefix(&src).unwrap();
        if rel.starts_with("output") || rel.starts_with("messages") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = code(&text);
        for _ in code.matches("eprintln!") {
            found.push(rel.display().to_string());
        }
    }
    assert!(
        found.len() <= 3,
        "eprintln! outside output/ and messages/: {found:?}"
    );
}

#[test]
fn the_tests_build_as_at_most_4_binaries() {
    let mut binaries = Vec::new();
    for entry in std::fs::read_dir(root().join("tests")).unwrap() {
        let path = entry.unwrap().path();
        let is_test = path.extension().is_some_and(|e| e == "rs") || path.join("main.rs").is_file();
        if is_test {
            binaries.push(path.display().to_string());
        }
    }
    assert!(binaries.len() <= 4, "test binaries: {binaries:?}");
}

#[test]
fn the_readme_is_a_front_door_of_at_most_350_lines() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let n = readme.lines().count();
    assert!(n <= 350, "README.md has {n} lines");
    // "Try it" runs every test: the simulator's too.
    assert!(
        readme.contains("cargo test --workspace"),
        "README names no command that runs every test"
    );
}
