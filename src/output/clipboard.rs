//! `--copy`: the invitation code onto the clipboard through the terminal (OSC 52), which works
//! over SSH too; only a terminal understands it, so nothing is sent into a pipe. Only a code
//! that `-o code` prints as it is goes to the clipboard: a server's code with a control or
//! format character (a newline, `ESC[201~` that ends a bracketed paste, a bidi override) is a
//! paste-jacking attempt, and is refused.

use std::io::{IsTerminal, Write};

use base64::Engine;

use crate::messages::{self, msg};

/// The escape sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\u{1b}]52;c;{encoded}\u{7}")
}

/// Puts `code` on the clipboard when stdout is a terminal and the code is safe to paste; says
/// what happened on stderr.
pub fn copy_code(code: Option<&str>) -> std::io::Result<()> {
    let mut stdout = std::io::stdout();
    match code {
        Some(code) if !pasteable(code) => messages::warn(&msg!("copy-refused-unsafe")),
        Some(code) if stdout.is_terminal() => {
            stdout.write_all(osc52(code).as_bytes())?;
            stdout.flush()?;
            messages::plain(&msg!("copy-done"));
        }
        Some(_) => messages::plain(&msg!("copy-not-a-terminal")),
        None => messages::plain(&msg!("copy-no-code")),
    }
    Ok(())
}

/// Whether `code` is exactly what `-o code` prints (nothing escaped, no secret masked) and
/// holds no control (C0, DEL, C1) or format character, nor a line or paragraph separator.
fn pasteable(code: &str) -> bool {
    crate::text::sanitize(code) == code
        && !code
            .chars()
            .any(|c| c.is_control() || is_unicode_format(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Unicode's general category Cf (format characters), whole: invisible characters that change
/// how the text around them reads (bidi marks, overrides and isolates, joiners, tags).
fn is_unicode_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_code_in_base64() {
        assert_eq!(osc52("D1F32AA6"), "\u{1b}]52;c;RDFGMzJBQTY=\u{7}");
    }

    #[test]
    fn only_a_code_with_nothing_hidden_may_be_pasted() {
        assert!(pasteable("D1F32AA6"));
        for hostile in [
            "D1F32AA6\u{1b}[201~\nrm -rf ~\n",
            "AB\u{202e}DC",
            "AB\u{1b}[2JCD",
            "AB\u{9b}2J",
            "AB\u{7f}",
            "AB\tCD",
            "AB\u{2028}CD",
            "AB\u{2060}CD",
            "AB\u{061c}CD",
            "AB\u{e0041}CD",
            "AB\u{ad}CD",
        ] {
            assert!(!pasteable(hostile), "{hostile:?}");
        }
    }
}
