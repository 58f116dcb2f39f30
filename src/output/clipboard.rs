//! `--copy`: the invitation code onto the clipboard through the terminal (OSC 52), which works
//! over SSH too; only a terminal understands it, so nothing is sent into a pipe.

use std::io::{IsTerminal, Write};

use base64::Engine;

use crate::messages::{self, msg};

/// The escape sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\u{1b}]52;c;{encoded}\u{7}")
}

/// Puts `code` on the clipboard when stdout is a terminal; says what happened on stderr.
pub fn copy_code(code: Option<&str>) -> std::io::Result<()> {
    let mut stdout = std::io::stdout();
    match code {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_code_in_base64() {
        assert_eq!(osc52("D1F32AA6"), "\u{1b}]52;c;RDFGMzJBQTY=\u{7}");
    }
}
