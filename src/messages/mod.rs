//! One voice: every line assist says to a person on stderr (notes, warnings, errors, hints,
//! progress) is a `Message`, an id and its arguments, rendered here and nowhere else.
//!
//! Call sites build values (`msg!("state-file-busy", path = …, wait = …)`); the words live in
//! the catalogue (`catalogue.rs`), so a second language replaces one lookup, not every call
//! site. Arguments are sanitised when they are rendered: server text, paths and user input can
//! never move the cursor or forge a line, wherever they come from.

// Until every room speaks through it (the voice work in progress), some of it is unused.
#![allow(dead_code)]

mod catalogue;
pub mod lang;
pub(crate) mod message;
mod os;

pub use lang::Lang;
pub(crate) use message::msg;
pub use message::{text_of, worded, Message, Worded};
pub use os::{os_error, unsafe_file, unsafe_why};

use std::io::Write;

/// The catalogue files of a language and the ids of one: for the help's own completeness test.
#[cfg(test)]
pub use catalogue::{files as catalogue_files, ids_of as catalogue_ids};

/// How a line is introduced: the prefix a reader (and a script's `grep`) looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A plain sentence: what was done ("cancelled …").
    Plain,
    /// `note: …`: worth knowing, nothing went wrong.
    Note,
    /// `warning: …`: something went wrong that the run works around.
    Warning,
    /// `error: …`: something failed.
    Error,
    /// `  cause: …`: what led to the error above, one line a cause.
    Cause,
    /// `  hint: …`: what to do about the error above.
    Hint,
    /// `* …`: a `-v` detail.
    Detail,
}

impl Level {
    /// The prefix in `lang`. Chinese has its own words (as git's zh_CN does: `错误：`), with
    /// the full-width colon Chinese text uses: a person reading Chinese reads every word of the
    /// line in it. A script keys on the exit code, or runs with `ASSIST_LANG=en` to grep the
    /// English prefixes (docs/guide.md, "Language"). Six fixed words, so a match, not ids.
    fn prefix(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (_, Level::Plain) => "",
            (_, Level::Detail) => "* ",
            (Lang::En, Level::Note) => "note: ",
            (Lang::En, Level::Warning) => "warning: ",
            (Lang::En, Level::Error) => "error: ",
            (Lang::En, Level::Cause) => "  cause: ",
            (Lang::En, Level::Hint) => "  hint: ",
            (Lang::Zh, Level::Note) => "提示：",
            (Lang::Zh, Level::Warning) => "警告：",
            (Lang::Zh, Level::Error) => "错误：",
            (Lang::Zh, Level::Cause) => "  原因：",
            (Lang::Zh, Level::Hint) => "  建议：",
        }
    }
}

/// The line as it is written: the level's prefix and the rendered message.
pub fn line(level: Level, message: &Message) -> String {
    let lang = lang::current();
    format!("{}{}", level.prefix(lang), message.render_in(lang))
}

/// Writes one whole line to stderr. A closed or full stderr is not worth failing the run for:
/// what was to be said is lost, what was done stands.
pub fn say(level: Level, message: &Message) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", line(level, message));
}

/// Writes a question without a line break, for the answer to follow on the same line, and
/// makes sure it is shown before the program waits: a prompt that cannot be shown fails.
pub fn ask(message: &Message) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    write!(err, "{}", message.render())?;
    err.flush()
}

/// What a person answered to a yes/no question ([`confirm`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `y` or `yes`, in any case (in Chinese also `是`).
    Yes,
    /// Anything else, or the end of the input.
    No,
    /// The caller's `stopped` said so while the question waited: a signal came (Ctrl-C).
    Stopped,
}

/// Asks a yes/no question on the terminal, the one way every command confirms: whatever was
/// typed before the question is thrown away first, so type-ahead cannot answer it, and while
/// it waits a signal ends the wait at once (`stopped` is looked at whenever one interrupts
/// it), where a plain read would let the next line answer.
pub fn confirm(question: &Message, stopped: &dyn Fn() -> bool) -> std::io::Result<Answer> {
    discard_typeahead();
    ask(question)?;
    if !wait_for_line(stopped)? {
        return Ok(Answer::Stopped);
    }
    let mut answer = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)?;
    // A signal that came while the line was read still wins over what it says.
    if stopped() {
        return Ok(Answer::Stopped);
    }
    Ok(if is_yes(&answer, lang::current()) {
        Answer::Yes
    } else {
        Answer::No
    })
}

/// `y` or `yes` in any case, in every language (a habit of the hands, and what the `[y/N]`
/// of every question shows); in Chinese also `是`, the word a Chinese reader answers with.
fn is_yes(answer: &str, lang: Lang) -> bool {
    let answer = answer.trim().to_lowercase();
    matches!(answer.as_str(), "y" | "yes") || (lang == Lang::Zh && answer == "是")
}

