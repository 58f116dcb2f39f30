//! `--help` and the man pages in the run's language. English is clap's derive text as written
//! (the golden man pages pin it); another language rewrites the command tree from the
//! catalogue (`locales/*/help.ftl`), keyed by command path and argument id:
//! `about-start`, `help-start-wait`, `help-profile` (a global option, the same everywhere),
//! `after-start` (the examples), plus clap's own words (`clap-print-help`, `heading-options`).

use clap::builder::StyledStr;
use clap::{Arg, Command};

use crate::messages::{self, Lang};

/// clap's own texts for the flags and the subcommand it adds, by their English words.
const CLAP_WORDS: &[(&str, &str)] = &[
    ("Print help", "clap-print-help"),
    (
        "Print help (see more with '--help')",
        "clap-print-help-more",
    ),
    (
        "Print help (see a summary with '-h')",
        "clap-print-help-summary",
    ),
    ("Print version", "clap-print-version"),
    (
        "Print this message or the help of the given subcommand(s)",
        "clap-help-subcommand",
    ),
    (
        "Print help for the subcommand(s)",
        "clap-help-subcommand-arg",
    ),
];

/// The heading the global options carry (cli/mod.rs), and its catalogue id.
const GLOBAL_HEADING: (&str, &str) = ("Global options", "heading-global-options");

/// The other words clap writes itself: headings and the notes after an option's help.
#[cfg(test)]
const HEADINGS: &[(&str, &str)] = &[
    ("heading-usage", "Usage"),
    ("heading-commands", "Commands"),
    ("heading-arguments", "Arguments"),
    ("heading-options", "Options"),
    (GLOBAL_HEADING.1, GLOBAL_HEADING.0),
    ("note-env", "env"),
    ("note-default", "default"),
    ("note-possible-values", "possible values"),
    (OPTIONS_PLACEHOLDER.1, OPTIONS_PLACEHOLDER.0),
    (COMMAND_PLACEHOLDER.1, COMMAND_PLACEHOLDER.0),
];

/// The placeholder clap writes in a usage line for "some options" (its own words, not a
/// value name: no setting changes it), and its catalogue id.
const OPTIONS_PLACEHOLDER: (&str, &str) = ("OPTIONS", "value-options");

/// The placeholder of a subcommand in a usage line (`<COMMAND>`, clap's default name).
const COMMAND_PLACEHOLDER: (&str, &str) = ("COMMAND", "value-command");

/// The command tree in `lang`: clap's own for English (untouched, so byte-identical); else
/// rewritten from the catalogue, before clap builds it (arguments can still be put in order
/// then), and once built for what clap adds itself (the `help` subcommand).
pub fn localize(cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    let mut english = cmd.clone();
    english.build();
    let words = Words {
        lang,
        english: &english,
    };
    let usage = words.usage_heading(&cmd);
    let mut cmd = in_words(cmd, "", &words, &usage, true);
    cmd.build();
    added_by_clap(cmd, "", &words, &usage)
}

/// `-h`/`--help` (and the root's `-V`/`--version`) made here rather than by clap, with the
/// words clap gives them in English: clap would add its own after the global options, whose
/// heading would then come first. (clap hands `disable_help_flag` down to every subcommand.)
fn own_flags(cmd: Command, path: &str, words: &Words) -> Command {
    let english = find(words.english, path);
    let flag = |id: &str| english.and_then(|c| c.get_arguments().find(|a| a.get_id() == id));
    let said = |text: Option<&StyledStr>| {
        let text = text.map(|t| t.to_string()).unwrap_or_default();
        let key = CLAP_WORDS.iter().find(|(w, _)| *w == text).map(|(_, k)| *k);
        key.and_then(|k| words.get(k)).unwrap_or(text)
    };
    let heading = words.word("heading-options", "Options");
    let mut cmd = cmd.disable_help_flag(true);
    if let Some(english) = flag("help") {
        let mut help = Arg::new("help")
            .short('h')
            .long("help")
            .action(clap::ArgAction::Help)
            .help(said(english.get_help()))
            .help_heading(heading.clone());
        if english.get_long_help().is_some() {
            help = help.long_help(said(english.get_long_help()));
        }
        cmd = cmd.arg(help);
    }
    if let Some(english) = flag("version") {
        let version = Arg::new("version")
            .short('V')
            .long("version")
            .action(clap::ArgAction::Version)
            .help(said(english.get_help()))
            .help_heading(heading);
        cmd = cmd.disable_version_flag(true).arg(version);
    }
    cmd
}

/// The subcommand of `cmd` at `path` (`config-init`).
fn find<'a>(cmd: &'a Command, path: &str) -> Option<&'a Command> {
    path.split('-')
        .filter(|s| !s.is_empty())
        .try_fold(cmd, |cmd, name| cmd.find_subcommand(name))
}

