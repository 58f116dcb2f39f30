//! `assist completions`: the shell's registration script; and the hidden `assist manpages`.
//! The completions themselves come from `assist` at each TAB (clap_complete's dynamic
//! completion, see main.rs): profile names are read from the config as it is then, values
//! from the same definition as the parser.
//!
//! `assist manpages` writes a page per command from the same definition as `--help`, through
//! clap_mangen's sections, with two of our own: EXAMPLES kept line for line (clap_mangen's
//! EXTRA reflows them into one paragraph) and EXIT STATUS, the table of docs/CONTRACT.md in
//! the page's language (`man-exit-*` of help.ftl; the English is the contract's, word for word).

use std::io::Write;
use std::path::Path;

use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::Shell;
use clap_mangen::roff::{roman, Roff};
use clap_mangen::Man;

use crate::messages::{msg, os_error, worded, Lang, Message};
use crate::outcome::Outcome;

/// The variable the scripts set to ask `assist` for completions (clap_complete's default).
const VAR: &str = "COMPLETE";

pub fn run(shell: Shell) -> anyhow::Result<Outcome> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Elvish => &Elvish,
        other => {
            return Err(worded(msg!("err-completion-shell", shell = other)));
        }
    };
    // Written into memory first: a failed write (`| head`) is an error, not a panic.
    let mut script = Vec::new();
    completer.write_registration(VAR, "assist", "assist", "assist", &mut script)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::Done)
}

// ---- `assist manpages` ----
/// Writes `assist.1` and a page per command (`assist-show.1`, `assist-config-init.1`…) into
/// `dir`, and the same pages in Chinese into `dir/zh_CN` (for `man -L zh_CN`). The plain
/// version, without the commit: the committed pages stay the same from one commit to the next.
pub fn write_all(dir: &Path) -> anyhow::Result<Outcome> {
    let zh_dir = dir.join("zh_CN");
    std::fs::create_dir_all(&zh_dir).map_err(|e| {
        worded(msg!("err-manpages-dir", dir = zh_dir.display()).quote("error", os_error(&e)))
    })?;
    // The English pages in clap's own words whatever the run's language.
    let english = || {
        crate::cli::english()
            .version(env!("CARGO_PKG_VERSION"))
            .disable_help_subcommand(true)
    };
    let mut cmd = english();
    cmd.build();
    let zh = crate::cli::help::localize(english(), Lang::Zh);
    for (cmd, dir, lang) in [(&cmd, dir, Lang::En), (&zh, zh_dir.as_path(), Lang::Zh)] {
        write_tree(cmd, dir, lang).map_err(|e| {
            worded(msg!("err-manpages-write", dir = dir.display()).quote("error", os_error(&e)))
        })?;
    }
    Ok(Outcome::Done)
}

/// The page of `cmd`, then those of its visible subcommands (named as clap_mangen names them).
fn write_tree(cmd: &clap::Command, dir: &Path, lang: Lang) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_tree(sub, dir, lang)?;
    }
    let man = Man::new(cmd.clone());
    let mut file = std::fs::File::create(dir.join(man.get_filename()))?;
    file.write_all(&in_lang(page(cmd, &man, lang)?, lang))?;
    file.flush()
}

/// clap_mangen's section titles (and ours) in `lang`: its are English only.
fn in_lang(page: Vec<u8>, lang: Lang) -> Vec<u8> {
    if lang == Lang::En {
        return page;
    }
    let titles = [
        ("NAME", "man-name"),
        ("SYNOPSIS", "man-synopsis"),
        ("DESCRIPTION", "man-description"),
        ("OPTIONS", "man-options"),
        ("SUBCOMMANDS", "man-subcommands"),
        ("EXAMPLES", "man-examples"),
        ("\"EXIT STATUS\"", "man-exit-status"),
        ("VERSION", "man-version"),
    ];
    let mut text = String::from_utf8_lossy(&page).into_owned();
    for (title, id) in titles {
        if let Some(word) = crate::messages::text_of(lang, id) {
            text = text.replace(&format!("\n.SH {title}\n"), &format!("\n.SH {word}\n"));
        }
    }
    text.into_bytes()
}