/// Drops what the terminal holds unread (TCIFLUSH): a `y` typed while the list was still
/// coming must not answer a question not yet asked. Not a terminal: nothing to drop.
#[cfg(unix)]
fn discard_typeahead() {
    use std::os::fd::AsRawFd;
    let fd = std::io::stdin().as_raw_fd();
    // SAFETY: both calls take a descriptor number and touch no memory of ours.
    unsafe {
        if libc::isatty(fd) == 1 {
            libc::tcflush(fd, libc::TCIFLUSH);
        }
    }
}

#[cfg(not(unix))]
fn discard_typeahead() {}

/// Waits until a line can be read (true), or until `stopped` says stop (false). A signal
/// interrupts poll(2), which Linux never restarts, so `stopped` is looked at as soon as one
/// comes; the timeout only covers a signal that came just before the wait began.
#[cfg(unix)]
fn wait_for_line(stopped: &dyn Fn() -> bool) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    let mut fd = libc::pollfd {
        fd: std::io::stdin().as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    loop {
        if stopped() {
            return Ok(false);
        }
        // SAFETY: one valid pollfd, and the count says one.
        let ready = unsafe { libc::poll(&mut fd, 1, 250) };
        if ready > 0 {
            return Ok(true);
        }
        let error = std::io::Error::last_os_error();
        if ready < 0 && error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

#[cfg(not(unix))]
fn wait_for_line(stopped: &dyn Fn() -> bool) -> std::io::Result<bool> {
    Ok(!stopped())
}

/// A progress line on a terminal: drawn over the one before (`\r`), without a line break,
/// until [`clear_progress`] blanks it. Like every line here, losing it is not worth failing for.
pub fn progress(message: &Message) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r{}", message.render());
    let _ = err.flush();
}

/// Blanks a progress line of up to `width` columns, leaving the cursor at its start.
pub fn clear_progress(width: usize) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r{:width$}\r", "");
    let _ = err.flush();
}

pub fn note(message: &Message) {
    say(Level::Note, message);
}

pub fn warn(message: &Message) {
    say(Level::Warning, message);
}