/// After the build: clap's `help` subcommand, in every command that has one.
fn added_by_clap(cmd: Command, path: &str, words: &Words, usage: &str) -> Command {
    let clap_help = CLAP_WORDS[4].0;
    let names: Vec<(String, bool)> = cmd
        .get_subcommands()
        .map(|s| {
            let about = s.get_about().map(|a| a.to_string());
            (
                s.get_name().to_string(),
                about.as_deref() == Some(clap_help),
            )
        })
        .collect();
    let mut cmd = cmd;
    for (name, is_help) in names {
        let sub_path = child_path(path, &name);
        cmd = cmd.mut_subcommand(&name, |sub| match is_help {
            true => in_words(sub, &sub_path, words, usage, false),
            false => added_by_clap(sub, &sub_path, words, usage),
        });
    }
    cmd
}

/// Looks up the catalogue in one language.
struct Words<'a> {
    lang: Lang,
    /// The same tree in English, built: the words clap gave its own flags there.
    english: &'a Command,
}

impl Words<'_> {
    fn get(&self, id: &str) -> Option<String> {
        messages::text_of(self.lang, id)
    }

    /// A word clap hard-codes, from the catalogue (English as clap says it when absent).
    fn word(&self, id: &str, english: &str) -> String {
        self.get(id).unwrap_or_else(|| english.to_string())
    }

    /// `Usage:` in the help's header style (clap's `{usage-heading}` cannot be translated).
    fn usage_heading(&self, cmd: &Command) -> String {
        let style = cmd.get_styles().get_usage();
        let word = self.word("heading-usage", "Usage");
        format!("{style}{word}:{style:#}")
    }
}

/// The path of a subcommand: `start`, `config-init` (the root is the empty path).
fn child_path(path: &str, name: &str) -> String {
    match path {
        "" => name.to_string(),
        _ => format!("{path}-{name}"),
    }
}

/// The catalogue id of a command's text: `about-assist` for the root, `about-config-init`.
/// clap's `help` subcommand says its own words; the commands under it (`help start`) have
/// those of the command they stand for.
pub fn command_key(kind: &str, path: &str, english: &str) -> String {
    if let Some((_, key)) = CLAP_WORDS.iter().find(|(words, _)| *words == english) {
        return (*key).to_string();
    }
    let path: Vec<&str> = path
        .split('-')
        .filter(|s| !s.is_empty() && *s != "help")
        .collect();
    match path.as_slice() {
        [] => format!("{kind}-assist"),
        _ => format!("{kind}-{}", path.join("-")),
    }
}

/// The catalogue id of an argument's text: a global option (or one of the root's) is named
/// alone, wherever clap copied it; clap's own flags by their words; the rest by the path.
pub fn arg_key(kind: &str, path: &str, arg: &Arg, english: &str) -> String {
    if let Some((_, key)) = CLAP_WORDS.iter().find(|(words, _)| *words == english) {
        return (*key).to_string();
    }
    let id = arg.get_id().as_str().replace('_', "-");
    match path {
        _ if path.is_empty() || arg.is_global_set() => format!("{kind}-{id}"),
        _ => format!("{kind}-{path}-{id}"),
    }
}

/// One command and, recursively, its subcommands in `words`; `order`: put the arguments in
/// the order of clap's English headings (only before the build: clap indexes them then).
fn in_words(cmd: Command, path: &str, words: &Words, usage: &str, order: bool) -> Command {
    let mut cmd = texts_in_words(cmd, path, words);
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
    );
    cmd = cmd
        .help_template(StyledStr::from(template))
        .subcommand_help_heading(words.word("heading-commands", "Commands"))
        .subcommand_value_name(words.word(COMMAND_PLACEHOLDER.1, COMMAND_PLACEHOLDER.0));
    let owner = path.to_string();
    let mut sections: Vec<(String, u8)> = cmd.get_arguments().map(section).collect();
    cmd = cmd.mut_args(|arg| arg_in_words(arg, &owner, words));
    if order {
        cmd = own_flags(cmd, path, words);
        sections.extend(["help", "version"].map(|id| (id.to_string(), 1)));
        sections.retain(|(id, _)| cmd.get_arguments().any(|a| a.get_id() == id));
    }
    // Every argument now has a heading, and clap shows headings in the order of the
    // arguments: put them back in its English order (arguments, options, the rest).
    for rank in (0..3).filter(|_| order) {
        for (id, _) in sections.iter().filter(|(_, r)| *r == rank) {
            cmd = cmd.mut_arg(id, |a| a);
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = child_path(path, &name);
        cmd = cmd.mut_subcommand(&name, |sub| in_words(sub, &sub_path, words, usage, order));
    }
    cmd
}

