//! Help in another language laid out within the terminal. clap wraps help at spaces only, and
//! a Chinese sentence has none: it would run past the edge. So the tree it prints from holds
//! its texts with no-break spaces (clap then leaves every text line whole, deciding the columns
//! as it always does), and a mark where each help text starts; the help clap renders is then
//! wrapped here, where a line may break (UAX #14: between CJK characters, never before a
//! closing mark), its continuation lines starting under the mark, as clap's do. English is
//! clap's own, untouched.

use std::io::Write;

use clap::builder::StyledStr;
use clap::error::ErrorKind;
use clap::{Arg, Command};
use unicode_width::UnicodeWidthStr;

use super::help::usage_in_words;
use crate::messages::{self, Lang};

/// Where a text starts: its continuation lines line up under it. Zero columns wide (clap
/// measures with unicode-width too), and in no catalogue text.
const COLUMN: char = '\u{2060}';

/// A space clap must not break a line at: the line is broken here, after clap's layout.
const KEEP: char = '\u{a0}';

/// The widest help clap lays out (`max_term_width` of the command line): wider terminals get
/// this many columns.
pub const MAX_WIDTH: usize = 100;

/// The widest text in brackets kept on one line: `[环境变量: ASSIST_PROJECT_ID]`.
const NOTE: usize = 30;

/// Fewer columns than this left after the mark: the line is wrapped at its indentation
/// instead (an example whose command already fills the line).
const NARROWEST: usize = 12;

/// The tree `--help` is printed from, in `lang`: English as it is; else every text with
/// no-break spaces and its mark, and the width clap lays it out in fixed to the one this
/// module wraps to.
pub fn for_terminal(cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    prepared(cmd, width())
}

/// One command and its subcommands, prepared (`for_terminal`).
fn prepared(cmd: Command, width: usize) -> Command {
    let text = |t: Option<&StyledStr>| t.map(|t| marked(&t.to_string()));
    let (about, long_about) = (text(cmd.get_about()), text(cmd.get_long_about()));
    let after = cmd
        .get_after_help()
        .map(|t| examples_marked(&t.to_string()));
    let mut cmd = cmd.term_width(width).mut_args(arg_prepared);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    if let Some(after) = after {
        cmd = cmd.after_help(after);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| prepared(sub, width));
    }
    cmd
}

fn arg_prepared(arg: Arg) -> Arg {
    let help = arg.get_help().map(|t| marked(&t.to_string()));
    let long = arg.get_long_help().map(|t| marked(&t.to_string()));
    let arg = match help {
        Some(help) => arg.help(help),
        None => arg,
    };
    match long {
        Some(long) => arg.long_help(long),
        None => arg,
    }
}

/// A help text: the mark, then the text with no-break spaces.
fn marked(text: &str) -> String {
    format!("{COLUMN}{}", text.replace(' ', &KEEP.to_string()))
}

/// The examples: each indented line marked where its comment starts (after `# `, else after
/// the last gap of two spaces), so that a comment goes on under itself.
fn examples_marked(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let body = line.trim_start();
            let indent = line.len() - body.len();
            let comment = body
                .find(" # ")
                .map(|i| i + 3)
                .or_else(|| body.rfind("  ").map(|i| i + 2))
                .filter(|_| indent > 0);
            let line = match comment {
                Some(at) => format!("{}{COLUMN}{}", &line[..indent + at], &body[at..]),
                None => line.to_string(),
            };
            line.replace(' ', &KEEP.to_string())
        })
        .collect();
    lines.join("\n")
}

/// The width clap lays help out in, by its own rule: the terminal's, else `COLUMNS`, else 100;
/// at most [`MAX_WIDTH`].
fn width() -> usize {
    let terminal = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
    let columns = || std::env::var("COLUMNS").ok()?.parse().ok();
    terminal.or_else(columns).unwrap_or(100).min(MAX_WIDTH)
}

/// Prints clap's help (`--help`, or a command's help when its subcommand is missing) laid out
/// within the width, when the run's language is not English; false: clap prints it itself.
pub fn print_help(err: &clap::Error) -> bool {
    let lang = messages::lang::current();
    let help = matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || !help {
        return false;
    }
    let text = lay_out(&err.render().ansi().to_string(), width(), lang);
    // As clap writes it: colour only on a terminal that takes it; a closed pipe is no error.
    let _ = match err.use_stderr() {
        true => anstream::stderr().lock().write_all(text.as_bytes()),
        false => anstream::stdout().lock().write_all(text.as_bytes()),
    };
    true
}