pub fn plain(message: &Message) {
    say(Level::Plain, message);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_fill_their_places_and_are_sanitised() {
        let m = msg!("error", error = "erin\x1b[2J");
        assert_eq!(m.render_in(Lang::En), "erin\\u{1b}[2J");
    }

    #[test]
    fn a_value_is_one_line_unless_given_as_lines() {
        let one = msg!("error", error = "a\nerror: forged");
        assert_eq!(one.render_in(Lang::En), "a\\nerror: forged");
        let lines = Message::new("error").arg_lines("error", "a\n  b\x07");
        assert_eq!(lines.render_in(Lang::En), "a\n  b\\u{7}");
    }

    #[test]
    fn a_language_renders_its_own_words_and_spaces_are_kept() {
        let m = msg!("sessions-confirm", count = 3);
        assert_eq!(m.render_in(Lang::En), "Cancel these 3 session(s)? [y/N] ");
    }

    #[test]
    fn chinese_lines_have_chinese_prefixes_and_english_ones_stay() {
        assert_eq!(Level::Error.prefix(Lang::En), "error: ");
        assert_eq!(Level::Hint.prefix(Lang::En), "  hint: ");
        assert_eq!(Level::Error.prefix(Lang::Zh), "错误：");
        assert_eq!(Level::Hint.prefix(Lang::Zh), "  建议：");
        assert_eq!(Level::Detail.prefix(Lang::Zh), "* ");
    }

    #[test]
    fn yes_is_y_or_yes_and_in_chinese_also_shi() {
        for lang in [Lang::En, Lang::Zh] {
            assert!(is_yes("y\n", lang));
            assert!(is_yes(" YES \n", lang));
            assert!(!is_yes("n\n", lang));
            assert!(!is_yes("", lang));
        }
        assert!(is_yes("是\n", Lang::Zh));
        assert!(!is_yes("是\n", Lang::En));
        assert!(!is_yes("否\n", Lang::Zh));
    }

    #[test]
    fn a_chinese_text_keeps_its_arguments_and_trailing_space() {
        let m = msg!("sessions-confirm", count = 3);
        assert_eq!(m.render_in(Lang::Zh), "取消这 3 个会话？[y/N] ");
        let m = msg!("cancel-nothing", desktop = "d-1");
        assert_eq!(
            m.render_in(Lang::Zh),
            "无需取消：云桌面 d-1 没有活动的远程协助"
        );
    }

    #[test]
    fn a_translated_value_is_the_library_s_in_english_and_the_catalogue_s_elsewhere() {
        let said = msg!("units-flaw", flaw = "no-number", unit = "");
        let m = msg!("units-not-a-duration", text = "abc").translated("why", "jiff\x1b", said);
        assert_eq!(
            m.render_in(Lang::En),
            "\"abc\" is not a duration (jiff\\u{1b}); write it like 500ms, 5s, 2m or 1h"
        );
        assert_eq!(
            m.render_in(Lang::Zh),
            "\"abc\" 不是时长（其中没有数字）；请写成 500ms、5s、2m 或 1h 这样的形式"
        );
    }

    #[test]
    fn an_unknown_id_still_says_its_values() {
        let m = msg!("no-such-id", a = 1, b = "two");
        assert_eq!(m.render(), "no-such-id 1 two");
    }

    #[test]
    fn debug_names_the_arguments_not_their_values() {
        let m = msg!("x", secret = "s3cr3t");
        assert_eq!(format!("{m:?}"), "Message(x [\"secret\"])");
    }

    /// Each id with the argument names its text uses, for one language.
    fn catalogue_of(lang: Lang) -> std::collections::BTreeMap<String, Vec<String>> {
        let mut all = std::collections::BTreeMap::new();
        for (file, source) in catalogue::files(lang) {
            let mut current: Option<String> = None;
            for line in source.lines() {
                if line.starts_with(|c: char| c.is_ascii_lowercase()) {
                    let id = line.split_once(" =").map(|(id, _)| id.trim().to_string());
                    let id = id.unwrap_or_else(|| panic!("{file}: not a message: {line}"));
                    assert!(
                        all.insert(id.clone(), Vec::new()).is_none(),
                        "{}/{file}: {id} is defined twice",
                        lang.tag()
                    );
                    current = Some(id);
                }
                if let Some(id) = &current {
                    let names = all.get_mut(id).unwrap();
                    for (i, _) in line.match_indices("{ $") {
                        let rest = &line[i + 3..];
                        let name = rest.split([' ', '}']).next().unwrap_or("").to_string();
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    names.sort();
                }
            }
        }
        all
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_arguments() {
        let en = catalogue_of(Lang::En);
        let zh = catalogue_of(Lang::Zh);
        let only_en: Vec<&String> = en.keys().filter(|id| !zh.contains_key(*id)).collect();
        let only_zh: Vec<&String> = zh.keys().filter(|id| !en.contains_key(*id)).collect();
        assert!(only_en.is_empty(), "no Chinese text for: {only_en:?}");
        assert!(only_zh.is_empty(), "no English text for: {only_zh:?}");
        for (id, names) in &en {
            assert_eq!(names, &zh[id], "{id}: the languages name other arguments");
        }
    }

    #[test]
    fn every_catalogue_parses_and_every_place_is_a_name() {
        for lang in [Lang::En, Lang::Zh] {
            for (id, names) in catalogue_of(lang) {
                let args: Vec<(&str, String)> =
                    names.iter().map(|n| (n.as_str(), "x".into())).collect();
                for name in &names {
                    assert!(
                        !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                        "{}: {id}: bad place {{ ${name} }}",
                        lang.tag()
                    );
                }
                let rendered = catalogue::text(lang, &id, &args);
                assert!(rendered.is_some(), "{}: {id} does not parse", lang.tag());
            }
        }
    }

    /// Every id of the catalogue is said somewhere: a row nobody uses is a translation
    /// nobody reads.
    #[test]
    fn no_catalogue_has_an_unused_id() {
        let text = all_sources();
        // The help's ids are made from the command tree (cli/help.rs tests them against it).
        let help: Vec<String> = catalogue::files(Lang::En)
            .iter()
            .filter(|(name, _)| name == "help.ftl")
            .flat_map(|(_, source)| catalogue::ids_of(source))
            .filter(|id| !id.starts_with("usage-"))
            .collect();
        let unused: Vec<String> = catalogue_of(Lang::En)
            .into_keys()
            .filter(|id| !help.contains(id))
            .filter(|id| !text.contains(&format!("\"{id}\"")))
            .collect();
        assert!(unused.is_empty(), "ids no source names: {unused:?}");
    }

    /// The text of every source file, but for this file's examples (not messages) and the
    /// tests of this room (which render ids to check them, not to say them).
    fn all_sources() -> String {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files
            .iter()
            .filter(|f| !f.ends_with("messages/mod.rs"))
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                match f.starts_with(src.join("messages")) {
                    true => text.split("#[cfg(test)]").next().unwrap_or("").to_string(),
                    false => text,
                }
            })
            .collect()
    }

    /// Every `.rs` file under `dir`.
    fn rust_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }

    /// A message id the source names but the catalogue lacks would print as its bare id.
    #[test]
    fn every_id_the_source_names_is_in_the_catalogue() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        // This file's own examples are not messages.
        files.retain(|f| !f.ends_with("messages/mod.rs"));
        let is_id = |id: &str| {
            !id.is_empty()
                && !id.ends_with('-')
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        let mut missing = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // `"hint-…"` and `"ask-…"` too: hints and questions may be named by a bare id.
            let openers = [
                ("msg!(\"", ""),
                ("Message::new(\"", ""),
                ("\"hint-", "hint-"),
                ("\"ask-", "ask-"),
            ];
            for (opener, prefix) in openers {
                for (i, _) in text.match_indices(opener) {
                    let rest = &text[i + opener.len()..];
                    let id = format!("{prefix}{}", rest.split('"').next().unwrap_or(""));
                    if is_id(&id) && !catalogue::has(Lang::En, &id) {
                        missing.push(format!("{}: {id}", file.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "ids without a catalogue row:\n{}",
            missing.join("\n")
        );
    }
}