/// A command's own texts in `words`: what it does, at length, and its examples.
fn texts_in_words(mut cmd: Command, path: &str, words: &Words) -> Command {
    let english = |text: Option<&StyledStr>| text.map(|t| t.to_string());
    let key = |kind: &str, text: Option<String>| text.map(|t| command_key(kind, path, &t));
    if let Some(text) = key("about", english(cmd.get_about())).and_then(|k| words.get(&k)) {
        cmd = cmd.about(text);
    }
    let long = key("long-about", english(cmd.get_long_about()));
    if let Some(text) = long.and_then(|k| words.get(&k)) {
        cmd = cmd.long_about(text);
    }
    let after = key("after", english(cmd.get_after_help()));
    if let Some(text) = after.and_then(|k| words.get(&k)) {
        cmd = cmd.after_help(text);
    }
    cmd
}

/// The id of an argument and where clap's English help puts it: 0 under `Arguments:`, 1
/// under `Options:`, 2 under a heading of its own (`Global options`).
fn section(arg: &Arg) -> (String, u8) {
    let rank = match (arg.get_help_heading(), arg.is_positional()) {
        (Some(_), _) => 2,
        (None, true) => 0,
        (None, false) => 1,
    };
    (arg.get_id().to_string(), rank)
}

/// One argument in `words`: its help, its long help, its heading (every argument gets one, so
/// that clap's `Arguments:` and `Options:` are said too) and the notes clap appends
/// (`[default: …]`, `[env: …]`, `[possible values: …]`) in the language's words.
fn arg_in_words(arg: Arg, path: &str, words: &Words) -> Arg {
    let english = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let long_english = arg.get_long_help().map(|h| h.to_string());
    let notes = notes(&arg, words);
    let mut arg = arg;
    if let Some(text) = words.get(&arg_key("help", path, &arg, &english)) {
        arg = arg.help(format!("{text}{notes}"));
    }
    if let Some(long) = long_english {
        if let Some(text) = words.get(&arg_key("long-help", path, &arg, &long)) {
            arg = arg.long_help(format!("{text}{notes}"));
        }
    }
    let heading = match arg.get_help_heading() {
        Some(h) if h == GLOBAL_HEADING.0 => words.word(GLOBAL_HEADING.1, h),
        Some(h) => h.to_string(),
        None if arg.is_positional() => words.word("heading-arguments", "Arguments"),
        None => words.word("heading-options", "Options"),
    };
    let arg = placeholders_in_words(arg.help_heading(heading).hide_env(true), words);
    // clap refuses these on a flag that takes no value (`-v`): it has no such notes anyway.
    match arg.get_action().takes_values() {
        true => arg.hide_default_value(true).hide_possible_values(true),
        false => arg,
    }
}

/// The names of an argument's values (`<DURATION>`, `[DESKTOP_ID]`) in `words`: in the help,
/// the usage line and clap's usage errors alike.
fn placeholders_in_words(arg: Arg, words: &Words) -> Arg {
    let Some(names) = arg.get_value_names() else {
        return arg;
    };
    let names: Vec<String> = names
        .iter()
        .map(|name| words.word(&placeholder_key(name), name))
        .collect();
    arg.value_names(names)
}

/// A usage line in `lang`: clap writes `[OPTIONS]` itself, whatever the names of values.
pub fn usage_in_words(usage: &str, lang: Lang) -> String {
    let (english, id) = OPTIONS_PLACEHOLDER;
    let word = (lang != Lang::En)
        .then(|| messages::text_of(lang, id))
        .flatten();
    match word {
        Some(word) => usage.replace(&format!("[{english}]"), &format!("[{word}]")),
        None => usage.to_string(),
    }
}

/// The catalogue id of a value's name: `value-duration`, `value-status-status` for
/// `STATUS[,STATUS...]`.
pub fn placeholder_key(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("value-{}", words.join("-"))
}

/// What clap would append to the help, in `words`: ` [环境变量: ASSIST_PROFILE]`… (values of
/// variables are never shown, as in English; a default clap hides stays hidden).
fn notes(arg: &Arg, words: &Words) -> String {
    let mut notes = String::new();
    let mut add = |id: &str, english: &str, value: String| {
        let label = words.word(id, english);
        notes.push_str(&format!(" [{label}: {value}]"));
    };
    if let (Some(env), false) = (arg.get_env(), arg.is_hide_env_set()) {
        add("note-env", "env", env.to_string_lossy().into_owned());
    }
    let takes_value = arg.get_action().takes_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        add("note-default", "default", defaults.join(", "));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !possible.is_empty() && !arg.is_hide_possible_values_set() {
        add(
            "note-possible-values",
            "possible values",
            possible.join(", "),
        );
    }
    notes
}