/// The help as clap rendered it from the prepared tree, each line within `width` columns; the
/// usage line says `[OPTIONS]` in words and goes on under itself.
fn lay_out(text: &str, width: usize, lang: Lang) -> String {
    let heading = messages::text_of(lang, "heading-usage").unwrap_or_default();
    let usage = format!("{heading}: ");
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let (line, end) = match line.strip_suffix('\n') {
            Some(line) => (line, "\n"),
            None => (line, ""),
        };
        let line = match plain(line).starts_with(&usage) && !line.contains(COLUMN) {
            true => marked_after(&usage_in_words(line, lang), &usage),
            false => line.to_string(),
        };
        out.push_str(&wrap_line(&line, width).join("\n"));
        out.push_str(end);
    }
    out
}

/// `line` with the mark after its first `prefix` (the prefix's styles may stand around it).
fn marked_after(line: &str, prefix: &str) -> String {
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        if seen == prefix.len() {
            return format!("{}{COLUMN}{}", &line[..i], &line[i..]);
        }
        if prefix[seen..].starts_with(c) {
            seen += c.len_utf8();
        }
    }
    line.to_string()
}

/// One line within `width` columns: continuation lines start at the mark's column, else at
/// the line's own indentation. A line that fits, or that cannot be broken, stays as it is.
fn wrap_line(line: &str, width: usize) -> Vec<String> {
    let line = line.replace(KEEP, " ");
    let at_mark = line.split_once(COLUMN).map(|(head, body)| {
        let body = body.replace(COLUMN, "");
        (head.to_string(), body)
    });
    let indented = || {
        let body = line.replace(COLUMN, "");
        let head_len = body.len() - body.trim_start_matches(' ').len();
        (body[..head_len].to_string(), body[head_len..].to_string())
    };
    let (head, body) = match at_mark {
        Some((head, _)) if columns(&head) + NARROWEST > width => indented(),
        Some(parts) => parts,
        None => indented(),
    };
    let indent = columns(&head);
    if indent + columns(&body) <= width {
        return vec![format!("{head}{body}")];
    }
    let mut pieces = broken(&body, width.saturating_sub(indent)).into_iter();
    let first = format!("{head}{}", pieces.next().unwrap_or_default());
    let rest = pieces.map(|piece| format!("{:indent$}{piece}", ""));
    std::iter::once(first).chain(rest).collect()
}

/// `text` in lines of at most `width` columns, broken where a line may break; a piece that
/// cannot be broken runs over.
fn broken(text: &str, width: usize) -> Vec<String> {
    let (plain, starts) = visible(text);
    let breaks = breaks(&plain);
    // The escapes before the first character go with the first piece.
    let cut = |from: usize, to: usize| -> String {
        let start = if from == 0 { 0 } else { starts[from] };
        text[start..starts[to]].trim_end_matches(' ').to_string()
    };
    let mut pieces = Vec::new();
    let mut from = 0;
    while from < plain.len() {
        let fits = |to: &usize| columns(plain[from..*to].trim_end_matches(' ')) <= width;
        let ends = breaks.iter().copied().chain([plain.len()]);
        let after: Vec<usize> = ends.filter(|b| *b > from).collect();
        let to = match after.iter().copied().take_while(fits).last() {
            Some(to) => to,
            None => after.first().copied().unwrap_or(plain.len()),
        };
        pieces.push(cut(from, to));
        from = to;
    }
    pieces
}

/// The text without its escapes, and where each of its bytes starts in `text` (one past the
/// end: `text`'s length); an escape goes with the character before it.
fn visible(text: &str) -> (String, Vec<usize>) {
    let mut plain = String::new();
    let mut starts = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [, parameters, then a final byte in @..~.
            chars.next_if(|(_, c)| *c == '[');
            while chars.next_if(|(_, c)| !('@'..='~').contains(c)).is_some() {}
            chars.next();
            continue;
        }
        plain.push(c);
        starts.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    starts.push(text.len());
    (plain, starts)
}

/// Where in `plain` a new line may start: UAX #14's opportunities, less those inside a run of
/// ASCII (a flag, a number, a path, a URL), inside a placeholder (`<时长>`, `[桌面ID]`) or a
/// short note (`[默认值: 5s]`), right after `label: `, after a comment's `#` and before a
/// command's closing `\`.
fn breaks(plain: &str) -> Vec<usize> {
    let inside = placeholders(plain);
    unicode_linebreak::linebreaks(plain)
        .map(|(at, _)| at)
        .filter(|at| *at < plain.len() && !inside.contains(at))
        .filter(|at| {
            let (before, after) = plain.split_at(*at);
            let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_graphic());
            let in_word = ascii(before.chars().next_back()) && ascii(after.chars().next());
            let glued = before.ends_with(": ")
                || before.trim_end().rsplit(' ').next() == Some("#")
                || after.trim_end() == "\\";
            !in_word && !glued
        })
        .collect()
}