/// clap_mangen's sections in its order, EXAMPLES and EXIT STATUS in place of its EXTRA.
fn page(cmd: &clap::Command, man: &Man, lang: Lang) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out)?;
    }
    let mut own = Roff::new();
    if let Some(after) = cmd.get_after_help() {
        examples(&mut own, &after.to_string(), lang);
    }
    exit_status(&mut own, lang);
    own.to_writer(&mut out)?;
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(one_preamble(&out))
}

/// Each rendering starts with roff's preamble (the apostrophe string): a page needs it once.
fn one_preamble(page: &[u8]) -> Vec<u8> {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let text = String::from_utf8_lossy(page);
    let body = text.replace(PREAMBLE, "");
    match text.starts_with(PREAMBLE) {
        true => format!("{PREAMBLE}{body}").into_bytes(),
        false => body.into_bytes(),
    }
}

/// The examples as written: one line each, indentation kept (no fill, no adjusting).
fn examples(roff: &mut Roff, after_help: &str, lang: Lang) {
    let heading = crate::messages::text_of(lang, "man-examples-line");
    let heading = format!("{}\n", heading.as_deref().unwrap_or("Examples:"));
    let lines = after_help.strip_prefix(&heading).unwrap_or(after_help);
    roff.control("SH", ["EXAMPLES"]);
    roff.control("nf", []);
    for line in lines.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}

/// The rows of EXIT STATUS: the codes as docs/CONTRACT.md's table lists them, and the
/// catalogue id of each meaning (the English is the contract's words, a test keeps them so).
const EXIT_MEANINGS: [(&str, &str); 11] = [
    ("0", "man-exit-0"),
    ("1", "man-exit-1"),
    ("2", "man-exit-2"),
    ("3", "man-exit-3"),
    ("4", "man-exit-4"),
    ("5", "man-exit-5"),
    ("6", "man-exit-6"),
    ("7", "man-exit-7"),
    ("8", "man-exit-8"),
    ("9", "man-exit-9"),
    ("130, 143, 129", "man-exit-signals"),
];

/// One tagged paragraph per exit code, its meaning in `lang`.
fn exit_status(roff: &mut Roff, lang: Lang) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, id) in EXIT_MEANINGS {
        roff.control("TP", []);
        roff.text([roman(code)]);
        roff.text([roman(Message::new(id).render_in(lang))]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contract whose exit-code table every page carries.
    const CONTRACT: &str = include_str!("../../docs/CONTRACT.md");

    /// `| code | meaning |` rows under "## Exit codes", backticks dropped (roff has no code font).
    fn exit_rows(contract: &str) -> Vec<(String, String)> {
        contract
            .lines()
            .skip_while(|l| l.trim() != "## Exit codes")
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .filter_map(|l| {
                let cells: Vec<&str> = l
                    .trim()
                    .strip_prefix('|')?
                    .strip_suffix('|')?
                    .split(" | ")
                    .collect();
                let [code, meaning] = cells.as_slice() else {
                    return None;
                };
                let code = code.trim();
                code.starts_with(|c: char| c.is_ascii_digit())
                    .then(|| (code.to_string(), meaning.trim().replace('`', "")))
            })
            .collect()
    }

    /// The pages say in English what the contract says, code for code, word for word; and
    /// every meaning has its own words in Chinese.
    #[test]
    fn every_exit_code_of_the_contract_is_a_row_in_its_words() {
        let rows = exit_rows(CONTRACT);
        let ours: Vec<(String, String)> = EXIT_MEANINGS
            .iter()
            .map(|(code, id)| (code.to_string(), Message::new(id).render_in(Lang::En)))
            .collect();
        assert_eq!(ours, rows);
        for (code, id) in EXIT_MEANINGS {
            let zh = Message::new(id).render_in(Lang::Zh);
            assert_ne!(zh, Message::new(id).render_in(Lang::En), "exit {code}");
        }
    }
}