/// Every text of the tree that has a catalogue id, with its English words (clap's derive
/// text): what help.ftl must hold, in every language.
#[cfg(test)]
pub fn entries(cmd: &Command) -> Vec<(String, String)> {
    let mut cmd = cmd.clone();
    cmd.build();
    // clap's own words are there whether or not this tree shows them.
    let clap_words = CLAP_WORDS.iter().map(|(english, key)| (*key, *english));
    let mut found: Vec<(String, String)> = HEADINGS
        .iter()
        .copied()
        .chain(clap_words)
        .map(|(key, english)| (key.to_string(), english.to_string()))
        .collect();
    walk(&cmd, "", &mut found);
    let mut seen = std::collections::BTreeSet::new();
    found.retain(|(key, _)| seen.insert(key.clone()));
    found
}

#[cfg(test)]
fn walk(cmd: &Command, path: &str, found: &mut Vec<(String, String)>) {
    let texts = [
        ("about", cmd.get_about()),
        ("long-about", cmd.get_long_about()),
        ("after", cmd.get_after_help()),
    ];
    for (kind, text) in texts {
        if let Some(text) = text.map(|t| t.to_string()) {
            found.push((command_key(kind, path, &text), text));
        }
    }
    for arg in cmd.get_arguments() {
        // A flag has value names once built, never shown.
        let names = arg
            .get_value_names()
            .filter(|_| arg.get_action().takes_values());
        for name in names.unwrap_or_default() {
            found.push((placeholder_key(name), name.to_string()));
        }
        for (kind, text) in [("help", arg.get_help()), ("long-help", arg.get_long_help())] {
            if let Some(text) = text.map(|t| t.to_string()) {
                found.push((arg_key(kind, path, arg, &text), text));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        walk(sub, &child_path(path, sub.get_name()), found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prints help.ftl's entries as Fluent text (`cargo test print_help_ftl -- --ignored
    /// --nocapture`): the English file is this output.
    #[test]
    #[ignore]
    fn print_help_ftl() {
        for (key, text) in entries(&super::super::command()) {
            println!("{}", ftl_entry(&key, &text));
        }
    }

    /// help.ftl holds exactly the texts of the command tree, in every language; its English
    /// is clap's derive text as written (so a changed help fails here until both are done).
    #[test]
    fn every_command_and_argument_has_its_help_in_every_language() {
        let entries = entries(&super::super::english());
        let known: Vec<&str> = entries.iter().map(|(key, _)| key.as_str()).collect();
        for lang in [Lang::En, Lang::Zh] {
            let ids: Vec<String> = messages::catalogue_files(lang)
                .iter()
                .filter(|(name, _)| name == "help.ftl")
                .flat_map(|(_, source)| messages::catalogue_ids(source))
                .collect();
            let missing: Vec<&&str> = known
                .iter()
                .filter(|k| !ids.iter().any(|i| i == *k))
                .collect();
            assert!(
                missing.is_empty(),
                "{}/help.ftl lacks {missing:?}",
                lang.tag()
            );
            // The usage errors' and the man pages' own words are messages like any other.
            let stray: Vec<&String> = ids
                .iter()
                .filter(|i| {
                    !i.starts_with("usage-")
                        && !i.starts_with("man-")
                        && !known.contains(&i.as_str())
                })
                .collect();
            assert!(
                stray.is_empty(),
                "{}/help.ftl names no command or argument: {stray:?}",
                lang.tag()
            );
        }
        for (key, english) in &entries {
            let text = messages::text_of(Lang::En, key);
            assert_eq!(
                text.as_deref(),
                Some(english.as_str()),
                "en/help.ftl: {key}"
            );
        }
    }

    /// `key = text` in Fluent's syntax: braces and a leading `[`, `*`, `.` escaped, a text of
    /// several lines as an indented block.
    pub fn ftl_entry(key: &str, text: &str) -> String {
        let lines: Vec<String> = text.lines().map(escape_line).collect();
        match lines.as_slice() {
            [one] => format!("{key} = {one}"),
            _ => format!("{key} =\n    {}", lines.join("\n    ")).replace("\n    \n", "\n\n"),
        }
    }

    /// A line's own indentation goes into the escape of a first `*` (Fluent drops the
    /// blanks before a placeable that starts a line).
    fn escape_line(line: &str) -> String {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let mut out = String::new();
        for (i, c) in body.chars().enumerate() {
            match c {
                '{' | '}' => out.push_str(&format!("{{\"{c}\"}}")),
                '[' | '*' | '.' if i == 0 => out.push_str(&format!("{{\"{indent}{c}\"}}")),
                _ => out.push(c),
            }
        }
        match body.starts_with(['[', '*', '.']) {
            true => out,
            false => format!("{indent}{out}"),
        }
    }
}