/// The offsets inside a placeholder: `<…>`, nested or with spaces (`<桌面ID|--name <计算机名>>`,
/// `<桌面ID... 文本>`), and `[…]` narrower than [`NOTE`] (`[桌面ID]`, `[默认值: 5s]`; a longer
/// one is a sentence, which breaks like any other).
fn placeholders(plain: &str) -> Vec<usize> {
    let mut inside = Vec::new();
    let mut from = 0;
    while let Some(start) = plain[from..].find(['<', '[']).map(|i| from + i) {
        from = start + 1;
        let rest = &plain[start + 1..];
        let end = match plain[start..].starts_with('<') {
            true => closing(rest),
            false => rest
                .find([']', '['])
                .filter(|i| rest[*i..].starts_with(']') && rest[..*i].width() < NOTE),
        };
        // A long note still keeps its label whole: `[默认值:`.
        let label = || rest.find(':').filter(|i| !rest[..*i].contains([' ', ']']));
        match (end, label()) {
            (Some(end), _) if end > 0 && !rest.starts_with(' ') => {
                inside.extend(start + 1..=start + 1 + end);
                from = start + 2 + end;
            }
            (None, Some(colon)) if plain[start..].starts_with('[') => {
                inside.extend(start + 1..=start + 1 + colon);
            }
            _ => {}
        }
    }
    inside
}

/// Where the `>` that closes a `<` stands in `rest` (what follows the `<`), nested ones counted.
fn closing(rest: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '<' => depth += 1,
            '>' if depth == 0 => return Some(i),
            '>' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The columns a text takes on a terminal, its escapes taking none.
fn columns(text: &str) -> usize {
    visible(text).0.width()
}

/// The text of a line without its escapes and marks.
fn plain(line: &str) -> String {
    visible(line).0.replace(COLUMN, "").replace(KEEP, " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_kept_spaces_take_no_room_of_their_own() {
        assert_eq!(COLUMN.to_string().width(), 0);
        assert_eq!(KEEP.to_string().width(), 1);
        assert_eq!(columns("\x1b[1m选项:\x1b[0m"), 5);
    }

    #[test]
    fn chinese_breaks_between_characters_never_before_a_closing_mark() {
        let text = "同时监视具有此计算机名的云桌面（完全匹配，否则为所有部分匹配）";
        let lines = broken(text, 20);
        assert_eq!(
            lines,
            [
                "同时监视具有此计算机",
                "名的云桌面（完全匹",
                "配，否则为所有部分匹",
                "配）"
            ]
        );
        for line in &lines {
            assert!(line.width() <= 20, "{line}");
            assert!(!line.starts_with(['，', '）']), "{line}");
        }
    }

    #[test]
    fn flags_placeholders_numbers_and_paths_stay_whole() {
        let text = "配合 --exec-timeout <时长> 结束 GET/DELETE 请求 12345 次 [桌面ID]... ~/.config/assist/config.toml";
        for width in 4..40 {
            let lines = broken(text, width);
            let joined: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            for whole in [
                "--exec-timeout",
                "<时长>",
                "GET/DELETE",
                "12345",
                "[桌面ID]...",
                "~/.config/assist/config.toml",
            ] {
                assert!(joined.contains(&whole), "{width}: {whole} in {lines:?}");
            }
        }
    }

    #[test]
    fn a_line_goes_on_under_its_mark_or_its_indentation() {
        let line =
            format!("  -i, --interval <时长>  {COLUMN}每个云桌面的轮询间隔（请求分散在间隔内）");
        assert_eq!(
            wrap_line(&line, 40),
            [
                "  -i, --interval <时长>  每个云桌面的轮",
                "                         询间隔（请求分",
                "                         散在间隔内）",
            ]
        );
        let line = format!(
            "          {}",
            "监视项目中的所有云桌面，每隔 --relist 重新列出"
        );
        assert_eq!(
            wrap_line(&line.replace(' ', &KEEP.to_string()), 30),
            [
                "          监视项目中的所有云桌",
                "          面，每隔 --relist 重",
                "          新列出"
            ]
        );
        assert_eq!(wrap_line("  短行", 30), ["  短行"]);
    }

    #[test]
    fn an_example_goes_on_under_its_comment() {
        let text = examples_marked(
            "示例：\n  assist watch --all --relist 5m    # 整个项目，包括新增的云桌面",
        );
        let line = text.lines().nth(1).unwrap();
        assert_eq!(
            wrap_line(line, 50),
            [
                "  assist watch --all --relist 5m    # 整个项目，包",
                "                                      括新增的云桌",
                "                                      面",
            ]
        );
    }

    #[test]
    fn the_usage_line_says_options_in_words_and_goes_on_under_itself() {
        let text = "用法: assist start [OPTIONS] <桌面ID|--name <计算机名>|--user <用户名>>\n";
        let laid = lay_out(text, 40, Lang::Zh);
        let options = usage_in_words("[OPTIONS]", Lang::Zh);
        assert_eq!(options, "[选项]");
        assert_eq!(
            laid,
            format!(
                "用法: assist start {options}\n      <桌面ID|--name <计算机名>|--user <用户名>>\n"
            )
        );
    }
}
